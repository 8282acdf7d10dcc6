package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.mt5.fake.FakeTerminal;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MT5 gateway end to end: engine messages on Aeron → gateway → bridge protocol over TCP → fake terminal, and
 * back as reports, for orders, retcodes, lost answers, reconnects, hedging and netting closes, and amends.
 */
@Timeout(60)
class Mt5GatewayTest
{
    private static final String ACC1 = "ACC1";
    private static final String GOLD = "XAUUSD";

    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private Mt5Rig rig;

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
    void closeRig()
    {
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldReconcileOnStartAndPublishInstrumentsAccountAndQuotesBeforeUp()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();

        final List<GatewayState> states = rig.reports().statuses().stream()
            .filter((s) -> !s.detail().isEmpty()).map(GatewayStatusEvent::state).collect(Collectors.toList());
        assertEquals(List.of(GatewayState.DOWN, GatewayState.RECONCILING, GatewayState.UP), states, rig.reports().statuses()::toString);
        final GatewayStatusEvent up = rig.reports().statuses().get(rig.reports().statuses().size() - 1);
        assertTrue(up.detail().contains("ACC1: ready: login 5001, HEDGING, 0 position(s)"), up.detail());

        final Mt5Reports.Instrument gold = rig.reports().instruments().stream()
            .filter((i) -> i.symbol().equals(GOLD)).findFirst().orElseThrow();
        assertEquals(new Mt5Reports.Instrument(GOLD, "XAUUSD.m", px("0.01"), px("0.01"), px("0.01"), px("50"), px("100")), gold);
        final Mt5Reports.Instrument euro = rig.reports().instruments().stream()
            .filter((i) -> i.symbol().equals("EURUSD")).findFirst().orElseThrow();
        assertEquals(px("100000"), euro.contractSize());
        assertEquals(px("0.00001"), euro.tickSize());

        assertEquals(new Mt5Reports.Account(ACC1, "USD", px("10000"), px("10000"), px("10000"), 0), rig.reports().accounts().get(0));
        final MarketDataEvent quote = rig.reports().marketData().stream().filter((m) -> m.symbol().equals(GOLD)).findFirst().orElseThrow();
        assertEquals(px("2350"), quote.bid());
        assertEquals(px("2350.25"), quote.ask());
        assertEquals("mt5", quote.venue());

        final int reportsBeforeUp = rig.reports().events().indexOf(up);
        assertTrue(rig.reports().events().indexOf(gold) < reportsBeforeUp, "instruments are published before UP");
    }

    @Test
    void shouldFillMarketBuyWithStopLossAndTakeProfitOnItsPosition()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.terminal().commissionPerLot("7");
        rig.awaitUp();

        rig.orders().market(ACC1, "B1", GOLD, Side.BUY, "0.10", "2340", "2380");
        final Mt5Reports.Report fill = rig.reports().awaitReport("B1", ExecType.TRADE);

        final List<Mt5Reports.Report> reports = rig.reports().reports("B1");
        assertEquals(2, reports.size(), reports::toString);
        final Mt5Reports.Report accepted = reports.get(0);
        assertEquals(ExecType.NEW, accepted.execType());
        assertEquals(px("0.1"), accepted.leavesQty());
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(px("0.1"), fill.lastQty());
        assertEquals(px("2350.25"), fill.lastPrice());
        assertEquals(px("0.1"), fill.cumQty());
        assertEquals(0, fill.leavesQty());
        assertEquals(px("0.7"), fill.commission());
        assertEquals("USD", fill.commissionAsset());
        assertEquals(GOLD, fill.symbol());
        assertEquals(Side.BUY, fill.side());

        final JsonNode request = rig.terminal().orderRequests().get(0);
        assertEquals("TRADE_ACTION_DEAL", request.get("action").asText());
        assertEquals("ORDER_TYPE_BUY", request.get("type").asText());
        assertEquals("XAUUSD.m", request.get("symbol").asText());
        assertEquals(0, new BigDecimal("0.1").compareTo(request.get("volume").decimalValue()));
        assertEquals(0, new BigDecimal("2350.25").compareTo(request.get("price").decimalValue()));
        assertEquals(10, request.get("deviation").asInt());
        assertEquals("ORDER_FILLING_FOK", request.get("type_filling").asText());
        assertEquals(7101, request.get("magic").asLong());
        assertEquals("B1", request.get("comment").asText());

