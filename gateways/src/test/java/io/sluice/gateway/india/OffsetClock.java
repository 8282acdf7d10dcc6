package io.sluice.gateway.india;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs at real speed from a fixed, readable start (so trading dates and expiries in sample masters are
 * deterministic) and can be moved forward (to reach the morning job); the Indian venues' timers then fire after real
 * intervals that tests configure short.
 */
public final class OffsetClock implements EpochNanoClock
{
    private final long startNs;
    private final long originNs = System.nanoTime();
    private final AtomicLong jumpedNs = new AtomicLong();

    /**
     * A clock starting at an epoch time.
     *
     * @param startNs epoch nanoseconds of now.
     */
    public OffsetClock(final long startNs)
    {
        this.startNs = startNs;
    }

    /**
     * Current time.
     *
     * @return epoch nanoseconds.
     */
    public long nanoTime()
    {
        return startNs + (System.nanoTime() - originNs) + jumpedNs.get();
    }

    /**
     * Current time in milliseconds (for fakes' TOTP checks).
     *
     * @return epoch milliseconds.
     */
    public long epochMillis()
    {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime());
    }

    /**
     * Move forward.
     *
     * @param amount how far.
     * @param unit   unit.
     */
    public void jump(final long amount, final TimeUnit unit)
    {
        jumpedNs.addAndGet(unit.toNanos(amount));
    }
}
