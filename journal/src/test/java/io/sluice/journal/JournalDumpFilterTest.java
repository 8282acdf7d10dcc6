package io.sluice.journal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.PositionUpdateEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.TickEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.journal.TestFrames.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalDumpFilterTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @TempDir
    Path dir;

    private final List<Long> indexes = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void writeJournal()
    {
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            // 0: a signal of acct-1 and 1: its order for BTCUSDT, at T0.
            append(appender, JournalRecord.KIND_INPUT, 1, T0, TestFrames.rawSignal("{}"));
            append(appender, JournalRecord.KIND_OUTPUT, 1, T0, TestFrames.newOrder(Fixed.parse("65000"), Fixed.NULL));
            // 2: ETHUSDT prices, at T0 + 1 s.
            final MarketDataEncoder marketData = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, header)
                .venue("paper").symbol("ETHUSDT").bid(Fixed.of(3000)).ask(Fixed.of(3001)).last(Fixed.of(3000)).timestampNs(T0 + SECOND_NS);
            append(appender, JournalRecord.KIND_INPUT, 2, T0 + SECOND_NS, marketData.encodedLength());
            // 3: a fill of acct-2 in ETHUSDT and 4: its position, at T0 + 2 s.
            final ExecutionReportEncoder report = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header)
                .clientOrderId("0K3ZJ8QW1B2C4").venueOrderId("V-9").account("acct-2").venue("paper").symbol("ETHUSDT")
                .execType(ExecType.TRADE).ordStatus(OrdStatus.FILLED).side(Side.BUY).lastQty(Fixed.of(1)).lastPrice(Fixed.of(3000))
                .cumQty(Fixed.of(1)).leavesQty(0).avgPrice(Fixed.of(3000)).transactTimeNs(T0 + 2 * SECOND_NS).tradeId("T-1")
                .commission(Fixed.NULL).commissionAsset("").text("");
            append(appender, JournalRecord.KIND_INPUT, 3, T0 + 2 * SECOND_NS, report.encodedLength());
            final PositionUpdateEncoder position = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
                .account("acct-2").venue("paper").symbol("ETHUSDT").quantity(Fixed.of(1)).avgPrice(Fixed.of(3000)).realizedPnl(0)
                .timestampNs(T0 + 2 * SECOND_NS);
            append(appender, JournalRecord.KIND_OUTPUT, 3, T0 + 2 * SECOND_NS, position.encodedLength());
            // 5: an operator halts acct-2, at T0 + 3 s.
            final AdminCommandEncoder admin = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
                .action(AdminAction.KILL).scope(AdminScope.ACCOUNT).account("acct-2").issuedTimeNs(T0 + 3 * SECOND_NS)
                .venue("").symbol("").value(Fixed.NULL).actor("alice").reason("drill").target("");
            append(appender, JournalRecord.KIND_INPUT, 4, T0 + 3 * SECOND_NS, admin.encodedLength());
            // 6: a tick, at T0 + 4 s.
            final TickEncoder tick = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(T0 + 4 * SECOND_NS);
            append(appender, JournalRecord.KIND_INPUT, 5, T0 + 4 * SECOND_NS, tick.encodedLength());
        }
    }

    private void append(final JournalAppender appender, final int kind, final long sequence, final long timeNs, final TestFrames.Frame frame)
    {
        final long index = appender.append(kind, sequence, timeNs, frame.buffer, 0, frame.length);
        indexes.add(index);
        lines.add(new JournalDump().appendLine(new StringBuilder(), index, kind, sequence, timeNs, frame.buffer, 0, frame.length).toString());
    }

    private void append(final JournalAppender appender, final int kind, final long sequence, final long timeNs, final int bodyLength)
    {
        append(appender, kind, sequence, timeNs, new TestFrames.Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength));
    }

    private List<String> dump(final String... filters)
    {
        outBytes.reset();
        final String[] args = new String[filters.length + 3];
        args[0] = "dump";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(filters, 0, args, 3, filters.length);
        final int exitCode = JournalMain.execute(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8), args);
        assertEquals(0, exitCode, errBytes.toString(StandardCharsets.UTF_8));
        final String text = outBytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private List<String> records(final int... positions)
    {
        final List<String> selected = new ArrayList<>();
        for (final int position : positions)
        {
            selected.add(lines.get(position));
        }
        return selected;
    }

    private static String at(final long timeNs)
    {
        return FrameFormatter.formatTime(timeNs);
    }

    @Test
    void shouldPrintOnlyTheRecordsOfAnAccount()
    {
        assertEquals(records(3, 4, 5), dump("--account", "acct-2"));
        assertEquals(records(0, 1), dump("--account", "acct-1"));
        assertEquals(List.of(), dump("--account", "acct-3"));
    }

    @Test
    void shouldPrintOnlyTheRecordsOfASymbol()
    {
        assertEquals(records(2, 3, 4), dump("--symbol", "ETHUSDT"));
        assertEquals(records(1), dump("--symbol", "BTCUSDT"));
    }

    @Test
    void shouldPrintOnlyTheRecordsOfATimeRangeIncludingItsStartOnly()
    {
        assertEquals(records(2, 3, 4), dump("--since", at(T0 + SECOND_NS), "--until", at(T0 + 3 * SECOND_NS)));
        assertEquals(records(5, 6), dump("--since", at(T0 + 3 * SECOND_NS)));
        assertEquals(records(0, 1), dump("--until", at(T0 + 1)));
        assertEquals(records(0, 1, 2), dump("--until", "2024-05-01T09:15:01.000000002Z"));
    }

    @Test
    void shouldCombineEveryFilter()
    {
        assertEquals(records(4), dump("--account", "acct-2", "--symbol", "ETHUSDT", "--type", "PositionUpdate",
            "--since", at(T0), "--until", at(T0 + 3 * SECOND_NS)));
        assertEquals(records(3), dump("--account", "acct-2", "--symbol", "ETHUSDT", "--limit", "1"));
        assertEquals(records(4), dump("--account", "acct-2", "--from", Long.toString(indexes.get(4)), "--limit", "1"));
    }

    @Test
    void shouldRejectABadTimeRangeWithExitCode2()
    {
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        assertEquals(2, JournalMain.execute(out, err, "dump", "--dir", dir.toString(), "--since", "yesterday"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("ISO-8601"), errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(2, JournalMain.execute(out, err, "dump", "--dir", dir.toString(),
            "--since", at(T0 + SECOND_NS), "--until", at(T0)));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--since must not be after --until"));
    }

    @Test
    void shouldFilterThroughTheApiToo() throws Exception
    {
        final StringBuilder out = new StringBuilder();
        try (Journal journal = Journal.openReadOnly(dir))
        {
            assertEquals(1, new JournalDump().account("acct-2").symbol("ETHUSDT").timeRange(T0 + 2 * SECOND_NS + 1, Long.MAX_VALUE)
                .dump(journal, out) + new JournalDump().account("acct-2").timeRange(T0 + 3 * SECOND_NS, T0 + 4 * SECOND_NS).dump(journal, out));
        }
        assertEquals(lines.get(5) + "\n", out.toString());
    }
}
