package io.sluice.engine.core;

import java.util.Map;

import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCoreTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private EngineCore core;
    private long sequence;
    private long nowNs = 1_700_000_000L * SECOND_NS;

    @BeforeEach
    void setUp()
    {
        core = newCore(outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        outputs.clear();
    }

    static EngineCore newCore(final OutputPort port)
    {
        final Settings settings = Settings.of(Map.of(
            "sluice.accounts", "main,alt",
            "sluice.account.main.maxOrderQty", "10",
            "sluice.account.main.maxNotional", "650100",
            "sluice.account.alt.maxOrderQty", "5",
            "sluice.dedup.capacity", "1000",
            "sluice.dedup.windowMs", "60000",
            "sluice.engine.maxLiveOrders", "64",
            "sluice.account.main.ordersPerSecond", "0",
            "sluice.account.alt.ordersPerSecond", "0",
            "sluice.source.default.defaultQty", "0.5"));
        return new EngineCore(CoreConfig.from(settings), port);
    }

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private void signal(final String id, final String json)
    {
        feed(frames.signal(id, id, json));
    }

    @Test
    void shouldRouteValidMarketSignalToNewOrderAndPendingUpdate()
    {
        signal("sig-1", "{\"id\":\"sig-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"1.5\",\"tp\":70000,\"sl\":60000}");

        assertEquals(2, outputs.frames.size(), outputs.templateIds().toString());
        final NewOrderDecoder order = outputs.newOrder(0);
        final String clientOrderId = order.clientOrderId().trim();
        assertEquals(ClientOrderIds.LENGTH, clientOrderId.length());
        assertTrue(clientOrderId.matches("[0-9A-Z]{13}"));
        assertEquals("main", order.account().trim());
        assertEquals("paper", order.venue().trim());
        assertEquals("BTCUSDT", order.symbol().trim());
        assertEquals(Side.BUY, order.side());
        assertEquals(OrdType.MARKET, order.ordType());
        assertEquals(Fixed.parse("1.5"), order.quantity());
        assertEquals(Fixed.NULL, order.price());
        assertEquals(Fixed.of(70000), order.takeProfit());
        assertEquals(Fixed.of(60000), order.stopLoss());
        assertEquals(nowNs, order.timestampNs());
        assertEquals("sig-1", order.signalId());

        final OrderUpdateDecoder update = outputs.orderUpdate(0);
        assertEquals(clientOrderId, update.clientOrderId().trim());
        assertEquals(OrdStatus.PENDING_NEW, update.ordStatus());
        assertEquals(1, core.liveOrders());
    }

    @Test
    void shouldDeriveTheSameClientOrderIdFromTheSameAccountAndSignal()
    {
        signal("sig-x", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        final String first = outputs.newOrder(0).clientOrderId().trim();

        final CapturedOutputs otherOutputs = new CapturedOutputs();
        final EngineCore other = newCore(otherOutputs);
        other.onFrame(0, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
        other.onFrame(1, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "64990", "65010"));
        other.onFrame(2, nowNs, frames.buffer(), 0, frames.signal("sig-x", "sig-x", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        assertEquals(first, otherOutputs.newOrder(0).clientOrderId().trim());
    }

    @Test
    void shouldRejectMalformedJsonAsUnparseable()
    {
        signal("bad-1", "{\"account\":\"main\",\"symbol\":");

        final CapturedOutputs.Reject reject = onlyReject();
        assertEquals(RejectReason.UNPARSEABLE, reject.reason());
        assertEquals("bad-1", reject.signalId());
        assertEquals("", reject.field());
        assertTrue(reject.detail().length() > 0);
    }

    @Test
    void shouldNameTheFieldOfAnInvalidValue()
    {
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"hold\",\"qty\":1}", RejectReason.INVALID_FIELD, "side");
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":0}", RejectReason.INVALID_FIELD, "qty");
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"1e3\"}", RejectReason.INVALID_FIELD, "qty");
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1.123456789}", RejectReason.INVALID_FIELD, "qty");
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\"}", RejectReason.INVALID_FIELD, "price");
        assertRejected("{\"account\":\"main\",\"side\":\"buy\",\"qty\":1}", RejectReason.INVALID_FIELD, "symbol");
        assertRejected("{\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}", RejectReason.INVALID_FIELD, "account");
        assertRejected("{\"account\":\"nobody\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}", RejectReason.UNKNOWN_ACCOUNT, "account");
        assertRejected("{\"account\":\"main\",\"symbol\":\"DOGEUSDT\",\"side\":\"buy\",\"qty\":1}", RejectReason.UNKNOWN_SYMBOL, "symbol");
        assertRejected("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"venue\":\"moon\"}", RejectReason.UNKNOWN_VENUE, "venue");
    }

    @Test
    void shouldRejectARepeatedIdempotencyKeyAsDuplicateAndOrderOnce()
    {
        final String json = "{\"id\":\"dup-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"sell\",\"qty\":1}";
        signal("dup-1", json);
        signal("dup-1", json);
        signal("dup-1", json);

        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals(2, outputs.count(RiskRejectDecoder.TEMPLATE_ID));
        assertEquals(RejectReason.DUPLICATE, outputs.reject(0).reason());
        assertEquals(RejectReason.DUPLICATE, outputs.reject(1).reason());
        assertEquals("dup-1", outputs.reject(1).signalId());
    }

    @Test
    void shouldForgetIdempotencyKeysAfterTheWindowInEventTime()
    {
        final String json = "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}";
        feed(frames.signal("w-1", "key-1", json));
        nowNs += 59 * SECOND_NS;
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.tick(nowNs));
        feed(frames.signal("w-2", "key-1", json));
        assertEquals(RejectReason.DUPLICATE, outputs.reject(0).reason());

        nowNs += 2 * SECOND_NS;
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        feed(frames.tick(nowNs));
        feed(frames.signal("w-3", "key-1", json));
        assertEquals(2, outputs.count(NewOrderDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldRefuseEverythingWhileTheGlobalKillSwitchIsOnAndResumeOnCommand()
    {
        feed(frames.admin(AdminAction.KILL, null, "alice"));
        final TradingStateUpdateDecoder state = outputs.tradingStateUpdate(0);
        assertEquals(TradingState.HALTED, state.state());
        assertEquals("alice", state.actor());

        signal("k-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(RejectReason.KILL_SWITCH, outputs.reject(0).reason());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        feed(frames.admin(AdminAction.RESUME, null, "alice"));
        assertEquals(TradingState.ACTIVE, outputs.tradingStateUpdate(1).state());
        signal("k-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldHaltOnlyTheKilledAccount()
    {
        feed(frames.admin(AdminAction.KILL, "alt", "bob"));
        signal("a-1", "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        signal("a-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");

        assertEquals(RejectReason.KILL_SWITCH, outputs.reject(0).reason());
        assertEquals("alt", outputs.reject(0).account());
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals("main", outputs.newOrder(0).account().trim());
    }

    @Test
    void shouldEnforceMaxOrderQuantityAtItsBoundary()
    {
        signal("q-1", "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":5}");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        signal("q-2", "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":5.00000001}");
        final CapturedOutputs.Reject reject = outputs.reject(0);
        assertEquals(RejectReason.MAX_ORDER_QTY, reject.reason());
        assertEquals(Fixed.of(5), reject.limitValue());
        assertEquals(Fixed.parse("5.00000001"), reject.actualValue());
        assertEquals("qty", reject.field());
        assertEquals("qty 5.00000001 exceeds maxOrderQty 5 of account alt", reject.detail());
    }

    @Test
    void shouldEnforceMaxNotionalAtItsBoundaryUsingTheAskForMarketBuys()
    {
        // ask 65010 × 10 = 650100 = the limit exactly: passes.
        signal("n-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":10}");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        signal("n-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":10,\"type\":\"limit\",\"price\":65010.01}");
        final CapturedOutputs.Reject reject = outputs.reject(0);
        assertEquals(RejectReason.MAX_NOTIONAL, reject.reason());
        assertEquals(Fixed.of(650100), reject.limitValue());
        assertEquals(Fixed.parse("650100.1"), reject.actualValue());
    }

    @Test
    void shouldRefuseMarketOrdersWithoutAReferencePrice()
    {
        signal("r-1", "{\"account\":\"main\",\"symbol\":\"ETHUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(RejectReason.NO_REFERENCE_PRICE, onlyReject().reason());
    }

    @Test
    void shouldRefuseWhenTheGatewayHasNotReportedOrWentSilentAndStayHaltedUntilResumed()
    {
        final CapturedOutputs fresh = new CapturedOutputs();
        final EngineCore noGateway = newCore(fresh);
        noGateway.onFrame(0, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "1", "2"));
        noGateway.onFrame(1, nowNs, frames.buffer(), 0, frames.signal("g-0", "g-0", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        assertEquals(RejectReason.GATEWAY_DOWN, fresh.reject(0).reason());

        nowNs += 6 * SECOND_NS;
        feed(frames.tick(nowNs));
        assertEquals(GatewayState.DOWN, outputs.gatewayStatus(0).state());
        assertEquals(io.sluice.sbe.AlertType.GATEWAY_DOWN, outputs.alert(0).alertType());
        assertEquals(TradingState.HALTED, outputs.tradingStateUpdate(0).state());
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        signal("g-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(RejectReason.GATEWAY_DOWN, outputs.reject(0).reason());

        feed(frames.gatewayStatus("paper", GatewayState.UP));
        signal("g-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(RejectReason.GATEWAY_DOWN, outputs.reject(1).reason(), "a venue that went down stays halted until resumed");
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        feed(frames.adminVenue(AdminAction.RESUME, "paper", "ops"));
        signal("g-3", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldWalkTheOrderStateMachineAndIgnoreDuplicateFills()
    {
        signal("o-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":2,\"type\":\"limit\",\"price\":65000}");
        final String id = outputs.newOrder(0).clientOrderId().trim();
        outputs.clear();

        feed(frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        assertEquals(OrdStatus.NEW, outputs.orderUpdate(0).ordStatus());
        assertEquals("V1", outputs.orderUpdate(0).venueOrderId().trim());

        feed(frames.report(id, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.5", "64000", "0.5", ""));
        assertEquals(OrdStatus.PARTIALLY_FILLED, outputs.orderUpdate(1).ordStatus());
        assertEquals(Fixed.parse("1.5"), outputs.orderUpdate(1).leavesQty());

        feed(frames.report(id, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.5", "64000", "0.5", ""));
        assertEquals(2, outputs.count(OrderUpdateDecoder.TEMPLATE_ID), "a duplicate fill changes nothing");

        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "1.5", "65000", "2", ""));
        final OrderUpdateDecoder filled = outputs.orderUpdate(2);
        assertEquals(OrdStatus.FILLED, filled.ordStatus());
        assertEquals(Fixed.of(2), filled.cumQty());
        assertEquals(0, filled.leavesQty());
        assertEquals(Fixed.of(64750), filled.avgPrice());
        assertEquals(0, core.liveOrders());

        final PositionUpdateDecoder position = outputs.positionUpdate(1);
        assertEquals(Fixed.of(2), position.quantity());
        assertEquals(Fixed.of(64750), position.avgPrice());

        final int framesBefore = outputs.frames.size();
        final long errorsBefore = core.errors();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "1.5", "65000", "2", ""));
        assertEquals(framesBefore, outputs.frames.size(), "a repeated report of a finished order is journaled, not applied");
        assertEquals(errorsBefore, core.errors(), "and is no error (LateReportTest: a fill beyond it moves the position)");
    }

    @Test
    void shouldApplyVenueRejectionsAndCancels()
    {
        signal("c-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":60000}");
        signal("c-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":60000}");
        final String first = outputs.newOrder(0).clientOrderId().trim();
        final String second = outputs.newOrder(1).clientOrderId().trim();
        outputs.clear();

        feed(frames.report(first, ExecType.REJECTED, OrdStatus.REJECTED, Side.BUY, "0", "0", "0", "insufficient margin"));
        assertEquals(OrdStatus.REJECTED, outputs.orderUpdate(0).ordStatus());
        assertEquals("insufficient margin", outputs.orderUpdate(0).text());
        feed(frames.report(second, ExecType.CANCELED, OrdStatus.CANCELED, Side.BUY, "0", "0", "0", ""));
        assertEquals(OrdStatus.CANCELED, outputs.orderUpdate(1).ordStatus());
        assertEquals(0, core.liveOrders());
    }

    @Test
    void shouldFlattenByCancellingOrdersAndClosingPositions()
    {
        signal("f-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":2}");
        final String filled = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(filled, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "2", "65000", "2", ""));
        signal("f-2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":1000}");
        final String resting = outputs.newOrder(1).clientOrderId().trim();
        outputs.clear();

        feed(frames.admin(AdminAction.FLATTEN, "main", "ops"));
        assertEquals(TradingState.HALTED, outputs.tradingStateUpdate(0).state());
        final CancelOrderDecoder cancel = outputs.cancelOrder(0);
        assertEquals(resting, cancel.clientOrderId().trim());
        final NewOrderDecoder close = outputs.newOrder(0);
        assertEquals(Side.SELL, close.side());
        assertEquals(OrdType.MARKET, close.ordType());
        assertEquals(Fixed.of(2), close.quantity());
        assertTrue(close.signalId().startsWith("flatten-"));
    }

    @Test
    void shouldTurnGarbageFramesIntoEngineErrorsWithoutThrowing()
    {
        final java.util.Random random = new java.util.Random(7);
        final org.agrona.concurrent.UnsafeBuffer garbage = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        for (int i = 0; i < 2_000; i++)
        {
            final byte[] bytes = new byte[256];
            random.nextBytes(bytes);
            garbage.wrap(bytes);
            core.onFrame(sequence++, nowNs, garbage, 0, random.nextInt(257));
        }
        assertEquals(2_000, outputs.frames.size(), "every input gets exactly one outcome");
        assertTrue(outputs.templateIds().stream().allMatch(id -> id == EngineErrorDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldProduceIdenticalOutputsAndStateFromTheSameFrames()
    {
        final CapturedOutputs a = new CapturedOutputs();
        final CapturedOutputs b = new CapturedOutputs();
        final EngineCore first = newCore(a);
        final EngineCore second = newCore(b);
        final String[] bodies = {
            "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}",
            "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"sell\",\"qty\":3,\"type\":\"limit\",\"price\":66000}",
            "{\"account\":\"alt\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":9}",
            "not json" };
        long seq = 0;
        for (final EngineCore c : new EngineCore[] { first, second })
        {
            seq = 0;
            c.onFrame(seq++, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
            c.onFrame(seq++, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "64990", "65010"));
            for (int i = 0; i < 40; i++)
            {
                c.onFrame(seq++, nowNs + i, frames.buffer(), 0, frames.signal("d-" + (i % 30), "d-" + (i % 30), bodies[i % bodies.length]));
            }
        }
        assertEquals(a.frames.size(), b.frames.size());
        for (int i = 0; i < a.frames.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(a.frames.get(i), b.frames.get(i)), "output " + i + " differs");
        }
        assertEquals(first.stateHash(), second.stateHash());
    }

    private void assertRejected(final String json, final RejectReason reason, final String field)
    {
        outputs.clear();
        signal("v-" + sequence, json);
        final CapturedOutputs.Reject reject = onlyReject();
        assertEquals(reason, reject.reason(), json);
        assertEquals(field, reject.field(), json);
    }

    private CapturedOutputs.Reject onlyReject()
    {
        assertEquals(1, outputs.frames.size(), outputs.templateIds().toString());
        return outputs.reject(0);
    }

    @Test
    void shouldTradeAPineConnectorAlertAndCloseTheLongOnCloselong()
    {
        feed(frames.signal(io.sluice.sbe.SignalFormat.PINECONNECTOR, "pc-1", "main", "60123456789,buy,BTCUSDT,vol_lots=2"));
        final NewOrderDecoder order = outputs.newOrder(0);
        assertEquals(Side.BUY, order.side());
        assertEquals(Fixed.of(2), order.quantity());
        final String id = order.clientOrderId().trim();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "2", "65010", "2", ""));
        outputs.clear();

        feed(frames.signal(io.sluice.sbe.SignalFormat.PINECONNECTOR, "pc-2", "main", "60123456789,closelong,BTCUSDT"));
        final NewOrderDecoder close = outputs.newOrder(0);
        assertEquals(Side.SELL, close.side());
        assertEquals(Fixed.of(2), close.quantity());
        assertEquals(io.sluice.sbe.BooleanType.TRUE, close.reduceOnly());
    }

    @Test
    void shouldRefuseManagementItDoesNotActOnAndNoiseWithReasons()
    {
        feed(frames.signal(io.sluice.sbe.SignalFormat.FREE_TEXT, "t-1", "main", "Great week everyone, +320 pips!"));
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason());
        outputs.clear();
        feed(frames.signal(io.sluice.sbe.SignalFormat.FREE_TEXT, "t-2", "main", "BTCUSDT BUY 65000 SL 64000 TP 67000"));
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds() + " " +
            (outputs.count(io.sluice.sbe.RiskRejectDecoder.TEMPLATE_ID) > 0 ? outputs.reject(0).toString() : ""));
        assertEquals(Fixed.of(64000), outputs.newOrder(0).stopLoss());
        assertEquals(Fixed.parse("0.5"), outputs.newOrder(0).quantity(), "completed from the source's default size");
    }

    @Test
    void shouldHoldALowConfidenceSignalForApprovalAndTradeItOnceApproved()
    {
        final CapturedOutputs approvals = new CapturedOutputs();
        final Settings settings = Settings.of(Map.of(
            "sluice.account.main.minConfidence", "95",
            "sluice.account.main.ordersPerSecond", "0",
            "sluice.source.default.defaultQty", "0.5"));
        final EngineCore strict = new EngineCore(CoreConfig.from(settings), approvals);
        long seq = 0;
        strict.onFrame(seq++, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
        strict.onFrame(seq++, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "64990", "65010"));
        strict.onFrame(seq++, nowNs, frames.buffer(), 0,
            frames.signal(io.sluice.sbe.SignalFormat.FREE_TEXT, "ap-1", "main", "BTCUSDT BUY 65000 SL 64000 TP 67000"));
        strict.onFrame(seq++, nowNs, frames.buffer(), 0,
            frames.signal(io.sluice.sbe.SignalFormat.FREE_TEXT, "ap-2", "main", "BTCUSDT SELL 65000 SL 66000 TP 63000"));
        assertEquals(RejectReason.AWAITING_APPROVAL, approvals.reject(0).reason());
        assertEquals(io.sluice.sbe.AlertType.APPROVAL_WAITING, approvals.alert(0).alertType());
        assertEquals(0, approvals.count(NewOrderDecoder.TEMPLATE_ID));

        strict.onFrame(seq++, nowNs, frames.buffer(), 0,
            frames.admin(AdminAction.APPROVE, io.sluice.sbe.AdminScope.GLOBAL, null, null, null, "ap-1", Fixed.NULL, "alice"));
        assertEquals(1, approvals.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals("ap-1", approvals.newOrder(0).signalId());

        strict.onFrame(seq++, nowNs, frames.buffer(), 0,
            frames.admin(AdminAction.REJECT, io.sluice.sbe.AdminScope.GLOBAL, null, null, null, "ap-2", Fixed.NULL, "alice"));
        assertEquals(RejectReason.APPROVAL_REJECTED, approvals.reject(2).reason());
        assertEquals("ap-2", approvals.reject(2).signalId());

        strict.onFrame(seq, nowNs, frames.buffer(), 0,
            frames.admin(AdminAction.APPROVE, io.sluice.sbe.AdminScope.GLOBAL, null, null, null, "ap-1", Fixed.NULL, "alice"));
        assertEquals(1, approvals.count(NewOrderDecoder.TEMPLATE_ID), "an approval is used once");
    }

    @Test
    void shouldRouteAHedgePairOneLegAtATimeAndBlockPairsAfterAFailedLeg()
    {
        final String hedge = "NIFTY28MAR2421500CE";
        final String main = "NIFTY28MAR2421000CE";
        final CapturedOutputs out = new CapturedOutputs();
        final EngineCore core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.instruments", hedge + "," + main,
            "sluice.instrument." + hedge + ".calendar", "ALWAYS",
            "sluice.instrument." + main + ".calendar", "ALWAYS",
            "sluice.account.main.ordersPerSecond", "0"))), out);
        long seq = 0;
        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.marketData(hedge, "10", "11"));
        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.marketData(main, "50", "51"));
        final String entry = "{\"account\":\"main\",\"pair\":\"P\",\"event\":\"ENTRY\",\"legs\":[" +
            "{\"symbol\":\"" + main + "\",\"side\":\"SELL\",\"qty\":\"75\"},{\"symbol\":\"" + hedge + "\",\"side\":\"BUY\",\"qty\":\"75\"}]}";

        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.signal(io.sluice.sbe.SignalFormat.HEDGE_PAIR_JSON, "h-1", "main", entry));
        assertEquals(1, out.count(NewOrderDecoder.TEMPLATE_ID), "only the hedge (BUY) leg goes first");
        final NewOrderDecoder first = out.newOrder(0);
        assertEquals(Side.BUY, first.side());
        assertEquals(hedge, first.symbol().trim());
        final String firstId = first.clientOrderId().trim();

        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.report(firstId, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "75", "11", "75", ""));
        assertEquals(2, out.count(NewOrderDecoder.TEMPLATE_ID), "the short leg follows the fill");
        final NewOrderDecoder second = out.newOrder(1);
        assertEquals(Side.SELL, second.side());
        assertEquals(main, second.symbol().trim());

        out.clear();
        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.signal(io.sluice.sbe.SignalFormat.HEDGE_PAIR_JSON, "h-2", "main", entry));
        final String rejectedId = out.newOrder(0).clientOrderId().trim();
        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.report(rejectedId, ExecType.REJECTED, OrdStatus.REJECTED, Side.BUY, "0", "0", "0", "margin"));
        assertEquals(1, out.count(NewOrderDecoder.TEMPLATE_ID), "no short leg after a failed hedge leg");
        assertEquals(io.sluice.sbe.AlertType.PAIR_FLAGGED, out.alert(0).alertType());

        core.onFrame(seq++, nowNs, frames.buffer(), 0, frames.signal(io.sluice.sbe.SignalFormat.HEDGE_PAIR_JSON, "h-3", "main", entry));
        assertEquals(RejectReason.PAIR_BLOCKED, out.reject(0).reason());

        core.onFrame(seq++, nowNs, frames.buffer(), 0,
            frames.admin(AdminAction.CLEAR_PAIR_FLAG, io.sluice.sbe.AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops"));
        core.onFrame(seq, nowNs, frames.buffer(), 0, frames.signal(io.sluice.sbe.SignalFormat.HEDGE_PAIR_JSON, "h-4", "main", entry));
        assertEquals(2, out.count(NewOrderDecoder.TEMPLATE_ID), "pair entries resume once cleared");
    }

    @Test
    void shouldAmendTheStopsOfAnOpenPositionThroughItsOpeningOrder()
    {
        feed(frames.signal(io.sluice.sbe.SignalFormat.PINECONNECTOR, "sl-1", "main", "60123456789,buy,BTCUSDT,vol_lots=2"));
        final String opening = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(opening, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "2", "65010", "2", ""));
        outputs.clear();

        feed(frames.signal(io.sluice.sbe.SignalFormat.FREE_TEXT, "sl-2", "main", "BTCUSDT move SL to breakeven"));
        assertEquals(io.sluice.sbe.AmendOrderDecoder.TEMPLATE_ID, outputs.templateId(0), outputs.templateIds().toString());
        final io.sluice.sbe.AmendOrderDecoder amend = new io.sluice.sbe.AmendOrderDecoder().wrapAndApplyHeader(
            new org.agrona.concurrent.UnsafeBuffer(outputs.frames.get(0)), 0, new io.sluice.sbe.MessageHeaderDecoder());
        assertEquals(opening, amend.clientOrderId().trim());
        assertEquals(Fixed.of(65010), amend.stopLoss(), "breakeven is the position's average price");
        assertEquals(Fixed.NULL, amend.quantity());
    }
}
