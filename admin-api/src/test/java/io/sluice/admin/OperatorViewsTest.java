package io.sluice.admin;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Severity;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator views (risk, alerts, prices, P&L, signals list, metrics, readiness, OpenAPI) from journal records, and
 * the operator commands (limits, manual orders, cancels) as they reach the engine's ingress.
 */
class OperatorViewsTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final String ORDER = "ORD0000000007";

    @TempDir
    static Path dir;
    private static ApiHarness harness;
    private static long lastIndex;

    @BeforeAll
    static void launchAndJournal()
    {
        harness = ApiHarness.launch(dir);
        final TestRecords r = new TestRecords();
        long seq = 0;
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender a = journal.appender())
        {
            a.append(JournalRecord.KIND_INPUT, ++seq, T0, r.buffer, 0, r.rawSignal("v-1", "main", T0, "{}"));
            a.append(JournalRecord.KIND_OUTPUT, seq, T0, r.buffer, 0, r.newOrder(ORDER, "v-1", "main", "paper", "BTCUSDT", Side.BUY,
                OrdType.LIMIT, TimeInForce.GTC, "2", "60000", null, null, null, T0));
            a.append(JournalRecord.KIND_OUTPUT, seq, T0, r.buffer, 0, r.orderUpdate(ORDER, "", "main", "paper", "BTCUSDT", Side.BUY,
                OrdType.LIMIT, OrdStatus.NEW, "2", "60000", "0", "2", "0", T0, ""));
            a.append(JournalRecord.KIND_INPUT, ++seq, T0, r.buffer, 0, r.rawSignal("v-2", "main", T0 + 1, "{}"));
            a.append(JournalRecord.KIND_OUTPUT, seq, T0, r.buffer, 0, r.riskReject(RejectReason.MAX_NOTIONAL, "1000", "5000", "",
                "main", "ETHUSDT", T0 + 1, "v-2", "qty", "notional 5000 above 1000"));
            a.append(JournalRecord.KIND_INPUT, ++seq, T0, r.buffer, 0, r.gatewayStatus("paper", GatewayState.UP, T0 + 2, "ok"));
            a.append(JournalRecord.KIND_INPUT, ++seq, T0, r.buffer, 0, r.marketData("paper", "ETHUSDT", "2999", "3001", null, T0 + 3));
            a.append(JournalRecord.KIND_INPUT, ++seq, T0, r.buffer, 0, r.marketData("paper", "ETHUSDT", "3009", "3011", null, T0 + 2_000_000_000L));
            a.append(JournalRecord.KIND_OUTPUT, ++seq, T0, r.buffer, 0, r.positionUpdate("main", "paper", "ETHUSDT", "-1.5", "3000", "-12.5",
                T0 + 2_000_000_001L));
            a.append(JournalRecord.KIND_OUTPUT, ++seq, T0, r.buffer, 0, r.riskUsage("main", TradingState.ACTIVE, T0 + 5,
                "maxNotional", "100000", "25000", "dailyLoss", "5000", null));
            a.append(JournalRecord.KIND_OUTPUT, ++seq, T0, r.buffer, 0, r.alert(AlertType.DAY_LOCK, Severity.WARN, "main", "", "",
                T0 + 6, "daily target reached"));
            a.append(JournalRecord.KIND_OUTPUT, ++seq, T0, r.buffer, 0, r.tradingStateUpdate(AdminScope.ACCOUNT, "main",
                TradingState.REDUCING, T0 + 7, "olivia", "day lock"));
            lastIndex = journal.lastIndex();
        }
        ApiHarness.await("the read model to catch up", () -> ApiHarness.json(harness.get("/health")).get("journalIndex").asLong() == lastIndex);
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldShowRiskUsageAlertsPricesAndPnlFromTheJournal()
    {
        final JsonNode risk = ApiHarness.json(harness.get("/api/v1/risk")).path("accounts").get(0);
        assertEquals("main", risk.path("account").asText());
        assertEquals("maxNotional", risk.path("limits").get(0).path("name").asText());
        assertEquals(0, risk.path("limits").get(0).path("used").decimalValue().compareTo(new BigDecimal("25000")));
        assertEquals(25, risk.path("limits").get(0).path("usedPercent").asLong());
        assertTrue(risk.path("limits").get(1).path("used").isNull());

        final JsonNode alert = ApiHarness.json(harness.get("/api/v1/alerts")).path("alerts").get(0);
        assertEquals("DAY_LOCK", alert.path("type").asText());
        assertEquals("daily target reached", alert.path("text").asText());

        final JsonNode prices = ApiHarness.json(harness.get("/api/v1/marketdata")).path("prices");
        assertEquals("ETHUSDT", prices.get(0).path("symbol").asText());
        final JsonNode series = ApiHarness.json(harness.get("/api/v1/marketdata/paper/ETHUSDT")).path("points");
        assertEquals(2, series.size(), "one point per second at most");
        assertEquals(0, series.get(1).path("v").decimalValue().compareTo(new BigDecimal("3010")), "the mid without a last trade");

        // Short 1.5 from 3000 marked at 3010: -15 unrealized, -12.5 realized.
        final JsonNode pnl = ApiHarness.json(harness.get("/api/v1/pnl"));
        assertEquals(0, pnl.path("unrealized").decimalValue().compareTo(new BigDecimal("-15")), pnl.toString());
        assertEquals(0, pnl.path("total").decimalValue().compareTo(new BigDecimal("-27.5")), pnl.toString());
        final JsonNode position = ApiHarness.json(harness.get("/api/v1/positions")).path("positions").get(0);
        assertEquals(0, position.path("unrealizedPnl").decimalValue().compareTo(new BigDecimal("-15")));
        assertEquals("REDUCING", ApiHarness.json(harness.get("/api/v1/accounts")).path("tradingStates").path("main").asText());
    }

    @Test
    void shouldListSignalsWithOutcomesFiltersAndPaging()
    {
        final JsonNode all = ApiHarness.json(harness.get("/api/v1/signals"));
        assertEquals(List.of("v-2", "v-1"), List.of(all.path("signals").get(0).path("signalId").asText(),
            all.path("signals").get(1).path("signalId").asText()), "newest first");
        final JsonNode refused = ApiHarness.json(harness.get("/api/v1/signals?status=rejected&reason=max_notional"));
        assertEquals(1, refused.path("signals").size());
        assertEquals("MAX_NOTIONAL", refused.path("signals").get(0).path("reject").path("reason").asText());
        final JsonNode page = ApiHarness.json(harness.get("/api/v1/signals?offset=1&limit=1"));
        assertEquals("v-1", page.path("signals").get(0).path("signalId").asText());
        assertEquals(400, harness.get("/api/v1/signals?offset=-1").statusCode());
    }

    @Test
    void shouldExposeMetricsInPrometheusTextFormat()
    {
        harness.get("/api/v1/orders");
        final HttpResponse<String> response = harness.get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        final String text = response.body();
        assertTrue(text.contains("# HELP sluice_signals_total Signals received, by source.\n# TYPE sluice_signals_total counter\n"), text);
        assertTrue(text.contains("sluice_signals_total{source=\"REST\"} 2\n"), text);
        assertTrue(text.contains("sluice_signal_outcomes_total{source=\"REST\",outcome=\"refused\"} 1\n"), text);
        assertTrue(text.contains("sluice_refusals_total{reason=\"MAX_NOTIONAL\"} 1\n"), text);
        assertTrue(text.contains("sluice_order_updates_total{venue=\"paper\",status=\"NEW\"} 1\n"), text);
        assertTrue(text.contains("sluice_alerts_total{type=\"DAY_LOCK\"} 1\n"), text);
        assertTrue(text.contains("sluice_gateway_up{venue=\"paper\"} 1\n"), text);
        assertTrue(text.contains("sluice_signal_outcomes_total{source=\"REST\",outcome=\"ordered\"} 1\n"), text);
        final long index = Long.parseLong(text.replaceAll("(?s).*\nsluice_journal_index (\\d+)\n.*", "$1"));
        assertTrue(index >= lastIndex, text);
        assertTrue(text.contains("sluice_engine_connected 1\n"), text);
        assertTrue(text.contains("sluice_http_responses_total{area=\"api/orders\",code=\"200\"}"), text);
        assertTrue(text.contains("# TYPE sluice_engine_counters_found gauge\nsluice_engine_counters_found 0\n"), "no engine counters in this rig");
        for (final String line : text.split("\n"))
        {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") ||
                line.matches("[a-z_]+(\\{([a-z_]+=\"[^\"]*\",?)+})? -?[0-9]+"), "exposition line: " + line);
        }
    }

    @Test
    void shouldAnswerReadyOnlyWithTheEngineConnectedAndEveryGatewayUp() throws Exception
    {
        final HttpResponse<String> ready = harness.get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        final TestRecords r = new TestRecords();
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender a = journal.appender())
        {
            a.append(JournalRecord.KIND_INPUT, 100, T0, r.buffer, 0, r.gatewayStatus("binance", GatewayState.DOWN, T0 + 9, "no route"));
        }
        ApiHarness.await("binance down", () -> harness.get("/ready").statusCode() == 503);
        assertEquals("DOWN", ApiHarness.json(harness.get("/ready")).path("gateways").path("binance").asText());
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender a = journal.appender())
        {
            a.append(JournalRecord.KIND_INPUT, 101, T0, r.buffer, 0, r.gatewayStatus("binance", GatewayState.UP, T0 + 10, "ok"));
        }
        ApiHarness.await("ready again", () -> harness.get("/ready").statusCode() == 200);
    }

    @Test
    void shouldServeTheOpenApiDocumentNamingEveryOperatorEndpoint() throws Exception
    {
        final HttpResponse<String> response = harness.get("/api/openapi.json");
        assertEquals(200, response.statusCode());
        final JsonNode doc = ApiHarness.MAPPER.readTree(response.body());
        assertEquals("3.1.0", doc.path("openapi").asText());
        for (final String path : List.of("/api/v1/signals", "/api/v1/orders/{clientOrderId}/cancel", "/api/v1/kill", "/api/v1/reduce",
            "/api/v1/limits", "/api/v1/stream", "/api/v1/auth/login", "/api/v1/users", "/api/v1/credentials/{account}/{name}",
            "/api/v1/risk", "/api/v1/pnl", "/metrics", "/ready", "/health", "/api/v1/audit"))
        {
            assertTrue(doc.path("paths").has(path), "documented: " + path);
        }
        assertTrue(doc.path("paths").path("/api/v1/kill").path("post").path("x-sluice-role").asText().equals("operator"));
    }

    @Test
    void shouldPublishLimitsManualOrdersAndCancelsToTheEngine()
    {
        harness.receivedBeforeMarker();
        final HttpResponse<String> limit = harness.postJson("/api/v1/limits",
            "{\"account\":\"main\",\"name\":\"maxNotional\",\"value\":\"150000.5\",\"reason\":\"more room\"}");
        assertEquals(202, limit.statusCode(), limit.body());
        final HttpResponse<String> manual = harness.postJson("/api/v1/orders",
            "{\"id\":\"m-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"sell\",\"qty\":\"0.1\"}");
        assertEquals(202, manual.statusCode(), manual.body());
        assertEquals("manual:local", ApiHarness.json(manual).path("channel").asText());
        assertEquals(400, harness.postJson("/api/v1/orders", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"up\",\"qty\":1}").statusCode());
        final HttpResponse<String> cancel = harness.postJson("/api/v1/orders/" + ORDER + "/cancel", "{}");
        assertEquals(202, cancel.statusCode(), cancel.body());
        assertEquals(404, harness.postJson("/api/v1/orders/NOPE/cancel", "{}").statusCode());

        final List<Object> received = harness.receivedBeforeMarker();
        assertEquals(3, received.size(), received.toString());
        final ApiHarness.AdminCommand setLimit = (ApiHarness.AdminCommand)received.get(0);
        assertEquals("SET_LIMIT", setLimit.action());
        assertEquals("ACCOUNT", setLimit.scope());
        assertEquals("main", setLimit.account());
        final ApiHarness.RawSignal order = (ApiHarness.RawSignal)received.get(1);
        assertEquals("MANUAL", order.source());
        assertEquals("m-1", order.signalId());
        assertEquals("{\"id\":\"m-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"sell\",\"qty\":\"0.1\"}",
            new String(order.body(), StandardCharsets.UTF_8), "the exact bytes");
        final ApiHarness.AdminCommand cancelCommand = (ApiHarness.AdminCommand)received.get(2);
        assertEquals("CANCEL_ORDER", cancelCommand.action(), "a journaled admin command, not a signal the parser refuses");
        assertEquals("local", cancelCommand.actor());
        assertEquals(ORDER, ApiHarness.json(cancel).path("clientOrderId").asText());
        assertEquals("PENDING", ApiHarness.json(harness.get("/api/v1/signals/m-1")).path("status").asText());
    }
}
