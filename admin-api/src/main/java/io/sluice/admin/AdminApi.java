package io.sluice.admin;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.admin.http.ApiRoutes;
import io.sluice.admin.http.HttpApiHandler;
import io.sluice.admin.http.HttpApiInitializer;
import io.sluice.admin.http.IngestEndpoints;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.telegram.TelegramPollAgent;
import io.sluice.admin.telegram.TelegramUpdates;
import io.sluice.admin.http.PendingSignals;
import io.sluice.admin.metrics.EngineCounters;
import io.sluice.admin.metrics.MetricsProjection;
import io.sluice.admin.metrics.MetricsRegistry;
import io.sluice.admin.notify.NotificationService;
import io.sluice.admin.ops.AuditHandler;
import io.sluice.admin.ops.OperatorHandler;
import io.sluice.admin.ops.OperatorServices;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.security.ResponseHeadersHandler;
import io.sluice.admin.security.Security;
import io.sluice.admin.security.SecurityConfig;
import io.sluice.admin.security.SecurityHandler;
import io.sluice.admin.stream.StreamAgent;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalHandler;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

/**
 * The admin API process in one object: the HTTP server (Netty), the Aeron ingress publication to the engine,
 * the read model and metrics fed by a journal tail on its own thread, the security services, the WebSocket stream
 * and notifications (each tailing the journal on its own thread). Launch it with a context; close it to stop.
 */
public final class AdminApi implements AutoCloseable
{
    private static final long TELEGRAM_IDLE_MS = 5;

    private final AdminApiContext ctx;
    private final AtomicLong errorCount = new AtomicLong();
    private final ErrorHandler errorHandler;
    private Aeron aeron;
    private Publication publication;
    private IngressPublisher ingressPublisher;
    private Journal journal;
    private ReadModel readModel;
    private java.util.concurrent.ScheduledExecutorService redelivery;
    private PendingSignals pendingSignals;
    /** An Aeron client silent this long (keepalives come every 500 ms) is taken for dead by the re-delivery. */
    private static final long CLIENT_STALE_MS = 3_000;
    private AgentRunner tailRunner;
    private AgentRunner telegramRunner;
    private AgentRunner streamRunner;
    private StreamAgent streamAgent;
    private Security security;
    private MetricsRegistry metrics;
    private NotificationService notifications;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private int port;

    private AdminApi(final AdminApiContext ctx)
    {
        this.ctx = ctx;
        this.errorHandler = throwable ->
        {
            errorCount.incrementAndGet();
            System.err.println("admin-api error: " + throwable);
            throwable.printStackTrace(System.err);
        };
    }

    /**
     * Connect to the running media driver, open and tail the journal, and start serving HTTP.
     *
     * @param ctx configuration; concluded here.
     * @return the running API.
     * @throws RuntimeException when any part cannot start (what started is closed again).
     */
    public static AdminApi launch(final AdminApiContext ctx)
    {
        ctx.conclude();
        final AdminApi api = new AdminApi(ctx);
        try
        {
            api.start();
            return api;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(api);
            throw ex;
        }
    }

    // Order matters: the ingress publication and the journal tail exist before the server accepts a request.
    private void start()
    {
        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(ctx.aeronDir())
            .errorHandler(errorHandler));
        publication = aeron.addPublication(ctx.ingressChannel(), ctx.ingressStreamId());
        final int maxSignalLength = IngressPublisher.maxSignalLength(ctx.maxBodyBytes());
        if (maxSignalLength > publication.maxMessageLength())
        {
            throw new IllegalArgumentException("a signal of " + ctx.maxBodyBytes() + " body bytes needs messages of " +
                maxSignalLength + " bytes but the ingress channel allows " + publication.maxMessageLength() +
                ": lower " + AdminApiContext.MAX_BODY_BYTES_PROP + " or raise the channel's term-length");
        }
        ingressPublisher = new IngressPublisher(publication, ctx.publishMaxRetries(), ctx.maxBodyBytes());

        security = new Security(new SecurityConfig(ctx.settings(), ctx.environment(), ctx.host()), ctx.epochNanoClock());
        if (security.config().authEnabled() && security.users().size() == 0)
        {
            System.err.println("admin-api: no users yet; set " + SecurityConfig.BOOTSTRAP_PASSWORD_ENV +
                " for a bootstrap admin or run 'admin-api users add'");
        }
        metrics = new MetricsRegistry();
        final MetricsProjection metricsProjection = new MetricsProjection(metrics);
        metrics.counter("sluice_http_responses_total", "HTTP answers, by area and status code.");
        metrics.gauge("sluice_engine_connected", "1 when an engine subscribes to the ingress stream.");
        metrics.gauge("sluice_stream_subscribers", "WebSocket stream subscribers.");
        metrics.gauge("sluice_signals_undelivered", "Accepted signals the journal does not show yet.");
        metrics.counter("sluice_signals_redelivered_total", "Accepted signals published again because the journal had not shown them in time.");
        pendingSignals =
            new PendingSignals(ingressPublisher, new org.agrona.concurrent.SystemNanoClock(), PendingSignals.DEFAULT_CAPACITY,
                ctx.engineStallNs());
        EngineCounters.register(metrics, aeron);

