package io.sluice.gateway.paper;

import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayHarness;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.gateway.test.OrderSender;
import io.sluice.gateway.test.ReportsCollector;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperVenueTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private GatewayHarness harness;
    private PaperVenue venue;
    private OrderSender orders;
    private ReportsCollector reports;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @BeforeEach
    void launchGateway()
    {
        harness = GatewayHarness.launch(driver, "paper", Map.of(PaperVenue.WALK_PROP, "false"));
        venue = harness.venue(PaperVenue.class);
        orders = harness.orders();
        reports = harness.reports();
    }

    @AfterEach
    void closeGateway()
    {
        harness.close();
    }

    @Test
    void shouldPublishMarketDataForEverySymbolOnStart()
    {
        reports.drain();
        final Map<String, MarketDataEvent> bySymbol = reports.marketData().stream()
            .collect(Collectors.toMap(MarketDataEvent::symbol, (md) -> md, (first, second) -> first));

        assertEquals(List.of("BTCUSDT", "ETHUSDT", "EURUSD", "XAUUSD", "INFY", "NIFTY"), venue.symbols());
        assertEquals(6, bySymbol.size(), bySymbol::toString);
        assertQuote(bySymbol.get("BTCUSDT"), "64993.5", "65006.5", "65000");
        assertQuote(bySymbol.get("ETHUSDT"), "3499.65", "3500.35", "3500");
        assertQuote(bySymbol.get("EURUSD"), "1.0848915", "1.0851085", "1.085");
        assertQuote(bySymbol.get("XAUUSD"), "2349.765", "2350.235", "2350");
        assertQuote(bySymbol.get("INFY"), "1499.85", "1500.15", "1500");
        assertQuote(bySymbol.get("NIFTY"), "23997.6", "24002.4", "24000");
        for (final MarketDataEvent md : bySymbol.values())
        {
            assertEquals("paper", md.venue());
            assertEquals(harness.clock().nanoTime(), md.timestampNs());
        }
    }

    @Test
    void shouldRepublishMarketDataOnTheIntervalEvenWhenUnchanged()
    {
        reports.drain();
        reports.clear();

        harness.clock().advance(999, TimeUnit.MILLISECONDS);
        reports.drain();
        assertEquals(List.of(), reports.marketData());

        final long dueNs = harness.clock().advance(1, TimeUnit.MILLISECONDS);
        reports.drain();
        final List<MarketDataEvent> republished = reports.marketData();
        assertEquals(6, republished.size(), republished::toString);
        assertTrue(republished.stream().allMatch((md) -> md.timestampNs() == dueNs), republished::toString);
        assertQuote(republished.get(0), "64993.5", "65006.5", "65000");
    }

    @Test
    void shouldFillMarketBuyAtTheAskAndMarketSellAtTheBid()
    {
        orders.market("MB1", "BTCUSDT", Side.BUY, px("0.5"));
        final List<ExecutionReportEvent> buy = reports.awaitExecutionReports("MB1", 2);

        assertReport(buy.get(0), ExecType.NEW, OrdStatus.NEW, "0", "0", "0", "0.5", "0");
        assertReport(buy.get(1), ExecType.TRADE, OrdStatus.FILLED, "0.5", "65006.5", "0.5", "0", "65006.5");
        for (final ExecutionReportEvent report : buy)
        {
            assertEquals("P1", report.venueOrderId());
            assertEquals("ACC1", report.account());
            assertEquals("paper", report.venue());
            assertEquals("BTCUSDT", report.symbol());
            assertEquals(Side.BUY, report.side());
            assertEquals(harness.clock().nanoTime(), report.transactTimeNs());
        }

        orders.market("MS1", "ETHUSDT", Side.SELL, px("2"));
        final List<ExecutionReportEvent> sell = reports.awaitExecutionReports("MS1", 2);

        assertReport(sell.get(0), ExecType.NEW, OrdStatus.NEW, "0", "0", "0", "2", "0");
        assertReport(sell.get(1), ExecType.TRADE, OrdStatus.FILLED, "2", "3499.65", "2", "0", "3499.65");
        assertEquals("P2", sell.get(1).venueOrderId());
        assertEquals(Side.SELL, sell.get(1).side());
        assertEquals("ETHUSDT", sell.get(1).symbol());
    }

    @Test
    void shouldRestLimitOrderUntilAPriceChangeCrossesItThenFillAtTheLimitPrice()
    {
        orders.limit("L1", "BTCUSDT", Side.BUY, px("1"), px("64000"));
        reports.awaitExecutionReports("L1", 1);

        venue.setPrice("BTCUSDT", px("64500"));
        reports.awaitMarketData((md) -> md.last() == px("64500"), "BTCUSDT at 64500");
        reports.drain();
        assertEquals(1, reports.executionReports("L1").size(), reports.executionReports("L1")::toString);
        assertEquals(1, venue.openOrderCount());

        venue.setPrice("BTCUSDT", px("63900"));
        final ExecutionReportEvent fill = reports.awaitExecutionReport("L1", ExecType.TRADE);
        assertReport(fill, ExecType.TRADE, OrdStatus.FILLED, "1", "64000", "1", "0", "64000");
        assertEquals(0, venue.openOrderCount());

        orders.limit("L2", "ETHUSDT", Side.SELL, px("3"), px("3600"));
        reports.awaitExecutionReports("L2", 1);
        venue.setPrice("ETHUSDT", px("3700"));
        assertReport(reports.awaitExecutionReport("L2", ExecType.TRADE), ExecType.TRADE, OrdStatus.FILLED, "3", "3600", "3", "0", "3600");
    }

    @Test
    void shouldFillMarketableLimitImmediatelyAtTheMarketPrice()
    {
        orders.limit("ML1", "BTCUSDT", Side.BUY, px("1"), px("66000"));
        final List<ExecutionReportEvent> buy = reports.awaitExecutionReports("ML1", 2);
        assertReport(buy.get(0), ExecType.NEW, OrdStatus.NEW, "0", "0", "0", "1", "0");
        assertReport(buy.get(1), ExecType.TRADE, OrdStatus.FILLED, "1", "65006.5", "1", "0", "65006.5");

        orders.limit("ML2", "ETHUSDT", Side.SELL, px("1"), px("3499.65"));
        final List<ExecutionReportEvent> sell = reports.awaitExecutionReports("ML2", 2);
        assertReport(sell.get(1), ExecType.TRADE, OrdStatus.FILLED, "1", "3499.65", "1", "0", "3499.65");
        assertEquals(0, venue.openOrderCount());
    }

    @Test
    void shouldTriggerStopOrdersAndFillThemAtTheMarket()
    {
        orders.stop("SB1", "BTCUSDT", Side.BUY, px("1"), px("65500"));
        orders.stop("SS1", "ETHUSDT", Side.SELL, px("2"), px("3400"));
        reports.awaitExecutionReports("SB1", 1);
        reports.awaitExecutionReports("SS1", 1);
        venue.setPrice("BTCUSDT", px("65400"));
        reports.awaitMarketData((md) -> md.last() == px("65400"), "BTCUSDT at 65400");
        reports.drain();
        assertEquals(2, venue.openOrderCount(), "ask 65406.54 is below the buy stop 65500");

        venue.setPrice("BTCUSDT", px("65600"));
        assertReport(reports.awaitExecutionReport("SB1", ExecType.TRADE),
            ExecType.TRADE, OrdStatus.FILLED, "1", "65606.56", "1", "0", "65606.56");

        venue.setPrice("ETHUSDT", px("3390"));
        assertReport(reports.awaitExecutionReport("SS1", ExecType.TRADE),
            ExecType.TRADE, OrdStatus.FILLED, "2", "3389.661", "2", "0", "3389.661");
        assertEquals(0, venue.openOrderCount());
    }

    @Test
    void shouldTriggerStopLimitThenRestAtItsLimitUntilCrossed()
    {
        orders.stopLimit("SL1", "XAUUSD", Side.BUY, px("1"), px("2360"), px("2355"));
        reports.awaitExecutionReports("SL1", 1);

        venue.setPrice("XAUUSD", px("2362"));
        reports.awaitMarketData((md) -> md.last() == px("2362"), "XAUUSD at 2362");
        reports.drain();
        assertEquals(1, reports.executionReports("SL1").size(), "triggered at ask 2362.2362 but the 2360 limit is below it");

        venue.setPrice("XAUUSD", px("2359"));
        assertReport(reports.awaitExecutionReport("SL1", ExecType.TRADE),
            ExecType.TRADE, OrdStatus.FILLED, "1", "2360", "1", "0", "2360");
    }

    @Test
    void shouldExpireImmediateOrCancelLimitThatCannotFill()
    {
        orders.newOrder("IOC1", "BTCUSDT", Side.BUY, OrdType.LIMIT, TimeInForce.IOC, px("1"), px("60000"), Fixed.NULL);
        final List<ExecutionReportEvent> reportsForOrder = reports.awaitExecutionReports("IOC1", 2);
        assertEquals(ExecType.NEW, reportsForOrder.get(0).execType());
        assertReport(reportsForOrder.get(1), ExecType.EXPIRED, OrdStatus.EXPIRED, "0", "0", "0", "0", "0");
        assertEquals(0, venue.openOrderCount());
    }

    @Test
    void shouldCancelRestingOrder()
    {
        orders.limit("C1", "BTCUSDT", Side.BUY, px("1"), px("60000"));
        reports.awaitExecutionReports("C1", 1);

        orders.cancel("C1", "BTCUSDT");
        final ExecutionReportEvent canceled = reports.awaitExecutionReports("C1", 2).get(1);
        assertReport(canceled, ExecType.CANCELED, OrdStatus.CANCELED, "0", "0", "0", "0", "0");
        assertEquals("P1", canceled.venueOrderId());
        assertEquals(Side.BUY, canceled.side());
        assertEquals("ACC1", canceled.account());
        assertEquals(0, venue.openOrderCount());

        venue.setPrice("BTCUSDT", px("59000"));
        reports.awaitMarketData((md) -> md.last() == px("59000"), "BTCUSDT at 59000");
        reports.drain();
        assertEquals(2, reports.executionReports("C1").size(), "a canceled order must not fill");
    }

    @Test
    void shouldRepriceARestingLimitOnAmendAndFillOnceItCrosses()
    {
        orders.limit("A1", "BTCUSDT", Side.BUY, px("1"), px("60000"));
        reports.awaitExecutionReports("A1", 1);

        amend("A1", "BTCUSDT", px("61000"));
        venue.setPrice("BTCUSDT", px("64000"));
        reports.awaitMarketData((md) -> md.last() == px("64000"), "BTCUSDT at 64000");
        reports.drain();
        assertEquals(1, reports.executionReports("A1").size(), "re-priced below the market it keeps resting");
        assertEquals(1, venue.openOrderCount());

        amend("A1", "BTCUSDT", px("64500"));
        assertReport(reports.awaitExecutionReport("A1", ExecType.TRADE), ExecType.TRADE, OrdStatus.FILLED, "1", "64500", "1", "0", "64500");
        assertEquals(0, venue.openOrderCount());

        amend("A1", "BTCUSDT", px("1"));
        venue.setPrice("BTCUSDT", px("64100"));
        reports.awaitMarketData((md) -> md.last() == px("64100"), "BTCUSDT at 64100");
        reports.drain();
        assertEquals(2, reports.executionReports("A1").size(), "an amend of a filled order changes nothing");
    }

    private void amend(final String clientOrderId, final String symbol, final long price)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        final io.sluice.sbe.AmendOrderEncoder encoder = new io.sluice.sbe.AmendOrderEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.sluice.sbe.MessageHeaderEncoder())
            .clientOrderId(clientOrderId).account("ACC1").venue("paper").symbol(symbol)
            .quantity(Fixed.NULL).price(price).stopPrice(Fixed.NULL).takeProfit(Fixed.NULL).stopLoss(Fixed.NULL).timestampNs(1);
        orders.send(buffer, 0, io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldRejectCancelOfUnknownOrder()
    {
        orders.cancel("NOPE", "BTCUSDT");
        final ExecutionReportEvent rejected = reports.awaitExecutionReports("NOPE", 1).get(0);
        assertEquals(ExecType.CANCEL_REJECTED, rejected.execType());
        assertEquals(OrdStatus.REJECTED, rejected.ordStatus());
        assertEquals("BTCUSDT", rejected.symbol());
        assertEquals("ACC1", rejected.account());
        assertTrue(rejected.text().contains("unknown order"), rejected.text());
    }

    @Test
    void shouldRejectCancelOfFilledOrderWithItsStatus()
    {
        orders.market("F1", "BTCUSDT", Side.SELL, px("0.25"));
        reports.awaitExecutionReport("F1", ExecType.TRADE);

        orders.cancel("F1", "BTCUSDT");
        final ExecutionReportEvent rejected = reports.awaitExecutionReport("F1", ExecType.CANCEL_REJECTED);
        assertEquals(OrdStatus.FILLED, rejected.ordStatus());
        assertEquals(px("0.25"), rejected.cumQty());
        assertEquals(px("64993.5"), rejected.avgPrice());
        assertEquals(Side.SELL, rejected.side());
        assertEquals("P1", rejected.venueOrderId());
        assertTrue(rejected.text().contains("FILLED"), rejected.text());
    }

    @Test
    void shouldRejectOrderForUnknownSymbol()
    {
        orders.market("U1", "DOGEUSDT", Side.BUY, px("1"));
        assertRejected("U1", "DOGEUSDT");
    }

    @Test
    void shouldRejectOrderWithZeroOrNegativeQuantity()
    {
        orders.market("Z1", "BTCUSDT", Side.BUY, 0);
        assertRejected("Z1", "quantity");
        orders.limit("Z2", "BTCUSDT", Side.SELL, px("-1"), px("65000"));
        assertRejected("Z2", "quantity");
    }

    @Test
    void shouldRejectLimitWithoutPriceAndStopWithoutStopPrice()
    {
        orders.limit("NP1", "BTCUSDT", Side.BUY, px("1"), Fixed.NULL);
        assertRejected("NP1", "price");
        orders.stop("NP2", "BTCUSDT", Side.BUY, px("1"), Fixed.NULL);
        assertRejected("NP2", "stop price");
    }

    @Test
    void shouldRejectDuplicateClientOrderIdOfAnOpenOrder()
    {
        orders.limit("D1", "BTCUSDT", Side.BUY, px("1"), px("60000"));
        reports.awaitExecutionReports("D1", 1);

        orders.limit("D1", "ETHUSDT", Side.SELL, px("1"), px("4000"));
        final ExecutionReportEvent duplicate = reports.awaitExecutionReports("D1", 2).get(1);
        assertEquals(ExecType.REJECTED, duplicate.execType());
        assertEquals(OrdStatus.REJECTED, duplicate.ordStatus());
        assertEquals("ETHUSDT", duplicate.symbol());
        assertTrue(duplicate.text().contains("duplicate"), duplicate.text());
        assertEquals(1, venue.openOrderCount());

        orders.cancel("D1", "BTCUSDT");
        final ExecutionReportEvent canceled = reports.awaitExecutionReport("D1", ExecType.CANCELED);
        assertEquals("BTCUSDT", canceled.symbol(), "the original order is the one still open");
        assertEquals(Side.BUY, canceled.side());
    }

    @Test
    void shouldNotAllocateWhileFillingMarketOrdersInSteadyState()
    {
        final int warmUpOrders = 3_000;
        sendMarketOrders("W", warmUpOrders);
        reports.drain();
        assertEquals(warmUpOrders * 2, reports.executionReports().size());
        reports.clear();

        final int measuredOrders = 200;
        sendMarketOrders("M", measuredOrders);
        final long targetCount = harness.gateway().ordersAdapter().newOrderCount() + measuredOrders;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "this JVM must count allocated bytes per thread");

        final long before = threads.getCurrentThreadAllocatedBytes();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (harness.gateway().ordersAdapter().newOrderCount() < targetCount && System.nanoTime() < deadlineNs)
        {
            harness.gateway().invoker().invoke();
        }
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

        reports.drain();
        final long fills = reports.executionReports().stream().filter((r) -> r.execType() == ExecType.TRADE).count();
        assertEquals(measuredOrders, fills, "every measured order filled");
        assertEquals(0, allocatedBytes, "bytes allocated on the gateway's duty cycle for " + measuredOrders + " orders");
    }

    private void sendMarketOrders(final String prefix, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            orders.market(prefix + i, "BTCUSDT", (i & 1) == 0 ? Side.BUY : Side.SELL, px("0.01"));
        }
    }

    private void assertRejected(final String clientOrderId, final String textFragment)
    {
        final ExecutionReportEvent rejected = reports.awaitExecutionReports(clientOrderId, 1).get(0);
        assertEquals(ExecType.REJECTED, rejected.execType(), rejected::toString);
        assertEquals(OrdStatus.REJECTED, rejected.ordStatus(), rejected::toString);
        assertEquals(0, rejected.leavesQty());
        assertEquals("ACC1", rejected.account());
        assertTrue(rejected.text().contains(textFragment), rejected::toString);
        reports.drain();
        assertEquals(1, reports.executionReports(clientOrderId).size(), "a rejected order gets exactly one report");
        assertEquals(0, venue.openOrderCount());
    }

    private static void assertQuote(final MarketDataEvent md, final String bid, final String ask, final String last)
    {
        assertEquals(px(bid), md.bid(), () -> "bid of " + md);
        assertEquals(px(ask), md.ask(), () -> "ask of " + md);
        assertEquals(px(last), md.last(), () -> "last of " + md);
    }

    private static void assertReport(
        final ExecutionReportEvent report,
        final ExecType execType,
        final OrdStatus ordStatus,
        final String lastQty,
        final String lastPrice,
        final String cumQty,
        final String leavesQty,
        final String avgPrice)
    {
        assertEquals(execType, report.execType(), report::toString);
        assertEquals(ordStatus, report.ordStatus(), report::toString);
        assertEquals(px(lastQty), report.lastQty(), () -> "lastQty of " + report);
        assertEquals(px(lastPrice), report.lastPrice(), () -> "lastPrice of " + report);
        assertEquals(px(cumQty), report.cumQty(), () -> "cumQty of " + report);
        assertEquals(px(leavesQty), report.leavesQty(), () -> "leavesQty of " + report);
        assertEquals(px(avgPrice), report.avgPrice(), () -> "avgPrice of " + report);
    }

    private static long px(final String decimal)
    {
        return Fixed.parse(decimal);
    }

    @Test
    void shouldAnswerStatusRequestsFromItsBookAndSayWhichOrdersItNeverGot()
    {
        orders.market("RF1", "BTCUSDT", Side.BUY, px("0.5"));
        reports.awaitExecutionReports("RF1", 2);
        orders.limit("RL1", "BTCUSDT", Side.BUY, px("1"), px("64000"));
        reports.awaitExecutionReports("RL1", 1);

        orders.statusRequest("RF1", "", "BTCUSDT", Side.BUY, px("0.5"));
        final ExecutionReportEvent filled = reports.awaitExecutionReport("RF1", ExecType.ORDER_STATUS);
        assertReport(filled, ExecType.ORDER_STATUS, OrdStatus.FILLED, "0", "0", "0.5", "0", "65006.5");
        assertEquals("P1", filled.venueOrderId());

        orders.statusRequest("RL1", "", "BTCUSDT", Side.BUY, px("1"));
        final ExecutionReportEvent resting = reports.awaitExecutionReport("RL1", ExecType.ORDER_STATUS);
        assertReport(resting, ExecType.ORDER_STATUS, OrdStatus.NEW, "0", "0", "0", "1", "0");

        orders.statusRequest("NEVER1", "", "BTCUSDT", Side.SELL, px("2"));
        final ExecutionReportEvent unknown = reports.awaitExecutionReport("NEVER1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.NOT_FOUND, unknown.ordStatus());
        assertEquals(Side.SELL, unknown.side());
        assertEquals("BTCUSDT", unknown.symbol());
        // Asking placed nothing: the venue still has exactly the one resting order.
        assertEquals(1, venue.openOrderCount());
        assertEquals(1, reports.executionReports("NEVER1").size());
    }
}
