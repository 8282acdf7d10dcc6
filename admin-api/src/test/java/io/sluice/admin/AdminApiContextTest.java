package io.sluice.admin;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.protocol.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdminApiContextTest
{
    @Test
    void shouldReadDefaultsFromSettings()
    {
        final AdminApiContext ctx = new AdminApiContext(Settings.of(Map.of("sluice.home", "/tmp/sluice-home"))).conclude();

        assertEquals("127.0.0.1", ctx.host());
        assertEquals(8080, ctx.port());
        assertEquals(16384, ctx.maxBodyBytes());
        assertEquals(Settings.of(Map.of("sluice.home", "/tmp/sluice-home")).aeronDir(), ctx.aeronDir());
        assertEquals(Path.of("/tmp/sluice-home/journal"), ctx.journalDir());
        assertEquals("aeron:ipc?term-length=4m", ctx.ingressChannel());
        assertEquals(1001, ctx.ingressStreamId());
        assertEquals(100_000, ctx.readModelCapacity());
    }

    @Test
    void shouldReadOverridesFromSettings()
    {
        final AdminApiContext ctx = new AdminApiContext(Settings.of(Map.of(
            "sluice.http.host", "0.0.0.0",
            "sluice.http.port", "0",
            "sluice.http.maxBodyBytes", "1024",
            "sluice.stream.ingress.channel", "aeron:udp?endpoint=localhost:40123",
            "sluice.stream.ingress.id", "77",
            "sluice.journal.dir", "/data/j",
            "sluice.aeron.dir", "/dev/shm/a",
            "sluice.admin.readModel.capacity", "5"))).conclude();

        assertEquals("0.0.0.0", ctx.host());
        assertEquals(0, ctx.port());
        assertEquals(1024, ctx.maxBodyBytes());
        assertEquals("aeron:udp?endpoint=localhost:40123", ctx.ingressChannel());
        assertEquals(77, ctx.ingressStreamId());
        assertEquals(Path.of("/data/j"), ctx.journalDir());
        assertEquals("/dev/shm/a", ctx.aeronDir());
        assertEquals(5, ctx.readModelCapacity());
    }

    @Test
    void shouldRefuseInvalidValues()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new AdminApiContext(Settings.of(Map.of("sluice.http.port", "70000"))).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new AdminApiContext(Settings.of(Map.of("sluice.http.maxBodyBytes", "0"))).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new AdminApiContext(Settings.of(Map.of("sluice.admin.readModel.capacity", "0"))).conclude());
    }
}
