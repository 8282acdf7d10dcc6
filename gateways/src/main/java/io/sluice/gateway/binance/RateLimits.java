package io.sluice.gateway.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What Binance lets this gateway send: request weight and order counts per window, learned from
 * {@code exchangeInfo} and kept current from every response's {@code X-MBX-USED-WEIGHT-*} /
 * {@code X-MBX-ORDER-COUNT-*} headers and the WebSocket API's {@code rateLimits}, plus the back-off a 429 or 418
 * imposed through {@code Retry-After}. Windows are aligned to the venue clock's boundaries, as Binance counts them.
 * Requests are held back a configurable headroom before a limit, so the gateway throttles itself instead of being
 * refused. Agent thread only.
 */
public final class RateLimits
{
    /** Request weight windows. */
    public static final String WEIGHT = "REQUEST_WEIGHT";
    /** Order count windows. */
    public static final String ORDERS = "ORDERS";

    private final List<Window> windows = new ArrayList<>();
    private final int headroomPct;
    private long backoffUntilNs;
    private boolean banned;
    private int refusals;

    /**
     * Limits with a safety margin.
     *
     * @param headroomPct percent of each limit kept unused, 0..90.
     */
    public RateLimits(final int headroomPct)
    {
        if (headroomPct < 0 || headroomPct > 90)
        {
            throw new IllegalArgumentException("rate limit headroom must be 0..90 percent, was " + headroomPct);
        }
        this.headroomPct = headroomPct;
    }

    /**
     * Set (or add) the limit of a window, e.g. from exchangeInfo's rateLimits.
     *
     * @param type       {@link #WEIGHT} or {@link #ORDERS}.
     * @param intervalMs window length.
     * @param limit      most weight or orders in the window.
     */
    public void limit(final String type, final long intervalMs, final long limit)
    {
        window(type, intervalMs).limit = limit;
    }

    /**
     * Record a count the venue reported for a window (headers, WebSocket rateLimits).
     *
     * @param type       {@link #WEIGHT} or {@link #ORDERS}.
     * @param intervalMs window length.
     * @param count      used weight or order count in the current window.
     * @param venueMs    venue time of the report.
     */
    public void observe(final String type, final long intervalMs, final long count, final long venueMs)
    {
        final Window window = window(type, intervalMs);
        window.roll(venueMs);
        window.count = Math.max(window.count, count);
    }

