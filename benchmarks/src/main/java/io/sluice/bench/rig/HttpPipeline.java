package io.sluice.bench.rig;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.sluice.admin.AdminApi;
import io.sluice.admin.AdminApiContext;
import io.sluice.bench.Results;
import io.sluice.bench.frames.SignalFrame;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.RawSignalDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

/**
 * Rig 2: the path a TradingView alert takes, all in one JVM — HTTP POST {@code /api/v1/signals} to admin-api
 * (Netty, loopback), RawSignal over Aeron IPC to the engine (journal on), NewOrder over Aeron IPC to the paper
 * gateway, which fills it. Latency is intended send time to the NewOrder arriving at the paper gateway's
 * stream, taken by a second subscription on that stream in the same JVM (an IPC subscriber sees a message
 * when the gateway's own subscription does). The 202 response latency is kept too.
 */
public final class HttpPipeline implements Pipeline
{
    private static final String PATH = "/api/v1/signals";

    private final RigDirs dirs;
    private final MediaDriver driver;
    private final Engine engine;
    private final Gateway gateway;
    private final AdminApi api;
    private final Aeron aeron;
    private final Subscription spy;
    private final Subscription ingressSpy;
    private final FrameCounter ingressSignals;
    private final OrderReceiver receiver;
    private final AgentRunner receiverRunner;
    private final HttpLoadClient client;
    private long nextProbe = OrderReceiver.PROBE_BASE;

    /**
     * Start the driver, engine, paper gateway, admin-api, the spy and the client pool.
     *
     * @param profile         idle strategies.
     * @param connections     keep-alive connections of the client.
     * @param schedule        intended send times.
     * @param recordFromIndex first recorded signal.
     */
    public HttpPipeline(final Profile profile, final int connections, final FixedRateSchedule schedule, final long recordFromIndex)
    {
        dirs = RigDirs.create("http");
        MediaDriver startedDriver = null;
        Engine startedEngine = null;
        Gateway startedGateway = null;
        AdminApi startedApi = null;
        Aeron startedAeron = null;
        try
        {
            startedDriver = dirs.launchDriver();
            final Settings settings = EngineSettings.of(dirs.aeronDir(), dirs.journalDir("engine"), profile, Map.of());
            startedEngine = Engine.launch(new EngineContext().settings(settings));
            startedGateway = Gateway.launch(new GatewayContext().settings(settings).venueName("paper"));
            startedApi = AdminApi.launch(new AdminApiContext(settings));
            startedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dirs.aeronDir()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(startedAeron, startedApi, startedGateway, startedEngine, startedDriver, dirs);
            throw ex;
        }
        driver = startedDriver;
        engine = startedEngine;
        gateway = startedGateway;
        api = startedApi;
        aeron = startedAeron;
        spy = aeron.addSubscription(Streams.DEFAULT_CHANNEL, Streams.defaultOrdersStreamId("paper"));
        ingressSpy = aeron.addSubscription(Streams.DEFAULT_CHANNEL, Streams.INGRESS_STREAM_ID);
        ingressSignals = new FrameCounter(ingressSpy, RawSignalDecoder.TEMPLATE_ID);
        receiver = new OrderReceiver(spy, null, schedule, recordFromIndex);
        receiverRunner = new AgentRunner(profile.newIdleStrategy(), Throwable::printStackTrace, null,
            new CompositeAgent(receiver, ingressSignals));
        AgentRunner.startOnThread(receiverRunner);
        client = new HttpLoadClient(api.address(), connections, PATH, 202, schedule, recordFromIndex,
            OrderReceiver.PROBE_BASE, SignalFrame::body);
    }

    public void awaitReady(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long nextProbeNs = 0;
        while (receiver.probes() == 0)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs > 0)
            {
                throw new IllegalStateException("no order reached the paper gateway in time: api connected=" +
                    api.engineConnected() + ", venue started=" + gateway.agent().isVenueStarted() +
                    ", engine sees gateway=" + engine.isVenueConnected("paper"));
            }
            if (nowNs - nextProbeNs > 0 && api.engineConnected() && gateway.agent().isVenueStarted() &&
                engine.isVenueConnected("paper"))
            {
                client.submit(nextProbe++);
                nextProbeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(100);
            }
            Thread.yield();
        }
    }

    public boolean send(final long index)
    {
        return client.submit(index);
    }

    public long received()
    {
        return receiver.received();
    }

    public void stop()
    {
        receiver.freeze(TimeUnit.SECONDS.toNanos(5));
        client.freeze();
    }

    public Histogram histogram()
    {
        return receiver.histogram();
    }

    public long lastRecordedNs()
    {
        return receiver.lastRecordedNs();
    }

    public void addResults(final Results results, final String prefix)
    {
        Latencies.summarize(results, prefix + ".response", client.histogram());
        results.put(prefix + ".httpErrors", client.errors());
        // admin-api publishes a signal again when its journal tail has not seen it for a while: more RawSignals
        // on the ingress stream than requests answered means re-deliveries (duplicates the engine refuses).
        final long redelivered = Math.max(0, ingressSignals.count() - client.responses());
        results.put(prefix + ".ingressSignals", ingressSignals.count());
        results.put(prefix + ".redelivered", redelivered);
        results.put(prefix + ".gatewayErrors", gateway.errorCount());
        results.put(prefix + ".apiErrors", api.errorCount());
        System.err.printf("  %s 202 response: %s, http errors %d, RawSignals on ingress %,d for %,d responses%n", prefix,
            Latencies.line(client.histogram()), client.errors(), ingressSignals.count(), client.responses());
    }

    public void close()
    {
        CloseHelper.quietCloseAll(client, api, engine, gateway, receiverRunner, spy, ingressSpy, aeron, driver, dirs);
    }
}
