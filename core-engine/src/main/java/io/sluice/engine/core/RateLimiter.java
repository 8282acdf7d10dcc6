package io.sluice.engine.core;

/**
 * Token buckets in event time by the generic cell rate algorithm: one long per bucket (the theoretical
 * arrival time), integer nanoseconds, no allocation. A bucket allows {@code burst} back-to-back orders and
 * then {@code ratePerSecond} sustained.
 */
final class RateLimiter
{
    private final long[] theoreticalArrivalNs;

    RateLimiter(final int buckets)
    {
        theoreticalArrivalNs = new long[buckets];
    }

    /**
     * Whether {@code count} tokens are available now.
     *
     * @param bucket        bucket index.
     * @param ratePerSecond sustained orders per second (whole number), or ≤ 0 for unlimited.
     * @param burst         orders allowed back to back, at least 1.
     * @param nowNs         event time.
     * @param count         tokens wanted (slices of one order).
     * @return true when all are available.
     */
    boolean canAcquire(final int bucket, final long ratePerSecond, final long burst, final long nowNs, final int count)
    {
        if (ratePerSecond <= 0)
        {
            return true;
        }
        final long intervalNs = 1_000_000_000L / ratePerSecond;
        final long toleranceNs = intervalNs * (Math.max(1, burst) - 1);
        final long tat = Math.max(theoreticalArrivalNs[bucket], nowNs);
        return tat + intervalNs * (count - 1) - nowNs <= toleranceNs;
    }

    /**
     * Take {@code count} tokens (after {@link #canAcquire} said yes).
     */
    void acquire(final int bucket, final long ratePerSecond, final long burst, final long nowNs, final int count)
    {
        if (ratePerSecond <= 0)
        {
            return;
        }
        final long intervalNs = 1_000_000_000L / ratePerSecond;
        theoreticalArrivalNs[bucket] = Math.max(theoreticalArrivalNs[bucket], nowNs) + intervalNs * count;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLongs(theoreticalArrivalNs);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getLongs(theoreticalArrivalNs);
    }

    long stateHash()
    {
        return java.util.Arrays.hashCode(theoreticalArrivalNs);
    }
}
