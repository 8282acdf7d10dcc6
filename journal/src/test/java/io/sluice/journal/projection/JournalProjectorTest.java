package io.sluice.journal.projection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import io.sluice.journal.EngineSimulation;
import io.sluice.journal.EngineSimulation.ExpectedAccount;
import io.sluice.journal.EngineSimulation.ExpectedAdmin;
import io.sluice.journal.EngineSimulation.ExpectedOrder;
import io.sluice.journal.EngineSimulation.ExpectedPosition;
import io.sluice.journal.EngineSimulation.ExpectedSignal;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalMain;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.RawSignalDecoder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.journal.projection.PostgresFixture.sameDecimal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class JournalProjectorTest
{
    private static final long DEADLINE_NS = 20_000_000_000L;
    private static final String SECRET = "never-print-this-pw";

    @TempDir
    static Path postgresDir;

    private static PostgresFixture postgres;

    @TempDir
    Path journalDir;

    @TempDir
    Path configDir;

    @BeforeAll
    static void startPostgres() throws Exception
    {
        postgres = new PostgresFixture(postgresDir.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() throws Exception
    {
        if (postgres != null)
        {
            postgres.close();
        }
    }

    private EngineSimulation simulate(final long seed, final int records)
    {
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            return new EngineSimulation(appender, seed).run(records);
        }
    }

    private ProjectionStats project(final String schema, final int batchRecords) throws SQLException
    {
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector projector = JournalProjector.open(
                postgres.context(schema, journalDir, batchRecords), journal, postgres.database.dataSource());
            try
            {
                projector.catchUp();
            }
            finally
            {
                projector.onClose();
            }
            return projector.stats();
        }
    }

    @Test
    void shouldProjectEveryTableOfARealisticJournal() throws Exception
    {
        final EngineSimulation sim = simulate(7, 3_000);
        final String schema = postgres.newSchema();

        final ProjectionStats stats = project(schema, 500);

        assertEquals(sim.records.size(), stats.records());
        assertEquals(0, stats.malformed());
        final Map<String, Object> progress = postgres.row(schema, "SELECT * FROM projection_progress");
        assertEquals(sim.lastIndex(), progress.get("last_index"));
        assertEquals((long)sim.records.size(), progress.get("records"));

        assertRawSignals(sim, schema);
        assertSignals(sim, schema);
        assertOrders(sim, schema);
        assertExecutions(sim, schema);
        assertPositions(sim, schema);
        assertRiskEvents(sim, schema);
        assertAdminActions(sim, schema);
        assertAccounts(sim, schema);
    }

    private void assertRawSignals(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(sim.signals.size(), postgres.count(schema, "raw_signals"));
        final ExpectedSignal first = sim.signals.get(0);
        final Map<String, Object> row = postgres.row(schema, "SELECT * FROM raw_signals WHERE journal_index = ?", first.rawIndex);
        assertEquals(first.sequence, row.get("sequence"));
        assertEquals(first.timeNs, row.get("time_ns"));
        assertEquals(first.signalId, row.get("signal_id"));
        assertEquals(first.account, row.get("account"));
        assertEquals("TRADINGVIEW", row.get("source"));
        assertEquals(false, row.get("dry_run"));
        assertEquals("tv-main", row.get("channel"));
        assertNull(row.get("idempotency_key"));
        final EngineSimulation.Written written = sim.records.stream().filter(r -> r.index == first.rawIndex).findFirst().orElseThrow();
        final RawSignalDecoder decoder = new RawSignalDecoder()
            .wrapAndApplyHeader(new UnsafeBuffer(written.frame), 0, new MessageHeaderDecoder());
        decoder.skipSignalId();
        decoder.skipAccount();
        decoder.skipIdempotencyKey();
        final byte[] body = new byte[decoder.bodyLength()];
        decoder.getBody(body, 0, body.length);
        assertArrayEquals(body, (byte[])row.get("body"));
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("ünïcödé ✓"));
        assertEquals(Instant.ofEpochSecond(0, first.timeNs).truncatedTo(ChronoUnit.MICROS), row.get("time"));
    }

    private void assertSignals(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(sim.signals.size(), postgres.count(schema, "signals"));
        int duplicates = 0;
        for (final ExpectedSignal expected : sim.signals)
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM signals WHERE sequence = ?", expected.sequence);
            final String what = "signal " + expected.signalId + " seq " + expected.sequence + ": " + row;
            assertEquals(expected.rawIndex, row.get("raw_index"), what);
            assertEquals(expected.signalId, row.get("signal_id"), what);
            assertEquals(expected.account, row.get("account"), what);
            assertEquals(expected.outcome, row.get("outcome"), what);
            assertEquals(expected.clientOrderIds, row.get("client_order_ids"), what);
            assertEquals(expected.symbol, row.get("symbol"), what);
            assertEquals(expected.side, row.get("side"), what);
            assertTrue(sameDecimal(expected.quantity, row.get("quantity")), what);
            assertTrue(sameDecimal(expected.price, row.get("price")), what);
            assertEquals(expected.reason, row.get("reason"), what);
            assertEquals(expected.field, row.get("field"), what);
            assertEquals(expected.detail, row.get("detail"), what);
            assertTrue(sameDecimal(expected.limitValue, row.get("limit_value")), what);
            assertTrue(sameDecimal(expected.actualValue, row.get("actual_value")), what);
            assertEquals(expected.outcomeIndex, row.get("outcome_index"), what);
            duplicates += "DUPLICATE".equals(expected.reason) ? 1 : 0;
        }
        assertTrue(duplicates > 0, "the simulation should refuse some duplicates");
        assertEquals(duplicates, postgres.count(schema, "signals WHERE reason = 'DUPLICATE'"));
        assertTrue(postgres.count(schema, "signals WHERE reason = 'MAX_ORDER_QTY'") > 0);
        assertTrue(postgres.count(schema, "signals WHERE outcome = 'ORDERED'") > 0);
    }

    private void assertOrders(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(sim.orders.size(), postgres.count(schema, "orders"));
        final Set<String> statuses = new HashSet<>();
        for (final ExpectedOrder expected : sim.orders.values())
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM orders WHERE client_order_id = ?", expected.clientOrderId);
            final String what = "order " + expected.clientOrderId + ": " + row;
            assertEquals(expected.signalId, row.get("signal_id"), what);
            assertEquals(expected.signalSequence, row.get("signal_sequence"), what);
            assertEquals(expected.account, row.get("account"), what);
            assertEquals(EngineSimulation.VENUE, row.get("venue"), what);
            assertEquals(expected.symbol, row.get("symbol"), what);
            assertEquals(expected.side, row.get("side"), what);
            assertEquals("LIMIT", row.get("ord_type"), what);
            assertEquals("GTC", row.get("time_in_force"), what);
            assertTrue(sameDecimal(expected.quantity, row.get("quantity")), what);
            assertTrue(sameDecimal(expected.price, row.get("price")), what);
            assertEquals(expected.status, row.get("status"), what);
            assertEquals(expected.venueOrderId, row.get("venue_order_id"), what);
            assertTrue(sameDecimal(expected.cumQty, row.get("cum_qty")), what);
            assertTrue(sameDecimal(expected.leavesQty, row.get("leaves_qty")), what);
            assertTrue(sameDecimal(expected.avgPrice, row.get("avg_price")), what);
            assertEquals(expected.createdIndex, row.get("created_index"), what);
            assertEquals(expected.updatedIndex, row.get("updated_index"), what);
            statuses.add(expected.status);
        }
        assertTrue(statuses.containsAll(List.of("FILLED", "PARTIALLY_FILLED", "REJECTED", "NEW")), statuses.toString());
    }

    private void assertExecutions(final EngineSimulation sim, final String schema) throws SQLException
    {
        final List<Long> indexes = new ArrayList<>();
        for (final Map<String, Object> row : postgres.rows(schema, "SELECT journal_index FROM executions ORDER BY journal_index"))
        {
            indexes.add((Long)row.get("journal_index"));
        }
        assertEquals(sim.executionIndexes, indexes);
        final Map<String, Object> trade = postgres.rows(schema,
            "SELECT * FROM trades ORDER BY journal_index LIMIT 1").get(0);
        assertEquals("USDT", trade.get("commission_asset"));
        assertTrue(((String)trade.get("trade_id")).startsWith("T-"));
        assertTrue(sameDecimal(io.sluice.protocol.Fixed.parse("0.01"), trade.get("commission")));
        // The run crosses midnight of 31 May: the projection made both months' partitions.
        final Set<String> partitions = new TreeSet<>();
        for (final Map<String, Object> row : postgres.rows(schema,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'executions'::regclass"))
        {
            partitions.add((String)row.get("relname"));
        }
        assertEquals(Set.of("executions_y2024m05", "executions_y2024m06"), partitions);
        assertEquals(indexes.size(), postgres.count(schema, "executions_y2024m05") + postgres.count(schema, "executions_y2024m06"));
        assertTrue(postgres.count(schema, "executions_y2024m06") > 0);
    }

    private void assertPositions(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(sim.positions.size(), postgres.count(schema, "positions"));
        for (final ExpectedPosition expected : sim.positions.values())
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM positions WHERE account = ? AND venue = ? AND symbol = ?",
                expected.account, EngineSimulation.VENUE, expected.symbol);
            assertTrue(sameDecimal(expected.quantity, row.get("quantity")), row.toString());
            assertTrue(sameDecimal(expected.avgPrice, row.get("avg_price")), row.toString());
            assertTrue(sameDecimal(expected.realizedPnl, row.get("realized_pnl")), row.toString());
            assertEquals(expected.index, row.get("journal_index"));
        }
    }

    private void assertRiskEvents(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(sim.rejects.size(), postgres.count(schema, "risk_events"));
        for (final EngineSimulation.ExpectedReject expected : sim.rejects)
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM risk_events WHERE journal_index = ?", expected.index);
            assertEquals(expected.reason, row.get("reason"));
            assertEquals(expected.signalId, row.get("signal_id"));
            assertEquals(expected.account, row.get("account"));
        }
        assertEquals(postgres.count(schema, "risk_events WHERE reason = 'DUPLICATE'"), postgres.count(schema, "risk_events WHERE gate = 'dedup'"));
        assertEquals(postgres.count(schema, "risk_events WHERE reason IN ('MAX_ORDER_QTY', 'KILL_SWITCH')"),
            postgres.count(schema, "risk_events WHERE gate = 'risk'"));
    }

    private void assertAdminActions(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertTrue(sim.adminActions.size() > 3, "the simulation should kill and resume");
        assertEquals(sim.adminActions.size(), postgres.count(schema, "admin_actions"));
        for (final ExpectedAdmin expected : sim.adminActions)
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM admin_actions WHERE journal_index = ?", expected.commandIndex);
            final String what = row.toString();
            assertEquals(expected.actor, row.get("actor"), what);
            assertEquals(expected.action, row.get("action"), what);
            assertEquals(expected.scope, row.get("scope"), what);
            assertEquals(expected.target, row.get("target"), what);
            assertEquals(expected.reason, row.get("reason"), what);
            assertEquals(expected.before, row.get("before_state"), what);
            assertEquals(expected.after, row.get("after_state"), what);
            assertEquals("APPLIED", row.get("outcome"), what);
            assertEquals(expected.outcomeIndex, row.get("outcome_index"), what);
        }
        assertEquals(sim.tradingStateTargets.size(), postgres.count(schema, "trading_states"));
    }

    private void assertAccounts(final EngineSimulation sim, final String schema) throws SQLException
    {
        assertEquals(new TreeSet<>(sim.accounts.keySet()), names(schema, "SELECT account AS name FROM accounts"));
        for (final ExpectedAccount expected : sim.accounts.values())
        {
            final Map<String, Object> row = postgres.row(schema, "SELECT * FROM accounts WHERE account = ?", expected.account);
            assertTrue(sameDecimal(expected.balance, row.get("balance")), row.toString());
            assertEquals(expected.balanceIndex < 0 ? null : expected.balanceIndex, row.get("balance_index"));
            assertEquals(expected.tradingState, row.get("trading_state"));
            assertEquals(EngineSimulation.VENUE, row.get("venue"));
        }
    }

    private static Set<String> names(final String schema, final String sql) throws SQLException
    {
        final Set<String> names = new TreeSet<>();
        for (final Map<String, Object> row : postgres.rows(schema, sql))
        {
            names.add((String)row.get("name"));
        }
        return names;
    }

    @Test
    void shouldChangeNothingWhenReplayedAgainOrFromAnEarlierIndex() throws Exception
    {
        final EngineSimulation sim = simulate(11, 800);
        final String schema = postgres.newSchema();
        project(schema, 300);
        final String first = postgres.snapshot(schema);

        assertEquals(0, project(schema, 300).records());
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector projector = JournalProjector.open(
                postgres.context(schema, journalDir, 300).fromIndex(sim.records.get(0).index), journal, postgres.database.dataSource());
            try
            {
                assertEquals(0, projector.catchUp());
            }
            finally
            {
                projector.onClose();
            }
        }

        assertEquals(first, postgres.snapshot(schema));
    }

    @Test
    void shouldGiveTheSameRowsWhateverTheBatchSize() throws Exception
    {
        simulate(13, 1_500);
        final String oneBatch = postgres.newSchema();
        final String manyBatches = postgres.newSchema();

        assertEquals(1, project(oneBatch, 1_000_000).commits());
        assertTrue(project(manyBatches, 37).commits() > 30);

        assertEquals(postgres.snapshot(oneBatch), postgres.snapshot(manyBatches));
    }

    @Test
    void shouldResumeExactlyAfterACrashInTheMiddle() throws Exception
    {
        final EngineSimulation sim = simulate(17, 800);
        final String reference = postgres.newSchema();
        project(reference, 1_000_000);
        final String crashed = postgres.newSchema();

        long committedBeforeCrash;
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector projector = JournalProjector.open(
                postgres.context(crashed, journalDir, 150), journal, postgres.database.dataSource());
            final int[] batches = { 0 };
            projector.writer().beforeCommit(() ->
            {
                if (++batches[0] == 3)
                {
                    throw new IllegalStateException("simulated crash while committing batch 3");
                }
            });
            final IllegalStateException crash = assertThrows(IllegalStateException.class, projector::catchUp);
            assertTrue(crash.getMessage().contains("simulated crash"));
            committedBeforeCrash = projector.lastIndex();
            projector.onClose();
        }

        // Two batches of 150 records are in, nothing of the third.
        assertEquals(sim.records.get(299).index, committedBeforeCrash);
        assertEquals(committedBeforeCrash, postgres.longValue(crashed, "SELECT last_index FROM projection_progress"));
        assertEquals(300, postgres.longValue(crashed, "SELECT records FROM projection_progress"));
        assertEquals(0, postgres.count(crashed, "raw_signals WHERE journal_index > " + committedBeforeCrash));
        assertEquals(0, postgres.count(crashed, "executions WHERE journal_index > " + committedBeforeCrash));
        assertEquals(sim.signals.stream().filter(s -> s.rawIndex <= committedBeforeCrash).count(), postgres.count(crashed, "raw_signals"));
        assertNotEquals(postgres.snapshot(reference), postgres.snapshot(crashed));

        final ProjectionStats resumed = project(crashed, 300);

        assertEquals(sim.records.size() - 300, resumed.records());
        assertEquals(postgres.snapshot(reference), postgres.snapshot(crashed));
    }

    @Test
    void shouldRebuildInFlightInputsWhenRestartedAfterEveryCommit() throws Exception
    {
        final EngineSimulation sim = simulate(19, 120);
        final String reference = postgres.newSchema();
        project(reference, 1_000_000);
        final String restarted = postgres.newSchema();

        long reread = 0;
        // Through a HikariCP pool, as with a configured server: its connections (and their stage tables) are reused.
        try (Journal journal = Journal.openReadOnly(journalDir);
            ProjectionDatabase pool = ProjectionDatabase.server(postgres.database.jdbcUrl(), null, null, 2))
        {
            for (int i = 0; i < sim.records.size(); i++)
            {
                // A new projector (a restarted process) after every commit (of one record, or two when the next one
                // was read while the first was written): outputs of an input committed by an
                // earlier process must still find the signal or admin command they belong to.
                final JournalProjector projector = JournalProjector.open(
                    postgres.context(restarted, journalDir, 1), journal, pool.dataSource());
                try
                {
                    while (projector.lastIndex() < sim.records.get(i).index)
                    {
                        assertTrue(projector.doWork() > 0, "record " + i + " was not projected");
                    }
                }
                finally
                {
                    projector.onClose();
                }
                reread += projector.stats().warmRecords();
            }
        }

        assertTrue(reread > 0, "some outputs came after later inputs, so some restarts re-read records");
        assertEquals(postgres.snapshot(reference), postgres.snapshot(restarted));
    }

    @Test
    void shouldRecordAnAdminCommandWhoseOutcomeWasNeverJournaled() throws Exception
    {
        final long noOutcome;
        final EngineSimulation sim;
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sim = new EngineSimulation(appender, 23);
            sim.run(50);
            noOutcome = sim.adminCommandWithoutOutcome("carol", "engine died right after this");
            sim.tickWithEngineError("tick failed");
            sim.run(50);
        }
        final String schema = postgres.newSchema();

        project(schema, 10);

        final Map<String, Object> row = postgres.row(schema, "SELECT * FROM admin_actions WHERE journal_index = ?", noOutcome);
        assertEquals("NO_OUTCOME", row.get("outcome"));
        assertEquals("carol", row.get("actor"));
        assertEquals("KILL", row.get("action"));
        assertNull(row.get("after_state"));
        assertNull(row.get("outcome_index"));
        assertEquals(sim.adminActions.size(), postgres.count(schema, "admin_actions"));
    }

    @Test
    void shouldNotTakeOrdersTheEngineMadeOnItsOwnForSignals() throws Exception
    {
        final String squareOff;
        final EngineSimulation sim;
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sim = new EngineSimulation(appender, 59);
            sim.run(100);
            squareOff = sim.squareOff("acct-1", "BTCUSDT");
            sim.run(100);
        }
        final String schema = postgres.newSchema();

        project(schema, 1_000);

        assertEquals(sim.signals.size(), postgres.count(schema, "signals"));
        assertEquals(0, postgres.count(schema, "signals WHERE signal_id LIKE 'squareoff%'"));
        final Map<String, Object> order = postgres.row(schema, "SELECT * FROM orders WHERE client_order_id = ?", squareOff);
        assertTrue(((String)order.get("signal_id")).startsWith("squareoff"), order.toString());
        assertEquals("MARKET", order.get("ord_type"));
    }

    @Test
    void shouldKeepTheAdminAuditLogAppendOnly() throws Exception
    {
        simulate(29, 1_500);
        final String schema = postgres.newSchema();
        project(schema, 1_000);
        assertTrue(postgres.count(schema, "admin_actions") > 0);

        final SQLException update = assertThrows(SQLException.class,
            () -> postgres.longValue(schema, "WITH u AS (UPDATE admin_actions SET actor = 'mallory' RETURNING 1) SELECT count(*) FROM u"));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        final SQLException delete = assertThrows(SQLException.class,
            () -> postgres.longValue(schema, "WITH d AS (DELETE FROM admin_actions RETURNING 1) SELECT count(*) FROM d"));
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
    }

    @Test
    void shouldFollowTheLiveJournal() throws Exception
    {
        final String schema = postgres.newSchema();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        try (Journal writer = Journal.open(journalDir); JournalAppender appender = writer.appender();
            Journal reader = Journal.openReadOnly(journalDir))
        {
            final EngineSimulation sim = new EngineSimulation(appender, 31).run(200);
            final JournalProjector projector = JournalProjector.open(
                postgres.context(schema, journalDir, 100), reader, postgres.database.dataSource());
            try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), error::set, null, projector))
            {
                AgentRunner.startOnThread(runner);
                awaitProgress(schema, sim.lastIndex(), error);
                assertEquals(sim.signals.size(), postgres.count(schema, "raw_signals"));

                sim.run(300);

                awaitProgress(schema, sim.lastIndex(), error);
                assertEquals(sim.signals.size(), postgres.count(schema, "raw_signals"));
                assertEquals(sim.executionIndexes.size(), postgres.count(schema, "executions"));
                assertEquals(sim.orders.size(), postgres.count(schema, "orders"));
                assertEquals((long)sim.records.size(), postgres.longValue(schema, "SELECT records FROM projection_progress"));
            }
            assertNull(error.get());
        }
    }

    private static void awaitProgress(final String schema, final long index, final AtomicReference<Throwable> error) throws Exception
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (postgres.longValue(schema, "SELECT last_index FROM projection_progress") != index)
        {
            if (error.get() != null)
            {
                fail("projector failed", error.get());
            }
            if (System.nanoTime() > deadline)
            {
                fail("projection did not reach index " + index + " within " + DEADLINE_NS / 1_000_000 + " ms");
            }
            Thread.sleep(10);
        }
    }

    private Path config(final Map<String, String> settings) throws java.io.IOException
    {
        final java.util.Properties properties = new java.util.Properties();
        properties.putAll(settings);
        final Path file = configDir.resolve("sluice-" + System.nanoTime() + ".properties");
        try (java.io.Writer writer = java.nio.file.Files.newBufferedWriter(file))
        {
            properties.store(writer, null);
        }
        return file;
    }

    private Map<String, String> serverSettings(final String schema)
    {
        final String url = postgres.database.jdbcUrl();
        final String hostAndPort = url.substring("jdbc:postgresql://".length(), url.indexOf('/', "jdbc:postgresql://".length()));
        return Map.of(
            "sluice.journal.dir", journalDir.toString(),
            ProjectionContext.DB_URL_PROP, "jdbc:postgresql://" + hostAndPort + "/postgres",
            ProjectionContext.DB_USER_PROP, "postgres",
            ProjectionContext.DB_PASSWORD_PROP, SECRET,
            ProjectionContext.DB_SCHEMA_PROP, schema,
            ProjectionContext.BATCH_RECORDS_PROP, "100");
    }

    @Test
    void shouldReplayThroughTheCommandIntoAServerGivenByUrlWithoutPrintingThePassword() throws Exception
    {
        final EngineSimulation sim = simulate(43, 300);
        final Path config = config(serverSettings("cli_url"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, JournalMain.execute(outStream, errStream, "replay", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, JournalMain.execute(outStream, errStream, "replay", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));

        final String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("replay: applied " + migrations() + " schema migration(s)"), printed);
        assertTrue(printed.contains("replay: projected " + sim.records.size() + " records up to index " + sim.lastIndex()), printed);
        assertTrue(printed.contains("replay: projected 0 records up to index " + sim.lastIndex()), printed);
        assertFalse(printed.contains(SECRET), printed);
        assertEquals(sim.signals.size(), postgres.count("cli_url", "raw_signals"));
        final long needed = postgres.firstIndexNeeded("cli_url");
        assertTrue(needed >= sim.signals.get(sim.signals.size() - 1).rawIndex && needed <= sim.lastIndex(), Long.toString(needed));
    }

    // Every migration the build ships (V1, V2, ...): a fresh server gets all of them.
    private static long migrations() throws Exception
    {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(
            Path.of(JournalProjectorTest.class.getResource("/db/migration").toURI())))
        {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    @Test
    void shouldFollowThroughTheCommandUntilStopped() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ReplayCommand command = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        final AtomicReference<Integer> exitCode = new AtomicReference<>();
        try (Journal writer = Journal.open(journalDir); JournalAppender appender = writer.appender())
        {
            final EngineSimulation sim = new EngineSimulation(appender, 47).run(100);
            final Path config = config(serverSettings("cli_follow"));
            final Thread replay = new Thread(() -> exitCode.set(new picocli.CommandLine(command)
                .execute("--config", config.toString(), "--follow")));
            replay.start();
            final AtomicReference<Throwable> none = new AtomicReference<>();
            awaitTable("cli_follow");
            awaitProgress("cli_follow", sim.lastIndex(), none);

            sim.run(200);
            awaitProgress("cli_follow", sim.lastIndex(), none);

            command.stop();
            replay.join(DEADLINE_NS / 1_000_000);
            assertFalse(replay.isAlive(), "replay did not stop");
            assertEquals(0, exitCode.get());
            assertEquals(sim.signals.size(), postgres.count("cli_follow", "raw_signals"));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(", following"), out.toString(StandardCharsets.UTF_8));
    }

    private static void awaitTable(final String schema) throws Exception
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (postgres.longValue("public", "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema +
            "' AND tablename = 'projection_progress'") == 0 ||
            postgres.count(schema, "projection_progress") == 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("replay did not create its tables in " + schema);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void shouldRefuseASecondProjectorOfTheSameProjection() throws Exception
    {
        simulate(37, 100);
        final String schema = postgres.newSchema();
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector first = JournalProjector.open(
                postgres.context(schema, journalDir, 100), journal, postgres.database.dataSource());
            try
            {
                final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> JournalProjector.open(
                    postgres.context(schema, journalDir, 100), journal, postgres.database.dataSource()));
                assertTrue(refused.getMessage().contains("another replay"), refused.getMessage());
            }
            finally
            {
                first.onClose();
            }
            final JournalProjector second = JournalProjector.open(
                postgres.context(schema, journalDir, 100), journal, postgres.database.dataSource());
            second.onClose();
        }
    }
}
