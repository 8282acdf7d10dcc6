package io.sluice.gateway.india;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.fake.FakeDhan;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dhan v2 through the whole gateway against a fake that checks its headers, security ids, exchange segments and
 * correlation ids, and answers lookups by correlation id.
 */
class DhanGatewayTest
{
    private static final String CALL = "NIFTY04JAN2421750CE";

    @TempDir
    static Path driverDir;

    @TempDir
    Path dir;

    private static EmbeddedMediaDriver driver;

    private final OffsetClock clock = new OffsetClock(IndiaHarness.START_NS);
    private FakeDhan dhan;
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
        if (dhan != null)
        {
            dhan.close();
        }
    }

    @Test
    void shouldPlaceBySecurityIdWithOurCorrelationIdThenAcknowledgeAndFill()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        harness.newOrder("DHAN000000001", CALL, Side.SELL, OrdType.STOP, "50", null, "60.05", Product.MIS);
        final ExecutionReportEvent acknowledged = reports.awaitExecutionReport("DHAN000000001", ExecType.NEW);
        assertEquals(dhan.order("DHAN000000001").id, acknowledged.venueOrderId());
        final JsonNode place = Json.parse(dhan.requests("POST", "/v2/orders").get(0).body());
        assertEquals("1000000132", place.path("dhanClientId").asText());
        assertEquals("DHAN000000001", place.path("correlationId").asText());
        assertEquals("35213", place.path("securityId").asText());
        assertEquals("NSE_FNO", place.path("exchangeSegment").asText());
        assertEquals("SELL", place.path("transactionType").asText());
        assertEquals("STOP_LOSS_MARKET", place.path("orderType").asText());
        assertEquals("INTRADAY", place.path("productType").asText());
        assertEquals(0, place.path("triggerPrice").decimalValue().compareTo(new java.math.BigDecimal("60.05")));
        assertFalse(place.path("afterMarketOrder").asBoolean());

        dhan.fill("DHAN000000001", "60");
        final ExecutionReportEvent fill = reports.awaitExecutionReport("DHAN000000001", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(Fixed.of(60), fill.avgPrice());
        final AccountUpdateEvent funds = reports.await(AccountUpdateEvent.class, (a) -> true, "funds");
        assertEquals(Fixed.parse("98440"), funds.marginAvailable(), "Dhan's availabelBalance");
        assertEquals(Fixed.of(15202), funds.marginUsed());
        assertEquals(List.of(), dhan.violations());
    }

    @Test
    void shouldResolveALostAnswerByCorrelationIdAndNeverSendItTwice()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        dhan.dropNextPlaceAnswer();
        harness.market("DHANLOST00001", CALL, Side.BUY, "50");
        assertEquals(OrdStatus.UNKNOWN, reports.awaitExecutionReport("DHANLOST00001", ExecType.ORDER_STATUS).ordStatus());
        final ExecutionReportEvent resolved = reports.awaitExecutionReport("DHANLOST00001", ExecType.NEW);
        assertEquals(dhan.order("DHANLOST00001").id, resolved.venueOrderId());
        assertTrue(dhan.requests("GET", "/v2/orders/external/DHANLOST00001").size() >= 1, "looked up by correlation id");
        assertEquals(1, dhan.placeCount());
        assertEquals(1, dhan.orders().size());
        assertEquals(List.of(), dhan.violations());
    }

    @Test
    void shouldReportAPlaceTheBrokerNeverSawAsUnconfirmedAfterTheLookups()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        dhan.loseNextPlace();
        harness.market("DHANNEVER0001", CALL, Side.BUY, "50");
        final ExecutionReportEvent refused = reports.awaitExecutionReport("DHANNEVER0001", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("PLACE_UNCONFIRMED: no order tagged DHANNEVER0001 at dhan after 3 lookups"), refused.text());
        // Misses count from the lookups by correlation id and from the order book polled meanwhile.
        assertTrue(dhan.requests("GET", "/v2/orders/external/DHANNEVER0001").size() >= 1);
        assertEquals(1, dhan.placeCount());
        assertEquals(List.of(), dhan.orders());
    }

    @Test
    void shouldMapRejectionsFromTheAnswerAndFromTheOrderBook()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        dhan.rejectNextPlace("Incorrect order request");
        harness.market("DHANREJECT001", CALL, Side.BUY, "50");
        assertEquals("BROKER_REJECTED: dhan DH-906 Order_Error: Incorrect order request",
            reports.awaitExecutionReport("DHANREJECT001", ExecType.REJECTED).text());

        harness.market("DHANRMS000001", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("DHANRMS000001", ExecType.NEW);
        dhan.rmsReject("DHANRMS000001", "RMS:Margin Exceeds");
        assertEquals("BROKER_REJECTED: RMS:Margin Exceeds", reports.awaitExecutionReport("DHANRMS000001", ExecType.REJECTED).text());
        assertEquals(List.of(), dhan.violations());
    }

    @Test
    void shouldTreatDh901AsAnExpiredSessionUntilANewTokenIsSupplied()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);

        dhan.expireToken();
        harness.market("DHANEXPIRED01", CALL, Side.BUY, "50");
        assertEquals("SESSION_EXPIRED: dhan account ACC1: dhan DH-901 Invalid_Authentication: Client ID or user generated access token " +
            "is invalid or expired.", reports.awaitExecutionReport("DHANEXPIRED01", ExecType.REJECTED).text());
        final GatewayStatusEvent degraded = reports.awaitStatus(GatewayState.DEGRADED);
        assertTrue(degraded.detail().startsWith("dhan ACC1: login required: generate an access token on web.dhan.co"), degraded.detail());
        assertFalse(degraded.detail().contains("dhan-token-1"));

        reports.clear();
        dhan.issueToken("dhan-token-2");
        harness.writeSecrets("ACC1.accessToken=dhan-token-2\n");
        reports.awaitStatus(GatewayState.UP);
        harness.market("DHANRENEWED01", CALL, Side.BUY, "50");
        reports.awaitExecutionReport("DHANRENEWED01", ExecType.NEW);
        assertEquals(List.of(), dhan.violations());
    }

    @Test
    void shouldPublishTheLastPricesOfTheOptionsAroundAtmFromTheLtpEndpoint()
    {
        start(Map.of("sluice.dhan.marketHours", "00:00-23:59", "sluice.dhan.optionQuoteIntervalMs", "200"));
        harness.reports().awaitStatus(GatewayState.UP);
        OptionLtp.assertAtmOptionsQuoted(harness.reports(), dhan, false);
    }

    @Test
    void shouldAnswerTheEnginesStatusRequestsByCorrelationId()
    {
        start();
        final IndiaReports reports = harness.reports();
        reports.awaitStatus(GatewayState.UP);
        harness.newOrder("DHANRECON0001", CALL, Side.BUY, OrdType.LIMIT, "50", "55", null, Product.MIS);
        reports.awaitExecutionReport("DHANRECON0001", ExecType.NEW);
        dhan.fillPart("DHANRECON0001", 25, "54.5");
        reports.awaitExecutionReport("DHANRECON0001", ExecType.TRADE);

        harness.statusRequest("DHANRECON0001", CALL, Side.BUY, "50");
        final ExecutionReportEvent live = reports.awaitExecutionReport("DHANRECON0001", ExecType.ORDER_STATUS);
        assertEquals(OrdStatus.PARTIALLY_FILLED, live.ordStatus());
        assertEquals(Fixed.of(25), live.cumQty());
        assertEquals(Fixed.of(25), live.leavesQty());
        assertEquals(Fixed.parse("54.5"), live.avgPrice());
        assertEquals(dhan.order("DHANRECON0001").id, live.venueOrderId());

        harness.statusRequest("DHANNEVER0001", CALL, Side.BUY, "50");
        assertEquals(OrdStatus.NOT_FOUND, reports.awaitExecutionReport("DHANNEVER0001", ExecType.ORDER_STATUS).ordStatus());
        assertEquals(1, dhan.requests("POST", "/v2/orders").size(), "asking placed nothing");
        assertEquals(List.of(), dhan.violations());
    }

    private void start()
    {
        start(Map.of());
    }

    private void start(final Map<String, String> overrides)
    {
        dhan = new FakeDhan("1000000132", "dhan-token-1", clock::epochMillis);
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.dhan.baseUrl", dhan.baseUrl());
        settings.put("sluice.dhan.instrumentsUrl", dhan.instrumentsUrl());
        settings.put("sluice.dhan.ACC1.clientId", "1000000132");
        settings.putAll(overrides);
        harness = IndiaHarness.launch(driver, "dhan", dir, clock, settings, "ACC1.accessToken=dhan-token-1\n");
    }
}
