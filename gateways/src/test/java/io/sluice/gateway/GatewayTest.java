package io.sluice.gateway;

import io.aeron.Aeron;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayHarness;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.gateway.test.OrderSender;
import io.sluice.gateway.test.ReportsCollector;
import io.sluice.gateway.paper.PaperVenue;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.TickEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayTest
{
    private static final Map<String, String> NO_WALK = Map.of(PaperVenue.WALK_PROP, "false");

    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @Test
    void shouldPublishGatewayStatusUpOnStartAndEveryHeartbeatInterval()
    {
        try (GatewayHarness harness = GatewayHarness.launch(driver, "paper", NO_WALK))
        {
            final ReportsCollector reports = harness.reports();
            final GatewayStatusEvent first = reports.awaitStatus(GatewayState.UP);
            assertEquals("paper", first.venue());
            assertEquals(harness.clock().nanoTime(), first.timestampNs());

            reports.drain();
            reports.clear();
            harness.clock().advance(999, TimeUnit.MILLISECONDS);
            reports.drain();
            assertEquals(List.of(), reports.statuses(), "no heartbeat before the interval");

            final long dueNs = harness.clock().advance(1, TimeUnit.MILLISECONDS);
            reports.drain();
            final List<GatewayStatusEvent> heartbeats = reports.statuses();
            assertEquals(1, heartbeats.size(), heartbeats::toString);
            assertEquals(GatewayState.UP, heartbeats.get(0).state());
            assertEquals(dueNs, heartbeats.get(0).timestampNs());
        }
    }

    @Test
    void shouldPublishGatewayStatusDownOnClose()
    {
        try (GatewayHarness harness = GatewayHarness.launch(driver, "paper", NO_WALK))
        {
            harness.reports().drain();
            assertTrue(harness.reports().statuses().stream().noneMatch((s) -> s.state() == GatewayState.DOWN));

            harness.closeGateway();
            final GatewayStatusEvent down = harness.reports().awaitStatus(GatewayState.DOWN);
            assertEquals("paper", down.venue());
        }
    }

    @Test
    void shouldStartTheVenueOnlyOnceTheReportsStreamHasASubscriber()
    {
        final Settings settings = Settings.of(Map.of(
            "sluice.aeron.dir", driver.aeronDirectoryName(),
            "sluice.stream.orders.paper.id", "20011",
            "sluice.stream.reports.id", "20012",
            PaperVenue.WALK_PROP, "false"));
        try (Aeron aeron = driver.connectClient();
            Gateway gateway = Gateway.launch(new GatewayContext()
                .settings(settings).venueName("paper").threadingMode(GatewayThreadingMode.INVOKER)))
        {
            for (int i = 0; i < 10; i++)
            {
                gateway.invoker().invoke();
            }
            assertFalse(gateway.agent().isVenueStarted());
            assertEquals(0, gateway.reportPublisher().publishedCount());

            try (ReportsCollector reports = new ReportsCollector(aeron, "aeron:ipc?term-length=4m", 20012))
            {
                reports.pump(gateway.invoker()::invoke);
                final List<String> symbols = ((PaperVenue)gateway.venue()).symbols();
                for (final String symbol : symbols)
                {
                    reports.awaitMarketData((md) -> md.symbol().equals(symbol), "opening market data for " + symbol);
                }
                assertTrue(gateway.agent().isVenueStarted());
                assertEquals(symbols.size(), reports.marketData().stream().map(MarketDataEvent::symbol).distinct().count());
            }
        }
    }

    @Test
    void shouldCountUnknownMessagesAndKeepServingOrders()
    {
        try (GatewayHarness harness = GatewayHarness.launch(driver, "paper", NO_WALK))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final TickEncoder tick = new TickEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
            tick.timestampNs(1);
            harness.orders().send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength());

            final MessageHeaderEncoder foreign = new MessageHeaderEncoder().wrap(buffer, 0);
            foreign.blockLength(8).templateId(2).schemaId(999).version(0);
            harness.orders().send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + 8);

            harness.orders().market("AFTER", "BTCUSDT", Side.BUY, Fixed.parse("1"));
            harness.reports().awaitExecutionReport("AFTER", ExecType.TRADE);

            assertEquals(2, harness.gateway().ordersAdapter().unknownMessageCount());
            assertEquals(1, harness.gateway().ordersAdapter().newOrderCount());
            assertEquals(0, harness.gateway().errorCount());
        }
    }

    @Test
    void shouldServeOrdersOnItsOwnThreadAndPublishDownWhenClosed()
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Settings settings = Settings.of(Map.of(
            "sluice.aeron.dir", driver.aeronDirectoryName(),
            "sluice.stream.orders.paper.id", "20021",
            "sluice.stream.reports.id", "20022",
            "sluice.gateway.heartbeatMs", "50",
            PaperVenue.WALK_PROP, "false"));
        try (Aeron aeron = driver.connectClient();
            ReportsCollector reports = new ReportsCollector(aeron, "aeron:ipc?term-length=4m", 20022);
            OrderSender orders = new OrderSender(aeron, "aeron:ipc?term-length=4m", 20021))
        {
            final Gateway gateway = Gateway.launch(new GatewayContext()
                .settings(settings)
                .venueName("paper")
                .errorHandler(errors::add));
            try
            {
                assertThrows(IllegalStateException.class, gateway::invoker);
                orders.awaitConnected();
                reports.awaitStatus(GatewayState.UP);

                orders.market("T1", "BTCUSDT", Side.BUY, Fixed.parse("2"));
                final ExecutionReportEvent fill = reports.awaitExecutionReport("T1", ExecType.TRADE);
                assertEquals(Fixed.parse("65006.5"), fill.lastPrice());
                assertEquals(Fixed.parse("2"), fill.cumQty());
                assertTrue(fill.transactTimeNs() > 0);

                final long upCount = reports.statuses().size();
                Await.until("more heartbeats", reports::poll, () -> reports.statuses().size() > upCount + 1, reports::statuses);
            }
            finally
            {
                gateway.close();
            }
            reports.awaitStatus(GatewayState.DOWN);
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void shouldRejectUnknownVenueListingTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Gateway.launch(
            new GatewayContext().settings(Settings.of(Map.of())).venueName("nasdaq")));
        assertTrue(ex.getMessage().contains("nasdaq"), ex.getMessage());
        assertTrue(ex.getMessage().contains(Venues.names().toString()), ex.getMessage());
    }
}
