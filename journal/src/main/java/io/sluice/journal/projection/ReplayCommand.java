package io.sluice.journal.projection;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalDump;
import io.sluice.protocol.Settings;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journal replay}: projects the journal into PostgreSQL — the embedded one under Sluice's home unless
 * {@code sluice.db.url} names a server — catching up to the end (batch mode) or following the live journal until
 * interrupted (follow mode). Re-running or resuming never applies a record twice.
 */
@Command(
    name = "replay",
    description = {
        "Project the journal into PostgreSQL.",
        "Tables accounts, raw_signals, signals, orders, executions (partitioned by month), positions, risk_events, " +
            "admin_actions and projection_progress. Continues after the last committed record: re-running or resuming " +
            "after a crash never duplicates a row. Database: sluice.db.url with sluice.db.user and sluice.db.password " +
            "(or SLUICE_DB_USER, SLUICE_DB_PASSWORD); without a URL, an embedded PostgreSQL in <sluice.home>/postgres." },
    sortOptions = false)
public final class ReplayCommand implements Callable<Integer>
{
    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;
    private static final long SHUTDOWN_WAIT_MS = 30_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Journal directory (default: sluice.journal.dir).")
    private Path dir;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file, as -Dsluice.config.")
    private Path config;

    @Option(names = "--from", paramLabel = "INDEX", converter = JournalDump.IndexConverter.class,
        description = "Project from this index (decimal or 0x hex) when it is after the committed progress.")
    private long fromIndex = -1;

    @Option(names = "--follow", description = "Keep projecting records as they are appended, until interrupted.")
    private boolean follow;

    @Option(names = "--batch", paramLabel = "N", description = "Journal records per transaction (default: sluice.replay.batch.records, 50000).")
    private int batchRecords;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the projection's progress (default: sluice.replay.name, 'journal').")
    private String name;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * A replay printing progress to {@code out} and errors to {@code err}.
     *
     * @param out receives progress and the summary.
     * @param err receives errors.
     */
    public ReplayCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * Ask a following replay to commit what it has read and finish; safe from any thread.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * Run the command.
     *
     * @return 0 on success, 1 when the database or journal failed, 2 when the journal is missing or an option is invalid.
     */
    public Integer call()
    {
        final ProjectionContext ctx;
        try
        {
            final Settings settings = config != null ? Settings.load(config) : Settings.load();
            ctx = new ProjectionContext().settings(settings).journalDir(dir).fromIndex(fromIndex).name(name);
            if (batchRecords != 0)
            {
                ctx.batchRecords(batchRecords);
            }
            ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("journal replay: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (!Journal.exists(ctx.journalDir()))
        {
            err.println("journal replay: no journal at " + ctx.journalDir().toAbsolutePath() + "; use --dir or --config to choose the journal");
            return EXIT_USAGE;
        }

        final Thread hook = follow ? new Thread(this::stopAndAwait, "journal-replay-shutdown") : null;
        if (hook != null)
        {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try (ProjectionDatabase database = ProjectionDatabase.open(ctx); Journal journal = Journal.openReadOnly(ctx.journalDir()))
        {
            out.println("replay: database " + database.description() + ", schema " + ctx.schema());
            final int migrations = database.migrate(ctx.schema());
            if (migrations > 0)
            {
                out.println("replay: applied " + migrations + " schema migration(s)");
            }
            final long startNs = System.nanoTime();
            final JournalProjector projector = JournalProjector.open(ctx, journal, database.dataSource());
            out.println("replay: projection '" + ctx.name() + "' committed up to index " + projector.lastIndex() +
                (projector.startIndex() < 0 ? ", reading from the journal's start" : ", reading from index " + projector.startIndex()) +
                (follow ? ", following" : ""));
            out.flush();
            if (follow)
            {
                follow(projector);
            }
            else
            {
                try
                {
                    projector.catchUp();
                }
                finally
                {
                    projector.onClose();
                }
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final ProjectionStats stats = projector.stats();
            out.println(String.format(Locale.ROOT, "replay: projected %d records up to index %d in %.3f s (%.0f records/s)",
                stats.records(), projector.lastIndex(), seconds, stats.records() / Math.max(seconds, 1e-9)));
            out.println("replay: " + stats);
            if (projector.failure() != null)
            {
                throw projector.failure();
            }
            return 0;
        }
        catch (final Exception ex)
        {
            err.println("journal replay: failed: " + ex);
            return EXIT_FAILURE;
        }
        finally
        {
            out.flush();
            finished.countDown();
            if (hook != null)
            {
                removeHook(hook);
            }
        }
    }

    private void follow(final JournalProjector projector)
    {
        final IdleStrategy idle = new SleepingMillisIdleStrategy(5);
        final AgentInvoker invoker = new AgentInvoker(throwable -> {}, null, projector);
        invoker.start();
        try
        {
            while (running && !invoker.isClosed() && !Thread.currentThread().isInterrupted())
            {
                idle.idle(invoker.invoke());
            }
        }
        finally
        {
            invoker.close();
        }
    }

    private void stopAndAwait()
    {
        stop();
        try
        {
            finished.await(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down: the hook is what stopped the replay.
        }
    }
}
