package io.sluice.engine;

import io.sluice.engine.core.EngineCore;
import io.sluice.engine.core.OutputPort;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;

/**
 * Rebuilds the core's state at start by replaying every journaled input through it with outputs
 * suppressed (they were journaled and sent the first time), so kill switches, live orders, positions
 * and the dedup window survive a restart.
 */
final class Recovery
{
    private static final OutputPort SUPPRESSED = (buffer, offset, length) -> {};

    long inputsReplayed;
    long lastSequence = -1;
    long lastTimestampNs;

    /**
     * Replay the whole journal into the core.
     *
     * @param journal the journal.
     * @param core    a freshly built core.
     * @return this, with the count and the last sequence and time seen.
     */
    Recovery replay(final Journal journal, final EngineCore core)
    {
        core.outputPort(SUPPRESSED);
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) ->
            {
                if (kind == JournalRecord.KIND_INPUT)
                {
                    core.onFrame(sequence, timestampNs, buffer, offset, length);
                    inputsReplayed++;
                    lastSequence = sequence;
                    lastTimestampNs = timestampNs;
                }
            }, 1024) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return this;
    }
}
