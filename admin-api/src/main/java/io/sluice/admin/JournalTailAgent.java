package io.sluice.admin;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalReader;
import org.agrona.concurrent.Agent;

/**
 * Follows the journal from its first record and applies every record to the read model.
 */
public final class JournalTailAgent implements Agent
{
    /** Records applied per duty cycle, so the agent yields to its idle strategy on a busy journal now and then. */
    static final int BATCH_LIMIT = 256;

    private final Journal journal;
    private final JournalHandler readModel;
    private JournalReader reader;

    /**
     * An agent tailing a journal into a read model.
     *
     * @param journal   the open journal.
     * @param readModel receives each record.
     */
    public JournalTailAgent(final Journal journal, final JournalHandler readModel)
    {
        this.journal = journal;
        this.readModel = readModel;
    }

    /**
     * Create the reader on the agent's own thread: Chronicle tailers belong to the thread that uses them.
     */
    public void onStart()
    {
        reader = journal.reader();
        reader.toStart();
    }

    /**
     * Apply what the journal has beyond the last record read.
     *
     * @return records applied.
     */
    public int doWork()
    {
        return reader.poll(readModel, BATCH_LIMIT);
    }

    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
        }
    }

    public String roleName()
    {
        return "admin-api-journal-tail";
    }
}
