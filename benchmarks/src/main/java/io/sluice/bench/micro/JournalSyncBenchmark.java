package io.sluice.bench.micro;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.rig.RigDirs;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of each journal durability mode ({@code sluice.journal.sync}) per appended input: {@code none} appends
 * only (the page cache writes back later), {@code batch} also msyncs the queue at the end of every ring batch, as
 * the engine's journal stage does. {@code batchSize} is how many inputs one ring batch holds: 1 at low load (every
 * input is its own batch, so every input pays a sync), larger under load (the sync is shared). The journal lives in
 * the temp directory (set {@code java.io.tmpdir} to measure another disk).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JournalSyncBenchmark
{
    @Param({ "none", "batch" })
    public String sync;

    @Param({ "1", "64" })
    public int batchSize;

    private final SignalFrame frame = new SignalFrame().index(42);
    private Path dir;
    private Journal journal;
    private JournalAppender appender;
    private boolean syncOnBatch;
    private long sequence;

    /** A fresh journal per iteration (deleted afterwards, bounding disk use). */
    @Setup(Level.Iteration)
    public void open()
    {
        syncOnBatch = sync.equals("batch");
        dir = JournalAppendBenchmark.tempDir();
        journal = Journal.open(dir, syncOnBatch); // as the engine opens it for the mode
        appender = journal.appender();
    }

    @TearDown(Level.Iteration)
    public void close()
    {
        appender.close();
        journal.close();
        RigDirs.delete(dir);
    }

    /** One input appended, plus the batch's sync when it ends the batch (as JournalStage does). */
    @Benchmark
    public long appendInput()
    {
        sequence++;
        final long index = appender.append(JournalRecord.KIND_INPUT, sequence, 1_700_000_000_000_000_000L, frame.buffer(), 0, frame.length());
        if (syncOnBatch && sequence % batchSize == 0)
        {
            appender.sync();
        }
        return index;
    }
}
