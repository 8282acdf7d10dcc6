package io.sluice.engine.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.sluice.engine.core.CoreConfig;
import io.sluice.engine.core.EngineCore;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolsTest
{
    private static final long T0 = 1_763_460_000_000_000_000L;

    @TempDir
    Path dir;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    // Journal a small session the way the engine does: each input, then the core's outputs for it.
    private String writeJournal(final boolean tamper)
    {
        final EngineCore core = new EngineCore(CoreConfig.from(Settings.of(Map.of())), (b, o, l) -> { });
        final String[] clientOrderId = new String[1];
        try (Journal journal = Journal.open(dir.resolve("journal")); JournalAppender appender = journal.appender())
        {
            final long[] seq = { 0 };
            final java.util.function.IntConsumer input = length ->
            {
                final long sequence = seq[0]++;
                final long time = T0 + sequence;
                appender.append(JournalRecord.KIND_INPUT, sequence, time, buffer, 0, length);
                core.outputPort((b, o, l) ->
                {
                    final UnsafeBuffer copy = new UnsafeBuffer(new byte[l]);
                    copy.putBytes(0, b, o, l);
                    if (new MessageHeaderDecoder().wrap(copy, 0).templateId() == NewOrderDecoder.TEMPLATE_ID)
                    {
                        clientOrderId[0] = new NewOrderDecoder().wrapAndApplyHeader(copy, 0, new MessageHeaderDecoder()).clientOrderId().trim();
                        if (tamper)
                        {
                            copy.putLong(copy.capacity() - 40, 7); // a changed byte in the journaled order
                        }
                    }
                    appender.append(JournalRecord.KIND_OUTPUT, sequence, time, copy, 0, l);
                });
                core.onFrame(sequence, time, buffer, 0, length);
            };
            input.accept(encodeStatus());
            input.accept(encodeQuote());
            input.accept(encodeSignal("inv-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":2}"));
            input.accept(encodeFill(clientOrderId[0]));
        }
        return clientOrderId[0];
    }

    @Test
    void shouldReportIdenticalReplayAndTheFirstDivergence()
    {
        writeJournal(false);
        final String identical = run(new ReplayCheckMain(), 0, "--dir", dir.resolve("journal").toString());
        assertTrue(identical.startsWith("IDENTICAL: 4 inputs replayed"), identical);

        final Path other = dir.resolve("other");
        dir = other;
        writeJournal(true);
        final String different = run(new ReplayCheckMain(), 1, "--dir", other.resolve("journal").toString());
        assertTrue(different.contains("divergence at engine sequence 2"), different);
        assertTrue(different.contains("journaled: NewOrder") && different.contains("replayed:  NewOrder"), different);
    }

    @Test
    void shouldRebuildTheStateAtAnIndexOrATime()
    {
        final String clientOrderId = writeJournal(false);
        final String beforeFill = run(new StateAtMain(), 0, "--dir", dir.resolve("journal").toString(),
            "--state-at", java.time.Instant.ofEpochSecond(0, T0 + 2).toString());
        assertTrue(beforeFill.contains("live order " + clientOrderId + " BUY 2 BTCUSDT MARKET PENDING_NEW"), beforeFill);
        assertTrue(!beforeFill.contains("position BTCUSDT"), beforeFill);

        final String end = run(new StateAtMain(), 0, "--dir", dir.resolve("journal").toString(), "--state-at", String.valueOf(Long.MAX_VALUE));
        assertTrue(end.contains("position BTCUSDT qty 2 avg 65000"), end);
        assertTrue(!end.contains("live order"), end);
    }

    @Test
    void shouldRebuildTheStateFromTheNearestSnapshotAtOrBeforeTheIndex() throws java.io.IOException
    {
        writeJournal(false);
        // A snapshot after the signal (engine sequence 2), as the engine would have written it.
        final long[] signalIndex = { -1 };
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")); io.sluice.journal.JournalReader reader = journal.reader())
        {
            while (reader.poll((index, kind, sequence, time, b, o, l) ->
            {
                if (kind == JournalRecord.KIND_INPUT && sequence == 2)
                {
                    signalIndex[0] = index;
                }
            }, 100) > 0)
            {
                Thread.onSpinWait();
            }
            final EngineCore core = new EngineCore(CoreConfig.from(Settings.of(Map.of())), (b, o, l) -> { });
            assertTrue(io.sluice.engine.JournalReplay.replay(journal, core, signalIndex[0]).identical());
            final io.sluice.engine.snapshot.StateWriter writer = new io.sluice.engine.snapshot.StateWriter(1024);
            core.writeState(writer);
            new io.sluice.engine.snapshot.SnapshotStore(dir.resolve("journal").resolve("snapshots"), 3).write(signalIndex[0], 2, T0 + 2,
                core.stateHash(), io.sluice.engine.snapshot.ConfigFingerprint.of(Settings.load()), writer.buffer(), writer.length());
        }

        final String viaSnapshot = run(new StateAtMain(), 0, "--dir", dir.resolve("journal").toString(), "--state-at", String.valueOf(Long.MAX_VALUE));
        assertTrue(viaSnapshot.contains("1 inputs replayed after the snapshot at index " + signalIndex[0]), viaSnapshot);
        final String full = run(new StateAtMain(), 0, "--dir", dir.resolve("journal").toString(), "--state-at", String.valueOf(Long.MAX_VALUE),
            "--full-replay");
        assertTrue(full.contains("4 inputs replayed)"), full);
        assertEquals(full.substring(full.indexOf('\n')), viaSnapshot.substring(viaSnapshot.indexOf('\n')), "the same state either way");
        assertTrue(viaSnapshot.contains("position BTCUSDT qty 2 avg 65000"), viaSnapshot);

        final String before = run(new StateAtMain(), 0, "--dir", dir.resolve("journal").toString(),
            "--state-at", java.time.Instant.ofEpochSecond(0, T0 + 1).toString());
        assertTrue(!before.contains("after the snapshot"), "a snapshot after the index is not used: " + before);
    }

    private static String run(final Object command, final int expectedExit, final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final int exit;
        try
        {
            exit = new CommandLine(command).execute(args);
        }
        finally
        {
            System.setOut(saved);
        }
        final String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, output);
        return output;
    }

    private int encodeStatus()
    {
        final GatewayStatusEncoder e = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue("paper").state(GatewayState.UP).timestampNs(1).detail("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeQuote()
    {
        final MarketDataEncoder e = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue("paper").symbol("BTCUSDT").bid(Fixed.of(64990)).ask(Fixed.of(65000)).last(Fixed.NULL).timestampNs(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeSignal(final String id, final String json)
    {
        final RawSignalEncoder e = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, header)
            .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(1).dryRun(BooleanType.FALSE)
            .signalId(id).account("").idempotencyKey(id);
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        e.putBody(body, 0, body.length).channel("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeFill(final String clientOrderId)
    {
        final ExecutionReportEncoder e = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId).venueOrderId("P1").account("main").venue("paper").symbol("BTCUSDT")
            .execType(ExecType.TRADE).ordStatus(OrdStatus.FILLED).side(Side.BUY)
            .lastQty(Fixed.of(2)).lastPrice(Fixed.of(65000)).cumQty(Fixed.of(2)).leavesQty(0).avgPrice(Fixed.of(65000))
            .transactTimeNs(1).tradeId("").commission(Fixed.NULL).commissionAsset("").text("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }
}
