package io.sluice.gateway.india;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.fake.FakeAngel;
import io.sluice.gateway.india.fake.FakeBroker;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayStatusEvent;
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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Angel One SmartAPI through the whole gateway against a fake that checks its headers, string-typed JSON bodies,
 * scrip-master tokens and the RFC 6238 TOTP of the login.
 */
class AngelGatewayTest
{
    private static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String SECRETS = "ACC1.apiKey=smartkey\nACC1.password=4321\nACC1.totpSecret=" + TOTP_SECRET + "\n";
    private static final String CALL = "NIFTY04JAN2421750CE";

    @TempDir
    static Path driverDir;

    @TempDir
    Path dir;

    private static EmbeddedMediaDriver driver;

    private final OffsetClock clock = new OffsetClock(IndiaHarness.START_NS);
    private FakeAngel angel;
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
        if (angel != null)
        {
            angel.close();
        }
    }

    @Test
    void shouldLogInWithPasswordAndTotpThenPlaceAcknowledgeAndFill()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        final JsonNode login = json(angel.requests("POST", "/rest/auth/angelbroking/user/v1/loginByPassword").get(0));
        assertEquals("A123456", login.path("clientcode").asText());
        final long seconds = TimeUnit.MILLISECONDS.toSeconds(clock.epochMillis());
        assertTrue(List.of(Totp.code(TOTP_SECRET, seconds), Totp.code(TOTP_SECRET, seconds - 30)).contains(login.path("totp").asText()));

        harness.market("ANGEL00000001", CALL, Side.BUY, "50");
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("ANGEL00000001", ExecType.NEW);
        assertEquals(angel.order("ANGEL00000001").id, acknowledged.venueOrderId());
        final JsonNode place = json(angel.requests("POST", "/rest/secure/angelbroking/order/v1/placeOrder").get(0));
        assertEquals("NORMAL", place.path("variety").asText());
        assertEquals("NIFTY04JAN2421750CE", place.path("tradingsymbol").asText());
        assertEquals("35213", place.path("symboltoken").asText());
        assertEquals("NFO", place.path("exchange").asText());
        assertEquals("MARKET", place.path("ordertype").asText());
        assertEquals("CARRYFORWARD", place.path("producttype").asText());
        assertEquals("DAY", place.path("duration").asText());
        assertEquals("0", place.path("price").asText());
        assertEquals("50", place.path("quantity").asText());
        assertEquals("ANGEL00000001", place.path("ordertag").asText());

        angel.fill("ANGEL00000001", "88.4");
        final ExecutionReportEvent fill = reports.awaitExecutionReport("ANGEL00000001", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.parse("88.4"), fill.lastPrice());
        final AccountUpdateEvent funds = reports.await(AccountUpdateEvent.class, (a) -> true, "funds");
        assertEquals(Fixed.parse("150000"), funds.marginAvailable());
        assertEquals(Fixed.parse("160000"), funds.balance());
        assertEquals(List.of(), angel.violations());
    }

    @Test
    void shouldSendStopOrdersAsTheStoplossVarietyAndMapRejections()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        harness.newOrder("ANGELSTOP0001", CALL, Side.SELL, OrdType.STOP_LIMIT, "100", "80", "80.5", Product.MIS);
        reports.awaitExecutionReport("ANGELSTOP0001", ExecType.NEW);
        final JsonNode stop = json(angel.requests("POST", "/rest/secure/angelbroking/order/v1/placeOrder").get(0));
        assertEquals("STOPLOSS", stop.path("variety").asText());
        assertEquals("STOPLOSS_LIMIT", stop.path("ordertype").asText());
        assertEquals("80.5", stop.path("triggerprice").asText());
        assertEquals("INTRADAY", stop.path("producttype").asText());

        angel.rejectNextPlace("Your order has been rejected due to Insufficient Funds. Available funds - Rs. 937.00");
        harness.market("ANGELREJECT01", CALL, Side.BUY, "50");
        assertEquals("BROKER_REJECTED: angel AB4036: Your order has been rejected due to Insufficient Funds. Available funds - Rs. 937.00",
            reports.awaitExecutionReport("ANGELREJECT01", ExecType.REJECTED).text());

        harness.cancel("ANGELSTOP0001", CALL);
        assertEquals(OrdStatus.CANCELED, reports.awaitExecutionReport("ANGELSTOP0001", ExecType.CANCELED).ordStatus());
        assertEquals(List.of(), angel.violations());
    }

    @Test
    void shouldRefuseTheOrderThatMetAnExpiredJwtThenRenewTheSessionWithTheRefreshToken()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        angel.expireToken();
        harness.market("ANGELEXPIRED1", CALL, Side.BUY, "50");
        final ExecutionReportEvent refused = reports.awaitExecutionReport("ANGELEXPIRED1", ExecType.REJECTED);
        assertEquals("SESSION_EXPIRED: angel account ACC1: angel AG8001: Invalid Token", refused.text());
        reports.clear();
        reports.awaitStatus(GatewayState.UP);
        assertEquals(1, angel.refreshes());
        assertEquals(1, angel.logins(), "the refresh token renewed the session without a new login");

        harness.market("ANGELRENEWED1", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("ANGELRENEWED1", ExecType.NEW);
        assertEquals(List.of(), angel.violations());
    }

    @Test
    void shouldDegradeWithTheReasonWhenTheSessionCannotBeRenewedAndNeverRetryBlindly()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        angel.refuseLogins();
        angel.expireToken();
        harness.market("ANGELEXPIRED2", CALL, Side.BUY, "50");
        assertTrue(reports.awaitExecutionReport("ANGELEXPIRED2", ExecType.REJECTED).text().startsWith("SESSION_EXPIRED: angel account ACC1"));
        final GatewayStatusEvent degraded = reports.awaitStatus(GatewayState.DEGRADED);
        assertEquals("angel ACC1: login refused: angel AB1050: Invalid totp; not retried until the credentials change", degraded.detail());
        assertFalse(degraded.detail().contains("4321"));

        harness.market("ANGELEXPIRED3", CALL, Side.BUY, "50");
        assertEquals("SESSION_EXPIRED: angel account ACC1: login refused: angel AB1050: Invalid totp; not retried until the credentials change",
            reports.awaitExecutionReport("ANGELEXPIRED3", ExecType.REJECTED).text());
        final int loginAttempts = angel.requests("POST", "/rest/auth/angelbroking/user/v1/loginByPassword").size();
        reports.settle(500);
        assertEquals(loginAttempts, angel.requests("POST", "/rest/auth/angelbroking/user/v1/loginByPassword").size(),
            "no login is retried with the same credentials");
        assertEquals(1, angel.requests("POST", "/rest/secure/angelbroking/order/v1/placeOrder").size());
    }

    @Test
    void shouldResolveALatePlaceAnswerFromTheOrderBookAndNeverSendItTwice()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        angel.answerNextPlaceLate(1_500);
        harness.market("ANGELLATE0001", CALL, Side.BUY, "50");
        final ExecutionReportEvent unknown = reports.awaitExecutionReport("ANGELLATE0001", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.UNKNOWN, unknown.ordStatus());
        assertTrue(unknown.text().startsWith("PLACE_UNKNOWN: HTTP PLACE failed: InterruptedIOException"), unknown.text());
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("ANGELLATE0001", ExecType.NEW);
        assertEquals(angel.order("ANGELLATE0001").id, acknowledged.venueOrderId());
        angel.fill("ANGELLATE0001", "90");
        assertEquals(OrdStatus.FILLED, reports.awaitExecutionReport("ANGELLATE0001", ExecType.TRADE).ordStatus());
        assertEquals(1, angel.placeCount());
        assertEquals(1, angel.orders().size());
        assertEquals(List.of(), angel.violations());
    }

    @Test
    void shouldPublishTheLastPricesOfTheOptionsAroundAtmFromTheLtpEndpoint()
    {
        start(Map.of("sluice.angel.marketHours", "00:00-23:59", "sluice.angel.optionQuoteIntervalMs", "200"));
        harness.reports().awaitStatus(GatewayState.UP);
        OptionLtp.assertAtmOptionsQuoted(harness.reports(), angel, false);
    }

    private void start()
    {
        start(Map.of());
    }

    private void start(final Map<String, String> overrides)
    {
        angel = new FakeAngel("smartkey", "A123456", "4321", TOTP_SECRET, clock::epochMillis);
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.angel.baseUrl", angel.baseUrl());
        settings.put("sluice.angel.instrumentsUrl", angel.instrumentsUrl());
        settings.put("sluice.angel.ACC1.clientCode", "A123456");
        settings.put("sluice.angel.publicIp", "203.0.113.7");
        // The published order-book limit is 1/s; tests poll faster.
        settings.put("sluice.angel.rateLimit.orderbook", "50/1s");
        settings.putAll(overrides);
        harness = IndiaHarness.launch(driver, "angel", dir, clock, settings, SECRETS);
    }

    private static JsonNode json(final FakeBroker.Recorded request)
    {
        return Json.parse(request.body());
    }
}
