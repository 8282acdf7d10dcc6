package io.sluice.gateway;

import io.sluice.sbe.GatewayState;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The duty cycle of one gateway: take orders from the engine, let the venue work, heartbeat with the venue's state.
 * <p>
 * The venue is started once the reports stream has a subscriber, so its first messages (e.g. opening market
 * data) reach the engine rather than being dropped; until then orders wait in the orders stream.
 */
public final class GatewayAgent implements Agent
{
    private static final String DOWN_DETAIL = "gateway closed";

    private final Venue venue;
    private final OrdersAdapter ordersAdapter;
    private final ReportPublisher reportPublisher;
    private final EpochNanoClock clock;
    private final long heartbeatIntervalNs;
    private final String roleName;

    private boolean venueStarted;
    private long nextHeartbeatNs;

    /**
     * Agent for one venue.
     *
     * @param venue               the venue adapter.
     * @param ordersAdapter       decodes the venue's orders stream.
     * @param reportPublisher     publishes onto the reports stream.
     * @param clock               epoch clock read once per duty cycle.
     * @param heartbeatIntervalNs interval between GatewayStatus UP messages.
     */
    public GatewayAgent(
        final Venue venue,
        final OrdersAdapter ordersAdapter,
        final ReportPublisher reportPublisher,
        final EpochNanoClock clock,
        final long heartbeatIntervalNs)
    {
        this.venue = venue;
        this.ordersAdapter = ordersAdapter;
        this.reportPublisher = reportPublisher;
        this.clock = clock;
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        this.roleName = "gateway-" + venue.name();
    }

    /**
     * One duty cycle: poll orders, venue work, heartbeat; all at one clock reading.
     *
     * @return work done.
     */
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (!venueStarted)
        {
            return startVenueWhenReportsConnected(nowNs);
        }

        return ordersAdapter.poll(nowNs) +
            venue.doWork(nowNs) +
            heartbeat(nowNs);
    }

    /**
     * Publish GatewayStatus DOWN (best effort) and close the venue.
     */
    public void onClose()
    {
        try
        {
            reportPublisher.gatewayStatus(GatewayState.DOWN, clock.nanoTime(), DOWN_DETAIL);
        }
        finally
        {
            venue.onClose();
        }
    }

    /**
     * Name of the agent's thread and role.
     *
     * @return "gateway-" and the venue name.
     */
    public String roleName()
    {
        return roleName;
    }

    /**
     * Whether the venue has been started (the reports stream got a subscriber).
     *
     * @return true once started.
     */
    public boolean isVenueStarted()
    {
        return venueStarted;
    }

    private int startVenueWhenReportsConnected(final long nowNs)
    {
        if (!reportPublisher.isConnected())
        {
            return 0;
        }
        venueStarted = true;
        venue.onStart(reportPublisher, nowNs);
        return 1 + heartbeat(nowNs);
    }

    private int heartbeat(final long nowNs)
    {
        if (nowNs - nextHeartbeatNs < 0)
        {
            return 0;
        }
        nextHeartbeatNs = nowNs + heartbeatIntervalNs;
        reportPublisher.gatewayStatus(venue.state(), nowNs, venue.stateDetail());
        return 1;
    }
}
