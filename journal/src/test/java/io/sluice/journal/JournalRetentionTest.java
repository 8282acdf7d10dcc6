package io.sluice.journal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRetentionTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final LocalDate TODAY = LocalDate.of(2024, 6, 10);
    private static final int[] DAYS_AGO = { 10, 5, 2, 1, 0 };

    @TempDir
    Path dir;

    @TempDir
    Path archive;

    /** Index of the one record written on each day, by days ago. */
    private final Map<Integer, Long> indexes = new LinkedHashMap<>();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void writeOneRecordPerDay()
    {
        final SetTimeProvider clock = new SetTimeProvider(noon(DAYS_AGO[0]) * 1_000_000L);
        try (Journal journal = Journal.open(dir, clock); JournalAppender appender = journal.appender())
        {
            for (final int daysAgo : DAYS_AGO)
            {
                clock.currentTimeMillis(noon(daysAgo));
                final TestFrames.Frame tick = TestFrames.tick(noon(daysAgo) * 1_000_000L);
                indexes.put(daysAgo, appender.append(JournalRecord.KIND_INPUT, daysAgo, noon(daysAgo) * 1_000_000L, tick.buffer, 0, tick.length));
            }
        }
        // Closed queues release their files in the background: release now, so no file of this process stays open.
        BackgroundResourceReleaser.releasePendingResources();
        assertEquals(names(0, 1, 2, 5, 10), cycleFiles(dir));
    }

    private static long noon(final int daysAgo)
    {
        return TODAY.minusDays(daysAgo).toEpochDay() * DAY_MS + DAY_MS / 2;
    }

    private static String name(final int daysAgo)
    {
        return TODAY.minusDays(daysAgo).toString().replace("-", "") + "F.cq4";
    }

    private static TreeSet<String> names(final int... daysAgo)
    {
        final TreeSet<String> names = new TreeSet<>();
        for (final int days : daysAgo)
        {
            names.add(name(days));
        }
        return names;
    }

    private static TreeSet<String> cycleFiles(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".cq4"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private int retention(final long nowMs, final String... args)
    {
        final JournalRetention command = new JournalRetention(
            new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8))
            .clock(() -> nowMs);
        final List<String> all = new ArrayList<>(List.of("--dir", dir.toString()));
        all.addAll(List.of(args));
        return new CommandLine(command).setErr(new PrintWriter(new OutputStreamWriter(errBytes, StandardCharsets.UTF_8), true))
            .execute(all.toArray(new String[0]));
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private List<Long> recordIndexes(final Path directory)
    {
        final List<Long> read = new ArrayList<>();
        try (Journal journal = Journal.open(directory); JournalReader reader = journal.reader())
        {
            reader.toStart();
            while (reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) -> read.add(index), 16) > 0)
            {
                // Read them all.
            }
        }
        return read;
    }

    @Test
    void shouldDeleteCyclesOlderThanTheRetentionThatNoReaderNeeds()
    {
        assertEquals(0, retention(noon(0), "--keep-days", "2"), errBytes.toString(StandardCharsets.UTF_8));

        assertEquals(names(0, 1, 2), cycleFiles(dir));
        assertTrue(out().contains("delete " + name(10) + " (" + TODAY.minusDays(10) + "): older than 2 day(s), no reader needs it"), out());
        assertTrue(out().contains("keep " + name(2) + " (" + TODAY.minusDays(2) + "): within 2 day(s)"), out());
        assertTrue(out().contains("keep " + name(0) + " (" + TODAY + "): newest cycle"), out());
        assertTrue(out().contains("retention: 5 cycle file(s), 2 deleted"), out());
        // Readers start at the first remaining cycle.
        assertEquals(List.of(indexes.get(2), indexes.get(1), indexes.get(0)), recordIndexes(dir));
    }

    @Test
    void shouldChangeNothingInADryRun()
    {
        assertEquals(0, retention(noon(0), "--keep-days", "2", "--dry-run"));

        assertEquals(names(0, 1, 2, 5, 10), cycleFiles(dir));
        assertTrue(out().contains("would delete " + name(10)), out());
        assertTrue(out().contains("would delete " + name(5)), out());
        assertTrue(out().contains("dry run, nothing changed"), out());
    }

    @Test
    void shouldArchiveOldCyclesWhereTheyCanStillBeRead()
    {
        final Path archiveDir = archive.resolve("journal-archive");

        assertEquals(0, retention(noon(0), "--keep-days", "3", "--archive-dir", archiveDir.toString()));

        assertEquals(names(0, 1, 2), cycleFiles(dir));
        assertEquals(names(5, 10), cycleFiles(archiveDir));
        assertTrue(out().contains("archive " + name(5)), out());
        // The archive is a journal directory of its own: dump reads it as it is.
        final ByteArrayOutputStream dumped = new ByteArrayOutputStream();
        assertEquals(0, JournalMain.execute(new PrintStream(dumped, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8), "dump", "--dir", archiveDir.toString()),
            errBytes.toString(StandardCharsets.UTF_8));
        final String[] lines = dumped.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith(indexes.get(10) + " "), lines[0]);
        assertTrue(lines[1].startsWith(indexes.get(5) + " "), lines[1]);
        assertEquals(List.of(indexes.get(10), indexes.get(5)), recordIndexes(archiveDir));
    }

    @Test
    void shouldKeepTheCyclesAReaderStillNeeds()
    {
        assertEquals(0, retention(noon(0), "--keep-days", "0", "--keep-from-index", Long.toString(indexes.get(5))));

        assertEquals(names(0, 1, 2, 5), cycleFiles(dir));
        assertTrue(out().contains("keep " + name(5) + " (" + TODAY.minusDays(5) + "): a reader needs it (from index " + indexes.get(5) + ")"),
            out());
    }

    @Test
    void shouldNeverRemoveTheNewestCycleNorTheCurrentOne()
    {
        assertEquals(0, retention(noon(0) + 30 * DAY_MS, "--keep-days", "0"));
        assertEquals(names(0), cycleFiles(dir));

        outBytes.reset();
        assertEquals(0, retention(noon(0) + 30 * DAY_MS, "--keep-days", "0"));
        assertEquals(names(0), cycleFiles(dir));
        assertTrue(out().contains("keep " + name(0) + " (" + TODAY + "): newest cycle"), out());
    }

    @Test
    void shouldKeepAFileAProcessHasOpen()
    {
        final JournalRetention command = new JournalRetention(System.out, System.err)
            .clock(() -> noon(0))
            .openByAProcess(file -> file.getName().equals(name(10)));

        final Map<String, JournalRetention.Action> actions = new LinkedHashMap<>();
        final Map<String, String> reasons = new LinkedHashMap<>();
        try
        {
            for (final JournalRetention.Decision decision : command.plan(dir, 1, false, List.of()))
            {
                actions.put(decision.file().getFileName().toString(), decision.action());
                reasons.put(decision.file().getFileName().toString(), decision.reason());
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }

        assertEquals(JournalRetention.Action.KEEP, actions.get(name(10)));
        assertEquals("open by a process", reasons.get(name(10)));
        assertEquals(JournalRetention.Action.DELETE, actions.get(name(5)));
        assertEquals(JournalRetention.Action.DELETE, actions.get(name(2)));
        assertEquals(JournalRetention.Action.KEEP, actions.get(name(1)));
    }

    @Test
    void shouldSeeAFileATailerOfThisProcessHoldsOpen()
    {
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            reader.toStart();
            assertEquals(1, reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) -> { }, 1));

            assertEquals(0, retention(noon(0), "--keep-days", "0", "--dry-run"));

            assertTrue(out().contains("keep " + name(10) + " (" + TODAY.minusDays(10) + "): open by a process"), out());
            assertTrue(out().contains("would delete " + name(5)), out());
        }
    }

    @Test
    void shouldRequireTheRetentionPeriod()
    {
        assertEquals(2, retention(noon(0)));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--keep-days"), errBytes.toString(StandardCharsets.UTF_8));
        assertFalse(out().contains("delete"));
        assertEquals(2, new CommandLine(new JournalRetention(System.out, new PrintStream(errBytes, true, StandardCharsets.UTF_8)))
            .execute("--dir", dir.resolve("missing").toString(), "--keep-days", "1"));
    }
}