    /**
     * Record a header such as {@code X-MBX-USED-WEIGHT-1M: 12} or {@code X-MBX-ORDER-COUNT-10S: 3}.
     *
     * @param name    header name, any case.
     * @param value   header value.
     * @param venueMs venue time of the response.
     * @return true when the header was a rate-limit header.
     */
    public boolean observeHeader(final String name, final String value, final long venueMs)
    {
        final String upper = name.toUpperCase(Locale.ROOT);
        final String type;
        final String interval;
        if (upper.startsWith("X-MBX-USED-WEIGHT-"))
        {
            type = WEIGHT;
            interval = upper.substring("X-MBX-USED-WEIGHT-".length());
        }
        else if (upper.startsWith("X-MBX-ORDER-COUNT-"))
        {
            type = ORDERS;
            interval = upper.substring("X-MBX-ORDER-COUNT-".length());
        }
        else
        {
            return false;
        }
        final long intervalMs = intervalMs(interval);
        if (intervalMs <= 0)
        {
            return false;
        }
        try
        {
            observe(type, intervalMs, Long.parseLong(value.trim()), venueMs);
            return true;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /**
     * Length of a header interval such as "1M", "10S", "1D" or "1H".
     *
     * @param interval number and unit letter.
     * @return milliseconds, or 0 when not understood.
     */
    public static long intervalMs(final String interval)
    {
        if (interval.length() < 2)
        {
            return 0;
        }
        final long number;
        try
        {
            number = Long.parseLong(interval.substring(0, interval.length() - 1));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
        switch (interval.charAt(interval.length() - 1))
        {
            case 'S':
                return TimeUnit.SECONDS.toMillis(number);
            case 'M':
                return TimeUnit.MINUTES.toMillis(number);
            case 'H':
                return TimeUnit.HOURS.toMillis(number);
            case 'D':
                return TimeUnit.DAYS.toMillis(number);
            default:
                return 0;
        }
    }

    /**
     * Length of an exchangeInfo / WebSocket interval, e.g. ("SECOND", 10).
     *
     * @param interval    SECOND, MINUTE, HOUR or DAY.
     * @param intervalNum multiple.
     * @return milliseconds, or 0 when not understood.
     */
    public static long intervalMs(final String interval, final long intervalNum)
    {
        switch (interval)
        {
            case "SECOND":
                return TimeUnit.SECONDS.toMillis(intervalNum);
            case "MINUTE":
                return TimeUnit.MINUTES.toMillis(intervalNum);
            case "HOUR":
                return TimeUnit.HOURS.toMillis(intervalNum);
            case "DAY":
                return TimeUnit.DAYS.toMillis(intervalNum);
            default:
                return 0;
        }
    }

    /**
     * Count a request as sent, before its response arrives, so a burst is throttled at once.
     *
     * @param weight  request weight.
     * @param isOrder whether it places an order (counts toward ORDERS windows).
     * @param venueMs venue time now.
     */
    public void onSent(final int weight, final boolean isOrder, final long venueMs)
    {
        for (final Window window : windows)
        {
            window.roll(venueMs);
            if (WEIGHT.equals(window.type))
            {
                window.count += weight;
            }
            else if (isOrder)
            {
                window.count++;
            }
        }
    }

    /**
     * When a request could go out without crossing a limit's headroom.
     *
     * @param weight  request weight.
     * @param isOrder whether it places an order.
     * @param venueMs venue time now.
     * @return 0 when it may go now, else the venue time the blocking window rolls over.
     */
    public long blockedUntilMs(final int weight, final boolean isOrder, final long venueMs)
    {
        long until = 0;
        for (final Window window : windows)
        {
            window.roll(venueMs);
            final long add = WEIGHT.equals(window.type) ? weight : (isOrder ? 1 : 0);
            if (add > 0 && window.limit > 0 && window.count + add > allowed(window.limit))
            {
                until = Math.max(until, (window.index + 1) * window.intervalMs);
            }
        }
        return until;
    }

    /**
     * A 429 (rate limit) or 418 (IP ban) arrived: stop every request until the given time.
     *
     * @param httpStatus   429 or 418.
     * @param retryAfterNs how long the venue asked us to wait, in nanoseconds.
     * @param nowNs        local time now.
     */
    public void onRefused(final int httpStatus, final long retryAfterNs, final long nowNs)
    {
        refusals++;
        banned |= httpStatus == 418;
        backoffUntilNs = Math.max(backoffUntilNs, nowNs + retryAfterNs);
    }

    /**
     * Whether requests must wait for a Retry-After to pass.
     *
     * @param nowNs local time now.
     * @return true while backing off.
     */
    public boolean isBackingOff(final long nowNs)
    {
        if (backoffUntilNs != 0 && nowNs - backoffUntilNs >= 0)
        {
            backoffUntilNs = 0;
            banned = false;
        }
        return backoffUntilNs != 0;
    }

    /**
     * Local time the current back-off ends.
     *
     * @return nanoseconds, 0 when not backing off.
     */
    public long backoffUntilNs()
    {
        return backoffUntilNs;
    }

    /**
     * Whether the current back-off is an IP ban (418).
     *
     * @return true when banned.
     */
    public boolean isBanned()
    {
        return banned;
    }

    /**
     * 429/418 answers received so far.
     *
     * @return count.
     */
    public int refusals()
    {
        return refusals;
    }

    /**
     * Current count of a window (diagnostics and tests).
     *
     * @param type       window type.
     * @param intervalMs window length.
     * @return count, or -1 when no such window is known.
     */
    public long count(final String type, final long intervalMs)
    {
        for (final Window window : windows)
        {
            if (window.type.equals(type) && window.intervalMs == intervalMs)
            {
                return window.count;
            }
        }
        return -1;
    }

    private long allowed(final long limit)
    {
        return Math.max(1, limit * (100 - headroomPct) / 100);
    }

    private Window window(final String type, final long intervalMs)
    {
        for (final Window window : windows)
        {
            if (window.type.equals(type) && window.intervalMs == intervalMs)
            {
                return window;
            }
        }
        final Window window = new Window(type, intervalMs);
        windows.add(window);
        return window;
    }

    public String toString()
    {
        return "RateLimits" + windows;
    }

    private static final class Window
    {
        private final String type;
        private final long intervalMs;
        private long limit;
        private long count;
        private long index = Long.MIN_VALUE;

        private Window(final String type, final long intervalMs)
        {
            this.type = type;
            this.intervalMs = intervalMs;
        }

        private void roll(final long venueMs)
        {
            final long current = Math.floorDiv(venueMs, intervalMs);
            if (current != index)
            {
                index = current;
                count = 0;
            }
        }

        public String toString()
        {
            return type + "/" + intervalMs + "ms " + count + "/" + limit;
        }
    }
}
