package io.sluice.gateway.india;

import io.sluice.gateway.india.fake.FakeBroker;
import io.sluice.gateway.india.fake.FakeKite;
import io.sluice.gateway.india.fake.FakeOrder;
import io.sluice.gateway.india.kite.KiteApi;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zerodha Kite through the whole gateway: Aeron orders in, the real HTTP client against a fake Kite Connect that checks
 * form encoding, headers and checksums, execution reports out.
 */
class KiteGatewayTest
{
    private static final String API_KEY = "kitefront";
    private static final String API_SECRET = "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj";
    private static final String SECRETS = "ACC1.apiSecret=" + API_SECRET + "\nACC1.requestToken=rt-1\n";
    private static final String CALL = "NIFTY04JAN2421750CE";

    @TempDir
    static Path driverDir;

    @TempDir
    Path dir;

    private static EmbeddedMediaDriver driver;

    private final OffsetClock clock = new OffsetClock(IndiaHarness.START_NS);
    private FakeKite kite;
    private IndiaHarness harness;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(driverDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @AfterEach
    void close()
    {
        if (harness != null)
        {
            harness.close();
        }
        if (kite != null)
        {
            kite.close();
        }
    }

    @Test
    void shouldLogInWithTheChecksumSyncInstrumentsThenPlaceAcknowledgeAndFill() throws Exception
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        final FakeBroker.Recorded login = kite.requests("POST", "/session/token").get(0);
        assertTrue(login.contentType().startsWith("application/x-www-form-urlencoded"), login.contentType());
        assertTrue(login.body().contains("checksum=" + KiteApi.sessionChecksum(API_KEY, "rt-1", API_SECRET)), login.body());

        final List<InstrumentDefinitionEvent> instruments = reports.ofType(InstrumentDefinitionEvent.class);
        assertEquals(41 * 2 * 2 + 2, instruments.size());
        final InstrumentDefinitionEvent call = instruments.stream().filter((i) -> i.symbol().equals(CALL)).findFirst().orElseThrow();
        assertEquals("NIFTY2410421750CE", call.venueSymbol());
        assertEquals(Fixed.parse("0.05"), call.tickSize());
        assertEquals(Fixed.of(50), call.lotSize());
        assertEquals(Fixed.of(1800), call.freezeQty());
        assertEquals("NIFTY", call.underlying());
        assertEquals("CE", call.kind());
        assertEquals(20240104, call.expiryDate());
        assertEquals(Fixed.of(21750), call.strike());
        assertEquals("NFO", call.segment());
        assertEquals(20240101, call.syncDate(), "the trading day of the master");
        final Path csv = dir.resolve("data").resolve("instrument_tokens-kite-2024-01-01.csv");
        Await.until("snapshot CSV", harness::step, () -> Files.exists(csv));
        assertEquals(166, harness.venue().instrumentSnapshot().instruments().size());

        harness.market("ABCDEFGHJK001", CALL, Side.BUY, "50");
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("ABCDEFGHJK001", ExecType.NEW);
        final FakeOrder booked = kite.order("ABCDEFGHJK001");
        assertEquals(booked.id, acknowledged.venueOrderId());
        assertEquals(OrdStatus.NEW, acknowledged.ordStatus());
        assertEquals(Fixed.of(50), acknowledged.leavesQty());
        assertEquals(CALL, acknowledged.symbol());

        final Map<String, String> form = form(kite.requests("POST", "/orders/regular").get(0).body());
        assertEquals("NIFTY2410421750CE", form.get("tradingsymbol"));
        assertEquals("NFO", form.get("exchange"));
        assertEquals("BUY", form.get("transaction_type"));
        assertEquals("MARKET", form.get("order_type"));
        assertEquals("50", form.get("quantity"));
        assertEquals("NRML", form.get("product"), "the default product");
        assertEquals("DAY", form.get("validity"));
        assertEquals("ABCDEFGHJK001", form.get("tag"));
        assertFalse(form.containsKey("price"));

        kite.fill("ABCDEFGHJK001", "102.35");
        final ExecutionReportEvent fill = reports.awaitExecutionReport("ABCDEFGHJK001", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.of(50), fill.lastQty());
        assertEquals(Fixed.parse("102.35"), fill.lastPrice());
        assertEquals(Fixed.of(50), fill.cumQty());
        assertEquals(0, fill.leavesQty());
        assertEquals(Fixed.parse("102.35"), fill.avgPrice());

        final AccountUpdateEvent funds = reports.await(AccountUpdateEvent.class, (a) -> a.account().equals("ACC1"), "funds");
        assertEquals("INR", funds.currency());
        assertEquals(Fixed.parse("99725.05"), funds.marginAvailable());
        assertEquals(Fixed.parse("274.95"), funds.marginUsed());
        final MarketDataEvent nifty = reports.await(MarketDataEvent.class, (m) -> m.symbol().equals("NIFTY"), "NIFTY quote");
        assertEquals(Fixed.parse("21741.9"), nifty.last());
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldMapRejectionsToRejectedReportsWithTheBrokersReason()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        kite.rejectNextPlace("Insufficient funds. Required margin is 95417.84 but available margin is 74251.80.");
        harness.newOrder("REJECTED00001", CALL, Side.BUY, OrdType.LIMIT, "50", "101.05", null, Product.MIS);
        final ExecutionReportEvent refused = reports.awaitExecutionReport("REJECTED00001", ExecType.REJECTED);
        assertEquals("BROKER_REJECTED: kite MarginException: Insufficient funds. Required margin is 95417.84 but available margin is " +
            "74251.80.", refused.text());
        assertEquals(OrdStatus.REJECTED, refused.ordStatus());

        harness.market("RMSREJECTED01", CALL, Side.SELL, "100");
        reports.awaitExecutionReport("RMSREJECTED01", ExecType.NEW);
        kite.rmsReject("RMSREJECTED01", "RMS:Margin Exceeds,Required:1200, Available:10");
        final ExecutionReportEvent rms = reports.awaitExecutionReport("RMSREJECTED01", ExecType.REJECTED);
        assertEquals("BROKER_REJECTED: RMS:Margin Exceeds,Required:1200, Available:10", rms.text());

        harness.market("RMSREJECTED01", CALL, Side.BUY, "50");
        assertEquals("DUPLICATE_ORDER_ID: RMSREJECTED01 was already sent to kite today; not placed again", reports.await(
            ExecutionReportEvent.class, (e) -> e.text().startsWith("DUPLICATE_ORDER_ID"), "duplicate refused").text());

        harness.market("BADLOT0000001", CALL, Side.BUY, "75");
        assertTrue(reports.awaitExecutionReport("BADLOT0000001", ExecType.REJECTED).text()
            .startsWith("INVALID_ORDER: quantity 75 is not a multiple of the lot size 50"));
        assertEquals(2, kite.placeCount(), "the bad lot never reached the broker");
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldRejectAnUnknownSymbolNamingWhatWasLookedUp()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        harness.market("UNKNOWN000001", "NIFTY04JAN2421775CE", Side.BUY, "50");
        final ExecutionReportEvent refused = reports.awaitExecutionReport("UNKNOWN000001", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("UNKNOWN_SYMBOL: NIFTY04JAN2421775CE (NIFTY 2024-01-04 21775 CE) is not in the kite " +
            "instruments of 2024-01-01"), refused.text());
        assertEquals(0, kite.placeCount());

        harness.market("OFFSETATM0001", "NIFTY:CUR:OTM2:PE", Side.BUY, "50");
        reports.awaitExecutionReport("OFFSETATM0001", ExecType.NEW);
        assertEquals("NIFTY2410421650PE", kite.order("OFFSETATM0001").symbol, "OTM2 put below the 21750 ATM of last 21741.9");
    }

