package io.sluice.gateway.india;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPreferTheEnvironmentOverTheOwnerOnlyFile() throws IOException
    {
        final Path file = ownerOnly("ACC1.apiSecret=from-file\nACC1.requestToken=rt1\n");
        final Secrets secrets = new Secrets("kite", file, Map.of("SLUICE_KITE_ACC1_APISECRET", "from-env")::get);

        assertEquals("from-env", secrets.get("ACC1", "apiSecret"));
        assertEquals("rt1", secrets.get("ACC1", "requestToken"));
        assertNull(secrets.get("ACC2", "apiSecret"));
        assertEquals("SLUICE_KITE_ACC-1_X".replace('-', '_'), secrets.environmentName("ACC-1", "x"));
    }

    @Test
    void shouldRefuseAFileOthersCanRead() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("open.properties"), "ACC1.apiSecret=s\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        final Secrets secrets = new Secrets("kite", file, (name) -> null);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> secrets.get("ACC1", "apiSecret"));
        assertTrue(ex.getMessage().contains("chmod 600"), ex.getMessage());
        assertFalse(ex.getMessage().contains("=s"), "never the value");
    }

    @Test
    void shouldNameWhereAMissingSecretWasLookedForWithoutValues() throws IOException
    {
        final Secrets secrets = new Secrets("angel", ownerOnly("ACC1.password=1234\n"), (name) -> null);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> secrets.require("ACC1", "totpSecret"));
        assertTrue(ex.getMessage().contains("SLUICE_ANGEL_ACC1_TOTPSECRET"), ex.getMessage());
        assertTrue(ex.getMessage().contains("ACC1.totpSecret"), ex.getMessage());
        assertFalse(ex.getMessage().contains("1234"));
    }

    @Test
    void shouldChangeTheFingerprintWhenTheOperatorChangesASecret() throws IOException
    {
        final Path file = ownerOnly("ACC1.accessToken=old\n");
        final Secrets secrets = new Secrets("dhan", file, (name) -> null);
        final String before = secrets.fingerprint("ACC1", "accessToken");
        assertEquals(before, secrets.fingerprint("ACC1", "accessToken"));
        Files.writeString(file, "ACC1.accessToken=new\n");
        assertNotEquals(before, secrets.fingerprint("ACC1", "accessToken"));
        assertFalse(before.contains("old"));
    }

    private Path ownerOnly(final String content) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("secrets.properties"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
