package io.sluice.engine;

import com.lmax.disruptor.EventHandler;
import io.sluice.engine.core.EngineCore;
import io.sluice.engine.core.OutputPort;
import org.agrona.DirectBuffer;

/**
 * Stage 2: the single business-logic thread. Runs the deterministic core on the slot's frame and
 * collects its outputs into the same slot for the egress stage.
 */
final class CoreStage implements EventHandler<RingEvent>, OutputPort
{
    private final EngineCore core;
    private final Snapshotter snapshotter;
    private final SignalGate gate;
    private RingEvent current;
    private long lastSequence = -1;
    private long lastJournalIndex = -1;
    private long lastTimestampNs;

    CoreStage(final EngineCore core, final Snapshotter snapshotter, final SignalGate gate)
    {
        this.core = core;
        this.snapshotter = snapshotter;
        this.gate = gate;
    }

    public void onStart()
    {
        core.outputPort(this);
    }

    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        current = event;
        core.onFrame(event.sequence, event.timestampNs, event.frame, 0, event.frameLength);
        current = null;
        gate.hold(core.reconciling());
        lastSequence = event.sequence;
        lastJournalIndex = event.journalIndex;
        lastTimestampNs = event.timestampNs;
        snapshotter.afterEvent(core, lastSequence, lastJournalIndex, lastTimestampNs);
    }

    /** After the pipeline drained at a clean shutdown: the final snapshot. */
    void onCleanShutdown()
    {
        snapshotter.onCleanShutdown(core, lastSequence, lastJournalIndex, lastTimestampNs);
    }

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        current.addOutput(buffer, offset, length);
    }
}
