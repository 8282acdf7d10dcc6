package io.sluice.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.protocol.Settings;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operator administration through the whole topology (HTTP → Aeron → engine → journal → read model, paper
 * venue): accounts created, disabled and enabled through the admin API, surviving an engine restart because
 * they are journaled inputs, and an operator's cancel of a resting order.
 */
@Timeout(120)
class OperatorSystemTest
{
    @TempDir
    Path dir;

    private SystemHarness sluice;
    private Engine engine;

    @BeforeEach
    void setUp()
    {
        sluice = new SystemHarness(dir, Map.of(), false);
        engine = startEngine();
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, engine);
    }

    // The engine runs under the test's control here so it can be restarted over the same journal.
    private Engine startEngine()
    {
        final Map<String, String> settings = new HashMap<>();
        for (final String option : sluice.systemProperties())
        {
            final int eq = option.indexOf('=');
            settings.put(option.substring(2, eq), option.substring(eq + 1));
        }
        final Engine started = Engine.launch(new EngineContext().settings(Settings.of(settings)));
        sluice.awaitEngine(60);
        return started;
    }

    private void signal(final String id, final String account, final String side, final int qty)
    {
        sluice.accept("/api/v1/signals", "{\"id\":\"" + id + "\",\"account\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"side\":\"" +
            side + "\",\"qty\":" + qty + "}");
    }

    private JsonNode settled(final String id)
    {
        return sluice.awaitJson("/api/v1/signals/" + id,
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), id + " decided");
    }

    private JsonNode definition(final String account, final java.util.function.Predicate<JsonNode> until, final String what)
    {
        final JsonNode accounts = sluice.awaitJson("/api/v1/accounts", a ->
        {
            for (final JsonNode d : a.path("definitions"))
            {
                if (account.equals(d.path("account").asText()) && until.test(d))
                {
                    return true;
                }
            }
            return false;
        }, what);
        for (final JsonNode d : accounts.path("definitions"))
        {
            if (account.equals(d.path("account").asText()))
            {
                return d;
            }
        }
        throw new AssertionError("no definition of " + account);
    }

    @Test
    void shouldTradeAnApiCreatedAccountRefuseItWhenDisabledAndKeepItAcrossAnEngineRestart()
    {
        final HttpResponse<String> created = sluice.post("/api/v1/accounts",
            "{\"account\":\"desk2\",\"venue\":\"paper\",\"currency\":\"USD\",\"credentialRef\":\"paper-key\"," +
            "\"limits\":{\"maxOrderQty\":5,\"maxNotional\":\"1000000\"},\"reason\":\"new desk\"}");
        assertEquals(202, created.statusCode(), created.body());
        final JsonNode d = definition("desk2", x -> true, "desk2 created");
        assertEquals("paper", d.path("venue").asText());
        assertEquals("USD", d.path("currency").asText());
        assertEquals("paper-key", d.path("credentialRef").asText());
        assertTrue(d.path("enabled").asBoolean());
        SystemHarness.assertDecimal("5", d.path("maxOrderQty"), "maxOrderQty");
        assertEquals("local", d.path("actor").asText());

        signal("d-1", "desk2", "buy", 2);
        assertEquals("ORDERED", settled("d-1").path("status").asText());
        final String first = sluice.awaitJson("/api/v1/signals/d-1", s -> s.path("orders").size() > 0, "order id").path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + first, o -> "FILLED".equals(o.path("status").asText()), "filled at the paper venue");
        signal("d-2", "desk2", "buy", 10);
        assertEquals("MAX_ORDER_QTY", settled("d-2").path("reject").path("reason").asText());

        sluice.accept("/api/v1/accounts/desk2/disable", "{\"reason\":\"compliance hold\"}");
        definition("desk2", x -> !x.path("enabled").asBoolean(), "desk2 disabled");
        signal("d-3", "desk2", "buy", 1);
        assertEquals("ACCOUNT_DISABLED", settled("d-3").path("reject").path("reason").asText());
        signal("d-4", "desk2", "sell", 1);
        assertEquals("ORDERED", settled("d-4").path("status").asText(), "a disabled account may still reduce");

        // The engine's state after a restart is rebuilt from the journal, API-created accounts included.
        engine.close();
        engine = startEngine();
        signal("d-5", "desk2", "buy", 1);
        assertEquals("ACCOUNT_DISABLED", settled("d-5").path("reject").path("reason").asText(), "still known, still disabled");
        sluice.accept("/api/v1/accounts/desk2/enable", "{}");
        definition("desk2", x -> x.path("enabled").asBoolean(), "desk2 enabled");
        signal("d-6", "desk2", "buy", 1);
        assertEquals("ORDERED", settled("d-6").path("status").asText());

        final JsonNode audit = sluice.getJson("/api/v1/audit");
        boolean disableAudited = false;
        for (final JsonNode entry : audit.path("entries"))
        {
            if ("account:desk2".equals(entry.path("target").asText()) && entry.path("action").asText().endsWith("/disable"))
            {
                disableAudited = "local".equals(entry.path("actor").asText()) && entry.path("before").asText().contains("enabled") &&
                    "disabled".equals(entry.path("after").asText()) && entry.path("status").asInt() == 202;
            }
        }
        assertTrue(disableAudited, audit.toString());
    }

    @Test
    void shouldAnswerInvalidAccountRequestsWith400NamingTheField() throws Exception
    {
        final HttpResponse<String> badLimit = sluice.post("/api/v1/accounts",
            "{\"account\":\"desk9\",\"venue\":\"paper\",\"limits\":{\"maxLeverage\":3}}");
        assertEquals(400, badLimit.statusCode(), badLimit.body());
        assertEquals("limits.maxLeverage", SystemHarness.JSON.readTree(badLimit.body()).path("error").path("field").asText());
        final HttpResponse<String> noVenue = sluice.post("/api/v1/accounts", "{\"account\":\"desk9\"}");
        assertEquals(400, noVenue.statusCode(), noVenue.body());
        assertEquals("venue", SystemHarness.JSON.readTree(noVenue.body()).path("error").path("field").asText());
        final HttpResponse<String> extra = sluice.post("/api/v1/accounts", "{\"account\":\"desk9\",\"venue\":\"paper\",\"apiSecret\":\"x\"}");
        assertEquals(400, extra.statusCode(), extra.body());
        assertEquals("apiSecret", SystemHarness.JSON.readTree(extra.body()).path("error").path("field").asText());
        final HttpResponse<String> badName = sluice.post("/api/v1/accounts/bad%20name/disable", "{}");
        assertEquals(400, badName.statusCode(), badName.body());
    }

    @Test
    void shouldShowTheSnapshotTheEngineRestartedFromInItsStatus()
    {
        signal("snap-1", "main", "buy", 1);
        settled("snap-1");
        assertEquals(-1, sluice.getJson("/api/v1/engine").path("counters").path("lastSnapshotIndex").asLong(-2),
            "no snapshot before the first clean shutdown");

        engine.close(); // a clean shutdown writes a snapshot
        engine = startEngine();
        assertTrue(engine.snapshotIndex() > 0, "the restart restored the shutdown snapshot");
        final long restoredFrom = engine.snapshotIndex();
        final JsonNode status = sluice.awaitJson("/api/v1/engine",
            e -> e.path("counters").path("lastSnapshotIndex").asLong(-2) == restoredFrom, "the status shows the restored snapshot");
        assertEquals(0, status.path("counters").path("snapshotFailures").asLong(-1), status.toString());
    }

    @Test
    void shouldShowTheEngineLatencyHistogramFromItsAeronCountersOnceSignalsWentThrough()
    {
        final long before = sluice.getJson("/api/v1/engine").path("latency").path("count").asLong();
        for (int i = 0; i < 3; i++)
        {
            signal("lat-" + i, "main", "buy", 1);
            settled("lat-" + i);
        }
        final JsonNode engineStatus = sluice.awaitJson("/api/v1/engine",
            e -> e.path("latency").path("count").asLong() >= before + 3, "latency counted for the three signals");
        assertTrue(engineStatus.path("latency").path("sumNs").asLong() > 0, engineStatus.toString());
        assertTrue(engineStatus.path("counters").has("ringBacklog"), engineStatus.toString());
        assertTrue(engineStatus.path("journalIndex").asLong() > 0, engineStatus.toString());

        final String metrics = sluice.get("/metrics").body();
        assertTrue(metrics.contains("# TYPE sluice_engine_latency_nanoseconds histogram"), metrics);
        final java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?m)^sluice_engine_latency_nanoseconds_count (\\d+)$")
            .matcher(metrics);
        final java.util.regex.Matcher inf = java.util.regex.Pattern.compile(
            "(?m)^sluice_engine_latency_nanoseconds_bucket\\{le=\"\\+Inf\"} (\\d+)$").matcher(metrics);
        assertTrue(count.find() && inf.find(), metrics);
        assertEquals(count.group(1), inf.group(1), "the +Inf bucket holds every input");
        assertTrue(Long.parseLong(count.group(1)) >= before + 3, metrics);
        final int first = metrics.indexOf("sluice_engine_latency_nanoseconds_bucket{le=\"1000\"}");
        final int last = metrics.indexOf("sluice_engine_latency_nanoseconds_bucket{le=\"+Inf\"}");
        assertTrue(first >= 0 && first < last, "buckets in increasing order of le");
    }

    @Test
    void shouldCancelARestingLimitOrderWhenAnOperatorAsksThroughTheApi()
    {
        sluice.accept("/api/v1/signals",
            "{\"id\":\"rest-1\",\"account\":\"main\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":2300}");
        final String id = sluice.awaitJson("/api/v1/signals/rest-1", s -> "ORDERED".equals(s.path("status").asText()), "ordered")
            .path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + id, o -> "NEW".equals(o.path("status").asText()), "resting at the paper venue");

        sluice.accept("/api/v1/orders/" + id + "/cancel", "{}");
        sluice.awaitJson("/api/v1/orders/" + id, o -> "CANCELED".equals(o.path("status").asText()), "canceled by the venue");

        final HttpResponse<String> again = sluice.post("/api/v1/orders/" + id + "/cancel", "{}");
        assertEquals(409, again.statusCode(), again.body());
    }
}
