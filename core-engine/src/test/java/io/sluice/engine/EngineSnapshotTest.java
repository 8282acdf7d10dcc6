package io.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.sluice.engine.snapshot.SnapshotFile;
import io.sluice.engine.snapshot.SnapshotStore;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots in the running engine: written periodically and at clean shutdown, used at the next start (restore,
 * then replay only after the snapshot's index), and skipped when invalid — always ending in the state a full
 * replay of the journal gives.
 */
@Timeout(90)
class EngineSnapshotTest
{
    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private Engine engine;
    private Publication ingress;
    private Publication reports;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @BeforeEach
    void setUp()
    {
        driver = EngineRig.launchDriver(dir);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        ingress = aeron.addPublication(Streams.DEFAULT_CHANNEL, Streams.INGRESS_STREAM_ID);
        reports = aeron.addPublication(Streams.DEFAULT_CHANNEL, Streams.REPORTS_STREAM_ID);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(engine, ingress, reports, aeron, driver);
    }

    private Settings settings(final String every)
    {
        return Settings.of(Map.of(
            "sluice.aeron.dir", driver.aeronDirectoryName(),
            "sluice.journal.dir", dir.resolve("journal").toString(),
            "sluice.engine.tickMs", "20",
            "sluice.snapshot.every", every,
            "sluice.snapshot.keep", "50",
            "sluice.account.main.maxOrderQty", "10"));
    }

    private Engine start(final Settings settings)
    {
        final Engine started = Engine.launch(new EngineContext().settings(settings));
        EngineRig.await(() -> ingress.isConnected() && reports.isConnected(), "engine subscribed to ingress and reports");
        return started;
    }

    private List<Path> snapshotFiles()
    {
        return new SnapshotStore(dir.resolve("journal").resolve("snapshots"), 1).newestFirst();
    }

    /** A few signals (one of them a duplicate id) after the gateway is up with a quote. */
    private void trade(final String prefix)
    {
        final GatewayStatusEncoder status = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue("paper").state(GatewayState.UP).timestampNs(1).detail("");
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
        final MarketDataEncoder quote = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue("paper").symbol("BTCUSDT").bid(6499000000000L).ask(6501000000000L).last(6500000000000L).timestampNs(1);
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength());
        for (int i = 0; i < 4; i++)
        {
            signal(prefix + i, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        }
        signal(prefix + 0, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        EngineRig.await(() -> journalCount(RiskRejectDecoder.TEMPLATE_ID) > rejectsBefore, "the duplicate's reject is journaled");
        rejectsBefore = journalCount(RiskRejectDecoder.TEMPLATE_ID);
    }

    private long rejectsBefore;

    private void signal(final String id, final String json)
    {
        final RawSignalEncoder signal = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(1).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId(id).account("").idempotencyKey(id);
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        signal.putBody(body, 0, body.length).channel("");
        EngineRig.offer(ingress, buffer, MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength());
    }

    @Test
    void shouldRestoreFromTheShutdownSnapshotWithTheStateAFullReplayGives() throws IOException
    {
        engine = start(settings("1000000"));
        trade("a-");
        engine.close();
        engine = null;

        final List<Path> files = snapshotFiles();
        assertEquals(1, files.size(), "one snapshot, written at clean shutdown: " + files);
        final SnapshotFile.Snapshot written = SnapshotFile.read(files.get(0));
        final long lastInput = lastInputIndex();
        assertEquals(lastInput, written.journalIndex(), "the shutdown snapshot holds every journaled input");
        final long fullReplayHashBeforeRestart = fullReplayHash(settings("1000000"));

        engine = start(settings("1000000"));
        assertEquals(written.journalIndex(), engine.snapshotIndex());
        assertEquals(0, engine.inputsReplayedAfterSnapshot(), engine.recoverySummary());
        assertTrue(engine.recoverySummary().startsWith("restored snapshot at journal index " + written.journalIndex()),
            engine.recoverySummary());
        assertEquals(written.stateHash(), engine.recoveredStateHash());
        assertEquals(fullReplayHashBeforeRestart, engine.recoveredStateHash(), "the same state as a full replay");
        assertTrue(engine.inputsReplayed() >= 7, "the snapshot holds the earlier inputs: " + engine.inputsReplayed());
        final long restoredHash = engine.recoveredStateHash();
        engine.close();
        engine = null;

        // Without snapshots the whole journal is replayed and ends in the same state.
        deleteSnapshots();
        engine = start(settings("0"));
        assertEquals(-1, engine.snapshotIndex());
        assertTrue(engine.recoverySummary().startsWith("no valid snapshot; replayed"), engine.recoverySummary());
        assertEquals(restoredHash, engine.recoveredStateHash());
        engine.close();
        engine = null;
        assertEquals(0, snapshotFiles().size(), "sluice.snapshot.every=0 writes none");
    }

    @Test
    void shouldReplayOnlyTheEventsAfterAPeriodicSnapshotAndKeepDeduplicating() throws IOException
    {
        engine = start(settings("5"));
        trade("p-");
        EngineRig.await(() -> engine.snapshotsWritten() >= 2, "periodic snapshots");
        trade("q-");
        engine.close();
        engine = null;

        // Drop the shutdown snapshot: the newest periodic one must do, with the journal after it replayed.
        final List<Path> files = snapshotFiles();
        assertTrue(files.size() >= 3, files.toString());
        Files.delete(files.get(0));
        final SnapshotFile.Snapshot periodic = SnapshotFile.read(files.get(1));

        final long expected = fullReplayHash(settings("5"));
        final long journalInputs = countInputs(Long.MAX_VALUE);
        engine = start(settings("5"));
        assertEquals(periodic.journalIndex(), engine.snapshotIndex(), engine.recoverySummary());
        assertTrue(engine.inputsReplayedAfterSnapshot() > 0, engine.recoverySummary());
        assertTrue(engine.recoverySummary().contains("replayed " + engine.inputsReplayedAfterSnapshot() + " events after it"),
            engine.recoverySummary());
        assertEquals(expected, engine.recoveredStateHash(), "snapshot + replay after it = replay of everything");
        assertEquals(journalInputs, engine.inputsReplayed());

        // The idempotency keys from before the snapshot are remembered: a repeat is refused.
        signal("p-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        EngineRig.await(() -> journalCount(RiskRejectDecoder.TEMPLATE_ID) > rejectsBefore, "the repeat of p-1 is refused as a duplicate");
    }

    @Test
    void shouldSkipACorruptSnapshotInFavourOfThePreviousOne() throws IOException
    {
        engine = start(settings("5"));
        trade("c-");
        EngineRig.await(() -> engine.snapshotsWritten() >= 1, "a periodic snapshot");
        engine.close();
        engine = null;
        final List<Path> files = snapshotFiles();
        assertTrue(files.size() >= 2, files.toString());
        final byte[] bytes = Files.readAllBytes(files.get(0));
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(files.get(0), bytes);
        final SnapshotFile.Snapshot previous = SnapshotFile.read(files.get(1));

        final long expected = fullReplayHash(settings("5"));
        engine = start(settings("5"));
        assertEquals(previous.journalIndex(), engine.snapshotIndex(), engine.recoverySummary());
        assertTrue(engine.recoverySummary().contains("skipped " + files.get(0).getFileName() + " (" + files.get(0).getFileName() +
            ": CRC mismatch)"), engine.recoverySummary());
        assertEquals(expected, engine.recoveredStateHash());
    }

    @Test
    void shouldSetAsideASnapshotAheadOfTheJournal() throws IOException
    {
        engine = start(settings("1000000"));
        trade("l-");
        engine.close();
        engine = null;
        // As after an OS crash that kept the (fsynced) snapshot but lost the journal's tail: its index is not there.
        final SnapshotFile.Snapshot written = SnapshotFile.read(snapshotFiles().get(0));
        Files.delete(written.path());
        final Path ahead = SnapshotFile.write(written.path().getParent(), written.journalIndex() + 1000, written.sequence() + 1000,
            written.timestampNs(), written.stateHash(), written.fingerprint(), new org.agrona.concurrent.UnsafeBuffer(written.state()),
            written.state().length);

        final long expected = fullReplayHash(settings("1000000"));
        engine = start(settings("1000000"));
        assertEquals(-1, engine.snapshotIndex(), engine.recoverySummary());
        assertTrue(engine.recoverySummary().contains("the journal does not hold its input"), engine.recoverySummary());
        assertEquals(expected, engine.recoveredStateHash());
        assertTrue(Files.exists(ahead.resolveSibling(ahead.getFileName() + ".stale")), "set aside, never to match later records");
        assertEquals(0, snapshotFiles().size());
    }

    @Test
    void shouldSkipASnapshotWhoseRestoredStateFailsItsHash() throws IOException
    {
        engine = start(settings("1000000"));
        trade("h-");
        engine.close();
        engine = null;
        final SnapshotFile.Snapshot written = SnapshotFile.read(snapshotFiles().get(0));
        // A well-formed file (CRC good) whose state does not give the recorded hash.
        SnapshotFile.write(written.path().getParent(), written.journalIndex(), written.sequence(), written.timestampNs(),
            written.stateHash() + 1, written.fingerprint(), new org.agrona.concurrent.UnsafeBuffer(written.state()), written.state().length);

        final long expected = fullReplayHash(settings("1000000"));
        engine = start(settings("1000000"));
        assertEquals(-1, engine.snapshotIndex(), engine.recoverySummary());
        assertTrue(engine.recoverySummary().contains("(restored state hash differs from the recorded one)"), engine.recoverySummary());
        assertEquals(expected, engine.recoveredStateHash());
    }

    @Test
    void shouldReplayTheWholeJournalWhenTheReplayAfterASnapshotDivergesButTheJournalDoesNot() throws IOException
    {
        engine = start(settings("5"));
        trade("m-");
        EngineRig.await(() -> engine.snapshotsWritten() >= 2, "periodic snapshots");
        rejectsBefore = journalCount(RiskRejectDecoder.TEMPLATE_ID);
        signal("m-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        EngineRig.await(() -> journalCount(RiskRejectDecoder.TEMPLATE_ID) > rejectsBefore, "the repeat of m-1 is refused");
        engine.close();
        engine = null;

        // A snapshot before the repeat that lacks state (here: all of it, an empty core's), well-formed and with a
        // matching hash: the replay after it accepts the repeat where the journal refused it.
        final long[] lastSignal = { -1 };
        readJournal((index, kind, templateId) ->
        {
            if (kind == JournalRecord.KIND_INPUT && templateId == io.sluice.sbe.RawSignalDecoder.TEMPLATE_ID)
            {
                lastSignal[0] = index;
            }
        });
        SnapshotFile.Snapshot chosen = null;
        for (final Path file : snapshotFiles())
        {
            final SnapshotFile.Snapshot snapshot = SnapshotFile.read(file);
            if (chosen == null && snapshot.journalIndex() < lastSignal[0])
            {
                chosen = snapshot;
            }
            else
            {
                Files.delete(file);
            }
        }
        assertTrue(chosen != null, "a periodic snapshot before the repeat");
        final io.sluice.engine.core.EngineCore empty = new io.sluice.engine.core.EngineCore(
            new EngineContext().settings(settings("5")).conclude().coreConfig(), (b, o, l) -> {});
        final io.sluice.engine.snapshot.StateWriter writer = new io.sluice.engine.snapshot.StateWriter(1024);
        empty.writeState(writer);
        SnapshotFile.write(chosen.path().getParent(), chosen.journalIndex(), chosen.sequence(), chosen.timestampNs(),
            empty.stateHash(), chosen.fingerprint(), writer.buffer(), writer.length());

        final long expected = fullReplayHash(settings("5"));
        engine = start(settings("5"));
        assertEquals(-1, engine.snapshotIndex(), engine.recoverySummary());
        assertTrue(engine.recoverySummary().contains("(the replay after it diverged: divergence at engine sequence"),
            engine.recoverySummary());
        assertTrue(engine.recoverySummary().startsWith("no valid snapshot; replayed"), engine.recoverySummary());
        assertEquals(expected, engine.recoveredStateHash());
    }

    @Test
    void shouldNotUseASnapshotTakenUnderAnotherConfiguration() throws IOException
    {
        engine = start(settings("1000000"));
        trade("f-");
        engine.close();
        engine = null;
        assertEquals(1, snapshotFiles().size());

        final Settings changed = settings("1000000").with(Map.of("sluice.account.main.maxOrderQty", "20"));
        final long expected = fullReplayHash(changed);
        final long journalInputs = countInputs(Long.MAX_VALUE);
        engine = start(changed);
        assertEquals(-1, engine.snapshotIndex());
        assertTrue(engine.recoverySummary().contains("(taken under another configuration)"), engine.recoverySummary());
        assertEquals(journalInputs, engine.inputsReplayedAfterSnapshot());
        assertEquals(expected, engine.recoveredStateHash());
    }

    /** The state hash a fresh core reaches by replaying the whole journal as it is now (no snapshot). */
    private long fullReplayHash(final Settings settings)
    {
        final EngineContext ctx = new EngineContext().settings(settings).conclude();
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")))
        {
            final io.sluice.engine.core.EngineCore core = new io.sluice.engine.core.EngineCore(ctx.coreConfig(), (b, o, l) -> {});
            final JournalReplay.Result result = JournalReplay.replay(journal, core, Long.MAX_VALUE);
            assertTrue(result.identical());
            return core.stateHash();
        }
    }

    private void deleteSnapshots() throws IOException
    {
        for (final Path file : snapshotFiles())
        {
            Files.delete(file);
        }
    }

    private long lastInputIndex()
    {
        final long[] last = { -1 };
        readJournal((index, kind, templateId) ->
        {
            if (kind == JournalRecord.KIND_INPUT)
            {
                last[0] = index;
            }
        });
        return last[0];
    }

    private long countInputs(final long untilIndex)
    {
        final long[] count = { 0 };
        readJournal((index, kind, templateId) -> count[0] += kind == JournalRecord.KIND_INPUT && index <= untilIndex ? 1 : 0);
        return count[0];
    }

    private long journalCount(final int templateId)
    {
        final long[] count = { 0 };
        readJournal((index, kind, template) -> count[0] += template == templateId ? 1 : 0);
        return count[0];
    }

    private interface RecordVisitor
    {
        void onRecord(long index, int kind, int templateId);
    }

    private void readJournal(final RecordVisitor visitor)
    {
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")); JournalReader reader = journal.reader())
        {
            while (reader.poll((index, kind, sequence, timestampNs, b, offset, length) ->
                visitor.onRecord(index, kind, new MessageHeaderDecoder().wrap(b, offset).templateId()), 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
