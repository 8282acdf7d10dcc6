package io.sluice.bench.rig;

/**
 * When each message of a fixed-rate run was meant to be sent: message {@code i} at
 * {@code start + i / rate}. Latencies are measured from this intended time, not from when the sender got
 * round to it, so a stall anywhere (including back pressure on the sender) counts against every message it
 * delayed: the coordinated-omission correction. A message the sender let go slightly early (it wakes from a
 * park a little ahead of time rather than spin) is measured from when it actually left, so early sending
 * never flatters a figure: a latency starts at the earlier of the intended and the actual send time.
 */
public final class FixedRateSchedule
{
    private static final int SENT_SLOTS = 1 << 20;
    private static final int SENT_MASK = SENT_SLOTS - 1;

    private final long ratePerSecond;
    private final long[] sentNs = new long[SENT_SLOTS];
    private volatile long startNs;

    /**
     * @param ratePerSecond offered rate, messages per second.
     */
    public FixedRateSchedule(final long ratePerSecond)
    {
        if (ratePerSecond <= 0)
        {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Fix the intended time of message 0; call before the first send (receivers read it).
     *
     * @param startNs {@link System#nanoTime()} of message 0.
     */
    public void start(final long startNs)
    {
        this.startNs = startNs;
    }

    /**
     * Intended send time of a message.
     *
     * @param index message number.
     * @return {@link System#nanoTime()} at which it was due.
     */
    public long intendedNs(final long index)
    {
        return startNs + index * 1_000_000_000L / ratePerSecond;
    }

    /**
     * Note when a message actually left; call before handing it to the system under test (the hand-off
     * publishes the write to the thread that records the message).
     *
     * @param index  message number.
     * @param sentNs {@link System#nanoTime()} it left.
     */
    public void sent(final long index, final long sentNs)
    {
        this.sentNs[(int)(index & SENT_MASK)] = sentNs;
    }

    /**
     * When a message's latency starts: its intended send time, or its actual send time if that was earlier.
     * Valid for the last 2^20 messages sent.
     *
     * @param index message number.
     * @return {@link System#nanoTime()}.
     */
    public long latencyStartNs(final long index)
    {
        return Math.min(intendedNs(index), sentNs[(int)(index & SENT_MASK)]);
    }

    /**
     * Messages due by a time.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return how many messages the schedule had asked for by then.
     */
    public long dueBy(final long nowNs)
    {
        final long elapsedNs = nowNs - startNs;
        return elapsedNs < 0 ? 0 : elapsedNs * ratePerSecond / 1_000_000_000L + 1;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    public long startNs()
    {
        return startNs;
    }
}
