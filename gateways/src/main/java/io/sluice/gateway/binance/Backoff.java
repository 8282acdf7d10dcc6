package io.sluice.gateway.binance;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Exponential back-off with jitter between connection attempts, capped, and a limit on attempts per five minutes
 * (Binance limits connection attempts per IP). Agent thread only.
 */
public final class Backoff
{
    private static final long WINDOW_NS = TimeUnit.MINUTES.toNanos(5);

    private final long baseNs;
    private final long maxNs;
    private final long[] attemptTimesNs;
    private final SplittableRandom random;
    private int failures;
    private int attemptCount;
    private int nextAttemptSlot;

    /**
     * A back-off policy.
     *
     * @param baseNs         first delay.
     * @param maxNs          largest delay.
     * @param attemptsPer5Min most connection attempts in any five minutes.
     * @param seed           seed of the jitter.
     */
    public Backoff(final long baseNs, final long maxNs, final int attemptsPer5Min, final long seed)
    {
        if (baseNs <= 0 || maxNs < baseNs || attemptsPer5Min <= 0)
        {
            throw new IllegalArgumentException("back-off needs 0 < base <= max and a positive attempt limit");
        }
        this.baseNs = baseNs;
        this.maxNs = maxNs;
        this.attemptTimesNs = new long[attemptsPer5Min];
        this.random = new SplittableRandom(seed);
    }

    /**
     * Record a connection attempt.
     *
     * @param nowNs time of the attempt.
     */
    public void onAttempt(final long nowNs)
    {
        attemptTimesNs[nextAttemptSlot] = nowNs;
        nextAttemptSlot = (nextAttemptSlot + 1) % attemptTimesNs.length;
        attemptCount = Math.min(attemptCount + 1, attemptTimesNs.length);
    }

    /**
     * The connection failed or dropped: when to try again.
     *
     * @param nowNs time now.
     * @return time of the next attempt: base·2^failures capped at max, half of it jittered, never sooner than the
     *         attempt limit allows.
     */
    public long nextAttemptNs(final long nowNs)
    {
        final long ceiling = Math.min(maxNs, baseNs << Math.min(failures, 30));
        failures++;
        final long delayNs = ceiling / 2 + random.nextLong(ceiling / 2 + 1);
        long atNs = nowNs + delayNs;
        if (attemptCount == attemptTimesNs.length)
        {
            final long oldestNs = attemptTimesNs[nextAttemptSlot];
            atNs = Math.max(atNs, oldestNs + WINDOW_NS);
        }
        return atNs;
    }

    /**
     * The connection is healthy again: the next failure starts from the base delay.
     */
    public void reset()
    {
        failures = 0;
    }

    /**
     * Failures since the last reset.
     *
     * @return count.
     */
    public int failures()
    {
        return failures;
    }
}
