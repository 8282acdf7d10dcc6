package io.sluice.bench.micro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.rig.RigDirs;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One journal append of a RawSignal frame (the engine's write-ahead step) through {@link JournalAppender},
 * against the baseline of a raw Chronicle Queue append of the same bytes (same envelope, same roll cycle).
 * Each iteration writes a fresh queue in the temp directory and deletes it afterwards, so a run's disk use
 * stays bounded by one iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalAppendBenchmark
{
    /** A fresh journal per iteration. */
    @State(Scope.Thread)
    public static class JournalState
    {
        final SignalFrame frame = new SignalFrame().index(42);
        Path dir;
        Journal journal;
        JournalAppender appender;
        long sequence;

        /** Open a fresh journal. */
        @Setup(Level.Iteration)
        public void open()
        {
            dir = tempDir();
            journal = Journal.open(dir);
            appender = journal.appender();
        }

        /** Close and delete it. */
        @TearDown(Level.Iteration)
        public void close()
        {
            appender.close();
            journal.close();
            RigDirs.delete(dir);
        }
    }

    /** A fresh raw Chronicle queue per iteration. */
    @State(Scope.Thread)
    public static class RawState
    {
        final byte[] frame = frameBytes();
        Path dir;
        ChronicleQueue queue;
        ExcerptAppender appender;
        long sequence;

        /** Open a fresh queue. */
        @Setup(Level.Iteration)
        public void open()
        {
            dir = tempDir();
            queue = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
            appender = queue.createAppender();
        }

        /** Close and delete it. */
        @TearDown(Level.Iteration)
        public void close()
        {
            appender.close();
            queue.close();
            RigDirs.delete(dir);
        }
    }

    @Benchmark
    public long journalAppend(final JournalState state)
    {
        final SignalFrame frame = state.frame;
        return state.appender.append(JournalRecord.KIND_INPUT, state.sequence++, 1_700_000_000_000_000_000L,
            frame.buffer(), 0, frame.length());
    }

    @Benchmark
    public long rawChronicleAppendBaseline(final RawState state)
    {
        try (DocumentContext dc = state.appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeInt(JournalRecord.KIND_INPUT);
            bytes.writeInt(0);
            bytes.writeLong(state.sequence++);
            bytes.writeLong(1_700_000_000_000_000_000L);
            bytes.write(state.frame, 0, state.frame.length);
        }
        return state.sequence;
    }

    static byte[] frameBytes()
    {
        final SignalFrame frame = new SignalFrame().index(42);
        final byte[] bytes = new byte[frame.length()];
        frame.buffer().getBytes(0, bytes);
        return bytes;
    }

    static Path tempDir()
    {
        try
        {
            return Files.createTempDirectory("sluice-bench-journal-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