    @Test
    void shouldTreatATokenExceptionAsAnExpiredSessionUntilTheOperatorSuppliesANewToken()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        kite.expireToken();
        harness.market("EXPIRED000001", CALL, Side.BUY, "50");
        final ExecutionReportEvent refused = reports.awaitExecutionReport("EXPIRED000001", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("SESSION_EXPIRED: kite account ACC1: kite TokenException"), refused.text());
        final GatewayStatusEvent degraded = reports.awaitStatus(GatewayState.DEGRADED);
        assertTrue(degraded.detail().contains("login required: log in at https://kite.zerodha.com/connect/login?v=3&api_key=kitefront"),
            degraded.detail());
        assertFalse(degraded.detail().contains(API_SECRET));
        assertFalse(degraded.detail().contains("rt-1"));

        harness.market("EXPIRED000002", CALL, Side.BUY, "50");
        assertTrue(reports.awaitExecutionReport("EXPIRED000002", ExecType.REJECTED).text().startsWith("SESSION_EXPIRED: kite account ACC1"));
        assertEquals(1, kite.requests("POST", "/orders/").size(), "no order is sent while the session is expired, and none is retried");

        reports.clear();
        harness.writeSecrets("ACC1.apiSecret=" + API_SECRET + "\nACC1.requestToken=rt-2\n");
        reports.awaitStatus(GatewayState.UP);
        harness.market("RENEWED000001", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("RENEWED000001", ExecType.NEW);
        assertEquals(2, kite.requests("POST", "/session/token").size());
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldResolveALostPlaceAnswerByTagAndNeverSendTheOrderTwice()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        kite.dropNextPlaceAnswer();
        harness.market("LOSTANSWER001", CALL, Side.BUY, "50");
        final ExecutionReportEvent unknown = reports.awaitExecutionReport("LOSTANSWER001", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        assertTrue(unknown.text().startsWith("PLACE_UNKNOWN: "), unknown.text());
        final ExecutionReportEvent resolved = reports.awaitExecutionReport("LOSTANSWER001", ExecType.NEW);
        assertEquals(kite.order("LOSTANSWER001").id, resolved.venueOrderId());
        kite.fill("LOSTANSWER001", "99.5");
        assertEquals(OrdStatus.FILLED, reports.awaitExecutionReport("LOSTANSWER001", ExecType.TRADE).ordStatus());

        kite.answerNextPlaceLate(1_500);
        harness.market("LATEANSWER001", CALL, Side.SELL, "50");
        reports.awaitExecutionReport("LATEANSWER001", ExecType.NEW);

        assertEquals(2, kite.placeCount(), "exactly one place per order");
        assertEquals(2, kite.orders().size());
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldReportAPlaceThatNeverReachedTheBrokerAsUnconfirmedWithoutResending()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        kite.loseNextPlace();
        harness.market("NEVERARRIVED1", CALL, Side.BUY, "50");
        final ExecutionReportEvent refused = reports.awaitExecutionReport("NEVERARRIVED1", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("PLACE_UNCONFIRMED: no order tagged NEVERARRIVED1 at kite after 3 lookups"), refused.text());
        assertEquals(1, kite.placeCount());
        assertEquals(List.of(), kite.orders());
    }

    @Test
    void shouldSliceAboveTheFreezeQuantityAndReportTheOrderAsAWhole()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        harness.market("SLICED0000001", CALL, Side.BUY, "3700");
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("SLICED0000001", ExecType.NEW);
        assertEquals(Fixed.of(3700), acknowledged.leavesQty());
        assertEquals("sliced into 3 orders at the freeze quantity", acknowledged.text());
        Await.until("three slices at the broker", harness::step, () -> kite.orders().size() == 3, kite::orders);
        assertEquals(List.of("SLICED0000001S01", "SLICED0000001S02", "SLICED0000001S03"),
            kite.orders().stream().map((o) -> o.tag).collect(java.util.stream.Collectors.toList()));
        assertEquals(List.of(1800L, 1800L, 100L), kite.orders().stream().map((o) -> o.quantity).collect(java.util.stream.Collectors.toList()));

        kite.fill("SLICED0000001S01", "100");
        reports.await(ExecutionReportEvent.class, (e) -> e.clientOrderId().equals("SLICED0000001") && e.cumQty() == Fixed.of(1800), "1800");
        kite.fill("SLICED0000001S02", "101");
        kite.fill("SLICED0000001S03", "102");
        final ExecutionReportEvent filled = reports.await(ExecutionReportEvent.class,
            (e) -> e.clientOrderId().equals("SLICED0000001") && e.ordStatus() == OrdStatus.FILLED, "FILLED");
        assertEquals(Fixed.of(3700), filled.cumQty());
        // (1800 * 100 + 1800 * 101 + 100 * 102) / 3700
        assertEquals(Fixed.parse("100.54054054"), filled.avgPrice());
        final List<ExecutionReportEvent> all = reports.executionReports("SLICED0000001");
        assertEquals(1, all.stream().filter((e) -> e.execType() == ExecType.NEW).count());
        assertTrue(all.stream().allMatch((e) -> e.venueOrderId().equals(kite.order("SLICED0000001S01").id)), all::toString);
        assertEquals(3, kite.placeCount());
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldReportOrdersOfAPreviousRunBeforeAcceptingNewOnes()
    {
        kite = new FakeKite(API_KEY, API_SECRET, clock::epochMillis);
        final FakeOrder previous = new FakeOrder("240101000000777", "PREVRUN000001", "NIFTY2410421750CE", "", "NFO", "SELL", "NRML",
            "regular", "MARKET", "DAY", 50, BigDecimal.ZERO, BigDecimal.ZERO);
        previous.status = FakeOrder.Status.COMPLETE;
        previous.filled = 50;
        previous.averagePrice = new BigDecimal("99.5");
        kite.addOrder(previous);
        final FakeOrder manual = new FakeOrder("240101000000778", "", "NIFTY2410421750CE", "", "NFO", "BUY", "NRML",
            "regular", "MARKET", "DAY", 50, BigDecimal.ZERO, BigDecimal.ZERO);
        kite.addOrder(manual);
        harness = IndiaHarness.launch(driver, "kite", dir, clock, settings(Map.of()), SECRETS);
        final IndiaReports reports = harness.reports();
        // The engine re-sends the order while the gateway is still reconciling: it must not reach the broker again.
        harness.market("PREVRUN000001", CALL, Side.SELL, "50");
        final GatewayStatusEvent up = reports.awaitStatus(GatewayState.UP);

        final ExecutionReportEvent fill = reports.awaitExecutionReport("PREVRUN000001", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.of(50), fill.cumQty());
        assertEquals(Fixed.parse("99.5"), fill.avgPrice());
        assertEquals(Side.SELL, fill.side());
        assertEquals(CALL, fill.symbol(), "reported with the canonical symbol");
        assertEquals("240101000000777", fill.venueOrderId());
        final List<Object> events = reports.events();
        assertTrue(events.indexOf(fill) < events.indexOf(up), "differences are reported before the account accepts orders");
        assertTrue(reports.await(ExecutionReportEvent.class, (e) -> e.execType() == ExecType.REJECTED, "duplicate refused").text()
            .startsWith("DUPLICATE_ORDER_ID: PREVRUN000001"));
        assertEquals(0, kite.placeCount());
        assertEquals(List.of("PREVRUN000001"), reports.ofType(ExecutionReportEvent.class).stream()
            .map(ExecutionReportEvent::clientOrderId).distinct().collect(java.util.stream.Collectors.toList()), "untagged orders are not ours");
    }

    @Test
    void shouldApplyOnlyPostbacksWithAValidChecksum()
    {
        start(Map.of("sluice.kite.postbackPort", "0", "sluice.kite.pollIntervalMs", "600000"));
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        final String url = "http://127.0.0.1:" + ((KiteApi)harness.venue().broker()).postbacks().port() + "/kite/postback";

        kite.postbacksTo(url, false);
        placeAndLetThePollPass("POSTBACK00001");
        kite.fill("POSTBACK00001", "101.5");
        assertEquals(Fixed.parse("101.5"), reports.awaitExecutionReport("POSTBACK00001", ExecType.TRADE).lastPrice());
        assertEquals(1, ((KiteApi)harness.venue().broker()).postbacks().accepted());

        kite.postbacksTo(url, true);
        placeAndLetThePollPass("POSTBACK00002");
        kite.fill("POSTBACK00002", "101.5");
        assertEquals(List.of("postback of " + kite.order("POSTBACK00002").id + " answered 403"), kite.postbackFailures());
        reports.settle(200);
        assertTrue(reports.executionReports("POSTBACK00002").stream().noneMatch((e) -> e.execType() == ExecType.TRADE));
        assertEquals(1, ((KiteApi)harness.venue().broker()).postbacks().refused());
    }

    @Test
    void shouldAmendAndCancelAWorkingOrder()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        harness.newOrder("AMENDME000001", CALL, Side.BUY, OrdType.LIMIT, "100", "100.05", null, Product.MIS);
        reports.awaitExecutionReport("AMENDME000001", ExecType.NEW);
        harness.amend("AMENDME000001", CALL, null, "101.1");
        final ExecutionReportEvent amended = reports.await(ExecutionReportEvent.class,
            (e) -> e.clientOrderId().equals("AMENDME000001") && e.text().startsWith("AMENDED"), "AMENDED");
        assertEquals(OrdStatus.NEW, amended.ordStatus());
        assertEquals(new BigDecimal("101.1"), kite.order("AMENDME000001").price);
        final Map<String, String> modify = form(kite.requests("PUT", "/orders/regular/").get(0).body());
        assertEquals("101.1", modify.get("price"));
        assertEquals("100", modify.get("quantity"));

        harness.amend("AMENDME000001", CALL, null, "101.12");
        assertTrue(reports.await(ExecutionReportEvent.class, (e) -> e.text().startsWith("AMEND_REJECTED"), "bad tick").text()
            .contains("not a multiple of the tick 0.05"));

        harness.cancel("AMENDME000001", CALL);
        final ExecutionReportEvent canceled = reports.awaitExecutionReport("AMENDME000001", ExecType.CANCELED);
        assertEquals(OrdStatus.CANCELED, canceled.ordStatus());
        assertEquals(FakeOrder.Status.CANCELLED, kite.order("AMENDME000001").status);
        assertEquals("MIS", kite.order("AMENDME000001").product);
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldRefreshInstrumentsAndSessionsInTheMorningJobAndCleanOnlyOldSnapshots() throws Exception
    {
        final Path data = Files.createDirectories(dir.resolve("data"));
        final Path old = Files.writeString(data.resolve("instrument_tokens-kite-2023-12-01.csv"), "old");
        final Path recent = Files.writeString(data.resolve("instrument_tokens-kite-2023-12-30.csv"), "recent");
        final Path otherVenue = Files.writeString(data.resolve("instrument_tokens-dhan-2023-12-01.csv"), "not ours");
        final Path notes = Files.writeString(data.resolve("notes.txt"), "operator notes");
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        assertEquals(1, kite.requests("GET", "/instruments").size());
        assertTrue(Files.exists(old), "nothing is cleaned outside the window");

        // 05:30 IST now: the job runs at 08:15 IST, inside the 08:00-09:15 cleanup window; a token broker's session is
        // re-checked by reconciling.
        clock.jump(2 * 60 + 46, TimeUnit.MINUTES);
        Await.until("second master download", harness::step, () -> kite.requests("GET", "/instruments").size() == 2);
        Await.until("second reconciliation", harness::step, () -> kite.requests("GET", "/portfolio/positions").size() == 2);
        Await.until("old snapshot deleted", harness::step, () -> !Files.exists(old));
        assertTrue(Files.exists(recent), "kept for " + 7 + " days");
        assertTrue(Files.exists(otherVenue));
        assertTrue(Files.exists(notes));
        assertEquals(1, kite.requests("POST", "/session/token").size(), "the request token is used once");
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldPlaceAfterMarketOrdersOutsideMarketHoursWhenEnabled()
    {
        start(Map.of("sluice.kite.amoOutsideMarketHours", "true"));
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        // 05:30 IST is before the 09:15-15:30 session.
        harness.newOrder("AFTERMARKET01", CALL, Side.BUY, OrdType.LIMIT, "50", "90", null, Product.NRML);
        reports.awaitExecutionReport("AFTERMARKET01", ExecType.NEW);
        assertEquals(1, kite.requests("POST", "/orders/amo").size());
        assertEquals("amo", kite.order("AFTERMARKET01").variety);
        harness.cancel("AFTERMARKET01", CALL);
        reports.awaitExecutionReport("AFTERMARKET01", ExecType.CANCELED);
        assertEquals(1, kite.requests("DELETE", "/orders/amo/").size());
        assertEquals(List.of(), kite.violations());
    }

    @Test
    void shouldReconcileAfterTheBrokerWasUnreachableBeforeTakingNewOrders()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        harness.newOrder("BEFOREOUTAGE1", CALL, Side.BUY, OrdType.LIMIT, "50", "90", null, Product.NRML);
        reports.awaitExecutionReport("BEFOREOUTAGE1", ExecType.NEW);

        kite.dropReads(6);
        kite.fill("BEFOREOUTAGE1", "90");
        final GatewayStatusEvent reconciling = reports.await(GatewayStatusEvent.class,
            (s) -> s.state() == GatewayState.RECONCILING && s.detail().contains("connection failure"), "RECONCILING after the outage");
        assertTrue(reconciling.detail().contains("ACC1"), reconciling.detail());
        harness.market("DURINGOUTAGE1", CALL, Side.BUY, "50");

        final ExecutionReportEvent missedFill = reports.awaitExecutionReport("BEFOREOUTAGE1", ExecType.TRADE);
        final ExecutionReportEvent next = reports.awaitExecutionReport("DURINGOUTAGE1", ExecType.NEW);
        final List<Object> events = reports.events();
        assertTrue(events.indexOf(missedFill) < events.indexOf(next), "the missed fill is reported before the next order is taken");
        assertEquals(2, kite.placeCount());
        assertEquals(List.of(), kite.violations());
    }

    private void placeAndLetThePollPass(final String clientOrderId)
    {
        final int polls = kite.requests("GET", "/orders").size();
        harness.market(clientOrderId, CALL, Side.BUY, "50");
        harness.reports().awaitExecutionReport(clientOrderId, ExecType.NEW);
        // Answered, not only received: a fill after this is not in that poll's answer.
        Await.until("the poll after the place", harness::step, () -> kite.answered("GET", "/orders").size() > polls);
        harness.reports().settle(50);
    }

    @Test
    void shouldPublishTheLastPricesOfTheOptionsAroundAtmFromTheLtpEndpoint()
    {
        start(Map.of("sluice.kite.marketHours", "00:00-23:59", "sluice.kite.optionQuoteIntervalMs", "200"));
        harness.reports().awaitStatus(GatewayState.UP);
        OptionLtp.assertAtmOptionsQuoted(harness.reports(), kite, true);
    }

    @Test
    void shouldAlsoPollTheLastPriceOfAnOptionWithAnOpenOrderFarFromAtm()
    {
        start(Map.of("sluice.kite.marketHours", "00:00-23:59", "sluice.kite.optionQuoteIntervalMs", "200"));
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        final String far = "NIFTY04JAN2422500CE";
        kite.instrumentLast("NFO:NIFTY2410422500CE", "3.1");
        harness.newOrder("FARSTRIKE0001", far, Side.BUY, OrdType.LIMIT, "50", "2.5", null, Product.NRML);
        reports.awaitExecutionReport("FARSTRIKE0001", ExecType.NEW);

        final MarketDataEvent quote = reports.await(MarketDataEvent.class, (m) -> m.symbol().equals(far), far + " priced while its order works");
        assertEquals(Fixed.parse("3.1"), quote.last());
        assertEquals(List.of(), kite.violations());
    }

    private void start(final Map<String, String> overrides)
    {
        kite = new FakeKite(API_KEY, API_SECRET, clock::epochMillis);
        harness = IndiaHarness.launch(driver, "kite", dir, clock, settings(overrides), SECRETS);
    }

    @Test
    void shouldAnswerTheEnginesStatusRequestsFromTheOrderBookByTag()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        harness.market("RECONK0000001", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("RECONK0000001", ExecType.NEW);
        kite.fill("RECONK0000001", "102.35");
        reports.awaitExecutionReport("RECONK0000001", ExecType.TRADE);
        // Placed with our tag by an earlier run whose answer this gateway never saw.
        final FakeOrder unseen = new FakeOrder("240101000000901", "UNSEEN0000001", "NIFTY2410421750CE", "", "NFO", "SELL", "NRML",
            "regular", "MARKET", "DAY", 50, BigDecimal.ZERO, BigDecimal.ZERO);
        unseen.status = FakeOrder.Status.COMPLETE;
        unseen.filled = 50;
        unseen.averagePrice = new BigDecimal("101.5");
        kite.addOrder(unseen);

        harness.statusRequest("RECONK0000001", CALL, Side.BUY, "50");
        final ExecutionReportEvent tracked = reports.awaitExecutionReport("RECONK0000001", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.FILLED, tracked.ordStatus());
        assertEquals(Fixed.of(50), tracked.cumQty());
        assertEquals(Fixed.parse("102.35"), tracked.avgPrice());
        assertEquals(kite.order("RECONK0000001").id, tracked.venueOrderId());

        harness.statusRequest("UNSEEN0000001", CALL, Side.SELL, "50");
        final ExecutionReportEvent adopted = reports.await(ExecutionReportEvent.class, (e) -> e.clientOrderId().equals("UNSEEN0000001") &&
            e.execType() == ExecType.ORDER_STATUS && e.text().startsWith("reconciled"), "answer about UNSEEN0000001");
        assertEquals(OrdStatus.FILLED, adopted.ordStatus());
        assertEquals(Fixed.of(50), adopted.cumQty());
        assertEquals(Fixed.parse("101.5"), adopted.avgPrice());
        assertEquals("240101000000901", adopted.venueOrderId());

        harness.statusRequest("NEVERSENT0001", CALL, Side.BUY, "50");
        assertEquals(OrdStatus.NOT_FOUND, reports.awaitExecutionReport("NEVERSENT0001", ExecType.ORDER_STATUS).ordStatus());
        assertEquals(1, kite.placeCount(), "asking placed nothing");
        assertEquals(List.of(), kite.violations());
    }

    private Map<String, String> settings(final Map<String, String> overrides)
    {
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.kite.baseUrl", kite.baseUrl());
        settings.put("sluice.kite.instrumentsUrl", kite.instrumentsUrl());
        settings.put("sluice.kite.ACC1.apiKey", API_KEY);
        settings.put("sluice.kite.ACC1.userId", "AB1234");
        settings.putAll(overrides);
        return settings;
    }

    static Map<String, String> form(final String body)
    {
        final Map<String, String> fields = new HashMap<>();
        for (final String pair : body.split("&"))
        {
            final int equals = pair.indexOf('=');
            fields.put(java.net.URLDecoder.decode(pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return fields;
    }
}
