package io.sluice.gateway;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A running gateway: an Aeron client connected to the host's media driver, the {@code orders.<venue>}
 * subscription, the {@code reports} publication, and a {@link GatewayAgent} run on its own thread or by the caller.
 * <p>
 * In-JVM use: {@code Gateway.launch(new GatewayContext().settings(settings).venueName("paper"))}; with
 * {@link GatewayThreadingMode#INVOKER} call {@code gateway.invoker().invoke()} to run one duty cycle.
 */
public final class Gateway implements AutoCloseable
{
    private final GatewayContext context;
    private final AtomicLong errorCount = new AtomicLong();
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final Subscription ordersSubscription;
    private final Publication reportsPublication;
    private final Venue venue;
    private final OrdersAdapter ordersAdapter;
    private final ReportPublisher reportPublisher;
    private final GatewayAgent agent;
    private final AgentRunner agentRunner;
    private final AgentInvoker agentInvoker;

    private Gateway(final GatewayContext context)
    {
        this.context = context;
        final ErrorHandler errorHandler = (throwable) ->
        {
            errorCount.incrementAndGet();
            context.errorHandler().onError(throwable);
        };

        venue = Venues.create(context);
        ownsAeron = context.aeron() == null;
        aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName()).errorHandler(errorHandler)) :
            context.aeron();
        Subscription subscription = null;
        Publication publication = null;
        try
        {
            subscription = aeron.addSubscription(context.ordersChannel(), context.ordersStreamId());
            publication = aeron.addPublication(context.reportsChannel(), context.reportsStreamId());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(publication, subscription, ownsAeron ? aeron : null);
            throw ex;
        }
        ordersSubscription = subscription;
        reportsPublication = publication;

        ordersAdapter = new OrdersAdapter(ordersSubscription, venue, errorHandler);
        reportPublisher = new ReportPublisher(
            reportsPublication, venue.name(), context.idleStrategySupplier().get(), context.publishRetries());
        agent = new GatewayAgent(venue, ordersAdapter, reportPublisher, context.epochNanoClock(), context.heartbeatIntervalNs());

        if (context.threadingMode() == GatewayThreadingMode.INVOKER)
        {
            agentRunner = null;
            agentInvoker = new AgentInvoker(errorHandler, null, agent);
            agentInvoker.start();
        }
        else
        {
            agentInvoker = null;
            agentRunner = new AgentRunner(context.idleStrategySupplier().get(), errorHandler, null, agent);
            AgentRunner.startOnThread(agentRunner);
        }
    }

    /**
     * Conclude the context, connect to the media driver at its Aeron directory and start the gateway.
     *
     * @param context configuration; concluded here.
     * @return the running gateway; close it to stop.
     * @throws IllegalArgumentException when the configuration is invalid or names an unknown venue.
     */
    public static Gateway launch(final GatewayContext context)
    {
        context.conclude();
        return new Gateway(context);
    }

    /**
     * The concluded configuration.
     *
     * @return the context.
     */
    public GatewayContext context()
    {
        return context;
    }

    /**
     * The venue adapter; with a dedicated thread, call only its thread-safe methods.
     *
     * @return the venue.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * The invoker that runs the agent's duty cycle in {@link GatewayThreadingMode#INVOKER} mode.
     *
     * @return the invoker.
     * @throws IllegalStateException when the gateway runs on its own thread.
     */
    public AgentInvoker invoker()
    {
        if (agentInvoker == null)
        {
            throw new IllegalStateException("gateway runs on its own thread; launch with GatewayThreadingMode.INVOKER to step it");
        }
        return agentInvoker;
    }

    /**
     * The agent; with a dedicated thread, read it only for diagnostics.
     *
     * @return the agent.
     */
    public GatewayAgent agent()
    {
        return agent;
    }

    /**
     * The adapter decoding the orders stream (its counters are for diagnostics).
     *
     * @return the adapter.
     */
    public OrdersAdapter ordersAdapter()
    {
        return ordersAdapter;
    }

    /**
     * The publisher of reports (its counters are for diagnostics).
     *
     * @return the publisher.
     */
    public ReportPublisher reportPublisher()
    {
        return reportPublisher;
    }

    /**
     * Errors seen on the duty cycle and in the Aeron client.
     *
     * @return count.
     */
    public long errorCount()
    {
        return errorCount.get();
    }

    /**
     * Stop the agent (publishing GatewayStatus DOWN), then release the streams and the Aeron client if owned.
     */
    public void close()
    {
        CloseHelper.closeAll(
            agentRunner,
            agentInvoker,
            ownsAeron ? null : ordersSubscription,
            ownsAeron ? null : reportsPublication,
            ownsAeron ? aeron : null);
    }
}