        journal = Journal.open(ctx.journalDir());
        readModel = new ReadModel(ctx.readModelCapacity());
        final JournalHandler tail = (index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            readModel.onRecord(index, kind, sequence, timestampNs, buffer, offset, length);
            metricsProjection.onRecord(index, kind, sequence, timestampNs, buffer, offset, length);
        };
        tailRunner = new AgentRunner(ctx.journalIdleStrategy(), errorHandler, null, new JournalTailAgent(journal, tail));
        AgentRunner.startOnThread(tailRunner);
        streamAgent = new StreamAgent(journal, SystemEpochClock.INSTANCE);
        streamRunner = new AgentRunner(new SleepingMillisIdleStrategy(5), errorHandler, null, streamAgent);
        AgentRunner.startOnThread(streamRunner);
        notifications = new NotificationService(ctx.settings(), ctx.environment(), journal, ctx.epochNanoClock(), metrics, errorHandler);
        metrics.collector("api", r ->
        {
            r.set("sluice_engine_connected", engineConnected() ? 1 : 0);
            r.set("sluice_stream_subscribers", streamAgent.subscriberCount());
            r.set("sluice_signals_undelivered", pendingSignals.undelivered());
            r.set("sluice_signals_redelivered_total", pendingSignals.redelivered());
        });

        final SignalIds signalIds = new SignalIds();
        final TelegramUpdates telegramUpdates =
            new TelegramUpdates(pendingSignals, ctx.ingest(), ctx.epochNanoClock(), ctx.maxBodyBytes());
        final IngestEndpoints ingestEndpoints = new IngestEndpoints(ingressPublisher, ctx.ingest(), readModel, pendingSignals,
            signalIds, telegramUpdates, ctx.epochNanoClock(), ctx.maxBodyBytes());
        final ApiRoutes routes = new ApiRoutes(ingressPublisher, readModel, pendingSignals, signalIds, ctx.epochNanoClock(),
            errorHandler, ingestEndpoints);
        if (ctx.ingest().telegramMode() == IngestSettings.TelegramMode.POLL)
        {
            telegramRunner = new AgentRunner(new SleepingMillisIdleStrategy(TELEGRAM_IDLE_MS), errorHandler, null,
                new TelegramPollAgent(ctx.ingest(), telegramUpdates, SystemEpochClock.INSTANCE, errorHandler));
            AgentRunner.startOnThread(telegramRunner);
        }
        // An accepted (202) signal is never lost: until the journal shows it, it is published again every
        // redeliverMs (see PendingSignals).
        final long redeliverNs = ctx.redeliverNs();
        redelivery = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "admin-api-redelivery");
            thread.setDaemon(true);
            return thread;
        });
        redelivery.scheduleWithFixedDelay(() ->
        {
            try
            {
                final long consumed = ingressPublisher.consumed(aeron.countersReader(), System.currentTimeMillis(), CLIENT_STALE_MS);
                final long applied = readModel.lastIndex(); // before the look-ups: a signal at or before it is there
                pendingSignals.redeliver(id -> readModel.signal(id) != null, journal.lastIndex(), applied, consumed, redeliverNs);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
        }, redeliverNs / 4, redeliverNs / 4, java.util.concurrent.TimeUnit.NANOSECONDS);
        final OperatorServices services = new OperatorServices(security, readModel, ingressPublisher, pendingSignals, signalIds,
            ctx.epochNanoClock(), metrics, streamAgent, this::engineConnected, notifications::channelNames);
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("admin-api-accept"), NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(
            ctx.ioThreads(), new DefaultThreadFactory("admin-api-http"), NioIoHandler.newFactory());
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childHandler(new HttpApiInitializer(new HttpApiHandler(routes, errorHandler), ctx.maxBodyBytes(),
                security.sslContext(),
                new ResponseHeadersHandler(security.config().corsOrigins(), security.config().tlsEnabled(),
                    (area, status) -> metrics.add("sluice_http_responses_total", 1, "area", area, "code", Integer.toString(status))),
                new SecurityHandler(security),
                new AuditHandler(security.audit(), readModel, security.users(), security.vault(), ctx.epochNanoClock()),
                new OperatorHandler(services, errorHandler)));
        serverChannel = bootstrap.bind(ctx.host(), ctx.port()).syncUninterruptibly().channel();
        port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * The port the server listens on (the ephemeral one when configured as 0).
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * The address the server listens on.
     *
     * @return host and port.
     */
    public InetSocketAddress address()
    {
        return (InetSocketAddress)serverChannel.localAddress();
    }

    /** Accepted signals the journal does not show yet. */
    public int undeliveredSignals()
    {
        return pendingSignals.undelivered();
    }

    /** Accepted signals published again because the journal had not shown them in time. */
    public long redeliveredSignals()
    {
        return pendingSignals.redelivered();
    }

    /**
     * The read model the journal tail maintains.
     *
     * @return the read model.
     */
    public ReadModel readModel()
    {
        return readModel;
    }

    /**
     * The security services (users, tokens, vault, audit).
     *
     * @return the services.
     */
    public Security security()
    {
        return security;
    }

    /**
     * The metrics registry behind {@code /metrics}.
     *
     * @return the registry.
     */
    public MetricsRegistry metrics()
    {
        return metrics;
    }

    /**
     * Whether an engine subscribes to the ingress stream.
     *
     * @return true when connected.
     */
    public boolean engineConnected()
    {
        return publication != null && publication.isConnected();
    }

    /**
     * Unexpected errors seen (handler failures, tail failures, Aeron client errors).
     *
     * @return the count.
     */
    public long errorCount()
    {
        return errorCount.get();
    }

    /**
     * The concluded configuration this API runs with.
     *
     * @return the context.
     */
    public AdminApiContext context()
    {
        return ctx;
    }

    /**
     * Stop serving, stop the tail, close the journal and the Aeron client.
     */
    public void close()
    {
        if (redelivery != null)
        {
            redelivery.shutdownNow();
        }
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        if (bossGroup != null)
        {
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workerGroup != null)
        {
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        CloseHelper.closeAll(telegramRunner, notifications, streamRunner, tailRunner, journal, publication, aeron, security);
    }
}
