package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.admin.SignalEndpointTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EngineUnavailableTest
{
    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.launch(dir, false, Map.of(), ctx -> { });
    }

    @AfterAll
    static void close()
    {
        harness.close();
    }

    @Test
    void shouldAnswerServiceUnavailableWithRetryAfterWhenNoEngineSubscribes()
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/signals",
            "{\"id\":\"retry-me\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}");

        assertError(response, 503, "ENGINE_UNAVAILABLE", null);
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        assertError(harness.get("/api/v1/signals/retry-me"), 404, "NOT_FOUND", null);
    }

    @Test
    void shouldAnswerServiceUnavailableForCommandsWhenNoEngineSubscribes()
    {
        final HttpResponse<String> response = harness.post("/api/v1/kill", null, new byte[0]);

        assertError(response, 503, "ENGINE_UNAVAILABLE", null);
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void shouldReportEngineNotConnectedInHealth()
    {
        final JsonNode json = ApiHarness.json(harness.get("/health"));

        assertEquals("UP", json.get("status").asText());
        assertFalse(json.get("engineConnected").asBoolean());
    }
}
