package io.sluice.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
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
import io.sluice.sbe.AdminScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * WS /api/v1/stream: authenticated, events from the journal tail in order, resume after a journal index.
 */
class StreamTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    static Path dir;
    private static SecureApi api;
    private static long seq;

    @BeforeAll
    static void launch()
    {
        api = new SecureApi(dir, Map.of());
    }

    @AfterAll
    static void close()
    {
        api.close();
    }

    @Test
    void shouldRefuseTheStreamWithoutAValidToken()
    {
        final CompletionException ex = assertThrows(CompletionException.class, () -> connect("", new Listener()).join());
        assertTrue(String.valueOf(ex.getCause()).contains("401") || ex.getCause() instanceof java.net.http.WebSocketHandshakeException,
            String.valueOf(ex.getCause()));
        assertThrows(CompletionException.class, () -> connect("access_token=not-a-token", new Listener()).join());
    }

    @Test
    void shouldPushJournalEventsAndResumeAfterTheLastIndexSeen() throws Exception
    {
        final String token = api.token("victor");
        final Listener first = new Listener();
        final WebSocket socket = connect("access_token=" + token, first).join();
        assertEquals("subscribed", first.next().path("type").asText());

        final String order = "ORD0000000001";
        journal((appender, r) ->
        {
            in(appender, ++seq, r, r.rawSignal("ws-1", "main", T0, "{\"id\":\"ws-1\"}"));
            out(appender, seq, r, r.newOrder(order, "ws-1", "main", "paper", "BTCUSDT", Side.BUY, OrdType.MARKET, TimeInForce.IOC,
                "1", null, null, null, null, T0 + 1));
            in(appender, ++seq, r, r.executionReport(order, "V1", "main", "paper", "BTCUSDT", ExecType.TRADE, OrdStatus.FILLED, Side.BUY,
                "1", "65000", "1", "0", "65000", T0 + 2, ""));
            out(appender, seq, r, r.positionUpdate("main", "paper", "BTCUSDT", "1", "65000", "0", T0 + 3));
        });
        final List<JsonNode> events = first.take(4);
        assertEquals(List.of("signal", "newOrder", "execution", "position"), events.stream().map(e -> e.path("type").asText()).toList());
        assertEquals("ws-1", events.get(0).path("data").path("signalId").asText());
        assertEquals(0, events.get(3).path("data").path("quantity").decimalValue().compareTo(java.math.BigDecimal.ONE));
        final long lastSeen = events.get(3).path("index").asLong();
        for (int i = 1; i < events.size(); i++)
        {
            assertTrue(events.get(i).path("index").asLong() > events.get(i - 1).path("index").asLong(), "journal order");
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        // While disconnected, more happens.
        journal((appender, r) ->
        {
            in(appender, ++seq, r, r.rawSignal("ws-2", "main", T0 + 10, "{\"id\":\"ws-2\"}"));
            out(appender, seq, r, r.riskReject(RejectReason.KILL_SWITCH, null, null, "", "main", "BTCUSDT", T0 + 11, "ws-2", "", "halted"));
            out(appender, ++seq, r, r.tradingStateUpdate(AdminScope.GLOBAL, "", TradingState.HALTED, T0 + 12, "olivia", "drill"));
            out(appender, ++seq, r, r.alert(AlertType.CIRCUIT_BREAKER, Severity.CRITICAL, "main", "", "", T0 + 13, "3 losses in a row"));
            in(appender, ++seq, r, r.gatewayStatus("paper", GatewayState.DOWN, T0 + 14, "disconnected"));
            in(appender, ++seq, r, r.gatewayStatus("paper", GatewayState.DOWN, T0 + 15, "disconnected"));
        });

        final Listener resumed = new Listener();
        final WebSocket again = connect("after=" + lastSeen + "&access_token=" + api.token("victor"), resumed).join();
        assertEquals("subscribed", resumed.next().path("type").asText());
        final List<JsonNode> missed = resumed.take(5);
        assertEquals(List.of("signal", "refusal", "tradingState", "alert", "gateway"), missed.stream().map(e -> e.path("type").asText()).toList(),
            "exactly what came after the last index seen; a repeated gateway state is not pushed again");
        assertEquals("KILL_SWITCH", missed.get(1).path("data").path("reason").asText());
        assertEquals("olivia", missed.get(2).path("data").path("actor").asText());
        assertTrue(missed.get(0).path("index").asLong() > lastSeen);
        again.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        final Listener unknown = new Listener();
        connect("after=123456789&access_token=" + api.token("victor"), unknown).join();
        assertEquals("reset", unknown.next().path("type").asText(), "an index not in the journal asks the client to reload");
    }

    private interface Writer
    {
        void write(JournalAppender appender, TestRecords records);
    }

    private static void journal(final Writer writer)
    {
        final TestRecords r = new TestRecords();
        try (Journal journal = Journal.open(api.harness.journalDir); JournalAppender appender = journal.appender())
        {
            writer.write(appender, r);
        }
    }

    private static void in(final JournalAppender appender, final long sequence, final TestRecords r, final int length)
    {
        appender.append(JournalRecord.KIND_INPUT, sequence, T0, r.buffer, 0, length);
    }

    private static void out(final JournalAppender appender, final long sequence, final TestRecords r, final int length)
    {
        appender.append(JournalRecord.KIND_OUTPUT, sequence, T0, r.buffer, 0, length);
    }

    private static CompletableFuture<WebSocket> connect(final String query, final Listener listener)
    {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(ApiHarness.TIMEOUT)
            .buildAsync(URI.create("ws://127.0.0.1:" + api.harness.api.port() + "/api/v1/stream?" + query), listener);
    }

    /** Collects text messages as JSON. */
    static final class Listener implements WebSocket.Listener
    {
        private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                try
                {
                    messages.add(ApiHarness.MAPPER.readTree(partial.toString()));
                }
                catch (final Exception ex)
                {
                    fail("not JSON: " + partial);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException
        {
            final JsonNode message = messages.poll(ApiHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null)
            {
                fail("no stream message within " + ApiHarness.TIMEOUT);
            }
            return message;
        }

        List<JsonNode> take(final int count) throws InterruptedException
        {
            final List<JsonNode> result = new ArrayList<>();
            while (result.size() < count)
            {
                result.add(next());
            }
            return result;
        }
    }
}
