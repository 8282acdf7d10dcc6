package io.sluice.journal.projection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.sluice.journal.EngineSimulation;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.protocol.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Measures the projection (journal records per second into the embedded PostgreSQL, default durability) and a raw
 * COPY of exactly the rows it wrote, into bare tables and into tables with the same indexes, and prints both and the
 * ratio. Not part of the normal test run:
 * {@code mvn -o -q -pl journal test -Dtest=ProjectionBenchmark -Dsluice.bench.replay.records=500000}
 * (output in journal/target/surefire-reports/io.sluice.journal.projection.ProjectionBenchmark-output.txt), or run
 * {@link #main(String[])} with the test classpath.
 */
class ProjectionBenchmark
{
    static final String RECORDS_PROP = "sluice.bench.replay.records";
    private static final long CLOCK_TICKS = 100;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = RECORDS_PROP, matches = "\\d+")
    void shouldMeasureTheProjectionAgainstARawCopy() throws Exception
    {
        run(Integer.parseInt(System.getProperty(RECORDS_PROP)), dir, System.out);
    }

    /**
     * Run the benchmark.
     *
     * @param args journal records to generate (default 500000), then optionally a working directory.
     * @throws Exception when anything fails.
     */
    public static void main(final String... args) throws Exception
    {
        final int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        final Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sluice-replay-bench");
        run(records, work, System.out);
    }

    static void run(final int records, final Path work, final PrintStream out) throws Exception
    {
        final Path journalDir = work.resolve("journal");
        long startNs = System.nanoTime();
        final EngineSimulation sim;
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sim = new EngineSimulation(appender, 97).keepRecords(false).run(records);
        }
        out.printf(Locale.ROOT, "journal: %d records (%d signals, %d orders, %d venue reports) written in %.1f s%n",
            sim.written(), sim.signals.size(), sim.orders.size(), sim.executionIndexes.size(), (System.nanoTime() - startNs) / 1e9);

        try (ProjectionDatabase database = ProjectionDatabase.embedded(work.resolve("postgres"), 0))
        {
            database.migrate("bench");
            final Map<String, ByteArrayOutputStream> copied = new LinkedHashMap<>();
            final Map<String, String> columns = new LinkedHashMap<>();
            final ProjectionContext ctx = new ProjectionContext().settings(Settings.of(Map.of())).journalDir(journalDir)
                .schema("bench").conclude();

            final ProjectionStats stats;
            final double projectionSeconds;
            final double javaCpuSeconds;
            final double serverCpuSeconds;
            try (Journal journal = Journal.openReadOnly(journalDir))
            {
                final JournalProjector projector = JournalProjector.open(ctx, journal, database.dataSource());
                projector.writer().tap((table, tableColumns, bytes, length) ->
                {
                    columns.putIfAbsent(table, tableColumns);
                    copied.computeIfAbsent(table, key -> new ByteArrayOutputStream()).write(bytes, 0, length);
                });
                final int backendPid = projector.writer().backendPid();
                final double serverCpuBefore = processCpuSeconds(backendPid);
                final long cpuBeforeNs = THREADS.getCurrentThreadCpuTime();
                startNs = System.nanoTime();
                try
                {
                    projector.catchUp();
                    projectionSeconds = (System.nanoTime() - startNs) / 1e9;
                    javaCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuBeforeNs) / 1e9;
                    serverCpuSeconds = processCpuSeconds(backendPid) - serverCpuBefore;
                }
                finally
                {
                    projector.onClose();
                }
                stats = projector.stats();
            }
            final double recordsPerSecond = stats.records() / projectionSeconds;
            out.printf(Locale.ROOT, "projection: %d records in %.2f s = %.0f records/s, %d transactions of %d records, %d rows (%.0f rows/s)%n",
                stats.records(), projectionSeconds, recordsPerSecond, stats.commits(), ctx.batchRecords(), stats.rows(),
                stats.rows() / projectionSeconds);
            out.println("projection: " + stats);
            out.printf(Locale.ROOT, "projection CPU: %.2f s in the JVM (reading, decoding, COPY text) + %.2f s in the PostgreSQL backend = " +
                "%.0f records per CPU-second (machine load average %.1f)%n", javaCpuSeconds, serverCpuSeconds,
                stats.records() / (javaCpuSeconds + serverCpuSeconds), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());

            final double[] bare = rawCopy(database, copied, columns, "raw_bare", false);
            final double[] indexed = rawCopy(database, copied, columns, "raw_indexed", true);
            final double bareSeconds = bare[0];
            final double indexedSeconds = indexed[0];
            out.printf(Locale.ROOT, "raw COPY CPU (PostgreSQL backend): %.2f s bare, %.2f s indexed; CPU ratio projection / raw COPY: " +
                "%.2fx bare, %.2fx indexed%n", bare[1], indexed[1], (javaCpuSeconds + serverCpuSeconds) / bare[1],
                (javaCpuSeconds + serverCpuSeconds) / indexed[1]);
            long bytes = 0;
            for (final ByteArrayOutputStream rows : copied.values())
            {
                bytes += rows.size();
            }
            out.printf(Locale.ROOT, "raw COPY of the same %d rows (%.1f MB): %.2f s into bare tables (%.0f records/s equivalent), " +
                "%.2f s into tables with the same indexes (%.0f records/s equivalent)%n",
                stats.rows(), bytes / 1e6, bareSeconds, stats.records() / bareSeconds, indexedSeconds, stats.records() / indexedSeconds);
            out.printf(Locale.ROOT, "ratio: projection takes %.2fx the time of a raw COPY into bare tables, %.2fx into indexed tables " +
                "(projection speed = %.0f%% / %.0f%% of raw COPY)%n",
                projectionSeconds / bareSeconds, projectionSeconds / indexedSeconds,
                100 * bareSeconds / projectionSeconds, 100 * indexedSeconds / projectionSeconds);
        }
    }

    // CPU time (user + system) of a process on Linux, from /proc/<pid>/stat; NaN elsewhere.
    private static double processCpuSeconds(final int pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double)CLOCK_TICKS;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
    }

    // COPY every captured row into fresh copies of the projection's tables, one COPY per table, one transaction;
    // returns elapsed and backend CPU seconds.
    private static double[] rawCopy(
        final ProjectionDatabase database, final Map<String, ByteArrayOutputStream> copied, final Map<String, String> columns,
        final String schema, final boolean indexed) throws SQLException, IOException
    {
        try (Connection connection = database.dataSource().getConnection())
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("CREATE SCHEMA " + schema);
                for (final String table : copied.keySet())
                {
                    statement.execute("CREATE TABLE " + schema + "." + table + " (LIKE bench." + table + " INCLUDING DEFAULTS)");
                    if (!indexed)
                    {
                        continue;
                    }
                    // The same indexes, but none unique: the rows of latest-state tables repeat a key once per batch.
                    final java.util.List<String> definitions = new java.util.ArrayList<>();
                    try (java.sql.ResultSet rs = statement.executeQuery(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'bench' AND tablename = '" + table + "'"))
                    {
                        while (rs.next())
                        {
                            definitions.add(rs.getString(1));
                        }
                    }
                    for (final String definition : definitions)
                    {
                        statement.execute(definition.replace("CREATE UNIQUE INDEX", "CREATE INDEX")
                            .replaceFirst("CREATE INDEX \\S+ ON (ONLY )?bench\\.", "CREATE INDEX ON " + schema + "."));
                    }
                }
            }
            connection.setAutoCommit(false);
            final int backendPid;
            try (Statement statement = connection.createStatement(); java.sql.ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()"))
            {
                rs.next();
                backendPid = rs.getInt(1);
            }
            final double cpuBefore = processCpuSeconds(backendPid);
            final long startNs = System.nanoTime();
            for (final Map.Entry<String, ByteArrayOutputStream> entry : copied.entrySet())
            {
                final byte[] rows = entry.getValue().toByteArray();
                final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + schema + "." + entry.getKey() + " (" + columns.get(entry.getKey()) + ") FROM STDIN");
                copyIn.writeToCopy(rows, 0, rows.length);
                copyIn.endCopy();
            }
            connection.commit();
            return new double[] { (System.nanoTime() - startNs) / 1e9, processCpuSeconds(backendPid) - cpuBefore };
        }
    }
}
