package io.sluice.admin;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.admin.readmodel.ExecutionView;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.admin.SignalEndpointTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appends engine records to the journal the API tails (as the engine would), then reads them back over HTTP.
 */
class ReadModelEndpointTest
{
    private static final long T0 = 1_714_564_800_000_000_000L;
    private static final String ORDER_1 = "0ABCDEFGHIJKL";
    private static final String ORDER_2 = "1MNOPQRSTUVWX";

    @TempDir
    static Path dir;
    private static ApiHarness harness;
    private static final List<Long> INDICES = new ArrayList<>();

    @BeforeAll
    static void launchAndJournal()
    {
        harness = ApiHarness.launch(dir);
        final TestRecords r = new TestRecords();
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender appender = journal.appender())
        {
            long seq = 0;
            in(appender, ++seq, r, r.rawSignal("sig-1", "acc1", T0 + 1, "{\"id\":\"sig-1\"}"));
            out(appender, seq, r, r.newOrder(ORDER_1, "sig-1", "acc1", "paper", "BTCUSDT", Side.BUY, OrdType.LIMIT,
                TimeInForce.GTC, "0.5", "65000.5", null, "70000", null, T0 + 2));
            in(appender, ++seq, r, r.gatewayStatus("paper", GatewayState.UP, T0 + 3, "connected"));
            in(appender, ++seq, r, r.gatewayStatus("binance", GatewayState.DOWN, T0 + 4, "no route"));
            in(appender, ++seq, r, r.executionReport(ORDER_1, "V-1", "acc1", "paper", "BTCUSDT", ExecType.TRADE,
                OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.2", "64999.75", "0.2", "0.3", "64999.75", T0 + 5, "fill"));
            out(appender, seq, r, r.orderUpdate(ORDER_1, "V-1", "acc1", "paper", "BTCUSDT", Side.BUY, OrdType.LIMIT,
                OrdStatus.PARTIALLY_FILLED, "0.5", "65000.5", "0.2", "0.3", "64999.75", T0 + 6, "partial"));
            out(appender, seq, r, r.positionUpdate("acc1", "paper", "BTCUSDT", "0.2", "64999.75", "0", T0 + 6));
            in(appender, ++seq, r, r.rawSignal("sig-2", "acc2", T0 + 7, "{\"id\":\"sig-2\"}"));
            out(appender, seq, r, r.riskReject(RejectReason.MAX_NOTIONAL, "1000", "1500.5", "", "acc2", "ETHUSDT", T0 + 8,
                "sig-2", "qty", "notional 1500.5 exceeds 1000"));
            in(appender, ++seq, r, r.rawSignal("sig-3", "acc2", T0 + 9, "{\"id\":\"sig-3\"}"));
            out(appender, seq, r, r.newOrder(ORDER_2, "sig-3", "acc2", "binance", "ETHUSDT", Side.SELL, OrdType.MARKET,
                TimeInForce.IOC, "1.5", null, null, null, null, T0 + 10));
            out(appender, seq, r, r.riskReject(RejectReason.GATEWAY_DOWN, null, null, ORDER_2, "acc2", "ETHUSDT", T0 + 10,
                "sig-3", "", "binance is down"));
            out(appender, seq, r, r.positionUpdate("acc2", "binance", "ETHUSDT", "-1.5", "3000.1", "-12.34", T0 + 11));
            out(appender, ++seq, r, r.tradingStateUpdate(AdminScope.GLOBAL, "", TradingState.HALTED, T0 + 12, "ops", "kill switch"));
            out(appender, ++seq, r, r.tradingStateUpdate(AdminScope.ACCOUNT, "acc2", TradingState.REDUCING, T0 + 13, "api", ""));
            out(appender, ++seq, r, r.engineError(1, T0 + 14, "boom"));
            in(appender, ++seq, r, r.rawSignal("sig-4", "acc1", T0 + 15, "{\"id\":\"sig-4\"}"));
        }
        final long last = INDICES.get(INDICES.size() - 1);
        ApiHarness.await("the read model to reach journal index " + last,
            () -> ApiHarness.json(harness.get("/health")).get("journalIndex").asLong() == last);
    }

    private static void in(final JournalAppender appender, final long seq, final TestRecords r, final int length)
    {
        INDICES.add(appender.append(JournalRecord.KIND_INPUT, seq, T0, r.buffer, 0, length));
    }

    private static void out(final JournalAppender appender, final long seq, final TestRecords r, final int length)
    {
        INDICES.add(appender.append(JournalRecord.KIND_OUTPUT, seq, T0, r.buffer, 0, length));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldShowAnOrderedSignalWithItsOrders()
    {
        final JsonNode json = ApiHarness.json(harness.get("/api/v1/signals/sig-1"));

        assertEquals("sig-1", json.get("signalId").asText());
        assertEquals("ORDERED", json.get("status").asText());
        assertEquals("REST", json.get("source").asText());
        assertEquals("acc1", json.get("account").asText());
        assertEquals("2024-05-01T12:00:00.000000001Z", json.get("receivedAt").asText());
        assertEquals((long)INDICES.get(0), json.get("journalIndex").asLong());
        assertEquals(List.of(ORDER_1), texts(json.get("orders")));
        assertTrue(json.get("reject").isNull());
    }

    @Test
    void shouldShowAReceivedSignalWithoutOutcomeYet()
    {
        final JsonNode json = ApiHarness.json(harness.get("/api/v1/signals/sig-4"));

        assertEquals("RECEIVED", json.get("status").asText());
        assertEquals("2024-05-01T12:00:00.000000015Z", json.get("receivedAt").asText());
        assertEquals((long)INDICES.get(INDICES.size() - 1), json.get("journalIndex").asLong());
        assertEquals(List.of(), texts(json.get("orders")));
    }

    @Test
    void shouldMoveFromPendingToReceivedOnceTheEngineJournalsTheSignal()
    {
        final HttpResponse<String> accepted = harness.postJson("/api/v1/signals",
            "{\"id\":\"loop-1\",\"account\":\"acc3\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("PENDING", ApiHarness.json(harness.get("/api/v1/signals/loop-1")).get("status").asText());

        final List<Object> messages = harness.receiveUntil(
            m -> m instanceof ApiHarness.RawSignal && ((ApiHarness.RawSignal)m).signalId().equals("loop-1"));
        final ApiHarness.RawSignal received = (ApiHarness.RawSignal)messages.get(messages.size() - 1);
        final TestRecords r = new TestRecords();
        final long index;
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender appender = journal.appender())
        {
            index = appender.append(JournalRecord.KIND_INPUT, 1000, received.ingressTimeNs(), r.buffer, 0,
                r.rawSignal(received.signalId(), received.account(), received.ingressTimeNs(), "{}"));
        }

        ApiHarness.await("signal loop-1 to be RECEIVED",
            () -> "RECEIVED".equals(ApiHarness.json(harness.get("/api/v1/signals/loop-1")).get("status").asText()));
        final JsonNode json = ApiHarness.json(harness.get("/api/v1/signals/loop-1"));
        assertEquals(index, json.get("journalIndex").asLong());
        assertEquals("acc3", json.get("account").asText());
    }

    @Test
    void shouldShowARejectedSignalWithReasonLimitAndValue()
    {
        final JsonNode json = ApiHarness.json(harness.get("/api/v1/signals/sig-2"));

        assertEquals("REJECTED", json.get("status").asText());
        assertEquals(List.of(), texts(json.get("orders")));
        final JsonNode reject = json.get("reject");
        assertEquals("MAX_NOTIONAL", reject.get("reason").asText());
        assertEquals("notional 1500.5 exceeds 1000", reject.get("message").asText());
        assertEquals("qty", reject.get("field").asText());
        assertEquals(new BigDecimal("1000"), reject.get("limit").decimalValue());
        assertEquals(new BigDecimal("1500.5"), reject.get("value").decimalValue());
    }

    @Test
    void shouldShowAnOrderWithExactDecimals()
    {
        final HttpResponse<String> response = harness.get("/api/v1/orders/" + ORDER_1);

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals(ORDER_1, json.get("clientOrderId").asText());
        assertEquals("V-1", json.get("venueOrderId").asText());
        assertEquals("sig-1", json.get("signalId").asText());
        assertEquals("acc1", json.get("account").asText());
        assertEquals("paper", json.get("venue").asText());
        assertEquals("BTCUSDT", json.get("symbol").asText());
        assertEquals("BUY", json.get("side").asText());
        assertEquals("LIMIT", json.get("type").asText());
        assertEquals("PARTIALLY_FILLED", json.get("status").asText());
        assertEquals(new BigDecimal("0.5"), json.get("quantity").decimalValue());
        assertEquals(new BigDecimal("65000.5"), json.get("price").decimalValue());
        assertTrue(json.get("stopPrice").isNull());
        assertEquals(new BigDecimal("70000"), json.get("tp").decimalValue());
        assertEquals(new BigDecimal("0.2"), json.get("cumQty").decimalValue());
        assertEquals(new BigDecimal("0.3"), json.get("leavesQty").decimalValue());
        assertEquals(new BigDecimal("64999.75"), json.get("avgPrice").decimalValue());
        assertEquals("partial", json.get("text").asText());
        assertEquals("2024-05-01T12:00:00.000000006Z", json.get("updatedAt").asText());
        assertEquals((long)INDICES.get(5), json.get("journalIndex").asLong());
        assertTrue(response.body().contains("\"price\":65000.5"), response.body());
        assertTrue(response.body().contains("\"tp\":70000,"), response.body());
    }

    @Test
    void shouldAttachAnOrderRejectToTheOrderAndItsSignal()
    {
        final JsonNode order = ApiHarness.json(harness.get("/api/v1/orders/" + ORDER_2));
        assertEquals("PENDING_NEW", order.get("status").asText());
        assertTrue(order.get("price").isNull());
        assertEquals(new BigDecimal("1.5"), order.get("leavesQty").decimalValue());
        assertEquals("GATEWAY_DOWN", order.get("reject").get("reason").asText());

        final JsonNode signal = ApiHarness.json(harness.get("/api/v1/signals/sig-3"));
        assertEquals("REJECTED", signal.get("status").asText());
        assertEquals(List.of(ORDER_2), texts(signal.get("orders")));
        assertEquals("binance is down", signal.get("reject").get("message").asText());
        assertTrue(signal.get("reject").get("field").isNull());
        assertTrue(signal.get("reject").get("limit").isNull());
    }

    @Test
    void shouldListOrdersNewestFirstWithFilters()
    {
        assertEquals(List.of(ORDER_2, ORDER_1), orderIds("/api/v1/orders"));
        assertEquals(List.of(ORDER_1), orderIds("/api/v1/orders?account=acc1"));
        assertEquals(List.of(ORDER_2), orderIds("/api/v1/orders?symbol=ETHUSDT"));
        assertEquals(List.of(ORDER_1), orderIds("/api/v1/orders?status=partially_filled"));
        assertEquals(List.of(), orderIds("/api/v1/orders?status=FILLED"));
        assertEquals(List.of(ORDER_2), orderIds("/api/v1/orders?limit=1"));
        assertError(harness.get("/api/v1/orders?limit=1001"), 400, "INVALID_FIELD", "limit");
        assertError(harness.get("/api/v1/orders?limit=x"), 400, "INVALID_FIELD", "limit");
        assertError(harness.get("/api/v1/orders?status=DONE"), 400, "INVALID_FIELD", "status");
    }

    @Test
    void shouldListPositionsWithSignedQuantities()
    {
        final JsonNode all = ApiHarness.json(harness.get("/api/v1/positions")).get("positions");
        assertEquals(2, all.size(), all::toString);
        final JsonNode short2 = all.get(1);
        assertEquals("acc2", short2.get("account").asText());
        assertEquals("binance", short2.get("venue").asText());
        assertEquals("ETHUSDT", short2.get("symbol").asText());
        assertEquals(new BigDecimal("-1.5"), short2.get("quantity").decimalValue());
        assertEquals(new BigDecimal("3000.1"), short2.get("avgPrice").decimalValue());
        assertEquals(new BigDecimal("-12.34"), short2.get("realizedPnl").decimalValue());
        assertEquals("2024-05-01T12:00:00.000000011Z", short2.get("updatedAt").asText());

        final JsonNode acc1 = ApiHarness.json(harness.get("/api/v1/positions?account=acc1")).get("positions");
        assertEquals(1, acc1.size(), acc1::toString);
        assertEquals("BTCUSDT", acc1.get(0).get("symbol").asText());
        assertEquals(new BigDecimal("0.2"), acc1.get(0).get("quantity").decimalValue());
        assertEquals(new BigDecimal("0"), acc1.get(0).get("realizedPnl").decimalValue());
    }

    @Test
    void shouldShowTradingAndGatewayStatesAndEngineErrors()
    {
        final JsonNode json = ApiHarness.json(harness.get("/api/v1/state"));

        final JsonNode global = json.get("trading").get("global");
        assertEquals("HALTED", global.get("state").asText());
        assertEquals("ops", global.get("actor").asText());
        assertEquals("kill switch", global.get("reason").asText());
        final JsonNode acc2 = json.get("trading").get("accounts").get("acc2");
        assertEquals("REDUCING", acc2.get("state").asText());
        assertEquals(1, json.get("trading").get("accounts").size());
        assertEquals("UP", json.get("gateways").get("paper").get("state").asText());
        assertEquals("connected", json.get("gateways").get("paper").get("detail").asText());
        assertEquals("DOWN", json.get("gateways").get("binance").get("state").asText());
        assertEquals(1, json.get("engineErrors").get("count").asLong());
        assertEquals("boom", json.get("engineErrors").get("recent").get(0).get("detail").asText());
        assertEquals(1, json.get("engineErrors").get("recent").get(0).get("inputTemplateId").asInt());
    }

    @Test
    void shouldReportGatewaysAndJournalIndexInHealth()
    {
        final JsonNode json = ApiHarness.json(harness.get("/health"));

        assertEquals("UP", json.get("status").asText());
        assertTrue(json.get("engineConnected").asBoolean());
        assertEquals((long)INDICES.get(INDICES.size() - 1), json.get("journalIndex").asLong());
        assertEquals("UP", json.get("gateways").get("paper").asText());
        assertEquals("DOWN", json.get("gateways").get("binance").asText());
    }

    @Test
    void shouldKeepExecutionReports()
    {
        final List<ExecutionView> executions = harness.api.readModel().executions();

        assertEquals(1, executions.size());
        assertEquals(ORDER_1, executions.get(0).clientOrderId());
        assertEquals("TRADE", executions.get(0).execType());
        assertEquals(20_000_000L, executions.get(0).lastQty());
    }

    private static List<String> orderIds(final String path)
    {
        final HttpResponse<String> response = harness.get(path);
        assertEquals(200, response.statusCode(), response.body());
        final List<String> ids = new ArrayList<>();
        ApiHarness.json(response).get("orders").forEach(order -> ids.add(order.get("clientOrderId").asText()));
        return ids;
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
