package io.sluice.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.mt5.fake.FakeTerminal;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AccountUpdateDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.SystemHarness.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MetaTrader 5 through the whole topology: HTTP signal → engine → the real MT5 gateway → the bridge protocol over
 * TCP (authenticated with the shared secret) → a fake terminal on a hedging account, and its deals back into the
 * engine's orders and positions as admin-api reads them from the journal.
 */
@Timeout(60)
class Mt5SystemTest
{
    private static final String SECRET = "system-test-secret-shared-with-the-EA";
    private static final long LOGIN = 7001;

    @TempDir
    Path dir;

    private FakeTerminal terminal;
    private SystemHarness sluice;

    /**
     * A fake MT5 terminal (EA) for account "desk" trading XAUUSD (as XAUUSD.m) and EURUSD, and the settings that
     * connect Sluice's MT5 gateway to it, its shared secret in an owner-only file in {@code dir}.
     */
    static FakeTerminal startTerminal(final Path dir, final Map<String, String> settings) throws IOException
    {
        final FakeTerminal terminal = FakeTerminal.start(SECRET, true, LOGIN, System::currentTimeMillis);
        final Path secretFile = dir.resolve("mt5.secret");
        Files.writeString(secretFile, SECRET + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        settings.put("sluice.mt5.accounts", "desk");
        settings.put("sluice.mt5.account.desk.port", Integer.toString(terminal.port()));
        settings.put("sluice.mt5.account.desk.login", Long.toString(LOGIN));
        settings.put("sluice.mt5.symbols", "XAUUSD:XAUUSD.m,EURUSD");
        settings.put("sluice.mt5.secretFile", secretFile.toString());
        settings.put("sluice.mt5.reconnectMinMs", "100");
        settings.put("sluice.mt5.reconnectMaxMs", "1000");
        return terminal;
    }

    private void start(final Map<String, String> extra) throws IOException
    {
        final Map<String, String> settings = new HashMap<>();
        terminal = startTerminal(dir, settings);
        settings.put("sluice.accounts", "desk");
        settings.put("sluice.account.desk.venue", "mt5");
        settings.put("sluice.account.desk.ordersPerSecond", "0");
        settings.put("sluice.instruments", "XAUUSD,EURUSD");
        settings.put("sluice.instrument.EURUSD.calendar", "ALWAYS");
        settings.putAll(extra);
        sluice = new SystemHarness(dir, settings, "mt5", null);
        // Market orders need a quote in the engine first: the terminal's arrives shortly after the gateway is UP.
        sluice.awaitCondition(() -> sluice.hasQuote("XAUUSD"), "the engine has a gold quote");
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, terminal);
    }

    @Test
    void shouldTradeAsSoonAsTheGatewayIsUpWithoutAnOperatorResume() throws IOException
    {
        // The MT5 gateway reports DOWN until its terminal has connected, then RECONCILING, then UP: a start, not an outage.
        start(Map.of());
        final String buy = ordered("mt-first",
            "{\"id\":\"mt-first\",\"account\":\"desk\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":\"0.01\"}");
        sluice.awaitJson("/api/v1/orders/" + buy, o -> "FILLED".equals(o.path("status").asText()), "buy filled");
        assertEquals(1, terminal.positions().size());
    }

    @Test
    void shouldCheckBuyingPowerAgainstTheMarginAnOrderNeedsNotItsWholeNotional() throws IOException
    {
        // 0.10 lot of gold is 23502.5 USD of notional; at the account's 1:100 leverage it needs about 235 USD of the
        // 10000 USD free margin the terminal reports.
        start(Map.of("sluice.risk.haltOnGatewayDown", "false"));
        sluice.awaitCondition(() -> sluice.countRecords(JournalRecord.KIND_INPUT, AccountUpdateDecoder.TEMPLATE_ID) > 0,
            "the account's margin journaled");
        final String buy = ordered("mt-lev",
            "{\"id\":\"mt-lev\",\"account\":\"desk\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":\"0.10\"}");
        sluice.awaitJson("/api/v1/orders/" + buy, o -> "FILLED".equals(o.path("status").asText()), "buy filled");
    }

    @Test
    void shouldOpenAPositionWithStopsAtTheTerminalThenCloseItToZeroWithAReduceOnlySell() throws IOException
    {
        // Not halting on the start-up DOWN, and 0.04 lot (9401 USD notional, inside the 10000 USD free margin), keep this
        // flow independent of the two tests above.
        start(Map.of("sluice.risk.haltOnGatewayDown", "false"));
        final JsonNode atTerminal = openGoldWithStops();

        final String close = ordered("mt-close",
            "{\"id\":\"mt-close\",\"account\":\"desk\",\"symbol\":\"XAUUSD\",\"side\":\"sell\",\"qty\":\"0.04\",\"reduceOnly\":true}");
        final JsonNode closed = sluice.awaitJson("/api/v1/orders/" + close, o -> "FILLED".equals(o.path("status").asText()), "close filled");
        assertDecimal("0.04", closed.path("cumQty"), "lots closed");
        assertDecimal("2350", closed.path("avgPrice"), "closed at the terminal's bid");
        assertClosedAtTheTerminal(atTerminal);
    }

