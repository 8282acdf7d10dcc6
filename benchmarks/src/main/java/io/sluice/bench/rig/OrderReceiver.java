package io.sluice.bench.rig;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.frames.VenueFrames;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.RawSignalDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Plays the gateway side of a rig: takes each message off its subscription, recovers the signal's index
 * from the signal id, records the time since the signal's intended send time, and (when it has a reports
 * publication) fills every NewOrder and keeps the engine supplied with heartbeats and a quote, as the paper
 * gateway would. Fills that meet back pressure wait in a local queue rather than stopping the poll, so the
 * rig cannot deadlock with an engine that is itself waiting to publish orders.
 */
public final class OrderReceiver implements Agent
{
    /** Signal indices from here on are readiness probes: filled and counted, never recorded. */
    public static final long PROBE_BASE = 900_000_000_000L;

    private static final int FRAGMENT_LIMIT = 64;
    private static final int PENDING_CAPACITY = 16 * 1024;
    private static final int PENDING_SLOT = 512;
    private static final long HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Subscription subscription;
    private final ExclusivePublication reports;
    private final FixedRateSchedule schedule;
    private final long recordFromIndex;
    private final Histogram histogram = Latencies.histogram();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final UnsafeBuffer idView = new UnsafeBuffer(0, 0);
    private final VenueFrames venue = new VenueFrames();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer pending = new UnsafeBuffer(new byte[PENDING_CAPACITY * PENDING_SLOT]);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private volatile boolean freezeRequested;
    private volatile boolean frozen;
    private long droppedFills;
    private long pendingHead;
    private long pendingTail;
    private long unknown;
    private long nextHeartbeatNs;
    private long lastRecordedNs;

    /**
     * @param subscription    where orders (or relayed signals) arrive.
     * @param reports         where fills, heartbeats and quotes go; null to only receive.
     * @param schedule        the load's intended send times.
     * @param recordFromIndex first signal index recorded (earlier ones are warm-up).
     */
    public OrderReceiver(
        final Subscription subscription,
        final ExclusivePublication reports,
        final FixedRateSchedule schedule,
        final long recordFromIndex)
    {
        this.subscription = subscription;
        this.reports = reports;
        this.schedule = schedule;
        this.recordFromIndex = recordFromIndex;
    }

    public String roleName()
    {
        return "bench-gateway-side";
    }

    public int doWork()
    {
        if (freezeRequested && !frozen)
        {
            frozen = true;
        }
        int work = 0;
        if (reports != null)
        {
            work += heartbeat(System.nanoTime());
            work += flushPending();
        }
        return work + subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header frameHeader)
    {
        final long nowNs = System.nanoTime();
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == NewOrderDecoder.TEMPLATE_ID)
        {
            newOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            newOrder.wrapSignalId(idView);
        }
        else if (templateId == RawSignalDecoder.TEMPLATE_ID)
        {
            rawSignal.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            rawSignal.wrapSignalId(idView);
        }
        else
        {
            unknown++;
            return;
        }

        final long index = SignalFrame.parseId(idView, 0, idView.capacity());
        if (index < 0)
        {
            unknown++;
        }
        else if (index >= PROBE_BASE)
        {
            probes.lazySet(probes.get() + 1);
        }
        else
        {
            if (index >= recordFromIndex && !frozen)
            {
                Latencies.record(histogram, nowNs - schedule.latencyStartNs(index));
                lastRecordedNs = nowNs;
            }
            received.lazySet(received.get() + 1);
        }

        if (templateId == NewOrderDecoder.TEMPLATE_ID && reports != null)
        {
            fill(venue.fillOf(buffer, offset), venue.fillLength());
        }
    }

    private void fill(final UnsafeBuffer frame, final int length)
    {
        if (pendingHead == pendingTail && offer(frame, 0, length))
        {
            return;
        }
        while (pendingTail - pendingHead == PENDING_CAPACITY)
        {
            // The local queue is full too: nothing left but to wait for the engine to take reports.
            if (Thread.currentThread().isInterrupted())
            {
                droppedFills++;
                return;
            }
            if (flushPending() == 0)
            {
                Thread.yield();
            }
        }
        final int slot = (int)(pendingTail % PENDING_CAPACITY) * PENDING_SLOT;
        pending.putInt(slot, length);
        pending.putBytes(slot + Integer.BYTES, frame, 0, length);
        pendingTail++;
    }

    private int flushPending()
    {
        int flushed = 0;
        while (pendingHead != pendingTail)
        {
            final int slot = (int)(pendingHead % PENDING_CAPACITY) * PENDING_SLOT;
            if (!offer(pending, slot + Integer.BYTES, pending.getInt(slot)))
            {
                break;
            }
            pendingHead++;
            flushed++;
        }
        return flushed;
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = reports.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
        {
            // The engine has gone (the rig is closing): nobody is left to fill.
            droppedFills++;
            return true;
        }
        if (result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("reports publication unusable: " + Publication.errorString(result));
        }
        return false;
    }

    private int heartbeat(final long nowNs)
    {
        if (nowNs - nextHeartbeatNs < 0 || !reports.isConnected())
        {
            return 0;
        }
        final long epochNs = System.currentTimeMillis() * 1_000_000L;
        if (offer(scratch, 0, venue.gatewayUp(scratch, epochNs)) && offer(scratch, 0, venue.quote(scratch, epochNs)))
        {
            nextHeartbeatNs = nowNs + HEARTBEAT_INTERVAL_NS;
        }
        return 1;
    }

    /**
     * Stop recording (the agent keeps draining and filling, so nothing upstream blocks while the rig closes)
     * and wait until the agent has acknowledged; afterwards the histogram is stable and safe to read.
     *
     * @param timeoutNs how long to wait for the agent.
     */
    public void freeze(final long timeoutNs)
    {
        freezeRequested = true;
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!frozen)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("gateway-side agent did not stop recording in time");
            }
            Thread.yield();
        }
    }

    /** Fills dropped because the engine had gone. */
    public long droppedFills()
    {
        return droppedFills;
    }

    /** Latencies recorded; read after {@link #freeze}. */
    public Histogram histogram()
    {
        return histogram;
    }

    /** Signals received (not counting probes), readable from any thread. */
    public long received()
    {
        return received.get();
    }

    /** Readiness probes received, readable from any thread. */
    public long probes()
    {
        return probes.get();
    }

    /** Messages that were not benchmark orders or signals. */
    public long unknown()
    {
        return unknown;
    }

    /** {@link System#nanoTime()} of the last recorded message; read after the agent has stopped. */
    public long lastRecordedNs()
    {
        return lastRecordedNs;
    }
}
