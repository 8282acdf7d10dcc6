package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.admin.security.Role;
import io.sluice.admin.security.SecurityConfig;
import io.sluice.protocol.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthTest
{
    @TempDir
    static Path dir;
    private static SecureApi api;

    @BeforeAll
    static void launch()
    {
        api = new SecureApi(dir, Map.of());
    }

    @AfterAll
    static void close()
    {
        final long errors = api.harness.api.errorCount();
        api.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldAnswer401WithoutCredentialsAndServeOnlyPublicEndpoints()
    {
        api.harness.receivedBeforeMarkerAs(api.token("olivia"));
        final HttpResponse<String> orders = api.send("GET", "/api/v1/orders", null, null);
        assertEquals(401, orders.statusCode());
        assertEquals("UNAUTHENTICATED", ApiHarness.json(orders).path("error").path("code").asText());
        assertEquals("Bearer realm=\"sluice\"", orders.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, api.send("POST", "/api/v1/kill", null, "{}").statusCode());
        assertEquals(401, api.send("GET", "/metrics", null, null).statusCode());
        assertEquals(200, api.send("GET", "/health", null, null).statusCode());
        assertEquals(200, api.send("GET", "/api/openapi.json", null, null).statusCode());
        assertEquals(200, api.send("GET", "/dashboard/", null, null).statusCode());
        assertEquals(List.of(), api.harness.receivedBeforeMarkerAs(api.token("olivia")));
    }

    @Test
    void shouldEnforceTheDocumentedRoleOnEveryEndpoint() throws Exception
    {
        final Map<Role, String> tokens = Map.of(Role.VIEWER, api.token("victor"), Role.OPERATOR, api.token("olivia"),
            Role.ADMIN, api.token("ada"));
        final JsonNode paths = ApiHarness.MAPPER.readTree(api.send("GET", "/api/openapi.json", null, null).body()).path("paths");
        final List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); )
            {
                final Map.Entry<String, JsonNode> op = ops.next();
                final String roleText = op.getValue().path("x-sluice-role").asText();
                if (roleText.equals("public") || path.getKey().startsWith("/api/v1/auth/me") || path.getKey().contains("/users/{name}"))
                {
                    continue;
                }
                final Role required = Role.parse(roleText);
                final String concrete = path.getKey().replaceAll("\\{[^}]+}", "zz-none");
                final String method = op.getKey().toUpperCase();
                final String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                for (final Role role : Role.values())
                {
                    final HttpResponse<String> response = api.send(method, concrete, tokens.get(role), body);
                    final String what = method + " " + concrete + " as " + role + " (needs " + required + "): " + response.body();
                    if (role.includes(required))
                    {
                        assertNotEquals(403, response.statusCode(), what);
                        assertNotEquals(401, response.statusCode(), what);
                    }
                    else
                    {
                        assertEquals(403, response.statusCode(), what);
                        assertEquals("FORBIDDEN", ApiHarness.json(response).path("error").path("code").asText(), what);
                    }
                }
                checked.add(method + " " + path.getKey());
            }
        }
        assertTrue(checked.size() >= 30, "the document lists the protected endpoints: " + checked);
        assertTrue(checked.contains("POST /api/v1/limits") && checked.contains("POST /api/v1/kill") &&
            checked.contains("GET /api/v1/credentials") && checked.contains("POST /api/v1/orders/{clientOrderId}/cancel"), checked.toString());
    }

    @Test
    void shouldPublishCommandsWithTheAuthenticatedUserAsActorAndAuditThem() throws Exception
    {
        final String operator = api.token("olivia");
        api.harness.receivedBeforeMarkerAs(operator);
        final HttpResponse<String> kill = api.send("POST", "/api/v1/kill", operator, "{\"venue\":\"paper\",\"reason\":\"drill\"}");
        assertEquals(202, kill.statusCode(), kill.body());
        assertEquals("VENUE", ApiHarness.json(kill).path("scope").asText());
        final HttpResponse<String> spoofed = api.send("POST", "/api/v1/kill", operator, "{\"actor\":\"someone-else\"}");
        assertEquals(400, spoofed.statusCode());
        assertEquals("actor", ApiHarness.json(spoofed).path("error").path("field").asText());

        final List<Object> received = api.harness.receivedBeforeMarkerAs(operator);
        assertEquals(1, received.size(), received.toString());
        final ApiHarness.AdminCommand command = (ApiHarness.AdminCommand)received.get(0);
        assertEquals("KILL", command.action());
        assertEquals("VENUE", command.scope());
        assertEquals("olivia", command.actor());
        assertEquals(SecureApi.T0_NS, command.issuedTimeNs());

        final String audit = Files.readString(dir.resolve("home/admin/audit.jsonl"), StandardCharsets.UTF_8);
        final JsonNode entry = ApiHarness.MAPPER.readTree(audit.lines().filter(l -> l.contains("venue:paper")).findFirst().orElseThrow());
        assertEquals("olivia", entry.path("actor").asText());
        assertEquals("venue:paper", entry.path("target").asText());
        assertEquals("HALTED", entry.path("after").asText());
        assertEquals(202, entry.path("status").asInt());
        assertEquals(Instant.ofEpochSecond(0, SecureApi.T0_NS).toString(), entry.path("time").asText());
        final HttpResponse<String> viaApi = api.send("GET", "/api/v1/audit", api.token("ada"), null);
        assertTrue(viaApi.body().contains("venue:paper"), viaApi.body());
        assertFalse(audit.contains(SecureApi.PASSWORD), "no password in the audit log");
    }

    @Test
    void shouldRejectExpiredForgedAndTamperedTokens()
    {
        final String token = api.token("ada");
        assertEquals(200, api.send("GET", "/api/v1/users", token, null).statusCode());

        final Algorithm otherKey = Algorithm.HMAC256("another-key-of-at-least-thirty-two-bytes");
        final String forged = JWT.create().withIssuer("sluice").withSubject("ada").withClaim("role", "admin")
            .withExpiresAt(Instant.ofEpochSecond(0, SecureApi.T0_NS).plusSeconds(600)).sign(otherKey);
        assertInvalid(api.send("GET", "/api/v1/users", forged, null));
        final String[] parts = token.split("\\.");
        final String unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + parts[1] + ".";
        assertInvalid(api.send("GET", "/api/v1/users", unsigned, null));
        final String viewerToken = api.token("victor");
        final String[] viewerParts = viewerToken.split("\\.");
        assertInvalid(api.send("GET", "/api/v1/users", viewerParts[0] + "." + parts[1] + "." + viewerParts[2], null));

        api.nowNs.addAndGet(901_000_000_000L);
        try
        {
            assertInvalid(api.send("GET", "/api/v1/users", token, null));
        }
        finally
        {
            api.nowNs.addAndGet(-901_000_000_000L);
        }
    }

    @Test
    void shouldRefreshOnceAndEndTheSessionOnLogout()
    {
        final JsonNode login = api.login("victor");
        final String refreshToken = login.get("refreshToken").asText();
        final HttpResponse<String> refreshed = api.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        final JsonNode tokens = ApiHarness.json(refreshed);
        assertEquals("viewer", tokens.path("user").path("role").asText());
        assertEquals(200, api.send("GET", "/api/v1/orders", tokens.get("accessToken").asText(), null).statusCode());
        assertEquals(401, api.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}").statusCode(),
            "a refresh token works once");

        final String second = tokens.get("refreshToken").asText();
        assertEquals(200, api.send("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\"" + second + "\"}").statusCode());
        assertEquals(401, api.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + second + "\"}").statusCode());
        final HttpResponse<String> wrong = api.send("POST", "/api/v1/auth/login", null,
            "{\"username\":\"victor\",\"password\":\"not the password\"}");
        assertEquals(401, wrong.statusCode());
        assertEquals("INVALID_LOGIN", ApiHarness.json(wrong).path("error").path("code").asText());
    }

    @Test
    void shouldAuthenticateApiKeysWithTheirOwnRoleUntilRevoked()
    {
        final String admin = api.token("ada");
        final HttpResponse<String> created = api.send("POST", "/api/v1/users/olivia/apikeys", admin, "{\"role\":\"viewer\",\"label\":\"grafana\"}");
        assertEquals(201, created.statusCode(), created.body());
        final String key = ApiHarness.json(created).get("apiKey").asText();
        final String id = ApiHarness.json(created).get("id").asText();
        assertTrue(key.startsWith("slk_" + id + "_"));
        assertFalse(api.send("GET", "/api/v1/users", admin, null).body().contains(key.substring(key.lastIndexOf('_') + 1)),
            "the secret is never shown again");

        assertEquals(200, api.sendWith("GET", "/api/v1/orders", null, Map.of("X-API-Key", key)).statusCode());
        assertEquals(200, api.send("GET", "/metrics", key, null).statusCode());
        assertEquals(403, api.send("POST", "/api/v1/kill", key, "{}").statusCode(), "a viewer key cannot kill though its owner can");
        assertEquals(400, api.send("POST", "/api/v1/users/olivia/apikeys", admin, "{\"role\":\"admin\"}").statusCode(),
            "a key's role cannot exceed its owner's");

        assertEquals(200, api.send("DELETE", "/api/v1/users/olivia/apikeys/" + id, admin, null).statusCode());
        assertEquals(401, api.sendWith("GET", "/api/v1/orders", null, Map.of("X-API-Key", key)).statusCode());
        assertEquals(401, api.sendWith("GET", "/api/v1/orders", null, Map.of("X-API-Key", "slk_" + id + "_guess")).statusCode());
    }

    @Test
    void shouldManageUsersWithoutEverReturningPasswordHashes() throws Exception
    {
        final String admin = api.token("ada");
        assertEquals(201, api.send("POST", "/api/v1/users", admin,
            "{\"name\":\"nina\",\"role\":\"operator\",\"password\":\"another long password\"}").statusCode());
        assertEquals(400, api.send("POST", "/api/v1/users", admin, "{\"name\":\"nina\",\"role\":\"operator\",\"password\":\"short\"}")
            .statusCode());
        final String users = api.send("GET", "/api/v1/users", admin, null).body();
        assertTrue(users.contains("\"nina\""), users);
        assertFalse(users.contains("argon2"), users);
        final String file = Files.readString(dir.resolve("home/admin/users.json"));
        assertTrue(file.contains("$argon2id$v=19$"), "Argon2id hashes in the users file");
        assertFalse(file.contains("another long password"));
        assertEquals(200, api.send("POST", "/api/v1/auth/login", null,
            "{\"username\":\"nina\",\"password\":\"another long password\"}").statusCode());
        assertEquals(200, api.send("DELETE", "/api/v1/users/nina", admin, null).statusCode());
        assertEquals(401, api.send("POST", "/api/v1/auth/login", null,
            "{\"username\":\"nina\",\"password\":\"another long password\"}").statusCode());
    }

    @Test
    void shouldRefuseToTurnAuthenticationOffOnANonLoopbackAddress()
    {
        final Settings off = Settings.of(Map.of("sluice.admin.auth.enabled", "false", "sluice.home", dir.toString()));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new SecurityConfig(off, k -> null, "0.0.0.0"));
        assertTrue(ex.getMessage().contains("loopback"), ex.getMessage());
        assertFalse(new SecurityConfig(off, k -> null, "127.0.0.1").authEnabled());
        assertTrue(new SecurityConfig(Settings.of(Map.of("sluice.home", dir.toString())), k -> null, "127.0.0.1").authEnabled(),
            "on by default, on loopback too");
    }

    private static void assertInvalid(final HttpResponse<String> response)
    {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("INVALID_CREDENTIALS", ApiHarness.json(response).path("error").path("code").asText());
    }
}
