package io.sluice.gateway.india;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sliding-window limiter with one or more windows (e.g. Kite orders: 10 per second, 400 per minute, 5000 per
 * day): a request is allowed when, for every window, fewer than its limit were sent within the window before it.
 * Time is the caller's epoch nanoseconds, so the limiter is deterministic under a test clock. Single threaded.
 */
public final class RateLimiter
{
    private final String name;
    private final int[] limits;
    private final long[] windowsNs;
    private final long[] sentNs;
    private int count;
    private int head;

    /**
     * A limiter over windows given as "limit/duration" pairs, e.g. {@code "10/1s,400/60s,5000/1d"}.
     *
     * @param name  name for diagnostics, e.g. "kite.orders".
     * @param specs comma-separated windows; units ms, s, m, h, d.
     * @return the limiter.
     * @throws IllegalArgumentException on a malformed window.
     */
    public static RateLimiter parse(final String name, final String specs)
    {
        final List<int[]> parsedLimits = new ArrayList<>();
        final List<Long> parsedWindows = new ArrayList<>();
        for (final String spec : specs.split(","))
        {
            final String trimmed = spec.trim();
            if (trimmed.isEmpty())
            {
                continue;
            }
            final int slash = trimmed.indexOf('/');
            if (slash <= 0)
            {
                throw new IllegalArgumentException("rate limit '" + trimmed + "' of " + name + " must look like 10/1s");
            }
            try
            {
                final int limit = Integer.parseInt(trimmed.substring(0, slash).trim());
                final long windowNs = durationNs(trimmed.substring(slash + 1).trim());
                if (limit <= 0 || windowNs <= 0)
                {
                    throw new NumberFormatException();
                }
                parsedLimits.add(new int[]{limit});
                parsedWindows.add(windowNs);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("rate limit '" + trimmed + "' of " + name + " must look like 10/1s");
            }
        }
        if (parsedLimits.isEmpty())
        {
            throw new IllegalArgumentException("rate limit of " + name + " has no window");
        }
        final int[] limits = new int[parsedLimits.size()];
        final long[] windows = new long[limits.length];
        for (int i = 0; i < limits.length; i++)
        {
            limits[i] = parsedLimits.get(i)[0];
            windows[i] = parsedWindows.get(i);
        }
        return new RateLimiter(name, limits, windows);
    }

    private RateLimiter(final String name, final int[] limits, final long[] windowsNs)
    {
        this.name = name;
        this.limits = limits;
        this.windowsNs = windowsNs;
        int max = 0;
        for (final int limit : limits)
        {
            max = Math.max(max, limit);
        }
        this.sentNs = new long[max];
    }

    /**
     * Take a permit if every window has room, recording the send.
     *
     * @param nowNs epoch nanoseconds of the send.
     * @return true when the request may go now.
     */
    public boolean tryAcquire(final long nowNs)
    {
        for (int w = 0; w < limits.length; w++)
        {
            final int limit = limits[w];
            if (count >= limit && nowNs - nthMostRecent(limit) < windowsNs[w])
            {
                return false;
            }
        }
        sentNs[head] = nowNs;
        head = (head + 1) % sentNs.length;
        count = Math.min(count + 1, sentNs.length);
        return true;
    }

    /**
     * Name given at construction.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    private long nthMostRecent(final int n)
    {
        return sentNs[Math.floorMod(head - n, sentNs.length)];
    }

    private static long durationNs(final String text)
    {
        final String lower = text.toLowerCase(java.util.Locale.ROOT);
        final int unitStart = lower.endsWith("ms") ? lower.length() - 2 : lower.length() - 1;
        final long amount = Long.parseLong(lower.substring(0, unitStart));
        switch (lower.substring(unitStart))
        {
            case "ms":
                return TimeUnit.MILLISECONDS.toNanos(amount);
            case "s":
                return TimeUnit.SECONDS.toNanos(amount);
            case "m":
                return TimeUnit.MINUTES.toNanos(amount);
            case "h":
                return TimeUnit.HOURS.toNanos(amount);
            case "d":
                return TimeUnit.DAYS.toNanos(amount);
            default:
                throw new NumberFormatException();
        }
    }
}
