package io.sluice.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TickDecoder;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine process end to end with real parts: an embedded media driver, a Chronicle journal in a temp
 * directory, the Disruptor pipeline. The test plays admin-api (publishing on ingress) and the gateway
 * (subscribing to orders.paper, publishing reports).
 */
@Timeout(60)
class EngineTest
{
    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private Engine engine;
    private Publication ingress;
    private Publication reports;
    private Subscription orders;
    private final List<byte[]> ordersReceived = new ArrayList<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @BeforeEach
    void setUp()
    {
        driver = EngineRig.launchDriver(dir);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        ingress = aeron.addPublication(Streams.DEFAULT_CHANNEL, Streams.INGRESS_STREAM_ID);
        reports = aeron.addPublication(Streams.DEFAULT_CHANNEL, Streams.REPORTS_STREAM_ID);
        orders = aeron.addSubscription(Streams.DEFAULT_CHANNEL, Streams.defaultOrdersStreamId("paper"));
        engine = startEngine();
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(engine, orders, ingress, reports, aeron, driver);
    }

    private Engine startEngine()
    {
        final Settings settings = Settings.of(Map.of(
            "sluice.aeron.dir", driver.aeronDirectoryName(),
            "sluice.journal.dir", dir.resolve("journal").toString(),
            "sluice.engine.tickMs", "50",
            "sluice.account.main.maxOrderQty", "10"));
        final Engine started = Engine.launch(new EngineContext().settings(settings));
        EngineRig.await(() -> ingress.isConnected() && reports.isConnected(), "engine subscribed to ingress and reports");
        return started;
    }

    @Test
    void shouldJournalTheSignalThenRouteTheOrderAndApplyTheFill()
    {
        gatewayUpWithQuote();
        publishSignal("sig-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":2}");

        EngineRig.await(() -> pollOrders() > 0 || !ordersReceived.isEmpty(), "NewOrder at the gateway subscription");
        final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(ordersReceived.get(0)), 0, new MessageHeaderDecoder());
        final String clientOrderId = order.clientOrderId().trim();
        assertEquals("BTCUSDT", order.symbol().trim());
        assertEquals(Side.BUY, order.side());
        assertEquals("sig-1", order.signalId());

        publishFill(clientOrderId, "2", "65010");
        // The fill's outputs are appended one by one: wait for the last of them (the FILLED update).
        final List<Record> journal = awaitJournal(r ->
            r.templateId == OrderUpdateDecoder.TEMPLATE_ID && orderStatus(r) == OrdStatus.FILLED);
        assertTrue(journal.stream().anyMatch(r -> r.templateId == PositionUpdateDecoder.TEMPLATE_ID), "the position changed");

