package io.sluice.engine.core;

/**
 * Counts venue faults (rejects, timeouts, disconnects) per venue in a sliding event-time window; when a
 * venue reaches the threshold inside the window the breaker trips. A fixed ring of fault times per venue:
 * no allocation.
 */
final class CircuitBreaker
{
    private final int threshold;
    private final long windowNs;
    private final long[][] faultTimesNs;
    private final int[] heads;
    private final int[] counts;

    CircuitBreaker(final int venues, final int threshold, final long windowNs)
    {
        this.threshold = threshold;
        this.windowNs = windowNs;
        this.faultTimesNs = new long[venues][Math.max(1, threshold)];
        this.heads = new int[venues];
        this.counts = new int[venues];
    }

    /**
     * Record a fault.
     *
     * @return true when this fault makes the venue reach the threshold inside the window.
     */
    boolean onFault(final int venueId, final long nowNs)
    {
        if (threshold <= 0)
        {
            return false;
        }
        final long[] times = faultTimesNs[venueId];
        times[heads[venueId]] = nowNs;
        heads[venueId] = (heads[venueId] + 1) % times.length;
        counts[venueId] = Math.min(times.length, counts[venueId] + 1);
        if (counts[venueId] < threshold)
        {
            return false;
        }
        // The oldest of the last `threshold` faults is at the head (the ring is full).
        return nowNs - times[heads[venueId]] <= windowNs;
    }

    /** Forget the faults of a venue (after an operator resumes it). */
    void reset(final int venueId)
    {
        counts[venueId] = 0;
        heads[venueId] = 0;
    }

    int threshold()
    {
        return threshold;
    }

    long windowNs()
    {
        return windowNs;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(faultTimesNs.length);
        for (final long[] times : faultTimesNs)
        {
            out.putLongs(times);
        }
        out.putInts(heads).putInts(counts);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        if (in.getInt() != faultTimesNs.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("circuit breaker of another number of venues");
        }
        for (final long[] times : faultTimesNs)
        {
            in.getLongs(times);
        }
        in.getInts(heads);
        in.getInts(counts);
    }

    long stateHash()
    {
        return (java.util.Arrays.deepHashCode(faultTimesNs) * 31L + java.util.Arrays.hashCode(counts)) * 31L +
            java.util.Arrays.hashCode(heads);
    }
}
