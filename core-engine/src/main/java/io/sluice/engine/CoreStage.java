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
    private final SignalGate gate;
    private RingEvent current;

    CoreStage(final EngineCore core, final SignalGate gate)
    {
        this.core = core;
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
    }

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        current.addOutput(buffer, offset, length);
    }
}
