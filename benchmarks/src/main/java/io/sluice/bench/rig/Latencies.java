package io.sluice.bench.rig;

import java.util.concurrent.TimeUnit;

import io.sluice.bench.Results;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram conventions of the rigs: nanosecond values from 1 ns to 60 s at three significant digits,
 * values above the range clamped (and counted), summaries as p50/p90/p99/p99.9/max.
 */
public final class Latencies
{
    /** Largest value a histogram tracks. */
    public static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private Latencies()
    {
    }

    /**
     * A histogram for nanosecond latencies.
     *
     * @return new histogram.
     */
    public static Histogram histogram()
    {
        return new Histogram(HIGHEST_NS, 3);
    }

    /**
     * Record a latency, clamped to the histogram's range.
     *
     * @param histogram destination.
     * @param valueNs   latency.
     */
    public static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(0, Math.min(valueNs, HIGHEST_NS)));
    }

    /**
     * Write the summary of a histogram under a prefix: {@code .p50 .p90 .p99 .p999 .max .count} (ns).
     *
     * @param results   destination.
     * @param prefix    dotted prefix.
     * @param histogram source.
     */
    public static void summarize(final Results results, final String prefix, final Histogram histogram)
    {
        results.put(prefix + ".count", histogram.getTotalCount());
        if (histogram.getTotalCount() == 0)
        {
            return;
        }
        results.put(prefix + ".p50", histogram.getValueAtPercentile(50));
        results.put(prefix + ".p90", histogram.getValueAtPercentile(90));
        results.put(prefix + ".p99", histogram.getValueAtPercentile(99));
        results.put(prefix + ".p999", histogram.getValueAtPercentile(99.9));
        results.put(prefix + ".max", histogram.getMaxValue());
    }

    /**
     * One line for logs: {@code p50=… p99=… p99.9=… max=… (n)} in microseconds.
     *
     * @param histogram source.
     * @return text.
     */
    public static String line(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "no samples";
        }
        return String.format("p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus (n=%d)",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3, histogram.getTotalCount());
    }
}
