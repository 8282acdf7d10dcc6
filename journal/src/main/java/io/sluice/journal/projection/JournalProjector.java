package io.sluice.journal.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalReader;
import io.sluice.journal.projection.ProjectionWriter.Progress;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * Projects the journal into PostgreSQL with an exactly-once effect: records are read in batches and each batch's
 * rows are committed together with the index of its last record, so after a crash, a re-run or a resume the
 * projection continues right after the last committed record and nothing is applied twice.
 * <p>
 * Duty cycle: read up to a poll's worth of records into the batch; hand the batch to the writer when it is full,
 * or when the journal has no more records for now (so a follower's rows appear promptly). The writer commits one
 * batch at a time, in journal order, on its own thread, while the next batch is read and decoded: the database
 * and the decoding run side by side. {@link #catchUp()} runs the cycle until the end of the journal (batch mode); an
 * {@code AgentRunner} or {@code AgentInvoker} runs it until stopped (follow mode).
 */
public final class JournalProjector implements Agent
{
    private static final int POLL_LIMIT = 1024;
    private static final JournalHandler SKIP = (index, kind, sequence, timestampNs, buffer, offset, length) -> {};

    private final ProjectionContext ctx;
    private final Journal journal;
    private final JournalReader reader;
    private final ProjectionWriter writer;
    private final ProjectionBatch[] batches = { new ProjectionBatch(), new ProjectionBatch() };
    private final JournalProjection projection = new JournalProjection(batches[0]);
    private final ProjectionStats stats = new ProjectionStats();
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "sluice-replay-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final long startIndex;
    private ProjectionBatch batch = batches[0];
    private ProjectionBatch writing;
    private Future<Long> written;
    private long lastIndex;
    private Exception failure;

    private JournalProjector(final ProjectionContext ctx, final Journal journal, final ProjectionWriter writer) throws SQLException
    {
        this.ctx = ctx;
        this.journal = journal;
        this.writer = writer;
        final Progress progress = writer.prepare();
        projection.tradingStates(writer.tradingStates());
        this.lastIndex = progress.lastIndex;
        this.reader = journal.reader();
        this.startIndex = position(progress);
    }

    /**
     * Open a projector: takes the projection's lock in the database, reads its progress and positions on the
     * journal after the last committed record (or at the context's from-index when that is later). The schema
     * must be migrated ({@link ProjectionDatabase#migrate(String)}).
     *
     * @param ctx        concluded context.
     * @param journal    the journal.
     * @param dataSource the database.
     * @return the projector; close it with {@link #onClose()}.
     * @throws SQLException          when the database fails.
     * @throws IllegalStateException when another projector of the same name is running against the database.
     */
    public static JournalProjector open(final ProjectionContext ctx, final Journal journal, final DataSource dataSource)
        throws SQLException
    {
        ctx.conclude();
        final Connection connection = dataSource.getConnection();
        ProjectionWriter writer = null;
        try
        {
            connection.setSchema(ctx.schema());
            writer = new ProjectionWriter(connection, ctx.name());
            if (!writer.tryLock())
            {
                throw new IllegalStateException(
                    "another replay of projection '" + ctx.name() + "' is running against this database");
            }
            return new JournalProjector(ctx, journal, writer);
        }
        catch (final SQLException | RuntimeException ex)
        {
            try
            {
                if (writer != null)
                {
                    writer.close();
                }
                else
                {
                    connection.close();
                }
            }
            catch (final SQLException closeEx)
            {
                ex.addSuppressed(closeEx);
            }
            throw ex;
        }
    }

    ProjectionWriter writer()
    {
        return writer;
    }

    public String roleName()
    {
        return "sluice-replay";
    }

    /**
     * One duty cycle: read records into the batch, commit when it is full or the journal is drained.
     *
     * @return records read plus one for a commit.
     */
    public int doWork()
    {
        try
        {
            final int limit = (int)Math.min(POLL_LIMIT, ctx.batchRecords() - batch.records);
            final int read = reader.poll(projection, Math.max(1, limit));
            if (batch.records >= ctx.batchRecords() || (read == 0 && !batch.isEmpty()))
            {
                commit();
                return read + 1;
            }
            if (read == 0 && written != null)
            {
                // Nothing new to read: wait for the batch being written, so its progress is known.
                awaitWritten();
                return 1;
            }
            return read;
        }
        catch (final SQLException | RuntimeException ex)
        {
            failure = ex;
            throw new AgentTerminationException(ex);
        }
    }

    /**
     * Batch mode: project every record up to the current end of the journal.
     *
     * @return records projected by this call.
     * @throws SQLException when the database fails; what was committed before stays.
     */
    public long catchUp() throws SQLException
    {
        final long before = stats.records;
        try
        {
            while (doWork() > 0)
            {
                // Keep going until a poll finds nothing and nothing is left to commit.
            }
        }
        catch (final AgentTerminationException ex)
        {
            if (failure instanceof SQLException)
            {
                throw (SQLException)failure;
            }
            throw (RuntimeException)failure;
        }
        return stats.records - before;
    }

    /**
     * Commit what was read, then release the database connection and the reader.
     */
    public void onClose()
    {
        try
        {
            if (failure == null && !batch.isEmpty())
            {
                commit();
            }
            awaitWritten();
        }
        catch (final SQLException | RuntimeException ex)
        {
            if (failure == null)
            {
                failure = ex;
            }
        }
        finally
        {
            writerThread.shutdownNow();
            reader.close();
            try
            {
                writer.close();
            }
            catch (final SQLException ex)
            {
                if (failure == null)
                {
                    failure = ex;
                }
            }
        }
    }

    /** Last journal index whose effects are committed, -1 for none. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Index reading started from (the earliest in-flight input to re-read, or the one after the last committed
     * record), -1 for the journal's start.
     */
    public long startIndex()
    {
        return startIndex;
    }

    /** What this projector has done so far. */
    public ProjectionStats stats()
    {
        stats.malformed = projection.malformed();
        stats.warmRecords = projection.warmRecords();
        return stats;
    }

    /** The failure that stopped the projector, or null. */
    public Exception failure()
    {
        return failure;
    }

    // Hand the batch to the writer (after the previous one is committed) and read on into the other batch.
    private void commit() throws SQLException
    {
        awaitWritten();
        final ProjectionBatch toWrite = batch;
        final long expectedLastIndex = lastIndex;
        final long warmIndex = projection.warmIndex();
        writing = toWrite;
        written = writerThread.submit(() ->
        {
            final long startNs = System.nanoTime();
            writer.write(toWrite, expectedLastIndex, warmIndex);
            return System.nanoTime() - startNs;
        });
        batch = toWrite == batches[0] ? batches[1] : batches[0];
        batch.clear();
        projection.batch(batch);
    }

    private void awaitWritten() throws SQLException
    {
        if (written == null)
        {
            return;
        }
        final Future<Long> pending = written;
        written = null;
        try
        {
            stats.writeNs += pending.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the batch up to index " + writing.lastIndex + " was being written", ex);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof SQLException)
            {
                throw (SQLException)cause;
            }
            if (cause instanceof RuntimeException)
            {
                throw (RuntimeException)cause;
            }
            throw new SQLException("writing the batch up to index " + writing.lastIndex + " failed", cause);
        }
        lastIndex = writing.lastIndex;
        stats.onCommit(writing);
    }

    // Records at or below the threshold were projected before (or are before the requested start): they are only
    // re-read to rebuild in-flight inputs. Reading starts at the earliest in-flight input, else at the threshold.
    private long position(final Progress progress)
    {
        final long fromIndex = ctx.fromIndex();
        final long threshold = Math.max(progress.lastIndex, fromIndex - 1);
        projection.warmUpTo(threshold);
        final long start;
        boolean skipCommitted = false;
        if (fromIndex >= 0 && fromIndex > progress.lastIndex)
        {
            start = fromIndex;
        }
        else if (progress.warmIndex >= 0)
        {
            start = progress.warmIndex;
        }
        else
        {
            start = progress.lastIndex;
            skipCommitted = true;
        }
        if (start < 0)
        {
            reader.toStart();
            return -1;
        }
        if (reader.moveToIndex(start))
        {
            if (skipCommitted)
            {
                // The next index may be in a later cycle: position on the last committed record, then step over it.
                reader.poll(SKIP, 1);
            }
        }
        else
        {
            // The index is gone (retention) or not written yet: read from the start, or wait at the end.
            final long last = journal.lastIndex();
            if (last >= 0 && start > last)
            {
                reader.toEnd();
            }
            else
            {
                reader.toStart();
            }
        }
        return skipCommitted ? start + 1 : start;
    }
}
