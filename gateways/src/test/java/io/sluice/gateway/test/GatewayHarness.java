package io.sluice.gateway.test;

import io.aeron.Aeron;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.gateway.GatewayThreadingMode;
import io.sluice.gateway.Venue;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.agrona.CloseHelper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One gateway in INVOKER mode on an embedded driver, with a {@link ManualClock}, an {@link OrderSender} playing the
 * engine, and a {@link ReportsCollector}; every harness gets fresh stream ids so tests never see each other's
 * messages. The test thread drives the gateway through {@link #step()} (the sender and collector pump it).
 */
public final class GatewayHarness implements AutoCloseable
{
    private static final AtomicInteger NEXT_STREAM_ID = new AtomicInteger(30_000);

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Aeron aeron;
    private final ManualClock clock = new ManualClock();
    private final ReportsCollector reports;
    private final OrderSender orders;
    private final Gateway gateway;
    private boolean gatewayClosed;

    private GatewayHarness(final EmbeddedMediaDriver driver, final String venueName, final Map<String, String> overrides)
    {
        final int ordersStreamId = NEXT_STREAM_ID.getAndIncrement();
        final int reportsStreamId = NEXT_STREAM_ID.getAndIncrement();
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.aeron.dir", driver.aeronDirectoryName());
        values.put("sluice.stream.orders." + venueName + ".id", Integer.toString(ordersStreamId));
        values.put("sluice.stream.reports.id", Integer.toString(reportsStreamId));
        values.putAll(overrides);
        final Settings settings = Settings.of(values);

        aeron = driver.connectClient();
        ReportsCollector collector = null;
        OrderSender sender = null;
        try
        {
            collector = new ReportsCollector(
                aeron, Streams.channel(settings, "reports"), Streams.streamId(settings, "reports", Streams.REPORTS_STREAM_ID));
            gateway = Gateway.launch(new GatewayContext()
                .settings(settings)
                .venueName(venueName)
                .threadingMode(GatewayThreadingMode.INVOKER)
                .epochNanoClock(clock)
                .errorHandler(errors::add));
            sender = new OrderSender(
                aeron, Streams.channel(settings, "orders." + venueName), Streams.ordersStreamId(settings, venueName))
                .venue(venueName);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(sender, collector, aeron);
            throw ex;
        }
        reports = collector.pump(this::step);
        orders = sender.pump(this::step);
        reports.awaitConnected();
        orders.awaitConnected();
        Await.until("venue to start", this::step, gateway.agent()::isVenueStarted);
    }

    /**
     * Launch a gateway for a venue with extra settings (e.g. {@code sluice.paper.walk=false}).
     *
     * @param driver    running embedded driver.
     * @param venueName venue to serve.
     * @param overrides settings on top of the harness's aeron dir and stream ids.
     * @return the running harness.
     */
    public static GatewayHarness launch(final EmbeddedMediaDriver driver, final String venueName, final Map<String, String> overrides)
    {
        return new GatewayHarness(driver, venueName, overrides);
    }

    /**
     * Run one duty cycle of the gateway (no-op once it is closed); fails the test if the gateway reported an error.
     */
    public void step()
    {
        if (!gatewayClosed)
        {
            gateway.invoker().invoke();
        }
        assertNoErrors();
    }

    /**
     * Fail if the gateway or its Aeron client reported any error.
     */
    public void assertNoErrors()
    {
        if (!errors.isEmpty())
        {
            final AssertionError failure = new AssertionError("gateway reported " + errors.size() + " error(s)", errors.get(0));
            errors.clear();
            throw failure;
        }
    }

    /**
     * The gateway under test.
     *
     * @return the gateway.
     */
    public Gateway gateway()
    {
        return gateway;
    }

    /**
     * The gateway's venue, cast to its type.
     *
     * @param type venue class.
     * @param <T>  venue type.
     * @return the venue.
     */
    public <T extends Venue> T venue(final Class<T> type)
    {
        return type.cast(gateway.venue());
    }

    /**
     * The gateway's clock; advance it to fire heartbeats and venue timers on the next step.
     *
     * @return the clock.
     */
    public ManualClock clock()
    {
        return clock;
    }

    /**
     * What the gateway published.
     *
     * @return the collector.
     */
    public ReportsCollector reports()
    {
        return reports;
    }

    /**
     * The engine side of the orders stream.
     *
     * @return the sender.
     */
    public OrderSender orders()
    {
        return orders;
    }

    /**
     * Close the gateway only (it publishes GatewayStatus DOWN), keeping the collector to read it.
     */
    public void closeGateway()
    {
        if (!gatewayClosed)
        {
            gatewayClosed = true;
            gateway.close();
        }
    }

    /**
     * Close the gateway, sender, collector and client.
     */
    public void close()
    {
        closeGateway();
        CloseHelper.closeAll(orders, reports, aeron);
        assertNoErrors();
    }
}
