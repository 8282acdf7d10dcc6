package io.sluice.engine.core;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.protocol.Settings;

/**
 * Exchange trading sessions as sorted [open, close) intervals in epoch nanoseconds, computed once at start
 * with java.time (time zones, daylight saving, holidays) so the core answers "is it open?" by binary search
 * on a long[] — no java.time object and no allocation on the hot path, and the same answer on every replay.
 * <pre>
 * ALWAYS, CRYPTO                 24/7
 * NSE, BSE, NFO                  09:15–15:30 Asia/Kolkata, Mon–Fri, minus sluice.calendar.NSE.holidays
 * MCX                            09:00–23:30 Asia/Kolkata, Mon–Fri, minus holidays
 * FOREX                          Sunday 22:00 – Friday 22:00 UTC
 * any ID                         sluice.calendar.ID.zone / open / close (HH:MM) / days (MON,…) / holidays (yyyy-mm-dd,…)
 * </pre>
 * Tables span {@code sluice.calendar.fromYear} (2020) to {@code sluice.calendar.toYear} (2040).
 */
final class SessionCalendars
{
    static final int ALWAYS = 0;

    private final List<String> names = new ArrayList<>();
    private final List<long[]> intervals = new ArrayList<>();
    private final List<Boolean> intraday = new ArrayList<>();

    SessionCalendars(final Settings settings)
    {
        names.add("ALWAYS");
        intervals.add(null);
        intraday.add(false);
        final int fromYear = settings.getInt("sluice.calendar.fromYear", 2020);
        final int toYear = settings.getInt("sluice.calendar.toYear", 2040);
        final Map<String, String[]> builtIn = new LinkedHashMap<>();
        builtIn.put("NSE", new String[] { "Asia/Kolkata", "09:15", "15:30", "MON,TUE,WED,THU,FRI" });
        builtIn.put("BSE", new String[] { "Asia/Kolkata", "09:15", "15:30", "MON,TUE,WED,THU,FRI" });
        builtIn.put("NFO", new String[] { "Asia/Kolkata", "09:15", "15:30", "MON,TUE,WED,THU,FRI" });
        builtIn.put("MCX", new String[] { "Asia/Kolkata", "09:00", "23:30", "MON,TUE,WED,THU,FRI" });
        for (final Map.Entry<String, String[]> entry : builtIn.entrySet())
        {
            define(settings, entry.getKey(), entry.getValue(), fromYear, toYear);
        }
        names.add("FOREX");
        intervals.add(forex(fromYear, toYear));
        intraday.add(false);
        for (final String id : settings.getList("sluice.calendars", ""))
        {
            if (indexOf(id) < 0)
            {
                define(settings, id, new String[] { "UTC", "00:00", "23:59", "MON,TUE,WED,THU,FRI" }, fromYear, toYear);
            }
        }
    }

    private void define(final Settings settings, final String id, final String[] defaults, final int fromYear, final int toYear)
    {
        final String prefix = "sluice.calendar." + id + ".";
        final ZoneId zone = ZoneId.of(settings.get(prefix + "zone", defaults[0]));
        final LocalTime open = LocalTime.parse(settings.get(prefix + "open", defaults[1]));
        final LocalTime close = LocalTime.parse(settings.get(prefix + "close", defaults[2]));
        final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (final String day : settings.getList(prefix + "days", defaults[3]))
        {
            days.add(dayOf(day));
        }
        final Set<LocalDate> holidays = new HashSet<>();
        for (final String date : settings.getList(prefix + "holidays", ""))
        {
            holidays.add(LocalDate.parse(date));
        }
        final List<long[]> list = new ArrayList<>();
        for (LocalDate date = LocalDate.of(fromYear, 1, 1); date.getYear() < toYear; date = date.plusDays(1))
        {
            if (days.contains(date.getDayOfWeek()) && !holidays.contains(date))
            {
                list.add(new long[] { nanos(ZonedDateTime.of(date, open, zone)), nanos(ZonedDateTime.of(date, close, zone)) });
            }
        }
        names.add(id);
        intervals.add(flatten(list));
        intraday.add(true);
    }

