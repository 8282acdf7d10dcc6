package io.sluice.gateway.test;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An epoch nanosecond clock that moves only when a test says so, making heartbeats and venue timers deterministic.
 */
public final class ManualClock implements EpochNanoClock
{
    /** 2024-01-01T00:00:00Z, a fixed and readable start time. */
    public static final long DEFAULT_START_NS = TimeUnit.SECONDS.toNanos(1_704_067_200L);

    private final AtomicLong nowNs;

    /**
     * A clock at {@link #DEFAULT_START_NS}.
     */
    public ManualClock()
    {
        this(DEFAULT_START_NS);
    }

    /**
     * A clock at a given time.
     *
     * @param startNs epoch nanoseconds.
     */
    public ManualClock(final long startNs)
    {
        nowNs = new AtomicLong(startNs);
    }

    /**
     * Current time.
     *
     * @return epoch nanoseconds.
     */
    public long nanoTime()
    {
        return nowNs.get();
    }

    /**
     * Move the clock forward.
     *
     * @param amount how far.
     * @param unit   unit of the amount.
     * @return the new time in epoch nanoseconds.
     */
    public long advance(final long amount, final TimeUnit unit)
    {
        return nowNs.addAndGet(unit.toNanos(amount));
    }
}
