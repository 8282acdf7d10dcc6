package io.sluice.journal.projection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.sluice.journal.EngineSimulation;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUseAnEmbeddedPostgresUnderSluiceHomeWhenNoUrlIsConfigured() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final Path home = dir.resolve("home");
        final EngineSimulation sim;
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sim = new EngineSimulation(appender, 53).run(300);
        }
        final Properties properties = new Properties();
        properties.setProperty("sluice.home", home.toString());
        properties.setProperty("sluice.journal.dir", journalDir.toString());
        final Path config = dir.resolve("sluice.properties");
        try (Writer writer = Files.newBufferedWriter(config))
        {
            properties.store(writer, null);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, JournalMain.execute(outStream, errStream, "replay", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));
        // A second run starts the same data directory again and finds nothing new.
        assertEquals(0, JournalMain.execute(outStream, errStream, "replay", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));

        final String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("replay: database embedded PostgreSQL at " + home.resolve("postgres").toAbsolutePath()), printed);
        assertTrue(printed.contains("replay: projected " + sim.records.size() + " records up to index " + sim.lastIndex()), printed);
        assertTrue(printed.contains("replay: projected 0 records up to index " + sim.lastIndex()), printed);
        assertTrue(Files.exists(home.resolve("postgres").resolve("PG_VERSION")));
        try (ProjectionDatabase database = ProjectionDatabase.embedded(home.resolve("postgres"), 0))
        {
            // Everything is projected; at most the last inputs, whose outputs could still follow, are re-read on restart.
            final long needed = database.firstIndexNeeded(ProjectionContext.DEFAULT_SCHEMA);
            assertTrue(needed >= sim.signals.get(sim.signals.size() - 1).rawIndex && needed <= sim.lastIndex(), Long.toString(needed));
        }
    }

    @Test
    void shouldFailWithExitCode2WithoutAJournal()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, JournalMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "replay", "--dir", dir.resolve("none").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no journal at"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, JournalMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "replay", "--dir", dir.toString(), "--batch", "-5"));
    }
}
