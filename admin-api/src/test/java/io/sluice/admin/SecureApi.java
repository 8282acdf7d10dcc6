package io.sluice.admin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.admin.security.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin API with authentication on (its default), three users (ada admin, olivia operator, victor viewer), a
 * controllable clock, a credentials key in the environment, cheap Argon2 parameters, and HTTP helpers with tokens.
 */
final class SecureApi implements AutoCloseable
{
    static final String PASSWORD = "correct horse battery";
    static final String CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final long T0_NS = 1_700_000_000_000_000_000L;

    final AtomicLong nowNs = new AtomicLong(T0_NS);
    final ApiHarness harness;
    final Map<String, String> env = new HashMap<>();

    SecureApi(final Path dir, final Map<String, String> settings)
    {
        this(dir, settings, Map.of());
    }

    SecureApi(final Path dir, final Map<String, String> settings, final Map<String, String> envOverrides)
    {
        env.put("SLUICE_CREDENTIALS_KEY", CREDENTIALS_KEY);
        env.put("SLUICE_JWT_SECRET", "a-test-signing-key-of-at-least-32-bytes!");
        env.putAll(envOverrides);
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.admin.auth.enabled", "true");
        values.put("sluice.admin.password.memoryKib", "1024");
        values.put("sluice.admin.password.iterations", "1");
        values.putAll(settings);
        harness = ApiHarness.launch(dir, true, values, ctx -> ctx.epochNanoClock(nowNs::get).environment(env::get));
        final char[] password = PASSWORD.toCharArray();
        harness.api.security().users().put("ada", Role.ADMIN, password);
        harness.api.security().users().put("olivia", Role.OPERATOR, password);
        harness.api.security().users().put("victor", Role.VIEWER, password);
    }

    JsonNode login(final String user)
    {
        final HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
            "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return ApiHarness.json(response);
    }

    String token(final String user)
    {
        return login(user).get("accessToken").asText();
    }

    HttpResponse<String> send(final String method, final String path, final String token, final String body)
    {
        return sendWith(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    HttpResponse<String> sendWith(final String method, final String path, final String body, final Map<String, String> headers)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(harness.uri(path)).timeout(ApiHarness.TIMEOUT)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        return harness.send(builder.build());
    }

    public void close()
    {
        harness.close();
    }
}
