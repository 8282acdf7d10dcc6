package io.sluice.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.mt5.fake.FakeTerminal;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.SystemHarness.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PineConnector alerts through the TradingView webhook to MetaTrader 5 on a hedging account, the whole topology:
 * {@code POST /webhook/tradingview} → engine → MT5 gateway → bridge protocol → fake terminal. Each entry is its own
 * position ticket; {@code newsltplong} moves the stops of every long ticket (TRADE_ACTION_SLTP per ticket) and no
 * short one, {@code closeshort} leaves the longs alone, {@code closelong} closes each long ticket by its ticket.
 */
@Timeout(120)
class Mt5PineConnectorSystemTest
{
    private static final String WEBHOOK_SECRET = "tv-webhook-secret-0123456789";
    private static final String LICENSE = "60123456789";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeTerminal terminal;
    private SystemHarness sluice;

    private void start() throws IOException
    {
        start(Map.of());
    }

    private void start(final Map<String, String> extra) throws IOException
    {
        final Map<String, String> settings = new HashMap<>();
        terminal = Mt5SystemTest.startTerminal(dir, settings);
        settings.put("sluice.accounts", "desk");
        settings.put("sluice.account.desk.venue", "mt5");
        settings.put("sluice.account.desk.hedging", "true");
        settings.put("sluice.account.desk.ordersPerSecond", "0");
        settings.put("sluice.risk.haltOnGatewayDown", "false");
        settings.put("sluice.instruments", "XAUUSD,EURUSD");
        settings.put("sluice.instrument.EURUSD.calendar", "ALWAYS");
        settings.put("sluice.sources", "tv");
        settings.put("sluice.source.tv.type", "tradingview");
        settings.put("sluice.source.tv.account", "desk");
        settings.put("sluice.source.tv.secret", WEBHOOK_SECRET);
        settings.put("sluice.source.tv.pine.licenseId", LICENSE);
        settings.put("sluice.source.tv.pine.slUnit", "price");
        settings.put("sluice.source.tv.pine.tpUnit", "price");
        settings.put("sluice.source.tv.pine.riskUnit", "lots");
        settings.putAll(extra);
        sluice = new SystemHarness(dir, settings, "mt5", null);
        sluice.awaitCondition(() -> sluice.hasQuote("XAUUSD"), "the engine has a gold quote");
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, terminal);
    }

    @Test
    void shouldMoveStopsOfEveryLongTicketAndCloseEachSideOnItsOwnPineConnectorCommand() throws IOException
    {
        start();
        final String long1 = entry("buy,XAUUSD,risk=0.01,sl=2340,tp=2380");
        final String long2 = entry("buy,XAUUSD,risk=0.02,sl=2335,tp=2390");
        final String short1 = entry("sell,XAUUSD,risk=0.01,sl=2365,tp=2300");
        awaitPositions(3);
        final long long1Ticket = ticketOf(long1);
        final long long2Ticket = ticketOf(long2);
        final long shortTicket = ticketOf(short1);

        // newsltplong: one TRADE_ACTION_SLTP per long ticket with the alert's levels; the short keeps its stops.
        final int before = terminal.orderRequests().size();
        alert("newsltplong,XAUUSD,sl=2345,tp=2400");
        sluice.awaitCondition(() -> hasStops(long1Ticket, "2345", "2400") && hasStops(long2Ticket, "2345", "2400"),
            "both long tickets carry the new stops at the terminal");
        final List<JsonNode> sltp = requestsSince(before, "TRADE_ACTION_SLTP");
        assertEquals(List.of(long1Ticket, long2Ticket), sltp.stream().map((r) -> r.path("position").asLong()).collect(Collectors.toList()));
        for (final JsonNode request : sltp)
        {
            assertEquals(0, new BigDecimal("2345").compareTo(request.path("sl").decimalValue()), request::toString);
            assertEquals(0, new BigDecimal("2400").compareTo(request.path("tp").decimalValue()), request::toString);
            assertEquals("XAUUSD.m", request.path("symbol").asText());
        }
        assertTrue(hasStops(shortTicket, "2365", "2300"), "the short ticket's stops are untouched");
        final List<JsonNode> changed = awaitAlerts("STOPS_CHANGED", 2);
        assertTrue(changed.stream().allMatch((a) -> "INFO".equals(a.path("severity").asText()) &&
            "XAUUSD".equals(a.path("symbol").asText())), changed::toString);

        // Stops the terminal refuses (a long's stop-loss above the bid) are an alert with the retcode, not an engine error.
        alert("newsltplong,XAUUSD,sl=2355");
        final List<JsonNode> refused = awaitAlerts("STOPS_REJECTED", 2);
        assertTrue(refused.get(0).path("text").asText().contains("INVALID_STOPS (10016)"), refused::toString);
        assertTrue(hasStops(long1Ticket, "2345", "2400") && hasStops(long2Ticket, "2345", "2400"), "refused stops changed nothing");

        // closeshort closes the short ticket only.
        alert("closeshort,XAUUSD");
        awaitPositions(2);
        assertEquals(List.of(long1Ticket, long2Ticket), openTickets());
        final List<JsonNode> shortClose = requestsSince(before, "TRADE_ACTION_DEAL");
        assertEquals(1, shortClose.size(), shortClose::toString);
        assertEquals(shortTicket, shortClose.get(0).path("position").asLong());
        assertEquals("ORDER_TYPE_BUY", shortClose.get(0).path("type").asText());

        // closelong closes every long ticket, each by its own ticket, oldest first.
        final int beforeClose = terminal.orderRequests().size();
        alert("closelong,XAUUSD");
        awaitPositions(0);
        final List<JsonNode> longCloses = requestsSince(beforeClose, "TRADE_ACTION_DEAL");
        assertEquals(List.of(long1Ticket, long2Ticket),
            longCloses.stream().map((r) -> r.path("position").asLong()).collect(Collectors.toList()));
        assertTrue(longCloses.stream().allMatch((r) -> "ORDER_TYPE_SELL".equals(r.path("type").asText())), longCloses::toString);
        assertDecimal("0.01", longCloses.get(0).path("volume"), "the first long's volume");
        assertDecimal("0.02", longCloses.get(1).path("volume"), "the second long's volume");
        sluice.awaitJson("/api/v1/positions", (p) -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().signum() == 0, "the engine's position is flat");

        // Nothing left: closelong is refused with a reason, nothing reaches the terminal.
        final String nothing = alert("closelong,XAUUSD");
        final JsonNode refusedClose = awaitSignal(nothing);
        assertEquals("REJECTED", refusedClose.path("status").asText(), refusedClose::toString);
        assertEquals(beforeClose + 2, terminal.orderRequests().size());
        assertEquals(0, sluice.getJson("/api/v1/state").path("engineErrors").path("count").asInt(),
            () -> sluice.getJson("/api/v1/state").path("engineErrors").toString());
        assertEquals(List.of(), sluice.gatewayErrors());
    }

    @Test
    void shouldResolveATimedOutEntryWithExactlyOneTicketAndManageItAfterAReconnect() throws IOException
    {
        start(Map.of("sluice.mt5.requestTimeoutMs", "1000"));
        // The terminal executes the entry but its answer is lost: UNKNOWN, then the gateway's snapshot finds the deal.
        terminal.timeOutNext();
        final String long1 = entry("buy,XAUUSD,risk=0.03,sl=2340,tp=2380");
        assertEquals(1, terminal.orderRequests().size(), "never resent");
        assertEquals(List.of("PENDING_NEW", "UNKNOWN", "FILLED"), statusesOf(long1), "the lost answer was UNKNOWN until reconciled");
        assertEquals(1, terminal.positions().size());
        final JsonNode position = sluice.awaitJson("/api/v1/positions", (p) -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().compareTo(new BigDecimal("0.03")) == 0, "one 0.03 lot position");
        assertDecimal("2350.25", position.path("positions").get(0).path("avgPrice"), "entry price");

        // The link drops and comes back: the gateway reconciles, and the engine still manages the ticket.
        terminal.disconnect();
        sluice.awaitCondition(() -> terminal.sessions() >= 2 && terminal.isConnected(), "the gateway reconnected");
        sluice.awaitJson("/health", (h) -> "UP".equals(h.path("gateways").path("mt5").asText()), "the gateway is UP again");
        final long ticket = ticketOf(long1);
        alert("newsltplong,XAUUSD,sl=2342,tp=2385");
        sluice.awaitCondition(() -> hasStops(ticket, "2342", "2385"), "the new stops reach the ticket after the reconnect");
        alert("closelong,XAUUSD");
        awaitPositions(0);
        sluice.awaitJson("/api/v1/positions", (p) -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().signum() == 0, "the engine's position is flat");
        assertEquals(0, sluice.getJson("/api/v1/state").path("engineErrors").path("count").asInt(),
            () -> sluice.getJson("/api/v1/state").path("engineErrors").toString());
        assertEquals(List.of(), sluice.gatewayErrors());
    }

    // The engine's order states as journaled, without repeats.
    private List<String> statusesOf(final String clientOrderId)
    {
        final List<String> statuses = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final OrderUpdateDecoder update = new OrderUpdateDecoder();
        sluice.readJournal((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (kind == JournalRecord.KIND_OUTPUT && header.templateId() == OrderUpdateDecoder.TEMPLATE_ID)
            {
                update.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                final String status = update.ordStatus().name();
                if (clientOrderId.equals(update.clientOrderId().trim()) &&
                    (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)))
                {
                    statuses.add(status);
                }
            }
        });
        return statuses;
    }

    // An entry alert that must be ordered and filled: returns its client order id.
    private String entry(final String command)
    {
        final JsonNode signal = awaitSignal(alert(command));
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        final String order = signal.path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + order, (o) -> "FILLED".equals(o.path("status").asText()), command + " filled");
        return order;
    }

    private String alert(final String command)
    {
        try
        {
            // What TradingView sends for an alert message that is not JSON.
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sluice.api().port() + "/webhook/tradingview"))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(LICENSE + "," + command + ",secret=" + WEBHOOK_SECRET)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            final JsonNode answer = SystemHarness.JSON.readTree(response.body());
            assertEquals("PINECONNECTOR", answer.path("format").asText(), response.body());
            return answer.path("signalId").asText();
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private JsonNode awaitSignal(final String signalId)
    {
        return sluice.awaitJson("/api/v1/signals/" + signalId,
            (s) -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
    }

    private long ticketOf(final String clientOrderId)
    {
        return terminal.positions().stream().filter((p) -> clientOrderId.equals(p.path("comment").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no position opened by " + clientOrderId + ": " + terminal.positions()))
            .path("ticket").asLong();
    }

    private List<Long> openTickets()
    {
        return terminal.positions().stream().map((p) -> p.path("ticket").asLong()).sorted().collect(Collectors.toList());
    }

    private boolean hasStops(final long ticket, final String sl, final String tp)
    {
        for (final JsonNode position : terminal.positions())
        {
            if (position.path("ticket").asLong() == ticket)
            {
                return new BigDecimal(sl).compareTo(position.path("sl").decimalValue()) == 0 &&
                    new BigDecimal(tp).compareTo(position.path("tp").decimalValue()) == 0;
            }
        }
        return false;
    }

    private List<JsonNode> requestsSince(final int index, final String action)
    {
        final List<JsonNode> requests = terminal.orderRequests();
        final List<JsonNode> matching = new ArrayList<>();
        for (int i = index; i < requests.size(); i++)
        {
            if (action.equals(requests.get(i).path("action").asText()))
            {
                matching.add(requests.get(i));
            }
        }
        return matching;
    }

    private void awaitPositions(final int count)
    {
        sluice.awaitCondition(() -> terminal.positions().size() == count, count + " position(s) open at the terminal");
    }

    private List<JsonNode> awaitAlerts(final String type, final int count)
    {
        final JsonNode alerts = sluice.awaitJson("/api/v1/alerts", (a) ->
        {
            int seen = 0;
            for (final JsonNode alert : a.path("alerts"))
            {
                seen += type.equals(alert.path("type").asText()) ? 1 : 0;
            }
            return seen >= count;
        }, count + " " + type + " alert(s)");
        final List<JsonNode> matching = new ArrayList<>();
        for (final JsonNode alert : alerts.path("alerts"))
        {
            if (type.equals(alert.path("type").asText()))
            {
                matching.add(alert);
            }
        }
        return matching;
    }
}
