package io.sluice.engine.core;

import java.util.concurrent.TimeUnit;

import io.sluice.protocol.Ascii;
import org.agrona.collections.Long2LongHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The dedup lookup at the default capacity (100,000 keys), full, as in steady state: a new key (lookup miss,
 * record it, evict the oldest) and a repeated key (lookup hit). Baseline: the bare Agrona map the window is
 * built on doing the same put and remove.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DedupWindowBenchmark
{
    private static final int CAPACITY = 100_000;
    private static final long WINDOW_NS = TimeUnit.DAYS.toNanos(1);

    private final DedupWindow window = new DedupWindow(CAPACITY, WINDOW_NS);
    private final Long2LongHashMap map = new Long2LongHashMap(CAPACITY * 2, 0.65f, Long.MIN_VALUE);
    private long nextKey;
    private long mapNextKey;
    private long nowNs = 1_000_000_000L;
    private final long repeatedKey;

    /** Fill both to capacity. */
    public DedupWindowBenchmark()
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            window.isDuplicate(key(nextKey++), nowNs++);
            map.put(key(mapNextKey++), nowNs);
        }
        repeatedKey = key(nextKey - 1);
    }

    private static long key(final long n)
    {
        return Ascii.mix(n + 1);
    }

    @Benchmark
    public boolean newKey()
    {
        return window.isDuplicate(key(nextKey++), nowNs++);
    }

    @Benchmark
    public boolean repeatedKey()
    {
        return window.isDuplicate(repeatedKey, nowNs);
    }

    @Benchmark
    public long hashMapPutRemoveBaseline()
    {
        map.put(key(mapNextKey), nowNs);
        return map.remove(key(mapNextKey++ - CAPACITY));
    }
}
