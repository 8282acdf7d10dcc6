package io.sluice.bench.rig;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The load generator's loop: sends message {@code i} as soon as its intended time has come, catching up
 * in a burst when late, and waits in between.
 * <p>
 * Waiting either spins ({@code spin}) or parks. On Linux a park overshoots by tens of microseconds (timer
 * slack); rather than spin that time away on a shared host, a parking sender wakes early by the measured
 * overshoot and lets a message go up to that much ahead of its time, which {@link FixedRateSchedule} then
 * measures from its actual send time. How late the sender itself was is kept in its own histogram
 * ({@link #lag()}) so a reader can tell rig jitter from system latency.
 */
public final class FixedRateSender
{
    /** Sends one message. */
    @FunctionalInterface
    public interface Sink
    {
        /**
         * @param index message number.
         * @return false when back pressured: the same message is retried.
         */
        boolean send(long index);
    }

    private static final long MIN_PARK_NS = 1_000;
    private static final long MAX_EARLY_NS = 200_000;

    private final FixedRateSchedule schedule;
    private final boolean spin;
    private final Histogram lag = Latencies.histogram();
    private final AtomicLong sent = new AtomicLong();
    private long backPressured;
    private long parkOvershootNs = 60_000;

    /**
     * @param schedule intended send times.
     * @param spin     spin between messages instead of parking.
     */
    public FixedRateSender(final FixedRateSchedule schedule, final boolean spin)
    {
        this.schedule = schedule;
        this.spin = spin;
    }

    /**
     * Start the schedule now and send {@code count} messages, or fewer if the deadline passes first.
     *
     * @param firstIndex index of the first message (those before it are treated as already sent).
     * @param count      index after the last message.
     * @param sink       sends one message.
     * @param deadlineNs {@link System#nanoTime()} after which sending stops.
     * @return messages sent.
     */
    public long run(final long firstIndex, final long count, final Sink sink, final long deadlineNs)
    {
        long next = firstIndex;
        while (next < count)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs > 0)
            {
                break;
            }
            final long dueNs = schedule.intendedNs(next);
            if (dueNs - nowNs <= earlyNs())
            {
                schedule.sent(next, nowNs);
                if (sink.send(next))
                {
                    Latencies.record(lag, nowNs - dueNs);
                    next++;
                    sent.lazySet(next);
                }
                else
                {
                    backPressured++;
                    Thread.onSpinWait();
                }
                continue;
            }
            await(dueNs - nowNs);
        }
        return next - firstIndex;
    }

    private long earlyNs()
    {
        return spin ? 0 : Math.min(parkOvershootNs, MAX_EARLY_NS);
    }

    private void await(final long remainingNs)
    {
        if (spin)
        {
            Thread.onSpinWait();
            return;
        }
        final long requestedNs = Math.max(MIN_PARK_NS, remainingNs - parkOvershootNs);
        final long beforeNs = System.nanoTime();
        LockSupport.parkNanos(requestedNs);
        final long overshootNs = System.nanoTime() - beforeNs - requestedNs;
        // Moving average of how late a park returns, so the next park wakes just before the deadline.
        parkOvershootNs += (Math.max(0, overshootNs) - parkOvershootNs) / 8;
    }

    /** How late each message left relative to its intended time. */
    public Histogram lag()
    {
        return lag;
    }

    /** Messages sent so far (readable from any thread). */
    public long sent()
    {
        return sent.get();
    }

    /** Send attempts refused by back pressure. */
    public long backPressured()
    {
        return backPressured;
    }
}
