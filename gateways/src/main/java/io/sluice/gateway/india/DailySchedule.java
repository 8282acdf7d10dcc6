package io.sluice.gateway.india;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock times of day in the market's zone (Asia/Kolkata by default), turned into epoch nanoseconds of the agent's
 * clock: when the next morning job is due, which trading date a time belongs to, whether a time is inside a window.
 */
public final class DailySchedule
{
    private final ZoneId zone;

    /**
     * A schedule in a zone.
     *
     * @param zone the market's zone.
     */
    public DailySchedule(final ZoneId zone)
    {
        this.zone = zone;
    }

    /**
     * The zone.
     *
     * @return the zone.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * Next time strictly after now that the wall clock shows a time of day.
     *
     * @param nowNs     epoch nanoseconds.
     * @param timeOfDay local time in the zone.
     * @return epoch nanoseconds of the next occurrence.
     */
    public long nextAfter(final long nowNs, final LocalTime timeOfDay)
    {
        final ZonedDateTime now = toZoned(nowNs);
        ZonedDateTime next = now.toLocalDate().atTime(timeOfDay).atZone(zone);
        if (!next.isAfter(now))
        {
            next = next.plusDays(1);
        }
        final Instant instant = next.toInstant();
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /**
     * Local date of a time in the zone (the trading date).
     *
     * @param nowNs epoch nanoseconds.
     * @return the date.
     */
    public LocalDate date(final long nowNs)
    {
        return toZoned(nowNs).toLocalDate();
    }

    /**
     * Whether the local time of day is inside a window [from, to).
     *
     * @param nowNs  epoch nanoseconds.
     * @param window the window.
     * @return true when inside.
     */
    public boolean inside(final long nowNs, final Window window)
    {
        final LocalTime time = toZoned(nowNs).toLocalTime();
        return !time.isBefore(window.from) && time.isBefore(window.to);
    }

    private ZonedDateTime toZoned(final long nowNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(nowNs, 1_000_000_000L), Math.floorMod(nowNs, 1_000_000_000L)).atZone(zone);
    }

    /**
     * Parse a time of day setting ("08:15").
     *
     * @param key  setting name for the error.
     * @param text the value.
     * @return the time.
     */
    public static LocalTime time(final String key, final String text)
    {
        try
        {
            return LocalTime.parse(text.trim());
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(key + " must be a time of day like 08:15, was '" + text + "'");
        }
    }

    /**
     * A time-of-day window such as the market session or the cleanup window.
     *
     * @param from first time inside.
     * @param to   first time after.
     */
    public record Window(LocalTime from, LocalTime to)
    {
        /**
         * Parse "09:15-15:30".
         *
         * @param key  setting name for the error.
         * @param text the value.
         * @return the window.
         */
        public static Window parse(final String key, final String text)
        {
            final int dash = text.indexOf('-');
            if (dash <= 0)
            {
                throw new IllegalArgumentException(key + " must look like 09:15-15:30, was '" + text + "'");
            }
            final Window window = new Window(time(key, text.substring(0, dash)), time(key, text.substring(dash + 1)));
            if (!window.from.isBefore(window.to))
            {
                throw new IllegalArgumentException(key + " must start before it ends, was '" + text + "'");
            }
            return window;
        }
    }
}