    private static long[] forex(final int fromYear, final int toYear)
    {
        final List<long[]> list = new ArrayList<>();
        LocalDate sunday = LocalDate.of(fromYear, 1, 1);
        while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY)
        {
            sunday = sunday.plusDays(1);
        }
        for (; sunday.getYear() < toYear; sunday = sunday.plusWeeks(1))
        {
            list.add(new long[] {
                nanos(ZonedDateTime.of(sunday, LocalTime.of(22, 0), ZoneOffset.UTC)),
                nanos(ZonedDateTime.of(sunday.plusDays(5), LocalTime.of(22, 0), ZoneOffset.UTC)) });
        }
        return flatten(list);
    }

    private static long[] flatten(final List<long[]> list)
    {
        final long[] flat = new long[list.size() * 2];
        for (int i = 0; i < list.size(); i++)
        {
            flat[2 * i] = list.get(i)[0];
            flat[2 * i + 1] = list.get(i)[1];
        }
        return flat;
    }

    static long nanos(final ZonedDateTime time)
    {
        return time.toEpochSecond() * 1_000_000_000L + time.getNano();
    }

    static DayOfWeek dayOf(final String text)
    {
        for (final DayOfWeek day : DayOfWeek.values())
        {
            if (day.name().startsWith(text.trim().toUpperCase()))
            {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + text);
    }

    /**
     * Id of a calendar by name.
     *
     * @param name calendar name (CRYPTO is ALWAYS).
     * @return its id.
     * @throws IllegalArgumentException for an unknown name.
     */
    int id(final String name)
    {
        final String upper = name.toUpperCase();
        final int id = upper.equals("CRYPTO") ? ALWAYS : indexOf(upper);
        if (id < 0)
        {
            throw new IllegalArgumentException("unknown calendar " + name + "; known: " + names + " (define more with sluice.calendars)");
        }
        return id;
    }

    private int indexOf(final String name)
    {
        return names.indexOf(name);
    }

    String name(final int id)
    {
        return names.get(id);
    }

    /** Whether an exchange calendar's positions are intraday (square-off applies). */
    boolean isExchangeSession(final int id)
    {
        return intraday.get(id);
    }

    /** Whether the calendar is open at this event time. Binary search; no allocation. */
    boolean isOpen(final int id, final long nowNs)
    {
        final long[] table = intervals.get(id);
        if (table == null)
        {
            return true;
        }
        int low = 0;
        int high = table.length / 2 - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (nowNs < table[2 * mid])
            {
                high = mid - 1;
            }
            else if (nowNs >= table[2 * mid + 1])
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Daily instants of a wall-clock time in a zone (day resets, square-off), sorted, for the table's years.
     *
     * @param zone     time zone, e.g. Asia/Kolkata.
     * @param time     wall-clock time, e.g. 08:00.
     * @param weekdays only Monday to Friday when true.
     * @param fromYear first year.
     * @param toYear   year after the last.
     * @return epoch-ns instants.
     */
    static long[] dailyInstants(final ZoneId zone, final LocalTime time, final boolean weekdays, final int fromYear, final int toYear)
    {
        final List<Long> list = new ArrayList<>();
        for (LocalDate date = LocalDate.of(fromYear, 1, 1); date.getYear() < toYear; date = date.plusDays(1))
        {
            if (!weekdays || (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY))
            {
                list.add(nanos(ZonedDateTime.of(date, time, zone)));
            }
        }
        final long[] instants = new long[list.size()];
        for (int i = 0; i < instants.length; i++)
        {
            instants[i] = list.get(i);
        }
        return instants;
    }

    /** The first instant strictly after nowNs, or Long.MAX_VALUE. Binary search; no allocation. */
    static long nextAfter(final long[] instants, final long nowNs)
    {
        int low = 0;
        int high = instants.length - 1;
        long next = Long.MAX_VALUE;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (instants[mid] > nowNs)
            {
                next = instants[mid];
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }
        return next;
    }
}