        final List<JsonNode> positions = rig.terminal().positions();
        assertEquals(1, positions.size(), positions::toString);
        final JsonNode position = positions.get(0);
        assertEquals("POSITION_TYPE_BUY", position.get("type").asText());
        assertEquals(0, new BigDecimal("2340").compareTo(position.get("sl").decimalValue()));
        assertEquals(0, new BigDecimal("2380").compareTo(position.get("tp").decimalValue()));
        assertEquals("B1", position.get("comment").asText());
        assertEquals(accepted.venueOrderId(), position.get("ticket").asText(), "the position ticket is the opening order's ticket");
        final JsonNode deal = rig.terminal().deals().get(0);
        assertEquals(deal.get("ticket").asText(), fill.tradeId());
        assertEquals(position.get("ticket").asLong(), rig.session(ACC1).book().positions.keySet().iterator().next());
    }

    @Test
    void shouldRetryOnceAtTheNewPriceAfterARequoteWithinTheCollar()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.terminal().requoteNextDeal("XAUUSD.m", "2350.30", "2350.55");

        rig.orders().market(ACC1, "RQ1", GOLD, Side.BUY, "0.05");
        final Mt5Reports.Report fill = rig.reports().awaitReport("RQ1", ExecType.TRADE);

        assertEquals(px("2350.55"), fill.lastPrice());
        final List<JsonNode> requests = rig.terminal().orderRequests();
        assertEquals(2, requests.size(), requests::toString);
        assertEquals(0, new BigDecimal("2350.25").compareTo(requests.get(0).get("price").decimalValue()));
        assertEquals(0, new BigDecimal("2350.55").compareTo(requests.get(1).get("price").decimalValue()));
        assertEquals(List.of(ExecType.NEW, ExecType.TRADE),
            rig.reports().reports("RQ1").stream().map(Mt5Reports.Report::execType).collect(Collectors.toList()));
        assertEquals(1, rig.terminal().positions().size());
    }

    @Test
    void shouldRejectWithTheRetcodeNameWhenTheRequotedPriceIsBeyondTheCollar()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.terminal().requoteNextDeal("XAUUSD.m", "2351.00", "2351.25");

        rig.orders().market(ACC1, "RQ2", GOLD, Side.BUY, "0.05");
        final Mt5Reports.Report rejected = rig.reports().awaitReport("RQ2", ExecType.REJECTED);

        assertTrue(rejected.text().startsWith("REQUOTE (10004)"), rejected.text());
        assertTrue(rejected.text().contains("beyond the collar of 0.5 from 2350.25"), rejected.text());
        assertEquals(OrdStatus.REJECTED, rejected.ordStatus());
        assertEquals(1, rig.terminal().orderRequests().size(), "no retry outside the collar");
        assertEquals(0, rig.terminal().positions().size());
    }

    @Test
    void shouldRejectWithTheReasonWhenTheTerminalAnswersNoMoney()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.terminal().rejectNext(10019);

        rig.orders().market(ACC1, "NM1", GOLD, Side.SELL, "1");
        final Mt5Reports.Report rejected = rig.reports().awaitReport("NM1", ExecType.REJECTED);

        assertEquals("NO_MONEY (10019): forced by the test", rejected.text());
        assertEquals(1, rig.reports().reports("NM1").size(), rig.reports().reports("NM1")::toString);
        assertEquals(0, rig.terminal().positions().size());
    }

    @Test
    void shouldRejectLocallyAVolumeThatIsNotAMultipleOfTheStep()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();

        rig.orders().market(ACC1, "V1", GOLD, Side.BUY, "0.015");
        final Mt5Reports.Report rejected = rig.reports().awaitReport("V1", ExecType.REJECTED);

        assertTrue(rejected.text().startsWith("INVALID_VOLUME: 0.015 lots is not a multiple of volume_step 0.01"), rejected.text());
        assertEquals(0, rig.terminal().orderRequests().size());
    }

    @Test
    void shouldResolveATimedOutOrderThatFilledByReconciliationWithExactlyOnePosition()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.terminal().timeOutNext();

        rig.orders().market(ACC1, "T1", GOLD, Side.BUY, "0.20", "2340", null);
        rig.awaitThat("the terminal to execute the order", () -> rig.terminal().positions().size() == 1);
        rig.reports().drain();
        assertEquals(List.of(), rig.reports().reports("T1"), "no answer yet");

        rig.advanceMs(10_000);
        final Mt5Reports.Report unknown = rig.reports().awaitReport("T1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        assertTrue(unknown.text().contains("no answer within 10000 ms"), unknown.text());

        final Mt5Reports.Report fill = rig.reports().awaitReport("T1", ExecType.TRADE);
        rig.reports().drain();
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(px("0.2"), fill.cumQty());
        assertEquals(rig.terminal().deals().get(0).get("ticket").asText(), fill.tradeId());
        assertEquals(rig.terminal().deals().get(0).get("order").asText(), fill.venueOrderId());
        assertEquals(1, rig.reports().reports("T1").stream().filter((r) -> r.execType() == ExecType.TRADE).count());
        assertEquals(1, rig.terminal().orderRequests().size(), "never resent");
        assertEquals(1, rig.terminal().positions().size());
        assertEquals(1, rig.session(ACC1).book().positions.size());
    }

    @Test
    void shouldRejectAnOrderWhoseAnswerWasLostAndThatNeverExecuted()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.terminal().rejectNext(10031);

        rig.orders().market(ACC1, "C1", GOLD, Side.BUY, "0.10");
        final Mt5Reports.Report unknown = rig.reports().awaitReport("C1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        assertTrue(unknown.text().startsWith("CONNECTION (10031)"), unknown.text());

        final Mt5Reports.Report rejected = rig.reports().awaitReport("C1", ExecType.REJECTED);
        assertTrue(rejected.text().startsWith("reconciled: no order, deal or position"), rejected.text());
        assertEquals(0, rig.terminal().positions().size());
        assertEquals(1, rig.terminal().orderRequests().size());
    }

    @Test
    void shouldGoDownOnDisconnectAndReconcileMissedFillsBeforeSendingHeldOrders()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().limit(ACC1, "L1", GOLD, Side.BUY, "0.05", "2345");
        rig.reports().awaitReport("L1", ExecType.NEW);

        rig.terminal().disconnect();
        rig.reports().awaitStatus(GatewayState.DOWN, "reconnecting in 500 ms");
        rig.terminal().quote("XAUUSD.m", "2344.50", "2344.80");
        assertEquals(0, rig.terminal().pendingOrders().size(), "the limit filled while the gateway was away");
        rig.orders().market(ACC1, "M2", GOLD, Side.SELL, "0.05");
        rig.reports().drain();
        assertEquals(List.of(), rig.reports().reports("M2"), "held while the terminal is down");

        rig.advanceMs(500);
        final Mt5Reports.Report missed = rig.reports().awaitReport("L1", ExecType.TRADE);
        final Mt5Reports.Report held = rig.reports().awaitReport("M2", ExecType.TRADE);

        assertEquals(px("2345"), missed.lastPrice());
        assertEquals(OrdStatus.FILLED, missed.ordStatus());
        final List<Object> events = rig.reports().events();
        final int reconciling = indexOfStatus(events, GatewayState.RECONCILING, 1);
        final int up = indexOfStatus(events, GatewayState.UP, 1);
        assertTrue(reconciling < events.indexOf(missed) && events.indexOf(missed) < up, events::toString);
        assertTrue(up < events.indexOf(rig.reports().reports("M2").get(0)), "the held order is sent after reconciliation");
        assertEquals(px("2344.5"), held.lastPrice());
        assertEquals(2, rig.terminal().sessions());
        assertEquals(2, rig.session(ACC1).connectCount());
    }

    @Test
    void shouldCloseTheOldestOppositePositionByTicketOnAHedgingAccountAndNetOnANettingAccount()
    {
        rig = Mt5Rig.builder(driver, tempDir).account(ACC1, true).account("ACC2", false).launch();
        rig.awaitUp();
        final FakeTerminal hedging = rig.terminal(ACC1);
        final FakeTerminal netting = rig.terminal("ACC2");

        for (final String account : List.of(ACC1, "ACC2"))
        {
            rig.orders().market(account, account + "-B1", GOLD, Side.BUY, "0.10");
            rig.reports().awaitReport(account + "-B1", ExecType.TRADE);
            rig.orders().market(account, account + "-B2", GOLD, Side.BUY, "0.20");
            rig.reports().awaitReport(account + "-B2", ExecType.TRADE);
        }
        assertEquals(2, hedging.positions().size());
        assertEquals(1, netting.positions().size());
        final long oldest = hedging.positions().get(0).get("ticket").asLong();
        final long newest = hedging.positions().get(1).get("ticket").asLong();

        rig.orders().close(ACC1, "ACC1-S1", GOLD, Side.SELL, "0.10");
        final Mt5Reports.Report hedgedClose = rig.reports().awaitReport("ACC1-S1", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, hedgedClose.ordStatus());
        assertEquals(oldest, hedging.orderRequests().get(2).get("position").asLong());
        assertEquals(List.of(newest), hedging.positions().stream().map((p) -> p.get("ticket").asLong()).collect(Collectors.toList()));

        rig.orders().close("ACC2", "ACC2-S1", GOLD, Side.SELL, "0.10");
        rig.reports().awaitReport("ACC2-S1", ExecType.TRADE);
        assertEquals(1, netting.positions().size());
        assertEquals(0, new BigDecimal("0.2").compareTo(netting.positions().get(0).get("volume").decimalValue()));
        assertEquals("POSITION_TYPE_BUY", netting.positions().get(0).get("type").asText());

        rig.orders().close("ACC2", "ACC2-S2", GOLD, Side.SELL, "0.50");
        final Mt5Reports.Report nettingRest = rig.reports().awaitReport("ACC2-S2", ExecType.EXPIRED);
        assertTrue(nettingRest.text().contains("closed 0.2 of 0.5 lots"), nettingRest.text());
        assertEquals(px("0.2"), nettingRest.cumQty());
        assertEquals(0, netting.positions().size(), "a reduce-only order never opens a SELL");

        rig.orders().close(ACC1, "ACC1-S2", GOLD, Side.SELL, "0");
        final Mt5Reports.Report closeAll = rig.reports().awaitReport("ACC1-S2", ExecType.TRADE);
        assertEquals(px("0.2"), closeAll.cumQty());
        assertEquals(OrdStatus.FILLED, closeAll.ordStatus());
        assertEquals(0, hedging.positions().size());

        rig.orders().close(ACC1, "ACC1-S3", GOLD, Side.SELL, "0.10");
        final Mt5Reports.Report nothing = rig.reports().awaitReport("ACC1-S3", ExecType.REJECTED);
        assertEquals("reduce-only: no open BUY position on XAUUSD.m to close", nothing.text());
    }

    @Test
    void shouldMoveTheStopLossToBreakevenAndRefuseStopsOnTheWrongSide()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "BE1", GOLD, Side.BUY, "0.10", "2340", "2380");
        final Mt5Reports.Report fill = rig.reports().awaitReport("BE1", ExecType.TRADE);
        rig.terminal().quote("XAUUSD.m", "2356.00", "2356.25");

        rig.orders().amendStops(ACC1, "BE1", GOLD, Fixed.toString(fill.avgPrice()), null);
        final Mt5Reports.Report amended = rig.reports().awaitReport("BE1", ExecType.ORDER_STATUS);
        final long ticket = rig.terminal().positions().get(0).get("ticket").asLong();
        assertEquals("position " + ticket + ": sl=2350.25 tp=2380", amended.text());
        assertEquals(OrdStatus.FILLED, amended.ordStatus());
        final JsonNode position = rig.terminal().positions().get(0);
        assertEquals(0, new BigDecimal("2350.25").compareTo(position.get("sl").decimalValue()));
        assertEquals(0, new BigDecimal("2380").compareTo(position.get("tp").decimalValue()));
        final JsonNode sltp = rig.terminal().orderRequests().get(1);
        assertEquals("TRADE_ACTION_SLTP", sltp.get("action").asText());
        assertEquals(ticket, sltp.get("position").asLong());

        rig.orders().amendStops(ACC1, "BE1", GOLD, "2357", null);
        final Mt5Reports.Report refused = rig.reports().awaitReport("BE1", ExecType.CANCEL_REJECTED);
        assertTrue(refused.text().startsWith("amend rejected: INVALID_STOPS (10016)"), refused.text());
        assertEquals(0, new BigDecimal("2350.25").compareTo(rig.terminal().positions().get(0).get("sl").decimalValue()));
    }

    @Test
    void shouldRefuseAuthenticationWithTheWrongSecretWithoutEverSendingTheSecret()
    {
        rig = Mt5Rig.builder(driver, tempDir).gatewaySecret("a-different-secret-0123456789").launch();

        final GatewayStatusEvent down = rig.reports().awaitStatus(GatewayState.DOWN, "authentication failed");
        assertTrue(down.detail().contains("the terminal refused authentication: AUTH_FAILED"), down.detail());
        assertTrue(down.detail().contains("reconnecting in 500 ms"), down.detail());
        assertEquals(1, rig.terminal().authFailures());
        assertEquals(0, rig.terminal().sessions());
        assertFalse(rig.terminal().isConnected());

        rig.orders().market(ACC1, "A1", GOLD, Side.BUY, "0.10");
        rig.awaitThat("the gateway to take the order", () -> rig.harness().gateway().ordersAdapter().newOrderCount() == 1);
        rig.reports().drain();
        assertEquals(List.of(), rig.reports().reports("A1"), "held while the terminal is not ready");
        rig.advanceMs(5_000);
        final Mt5Reports.Report rejected = rig.reports().awaitReport("A1", ExecType.REJECTED);
        assertTrue(rejected.text().startsWith("MT5 account ACC1 is not ready"), rejected.text());
        assertEquals(0, rig.terminal().orderRequests().size());
        rig.reports().awaitStatus(GatewayState.DOWN, "reconnecting in 1000 ms");
        assertEquals(2, rig.terminal().authFailures(), "reconnects with a doubled backoff");
        for (final String line : rig.terminal().linesReceived())
        {
            assertFalse(line.contains("a-different-secret"), line);
            assertFalse(line.contains(Mt5Rig.SECRET), line);
        }
        assertTrue(rig.reports().statuses().stream().noneMatch((s) -> s.detail().contains("a-different-secret")));
    }

    @Test
    void shouldRefuseATerminalLoggedIntoAnotherAccount()
    {
        rig = Mt5Rig.builder(driver, tempDir).setting("sluice.mt5.account.ACC1.login", "9999").launch();

        rig.reports().awaitStatus(GatewayState.DOWN, "the terminal is logged into account 5001, not the configured 9999");
        rig.reports().drain();
        assertTrue(rig.terminal().linesReceived().stream().noneMatch((line) -> line.contains("\"req\"")),
            "nothing is asked of the wrong account: " + rig.terminal().linesReceived());
    }

    @Test
    void shouldRefuseATerminalThatCannotProveItHoldsTheSecret()
    {
        final Mt5Rig.Builder builder = Mt5Rig.builder(driver, tempDir);
        rig = builder.launchWith((terminal) -> terminal.impersonate());

        final GatewayStatusEvent down = rig.reports().awaitStatus(GatewayState.DOWN, "authentication failed");
        assertTrue(down.detail().contains("the terminal failed to prove it holds the shared secret"), down.detail());
        rig.reports().drain();
        assertTrue(rig.terminal().linesReceived().stream().noneMatch((line) -> line.contains("\"req\"")),
            "no command goes to an unauthenticated terminal: " + rig.terminal().linesReceived());
    }

    @Test
    void shouldReportAFillOnceWhenItsTransactionIsReplayedOrDuplicated()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().limit(ACC1, "P1", GOLD, Side.SELL, "0.30", "2352");
        rig.reports().awaitReport("P1", ExecType.NEW);

        rig.terminal().quote("XAUUSD.m", "2352.10", "2352.35");
        final Mt5Reports.Report fill = rig.reports().awaitReport("P1", ExecType.TRADE);
        assertEquals(px("2352"), fill.lastPrice());
        assertEquals(OrdStatus.FILLED, fill.ordStatus());

        rig.terminal().replayLastDeal(true);
        rig.terminal().replayLastDeal(false);
        rig.awaitThat("the replayed transaction to be seen", () -> rig.session(ACC1).duplicateEventCount() == 1);
        rig.terminal().quote("XAUUSD.m", "2352.00", "2352.25");
        rig.reports().await(MarketDataEvent.class, (m) -> m.bid() == px("2352"), "the quote after the replays");
        rig.reports().drain();

        assertEquals(1, rig.reports().reports("P1").stream().filter((r) -> r.execType() == ExecType.TRADE).count(),
            rig.reports().reports("P1")::toString);
        assertEquals(1, rig.terminal().positions().size());
        assertEquals(0, rig.session(ACC1).sequenceGapCount());
        assertEquals(0, rig.session(ACC1).protocolErrorCount());
    }

    @Test
    void shouldReportAStopLossHitAsAVenueInitiatedFillOnThePosition()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "SL1", GOLD, Side.BUY, "0.10", "2340", null);
        rig.reports().awaitReport("SL1", ExecType.TRADE);
        final long ticket = rig.terminal().positions().get(0).get("ticket").asLong();

        rig.terminal().hitStopLoss(ticket);
        final Mt5Reports.Report stop = rig.reports().await(Mt5Reports.Report.class,
            (r) -> r.clientOrderId().isEmpty() && r.execType() == ExecType.TRADE, "the stop-loss fill");

        assertEquals(Side.SELL, stop.side());
        assertEquals(px("0.1"), stop.lastQty());
        assertEquals(px("2340"), stop.lastPrice());
        assertEquals(GOLD, stop.symbol());
        assertEquals(ACC1, stop.account());
        assertEquals("venue-initiated DEAL_REASON_SL on position " + ticket + " opened by SL1", stop.text());
        assertEquals(0, rig.terminal().positions().size());
        rig.awaitThat("the position to be forgotten", () -> rig.session(ACC1).book().positions.isEmpty());
    }

    @Test
    void shouldCollapseOppositePositionsWithCloseByWhenAskedTo()
    {
        rig = Mt5Rig.builder(driver, tempDir).setting("sluice.mt5.netHedges", "true").launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "H1", GOLD, Side.BUY, "0.30");
        rig.reports().awaitReport("H1", ExecType.TRADE);
        rig.orders().market(ACC1, "H2", GOLD, Side.SELL, "0.10");
        rig.reports().awaitReport("H2", ExecType.TRADE);

        rig.awaitThat("the hedged pair to be closed by", () -> rig.terminal().positions().size() == 1);
        rig.reports().drain();
        final JsonNode closeBy = rig.terminal().orderRequests().get(2);
        assertEquals("TRADE_ACTION_CLOSE_BY", closeBy.get("action").asText());
        final JsonNode remaining = rig.terminal().positions().get(0);
        assertEquals("POSITION_TYPE_BUY", remaining.get("type").asText());
        assertEquals(0, new BigDecimal("0.2").compareTo(remaining.get("volume").decimalValue()));
        assertEquals(3, rig.terminal().orderRequests().size());
        assertEquals(4, rig.reports().reports().size(), "the close-by deals change no net position and are not reported: " +
            rig.reports().reports());
    }

    @Test
    void shouldModifyAndCancelARestingLimitOrder()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().limit(ACC1, "LM1", "EURUSD", Side.BUY, "1", "1.08");
        final Mt5Reports.Report accepted = rig.reports().awaitReport("LM1", ExecType.NEW);
        final JsonNode placed = rig.terminal().orderRequests().get(0);
        assertEquals("TRADE_ACTION_PENDING", placed.get("action").asText());
        assertEquals("ORDER_TYPE_BUY_LIMIT", placed.get("type").asText());
        assertEquals("ORDER_TIME_GTC", placed.get("type_time").asText());
        assertEquals(rig.terminal().pendingOrders().get(0).get("ticket").asText(), accepted.venueOrderId());

        rig.orders().amendStops(ACC1, "LM1", "EURUSD", "1.075", "1.09");
        final Mt5Reports.Report modified = rig.reports().awaitReport("LM1", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.NEW, modified.ordStatus());
        assertEquals("TRADE_ACTION_MODIFY", rig.terminal().orderRequests().get(1).get("action").asText());
        assertEquals(0, new BigDecimal("1.075").compareTo(rig.terminal().pendingOrders().get(0).get("sl").decimalValue()));

        rig.orders().cancel(ACC1, "LM1", "EURUSD");
        final Mt5Reports.Report canceled = rig.reports().awaitReport("LM1", ExecType.CANCELED);
        assertEquals(OrdStatus.CANCELED, canceled.ordStatus());
        assertEquals("TRADE_ACTION_REMOVE", rig.terminal().orderRequests().get(2).get("action").asText());
        assertEquals(0, rig.terminal().pendingOrders().size());

        rig.orders().cancel(ACC1, "LM1", "EURUSD");
        final Mt5Reports.Report again = rig.reports().awaitReport("LM1", ExecType.CANCEL_REJECTED);
        assertEquals("order is already CANCELED", again.text());
    }

    @Test
    void shouldRejectOrdersForUnknownAccountsAndUnmappedSymbolsAndDuplicateIds()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();

        rig.orders().market("NOPE", "U1", GOLD, Side.BUY, "0.10");
        assertEquals("unknown MT5 account 'NOPE'; accounts: [ACC1]", rig.reports().awaitReport("U1", ExecType.REJECTED).text());
        rig.orders().market(ACC1, "U2", "BTCUSD", Side.BUY, "0.10");
        assertTrue(rig.reports().awaitReport("U2", ExecType.REJECTED).text()
            .startsWith("symbol BTCUSD is not configured for MT5 account ACC1"));
        rig.orders().market(ACC1, "U3", GOLD, Side.BUY, "0.10");
        rig.reports().awaitReport("U3", ExecType.TRADE);
        rig.orders().market(ACC1, "U3", GOLD, Side.BUY, "0.10");
        rig.reports().await(Mt5Reports.Report.class, (r) -> r.clientOrderId().equals("U3") && r.execType() == ExecType.REJECTED,
            "the duplicate refused");
        assertEquals(1, rig.terminal().orderRequests().size(), "a duplicate client order id never reaches the terminal");
    }

    @Test
    void shouldBeDegradedWhileOneOfTwoTerminalsIsDownOrLacksASymbol()
    {
        rig = Mt5Rig.builder(driver, tempDir).account(ACC1, true).account("ACC2", false)
            .setting("sluice.mt5.account.ACC2.symbols", "XAUUSD:XAUUSD.m,BTCUSD").launch();
        rig.reports().await(GatewayStatusEvent.class, (s) -> s.state() == GatewayState.DEGRADED &&
            s.detail().contains("ACC1: ready") && s.detail().contains("not in the terminal: [BTCUSD]"),
            "DEGRADED: ACC1 ready, ACC2 ready without BTCUSD");

        rig.orders().market("ACC2", "D1", "BTCUSD", Side.BUY, "0.10");
        assertEquals("symbol BTCUSD is not available in the terminal of MT5 account ACC2",
            rig.reports().awaitReport("D1", ExecType.REJECTED).text());

        rig.terminal(ACC1).disconnect();
        final GatewayStatusEvent oneDown = rig.reports().awaitStatus(GatewayState.DEGRADED, "ACC1: the terminal closed the connection");
        assertTrue(oneDown.detail().contains("ACC2: ready"), oneDown.detail());
        rig.orders().market("ACC2", "D2", GOLD, Side.BUY, "0.10");
        rig.reports().awaitReport("D2", ExecType.TRADE);

        rig.terminal("ACC2").disconnect();
        rig.reports().awaitStatus(GatewayState.DOWN, "ACC2: the terminal closed the connection");
        rig.advanceMs(500);
        rig.reports().awaitStatus(GatewayState.DEGRADED, "ACC1: ready");
    }

    @Test
    void shouldReconcileWhatHappenedWhileNoGatewayRanWhenANewGatewayStarts()
    {
        final Mt5Rig first = Mt5Rig.builder(driver, tempDir).launch();
        final FakeTerminal terminal;
        final String marketTradeId;
        try
        {
            first.awaitUp();
            first.orders().market(ACC1, "R1", GOLD, Side.BUY, "0.10");
            marketTradeId = first.reports().awaitReport("R1", ExecType.TRADE).tradeId();
            first.orders().limit(ACC1, "R2", GOLD, Side.BUY, "0.20", "2348");
            first.reports().awaitReport("R2", ExecType.NEW);
            first.orders().limit(ACC1, "R3", GOLD, Side.BUY, "0.30", "2300");
            first.reports().awaitReport("R3", ExecType.NEW);
        }
        finally
        {
            terminal = first.stopGatewayKeepTerminals().get(ACC1);
        }
        terminal.quote("XAUUSD.m", "2347.50", "2347.75");
        final String missedTradeId = terminal.deals().get(1).get("ticket").asText();

        rig = Mt5Rig.builder(driver, tempDir).terminal(ACC1, terminal).launch();
        rig.awaitUp();

        final Mt5Reports.Report missed = rig.reports().awaitReport("R2", ExecType.TRADE);
        assertEquals(missedTradeId, missed.tradeId());
        assertEquals(px("2348"), missed.lastPrice());
        assertEquals(OrdStatus.FILLED, missed.ordStatus());
        assertEquals(marketTradeId, rig.reports().awaitReport("R1", ExecType.TRADE).tradeId(),
            "an earlier fill is reported again with its trade id, so the engine can tell it is not new");
        final Mt5Reports.Report resting = rig.reports().awaitReport("R3", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.NEW, resting.ordStatus());
        assertEquals(px("0.3"), resting.leavesQty());
        assertTrue(resting.text().startsWith("found resting at the terminal as order " + resting.venueOrderId()), resting.text());
        final GatewayStatusEvent up = rig.reports().statuses().get(rig.reports().statuses().size() - 1);
        assertTrue(up.detail().contains("2 position(s), 1 pending order(s), 2 recent deal(s)"), up.detail());

        rig.orders().cancel(ACC1, "R3", GOLD);
        rig.reports().awaitReport("R3", ExecType.CANCELED);
        rig.orders().close(ACC1, "R4", GOLD, Side.SELL, "0");
        final Mt5Reports.Report closed = rig.reports().awaitReport("R4", ExecType.TRADE);
        rig.reports().await(Mt5Reports.Report.class, (r) -> r.clientOrderId().equals("R4") && r.ordStatus() == OrdStatus.FILLED,
            "both positions closed");
        assertEquals(px("0.1"), closed.lastQty(), "the oldest position first");
        assertEquals(0, terminal.positions().size());
        terminal.close();
    }

    @Test
    void shouldAnswerStatusRequestsByMagicAndCommentAfterAFreshSnapshot()
    {
        final Mt5Rig first = Mt5Rig.builder(driver, tempDir).launch();
        final FakeTerminal terminal;
        try
        {
            first.awaitUp();
            first.orders().market(ACC1, "Q1", GOLD, Side.BUY, "0.10");
            first.reports().awaitReport("Q1", ExecType.TRADE);
            first.orders().limit(ACC1, "Q2", GOLD, Side.BUY, "0.20", "2300");
            first.reports().awaitReport("Q2", ExecType.NEW);
        }
        finally
        {
            terminal = first.stopGatewayKeepTerminals().get(ACC1);
        }
        rig = Mt5Rig.builder(driver, tempDir).terminal(ACC1, terminal).launch();
        rig.awaitUp();
        final int requestsBefore = terminal.orderRequests().size();

        rig.orders().statusRequest(ACC1, "Q1", GOLD, Side.BUY, "0.10");
        final Mt5Reports.Report filled = rig.reports().await(Mt5Reports.Report.class, (r) -> r.clientOrderId().equals("Q1") &&
            r.execType() == ExecType.ORDER_STATUS && r.text().startsWith("reconciled"), "answer about Q1");
        assertEquals(OrdStatus.FILLED, filled.ordStatus());
        assertEquals(px("0.1"), filled.cumQty());

        rig.orders().statusRequest(ACC1, "Q2", GOLD, Side.BUY, "0.20");
        final Mt5Reports.Report resting = rig.reports().await(Mt5Reports.Report.class, (r) -> r.clientOrderId().equals("Q2") &&
            r.execType() == ExecType.ORDER_STATUS && r.text().startsWith("reconciled"), "answer about Q2");
        assertEquals(OrdStatus.NEW, resting.ordStatus());
        assertEquals(px("0.2"), resting.leavesQty());

        rig.orders().statusRequest(ACC1, "QX", GOLD, Side.SELL, "0.10");
        assertEquals(OrdStatus.NOT_FOUND, rig.reports().awaitReport("QX", ExecType.ORDER_STATUS).ordStatus());
        rig.orders().statusRequest("NOSUCH", "QY", GOLD, Side.SELL, "0.10");
        assertEquals(OrdStatus.NOT_FOUND, rig.reports().awaitReport("QY", ExecType.ORDER_STATUS).ordStatus());
        assertEquals(requestsBefore, terminal.orderRequests().size(), "asking sent no order");
        terminal.close();
    }

    private static int indexOfStatus(final List<Object> events, final GatewayState state, final int occurrence)
    {
        int seen = 0;
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i) instanceof GatewayStatusEvent && ((GatewayStatusEvent)events.get(i)).state() == state &&
                !((GatewayStatusEvent)events.get(i)).detail().isEmpty() && seen++ == occurrence)
            {
                return i;
            }
        }
        throw new AssertionError("no GatewayStatus " + state + " #" + occurrence + " in " + events);
    }

    private static long px(final String decimal)
    {
        return Fixed.parse(decimal);
    }
}
