package io.sluice.engine;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.sluice.engine.core.EngineCore;
import io.sluice.journal.Journal;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine process: recovers the core from the journal, then runs the pipeline.
 * <pre>
 *   ingress agent (Aeron ingress + reports + internal inputs + Tick timer → ring slot)
 *     → JournalStage  (write-ahead: the input is journaled before the core sees it)
 *     → CoreStage     (parse → deduplicate → risk → route; reports → orders and positions)
 *     → EgressStage   (journal each output; tryClaim orders onto orders.&lt;venue&gt;)
 * </pre>
 */
public final class Engine implements AutoCloseable
{
    /** Aeron counter type of the engine's counters (visible with AeronStat). */
    public static final int COUNTER_TYPE_ID = 7101;

    private final EngineContext ctx;
    private final Aeron aeron;
    private final Journal journal;
    private final EngineCore core;
    private final Subscription ingress;
    private final Subscription reports;
    private final VenuePublications venues;
    private final Disruptor<RingEvent> disruptor;
    private final EgressStage egress;
    private final AgentRunner ingressRunner;
    private final AtomicCounter backPressure;
    private final AtomicCounter stageErrors;
    private final LatencyCounters latency;
    private final AtomicCounter ringBacklog;
    private final long inputsReplayed;
    private final long recoveredOutputs;

    private Engine(final EngineContext ctx)
    {
        this.ctx = ctx;
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName()));
        this.journal = Journal.open(ctx.journalDir());
        this.core = new EngineCore(ctx.coreConfig(), (buffer, offset, length) -> {});
        // Recovery: replay every journaled input, comparing outputs with the journal. A divergence means
        // this build would not have decided what was journaled: refuse to start rather than trade on it.
        final JournalReplay.Result recovery = JournalReplay.replay(journal, core, Long.MAX_VALUE);
        if (!recovery.identical())
        {
            journal.close();
            aeron.close();
            throw new IllegalStateException("journal replay diverged; the engine will not start.\n" + recovery.divergence().describe());
        }
        this.inputsReplayed = recovery.inputs();
        this.recoveredOutputs = recovery.unjournaled().size();

        this.backPressure = aeron.addCounter(COUNTER_TYPE_ID, "sluice-engine egress back pressure");
        this.stageErrors = aeron.addCounter(COUNTER_TYPE_ID, "sluice-engine stage errors");
        this.ringBacklog = aeron.addCounter(COUNTER_TYPE_ID, "sluice-engine ring backlog");
        this.latency = new LatencyCounters(aeron);
        this.ingress = aeron.addSubscription(ctx.ingressChannel(), ctx.ingressStreamId());
        this.reports = aeron.addSubscription(ctx.reportsChannel(), ctx.reportsStreamId());
        this.venues = new VenuePublications(aeron, ctx.venueStreams());
        final InternalInputs internalInputs = new InternalInputs(ctx.idleStrategy());

        // The pipeline, wired in one place: journal → core → egress, each on its own thread.
        this.disruptor = new Disruptor<>(
            RingEvent::new, ctx.ringSize(), Engine::stageThread, ProducerType.SINGLE, ctx.waitStrategy());
        disruptor.setDefaultExceptionHandler(new StageExceptionHandler(stageErrors));
        this.egress = new EgressStage(journal, venues, internalInputs, ctx.idleStrategy(), backPressure, recovery.unjournaled());
        egress.latency(latency);
        disruptor
            .handleEventsWith(new JournalStage(journal, ctx.syncOnBatch()))
            .then(new CoreStage(core))
            .then(egress);
        final RingBuffer<RingEvent> ring = disruptor.start();

        final IngressAgent ingressAgent = new IngressAgent(
            ring, ingress, reports, internalInputs, new SystemEpochNanoClock(), ctx.tickIntervalNs(),
            recovery.lastSequence() + 1, recovery.lastTimestampNs());
        ingressAgent.ringBacklog(ringBacklog);
        this.ingressRunner = new AgentRunner(ctx.idleStrategy(), this::onAgentError, null, ingressAgent);
        AgentRunner.startOnThread(ingressRunner);
    }

    /**
     * Start an engine: connect to the media driver, recover from the journal, run the pipeline.
     *
     * @param ctx configuration.
     * @return the running engine.
     */
    public static Engine launch(final EngineContext ctx)
    {
        return new Engine(ctx.conclude());
    }

    private static Thread stageThread(final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, "sluice-stage");
        thread.setDaemon(true);
        return thread;
    }

    private void onAgentError(final Throwable throwable)
    {
        stageErrors.increment();
        System.err.println("sluice-engine: ingress error: " + throwable);
    }

    /** Inputs replayed from the journal at start. */
    public long inputsReplayed()
    {
        return inputsReplayed;
    }

    /** Outputs of the last inputs before a crash that the journal lacked; journaled and sent at start. */
    public long recoveredOutputs()
    {
        return recoveredOutputs;
    }

    /** Whether the gateway of a venue is subscribed to its order stream. */
    public boolean isVenueConnected(final String venue)
    {
        return venues.isConnected(venue);
    }

    public EngineContext context()
    {
        return ctx;
    }

    public void close()
    {
        CloseHelper.quietClose(ingressRunner);
        try
        {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            egress.stop();
            disruptor.halt();
        }
        CloseHelper.closeAll(venues, ingress, reports, backPressure, stageErrors, ringBacklog, latency);
        journal.close();
        aeron.close();
    }

    /** A failure in the journal or egress stage: counted and reported; the failing event is not skipped silently. */
    private static final class StageExceptionHandler implements ExceptionHandler<RingEvent>
    {
        private final AtomicCounter errors;

        StageExceptionHandler(final AtomicCounter errors)
        {
            this.errors = errors;
        }

        public void handleEventException(final Throwable ex, final long sequence, final RingEvent event)
        {
            errors.increment();
            System.err.println("sluice-engine: stage failed on engine sequence " + event.sequence + ": " + ex);
            throw new IllegalStateException("engine stage failed; stopping the pipeline to protect the journal", ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            errors.increment();
            System.err.println("sluice-engine: stage failed to start: " + ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            System.err.println("sluice-engine: stage failed to shut down: " + ex);
        }
    }
}
