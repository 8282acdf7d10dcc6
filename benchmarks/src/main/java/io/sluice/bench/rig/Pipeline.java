package io.sluice.bench.rig;

import io.sluice.bench.Results;
import org.HdrHistogram.Histogram;

/**
 * A system under load in a rig: signals go in by index, and something at the far end records when each
 * arrived relative to its intended send time.
 */
public interface Pipeline extends AutoCloseable
{
    /**
     * Wait until a signal sent now would make it through (connections up, engine has its quote).
     *
     * @param timeoutNs how long to try.
     * @throws IllegalStateException when not ready in time.
     */
    void awaitReady(long timeoutNs);

    /**
     * Send signal number {@code index}; called from the load generator's thread only.
     *
     * @param index signal index.
     * @return false when back pressured (the same signal is retried).
     */
    boolean send(long index);

    /**
     * Signals that reached the far end so far (readable from any thread).
     *
     * @return count.
     */
    long received();

    /**
     * Stop the far end; afterwards {@link #histogram()} and {@link #lastRecordedNs()} are stable.
     */
    void stop();

    /**
     * Latencies from intended send time to arrival at the far end.
     *
     * @return histogram.
     */
    Histogram histogram();

    /**
     * When the last recorded signal arrived.
     *
     * @return {@link System#nanoTime()}.
     */
    long lastRecordedNs();

    /**
     * Figures beyond the main latency (e.g. HTTP response latency), added after {@link #stop()}.
     *
     * @param results destination.
     * @param prefix  the run's prefix.
     */
    default void addResults(final Results results, final String prefix)
    {
    }

    void close();
}
