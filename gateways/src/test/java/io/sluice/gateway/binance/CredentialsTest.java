package io.sluice.gateway.binance;

import io.sluice.protocol.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest
{
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    @TempDir
    Path dir;

    private String secretsName;

    @Test
    void shouldRefuseASecretsFileOthersCanRead() throws Exception
    {
        final Path file = secrets("apiKey=topSecretKey\nsecretKey=" + SECRET + "\n", "rw-r-----");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Credentials.load("binance", Settings.of(Map.of("sluice.binance.secretsFile", file.toString())), Map.of()));
        assertTrue(ex.getMessage().contains("accessible by group or others"), ex.getMessage());
        assertTrue(ex.getMessage().contains("chmod 600"), ex.getMessage());
        assertFalse(ex.getMessage().contains("topSecretKey") || ex.getMessage().contains(SECRET), "no secret in the message");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromFile(file));
    }

    @Test
    void shouldLoadAnOwnerOnlyFileWithAnHmacOrEd25519Key() throws Exception
    {
        final Credentials hmac = Credentials.fromFile(secrets("apiKey=k1\nsecretKey=" + SECRET + "\n", "rw-------"));
        assertEquals("k1", hmac.apiKey());
        assertEquals(SigningKey.Kind.HMAC, hmac.signingKey().kind());
        assertEquals("Credentials{apiKey=redacted, HMAC}", hmac.toString());

        final String key = Base64.getEncoder().encodeToString(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        final Path pem = dir.resolve("ed25519.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
        final Credentials ed = Credentials.fromFile(secrets("apiKey=k2\ned25519PrivateKeyFile=ed25519.pem\n", "r--------"));
        assertEquals(SigningKey.Kind.ED25519, ed.signingKey().kind());

        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromFile(dir.resolve(secretsName)));
    }

    @Test
    void shouldReadTheEnvironmentWhenNoFileIsConfigured()
    {
        final Credentials env = Credentials.load("binance-futures", Settings.of(Map.of()),
            Map.of("SLUICE_BINANCE_FUTURES_API_KEY", "k3", "SLUICE_BINANCE_FUTURES_SECRET_KEY", SECRET));
        assertEquals("k3", env.apiKey());

        final IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> Credentials.load("binance",
            Settings.of(Map.of()), Map.of("SLUICE_BINANCE_API_KEY", "k4", "SLUICE_BINANCE_SECRET_KEY", SECRET,
                "SLUICE_BINANCE_ED25519_KEY", "x")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());

        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
            () -> Credentials.load("binance", Settings.of(Map.of()), Map.of()));
        assertTrue(none.getMessage().contains("SLUICE_BINANCE_API_KEY"), none.getMessage());

        final IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class, () -> Credentials.load("binance",
            Settings.of(Map.of()), Map.of("SLUICE_BINANCE_API_KEY", "k5", "SLUICE_BINANCE_ED25519_KEY", "notAKeyAtAll")));
        assertFalse(badKey.getMessage().contains("notAKeyAtAll"), badKey.getMessage());
    }

    private Path secrets(final String content, final String permissions) throws Exception
    {
        final Path file = Files.createTempFile(dir, "binance", ".secrets");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        secretsName = file.getFileName().toString();
        return file;
    }
}
