package io.sluice.engine.core;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskUsageDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.TradingState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every pre-trade gate at its boundary (just under or at the limit passes, just over is refused with the
 * gate's reason, the limit and the value), the trading states, the circuit breaker, the day lock and its
 * reset across time zones, sizing from risk and freeze-quantity slicing — all in event time.
 */
class RiskGatesTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final String BUY_1 = "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}";

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private EngineCore core;
    private long sequence;
    private long nowNs = at("2026-11-18T10:00:00Z"); // a Wednesday
    private int signals;

    private void start(final String... keyValues)
    {
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.accounts", "main");
        values.put("sluice.instruments", "BTCUSDT,ETHUSDT,INFY,NIFTY");
        values.put("sluice.account.main.ordersPerSecond", "0");
        for (int i = 0; i < keyValues.length; i += 2)
        {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        core = new EngineCore(CoreConfig.from(Settings.of(values)), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        quote("BTCUSDT", "99", "101");
        quote("ETHUSDT", "9", "11");
        quote("INFY", "1499", "1501");
        quote("NIFTY", "23999", "24001");
        feed(frames.tick(nowNs));
        outputs.clear();
    }

    private static long at(final String instant)
    {
        return ZonedDateTime.parse(instant).toEpochSecond() * SECOND_NS;
    }

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    // Move event time: the gateway heartbeats, the timer ticks and every instrument is quoted again.
    private void advanceTo(final String instant)
    {
        nowNs = at(instant);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.tick(nowNs));
        quote("BTCUSDT", "99", "101");
        quote("ETHUSDT", "9", "11");
        quote("INFY", "1499", "1501");
        quote("NIFTY", "23999", "24001");
    }

    private void quote(final String symbol, final String bid, final String ask)
    {
        feed(frames.marketData(symbol, bid, ask));
    }

    private void signal(final String json)
    {
        final String id = "s-" + signals++;
        feed(frames.signal(id, id, json));
    }

    private CapturedOutputs.Reject refusedWith(final RejectReason reason, final String json)
    {
        outputs.clear();
        signal(json);
        final CapturedOutputs.Reject reject = outputs.reject(0);
        assertEquals(reason, reject.reason(), json + " -> " + reject.detail());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        return reject;
    }

    private void accepted(final String json)
    {
        outputs.clear();
        signal(json);
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), json + " -> " + outputs.templateIds());
    }

    private void fillLast(final String qty, final String price)
    {
        final NewOrderDecoder order = outputs.newOrder((int)outputs.count(NewOrderDecoder.TEMPLATE_ID) - 1);
        final String id = order.clientOrderId().trim();
        final Side side = order.side();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, side, qty, price, qty, ""));
    }

    private static String order(final String symbol, final String side, final String qty, final String extra)
    {
        return "{\"account\":\"main\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"qty\":\"" + qty + "\"" + extra + "}";
    }

    @Test
    void shouldOpenNseOnlyInItsSessionInIndianTimeAndNotOnHolidays()
    {
        nowNs = at("2026-11-18T03:44:59Z"); // 09:14:59 IST
        start("sluice.calendar.NSE.holidays", "2026-11-19");
        refusedWith(RejectReason.SESSION_CLOSED, order("INFY", "buy", "1", ""));
        advanceTo("2026-11-18T03:45:00Z"); // 09:15 IST
        accepted(order("INFY", "buy", "1", ""));
        advanceTo("2026-11-18T10:00:00Z"); // 15:30 IST: closed
        refusedWith(RejectReason.SESSION_CLOSED, order("INFY", "buy", "1", ""));
        advanceTo("2026-11-19T05:00:00Z"); // holiday
        refusedWith(RejectReason.SESSION_CLOSED, order("INFY", "buy", "1", ""));
        accepted(BUY_1); // crypto trades 24/7
    }

    @Test
    void shouldFollowForexHoursSundayToFridayUtc()
    {
        nowNs = at("2026-11-22T21:59:59Z"); // Sunday before the open
        start("sluice.instrument.ETHUSDT.calendar", "FOREX");
        refusedWith(RejectReason.SESSION_CLOSED, order("ETHUSDT", "buy", "1", ""));
        advanceTo("2026-11-22T22:00:00Z");
        accepted(order("ETHUSDT", "buy", "1", ""));
        advanceTo("2026-11-27T22:00:00Z"); // Friday close
        refusedWith(RejectReason.SESSION_CLOSED, order("ETHUSDT", "buy", "1", ""));
    }

    @Test
    void shouldEnforceInstrumentRulesAtTheirBoundaries()
    {
        start("sluice.instrument.BTCUSDT.lotSize", "0.01", "sluice.instrument.BTCUSDT.minQty", "0.02",
            "sluice.instrument.BTCUSDT.tickSize", "0.5", "sluice.instrument.BTCUSDT.minNotional", "3");
        refusedWith(RejectReason.LOT_SIZE, order("BTCUSDT", "buy", "0.025", ""));
        final CapturedOutputs.Reject minQty = refusedWith(RejectReason.MIN_QTY, order("BTCUSDT", "buy", "0.01", ""));
        assertEquals(Fixed.parse("0.02"), minQty.limitValue());
        assertEquals("qty 0.01 is below minQty 0.02", minQty.detail());
        accepted(order("BTCUSDT", "buy", "0.03", "")); // notional 0.03 x 101 = 3.03
        refusedWith(RejectReason.MIN_NOTIONAL, order("BTCUSDT", "buy", "0.02", ",\"type\":\"limit\",\"price\":100"));
        refusedWith(RejectReason.TICK_SIZE, order("BTCUSDT", "buy", "0.05", ",\"type\":\"limit\",\"price\":100.25"));
        accepted(order("BTCUSDT", "buy", "0.05", ",\"type\":\"limit\",\"price\":100.5"));

        feed(frames.instrument("BTCUSDT", "1", null, null)); // a venue's definition replaces the configured tick
        refusedWith(RejectReason.TICK_SIZE, order("BTCUSDT", "buy", "0.05", ",\"type\":\"limit\",\"price\":100.5"));
    }

    @Test
    void shouldRefuseFatFingersAboveTheMultipleOfTheUsualSize()
    {
        start("sluice.instrument.BTCUSDT.usualQty", "2", "sluice.account.main.fatFingerMultiple", "5");
        accepted(order("BTCUSDT", "buy", "10", ""));
        final CapturedOutputs.Reject reject = refusedWith(RejectReason.FAT_FINGER, order("BTCUSDT", "buy", "10.00000001", ""));
        assertEquals(Fixed.of(10), reject.limitValue());
    }

    @Test
    void shouldCollarLimitPricesAroundTheMarketAndRefuseStaleQuotes()
    {
        start("sluice.account.main.priceCollarPct", "5", "sluice.account.main.maxQuoteAgeMs", "2000");
        // mark 100: ±5 allowed
        accepted(order("BTCUSDT", "buy", "1", ",\"type\":\"limit\",\"price\":105"));
        final CapturedOutputs.Reject collar = refusedWith(RejectReason.PRICE_COLLAR, order("BTCUSDT", "buy", "1", ",\"type\":\"limit\",\"price\":105.01"));
        assertEquals(Fixed.of(5), collar.limitValue());
        assertEquals(Fixed.parse("5.01"), collar.actualValue());
        refusedWith(RejectReason.PRICE_COLLAR, order("BTCUSDT", "sell", "1", ",\"type\":\"limit\",\"price\":94.99"));

        nowNs += 2 * SECOND_NS;
        accepted(BUY_1); // exactly 2000 ms old
        nowNs += 1;
        refusedWith(RejectReason.STALE_PRICE, BUY_1);
        quote("BTCUSDT", "99", "101");
        accepted(BUY_1);
    }

    @Test
    void shouldCountLiveOrdersAgainstPositionLimitsButLetReducingOrdersThrough()
    {
        start("sluice.account.main.maxPositionQty", "3");
        accepted(order("BTCUSDT", "buy", "2", ""));
        fillLast("2", "100");
        accepted(order("BTCUSDT", "buy", "1", ",\"type\":\"limit\",\"price\":90"));
        final CapturedOutputs.Reject reject = refusedWith(RejectReason.MAX_POSITION, order("BTCUSDT", "buy", "0.00000001", ""));
        assertEquals(Fixed.parse("3.00000001"), reject.actualValue(), "position 2 + live buy 1 + new order");
        accepted(order("BTCUSDT", "sell", "2", ""));
    }

    @Test
    void shouldLimitGrossExposureConcentrationAndOpenPositions()
    {
        start("sluice.account.main.maxGrossExposure", "1000", "sluice.account.main.maxOpenPositions", "1",
            "sluice.account.main.maxConcentrationPct", "50", "sluice.account.main.equity", "1500");
        accepted(order("BTCUSDT", "buy", "7", ""));
        fillLast("7", "100"); // exposure 700 at mark 100
        refusedWith(RejectReason.CONCENTRATION, order("BTCUSDT", "buy", "0.6", "")); // 760 / 1500 > 50%
        accepted(order("BTCUSDT", "buy", "0.5", ""));
        fillLast("0.5", "100");
        refusedWith(RejectReason.MAX_OPEN_POSITIONS, order("ETHUSDT", "buy", "1", ""));
        feed(frames.admin(AdminAction.SET_LIMIT, AdminScope.ACCOUNT, "main", null, null, "maxOpenPositions", Fixed.of(2), "ops"));
        final CapturedOutputs.Reject gross = refusedWith(RejectReason.MAX_GROSS_EXPOSURE, order("ETHUSDT", "buy", "26", ""));
        assertEquals(Fixed.of(1010), gross.actualValue(), "750 + 26 x 10");
        accepted(order("ETHUSDT", "buy", "25", ""));
    }

    @Test
    void shouldLockTheAccountForTheDayAfterItsLossLimitAndUnlockAtTheIndianReset()
    {
        nowNs = at("2026-11-18T10:00:00Z");
        start("sluice.account.main.maxDailyLoss", "50", "sluice.account.main.timeZone", "Asia/Kolkata",
            "sluice.account.main.dayResetTime", "08:00");
        accepted(order("BTCUSDT", "buy", "10", ""));
        fillLast("10", "100");
        quote("BTCUSDT", "95", "95.2"); // mark 95.1: loss 49
        assertEquals(0, outputs.count(io.sluice.sbe.AlertDecoder.TEMPLATE_ID));
        quote("BTCUSDT", "95", "95"); // loss 50: at the limit
        assertEquals(AlertType.DAY_LOCK, outputs.alert(0).alertType());
        refusedWith(RejectReason.DAY_LOCK, BUY_1);

        // 08:00 IST = 02:30 UTC: one second before, still locked; at the reset, unlocked.
        advanceTo("2026-11-19T02:29:59Z");
        refusedWith(RejectReason.DAY_LOCK, BUY_1);
        advanceTo("2026-11-19T02:30:00Z");
        accepted(BUY_1);
    }

    @Test
    void shouldResetADaylightSavingZoneAtItsLocalTimeOnBothSidesOfTheChange()
    {
        // New York: 2026-11-01 ends daylight saving. 17:00 local is 21:00 UTC before, 22:00 UTC after.
        nowNs = at("2026-10-30T20:00:00Z");
        start("sluice.account.main.maxTradesPerDay", "1", "sluice.account.main.timeZone", "America/New_York",
            "sluice.account.main.dayResetTime", "17:00");
        accepted(BUY_1);
        refusedWith(RejectReason.MAX_TRADES_PER_DAY, BUY_1);
        advanceTo("2026-10-30T20:59:59Z"); // 16:59:59 EDT
        refusedWith(RejectReason.MAX_TRADES_PER_DAY, BUY_1);
        advanceTo("2026-10-30T21:00:00Z"); // 17:00 EDT
        accepted(BUY_1);

        advanceTo("2026-11-02T21:30:00Z"); // 16:30 EST: yesterday's reset passed, the 2nd's is still ahead
        accepted(BUY_1);
        refusedWith(RejectReason.MAX_TRADES_PER_DAY, BUY_1);
        advanceTo("2026-11-02T21:59:59Z"); // 16:59:59 EST (it would be 17:59:59 EDT: the old offset must not apply)
        refusedWith(RejectReason.MAX_TRADES_PER_DAY, BUY_1);
        advanceTo("2026-11-02T22:00:00Z"); // 17:00 EST
        accepted(BUY_1);
    }

    @Test
    void shouldLockOnDrawdownFromTheDaysPeak()
    {
        start("sluice.account.main.maxDrawdown", "30");
        accepted(order("BTCUSDT", "buy", "10", ""));
        fillLast("10", "100");
        quote("BTCUSDT", "105", "105"); // +50 peak
        quote("BTCUSDT", "102.01", "102.01"); // +20.1: drawdown 29.9
        assertEquals(0, outputs.count(io.sluice.sbe.AlertDecoder.TEMPLATE_ID));
        quote("BTCUSDT", "102", "102"); // drawdown 30
        assertEquals(AlertType.DAY_LOCK, outputs.alert(0).alertType());
    }

    @Test
    void shouldRateLimitInEventTimeWithABurstAndRefill()
    {
        start("sluice.account.main.ordersPerSecond", "2", "sluice.account.main.orderBurst", "3");
        accepted(BUY_1);
        accepted(BUY_1);
        accepted(BUY_1);
        final CapturedOutputs.Reject reject = refusedWith(RejectReason.RATE_LIMIT, BUY_1);
        assertTrue(reject.detail().contains("2 orders/s"), reject.detail());
        nowNs += SECOND_NS / 2 - 1;
        refusedWith(RejectReason.RATE_LIMIT, BUY_1);
        nowNs += 1;
        accepted(BUY_1);
    }

    @Test
    void shouldApplyKitesPublishedRateOfTenOrdersPerSecond()
    {
        start("sluice.account.main.venue", "kite");
        feed(frames.gatewayStatus("kite", GatewayState.UP));
        for (int i = 0; i < 10; i++)
        {
            accepted(BUY_1);
        }
        refusedWith(RejectReason.RATE_LIMIT, BUY_1);
    }

    @Test
    void shouldRefuseOrdersBeyondTheMarginAvailableInTheAccountsCurrencyWithLeverage()
    {
        start("sluice.account.main.currency", "USD", "sluice.account.main.leverage", "2");
        feed(frames.accountUpdate("main", "1000", "500"));
        accepted(order("BTCUSDT", "buy", "9.9", "")); // 999.9 notional at 2x: 499.95 margin
        refusedWith(RejectReason.BUYING_POWER, order("BTCUSDT", "buy", "9.91", ""));
    }

    @Test
    void shouldHonourReduceOnlyAndTheReducingStateCountingWorkingOrders()
    {
        start();
        refusedWith(RejectReason.REDUCE_ONLY, order("BTCUSDT", "sell", "1", ",\"reduceOnly\":true"));
        accepted(order("BTCUSDT", "buy", "2", ""));
        fillLast("2", "100");
        accepted(order("BTCUSDT", "sell", "1", ",\"reduceOnly\":true,\"type\":\"limit\",\"price\":101"));
        assertEquals(io.sluice.sbe.BooleanType.TRUE, outputs.newOrder(0).reduceOnly());
        // 1 already working: another 2 would take the position through zero.
        refusedWith(RejectReason.REDUCE_ONLY, order("BTCUSDT", "sell", "2", ",\"reduceOnly\":true"));

        feed(frames.admin(AdminAction.REDUCE, AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops"));
        refusedWith(RejectReason.REDUCING_ONLY, order("BTCUSDT", "buy", "1", ""));
        refusedWith(RejectReason.REDUCING_ONLY, order("BTCUSDT", "sell", "1.5", ""));
        accepted(order("BTCUSDT", "sell", "1", ""));
    }

    @Test
    void shouldTripTheCircuitBreakerOnVenueRejectsAndResumeOnCommand()
    {
        start("sluice.risk.circuitBreaker.faults", "3", "sluice.risk.circuitBreaker.windowMs", "10000");
        for (int i = 0; i < 3; i++)
        {
            accepted(BUY_1);
            final String id = outputs.newOrder(0).clientOrderId().trim();
            feed(frames.report(id, ExecType.REJECTED, OrdStatus.REJECTED, Side.BUY, "0", "0", "0", "insufficient balance"));
            nowNs += SECOND_NS;
        }
        assertEquals(AlertType.CIRCUIT_BREAKER, outputs.alert(0).alertType());
        assertEquals(TradingState.HALTED, outputs.tradingStateUpdate(0).state());
        refusedWith(RejectReason.CIRCUIT_BREAKER, BUY_1);

        feed(frames.adminVenue(AdminAction.RESUME, "paper", "ops"));
        quote("BTCUSDT", "99", "101");
        accepted(BUY_1);
    }

    @Test
    void shouldNotTripTheBreakerWhenFaultsAreSpreadBeyondTheWindow()
    {
        start("sluice.risk.circuitBreaker.faults", "3", "sluice.risk.circuitBreaker.windowMs", "10000");
        for (int i = 0; i < 4; i++)
        {
            accepted(BUY_1);
            final String id = outputs.newOrder(0).clientOrderId().trim();
            feed(frames.report(id, ExecType.REJECTED, OrdStatus.REJECTED, Side.BUY, "0", "0", "0", "no"));
            nowNs += 6 * SECOND_NS;
            quote("BTCUSDT", "99", "101");
            feed(frames.gatewayStatus("paper", GatewayState.UP));
        }
        accepted(BUY_1);
    }

    @Test
    void shouldSliceOrdersAboveTheFreezeQuantityIntoLegs()
    {
        nowNs = at("2026-11-18T05:00:00Z");
        start("sluice.instrument.NIFTY.lotSize", "75", "sluice.instrument.NIFTY.freezeQty", "1800",
            "sluice.account.main.maxNotional", "100000000", "sluice.account.main.maxOrderQty", "10000");
        outputs.clear();
        signal(order("NIFTY", "sell", "4050", ""));
        assertEquals(3, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        long total = 0;
        final java.util.Set<String> ids = new java.util.HashSet<>();
        for (int leg = 0; leg < 3; leg++)
        {
            final NewOrderDecoder order = outputs.newOrder(leg);
            assertEquals(leg, order.leg());
            assertTrue(order.quantity() <= Fixed.of(1800));
            total += order.quantity();
            ids.add(order.clientOrderId().trim());
        }
        assertEquals(Fixed.of(4050), total);
        assertEquals(3, ids.size(), "each slice has its own client order id");
    }

    @Test
    void shouldSizeFromMoneyAtRiskAndTheStopDistanceRoundedDownToTheLot()
    {
        start("sluice.instrument.BTCUSDT.lotSize", "0.01", "sluice.account.main.currency", "USD");
        outputs.clear();
        // risk 100 with entry at the ask 101 and SL 90: 100 / 11 = 9.0909 -> 9.09
        signal("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"risk\":100,\"riskType\":\"money\",\"sl\":90}");
        assertEquals(Fixed.parse("9.09"), outputs.newOrder(0).quantity());

        feed(frames.accountUpdate("main", "10000", null));
        outputs.clear();
        // (the account's currency is USD in this test's settings, so the update counts)
        // 1% of 10000 = 100 -> same size
        signal("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"risk\":1,\"sl\":90}");
        assertEquals(Fixed.parse("9.09"), outputs.newOrder(0).quantity());

        final CapturedOutputs.Reject noStop = refusedWith(RejectReason.INVALID_FIELD,
            "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"risk\":1}");
        assertEquals("sl", noStop.field());
    }

    @Test
    void shouldReportWhenFlatAfterAFlatten()
    {
        start();
        accepted(order("BTCUSDT", "buy", "2", ""));
        fillLast("2", "100");
        outputs.clear();
        feed(frames.admin(AdminAction.FLATTEN, "main", "ops"));
        final NewOrderDecoder close = outputs.newOrder(0);
        assertEquals(io.sluice.sbe.BooleanType.TRUE, close.reduceOnly());
        final String id = close.clientOrderId().trim();
        assertEquals(0, outputs.count(io.sluice.sbe.AlertDecoder.TEMPLATE_ID));
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.SELL, "2", "100", "2", ""));
        assertEquals(AlertType.FLAT, outputs.alert(0).alertType());
    }

    @Test
    void shouldChangeLimitsAtRuntimeAndPublishUsage()
    {
        start("sluice.risk.usageIntervalMs", "1000");
        feed(frames.admin(AdminAction.SET_LIMIT, AdminScope.ACCOUNT, "main", null, null, "maxOrderQty", Fixed.of(3), "alice"));
        final io.sluice.sbe.AlertDecoder alert = outputs.alert(0);
        assertEquals(AlertType.LIMIT_CHANGED, alert.alertType());
        alert.account();
        alert.venue();
        alert.symbol();
        assertEquals("maxOrderQty 1000 -> 3 by alice", alert.text());
        assertEquals(1, outputs.count(RiskUsageDecoder.TEMPLATE_ID));
        refusedWith(RejectReason.MAX_ORDER_QTY, order("BTCUSDT", "buy", "4", ""));

        feed(frames.admin(AdminAction.SET_LIMIT, AdminScope.INSTRUMENT, "main", null, "ETHUSDT", "maxOrderQty", Fixed.of(10), "alice"));
        accepted(order("ETHUSDT", "buy", "9", ""));
    }

    @Test
    void shouldApplyAFillTheVenueMadeOnItsOwnOnceEvenWhenReportedTwice()
    {
        start();
        accepted(order("BTCUSDT", "buy", "2", ""));
        fillLast("2", "100");
        outputs.clear();
        // The stop-loss triggers at the venue: a TRADE with no client order id and the venue's trade id.
        final int length = frames.report("", ExecType.TRADE, OrdStatus.FILLED, Side.SELL, "2", "95", "2", "stop loss");
        frames.buffer().putStringWithoutLengthAscii(io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH +
            io.sluice.sbe.ExecutionReportEncoder.tradeIdEncodingOffset(), "deal-77");
        feed(length);
        feed(length);
        assertEquals(1, outputs.count(io.sluice.sbe.PositionUpdateDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final io.sluice.sbe.PositionUpdateDecoder position = outputs.positionUpdate(0);
        assertEquals(0, position.quantity());
        assertEquals(-Fixed.of(10), position.realizedPnl());
    }
}
