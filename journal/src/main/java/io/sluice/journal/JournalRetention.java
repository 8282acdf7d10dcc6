package io.sluice.journal;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.sluice.journal.projection.ProjectionContext;
import io.sluice.journal.projection.ProjectionDatabase;
import io.sluice.protocol.Settings;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journal retention}: archives or deletes the journal's daily cycle files that are older than the retention
 * period and that no reader needs. Never touches the current (today's, UTC) cycle, the newest cycle file, a file
 * some process has open, or a cycle at or after an index a reader still needs ({@code --keep-from-index}, or the
 * PostgreSQL projection's progress with {@code --projection}).
 */
@Command(
    name = "retention",
    description = {
        "Archive or delete old daily cycles that no reader needs.",
        "Moves (--archive-dir) or deletes the journal's cycle files older than --keep-days. Always kept: today's " +
            "cycle (UTC), the newest cycle file, files open by any process, and cycles at or after --keep-from-index " +
            "or the projection's progress (--projection)." },
    sortOptions = false)
public final class JournalRetention implements Callable<Integer>
{
    /** Exit code when the journal is missing or the options are invalid. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when moving or deleting failed. */
    public static final int EXIT_FAILURE = 1;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    @Option(names = "--dir", paramLabel = "DIR", description = "Journal directory (default: sluice.journal.dir).")
    private Path dir;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file, as -Dsluice.config.")
    private Path config;

    @Option(names = "--keep-days", paramLabel = "N", required = true,
        description = "Keep today's cycle and the N days before it; older cycles are archived or deleted.")
    private int keepDays = -1;

    @Option(names = "--archive-dir", paramLabel = "DIR", description = "Move old cycle files here instead of deleting them.")
    private Path archiveDir;

    @Option(names = "--dry-run", description = "Print what would be archived or deleted, and why the rest is kept; change nothing.")
    private boolean dryRun;

    @Option(names = "--keep-from-index", paramLabel = "INDEX", converter = JournalDump.IndexConverter.class,
        description = "Keep the cycle of this index and every later one (a reader's position); repeatable.")
    private List<Long> keepFromIndexes = new ArrayList<>();

    @Option(names = "--projection",
        description = "Keep what the PostgreSQL projection (journal replay) has not committed yet, read from its database.")
    private boolean projection;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private LongSupplier clockMs = System::currentTimeMillis;
    private Supplier<Predicate<File>> openFiles = JournalRetention::openFilesNow;

    /** What retention does with one cycle file. */
    public enum Action
    {
        KEEP, ARCHIVE, DELETE
    }

    /**
     * The decision for one cycle file.
     */
    public static final class Decision
    {
        private final Path file;
        private final LocalDate day;
        private final Action action;
        private final String reason;

        Decision(final Path file, final LocalDate day, final Action action, final String reason)
        {
            this.file = file;
            this.day = day;
            this.action = action;
            this.reason = reason;
        }

        public Path file()
        {
            return file;
        }

        /** UTC day of the cycle. */
        public LocalDate day()
        {
            return day;
        }

        public Action action()
        {
            return action;
        }

        /** Why, in words. */
        public String reason()
        {
            return reason;
        }

        public String toString()
        {
            return action.name().toLowerCase() + ' ' + file.getFileName() + " (" + day + "): " + reason;
        }
    }

    /**
     * A retention command printing its decisions to {@code out} and errors to {@code err}.
     *
     * @param out receives one line per cycle file.
     * @param err receives errors.
     */
    public JournalRetention(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    JournalRetention clock(final LongSupplier clockMs)
    {
        this.clockMs = clockMs;
        return this;
    }

    JournalRetention openByAProcess(final Predicate<File> openByAProcess)
    {
        this.openFiles = () -> openByAProcess;
        return this;
    }

    // The files any process has open now (Linux: the targets of /proc/<pid>/fd/*, read as links, which is quick);
    // elsewhere this cannot be told, and age and reader indexes decide alone.
    private static Predicate<File> openFilesNow()
    {
        final Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc))
        {
            return file -> false;
        }
        final Set<String> open = new HashSet<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, path -> isNumber(path.getFileName().toString())))
        {
            for (final Path process : processes)
            {
                try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd")))
                {
                    for (final Path descriptor : descriptors)
                    {
                        try
                        {
                            open.add(Files.readSymbolicLink(descriptor).toString());
                        }
                        catch (final IOException | RuntimeException ex)
                        {
                            // Closed meanwhile.
                        }
                    }
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The process ended, or its descriptors are not ours to see.
                }
            }
        }
        catch (final IOException ex)
        {
            return file -> false;
        }
        return file ->
        {
            try
            {
                return open.contains(file.toPath().toRealPath().toString()) || open.contains(file.getAbsolutePath());
            }
            catch (final IOException ex)
            {
                return open.contains(file.getAbsolutePath());
            }
        };
    }

    private static boolean isNumber(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            if (!Character.isDigit(name.charAt(i)))
            {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /**
     * Decide, without changing anything, what to do with each cycle file of a journal.
     *
     * @param journalDir      journal directory.
     * @param keepDays        days before today to keep.
     * @param archive         true to archive rather than delete.
     * @param keepFromIndexes indexes whose cycles and every later cycle must be kept (-1: keep everything).
     * @return one decision per cycle file, oldest first.
     * @throws IOException when the directory cannot be listed.
     */
    public List<Decision> plan(final Path journalDir, final int keepDays, final boolean archive, final List<Long> keepFromIndexes)
        throws IOException
    {
        final DateTimeFormatter cycleFormat = DateTimeFormatter.ofPattern(Journal.ROLL_CYCLE.format()).withZone(ZoneOffset.UTC);
        final List<Path> files = new ArrayList<>();
        final List<LocalDate> days = new ArrayList<>();
        try (var listing = Files.list(journalDir))
        {
            listing.filter(path -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                .forEach(path ->
                {
                    final String name = path.getFileName().toString();
                    try
                    {
                        days.add(LocalDate.parse(name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length()), cycleFormat));
                        files.add(path);
                    }
                    catch (final DateTimeParseException ex)
                    {
                        // Not a cycle file of this roll cycle: never touched.
                    }
                });
        }

        final LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(clockMs.getAsLong(), MILLIS_PER_DAY));
        final LocalDate oldestKept = today.minusDays(keepDays);
        long firstNeededCycle = Long.MAX_VALUE;
        long neededIndex = 0;
        for (final long index : keepFromIndexes)
        {
            final long cycle = index < 0 ? Long.MIN_VALUE : Journal.ROLL_CYCLE.toCycle(index);
            if (cycle < firstNeededCycle)
            {
                firstNeededCycle = cycle;
                neededIndex = index;
            }
        }

        // Listing every process's open files is slow: done once, and only when a file is old enough to go.
        final Predicate<File> openByAProcess = new Predicate<>()
        {
            private Predicate<File> open;

            public boolean test(final File file)
            {
                if (open == null)
                {
                    open = openFiles.get();
                }
                return open.test(file);
            }
        };
        final List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final LocalDate day = days.get(i);
            final String reason;
            if (i == files.size() - 1)
            {
                reason = "newest cycle (the one being written)";
            }
            else if (!day.isBefore(today))
            {
                reason = "current cycle";
            }
            else if (!day.isBefore(oldestKept))
            {
                reason = "within " + keepDays + " day(s)";
            }
            else if (day.toEpochDay() >= firstNeededCycle)
            {
                reason = firstNeededCycle == Long.MIN_VALUE ? "a reader needs the journal from its start" :
                    "a reader needs it (from index " + neededIndex + ")";
            }
            else if (openByAProcess.test(file.toFile()))
            {
                reason = "open by a process";
            }
            else
            {
                decisions.add(new Decision(file, day, archive ? Action.ARCHIVE : Action.DELETE,
                    "older than " + keepDays + " day(s), no reader needs it"));
                continue;
            }
            decisions.add(new Decision(file, day, Action.KEEP, reason));
        }
        return decisions;
    }

    /**
     * Run the command.
     *
     * @return 0 on success, 1 when a file could not be moved or deleted, 2 on a usage error or a missing journal.
     */
    public Integer call()
    {
        final Settings settings;
        final Path journalDir;
        try
        {
            settings = config != null ? Settings.load(config) : Settings.load();
            journalDir = dir != null ? dir : settings.journalDir();
            if (keepDays < 0)
            {
                throw new IllegalArgumentException("--keep-days must not be negative, was " + keepDays);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("journal retention: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (!Journal.exists(journalDir))
        {
            err.println("journal retention: no journal at " + journalDir.toAbsolutePath() + "; use --dir or --config to choose the journal");
            return EXIT_USAGE;
        }
        try
        {
            final List<Long> needed = new ArrayList<>(keepFromIndexes);
            if (projection)
            {
                needed.add(projectionIndex(settings));
            }
            final List<Decision> decisions = plan(journalDir, keepDays, archiveDir != null, needed);
            int changed = 0;
            for (final Decision decision : decisions)
            {
                out.println((dryRun && decision.action() != Action.KEEP ? "would " : "") + decision);
                if (!dryRun && decision.action() != Action.KEEP)
                {
                    apply(decision);
                    changed++;
                }
            }
            if (changed > 0)
            {
                try (Journal journal = Journal.open(journalDir))
                {
                    journal.refreshDirectoryListing();
                }
            }
            out.println("retention: " + decisions.size() + " cycle file(s), " + (dryRun ? "dry run, nothing changed" :
                changed + (archiveDir != null ? " archived to " + archiveDir.toAbsolutePath() : " deleted")));
            return 0;
        }
        catch (final Exception ex)
        {
            err.println("journal retention: failed: " + ex);
            return EXIT_FAILURE;
        }
        finally
        {
            out.flush();
        }
    }

    private void apply(final Decision decision) throws IOException
    {
        if (decision.action() == Action.ARCHIVE)
        {
            Files.createDirectories(archiveDir);
            // Never overwrite an archived cycle: a name clash fails the command instead.
            Files.move(decision.file(), archiveDir.resolve(decision.file().getFileName()));
        }
        else
        {
            Files.delete(decision.file());
        }
    }

    private static long projectionIndex(final Settings settings) throws Exception
    {
        final ProjectionContext ctx = new ProjectionContext().settings(settings).conclude();
        try (ProjectionDatabase database = ProjectionDatabase.open(ctx))
        {
            return database.firstIndexNeeded(ctx.schema());
        }
    }
}
