package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manual signals carry the operator in the journal (channel {@code manual:<actor>}, source MANUAL); hedge pairs are
 * published with their exact bytes and refused at the edge when they are not a hedged pair.
 */
class ManualAndHedgeSignalTest
{
    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings());
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishAManualTextSignalWithTheOperatorAsChannel()
    {
        final HttpResponse<String> response = harness.post("/api/v1/signals/manual", "application/json",
            "{\"actor\":\"ops@desk\",\"account\":\"acc1\",\"id\":\"m-1\",\"text\":\"XAUUSD BUY 2050 SL 2045 TP 2060 🟢\"}");

        assertEquals(202, response.statusCode(), response.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("MANUAL", signal.source());
        assertEquals("FREE_TEXT", signal.format());
        assertEquals("manual:ops@desk", signal.channel());
        assertEquals("acc1", signal.account());
        assertEquals("m-1", signal.signalId());
        assertEquals("m-1", signal.idempotencyKey());
        assertEquals("XAUUSD BUY 2050 SL 2045 TP 2060 🟢", signal.text());
    }

    @Test
    void shouldPublishTheExactBytesOfAManualCanonicalSignal()
    {
        final String inner = "{ \"id\": \"m-2\", \"account\": \"acc3\", \"symbol\": \"BTCUSDT\", \"side\": \"sell\", \"qty\": 0.25 }";

        final HttpResponse<String> response = harness.post("/api/v1/signals/manual", "application/json",
            "{\"signal\": " + inner + ", \"actor\": \"alice\"}");

        assertEquals(202, response.statusCode(), response.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("CANONICAL_JSON", signal.format());
        assertEquals(inner, signal.text());
        assertEquals("manual:alice", signal.channel());
        assertEquals("acc3", signal.account());
        assertEquals("m-2", signal.signalId());
    }

    @Test
    void shouldRefuseManualSignalsWithoutAnActorOrWithABadSignal()
    {
        assertField(400, "actor", harness.post("/api/v1/signals/manual", "application/json", "{\"account\":\"acc1\",\"text\":\"x\"}"));
        assertField(400, "signal", harness.post("/api/v1/signals/manual", "application/json", "{\"actor\":\"a\"}"));
        assertField(400, "qty", harness.post("/api/v1/signals/manual", "application/json",
            "{\"actor\":\"a\",\"signal\":{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\"}}"));
        assertField(400, "account", harness.post("/api/v1/signals/manual", "application/json", "{\"actor\":\"a\",\"text\":\"GOLD BUY\"}"));
        assertTrue(harness.receivedBeforeMarker().isEmpty());
    }

    @Test
    void shouldPublishAHedgePairWithItsExactBytes()
    {
        final String pair = "{\"id\":\"p-1\",\"account\":\"acc1\",\"pair\":\"NIFTY-W1\",\"event\":\"ENTRY\",\"exchange\":\"NFO\"," +
            "\"legs\":[{\"symbol\":\"NIFTY28MAR2421000CE\",\"side\":\"SELL\",\"qty\":\"65\"},{\"symbol\":\"NIFTY28MAR2421500CE\",\"side\":\"BUY\",\"qty\":65}]}";

        final HttpResponse<String> response = harness.post("/api/v1/signals/hedge-pair", "application/json", pair);

        assertEquals(202, response.statusCode(), response.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("REST", signal.source());
        assertEquals("HEDGE_PAIR_JSON", signal.format());
        assertEquals("p-1", signal.signalId());
        assertEquals("p-1", signal.idempotencyKey());
        assertEquals("acc1", signal.account());
        assertEquals(pair, signal.text());
    }

    @Test
    void shouldRefuseAPairThatIsNotHedged()
    {
        final String legs = "\"legs\":[{\"symbol\":\"A\",\"side\":\"BUY\",\"qty\":\"1\"},{\"symbol\":\"B\",\"side\":\"BUY\",\"qty\":\"1\"}]";
        assertField(400, "legs", harness.post("/api/v1/signals/hedge-pair", "application/json",
            "{\"account\":\"acc1\",\"event\":\"ENTRY\"," + legs + "}"));
        assertField(400, "event", harness.post("/api/v1/signals/hedge-pair", "application/json",
            "{\"account\":\"acc1\",\"event\":\"OPEN\"," + legs.replace("\"B\",\"side\":\"BUY\"", "\"B\",\"side\":\"SELL\"") + "}"));
        assertField(400, "legs", harness.post("/api/v1/signals/hedge-pair", "application/json",
            "{\"account\":\"acc1\",\"event\":\"EXIT\",\"legs\":[{\"symbol\":\"A\",\"side\":\"BUY\",\"qty\":\"1\"}]}"));
        assertField(400, "qty", harness.post("/api/v1/signals/hedge-pair", "application/json",
            "{\"account\":\"acc1\",\"event\":\"EXIT\"," + legs.replace("\"qty\":\"1\"}]", "\"qty\":\"-1\"}]")
                .replace("\"B\",\"side\":\"BUY\"", "\"B\",\"side\":\"SELL\"") + "}"));
        assertTrue(harness.receivedBeforeMarker().isEmpty());
    }

    private static void assertField(final int status, final String field, final HttpResponse<String> response)
    {
        assertEquals(status, response.statusCode(), response.body());
        final JsonNode error = ApiHarness.json(response).get("error");
        assertEquals(field, error.get("field").asText(), response.body());
    }
}
