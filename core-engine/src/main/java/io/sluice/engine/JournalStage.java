package io.sluice.engine;

import com.lmax.disruptor.EventHandler;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;

/**
 * Stage 1: write-ahead journaling of every input frame before the core acts on it. Flushes to the
 * device at the end of a batch when the durability setting asks for it.
 */
final class JournalStage implements EventHandler<RingEvent>
{
    private final Journal journal;
    private final boolean syncOnBatch;
    private JournalAppender appender;

    JournalStage(final Journal journal, final boolean syncOnBatch)
    {
        this.journal = journal;
        this.syncOnBatch = syncOnBatch;
    }

    public void onStart()
    {
        appender = journal.appender();
    }

    public void onShutdown()
    {
        appender.close();
    }

    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        event.journalIndex = appender.append(JournalRecord.KIND_INPUT, event.sequence, event.timestampNs, event.frame, 0, event.frameLength);
        if (endOfBatch && syncOnBatch)
        {
            appender.sync();
        }
    }
}
