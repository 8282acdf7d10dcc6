package io.sluice.engine.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.rig.RigDirs;
import io.sluice.engine.snapshot.SnapshotFile;
import io.sluice.engine.snapshot.StateWriter;
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
 * Taking a snapshot of a core at the default sizes with its dedup window full (100,000 keys): the state written
 * into the reusable buffer on the core thread (the pause between two events), and the file written and forced to
 * disk on the snapshot thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SnapshotBenchmark
{
    private final EngineCore core = new EngineCore(CoreFixture.config(), (buffer, offset, length) -> {});
    private final StateWriter writer = new StateWriter(4 * 1024 * 1024);
    private Path dir;

    @Setup(Level.Trial)
    public void fill() throws IOException
    {
        final SignalFrame frame = new SignalFrame();
        for (int i = 0; i < 100_000; i++)
        {
            frame.index(i);
            core.onFrame(i, io.sluice.bench.frames.BenchLimits.EPOCH_START_NS + i, frame.buffer(), 0, frame.length());
        }
        core.writeState(writer.reset());
        dir = Files.createTempDirectory("sluice-bench-snapshot-");
    }

    @TearDown(Level.Trial)
    public void delete()
    {
        RigDirs.delete(dir);
    }

    /** The core thread's part: state into the reusable buffer. */
    @Benchmark
    public int captureState()
    {
        core.writeState(writer.reset());
        return writer.length();
    }

    /** The snapshot thread's part: header, CRC, write, fsync, rename. */
    @Benchmark
    public Path writeFile() throws IOException
    {
        return SnapshotFile.write(dir, 1, 1, 1, 1, 1, writer.buffer(), writer.length());
    }
}
