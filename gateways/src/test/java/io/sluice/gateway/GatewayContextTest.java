package io.sluice.gateway;

import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayContextTest
{
    @TempDir
    Path home;

    @Test
    void shouldFillDefaultsFromSettings()
    {
        final GatewayContext context = new GatewayContext()
            .settings(Settings.of(Map.of("sluice.home", home.toString())))
            .venueName("paper")
            .conclude();

        assertEquals(Settings.of(Map.of("sluice.home", home.toString())).aeronDir(), context.aeronDirectoryName());
        assertEquals(Streams.DEFAULT_CHANNEL, context.ordersChannel());
        assertEquals(2001, context.ordersStreamId());
        assertEquals(Streams.DEFAULT_CHANNEL, context.reportsChannel());
        assertEquals(Streams.REPORTS_STREAM_ID, context.reportsStreamId());
        assertEquals(TimeUnit.SECONDS.toNanos(1), context.heartbeatIntervalNs());
        assertEquals(GatewayThreadingMode.DEDICATED, context.threadingMode());
        assertInstanceOf(BackoffIdleStrategy.class, context.idleStrategySupplier().get());
        assertEquals(GatewayContext.PUBLISH_RETRIES_DEFAULT, context.publishRetries());
        assertTrue(context.describe().contains("venue=paper"), context.describe());
    }

    @Test
    void shouldReadOverridesFromSettings()
    {
        final GatewayContext context = new GatewayContext()
            .settings(Settings.of(Map.of(
                "sluice.aeron.dir", home.resolve("driver").toString(),
                "sluice.stream.orders.paper.channel", "aeron:udp?endpoint=localhost:40123",
                "sluice.stream.orders.paper.id", "77",
                "sluice.stream.reports.channel", "aeron:udp?endpoint=localhost:40124",
                "sluice.stream.reports.id", "78",
                "sluice.gateway.heartbeatMs", "250",
                "sluice.idle", "sleeping",
                "sluice.gateway.threading", "invoker",
                "sluice.gateway.publishRetries", "3")))
            .venueName("paper")
            .conclude();

        assertEquals(home.resolve("driver").toString(), context.aeronDirectoryName());
        assertEquals("aeron:udp?endpoint=localhost:40123", context.ordersChannel());
        assertEquals(77, context.ordersStreamId());
        assertEquals("aeron:udp?endpoint=localhost:40124", context.reportsChannel());
        assertEquals(78, context.reportsStreamId());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), context.heartbeatIntervalNs());
        assertInstanceOf(SleepingMillisIdleStrategy.class, context.idleStrategySupplier().get());
        assertEquals(GatewayThreadingMode.INVOKER, context.threadingMode());
        assertEquals(3, context.publishRetries());
    }

    @Test
    void shouldPreferExplicitSettersOverSettings()
    {
        final GatewayContext context = new GatewayContext()
            .settings(Settings.of(Map.of("sluice.stream.reports.id", "78", "sluice.gateway.heartbeatMs", "250")))
            .venueName("paper")
            .reportsStreamId(5)
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(10))
            .conclude();

        assertEquals(5, context.reportsStreamId());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), context.heartbeatIntervalNs());
    }

    @Test
    void shouldMapEveryIdleStrategyName()
    {
        assertInstanceOf(BackoffIdleStrategy.class, GatewayContext.idleStrategySupplier("backoff").get());
        assertInstanceOf(SleepingMillisIdleStrategy.class, GatewayContext.idleStrategySupplier("sleeping").get());
        assertInstanceOf(YieldingIdleStrategy.class, GatewayContext.idleStrategySupplier("yielding").get());
        assertInstanceOf(BusySpinIdleStrategy.class, GatewayContext.idleStrategySupplier("busy-spin").get());
    }

    @Test
    void shouldRejectInvalidConfiguration()
    {
        assertRejected(Map.of("sluice.idle", "spin-forever"), "sluice.idle");
        assertRejected(Map.of("sluice.gateway.heartbeatMs", "0"), "sluice.gateway.heartbeatMs");
        assertRejected(Map.of("sluice.gateway.threading", "fibers"), "sluice.gateway.threading");
        assertRejected(Map.of("sluice.gateway.publishRetries", "-1"), "sluice.gateway.publishRetries");

        final IllegalArgumentException noVenue = assertThrows(IllegalArgumentException.class,
            () -> new GatewayContext().settings(Settings.of(Map.of())).conclude());
        assertTrue(noVenue.getMessage().contains(Venues.names().toString()), noVenue.getMessage());
    }

    @Test
    void shouldRefuseToConcludeTwice()
    {
        final GatewayContext context = new GatewayContext().settings(Settings.of(Map.of())).venueName("paper").conclude();
        assertThrows(IllegalStateException.class, context::conclude);
    }

    private static void assertRejected(final Map<String, String> values, final String key)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new GatewayContext().settings(Settings.of(values)).venueName("paper").conclude());
        assertTrue(ex.getMessage().contains(key), ex.getMessage());
    }
}
