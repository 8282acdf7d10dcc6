package io.sluice.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.NewOrderDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signal ingestion through admin-api and the whole topology: dry runs answered by the engine, hedge pairs with a
 * failing second leg, and the approval queue.
 */
@Timeout(120)
class IngestSystemTest
{
    private static final String SECRET = "s3cret-desk";
    private static final String TEXT_SIGNAL = "BTCUSDT BUY 65000 SL 64000 TP 67000";

    @TempDir
    Path dir;

    private SystemHarness sluice;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietClose(sluice);
    }

    private static Map<String, String> deskSource(final Map<String, String> extra)
    {
        final Map<String, String> settings = new HashMap<>(Map.of(
            "sluice.sources", "desk",
            "sluice.source.desk.type", "tradingview",
            "sluice.source.desk.account", "main",
            "sluice.source.desk.secret", SECRET,
            "sluice.source.desk.defaultQty", "0.01"));
        settings.putAll(extra);
        return settings;
    }

    private HttpResponse<String> postText(final String path, final String body)
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sluice.api().port() + path))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode json(final HttpResponse<String> response)
    {
        try
        {
            return SystemHarness.JSON.readTree(response.body());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(response.body(), ex);
        }
    }

    private long newOrders()
    {
        return sluice.countRecords(JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldShowWhatTheEngineWouldDoWithAMessageWithoutTrading()
    {
        sluice = new SystemHarness(dir, deskSource(Map.of()));

        final HttpResponse<String> dry = postText("/api/v1/signals/parse?format=tradingview&channel=desk&id=tv-1", TEXT_SIGNAL);
        assertEquals(200, dry.statusCode(), dry.body());
        final JsonNode answer = json(dry);
        assertEquals("ROUTE", answer.path("outcome").asText(), dry.body());
        assertTrue(answer.path("wouldTrade").asBoolean());
        assertEquals("FREE_TEXT", answer.path("format").asText());
        assertEquals("desk", answer.path("channel").asText());
        assertEquals("main", answer.path("account").asText());
        assertEquals("tv-1", answer.path("signalId").asText());
        assertEquals("NEW_TRADE", answer.path("intents").get(0).path("outcome").asText());
        final JsonNode leg = answer.path("intents").get(1);
        assertEquals("BTCUSDT", leg.path("symbol").asText());
        assertEquals("BUY", leg.path("side").asText());
        assertEquals("0.01", leg.path("qty").asText(), "completed from the channel's defaultQty");
        assertEquals("64000", leg.path("sl").asText());

        // A gate that would refuse is named with its limit, and nothing of it trades either.
        final HttpResponse<String> tooBig = sluice.post("/api/v1/signals/parse?format=canonical",
            "{\"id\":\"c-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":100000}");
        assertEquals(200, tooBig.statusCode(), tooBig.body());
        assertEquals("REFUSE", json(tooBig).path("outcome").asText(), tooBig.body());
        assertFalse(json(tooBig).path("reason").asText().isEmpty(), tooBig.body());
        assertFalse(json(tooBig).path("wouldTrade").asBoolean());

        final HttpResponse<String> noise = postText("/api/v1/signals/parse?format=text&account=main", "Great week everyone, +320 pips!");
        assertEquals("NOT_A_SIGNAL", json(noise).path("reason").asText(), noise.body());

        assertEquals(400, postText("/api/v1/signals/parse?format=fax", TEXT_SIGNAL).statusCode());
        assertEquals(400, postText("/api/v1/signals/parse?format=text&channel=nobody", TEXT_SIGNAL).statusCode());
        assertEquals(0, newOrders(), "dry runs never trade");
        assertEquals(404, sluice.get("/api/v1/signals/tv-1").statusCode(), "a dry run is not a signal");

        // The real alert trades; a dry run of a signal id already traded says DUPLICATE.
        final HttpResponse<String> alert = postText("/webhook/tradingview/" + SECRET, TEXT_SIGNAL);
        assertEquals(200, alert.statusCode(), alert.body());
        final String signalId = json(alert).path("signalId").asText();
        sluice.awaitJson("/api/v1/signals/" + signalId, s -> "ORDERED".equals(s.path("status").asText()), "the real alert trades");
        sluice.accept("/api/v1/signals", "{\"id\":\"c-2\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.01\"}");
        sluice.awaitJson("/api/v1/signals/c-2", s -> "ORDERED".equals(s.path("status").asText()), "c-2 trades");
        final HttpResponse<String> again = sluice.post("/api/v1/signals/parse?format=canonical",
            "{\"id\":\"c-2\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.01\"}");
        assertEquals("DUPLICATE", json(again).path("reason").asText(), again.body());
        assertEquals("id", json(again).path("field").asText());
        assertEquals(2, newOrders());
    }

    @Test
    void shouldFlagAHedgePairWhoseSecondLegFailsBlockPairEntriesAndTradeAgainOnceCleared()
    {
        // DOGEUSDT is tradable for the engine but unknown to the paper venue: its leg is a venue reject.
        sluice = new SystemHarness(dir, Map.of("sluice.instruments", "BTCUSDT,ETHUSDT,EURUSD,XAUUSD,INFY,NIFTY,DOGEUSDT"));
        final String failing = "{\"id\":\"p-1\",\"account\":\"main\",\"pair\":\"BD\",\"event\":\"ENTRY\",\"legs\":[" +
            "{\"symbol\":\"DOGEUSDT\",\"side\":\"SELL\",\"qty\":\"100\",\"type\":\"limit\",\"price\":\"0.1\"}," +
            "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\"}]}";
        sluice.accept("/api/v1/signals/hedge-pair", failing);
        final JsonNode pair = sluice.awaitJson("/api/v1/signals/p-1", s -> s.path("orders").size() == 2, "both legs routed");
        final JsonNode first = sluice.awaitJson("/api/v1/orders/" + pair.path("orders").get(0).asText(),
            o -> "FILLED".equals(o.path("status").asText()), "the BUY leg fills first");
        assertEquals("BUY", first.path("side").asText());
        assertEquals("BTCUSDT", first.path("symbol").asText());
        final JsonNode second = sluice.awaitJson("/api/v1/orders/" + pair.path("orders").get(1).asText(),
            o -> "REJECTED".equals(o.path("status").asText()), "the SELL leg is rejected by the venue");
        assertEquals("DOGEUSDT", second.path("symbol").asText());
        sluice.awaitJson("/api/v1/alerts", a -> hasAlert(a, "PAIR_FLAGGED", "CRITICAL"), "the pair is flagged");

        sluice.accept("/api/v1/signals/hedge-pair", failing.replace("p-1", "p-2"));
        final JsonNode blocked = sluice.awaitJson("/api/v1/signals/p-2", s -> "REJECTED".equals(s.path("status").asText()), "blocked");
        assertEquals("PAIR_BLOCKED", blocked.path("reject").path("reason").asText());
        assertEquals(0, blocked.path("orders").size());

        assertEquals(400, sluice.post("/api/v1/pairs/clear-flag", "{\"actor\":\"alice\"}").statusCode(), "the flag is per account");
        sluice.accept("/api/v1/pairs/clear-flag", "{\"account\":\"main\",\"actor\":\"alice\",\"reason\":\"DOGE leg closed by hand\"}");
        sluice.awaitJson("/api/v1/alerts", a -> hasAlert(a, "PAIR_FLAGGED", "INFO"), "the flag is cleared");

        sluice.accept("/api/v1/signals/hedge-pair", "{\"id\":\"p-3\",\"account\":\"main\",\"pair\":\"BE\",\"event\":\"ENTRY\",\"legs\":[" +
            "{\"symbol\":\"ETHUSDT\",\"side\":\"SELL\",\"qty\":\"0.1\"},{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\"}]}");
        final JsonNode traded = sluice.awaitJson("/api/v1/signals/p-3", s -> s.path("orders").size() == 2, "the next pair trades");
        final JsonNode buy = sluice.awaitJson("/api/v1/orders/" + traded.path("orders").get(0).asText(),
            o -> "FILLED".equals(o.path("status").asText()), "BUY leg filled");
        assertEquals("BUY", buy.path("side").asText());
        final JsonNode sell = sluice.awaitJson("/api/v1/orders/" + traded.path("orders").get(1).asText(),
            o -> "FILLED".equals(o.path("status").asText()), "SELL leg filled");
        assertEquals("SELL", sell.path("side").asText());
        assertEquals("ETHUSDT", sell.path("symbol").asText());
    }

    @Test
    void shouldHoldALowConfidenceSignalUntilApprovedAndTradeNothingOfARejectedOne()
    {
        sluice = new SystemHarness(dir, deskSource(Map.of("sluice.account.main.minConfidence", "95")));
        final HttpResponse<String> first = postText("/webhook/tradingview/" + SECRET, TEXT_SIGNAL);
        assertEquals(200, first.statusCode(), first.body());
        final String approved = json(first).path("signalId").asText();
        final HttpResponse<String> second = postText("/webhook/tradingview/" + SECRET, "ETHUSDT SELL 3500 SL 3600 TP 3300");
        assertEquals(200, second.statusCode(), second.body());
        final String rejected = json(second).path("signalId").asText();

        final JsonNode waiting = sluice.awaitJson("/api/v1/approvals", a -> a.path("approvals").size() == 2, "two signals wait");
        for (final JsonNode approval : waiting.path("approvals"))
        {
            assertEquals("main", approval.path("account").asText());
            assertTrue(approval.path("detail").asText().contains("minConfidence"), approval.toString());
        }
        assertEquals("AWAITING_APPROVAL", sluice.getJson("/api/v1/signals/" + approved).path("reject").path("reason").asText());
        assertEquals(0, newOrders());

        sluice.accept("/api/v1/approvals/" + approved + "/approve", "{\"actor\":\"alice\"}");
        final JsonNode traded = sluice.awaitJson("/api/v1/signals/" + approved, s -> "ORDERED".equals(s.path("status").asText()),
            "the approved signal trades");
        final JsonNode order = sluice.getJson("/api/v1/orders/" + traded.path("orders").get(0).asText());
        assertEquals("BTCUSDT", order.path("symbol").asText());
        assertEquals("BUY", order.path("side").asText());

        sluice.accept("/api/v1/approvals/" + rejected + "/reject", "{\"actor\":\"alice\",\"reason\":\"not today\"}");
        final JsonNode refused = sluice.awaitJson("/api/v1/signals/" + rejected,
            s -> "APPROVAL_REJECTED".equals(s.path("reject").path("reason").asText()), "the rejected signal is refused");
        assertEquals(0, refused.path("orders").size());
        sluice.awaitJson("/api/v1/approvals", a -> a.path("approvals").size() == 0, "nothing waits any more");
        assertEquals(1, newOrders(), "only the approved signal traded");
    }

    @Test
    void shouldChangeTheEntryOfAPendingSignalAndCancelAnotherThroughTheirChannel()
    {
        sluice = new SystemHarness(dir, deskSource(Map.of()));
        final String first = json(postText("/webhook/tradingview/" + SECRET, "BTCUSDT BUY 60000 SL 59000 TP 70000")).path("signalId").asText();
        final String entry = sluice.awaitJson("/api/v1/signals/" + first, s -> "ORDERED".equals(s.path("status").asText()), "routed")
            .path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + entry, o -> "NEW".equals(o.path("status").asText()), "resting below the market");

        final HttpResponse<String> change = postText("/webhook/tradingview/" + SECRET, "Change entry for BTCUSDT to 66000");
        assertEquals(200, change.statusCode(), change.body());
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + entry, o -> "FILLED".equals(o.path("status").asText()),
            "re-priced above the market, it fills");
        SystemHarness.assertDecimal("66000", filled.path("avgPrice"), "filled at the new entry");

        final String second = json(postText("/webhook/tradingview/" + SECRET, "BTCUSDT BUY 61000 SL 59000 TP 70000")).path("signalId").asText();
        final String resting = sluice.awaitJson("/api/v1/signals/" + second, s -> "ORDERED".equals(s.path("status").asText()), "routed")
            .path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + resting, o -> "NEW".equals(o.path("status").asText()), "resting");
        postText("/webhook/tradingview/" + SECRET, "cancel the BTC signal");
        sluice.awaitJson("/api/v1/orders/" + resting, o -> "CANCELED".equals(o.path("status").asText()), "the pending signal is cancelled");

        // The same text again is a duplicate (TradingView bodies are deduplicated by hash); other words, nothing pending.
        final String third = json(postText("/webhook/tradingview/" + SECRET, "Cancel the BTCUSDT signal")).path("signalId").asText();
        final JsonNode refused = sluice.awaitJson("/api/v1/signals/" + third, s -> "REJECTED".equals(s.path("status").asText()), "refused");
        assertEquals("NOT_A_SIGNAL", refused.path("reject").path("reason").asText());
        assertEquals(2, newOrders(), "management places no orders");
    }

    private static boolean hasAlert(final JsonNode alerts, final String type, final String severity)
    {
        for (final JsonNode alert : alerts.path("alerts"))
        {
            if (type.equals(alert.path("type").asText()) && severity.equals(alert.path("severity").asText()))
            {
                return true;
            }
        }
        return false;
    }
}
