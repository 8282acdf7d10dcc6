package io.sluice.engine;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.sluice.engine.core.EngineCore;
import io.sluice.engine.snapshot.SnapshotStore;
import io.sluice.engine.snapshot.StateWriter;

/**
 * Takes snapshots of the core every {@code sluice.snapshot.every} events and at clean shutdown.
 * <p>
 * The core thread writes the state into a reusable buffer between two events (it is not per-event work, so it
 * may take a few milliseconds for a large dedup window); a background thread writes the file. The file is
 * written only once the egress stage has journaled every output of the snapshot's last input, so a restart never
 * skips outputs that a crash kept out of the journal. While a file is still being written, the next snapshot
 * waits for the next event.
 */
final class Snapshotter implements AutoCloseable
{
    private final SnapshotStore store;
    private final long fingerprint;
    private final long every;
    private final LongSupplier journaledThrough;
    private final StateWriter writer = new StateWriter(64 * 1024);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean pending;
    private volatile long snapshotsWritten;
    private volatile long lastWrittenIndex = -1;
    private org.agrona.concurrent.status.AtomicCounter lastIndexCounter;
    private org.agrona.concurrent.status.AtomicCounter failureCounter;
    private long eventsSince;
    private long sequence;
    private long journalIndex;
    private long timestampNs;
    private long stateHash;

    Snapshotter(final SnapshotStore store, final long fingerprint, final long every, final LongSupplier journaledThrough)
    {
        this.store = store;
        this.fingerprint = fingerprint;
        this.every = every;
        this.journaledThrough = journaledThrough;
        this.thread = new Thread(this::run, "sluice-snapshot");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Aeron counters (AeronStat, /metrics, /api/v1/engine) for the journal index of the newest snapshot on disk and
     * the snapshots that failed to write.
     */
    void counters(final org.agrona.concurrent.status.AtomicCounter lastIndex, final org.agrona.concurrent.status.AtomicCounter failures)
    {
        this.lastIndexCounter = lastIndex;
        this.failureCounter = failures;
    }

    /**
     * Called by the core thread after each event.
     */
    void afterEvent(final EngineCore core, final long sequence, final long journalIndex, final long timestampNs)
    {
        if (every <= 0 || ++eventsSince < every || pending)
        {
            return;
        }
        eventsSince = 0;
        capture(core, sequence, journalIndex, timestampNs);
        pending = true;
        LockSupport.unpark(thread);
    }

    private void capture(final EngineCore core, final long sequence, final long journalIndex, final long timestampNs)
    {
        core.writeState(writer.reset());
        this.stateHash = core.stateHash();
        this.sequence = sequence;
        this.journalIndex = journalIndex;
        this.timestampNs = timestampNs;
    }

    /**
     * At clean shutdown, once the pipeline has drained: wait for a snapshot in flight, then write the core's
     * final state (unless the last snapshot already has it).
     */
    void onCleanShutdown(final EngineCore core, final long sequence, final long journalIndex, final long timestampNs)
    {
        stopThread();
        if (pending)
        {
            writeCaptured();
        }
        if (journalIndex < 0 || journalIndex == lastWrittenIndex)
        {
            return;
        }
        capture(core, sequence, journalIndex, timestampNs);
        writeCaptured();
    }

    private void run()
    {
        while (running)
        {
            if (!pending)
            {
                LockSupport.parkNanos(100_000_000L);
                continue;
            }
            if (journaledThrough.getAsLong() < sequence)
            {
                LockSupport.parkNanos(1_000_000L);
                continue;
            }
            writeCaptured();
        }
    }

    private void writeCaptured()
    {
        try
        {
            store.write(journalIndex, sequence, timestampNs, stateHash, fingerprint, writer.buffer(), writer.length());
            lastWrittenIndex = journalIndex;
            snapshotsWritten++;
            if (lastIndexCounter != null)
            {
                lastIndexCounter.setOrdered(journalIndex);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // A failed snapshot costs only a longer replay at the next start; the engine keeps running.
            if (failureCounter != null)
            {
                failureCounter.increment();
            }
            System.err.println("sluice-engine: snapshot at journal index " + journalIndex + " failed: " + ex);
        }
        finally
        {
            pending = false;
        }
    }

    private void stopThread()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    long snapshotsWritten()
    {
        return snapshotsWritten;
    }

    public void close()
    {
        stopThread();
    }
}
