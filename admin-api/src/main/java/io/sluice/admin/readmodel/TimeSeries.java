package io.sluice.admin.readmodel;

/**
 * A bounded series of (time, value) points sampled at least {@code spacingNs} apart (a newer value within the
 * spacing replaces the last point), oldest dropped beyond the capacity. One writer, any number of readers.
 */
public final class TimeSeries
{
    /**
     * One point.
     *
     * @param timeNs epoch ns.
     * @param value  fixed point.
     */
    public record Point(long timeNs, long value)
    {
    }

    private final long[] times;
    private final long[] values;
    private final long spacingNs;
    private long count;

    /**
     * An empty series.
     *
     * @param capacity  points kept.
     * @param spacingNs least time between points.
     */
    public TimeSeries(final int capacity, final long spacingNs)
    {
        this.times = new long[capacity];
        this.values = new long[capacity];
        this.spacingNs = spacingNs;
    }

    /**
     * Add a point, or replace the last one when it is within the spacing.
     *
     * @param timeNs time.
     * @param value  value.
     */
    public synchronized void add(final long timeNs, final long value)
    {
        if (count > 0)
        {
            final int lastSlot = (int)((count - 1) % times.length);
            if (timeNs < times[lastSlot])
            {
                return;
            }
            if (timeNs - times[lastSlot] < spacingNs)
            {
                values[lastSlot] = value;
                return;
            }
        }
        final int slot = (int)(count % times.length);
        times[slot] = timeNs;
        values[slot] = value;
        count++;
    }

    /**
     * The points, oldest first.
     *
     * @param limit at most this many of the newest.
     * @return a copy.
     */
    public synchronized java.util.List<Point> points(final int limit)
    {
        final int size = (int)Math.min(count, times.length);
        final int n = Math.min(size, limit);
        final java.util.List<Point> result = new java.util.ArrayList<>(n);
        for (long i = count - n; i < count; i++)
        {
            final int slot = (int)(i % times.length);
            result.add(new Point(times[slot], values[slot]));
        }
        return result;
    }
}
