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
import io.sluice.engine.snapshot.ConfigFingerprint;
import io.sluice.engine.snapshot.SnapshotStore;
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
    private final long inputsRecovered;
    private final long recoveredOutputs;
    private final String recoverySummary;
    private final long recoveredStateHash;
    private final long snapshotIndex;
    private final Snapshotter snapshotter;
    private final CoreStage coreStage;
    private final AtomicCounter lastSnapshot;
    private final AtomicCounter snapshotFailures;
    private final java.util.List<Thread> stageThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Engine(final EngineContext ctx)
    {
        this.ctx = ctx;
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName()));
        this.journal = Journal.open(ctx.journalDir(), ctx.syncOnBatch());
        // Recovery: the newest valid snapshot, then every journaled input after it replayed, comparing outputs
        // with the journal (no valid snapshot: the whole journal). A divergence means this build would not have
        // decided what was journaled: refuse to start rather than trade on it.
        final long fingerprint = ConfigFingerprint.of(ctx.settings());
        final SnapshotStore snapshots = new SnapshotStore(ctx.snapshotDir(), ctx.snapshotKeep());
        final SnapshotRecovery.Outcome outcome = SnapshotRecovery.recover(
            journal, () -> new EngineCore(ctx.coreConfig(), (buffer, offset, length) -> {}), snapshots, fingerprint);
        this.core = outcome.core();
        this.recoverySummary = outcome.describe();
        this.snapshotIndex = outcome.snapshot() == null ? -1 : outcome.snapshot().journalIndex();
        final JournalReplay.Result recovery = outcome.replay();
        if (!recovery.identical())
        {
            journal.close();
            aeron.close();
            throw new IllegalStateException("journal replay diverged; the engine will not start (" + outcome.describe() + ").\n" +
                recovery.divergence().describe());
        }
        this.inputsReplayed = recovery.inputs();
        this.inputsRecovered = core.framesProcessed();
        this.recoveredStateHash = core.stateHash();
        this.recoveredOutputs = recovery.unjournaled().size();
        // Live orders are reconciled with their gateways before new signals are taken: the journal cannot tell
        // the outcome of one sent but unanswered, journaled but never sent, or whose report was read but not yet
        // journaled when the engine died.
        final boolean reconcile = core.framesProcessed() > 0 && core.liveOrders() > 0;
        final SignalGate signalGate = new SignalGate(reconcile);

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
            RingEvent::new, ctx.ringSize(), this::stageThread, ProducerType.SINGLE, ctx.waitStrategy());
        disruptor.setDefaultExceptionHandler(new StageExceptionHandler(stageErrors));
        this.egress = new EgressStage(journal, venues, internalInputs, ctx.idleStrategy(), backPressure, recovery.unjournaled());
        this.snapshotter = new Snapshotter(snapshots, fingerprint, ctx.snapshotEvery(), egress::journaledThrough);
        this.lastSnapshot = aeron.addCounter(COUNTER_TYPE_ID, "sluice-engine last snapshot journal index");
        this.snapshotFailures = aeron.addCounter(COUNTER_TYPE_ID, "sluice-engine snapshot failures");
        lastSnapshot.setOrdered(snapshotIndex);
        snapshotter.counters(lastSnapshot, snapshotFailures);
        this.coreStage = new CoreStage(core, snapshotter, signalGate);
        egress.latency(latency);
        disruptor
            .handleEventsWith(new JournalStage(journal, ctx.syncOnBatch()))
            .then(coreStage)
            .then(egress);
        final RingBuffer<RingEvent> ring = disruptor.start();

        final IngressAgent ingressAgent = new IngressAgent(
            ring, ingress, reports, internalInputs, new SystemEpochNanoClock(), ctx.tickIntervalNs(),
            recovery.lastSequence() + 1, recovery.lastTimestampNs());
        ingressAgent.startWith(signalGate, reconcile ? recovery.inputs() : -1);
        if (reconcile)
        {
            venues.awaitConnected(5_000_000_000L); // status requests go out first: give gateways time to connect
        }
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

    private Thread stageThread(final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, "sluice-stage");
        thread.setDaemon(true);
        stageThreads.add(thread);
        return thread;
    }

    // Disruptor's shutdown and halt only signal the stages: wait until their threads have left every stage's code
    // (including a stage still in onStart) before the journal they use is unmapped, or a late access faults.
    private void awaitStageThreads()
    {
        for (final Thread thread : stageThreads)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void onAgentError(final Throwable throwable)
    {
        stageErrors.increment();
        System.err.println("sluice-engine: ingress error: " + throwable);
    }

    /**
     * Inputs whose effects were recovered at start: those the restored snapshot holds plus those replayed after it
     * (without a snapshot, every journaled input, all replayed).
     */
    public long inputsReplayed()
    {
        return inputsRecovered;
    }

    /** Inputs actually replayed from the journal at start: after the restored snapshot, or all without one. */
    public long inputsReplayedAfterSnapshot()
    {
        return inputsReplayed;
    }

    /** Journal index of the snapshot recovery started from, or -1 when it replayed the whole journal. */
    public long snapshotIndex()
    {
        return snapshotIndex;
    }

    /** How the engine recovered, for the log: "restored snapshot at journal index I …, replayed N events after it". */
    public String recoverySummary()
    {
        return recoverySummary;
    }

    /** The core's stateHash() right after recovery, before the first new input. */
    public long recoveredStateHash()
    {
        return recoveredStateHash;
    }

    /** Snapshots written since start (periodic and at clean shutdown). */
    public long snapshotsWritten()
    {
        return snapshotter.snapshotsWritten();
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
        boolean drained = true;
        try
        {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            drained = false;
            egress.stop();
            disruptor.halt();
        }
        awaitStageThreads();
        if (drained && ctx.snapshotEvery() > 0)
        {
            // Every event was processed and its outputs journaled: snapshot the final state for a fast restart.
            coreStage.onCleanShutdown();
        }
        CloseHelper.quietClose(snapshotter);
        CloseHelper.closeAll(venues, ingress, reports, backPressure, stageErrors, ringBacklog, latency, lastSnapshot, snapshotFailures);
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
