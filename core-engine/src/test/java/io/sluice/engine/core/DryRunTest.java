package io.sluice.engine.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.ParseOutcome;
import io.sluice.sbe.ParseResultDecoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dry runs (RawSignal dryRun=TRUE, behind POST /api/v1/signals/parse): one ParseResult each, decided like a real
 * signal, and no change of state.
 */
class DryRunTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final ExpandableArrayBuffer dryBuffer = new ExpandableArrayBuffer(4096);
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final long nowNs = 1_700_000_000L * SECOND_NS;
    private EngineCore core;
    private long sequence;

    private void start(final Map<String, String> extra)
    {
        final Map<String, String> settings = new java.util.HashMap<>(Map.of(
            "sluice.accounts", "main,alt",
            "sluice.account.main.maxOrderQty", "10",
            "sluice.dedup.capacity", "1000",
            "sluice.dedup.windowMs", "60000",
            "sluice.engine.maxLiveOrders", "64",
            "sluice.account.main.ordersPerSecond", "0",
            "sluice.account.alt.ordersPerSecond", "0",
            "sluice.source.default.defaultQty", "0.5"));
        settings.putAll(extra);
        core = new EngineCore(CoreConfig.from(Settings.of(settings)), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        outputs.clear();
    }

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private ParseResultDecoder dryRun(
        final SignalFormat format, final String signalId, final String account, final long requestTimeNs, final String body)
    {
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(dryBuffer, 0, new MessageHeaderEncoder())
            .source(SignalSource.REST).format(format).ingressTimeNs(requestTimeNs).dryRun(io.sluice.sbe.BooleanType.TRUE)
            .signalId(signalId).account(account).idempotencyKey(signalId);
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        encoder.putBody(bytes, 0, bytes.length).channel("");
        outputs.clear();
        final long before = core.stateHash();
        core.onFrame(sequence++, nowNs, dryBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        assertEquals(before, core.stateHash(), "a dry run changes no state");
        assertEquals(java.util.List.of(ParseResultDecoder.TEMPLATE_ID), outputs.templateIds(), "exactly one ParseResult");
        return new ParseResultDecoder().wrapAndApplyHeader(new UnsafeBuffer(outputs.frames.get(0)), 0, new MessageHeaderDecoder());
    }

    @Test
    void shouldAnswerWithTheIntentsAndLeaveTheSignalIdFreeForTheRealSignal()
    {
        start(Map.of());
        final String text = "BTCUSDT BUY 65000 SL 64000 TP 67000";
        final ParseResultDecoder result = dryRun(SignalFormat.FREE_TEXT, "t-1", "main", 42, text);
        assertEquals(42, result.requestTimeNs());
        assertEquals(ParseOutcome.ROUTE, result.outcome());
        assertEquals(RejectReason.NULL_VAL, result.reason());
        assertEquals(SignalFormat.FREE_TEXT, result.format());
        assertEquals("main", result.account().trim());
        assertEquals("t-1", result.signalId());
        assertEquals("", result.field());
        assertEquals("", result.detail());
        final String intents = result.intents();
        assertTrue(intents.startsWith("{\"outcome\":\"NEW_TRADE\""), intents);
        assertTrue(intents.contains("\"symbol\":\"BTCUSDT\",\"side\":\"BUY\""), intents);
        assertTrue(intents.contains("\"sl\":\"64000\""), intents);
        assertTrue(intents.contains("{\"completed\":\"QUANTITY\""), intents);

        outputs.clear();
        feed(frames.signal(SignalFormat.FREE_TEXT, "t-1", "main", text));
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), "the dry run left no dedup record: " + outputs.templateIds());

        final ParseResultDecoder again = dryRun(SignalFormat.FREE_TEXT, "t-1", "main", 43, text);
        assertEquals(ParseOutcome.REFUSE, again.outcome());
        assertEquals(RejectReason.DUPLICATE, again.reason());
        assertEquals("t-1", again.signalId());
        assertEquals("id", again.field());
    }

    @Test
    void shouldNameTheGateThatWouldRefuseAndSpendNoRateTokens()
    {
        start(Map.of("sluice.account.alt.ordersPerSecond", "1", "sluice.account.alt.orderBurst", "1"));
        final ParseResultDecoder tooBig = dryRun(SignalFormat.CANONICAL_JSON, "c-1", "",
            7, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":11}");
        assertEquals(ParseOutcome.REFUSE, tooBig.outcome());
        assertEquals(RejectReason.MAX_ORDER_QTY, tooBig.reason());
        assertEquals(Fixed.of(10), tooBig.limitValue());
        assertEquals(Fixed.of(11), tooBig.actualValue());
        assertEquals(SignalFormat.CANONICAL_JSON, tooBig.format());

        final String ok = "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}";
        for (int i = 0; i < 3; i++)
        {
            assertEquals(ParseOutcome.ROUTE, dryRun(SignalFormat.CANONICAL_JSON, "c-2", "", 8 + i, ok).outcome());
        }
        outputs.clear();
        feed(frames.signal("c-2", "c-2", ok));
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), "the burst of one is still unspent: " + outputs.templateIds());
        assertEquals(RejectReason.RATE_LIMIT, dryRun(SignalFormat.CANONICAL_JSON, "c-3", "", 11,
            "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").reason(), "now it is spent");
    }

    @Test
    void shouldSayALowConfidenceSignalWouldWaitForApprovalWithoutQueueingIt()
    {
        start(Map.of("sluice.account.main.minConfidence", "95"));
        final ParseResultDecoder result = dryRun(SignalFormat.FREE_TEXT, "ap-1", "main", 5, "BTCUSDT BUY 65000 SL 64000 TP 67000");
        assertEquals(ParseOutcome.AWAIT_APPROVAL, result.outcome());
        assertEquals(RejectReason.AWAITING_APPROVAL, result.reason());
        assertEquals(Fixed.of(95), result.limitValue());
    }

    @Test
    void shouldGiveTheReasonForNoiseAndUnparseableBodies()
    {
        start(Map.of());
        final ParseResultDecoder noise = dryRun(SignalFormat.FREE_TEXT, "n-1", "main", 1, "Great week everyone, +320 pips!");
        assertEquals(ParseOutcome.REFUSE, noise.outcome());
        assertEquals(RejectReason.NOT_A_SIGNAL, noise.reason());
        noise.signalId();
        noise.field();
        noise.detail();
        final String intents = noise.intents();
        assertTrue(intents.startsWith("{\"outcome\":\"NOT_A_SIGNAL\""), intents);

        final ParseResultDecoder broken = dryRun(SignalFormat.CANONICAL_JSON, "b-1", "", 2, "{\"account\":\"main\",\"symbol\":");
        assertEquals(ParseOutcome.REFUSE, broken.outcome());
        assertEquals(RejectReason.UNPARSEABLE, broken.reason());
        assertEquals("b-1", broken.signalId());
    }

    @Test
    void shouldJudgeChangesAndCancellationsOfPendingSignalsWithoutTouchingTheOrders()
    {
        start(Map.of());
        assertEquals(RejectReason.NOT_A_SIGNAL,
            dryRun(SignalFormat.FREE_TEXT, "x-1", "main", 1, "Cancel BTCUSDT buy limit").reason(), "nothing pending yet");
        feed(frames.signal(SignalFormat.FREE_TEXT, "e-1", "main", "BTCUSDT BUY 64000 SL 63000 TP 67000"));
        assertEquals(1, core.liveOrders());

        assertEquals(ParseOutcome.ROUTE, dryRun(SignalFormat.FREE_TEXT, "x-2", "main", 2, "Cancel BTCUSDT buy limit").outcome());
        assertEquals(ParseOutcome.ROUTE, dryRun(SignalFormat.FREE_TEXT, "x-3", "main", 3, "Change entry to 64100").outcome());
        assertEquals(RejectReason.NOT_A_SIGNAL,
            dryRun(SignalFormat.FREE_TEXT, "x-4", "alt", 4, "Cancel BTCUSDT buy limit").reason(), "another account's order");
        assertEquals(1, core.liveOrders());
    }

    @Test
    void shouldRefuseAPairEntryWhileTheAccountsPairFlagIsUp()
    {
        final String hedge = "NIFTY28MAR2421500CE";
        final String main = "NIFTY28MAR2421000CE";
        start(Map.of("sluice.instruments", "BTCUSDT," + hedge + "," + main,
            "sluice.instrument." + hedge + ".calendar", "ALWAYS", "sluice.instrument." + main + ".calendar", "ALWAYS"));
        feed(frames.marketData(hedge, "10", "11"));
        feed(frames.marketData(main, "50", "51"));
        final String entry = "{\"account\":\"main\",\"pair\":\"P\",\"event\":\"ENTRY\",\"legs\":[" +
            "{\"symbol\":\"" + main + "\",\"side\":\"SELL\",\"qty\":\"1\"},{\"symbol\":\"" + hedge + "\",\"side\":\"BUY\",\"qty\":\"1\"}]}";
        final ParseResultDecoder fine = dryRun(SignalFormat.HEDGE_PAIR_JSON, "h-0", "main", 1, entry);
        assertEquals(ParseOutcome.ROUTE, fine.outcome());
        fine.signalId();
        fine.field();
        fine.detail();
        final String intents = fine.intents();
        assertTrue(intents.indexOf("\"side\":\"BUY\"") < intents.indexOf("\"side\":\"SELL\""), "BUY leg first: " + intents);

        feed(frames.signal(SignalFormat.HEDGE_PAIR_JSON, "h-1", "main", entry));
        final String first = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(first, io.sluice.sbe.ExecType.REJECTED, io.sluice.sbe.OrdStatus.REJECTED, io.sluice.sbe.Side.BUY,
            "0", "0", "0", "margin"));
        assertEquals(RejectReason.PAIR_BLOCKED, dryRun(SignalFormat.HEDGE_PAIR_JSON, "h-2", "main", 2, entry).reason());
    }

    @Test
    void shouldReplayDryRunsToTheSameOutputsByteForByte()
    {
        final CapturedOutputs first = new CapturedOutputs();
        final CapturedOutputs second = new CapturedOutputs();
        final Settings settings = Settings.of(Map.of("sluice.account.main.ordersPerSecond", "0", "sluice.source.default.defaultQty", "1"));
        final EngineCore a = new EngineCore(CoreConfig.from(settings), first);
        final EngineCore b = new EngineCore(CoreConfig.from(settings), second);
        for (final EngineCore c : new EngineCore[] { a, b })
        {
            c.onFrame(0, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
            c.onFrame(1, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "64990", "65010"));
            final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(dryBuffer, 0, new MessageHeaderEncoder())
                .source(SignalSource.TELEGRAM).format(SignalFormat.FREE_TEXT).ingressTimeNs(9).dryRun(io.sluice.sbe.BooleanType.TRUE)
                .signalId("r-1").account("main").idempotencyKey("r-1");
            final byte[] body = "BTC long 64000-64500 SL 63000 TP1 66000 TP2 67000".getBytes(StandardCharsets.UTF_8);
            encoder.putBody(body, 0, body.length).channel("");
            c.onFrame(2, nowNs, dryBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        }
        assertEquals(first.frames.size(), second.frames.size());
        for (int i = 0; i < first.frames.size(); i++)
        {
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.frames.get(i), second.frames.get(i));
        }
        assertEquals(a.stateHash(), b.stateHash());
        assertEquals(ParseResultDecoder.TEMPLATE_ID, first.templateId(first.frames.size() - 1));
    }
}
