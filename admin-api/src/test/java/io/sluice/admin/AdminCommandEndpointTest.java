package io.sluice.admin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.admin.SignalEndpointTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminCommandEndpointTest
{
    private static final long NOW_NS = 1_700_000_000_000_000_001L;

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.launch(dir, true, Map.of(), ctx -> ctx.epochNanoClock(() -> NOW_NS));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishGlobalKillWithDefaultActorForAnEmptyBody()
    {
        final HttpResponse<String> response = harness.post("/api/v1/kill", null, new byte[0]);

        assertEquals(202, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals("ACCEPTED", json.get("status").asText());
        assertEquals("KILL", json.get("action").asText());
        assertEquals("GLOBAL", json.get("scope").asText());
        assertEquals(List.of(new ApiHarness.AdminCommand("KILL", "GLOBAL", "", NOW_NS, "api", "", "")),
            harness.receivedBeforeMarker());
    }

    @Test
    void shouldPublishAccountResumeWithActorAndReason()
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/resume",
            "{\"account\":\"acc7\",\"reason\":\"incident #12 résolu\",\"actor\":\"ops@desk\"}");

        assertEquals(202, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals("RESUME", json.get("action").asText());
        assertEquals("ACCOUNT", json.get("scope").asText());
        assertEquals("acc7", json.get("account").asText());
        assertEquals(List.of(new ApiHarness.AdminCommand("RESUME", "ACCOUNT", "acc7", NOW_NS, "ops@desk", "incident #12 résolu", "")),
            harness.receivedBeforeMarker());
    }

    @Test
    void shouldPublishFlatten()
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/flatten", "{\"reason\":\"end of day\"}");

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(new ApiHarness.AdminCommand("FLATTEN", "GLOBAL", "", NOW_NS, "api", "end of day", "")),
            harness.receivedBeforeMarker());
    }

    @Test
    void shouldRefuseInvalidCommandBodiesAndPublishNothing()
    {
        assertError(harness.postJson("/api/v1/kill", "{\"account\":\"way-too-long-account\"}"), 400, "INVALID_FIELD", "account");
        assertError(harness.postJson("/api/v1/kill", "{\"scope\":\"GLOBAL\"}"), 400, "INVALID_FIELD", "scope");
        assertError(harness.postJson("/api/v1/kill", "{\"actor\":\"\"}"), 400, "INVALID_FIELD", "actor");
        assertError(harness.postJson("/api/v1/kill", "{\"reason\":\"" + "r".repeat(1025) + "\"}"), 400, "INVALID_FIELD", "reason");
        assertError(harness.postJson("/api/v1/kill", "{\"reason\":"), 400, "UNPARSEABLE", null);
        assertError(harness.post("/api/v1/kill", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
            415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldAnswerNotFoundForUnknownPaths()
    {
        assertError(harness.get("/api/v1/nothing"), 404, "NOT_FOUND", null);
        assertError(harness.get("/api/v2/orders"), 404, "NOT_FOUND", null);
        assertError(harness.get("/api"), 404, "NOT_FOUND", null);
        assertError(harness.get("/api/v1/orders/a/b"), 404, "NOT_FOUND", null);
        assertError(harness.get("/api/v1/orders/unknown-order"), 404, "NOT_FOUND", null);
    }

    @Test
    void shouldAnswerMethodNotAllowedWithAllowHeader()
    {
        final HttpResponse<String> getKill = harness.get("/api/v1/kill");
        assertError(getKill, 405, "METHOD_NOT_ALLOWED", null);
        assertEquals("POST", getKill.headers().firstValue("Allow").orElse(null));

        final HttpResponse<String> deleteSignals = harness.send(HttpRequest.newBuilder(harness.uri("/api/v1/signals"))
            .DELETE().build());
        assertError(deleteSignals, 405, "METHOD_NOT_ALLOWED", null);
        assertEquals("GET, POST", deleteSignals.headers().firstValue("Allow").orElse(null));

        final HttpResponse<String> deleteOrders = harness.send(HttpRequest.newBuilder(harness.uri("/api/v1/orders"))
            .DELETE().build());
        assertError(deleteOrders, 405, "METHOD_NOT_ALLOWED", null);
        assertEquals("GET", deleteOrders.headers().firstValue("Allow").orElse(null));

        assertError(harness.postJson("/health", "{}"), 405, "METHOD_NOT_ALLOWED", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldReportHealthWithEngineConnected()
    {
        final HttpResponse<String> response = harness.get("/health");

        assertEquals(200, response.statusCode());
        final JsonNode json = ApiHarness.json(response);
        assertEquals("UP", json.get("status").asText());
        assertTrue(json.get("engineConnected").asBoolean());
        assertEquals(-1, json.get("journalIndex").asLong());
        assertTrue(json.get("gateways").isObject());
    }
}