        final int signalAt = indexOf(journal, JournalRecord.KIND_INPUT, RawSignalDecoder.TEMPLATE_ID);
        final int orderAt = indexOf(journal, JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID);
        assertTrue(signalAt >= 0 && orderAt > signalAt, "input journaled before its output: " + journal);
        assertEquals(journal.get(signalAt).sequence, journal.get(orderAt).sequence, "output carries its input's sequence");
        final long updates = journal.stream()
            .filter(r -> r.kind == JournalRecord.KIND_OUTPUT && r.templateId == OrderUpdateDecoder.TEMPLATE_ID).count();
        assertEquals(2, updates, "PENDING_NEW then FILLED");
        assertTrue(journal.stream().anyMatch(r -> r.kind == JournalRecord.KIND_INPUT && r.templateId == TickDecoder.TEMPLATE_ID),
            "ticks are journaled inputs");
    }

    @Test
    void shouldRememberIdempotencyKeysAndKillSwitchAcrossARestart()
    {
        gatewayUpWithQuote();
        publishSignal("once", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        EngineRig.await(() -> pollOrders() > 0 || !ordersReceived.isEmpty(), "first order");

        final String clientOrderId = new NewOrderDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(ordersReceived.get(0)), 0, new MessageHeaderDecoder()).clientOrderId().trim();

        engine.close();
        engine = startEngine();
        assertTrue(engine.inputsReplayed() >= 3, "replayed " + engine.inputsReplayed());

        // The order was never answered: the restarted engine asks its venue about it (never re-sends it) and
        // holds signals back until the venue has answered.
        EngineRig.await(() -> pollOrders() >= 0 && templates(ordersReceived).contains(io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID),
            "status request for the in-doubt order");
        final io.sluice.sbe.OrderStatusRequestDecoder request = new io.sluice.sbe.OrderStatusRequestDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(ordersReceived.get(ordersReceived.size() - 1)), 0, new MessageHeaderDecoder());
        assertEquals(clientOrderId, request.clientOrderId().trim());
        assertEquals(OrdStatus.PENDING_NEW, request.ordStatus());
        final ExecutionReportEncoder answer = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId).venueOrderId("P1").account("main").venue("paper").symbol("BTCUSDT")
            .execType(ExecType.ORDER_STATUS).ordStatus(OrdStatus.NEW).side(Side.BUY).lastQty(0).lastPrice(0).cumQty(0)
            .leavesQty(io.sluice.protocol.Fixed.of(1)).avgPrice(0).transactTimeNs(1).text("reconciled: NEW");
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + answer.encodedLength());

        gatewayUpWithQuote();
        publishSignal("once", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        final List<Record> journal = awaitJournal(r -> r.templateId == RiskRejectDecoder.TEMPLATE_ID);
        final Record reject = journal.stream().filter(r -> r.templateId == RiskRejectDecoder.TEMPLATE_ID).findFirst().orElseThrow();
        final RiskRejectDecoder decoder = new RiskRejectDecoder().wrapAndApplyHeader(new UnsafeBuffer(reject.bytes), 0, new MessageHeaderDecoder());
        assertEquals(RejectReason.DUPLICATE, decoder.reason());
        pollOrders();
        assertEquals(1, templates(ordersReceived).stream().filter(t -> t == NewOrderDecoder.TEMPLATE_ID).count(),
            "exactly one order across the restart");

        final long firstSequence = journal.stream().mapToLong(r -> r.sequence).min().orElseThrow();
        final long distinct = journal.stream().filter(r -> r.kind == JournalRecord.KIND_INPUT).mapToLong(r -> r.sequence).distinct().count();
        final long inputs = journal.stream().filter(r -> r.kind == JournalRecord.KIND_INPUT).count();
        assertEquals(0, firstSequence);
        assertEquals(inputs, distinct, "sequences continue after a restart, never reused");
    }

    @Test
    void shouldLetOperatorCommandsPassWhileSignalsWaitForReconciliation()
    {
        gatewayUpWithQuote();
        publishSignal("before", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        EngineRig.await(() -> pollOrders() > 0 || !ordersReceived.isEmpty(), "first order");
        final String clientOrderId = new NewOrderDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(ordersReceived.get(0)), 0, new MessageHeaderDecoder()).clientOrderId().trim();

        engine.close();
        engine = startEngine();
        EngineRig.await(() -> pollOrders() >= 0 && templates(ordersReceived).contains(io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID),
            "status request for the in-doubt order");

        publishSignal("while-reconciling", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        final io.sluice.sbe.AdminCommandEncoder kill = new io.sluice.sbe.AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .action(io.sluice.sbe.AdminAction.KILL).scope(io.sluice.sbe.AdminScope.GLOBAL).account("").issuedTimeNs(1)
            .venue("").symbol("").value(io.sluice.protocol.Fixed.NULL).actor("ops").reason("stop").target("");
        EngineRig.offer(ingress, buffer, MessageHeaderEncoder.ENCODED_LENGTH + kill.encodedLength());
        final List<Record> killed = awaitJournal(r -> r.kind == JournalRecord.KIND_INPUT && r.templateId == io.sluice.sbe.AdminCommandDecoder.TEMPLATE_ID);
        assertEquals(1, killed.stream().filter(r -> r.kind == JournalRecord.KIND_INPUT && r.templateId == RawSignalDecoder.TEMPLATE_ID).count(),
            "the kill switch went through; the signal still waits: " + killed);

        final ExecutionReportEncoder answer = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId).venueOrderId("P1").account("main").venue("paper").symbol("BTCUSDT")
            .execType(ExecType.ORDER_STATUS).ordStatus(OrdStatus.NEW).side(Side.BUY).lastQty(0).lastPrice(0).cumQty(0)
            .leavesQty(io.sluice.protocol.Fixed.of(1)).avgPrice(0).transactTimeNs(1).text("reconciled: NEW");
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + answer.encodedLength());
        final List<Record> journal = awaitJournal(r -> r.templateId == RiskRejectDecoder.TEMPLATE_ID);
        final Record reject = journal.stream().filter(r -> r.templateId == RiskRejectDecoder.TEMPLATE_ID).findFirst().orElseThrow();
        final RiskRejectDecoder decoder = new RiskRejectDecoder().wrapAndApplyHeader(new UnsafeBuffer(reject.bytes), 0, new MessageHeaderDecoder());
        assertEquals(RejectReason.KILL_SWITCH, decoder.reason(), "the held signal was decided after the kill switch");
        assertEquals("while-reconciling", decoder.signalId());
    }

    @Test
    void shouldRejectWithGatewayDownWhenNoGatewayIsSubscribed()
    {
        orders.close();
        gatewayUpWithQuote();
        publishSignal("lonely", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");

        final List<Record> journal = awaitJournal(r ->
            r.templateId == OrderUpdateDecoder.TEMPLATE_ID && orderStatus(r) == OrdStatus.REJECTED);
        final Record report = journal.stream()
            .filter(r -> r.kind == JournalRecord.KIND_INPUT && r.templateId == io.sluice.sbe.ExecutionReportDecoder.TEMPLATE_ID)
            .findFirst().orElseThrow(() -> new AssertionError("synthetic report journaled as an input"));
        final io.sluice.sbe.ExecutionReportDecoder decoder = new io.sluice.sbe.ExecutionReportDecoder()
            .wrapAndApplyHeader(new UnsafeBuffer(report.bytes), 0, new MessageHeaderDecoder());
        assertEquals(ExecType.REJECTED, decoder.execType());
        final String text = decoder.text();
        assertTrue(text.startsWith("GATEWAY_DOWN"), text);
    }

    @Test
    void shouldSendTheOrdersOfASignalWhoseOutputsACrashKeptOutOfTheJournal()
    {
        engine.close();
        // The journal holds the quote, the gateway state and a signal, but none of the signal's outputs:
        // the engine died after journaling the input and before its egress stage ran.
        try (Journal journal = Journal.open(dir.resolve("journal")); io.sluice.journal.JournalAppender appender = journal.appender())
        {
            final long now = readJournal().stream().mapToLong(r -> r.sequence).max().orElse(0) + 1;
            long seq = now;
            final GatewayStatusEncoder status = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .venue("paper").state(GatewayState.UP).timestampNs(1).detail("");
            appender.append(JournalRecord.KIND_INPUT, seq++, System.currentTimeMillis() * 1_000_000L, buffer, 0,
                MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
            final MarketDataEncoder quote = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .venue("paper").symbol("BTCUSDT").bid(6499000000000L).ask(6501000000000L).last(6500000000000L).timestampNs(1);
            appender.append(JournalRecord.KIND_INPUT, seq++, System.currentTimeMillis() * 1_000_000L, buffer, 0,
                MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength());
            final RawSignalEncoder signal = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(1).dryRun(io.sluice.sbe.BooleanType.FALSE)
                .signalId("crashed").account("").idempotencyKey("crashed");
            final byte[] body = "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}".getBytes(StandardCharsets.UTF_8);
            signal.putBody(body, 0, body.length).channel("");
            appender.append(JournalRecord.KIND_INPUT, seq, System.currentTimeMillis() * 1_000_000L, buffer, 0,
                MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength());
        }

        engine = startEngine();
        assertEquals(2, engine.recoveredOutputs(), "NewOrder and OrderUpdate were decided again and journaled");
        EngineRig.await(() -> pollOrders() > 0 || !ordersReceived.isEmpty(), "the recovered order reached the gateway");
        final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(ordersReceived.get(0)), 0, new MessageHeaderDecoder());
        order.clientOrderId();
        assertEquals("crashed", order.signalId());
        assertEquals(1, readJournal().stream().filter(r -> r.templateId == NewOrderDecoder.TEMPLATE_ID).count());
    }

    @Test
    void shouldRefuseToStartWhenTheJournalDisagreesWithThisBuild()
    {
        gatewayUpWithQuote();
        publishSignal("tamper", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        awaitJournal(r -> r.templateId == NewOrderDecoder.TEMPLATE_ID);
        engine.close();
        engine = null;
        // Journal a forged output for the signal's sequence: this build would never have produced it.
        final Record input = readJournal().stream().filter(r -> r.templateId == RawSignalDecoder.TEMPLATE_ID).findFirst().orElseThrow();
        try (Journal journal = Journal.open(dir.resolve("journal")); io.sluice.journal.JournalAppender appender = journal.appender())
        {
            final long seq = readJournal().stream().mapToLong(r -> r.sequence).max().orElseThrow() + 1;
            appender.append(JournalRecord.KIND_INPUT, seq, 1, new UnsafeBuffer(input.bytes), 0, input.bytes.length);
            appender.append(JournalRecord.KIND_OUTPUT, seq, 1, new UnsafeBuffer(input.bytes), 0, input.bytes.length);
        }
        final IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, this::startEngine);
        assertTrue(failure.getMessage().contains("divergence at engine sequence"), failure.getMessage());
        assertTrue(failure.getMessage().contains("journaled: RawSignal"), failure.getMessage());
    }

    private static OrdStatus orderStatus(final Record record)
    {
        return new OrderUpdateDecoder().wrapAndApplyHeader(new UnsafeBuffer(record.bytes), 0, new MessageHeaderDecoder()).ordStatus();
    }

    private void gatewayUpWithQuote()
    {
        final long quotes = readJournal().stream().filter(r -> r.templateId == MarketDataDecoder.TEMPLATE_ID).count();
        final GatewayStatusEncoder status = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue("paper").state(GatewayState.UP).timestampNs(1).detail("");
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
        final MarketDataEncoder quote = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue("paper").symbol("BTCUSDT").bid(6499000000000L).ask(6501000000000L).last(6500000000000L).timestampNs(1);
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength());
        // Reports and ingress are different streams: let the engine take the quote before any signal.
        awaitJournal(r -> false, records -> records.stream().filter(r -> r.templateId == MarketDataDecoder.TEMPLATE_ID).count() > quotes);
    }

    private void publishSignal(final String id, final String json)
    {
        final RawSignalEncoder signal = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(1).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId(id).account("").idempotencyKey(id);
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        signal.putBody(body, 0, body.length).channel("");
        EngineRig.offer(ingress, buffer, MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength());
    }

    private void publishFill(final String clientOrderId, final String qty, final String price)
    {
        final ExecutionReportEncoder report = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId).venueOrderId("P1").account("main").venue("paper").symbol("BTCUSDT")
            .execType(ExecType.TRADE).ordStatus(OrdStatus.FILLED).side(Side.BUY)
            .lastQty(io.sluice.protocol.Fixed.parse(qty)).lastPrice(io.sluice.protocol.Fixed.parse(price))
            .cumQty(io.sluice.protocol.Fixed.parse(qty)).leavesQty(0).avgPrice(io.sluice.protocol.Fixed.parse(price))
            .transactTimeNs(1).text("");
        EngineRig.offer(reports, buffer, MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength());
    }

    private static List<Integer> templates(final List<byte[]> frames)
    {
        final List<Integer> ids = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            ids.add(new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0).templateId());
        }
        return ids;
    }

    private int pollOrders()
    {
        return orders.isClosed() ? 0 : orders.poll(new FragmentAssembler((b, o, l, h) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            ordersReceived.add(copy);
        }), 10);
    }

    private record Record(long index, int kind, long sequence, int templateId, byte[] bytes)
    {
        public String toString()
        {
            return JournalRecord.kindName(kind) + ":" + templateId + "@" + sequence;
        }
    }

    private List<Record> readJournal()
    {
        final List<Record> records = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")); JournalReader reader = journal.reader())
        {
            while (reader.poll((index, kind, sequence, timestampNs, b, offset, length) ->
            {
                final byte[] copy = new byte[length];
                b.getBytes(offset, copy);
                records.add(new Record(index, kind, sequence, new MessageHeaderDecoder().wrap(b, offset).templateId(), copy));
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return records;
    }

    private List<Record> awaitJournal(final java.util.function.Predicate<Record> until)
    {
        return awaitJournal(until, records -> false);
    }

    private List<Record> awaitJournal(
        final java.util.function.Predicate<Record> until, final java.util.function.Predicate<List<Record>> orAll)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (true)
        {
            final List<Record> records = readJournal();
            if (records.stream().anyMatch(until) || orAll.test(records))
            {
                return records;
            }
            if (System.nanoTime() > deadline)
            {
                fail("journal never held the expected record: " + records);
            }
            sleep();
        }
    }

    private static int indexOf(final List<Record> records, final int kind, final int templateId)
    {
        for (int i = 0; i < records.size(); i++)
        {
            if (records.get(i).kind == kind && records.get(i).templateId == templateId)
            {
                return i;
            }
        }
        return -1;
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(5);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
