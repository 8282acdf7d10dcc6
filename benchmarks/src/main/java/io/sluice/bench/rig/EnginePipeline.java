package io.sluice.bench.rig;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.sluice.bench.frames.SignalFrame;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;

/**
 * Rig 1: the engine process as deployed on one host — embedded media driver, the engine with its journal
 * in a temporary directory — with the rig playing admin-api (publishing RawSignal frames on the ingress
 * stream) and the gateway ({@link OrderReceiver} on {@code orders.paper}, filling every order on
 * {@code reports}). Latency is intended send time to the NewOrder arriving at the gateway-side subscription.
 */
public final class EnginePipeline implements Pipeline
{
    private final RigDirs dirs;
    private final MediaDriver driver;
    private final Engine engine;
    private final Aeron aeron;
    private final ExclusivePublication ingress;
    private final Subscription orders;
    private final ExclusivePublication reports;
    private final OrderReceiver receiver;
    private final AgentRunner receiverRunner;
    private final SignalFrame frame = new SignalFrame();
    private long nextProbe = OrderReceiver.PROBE_BASE;

    /**
     * Start the driver, the engine and the gateway side.
     *
     * @param profile         idle strategies.
     * @param schedule        the load's intended send times.
     * @param recordFromIndex first recorded signal.
     * @param extraSettings   further engine settings.
     */
    public EnginePipeline(
        final Profile profile, final FixedRateSchedule schedule, final long recordFromIndex, final Map<String, String> extraSettings)
    {
        dirs = RigDirs.create("engine");
        MediaDriver startedDriver = null;
        Engine startedEngine = null;
        Aeron startedAeron = null;
        try
        {
            startedDriver = dirs.launchDriver();
            final Settings settings = EngineSettings.of(dirs.aeronDir(), dirs.journalDir("engine"), profile, extraSettings);
            startedEngine = Engine.launch(new EngineContext().settings(settings));
            startedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dirs.aeronDir()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(startedAeron, startedEngine, startedDriver, dirs);
            throw ex;
        }
        driver = startedDriver;
        engine = startedEngine;
        aeron = startedAeron;
        ingress = aeron.addExclusivePublication(Streams.DEFAULT_CHANNEL, Streams.INGRESS_STREAM_ID);
        orders = aeron.addSubscription(Streams.DEFAULT_CHANNEL, Streams.defaultOrdersStreamId("paper"));
        reports = aeron.addExclusivePublication(Streams.DEFAULT_CHANNEL, Streams.REPORTS_STREAM_ID);
        receiver = new OrderReceiver(orders, reports, schedule, recordFromIndex);
        receiverRunner = new AgentRunner(profile.newIdleStrategy(), Throwable::printStackTrace, null, receiver);
        AgentRunner.startOnThread(receiverRunner);
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
                throw new IllegalStateException("engine did not route a probe signal in time: ingress connected=" +
                    ingress.isConnected() + ", orders connected=" + orders.isConnected() + ", reports connected=" +
                    reports.isConnected());
            }
            if (nowNs - nextProbeNs > 0 && ingress.isConnected() && orders.isConnected() && reports.isConnected())
            {
                frame.index(nextProbe++);
                ingress.offer(frame.buffer(), 0, frame.length());
                nextProbeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(50);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    public boolean send(final long index)
    {
        frame.index(index);
        final long result = ingress.offer(frame.buffer(), 0, frame.length());
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return false;
        }
        throw new IllegalStateException("ingress publication failed: " + Publication.errorString(result));
    }

    public long received()
    {
        return receiver.received();
    }

    public void stop()
    {
        receiver.freeze(TimeUnit.SECONDS.toNanos(5));
    }

    public Histogram histogram()
    {
        return receiver.histogram();
    }

    public long lastRecordedNs()
    {
        return receiver.lastRecordedNs();
    }

    public void close()
    {
        // The gateway side keeps taking orders until the engine has stopped, so the engine never waits on it.
        CloseHelper.quietCloseAll(ingress, engine, receiverRunner, orders, reports, aeron, driver, dirs);
    }
}
