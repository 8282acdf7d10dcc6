package io.sluice.journal.projection;

/**
 * Counts of what a projector committed: journal records, transactions, and rows written per table (latest-state
 * tables count each row once per transaction that inserted or updated it).
 */
public final class ProjectionStats
{
    long records;
    long commits;
    long rawSignals;
    long signals;
    long orders;
    long executions;
    long positions;
    long riskEvents;
    long adminActions;
    long accounts;
    long instrumentTokens;
    long malformed;
    long warmRecords;
    long writeNs;

    void onCommit(final ProjectionBatch batch)
    {
        records += batch.records;
        commits++;
        rawSignals += batch.rawSignals.rows();
        signals += batch.signals.size();
        orders += batch.orders.size();
        executions += batch.executions.rows();
        positions += batch.positions.size();
        riskEvents += batch.riskEvents.rows();
        adminActions += batch.adminActions.rows();
        accounts += batch.accounts.size();
        instrumentTokens += batch.instrumentTokens.size();
    }

    /** Journal records projected (committed). */
    public long records()
    {
        return records;
    }

    /** Transactions committed. */
    public long commits()
    {
        return commits;
    }

    /** Rows written, all tables together. */
    public long rows()
    {
        return rawSignals + signals + orders + executions + positions + riskEvents + adminActions + accounts + instrumentTokens;
    }

    /** Time spent writing and committing batches, in nanoseconds (the rest is reading and decoding the journal). */
    public long writeNs()
    {
        return writeNs;
    }

    /** Records that could not be decoded and were skipped. */
    public long malformed()
    {
        return malformed;
    }

    /** Records re-read, without writing, to rebuild in-flight inputs after a restart. */
    public long warmRecords()
    {
        return warmRecords;
    }

    public String toString()
    {
        return "records=" + records + " commits=" + commits + " rows=" + rows() + " (raw_signals=" + rawSignals + " signals=" + signals +
            " orders=" + orders + " executions=" + executions + " positions=" + positions + " risk_events=" + riskEvents +
            " admin_actions=" + adminActions + " accounts=" + accounts + " instrument_tokens=" + instrumentTokens + ") malformed=" + malformed +
            " reread=" + warmRecords +
            String.format(java.util.Locale.ROOT, " database=%.3fs", writeNs / 1e9);
    }
}
