package io.sluice.engine;

import com.lmax.disruptor.RingBuffer;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The ring's single producer. Each duty cycle reads the clock once, then copies every fragment from the
 * ingress and reports subscriptions and every internal input into ring slots stamped with that time and
 * the next engine sequence, and publishes a Tick when the timer is due. The stamp is the event time the
 * core will see, here and on every replay.
 */
final class IngressAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final RingBuffer<RingEvent> ring;
    private final Subscription ingress;
    private final Subscription reports;
    private final InternalInputs internalInputs;
    private final EpochNanoClock clock;
    private final long tickIntervalNs;
    private final io.aeron.logbuffer.ControlledFragmentHandler ingressAssembler =
        new io.aeron.ControlledFragmentAssembler(this::onIngressFragment);
    private final FragmentHandler reportsAssembler = new FragmentAssembler(this::onFragment);
    private final MessageHandler internalHandler = this::onInternal;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TickEncoder tickEncoder = new TickEncoder();
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[64]);
    private long nextSequence;
    private long nowNs;
    private long nextTickNs;
    private SignalGate gate = new SignalGate(false);
    private long startedInputsReplayed = -1;
    private final io.sluice.sbe.EngineStartedEncoder started = new io.sluice.sbe.EngineStartedEncoder();
    // Signals held back while the core reconciles; operator commands on the same stream pass at once.
    private final org.agrona.ExpandableRingBuffer heldSignals = new org.agrona.ExpandableRingBuffer(64 * 1024, 16 * 1024 * 1024, false);
    private final org.agrona.ExpandableRingBuffer.MessageConsumer releaseHeld = this::releaseHeld;
    private final io.sluice.sbe.MessageHeaderDecoder ingressHeader = new io.sluice.sbe.MessageHeaderDecoder();
    private boolean holding;
    private org.agrona.concurrent.status.AtomicCounter ringBacklog;

    IngressAgent(
        final RingBuffer<RingEvent> ring,
        final Subscription ingress,
        final Subscription reports,
        final InternalInputs internalInputs,
        final EpochNanoClock clock,
        final long tickIntervalNs,
        final long firstSequence,
        final long lastTimestampNs)
    {
        this.ring = ring;
        this.ingress = ingress;
        this.reports = reports;
        this.internalInputs = internalInputs;
        this.clock = clock;
        this.tickIntervalNs = tickIntervalNs;
        this.nextSequence = firstSequence;
        this.nowNs = lastTimestampNs;
    }

    /**
     * Journal an EngineStarted input first (the restart recovered in-doubt orders: reconcile them), and hold
     * ingress signals back while the gate says so.
     *
     * @param gate           set by the core stage while reconciliation is outstanding.
     * @param inputsReplayed inputs the recovery replayed, or -1 to announce nothing.
     */
    void startWith(final SignalGate gate, final long inputsReplayed)
    {
        this.gate = gate;
        this.startedInputsReplayed = inputsReplayed;
    }

    /** A counter the agent keeps at the number of ring slots published but not yet through every stage. */
    void ringBacklog(final org.agrona.concurrent.status.AtomicCounter counter)
    {
        this.ringBacklog = counter;
    }

    public String roleName()
    {
        return "sluice-ingress";
    }

    public int doWork()
    {
        // Event time never goes backwards, even if the wall clock does: timers stay monotonic.
        nowNs = Math.max(nowNs, clock.nanoTime());
        if (startedInputsReplayed >= 0)
        {
            started.wrapAndApplyHeader(tickBuffer, 0, headerEncoder).timestampNs(nowNs).inputsReplayed(startedInputsReplayed);
            publish(tickBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + started.encodedLength());
            startedInputsReplayed = -1;
        }
        holding = gate.holding();
        int work = 0;
        if (!holding && !heldSignals.isEmpty())
        {
            work += heldSignals.consume(releaseHeld, FRAGMENT_LIMIT); // in arrival order, before anything newer
        }
        if (holding || heldSignals.isEmpty())
        {
            work += ingress.controlledPoll(ingressAssembler, FRAGMENT_LIMIT);
        }
        work += reports.poll(reportsAssembler, FRAGMENT_LIMIT);
        work += internalInputs.drain(internalHandler, FRAGMENT_LIMIT);
        if (nowNs >= nextTickNs)
        {
            nextTickNs = nowNs + tickIntervalNs;
            tickEncoder.wrapAndApplyHeader(tickBuffer, 0, headerEncoder).timestampNs(nowNs);
            publish(tickBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + tickEncoder.encodedLength());
            work++;
        }
        if (ringBacklog != null)
        {
            ringBacklog.setRelease(ring.getBufferSize() - ring.remainingCapacity());
        }
        return work;
    }

    private io.aeron.logbuffer.ControlledFragmentHandler.Action onIngressFragment(
        final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        if (holding && length >= io.sluice.sbe.MessageHeaderDecoder.ENCODED_LENGTH &&
            ingressHeader.wrap(buffer, offset).templateId() == io.sluice.sbe.RawSignalDecoder.TEMPLATE_ID)
        {
            // Full: leave it in the stream (back pressure on admin-api) until reconciliation ends.
            return heldSignals.append(buffer, offset, length) ?
                io.aeron.logbuffer.ControlledFragmentHandler.Action.CONTINUE : io.aeron.logbuffer.ControlledFragmentHandler.Action.ABORT;
        }
        publish(buffer, offset, length);
        return io.aeron.logbuffer.ControlledFragmentHandler.Action.CONTINUE;
    }

    private boolean releaseHeld(final org.agrona.MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        publish(buffer, offset, length);
        return true;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        publish(buffer, offset, length);
    }

    private void onInternal(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        publish(buffer, index, length);
    }

    private void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        final long slot = ring.next();
        try
        {
            final RingEvent event = ring.get(slot);
            event.setFrame(buffer, offset, length);
            event.sequence = nextSequence++;
            event.timestampNs = nowNs;
            event.receivedNanoTime = System.nanoTime();
        }
        finally
        {
            ring.publish(slot);
        }
    }
}
