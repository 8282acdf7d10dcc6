package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits, CORS, security headers, body limits and strict JSON on the operator endpoints.
 */
class HttpHardeningTest
{
    @TempDir
    static Path dir;
    private static SecureApi api;

    @BeforeAll
    static void launch()
    {
        // The clock only moves when a test moves it, so buckets refill only then.
        api = new SecureApi(dir, Map.of(
            "sluice.http.rateLimit.perSecond", "1",
            "sluice.http.rateLimit.burst", "5",
            "sluice.http.cors.origins", "https://desk.example",
            "sluice.http.maxBodyBytes", "2048"));
    }

    @AfterAll
    static void close()
    {
        api.close();
    }

    @Test
    void shouldLimitEachClientAndAnswer429WithRetryAfter()
    {
        api.nowNs.addAndGet(60_000_000_000L);
        final String victor = api.token("victor");
        final String olivia = api.token("olivia");
        int allowed = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++)
        {
            final HttpResponse<String> response = api.send("GET", "/api/v1/orders", victor, null);
            if (response.statusCode() == 429)
            {
                limited = response;
            }
            else
            {
                assertEquals(200, response.statusCode());
                allowed++;
            }
        }
        assertEquals(5, allowed, "the burst");
        assertTrue(limited != null);
        assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals("RATE_LIMITED", ApiHarness.json(limited).path("error").path("code").asText());
        assertEquals(200, api.send("GET", "/api/v1/orders", olivia, null).statusCode(), "another client has its own bucket");

        api.nowNs.addAndGet(1_000_000_000L);
        assertEquals(200, api.send("GET", "/api/v1/orders", victor, null).statusCode(), "one token back after a second");
        assertEquals(429, api.send("GET", "/api/v1/orders", victor, null).statusCode());
        api.nowNs.addAndGet(60_000_000_000L);
    }

    @Test
    void shouldKeepCorsOffExceptForConfiguredOrigins()
    {
        api.nowNs.addAndGet(60_000_000_000L);
        final HttpResponse<String> evil = api.sendWith("OPTIONS", "/api/v1/kill", null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertEquals(403, evil.statusCode());
        assertFalse(evil.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        final HttpResponse<String> evilGet = api.sendWith("GET", "/health", null, Map.of("Origin", "https://evil.example"));
        assertFalse(evilGet.headers().firstValue("Access-Control-Allow-Origin").isPresent());

        final HttpResponse<String> desk = api.sendWith("OPTIONS", "/api/v1/kill", null,
            Map.of("Origin", "https://desk.example", "Access-Control-Request-Method", "POST"));
        assertEquals(204, desk.statusCode());
        assertEquals("https://desk.example", desk.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        final HttpResponse<String> deskGet = api.sendWith("GET", "/health", null, Map.of("Origin", "https://desk.example"));
        assertEquals("https://desk.example", deskGet.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void shouldSendSecurityHeadersOnTheDashboardAndTheApi()
    {
        api.nowNs.addAndGet(60_000_000_000L);
        final HttpResponse<String> page = api.send("GET", "/dashboard/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        final String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN or remote asset");
        final HttpResponse<String> js = api.send("GET", "/dashboard/app.js", null, null);
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(404, api.send("GET", "/dashboard/../users.json", null, null).statusCode());

        final HttpResponse<String> health = api.send("GET", "/health", null, null);
        assertEquals("default-src 'none'; frame-ancestors 'none'", health.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("no-store", health.headers().firstValue("Cache-Control").orElse(null));
        final HttpResponse<String> root = api.send("GET", "/", null, null);
        assertEquals(302, root.statusCode());
        assertEquals("/dashboard/", root.headers().firstValue("Location").orElse(null));
    }

    @Test
    void shouldRefuseOversizedDuplicateAndUnknownJson()
    {
        api.nowNs.addAndGet(60_000_000_000L);
        final HttpResponse<String> big = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + "u".repeat(4000) + "\"}");
        assertEquals(413, big.statusCode());
        assertEquals("PAYLOAD_TOO_LARGE", ApiHarness.json(big).path("error").path("code").asText());

        final HttpResponse<String> duplicate = api.send("POST", "/api/v1/auth/login", null,
            "{\"username\":\"ada\",\"username\":\"victor\",\"password\":\"x\"}");
        assertEquals(400, duplicate.statusCode());
        assertEquals("UNPARSEABLE", ApiHarness.json(duplicate).path("error").path("code").asText());
        final HttpResponse<String> unknown = api.send("POST", "/api/v1/limits", api.token("ada"),
            "{\"name\":\"maxNotional\",\"value\":1,\"extra\":true}");
        assertEquals(400, unknown.statusCode());
        assertEquals("extra", ApiHarness.json(unknown).path("error").path("field").asText());
        final HttpResponse<String> trailing = api.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"a\"} {}");
        assertEquals(400, trailing.statusCode());
        final HttpResponse<String> badValue = api.send("POST", "/api/v1/limits", api.token("ada"),
            "{\"name\":\"maxNotional\",\"value\":\"1.123456789\"}");
        assertEquals(400, badValue.statusCode());
        assertEquals("value", ApiHarness.json(badValue).path("error").path("field").asText());
    }
}