    @Test
    void shouldCloseThePositionToZeroAtTheTerminalOnFlatten() throws IOException
    {
        start(Map.of("sluice.risk.haltOnGatewayDown", "false"));
        final JsonNode atTerminal = openGoldWithStops();

        // The engine closes with a reduce-only market sell of the whole position.
        sluice.accept("/api/v1/flatten", "{\"account\":\"desk\",\"reason\":\"end of drill\",\"actor\":\"alice\"}");
        assertClosedAtTheTerminal(atTerminal);
        assertEquals("TRADE_ACTION_DEAL", terminal.orderRequests().get(1).path("action").asText());
        assertEquals("ORDER_TYPE_SELL", terminal.orderRequests().get(1).path("type").asText());
        assertEquals(0, new BigDecimal("0.04").compareTo(terminal.orderRequests().get(1).path("volume").decimalValue()));
    }

    @Test
    void shouldMoveTheStopLossToBreakevenAtTheTerminalFromAManagementMessage() throws IOException
    {
        start(Map.of("sluice.risk.haltOnGatewayDown", "false"));
        openGoldWithStops();
        terminal.quote("XAUUSD.m", "2360", "2360.5"); // in profit: a stop at the entry price is valid for the buy

        // What a Telegram channel or an operator writes: the engine turns it into an AmendOrder for the
        // position's opening order, and the gateway into TRADE_ACTION_SLTP on the position's ticket.
        sluice.accept("/api/v1/signals/manual", "{\"actor\":\"alice\",\"account\":\"desk\",\"text\":\"XAUUSD move SL to breakeven\"}");
        sluice.awaitCondition(() ->
        {
            final List<JsonNode> open = terminal.positions();
            return open.size() == 1 && new BigDecimal("2350.25").compareTo(open.get(0).path("sl").decimalValue()) == 0;
        }, "the stop-loss at the terminal moved to the entry price");
        assertEquals(0, new BigDecimal("2380").compareTo(terminal.positions().get(0).path("tp").decimalValue()), "take-profit kept");
        // The terminal's answer for the filled opening order is an outcome (an alert), not an engine error.
        final JsonNode alerts = sluice.awaitJson("/api/v1/alerts", (a) -> a.path("alerts").size() > 0 &&
            "STOPS_CHANGED".equals(a.path("alerts").get(0).path("type").asText()), "the stops change is confirmed");
        assertEquals("XAUUSD", alerts.path("alerts").get(0).path("symbol").asText());
        assertEquals(0, sluice.getJson("/api/v1/state").path("engineErrors").path("count").asInt());
        assertEquals(List.of(), sluice.gatewayErrors());
    }

    // A 0.04 lot market buy of gold with stop-loss 2340 and take-profit 2380, filled and open at the terminal.
    private JsonNode openGoldWithStops()
    {
        final String buy = ordered("mt-buy",
            "{\"id\":\"mt-buy\",\"account\":\"desk\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":\"0.04\",\"sl\":2340,\"tp\":2380}");
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + buy, o -> "FILLED".equals(o.path("status").asText()), "buy filled");
        assertDecimal("0.04", filled.path("cumQty"), "lots filled");
        assertDecimal("2350.25", filled.path("avgPrice"), "filled at the terminal's ask");
        assertDecimal("2340", filled.path("sl"), "stop-loss on the order");
        assertDecimal("2380", filled.path("tp"), "take-profit on the order");

        final List<JsonNode> open = terminal.positions();
        assertEquals(1, open.size(), open::toString);
        final JsonNode atTerminal = open.get(0);
        assertEquals("XAUUSD.m", atTerminal.path("symbol").asText(), "the terminal's symbol for XAUUSD");
        assertEquals("POSITION_TYPE_BUY", atTerminal.path("type").asText());
        assertEquals(0, new BigDecimal("0.04").compareTo(atTerminal.path("volume").decimalValue()));
        assertEquals(0, new BigDecimal("2340").compareTo(atTerminal.path("sl").decimalValue()));
        assertEquals(0, new BigDecimal("2380").compareTo(atTerminal.path("tp").decimalValue()));
        assertEquals(buy, atTerminal.path("comment").asText(), "the position carries the engine's client order id");
        final JsonNode position = awaitPosition("0.04");
        assertEquals("desk", position.path("account").asText());
        assertEquals("mt5", position.path("venue").asText());
        assertDecimal("2350.25", position.path("avgPrice"), "position price");
        return atTerminal;
    }

    private void assertClosedAtTheTerminal(final JsonNode opened)
    {
        awaitPosition("0");
        assertEquals(List.of(), terminal.positions(), "nothing open at the terminal");
        assertEquals(2, terminal.orderRequests().size(), "one request per order, nothing resent");
        assertEquals(opened.path("ticket").asLong(), terminal.orderRequests().get(1).path("position").asLong(),
            "the close names the position it closes");
        assertEquals(List.of(), sluice.gatewayErrors());
    }

    private String ordered(final String signalId, final String body)
    {
        sluice.accept("/api/v1/signals", body);
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/" + signalId,
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        return signal.path("orders").get(0).asText();
    }

    private JsonNode awaitPosition(final String quantity)
    {
        final BigDecimal expected = new BigDecimal(quantity);
        return sluice.awaitJson("/api/v1/positions", p -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().compareTo(expected) == 0, "XAUUSD position " + quantity)
            .path("positions").get(0);
    }
}
