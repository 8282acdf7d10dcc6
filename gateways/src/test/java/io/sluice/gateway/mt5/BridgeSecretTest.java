package io.sluice.gateway.mt5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeSecretTest
{
    private static final String SECRET = "not-to-be-printed-0123456789";

    @TempDir
    Path dir;

    @Test
    void shouldReadAnOwnerOnlyFileWithoutItsNewline() throws IOException
    {
        final Path file = write("rw-------");
        final BridgeSecret secret = BridgeSecret.fromFile(file);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), secret.bytes());
        assertEquals("BridgeSecret[redacted]", secret.toString());
    }

    @Test
    void shouldRefuseAFileOthersCanReadWithoutShowingItsContent() throws IOException
    {
        final Path file = write("rw-r--r--");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BridgeSecret.fromFile(file));
        assertTrue(ex.getMessage().contains("must be accessible by its owner only (chmod 600); it is rw-r--r--"), ex.getMessage());
        assertFalse(ex.getMessage().contains(SECRET));
    }

    @Test
    void shouldRefuseAMissingFileAndAShortSecret() throws IOException
    {
        assertThrows(IllegalArgumentException.class, () -> BridgeSecret.fromFile(dir.resolve("absent")));
        final Path file = Files.writeString(dir.resolve("short"), "short");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BridgeSecret.fromFile(file));
        assertTrue(ex.getMessage().contains("shorter than 16 bytes"), ex.getMessage());
        assertFalse(ex.getMessage().contains("short\n"));
    }

    @Test
    void shouldReadTheEnvironmentAndNameTheMissingVariable()
    {
        final BridgeSecret secret = BridgeSecret.fromEnvironment("SLUICE_MT5_SECRET_ACC1", Map.of("SLUICE_MT5_SECRET_ACC1", SECRET)::get);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), secret.bytes());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BridgeSecret.fromEnvironment("SLUICE_MT5_SECRET_X", Map.<String, String>of()::get));
        assertEquals("environment variable SLUICE_MT5_SECRET_X is not set", ex.getMessage());
    }

    private Path write(final String permissions) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("secret-" + permissions.replace('-', '_')), SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
