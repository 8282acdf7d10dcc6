package io.sluice.journal;

import java.io.File;
import java.nio.file.Path;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The journal: a Chronicle Queue of SBE frames rolled daily, shared by the engine (writer) and by
 * every reader on the host (admin-api read model, dump, replay) through memory-mapped files.
 * <p>
 * Each UTC day is one roll cycle, one file named {@code yyyyMMdd'F'.cq4}; a record's index holds its cycle in
 * the high bits, so indexes grow across days. Old cycles are archived or deleted by {@link JournalRetention}.
 */
public final class Journal implements AutoCloseable
{
    /** The journal's roll cycle: one file per UTC day. */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    private static final String METADATA_SUFFIX = ".cq4t";

    private final ChronicleQueue queue;
    private final Path dir;

    private Journal(final Path dir, final ChronicleQueue queue)
    {
        this.dir = dir;
        this.queue = queue;
    }

    /**
     * Open (creating if needed) the journal in a directory.
     *
     * @param dir journal directory.
     * @return the journal.
     */
    public static Journal open(final Path dir)
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(ROLL_CYCLE)
            .build();
        return new Journal(dir, queue);
    }

    /**
     * Open (creating if needed) the journal in a directory, choosing what {@link JournalAppender#sync()} does.
     * <p>
     * Chronicle's default sync mode is {@code ASYNC} ({@code msync(MS_ASYNC)}), which on Linux only schedules the
     * write-back and returns: nothing is on the device when it returns. With {@code durableSync} the appenders'
     * {@code sync()} is a synchronous {@code msync(MS_SYNC)}: the records are on the device when it returns (what
     * {@code sluice.journal.sync=batch} promises).
     *
     * @param dir         journal directory.
     * @param durableSync whether sync() waits for the device.
     * @return the journal.
     */
    public static Journal open(final Path dir, final boolean durableSync)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(ROLL_CYCLE);
        if (durableSync)
        {
            builder.syncMode(net.openhft.chronicle.bytes.SyncMode.SYNC);
        }
        return new Journal(dir, builder.build());
    }

    /**
     * Open the journal with a given clock deciding the roll cycle of appended records (tests write past days).
     *
     * @param dir   journal directory.
     * @param clock time provider of the queue.
     * @return the journal.
     */
    static Journal open(final Path dir, final TimeProvider clock)
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(ROLL_CYCLE)
            .timeProvider(clock)
            .build();
        return new Journal(dir, queue);
    }

    /**
     * Whether a directory holds a journal (Chronicle Queue files), possibly still empty.
     *
     * @param dir journal directory.
     * @return true when the directory holds queue files.
     */
    public static boolean exists(final Path dir)
    {
        final File[] files = dir.toFile().listFiles((parent, name) -> name.endsWith(SingleChronicleQueue.SUFFIX) ||
            name.endsWith(METADATA_SUFFIX));
        return files != null && files.length > 0;
    }

    /**
     * Open the journal read-only (dump, investigation); it must exist.
     *
     * @param dir journal directory.
     * @return the journal.
     */
    public static Journal openReadOnly(final Path dir)
    {
        if (!dir.toFile().isDirectory())
        {
            throw new IllegalArgumentException("no journal at " + dir);
        }
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(ROLL_CYCLE)
            .readOnly(true)
            .build();
        return new Journal(dir, queue);
    }

    /**
     * A new appender. Appenders are single-threaded: create one per writing thread.
     *
     * @return the appender.
     */
    public JournalAppender appender()
    {
        return new JournalAppender(queue.createAppender());
    }

    /**
     * A new reader positioned at the start of the journal.
     *
     * @return the reader.
     */
    public JournalReader reader()
    {
        return new JournalReader(queue.createTailer());
    }

    /**
     * Index of the last record written, or -1 when the journal is empty.
     *
     * @return the index.
     */
    public long lastIndex()
    {
        final long index = queue.lastIndex();
        return index < 0 ? -1 : index;
    }

    public Path dir()
    {
        return dir;
    }

    /**
     * Re-read which cycle files exist, after old ones were removed, so readers start at the first remaining one.
     */
    void refreshDirectoryListing()
    {
        ((SingleChronicleQueue)queue).refreshDirectoryListing();
    }

    public void close()
    {
        queue.close();
    }
}
