package io.sluice.admin.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.admin.TestRecords;
import io.sluice.admin.metrics.MetricsRegistry;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Severity;
import io.sluice.sbe.Side;
import io.sluice.sbe.TradingState;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Notifications from a real journal to fake Telegram Bot API, WhatsApp Cloud API and webhook servers on loopback.
 */
class NotificationServiceTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_TOKEN = "123456:telegram-test-token";
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private Journal journal;
    private HttpServer server;
    private java.util.concurrent.ExecutorService executor;
    private final List<JsonNode> telegram = new CopyOnWriteArrayList<>();
    private final List<JsonNode> whatsapp = new CopyOnWriteArrayList<>();
    private final List<String> whatsappAuth = new CopyOnWriteArrayList<>();
    private final AtomicLong nowNs = new AtomicLong(T0);
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final Map<String, String> env = new HashMap<>(Map.of(
        NotificationService.TELEGRAM_TOKEN_ENV, BOT_TOKEN, NotificationService.WHATSAPP_TOKEN_ENV, "wa-token"));
    private NotificationService service;
    private long seq;
    private org.agrona.concurrent.UnsafeBuffer recordsBuffer;

    @BeforeEach
    void setUp() throws IOException
    {
        journal = Journal.open(dir.resolve("journal"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/bot" + BOT_TOKEN + "/sendMessage", exchange -> record(exchange, telegram, 200, "{\"ok\":true,\"result\":{}}"));
        server.createContext("/wa/5550001/messages", exchange ->
        {
            whatsappAuth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            record(exchange, whatsapp, 200, "{\"messages\":[{\"id\":\"wamid.1\"}]}");
        });
        server.createContext("/broken", exchange -> record(exchange, new ArrayList<>(), 500, "{}"));
        server.createContext("/slow", exchange ->
        {
            try
            {
                Thread.sleep(2_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            record(exchange, new ArrayList<>(), 200, "{}");
        });
        executor = java.util.concurrent.Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(service, journal);
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void shouldSendEachChannelOnlyWhatItsFilterChose()
    {
        start(Map.of(
            "sluice.notify.telegram.chatId", "-100200",
            "sluice.notify.telegram.events", "FILL,KILL_SWITCH,REFUSAL",
            "sluice.notify.telegram.refusals", "KILL_SWITCH",
            "sluice.notify.telegram.burst", "100",
            "sluice.notify.whatsapp.phoneNumberId", "5550001",
            "sluice.notify.whatsapp.to", "4915550000",
            "sluice.notify.whatsapp.baseUrl", base() + "/wa",
            "sluice.notify.whatsapp.events", "GATEWAY_DOWN,GATEWAY_UP,CIRCUIT_BREAKER,APPROVAL_WAITING,SESSION_EXPIRED",
            "sluice.notify.whatsapp.burst", "100"));
        append((a, r) ->
        {
            in(a, r.executionReport("ORD0000000001", "V1", "main", "paper", "BTCUSDT", ExecType.TRADE, OrdStatus.FILLED, Side.BUY,
                "1", "65000", "1", "0", "65000", T0, ""));
            out(a, r.riskReject(RejectReason.MAX_NOTIONAL, "1000", "2000", "", "main", "BTCUSDT", T0, "s-1", "", "too big"));
            out(a, r.riskReject(RejectReason.KILL_SWITCH, null, null, "", "main", "BTCUSDT", T0, "s-2", "", "halted"));
            out(a, r.tradingStateUpdate(AdminScope.GLOBAL, "", TradingState.HALTED, T0, "olivia", "drill"));
            in(a, r.gatewayStatus("paper", GatewayState.UP, T0, "connected"));
            in(a, r.gatewayStatus("paper", GatewayState.DOWN, T0, "socket closed"));
            out(a, r.alert(AlertType.CIRCUIT_BREAKER, Severity.CRITICAL, "main", "", "", T0, "3 losses"));
            out(a, r.alert(AlertType.APPROVAL_WAITING, Severity.WARN, "main", "", "", T0, "order waits for approval"));
        });
        await("telegram to get fill, refusal and kill switch", () -> texts(telegram).contains("Kill switch: all trading halted") &&
            texts(telegram).contains("Refused KILL_SWITCH: signal s-2") && texts(telegram).contains("Fill: BUY 1 BTCUSDT @ 65000"));
        await("whatsapp to get gateway down, breaker and approval", () -> texts(whatsapp).contains("Gateway paper is DOWN: socket closed") &&
            texts(whatsapp).contains("CRITICAL CIRCUIT_BREAKER (main): 3 losses") && texts(whatsapp).contains("APPROVAL_WAITING"));

        assertFalse(texts(telegram).contains("MAX_NOTIONAL"), "refusal reasons not chosen are not sent");
        assertFalse(texts(telegram).contains("Gateway"), texts(telegram));
        assertFalse(texts(whatsapp).contains("Fill"), texts(whatsapp));
        assertFalse(texts(whatsapp).contains("is UP"), "the first UP of a gateway is not news");
        assertEquals("-100200", telegram.get(0).path("chat_id").asText());
        assertEquals("whatsapp", whatsapp.get(0).path("messaging_product").asText());
        assertEquals("4915550000", whatsapp.get(0).path("to").asText());
        assertEquals("Bearer wa-token", whatsappAuth.get(0));
    }

    @Test
    void shouldTurnABurstIntoOneSummary()
    {
        start(Map.of(
            "sluice.notify.telegram.chatId", "-100200",
            "sluice.notify.telegram.burst", "1",
            "sluice.notify.telegram.perMinute", "1"));
        append((a, r) -> in(a, fill(r, 0)));
        await("the first fill", () -> telegram.size() == 1);
        assertTrue(telegram.get(0).path("text").asText().startsWith("Fill: BUY 1 BTCUSDT"), telegram.toString());

        append((a, r) ->
        {
            for (int i = 1; i <= 20; i++)
            {
                in(a, fill(r, i));
            }
        });
        await("the burst to be queued", () -> metrics.value("sluice_notifications_queued_total", "channel", "telegram") == 21);
        assertEquals(1, telegram.size(), "no token left: the burst waits");
        nowNs.addAndGet(60_000_000_000L);
        await("one summary", () -> telegram.size() == 2);
        final String summary = telegram.get(1).path("text").asText();
        assertTrue(summary.startsWith("Sluice: 20 notifications (20 fill)"), summary);
        assertTrue(summary.contains("... and 10 more"), summary);
        await("the summary to be counted", () -> metrics.value("sluice_notifications_sent_total", "channel", "telegram") == 2);
        assertEquals(21, metrics.value("sluice_notifications_covered_total", "channel", "telegram"));
    }

    @Test
    void shouldKeepDeliveringWhenAnotherChannelFailsOrHangs()
    {
        final Map<String, String> settings = new HashMap<>(Map.of(
            "sluice.notify.telegram.chatId", "-100200",
            "sluice.notify.telegram.burst", "100",
            "sluice.notify.webhook.url", base() + "/slow",
            "sluice.notify.webhook.burst", "100",
            "sluice.notify.timeoutMs", "300"));
        start(settings);
        for (int i = 0; i < 3; i++)
        {
            final int n = i;
            append((a, r) -> in(a, fill(r, n)));
            await("telegram to deliver fill " + n, () -> texts(telegram).contains("order ORD" + String.format("%010d", n)));
        }
        await("the hanging webhook's failures to be counted",
            () -> metrics.value("sluice_notification_failures_total", "channel", "webhook") >= 1);
        assertEquals(0, metrics.value("sluice_notification_failures_total", "channel", "telegram"));
    }

    @Test
    void shouldCountFailuresOfABrokenEndpoint()
    {
        start(Map.of("sluice.notify.webhook.url", base() + "/broken"));
        append((a, r) -> in(a, fill(r, 7)));
        await("a failure", () -> metrics.value("sluice_notification_failures_total", "channel", "webhook") == 1);
        assertEquals(0, metrics.value("sluice_notifications_sent_total", "channel", "webhook"));
        assertTrue(metrics.scrape().contains("sluice_notification_failures_total{channel=\"webhook\"} 1"));
    }

    private void start(final Map<String, String> values)
    {
        final Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("sluice.notify.telegram.baseUrl", base());
        service = new NotificationService(Settings.of(all), env::get, journal, nowNs::get, metrics, Throwable::printStackTrace);
    }

    private String base()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int fill(final TestRecords r, final int n)
    {
        return r.executionReport("ORD" + String.format("%010d", n), "V" + n, "main", "paper", "BTCUSDT", ExecType.TRADE, OrdStatus.FILLED,
            Side.BUY, "1", "65000", "1", "0", "65000", T0 + n, "");
    }

    private interface Writer
    {
        void write(JournalAppender appender, TestRecords records);
    }

    private void append(final Writer writer)
    {
        final TestRecords records = new TestRecords();
        recordsBuffer = records.buffer;
        try (JournalAppender appender = journal.appender())
        {
            writer.write(appender, records);
        }
    }

    private void in(final JournalAppender appender, final int length)
    {
        appender.append(JournalRecord.KIND_INPUT, ++seq, T0, recordsBuffer, 0, length);
    }

    private void out(final JournalAppender appender, final int length)
    {
        appender.append(JournalRecord.KIND_OUTPUT, seq, T0, recordsBuffer, 0, length);
    }

    private static String texts(final List<JsonNode> messages)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JsonNode message : messages)
        {
            final JsonNode text = message.has("text") && message.get("text").isObject() ? message.get("text").get("body") : message.get("text");
            sb.append(text.asText()).append('\n');
        }
        return sb.toString();
    }

    private static void record(final HttpExchange exchange, final List<JsonNode> into, final int status, final String answer)
        throws IOException
    {
        into.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
