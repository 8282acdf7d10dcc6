package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.admin.security.CredentialVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest
{
    private static final String SECRET = "kite-api-secret-9f3b2c7d1e";

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
        api.close();
    }

    @Test
    void shouldStoreEncryptedShowMaskedAndNeverReturnTheValue() throws Exception
    {
        final String admin = api.token("ada");
        final HttpResponse<String> stored = api.send("PUT", "/api/v1/credentials/main/apiSecret", admin, "{\"value\":\"" + SECRET + "\"}");
        assertEquals(201, stored.statusCode(), stored.body());
        assertFalse(stored.body().contains(SECRET));
        assertEquals(201, api.send("PUT", "/api/v1/credentials/main/pin", admin, "{\"value\":\"1234\"}").statusCode());
        assertEquals(200, api.send("PUT", "/api/v1/credentials/main/pin", admin, "{\"value\":\"4321\"}").statusCode(), "replaced");

        final HttpResponse<String> listed = api.send("GET", "/api/v1/credentials", admin, null);
        assertEquals(200, listed.statusCode());
        assertFalse(listed.body().contains(SECRET), listed.body());
        assertFalse(listed.body().contains("4321") || listed.body().contains("21\""), "short values show no characters at all");
        final JsonNode list = ApiHarness.json(listed).path("credentials");
        assertEquals(2, list.size());
        assertEquals("\u2022".repeat(8) + "2c7d1e".substring(2), list.get(0).path("value").asText());

        final String file = Files.readString(dir.resolve("home/admin/credentials.json"));
        assertFalse(file.contains(SECRET), "encrypted at rest");
        assertFalse(file.contains(Base64.getEncoder().encodeToString(SECRET.getBytes())), "not merely encoded");
        final String audit = Files.readString(dir.resolve("home/admin/audit.jsonl"));
        assertTrue(audit.contains("credential:main/apiSecret"), audit);
        assertFalse(audit.contains(SECRET), "never in the audit log");
        assertFalse(api.send("GET", "/api/v1/audit", admin, null).body().contains(SECRET));

        assertEquals(403, api.send("GET", "/api/v1/credentials", api.token("olivia"), null).statusCode());
        assertEquals(403, api.send("PUT", "/api/v1/credentials/main/x", api.token("olivia"), "{\"value\":\"v\"}").statusCode());
    }

    @Test
    void shouldDecryptOnlyWithTheRightKeyAndBindEachValueToItsSlot() throws Exception
    {
        final Path file = dir.resolve("vault.json");
        final byte[] key = Base64.getDecoder().decode(SecureApi.CREDENTIALS_KEY);
        final CredentialVault vault = new CredentialVault(file, key);
        vault.put("acc1", "token", SECRET.toCharArray(), 1);
        assertArrayEquals(SECRET.toCharArray(), new CredentialVault(file, key).reveal("acc1", "token"));

        final byte[] wrongKey = key.clone();
        wrongKey[0] ^= 1;
        assertThrows(IllegalStateException.class, () -> new CredentialVault(file, wrongKey).reveal("acc1", "token"));

        // Moving a ciphertext to another slot fails the GCM tag (the slot is associated data).
        Files.writeString(file, Files.readString(file).replace("\"acc1\"", "\"acc2\""));
        assertThrows(IllegalStateException.class, () -> new CredentialVault(file, key).reveal("acc2", "token"));
    }

    @Test
    void shouldAnswer503WhenNoCredentialsKeyIsConfigured(@TempDir final Path other)
    {
        final SecureApi withoutKey = new SecureApi(other, Map.of(), Map.of("SLUICE_CREDENTIALS_KEY", ""));
        try
        {
            final HttpResponse<String> response = withoutKey.send("GET", "/api/v1/credentials", withoutKey.token("ada"), null);
            assertEquals(503, response.statusCode());
            assertEquals("NO_CREDENTIALS_KEY", ApiHarness.json(response).path("error").path("code").asText());
        }
        finally
        {
            withoutKey.close();
        }
    }
}
