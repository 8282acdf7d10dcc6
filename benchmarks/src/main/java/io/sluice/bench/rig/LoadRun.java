package io.sluice.bench.rig;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import io.sluice.bench.Results;
import org.agrona.CloseHelper;

/**
 * One fixed-rate run over a {@link Pipeline}, bounded in time: warm-up (not recorded), then the measured
 * window, then a short drain. Reports p50/p90/p99/p99.9/max from the intended send time, the offered and
 * achieved rates, signals lost, the sender's own lateness, and the largest backlog (signals due but not yet
 * arrived) seen in the second half of the measured window — a queue that keeps growing shows up there.
 */
public final class LoadRun
{
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long SAMPLE_INTERVAL_MS = 20;

    private final long ratePerSecond;
    private final double warmupSeconds;
    private final double durationSeconds;
    private final boolean spinSender;

    /** Outcome of a run, for searches. */
    public record Outcome(
        Results results, long sent, long expected, long received, long maxBacklog, boolean completedInTime, double achievedPerSecond)
    {
    }

    /**
     * @param ratePerSecond   offered rate.
     * @param warmupSeconds   warm-up at the same rate, not recorded.
     * @param durationSeconds measured window.
     * @param spinSender      whether the load generator spins between messages.
     */
    public LoadRun(final long ratePerSecond, final double warmupSeconds, final double durationSeconds, final boolean spinSender)
    {
        this.ratePerSecond = ratePerSecond;
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
        this.spinSender = spinSender;
    }

    /**
     * Build the pipeline for this run's schedule, run, close it.
     *
     * @param prefix  dotted prefix of the figures, e.g. {@code engine.backoff}.
     * @param factory builds the pipeline from the schedule and the first recorded index.
     * @return what happened.
     */
    public Outcome run(final String prefix, final BiFunction<FixedRateSchedule, Long, Pipeline> factory)
    {
        final FixedRateSchedule schedule = new FixedRateSchedule(ratePerSecond);
        final long warmupCount = (long)(ratePerSecond * warmupSeconds);
        final long total = warmupCount + Math.max(1, (long)(ratePerSecond * durationSeconds));
        final Pipeline pipeline = factory.apply(schedule, warmupCount);
        try
        {
            pipeline.awaitReady(READY_TIMEOUT_NS);
            return measure(prefix, pipeline, schedule, warmupCount, total);
        }
        finally
        {
            CloseHelper.close(pipeline);
        }
    }

    private Outcome measure(
        final String prefix, final Pipeline pipeline, final FixedRateSchedule schedule, final long warmupCount, final long total)
    {
        final FixedRateSender sender = new FixedRateSender(schedule, spinSender);
        final long windowNs = (long)((warmupSeconds + durationSeconds) * 1e9);
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        schedule.start(startNs);
        final long measureFromNs = schedule.intendedNs(warmupCount);
        final long sampleFromNs = measureFromNs + (long)(durationSeconds * 1e9 / 2);
        final long endNs = startNs + windowNs;

        final AtomicLong maxBacklog = new AtomicLong();
        final Thread sampler = new Thread(() -> sample(pipeline, schedule, sampleFromNs, endNs, maxBacklog), "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // Bounded: a system that cannot keep up stops the run at 1.25x its window plus two seconds.
        final long deadlineNs = startNs + windowNs + windowNs / 4 + TimeUnit.SECONDS.toNanos(2);
        final long cpuBeforeNs = processCpuNs();
        final long wallBeforeNs = System.nanoTime();
        final long sent = sender.run(0, total, pipeline::send, deadlineNs);
        final double cpuCores = (double)(processCpuNs() - cpuBeforeNs) / (System.nanoTime() - wallBeforeNs);
        final boolean completedInTime = sent == total;

        final long drainDeadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (pipeline.received() < sent && System.nanoTime() - drainDeadlineNs < 0)
        {
            sleepMs(1);
        }
        sampler.interrupt();
        joinQuietly(sampler);
        pipeline.stop();
        final long received = pipeline.received();

        final Results results = new Results();
        Latencies.summarize(results, prefix, pipeline.histogram());
        final long recorded = pipeline.histogram().getTotalCount();
        final long spanNs = pipeline.lastRecordedNs() - measureFromNs;
        results.put(prefix + ".offered", ratePerSecond);
        results.put(prefix + ".achieved", recorded > 0 && spanNs > 0 ? recorded * 1e9 / spanNs : 0);
        results.put(prefix + ".lost", sent - received);
        results.put(prefix + ".unsent", total - sent);
        results.put(prefix + ".senderLag.p99", sender.lag().getValueAtPercentile(99));
        results.put(prefix + ".backPressured", sender.backPressured());
        results.put(prefix + ".backlog.max", maxBacklog.get());
        results.put(prefix + ".cpuCores", cpuCores);
        pipeline.addResults(results, prefix);
        System.err.printf("  %s @%,d/s: %s, achieved %,.0f/s, lost %d, unsent %d, sender lag p99 %.1fus, backlog max %d, CPU %.2f cores%n",
            prefix, ratePerSecond, Latencies.line(pipeline.histogram()), results.get(prefix + ".achieved"),
            sent - received, total - sent, sender.lag().getValueAtPercentile(99) / 1e3, maxBacklog.get(), cpuCores);
        return new Outcome(results, sent, total, received, maxBacklog.get(), completedInTime, results.get(prefix + ".achieved"));
    }

    private static void sample(
        final Pipeline pipeline, final FixedRateSchedule schedule, final long fromNs, final long endNs, final AtomicLong maxBacklog)
    {
        while (!Thread.currentThread().isInterrupted())
        {
            final long nowNs = System.nanoTime();
            if (nowNs - endNs > 0)
            {
                return;
            }
            if (nowNs - fromNs >= 0)
            {
                final long backlog = schedule.dueBy(nowNs) - pipeline.received();
                if (backlog > maxBacklog.get())
                {
                    maxBacklog.set(backlog);
                }
            }
            if (!sleepMs(SAMPLE_INTERVAL_MS))
            {
                return;
            }
        }
    }

    private static long processCpuNs()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static boolean sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(final Thread thread)
    {
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }
}
