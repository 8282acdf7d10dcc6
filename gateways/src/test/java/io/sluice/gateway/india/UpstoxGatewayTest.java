package io.sluice.gateway.india;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.fake.FakeUpstox;
import io.sluice.gateway.test.Await;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upstox v2 through the whole gateway against a fake that checks its headers, the OAuth code exchange and the
 * instrument keys of its (gzipped) instruments file.
 */
class UpstoxGatewayTest
{
    private static final String SECRETS = "ACC1.clientSecret=upsecret\nACC1.authCode=code-1\n";
    private static final String CALL = "NIFTY04JAN2421750CE";

    @TempDir
    static Path driverDir;

    @TempDir
    Path dir;

    private static EmbeddedMediaDriver driver;

    private final OffsetClock clock = new OffsetClock(IndiaHarness.START_NS);
    private FakeUpstox upstox;
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
        if (upstox != null)
        {
            upstox.close();
        }
    }

    @Test
    void shouldExchangeTheAuthCodeThenPlaceByInstrumentKeyAcknowledgeAndFill()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        final Map<String, String> token = KiteGatewayTest.form(upstox.requests("POST", "/v2/login/authorization/token").get(0).body());
        assertEquals("code-1", token.get("code"));
        assertEquals("authorization_code", token.get("grant_type"));

        harness.newOrder("UPSTOX0000001", CALL, Side.BUY, OrdType.LIMIT, "50", "95.5", null, Product.DEFAULT);
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("UPSTOX0000001", ExecType.NEW);
        assertEquals(upstox.order("UPSTOX0000001").id, acknowledged.venueOrderId());
        final JsonNode place = Json.parse(upstox.requests("POST", "/v2/order/place").get(0).body());
        assertEquals("NSE_FO|35213", place.path("instrument_token").asText());
        assertEquals(50, place.path("quantity").asLong());
        assertTrue(place.path("quantity").isIntegralNumber());
        assertEquals("D", place.path("product").asText(), "NRML is Upstox's D");
        assertEquals("LIMIT", place.path("order_type").asText());
        assertEquals(0, place.path("price").decimalValue().compareTo(new java.math.BigDecimal("95.5")));
        assertEquals("UPSTOX0000001", place.path("tag").asText());
        assertFalse(place.path("is_amo").asBoolean());

        upstox.fillPart("UPSTOX0000001", 25, "95.5");
        final ExecutionReportEvent partial = reports.awaitExecutionReport("UPSTOX0000001", ExecType.TRADE);
        assertEquals(OrdStatus.PARTIALLY_FILLED, partial.ordStatus());
        assertEquals(Fixed.of(25), partial.leavesQty());
        upstox.fill("UPSTOX0000001", "95.4");
        final ExecutionReportEvent filled = reports.await(ExecutionReportEvent.class,
            (e) -> e.clientOrderId().equals("UPSTOX0000001") && e.ordStatus() == OrdStatus.FILLED, "FILLED");
        assertEquals(Fixed.of(25), filled.lastQty());
        assertEquals(Fixed.parse("95.4"), filled.lastPrice());
        assertEquals(Fixed.parse("95.45"), filled.avgPrice());
        assertEquals(Fixed.parse("47500.25"), reports.await(AccountUpdateEvent.class, (a) -> true, "funds").marginAvailable());
        assertEquals(List.of(), upstox.violations());
    }

    @Test
    void shouldSliceAtTheFreezeQuantityOfTheInstrumentsFile()
    {
        start(Map.of("sluice.upstox.freezeQty.NIFTY", "900"));
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        assertEquals(Fixed.of(1800), reports.await(InstrumentDefinitionEvent.class, (i) -> i.symbol().equals(CALL), CALL).freezeQty(),
            "the master's freeze quantity wins over the configured default");

        harness.market("UPSTOXSLICE01", CALL, Side.SELL, "3700");
        Await.until("three slices", harness::step, () -> upstox.orders().size() == 3, upstox::orders);
        assertEquals(List.of(1800L, 1800L, 100L), upstox.orders().stream().map((o) -> o.quantity).collect(Collectors.toList()));
        for (final String tag : List.of("UPSTOXSLICE01S01", "UPSTOXSLICE01S02", "UPSTOXSLICE01S03"))
        {
            upstox.fill(tag, "50");
        }
        final ExecutionReportEvent filled = reports.await(ExecutionReportEvent.class,
            (e) -> e.clientOrderId().equals("UPSTOXSLICE01") && e.ordStatus() == OrdStatus.FILLED, "FILLED");
        assertEquals(Fixed.of(3700), filled.cumQty());
        assertEquals(List.of(), upstox.violations());
    }

    @Test
    void shouldTreatAnInvalidTokenAsExpiredUntilANewAuthCodeArrives()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        upstox.expireToken();
        harness.market("UPSTOXEXPIRE1", CALL, Side.BUY, "50");
        assertEquals("SESSION_EXPIRED: upstox account ACC1: upstox UDAPI100050: Invalid token used to access API",
            reports.awaitExecutionReport("UPSTOXEXPIRE1", ExecType.REJECTED).text());
        final GatewayStatusEvent degraded = reports.awaitStatus(GatewayState.DEGRADED);
        assertTrue(degraded.detail().startsWith("upstox ACC1: login required: log in at " +
            "https://api.upstox.com/v2/login/authorization/dialog?response_type=code&client_id=upkey&redirect_uri="), degraded.detail());
        assertFalse(degraded.detail().contains("upsecret"));

        reports.clear();
        harness.writeSecrets("ACC1.clientSecret=upsecret\nACC1.authCode=code-2\n");
        reports.awaitStatus(GatewayState.UP);
        harness.market("UPSTOXRENEW01", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("UPSTOXRENEW01", ExecType.NEW);
        assertEquals(List.of(), upstox.violations());
    }

    @Test
    void shouldMapRejectionsAndResolveALostAnswerWithoutResending()
    {
        start(Map.of());
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        upstox.rejectNextPlace("Insufficient funds");
        harness.market("UPSTOXREJECT1", CALL, Side.BUY, "50");
        assertEquals("BROKER_REJECTED: upstox UDAPI100049: Insufficient funds",
            reports.awaitExecutionReport("UPSTOXREJECT1", ExecType.REJECTED).text());

        upstox.dropNextPlaceAnswer();
        harness.market("UPSTOXLOST001", CALL, Side.BUY, "50");
        assertEquals(OrdStatus.UNKNOWN, reports.awaitExecutionReport("UPSTOXLOST001", ExecType.ORDER_STATUS).ordStatus());
        final ExecutionReportEvent resolved = reports.awaitExecutionReport("UPSTOXLOST001", ExecType.NEW);
        assertEquals(upstox.order("UPSTOXLOST001").id, resolved.venueOrderId());
        assertEquals(2, upstox.placeCount());
        assertEquals(1, upstox.orders().size());
        assertEquals(List.of(), upstox.violations());
    }

    @Test
    void shouldPublishTheLastPricesOfTheOptionsAroundAtmFromTheLtpEndpoint()
    {
        start(Map.of("sluice.upstox.marketHours", "00:00-23:59", "sluice.upstox.optionQuoteIntervalMs", "200"));
        harness.reports().awaitStatus(GatewayState.UP);
        OptionLtp.assertAtmOptionsQuoted(harness.reports(), upstox, false);
    }

    private void start(final Map<String, String> overrides)
    {
        upstox = new FakeUpstox("upkey", "upsecret", "https://sluice.example/upstox", clock::epochMillis);
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.upstox.baseUrl", upstox.baseUrl());
        settings.put("sluice.upstox.instrumentsUrl", upstox.instrumentsUrl());
        settings.put("sluice.upstox.ACC1.clientId", "upkey");
        settings.put("sluice.upstox.ACC1.redirectUri", "https://sluice.example/upstox");
        settings.putAll(overrides);
        harness = IndiaHarness.launch(driver, "upstox", dir, clock, settings, SECRETS);
    }
}
