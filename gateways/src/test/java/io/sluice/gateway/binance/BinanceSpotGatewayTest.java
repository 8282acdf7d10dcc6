package io.sluice.gateway.binance;

import io.sluice.gateway.binance.fake.FakeOrder;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.OrderSender;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceSpotGatewayTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private BinanceRig rig;

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

    @AfterEach
    void close()
    {
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldStartReconcilingThenPublishFiltersAndComeUp()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        final Reported.Status up = rig.awaitUp();
        assertTrue(up.detail().startsWith("reconciled #1"), up.detail());

        final List<Object> events = rig.reports.events();
        final int reconciling = indexOf(events, (e) -> e instanceof Reported.Status && ((Reported.Status)e).state() == GatewayState.RECONCILING);
        final int upIndex = events.indexOf(up);
        assertTrue(reconciling >= 0 && reconciling < upIndex, events::toString);

        final Reported.Instrument btc = rig.reports.await(Reported.Instrument.class, (i) -> i.symbol().equals("BTCUSDT"), "BTCUSDT rules");
        assertEquals(Fixed.parse("0.01"), btc.tickSize());
        assertEquals(Fixed.parse("0.00001"), btc.lotSize());
        assertEquals(Fixed.parse("0.00001"), btc.minQty());
        assertEquals(Fixed.parse("9000"), btc.maxQty());
        assertEquals(Fixed.parse("5"), btc.minNotional());
        assertEquals("BTCUSDT", btc.venueSymbol());
        assertEquals(Fixed.NULL, btc.contractSize());
        rig.reports.await(Reported.Instrument.class, (i) -> i.symbol().equals("ETHUSDT") && i.lotSize() == Fixed.parse("0.0001"),
            "ETHUSDT rules");
    }

    @Test
    void shouldReportNewPartialAndFillWithAveragePriceCommissionAndTradeIds()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        final OrderSender orders = rig.orders;
        orders.limit("fill1", "BTCUSDT", Side.BUY, Fixed.parse("0.01"), Fixed.parse("50000"));

        final Reported.Execution accepted = rig.reports.awaitExecution("fill1", ExecType.NEW);
        assertEquals(OrdStatus.NEW, accepted.ordStatus());
        final FakeOrder atVenue = rig.fake.orders("fill1").get(0);
        assertEquals(Long.toString(atVenue.orderId()), accepted.venueOrderId());
        assertEquals("0.01000", atVenue.origQty().toPlainString());
        assertEquals("50000.00", atVenue.price().toPlainString());

        rig.fake.fill("fill1", "0.004", "49999.5");
        final Reported.Execution partial = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("fill1") && e.execType() == ExecType.TRADE, "partial fill");
        assertEquals(OrdStatus.PARTIALLY_FILLED, partial.ordStatus());
        assertEquals(Fixed.parse("0.004"), partial.lastQty());
        assertEquals(Fixed.parse("49999.5"), partial.lastPrice());
        assertEquals(Fixed.parse("0.004"), partial.cumQty());
        assertEquals(Fixed.parse("0.006"), partial.leavesQty());
        assertEquals(Fixed.parse("49999.5"), partial.avgPrice());
        assertEquals(Fixed.parse("0.199998"), partial.commission());
        assertEquals("USDT", partial.commissionAsset());
        assertTrue(!partial.tradeId().isEmpty(), partial::toString);

        rig.fake.fill("fill1", "0.006", "50000");
        final Reported.Execution filled = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("fill1") && e.ordStatus() == OrdStatus.FILLED, "fill");
        assertEquals(ExecType.TRADE, filled.execType());
        assertEquals(Fixed.parse("0.01"), filled.cumQty());
        assertEquals(0, filled.leavesQty());
        assertEquals(Fixed.parse("49999.8"), filled.avgPrice());
        assertEquals(Fixed.parse("0.3"), filled.commission());
        assertTrue(Long.parseLong(filled.tradeId()) > Long.parseLong(partial.tradeId()));
        rig.reports.drain();
        assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.TRADE),
            rig.reports.executions("fill1").stream().map(Reported.Execution::execType).toList());
    }

    @Test
    void shouldResolveATimedOutPlaceThatSucceededByOrderStatusWithoutResending()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.fake.faults().dropResponse("order.place", 1, false);
        rig.orders.limit("lost1", "BTCUSDT", Side.SELL, Fixed.parse("0.002"), Fixed.parse("51000"));
        rig.awaitTrue("place sent", () -> rig.fake.requests("order.place") == 1);
        rig.reports.drain();
        assertTrue(rig.reports.executions("lost1").isEmpty(), rig.reports.events()::toString);

        rig.advance(2100, TimeUnit.MILLISECONDS);
        final Reported.Execution unknown = rig.reports.awaitExecution("lost1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        assertTrue(unknown.text().contains("not resending"), unknown::toString);

        final Reported.Execution resolved = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("lost1") && e.ordStatus() == OrdStatus.NEW, "order found by order.status");
        assertEquals(ExecType.ORDER_STATUS, resolved.execType());
        assertEquals(Long.toString(rig.fake.orders("lost1").get(0).orderId()), resolved.venueOrderId());
        rig.reports.drain();
        assertEquals(1, rig.fake.orders("lost1").size());
        assertEquals(1, rig.fake.requests("order.place"));
        assertTrue(rig.fake.requests("order.status") >= 1);
    }

    @Test
    void shouldRejectALostPlaceOnlyAfterItsRecvWindowHasPassed()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.recvWindowMs", "3000"));
        rig.awaitUp();
        rig.fake.faults().dropRequest("order.place", 1);
        rig.orders.limit("gone1", "BTCUSDT", Side.BUY, Fixed.parse("0.002"), Fixed.parse("40000"));
        rig.awaitTrue("place sent", () -> rig.fake.requests("order.place") == 1);
        rig.advance(2100, TimeUnit.MILLISECONDS);
        rig.reports.awaitExecution("gone1", ExecType.ORDER_STATUS);
        rig.awaitTrue("order.status asked", () -> rig.fake.requests("order.status") >= 1);
        rig.reports.drain();
        assertTrue(rig.reports.executions("gone1").stream().noneMatch((e) -> e.execType() == ExecType.REJECTED),
            "the place could still execute within its recvWindow: not yet REJECTED");

        rig.advance(2500, TimeUnit.MILLISECONDS);
        final Reported.Execution rejected = rig.reports.awaitExecution("gone1", ExecType.REJECTED);
        assertTrue(rejected.text().contains("recvWindow"), rejected::toString);
        assertEquals(0, rig.fake.orders("gone1").size());
        assertEquals(1, rig.fake.requests("order.place"));
    }

    @Test
    void shouldReconcileAfterADisconnectMidFlowWithoutADuplicateOrder()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("live1", "BTCUSDT", Side.BUY, Fixed.parse("0.01"), Fixed.parse("49000"));
        rig.reports.awaitExecution("live1", ExecType.NEW);

        rig.fake.faults().dropResponse("order.place", 1, false);
        rig.orders.limit("flight1", "ETHUSDT", Side.SELL, Fixed.parse("0.5"), Fixed.parse("3100"));
        rig.awaitTrue("second place reached the venue", () -> rig.fake.orders("flight1").size() == 1);
        final int before = rig.reports.size();
        rig.fake.disconnectWebSockets();
        rig.fake.fill("live1", "0.01", "48999.99");

        rig.reports.awaitAfter(before, Reported.Status.class, (s) -> s.state() == GatewayState.DEGRADED, "DEGRADED after disconnect");
        final Reported.Execution unknown = rig.reports.awaitExecution("flight1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());

        rig.advance(1100, TimeUnit.MILLISECONDS);
        final Reported.Status up = rig.reports.awaitAfter(before, Reported.Status.class,
            (s) -> s.state() == GatewayState.UP && s.detail().startsWith("reconciled #2"), "UP after second reconciliation");
        final List<Object> events = rig.reports.events();
        final int reconciling = indexAfter(events, before, (e) -> e instanceof Reported.Status &&
            ((Reported.Status)e).state() == GatewayState.RECONCILING);
        final Reported.Execution filled = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("live1") && e.execType() == ExecType.TRADE, "missed fill found");
        final Reported.Execution found = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("flight1") && e.ordStatus() == OrdStatus.NEW, "in-flight order found");
        assertTrue(reconciling < events.indexOf(filled) && events.indexOf(filled) < events.indexOf(up), events::toString);
        assertTrue(events.indexOf(found) < events.indexOf(up), events::toString);
        assertEquals(OrdStatus.FILLED, filled.ordStatus());
        assertEquals(Fixed.parse("0.01"), filled.cumQty());
        assertEquals(Fixed.parse("48999.99"), filled.avgPrice());
        assertEquals(1, rig.fake.orders("live1").size());
        assertEquals(1, rig.fake.orders("flight1").size());
        assertEquals(2, rig.fake.requests("order.place"));
    }

    @Test
    void shouldPlaceOverRestWhileTheWebSocketApiIsDownAndPollFills()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.statusPollMs", "500"));
        rig.awaitUp();
        final int before = rig.reports.size();
        rig.fake.disconnectWebSockets();
        rig.reports.awaitAfter(before, Reported.Status.class, (s) -> s.state() == GatewayState.DEGRADED, "DEGRADED");

        rig.orders.limit("rest1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("45000"));
        rig.reports.awaitExecution("rest1", ExecType.NEW);
        assertTrue(rig.fake.requestLog().contains("rest order.place ok"), rig.fake.requestLog()::toString);

        rig.fake.fill("rest1", "0.001", "45000");
        rig.advance(600, TimeUnit.MILLISECONDS);
        final Reported.Execution fill = rig.reports.awaitExecution("rest1", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.parse("45000"), fill.avgPrice());
    }

    @Test
    void shouldReportEachFillOnceWhenUserDataIsDuplicatedAndReordered()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("dup1", "BTCUSDT", Side.BUY, Fixed.parse("0.03"), Fixed.parse("50000"));
        rig.reports.awaitExecution("dup1", ExecType.NEW);

        rig.fake.faults().duplicateUserData(true).reorderUserData(true);
        rig.fake.fill("dup1", "0.01", "50000");
        rig.fake.fill("dup1", "0.01", "49990");
        rig.fake.fill("dup1", "0.01", "49980");
        rig.fake.flushUserData();
        final Reported.Execution last = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("dup1") && e.ordStatus() == OrdStatus.FILLED, "FILLED");
        rig.reports.drain();

        final List<Reported.Execution> trades = rig.reports.executions("dup1").stream()
            .filter((e) -> e.execType() == ExecType.TRADE).toList();
        assertEquals(3, trades.size(), trades::toString);
        assertEquals(3, trades.stream().map(Reported.Execution::tradeId).distinct().count());
        long cum = 0;
        for (final Reported.Execution trade : trades)
        {
            cum += trade.lastQty();
            assertEquals(cum, trade.cumQty(), trades::toString);
        }
        assertEquals(last, trades.get(2));
        assertEquals(Fixed.parse("0.03"), last.cumQty());
        assertEquals(Fixed.parse("49990"), last.avgPrice(), trades::toString);
        rig.awaitTrue("the three duplicates seen and dropped", () -> rig.venue().orders().duplicateFills() == 3);
        rig.reports.drain();
        assertEquals(3, rig.reports.executions("dup1").stream().filter((e) -> e.execType() == ExecType.TRADE).count());
    }

    @Test
    void shouldHoldACancelBackUntilTheFillItCountedIsReported()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("ord1", "BTCUSDT", Side.SELL, Fixed.parse("0.02"), Fixed.parse("51000"));
        rig.reports.awaitExecution("ord1", ExecType.NEW);
        rig.fake.faults().reorderUserData(true);
        rig.fake.fill("ord1", "0.005", "51000");
        rig.orders.cancel("ord1", "BTCUSDT");
        rig.reports.awaitExecution("ord1", ExecType.CANCELED);
        rig.reports.drain();
        final List<Reported.Execution> reports = rig.reports.executions("ord1");
        assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.CANCELED),
            reports.stream().map(Reported.Execution::execType).toList(), reports::toString);
        assertEquals(Fixed.parse("0.005"), reports.get(2).cumQty());
        assertEquals(0, reports.get(2).leavesQty());
    }

    @Test
    void shouldQueryTheOrderWhenACountedFillNeverArrives()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("ord2", "BTCUSDT", Side.SELL, Fixed.parse("0.02"), Fixed.parse("51000"));
        rig.reports.awaitExecution("ord2", ExecType.NEW);
        rig.awaitTrue("the NEW event went out", () -> rig.fake.orderEventsPublished() >= 1);
        rig.fake.faults().dropOrderEvents(1);
        rig.fake.fill("ord2", "0.005", "51000");
        rig.orders.cancel("ord2", "BTCUSDT");
        rig.awaitTrue("cancel answered", () -> rig.fake.orders("ord2").get(0).status().equals("CANCELED") &&
            rig.venue().requests().pendingCount() == 0);
        rig.reports.drain();
        assertEquals(1, rig.reports.executions("ord2").size(), "waiting for the missing fill: " + rig.reports.executions("ord2"));

        rig.advance(1100, TimeUnit.MILLISECONDS);
        final Reported.Execution canceled = rig.reports.awaitExecution("ord2", ExecType.CANCELED);
        final List<Reported.Execution> reports = rig.reports.executions("ord2");
        assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.CANCELED),
            reports.stream().map(Reported.Execution::execType).toList(), reports::toString);
        assertEquals("fill found by order status", reports.get(1).text());
        assertEquals(Fixed.parse("51000"), reports.get(1).lastPrice());
        assertEquals(Fixed.parse("0.005"), canceled.cumQty());
    }

    @Test
    void shouldReportNewOnceWhenTheAnswerComesAfterTheEvent()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.fake.faults().delay("order.place", 1, 300);
        rig.orders.limit("slow1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        rig.reports.awaitExecution("slow1", ExecType.NEW);
        rig.awaitTrue("delayed answer taken", () -> rig.venue().requests().pendingCount() == 0);
        rig.reports.drain();
        assertEquals(1, rig.reports.executions("slow1").size(), rig.reports.executions("slow1")::toString);
    }

    @Test
    void shouldRefuseWhatTheFiltersWouldRefuseWithoutSendingAnything()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("lot1", "BTCUSDT", Side.BUY, Fixed.parse("0.000001"), Fixed.parse("50000"));
        rig.orders.limit("tick1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("50000.005"));
        rig.orders.limit("small1", "BTCUSDT", Side.BUY, Fixed.parse("0.00001"), Fixed.parse("50000"));
        assertEquals("Filter failure: LOT_SIZE", rig.reports.awaitExecution("lot1", ExecType.REJECTED).text());
        assertEquals("Filter failure: PRICE_FILTER", rig.reports.awaitExecution("tick1", ExecType.REJECTED).text());
        assertEquals("Filter failure: NOTIONAL", rig.reports.awaitExecution("small1", ExecType.REJECTED).text());
        assertEquals(0, rig.fake.requests("order.place"));
    }

    @Test
    void shouldReportTheVenuesFilterRefusalWhenLocalChecksAreOff()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.checkFilters", "false"));
        rig.awaitUp();
        rig.orders.limit("lot2", "BTCUSDT", Side.BUY, Fixed.parse("0.000001"), Fixed.parse("50000"));
        final Reported.Execution rejected = rig.reports.awaitExecution("lot2", ExecType.REJECTED);
        assertTrue(rejected.text().startsWith("binance -1013: Filter failure: LOT_SIZE"), rejected::toString);
        assertEquals(1, rig.fake.requests("order.place"));
    }

    @Test
    void shouldCancelAndRefuseToDuplicateAClientOrderId()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.orders.limit("can1", "ETHUSDT", Side.SELL, Fixed.parse("0.1"), Fixed.parse("3500"));
        rig.reports.awaitExecution("can1", ExecType.NEW);
        rig.orders.limit("can1", "ETHUSDT", Side.SELL, Fixed.parse("0.1"), Fixed.parse("3500"));
        final Reported.Execution duplicate = rig.reports.awaitExecution("can1", ExecType.ORDER_STATUS);
        assertTrue(duplicate.text().contains("duplicate"), duplicate::toString);

        rig.orders.cancel("can1", "ETHUSDT");
        final Reported.Execution canceled = rig.reports.awaitExecution("can1", ExecType.CANCELED);
        assertEquals(OrdStatus.CANCELED, canceled.ordStatus());
        assertEquals(0, canceled.leavesQty());
        rig.reports.drain();
        assertEquals(1, rig.reports.executions("can1").stream().filter((e) -> e.execType() == ExecType.CANCELED).count());
        assertEquals(1, rig.fake.orders("can1").size());
        assertEquals("CANCELED", rig.fake.orders("can1").get(0).status());

        rig.orders.cancel("nosuch1", "ETHUSDT");
        final Reported.Execution refused = rig.reports.awaitExecution("nosuch1", ExecType.CANCEL_REJECTED);
        assertTrue(refused.text().contains("-2011"), refused::toString);
    }

    @Test
    void shouldMarkA5xxPlaceUnknownAndSettleItFromTheVenue()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.fake.faults().fail("order.place", 1, 503, -1007, true);
        rig.orders.market("five1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"));
        final Reported.Execution unknown = rig.reports.awaitExecution("five1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        final Reported.Execution fill = rig.reports.awaitExecution("five1", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.parse("50000"), fill.lastPrice());
        rig.reports.drain();
        assertEquals(1, rig.fake.orders("five1").size());
        assertEquals(1, rig.fake.requests("order.place"));
    }

    @Test
    void shouldPublishMarketDataAndAnswerPings()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.awaitTrue("market stream open", () -> rig.fake.openSockets("market") == 1);
        rig.fake.quote("BTCUSDT", "49999.10", "50000.20");
        rig.fake.trade("BTCUSDT", "50000.00", "0.5");
        final Reported.Quote quote = rig.reports.await(Reported.Quote.class,
            (q) -> q.symbol().equals("BTCUSDT") && q.last() != Fixed.NULL && q.bid() != Fixed.NULL, "BTCUSDT quote and trade");
        assertEquals(Fixed.parse("49999.1"), quote.bid());
        assertEquals(Fixed.parse("50000.2"), quote.ask());
        assertEquals(Fixed.parse("50000"), quote.last());

        rig.fake.pingWebSockets();
        rig.awaitTrue("pongs from the gateway's sockets", () -> rig.fake.pongs() >= 2);
    }

    @Test
    void shouldReconnectBeforeTheDailyLimitAndRefreshFilters()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        final int before = rig.reports.size();
        final int apiConnects = rig.venue().apiConnects();
        rig.advance(24, TimeUnit.HOURS);
        rig.reports.awaitAfter(before, Reported.Status.class,
            (s) -> s.state() == GatewayState.UP && s.detail().startsWith("reconciled #2"), "UP after planned reconnect");
        assertEquals(apiConnects + 1, rig.venue().apiConnects());
        rig.reports.awaitAfter(before, Reported.Instrument.class, (i) -> i.symbol().equals("BTCUSDT"), "filters republished");
    }

    @Test
    void shouldTradeWithAnHmacKeySigningEveryWebSocketRequest()
    {
        rig = BinanceRig.spotHmac(driver, tempDir, Map.of());
        rig.awaitUp();
        assertTrue(rig.fake.requestLog().contains("ws userDataStream.subscribe.signature ok"), rig.fake.requestLog()::toString);
        assertTrue(rig.fake.requestLog().stream().noneMatch((line) -> line.contains("session.logon")));
        rig.orders.limit("hmac1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("45000"));
        rig.reports.awaitExecution("hmac1", ExecType.NEW);
        assertTrue(rig.fake.requestLog().contains("ws order.place ok"), rig.fake.requestLog()::toString);
        rig.reports.await(Reported.Account.class, (a) -> a.currency().equals("USDT") && a.account().equals("main"), "account");
    }

    private static int indexAfter(final List<Object> events, final int from, final java.util.function.Predicate<Object> condition)
    {
        for (int i = from; i < events.size(); i++)
        {
            if (condition.test(events.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(final List<Object> events, final java.util.function.Predicate<Object> condition)
    {
        for (int i = 0; i < events.size(); i++)
        {
            if (condition.test(events.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldAnswerTheEnginesStatusRequestsByOrigClientOrderId()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.fake.marketPrice("BTCUSDT", "50000");
        // Placed by a previous gateway process that died before it saw the answer: this gateway never tracked it.
        rig.fake.placeUnseen(false, "unseen1", "BTCUSDT", "BUY", "0.01");
        rig.orders.statusRequest("unseen1", "", "BTCUSDT", Side.BUY, Fixed.parse("0.01"));
        final Reported.Execution filled = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("unseen1") && e.execType() == ExecType.ORDER_STATUS && e.text().startsWith("reconciled"),
            "answer about unseen1");
        assertEquals(OrdStatus.FILLED, filled.ordStatus());
        assertEquals(Fixed.parse("0.01"), filled.cumQty());
        assertEquals(Fixed.parse("50000"), filled.avgPrice());
        assertEquals(Long.toString(rig.fake.orders("unseen1").get(0).orderId()), filled.venueOrderId());

        rig.orders.statusRequest("neverSent1", "", "BTCUSDT", Side.SELL, Fixed.parse("0.01"));
        final Reported.Execution unknown = rig.reports.awaitExecution("neverSent1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.NOT_FOUND, unknown.ordStatus());

        // A tracked, partly filled order is answered after a fresh order.status.
        rig.orders.limit("live1", "BTCUSDT", Side.BUY, Fixed.parse("0.01"), Fixed.parse("50000"));
        rig.reports.awaitExecution("live1", ExecType.NEW);
        rig.fake.fill("live1", "0.004", "49999.5");
        rig.reports.awaitExecution("live1", ExecType.TRADE);
        final long statusQueries = rig.fake.requests("order.status");
        rig.orders.statusRequest("live1", "", "BTCUSDT", Side.BUY, Fixed.parse("0.01"));
        final Reported.Execution live = rig.reports.awaitExecution("live1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.PARTIALLY_FILLED, live.ordStatus());
        assertEquals(Fixed.parse("0.004"), live.cumQty());
        assertEquals(Fixed.parse("0.006"), live.leavesQty());
        assertTrue(rig.fake.requests("order.status") > statusQueries, "asked the venue");

        // Asking placed nothing.
        rig.reports.drain();
        assertEquals(1, rig.fake.orders("unseen1").size());
        assertEquals(0, rig.fake.orders("neverSent1").size());
        assertEquals(2, rig.fake.placeRequests());
    }
}
