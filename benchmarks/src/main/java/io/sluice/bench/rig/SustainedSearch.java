package io.sluice.bench.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BiFunction;

import io.sluice.bench.Results;

/**
 * Rig 3: the highest offered rate a pipeline holds without its queues growing, searched in bounded steps.
 * <p>
 * A step holds when the sender kept to its schedule, every signal arrived, and the backlog (signals due
 * but not yet arrived at the far end) stayed under 50 ms of work (at least 5,000) through the second half
 * of the step: an overloaded pipeline's backlog grows with time, and since every queue in it is bounded
 * (Aeron term windows, the ring) that growth ends in back pressure on the sender, which is caught too.
 * Short probe steps double the rate until one fails, bisect between the last pass and the first failure,
 * and the candidate is then confirmed with one long step ({@code confirmSeconds}, 60 s in full mode). If
 * that fails, the next candidate is 90% of the throughput the failed step actually delivered (at most 85% of
 * the failed rate), once more if the budget allows.
 */
public final class SustainedSearch
{
    private static final long MIN_RATE = 1_000;
    private static final int BISECTIONS = 3;
    private static final int CONFIRMATIONS = 2;

    private final String prefix;
    private final BiFunction<Long, LoadRun, LoadRun.Outcome> step;
    private final long startRate;
    private final long maxRate;
    private final double warmupSeconds;
    private final double probeSeconds;
    private final double confirmSeconds;
    private final long bytesPerSignal;
    private final double budgetSeconds;
    private final long startNs = System.nanoTime();
    private int steps;

    /**
     * @param prefix         dotted prefix of the figures.
     * @param step           runs one {@link LoadRun} at a rate and returns its outcome.
     * @param startRate      first probed rate.
     * @param maxRate        highest rate tried.
     * @param warmupSeconds  warm-up of every step.
     * @param probeSeconds   measured length of a probe step.
     * @param confirmSeconds measured length of the confirmation.
     * @param bytesPerSignal disk written per signal (journal), to keep the confirmation within free space.
     * @param budgetSeconds  time for the whole search; probing stops early to leave room for the confirmation.
     */
    public SustainedSearch(
        final String prefix,
        final BiFunction<Long, LoadRun, LoadRun.Outcome> step,
        final long startRate,
        final long maxRate,
        final double warmupSeconds,
        final double probeSeconds,
        final double confirmSeconds,
        final long bytesPerSignal,
        final double budgetSeconds)
    {
        this.budgetSeconds = budgetSeconds;
        this.prefix = prefix;
        this.step = step;
        this.startRate = startRate;
        this.maxRate = maxRate;
        this.warmupSeconds = warmupSeconds;
        this.probeSeconds = probeSeconds;
        this.confirmSeconds = confirmSeconds;
        this.bytesPerSignal = bytesPerSignal;
    }

    /**
     * Run the search.
     *
     * @return {@code <prefix>.held} (signals/s), whether it was confirmed, and the figures of the last step.
     */
    public Results run()
    {
        final Results results = new Results();
        long good = 0;
        long bad = 0;
        long rate = startRate;
        while (probeFits())
        {
            if (held(rate, probeSeconds, results))
            {
                good = rate;
                if (rate >= maxRate)
                {
                    break;
                }
                rate = Math.min(maxRate, rate * 2);
            }
            else
            {
                bad = rate;
                break;
            }
        }
        while (good == 0 && bad / 2 >= MIN_RATE && probeFits())
        {
            rate = bad / 2;
            if (held(rate, probeSeconds, results))
            {
                good = rate;
            }
            else
            {
                bad = rate;
            }
        }
        for (int i = 0; i < BISECTIONS && good > 0 && bad > 0 && bad > good * 1.2 && probeFits(); i++)
        {
            rate = roundRate((long)Math.sqrt((double)good * bad));
            if (held(rate, probeSeconds, results))
            {
                good = rate;
            }
            else
            {
                bad = rate;
            }
        }

        long candidate = good;
        boolean confirmed = false;
        final double confirmFor = confirmSecondsWithinDisk(candidate, results);
        for (int i = 0; i < CONFIRMATIONS && candidate >= MIN_RATE && (i == 0 || remainingSeconds() >= stepCost(confirmFor)); i++)
        {
            final Results confirmation = new Results();
            final LoadRun.Outcome outcome = step(candidate, confirmFor, confirmation);
            results.putAll(confirmation);
            if (held(outcome, candidate))
            {
                confirmed = true;
                break;
            }
            // What the pipeline delivered while its backlog grew is about what it can sustain.
            candidate = roundRate(Math.min(candidate * 85 / 100, (long)(outcome.achievedPerSecond() * 0.9)));
        }
        results.put(prefix + ".held", confirmed ? candidate : good);
        results.put(prefix + ".confirmed", confirmed ? 1 : 0);
        results.put(prefix + ".confirmSeconds", confirmFor);
        results.put(prefix + ".steps", steps);
        System.err.printf("  %s: holds %,d signals/s (%s)%n", prefix, confirmed ? candidate : good,
            confirmed ? "confirmed for " + confirmFor + " s" : "probe only: confirmation failed");
        return results;
    }

    // A probe may start only if the confirmation still fits in the budget after it.
    private boolean probeFits()
    {
        return remainingSeconds() >= stepCost(probeSeconds) + stepCost(confirmSeconds);
    }

    private double remainingSeconds()
    {
        return budgetSeconds - (System.nanoTime() - startNs) / 1e9;
    }

    private double stepCost(final double measuredSeconds)
    {
        // Set-up (driver, engine, readiness probe) and drain take about a second and a half.
        return warmupSeconds + measuredSeconds + 1.5;
    }

    private boolean held(final long rate, final double seconds, final Results results)
    {
        return held(step(rate, seconds, results), rate);
    }

    private LoadRun.Outcome step(final long rate, final double seconds, final Results results)
    {
        steps++;
        final LoadRun run = new LoadRun(rate, warmupSeconds, seconds, false);
        final LoadRun.Outcome outcome = step.apply(rate, run);
        results.putAll(outcome.results());
        results.note(String.format("%s step %,d/s for %.0f s: %s (backlog max %,d, limit %,d; sent %,d of %,d; received %,d; delivered %,.0f/s)",
            prefix, rate, seconds, held(outcome, rate) ? "held" : "not held", outcome.maxBacklog(), backlogLimit(rate),
            outcome.sent(), outcome.expected(), outcome.received(), outcome.achievedPerSecond()));
        return outcome;
    }

    private static boolean held(final LoadRun.Outcome outcome, final long rate)
    {
        return outcome.completedInTime() && outcome.received() >= outcome.sent() && outcome.maxBacklog() <= backlogLimit(rate);
    }

    private static long backlogLimit(final long rate)
    {
        return Math.max(5_000, rate / 20);
    }

    private double confirmSecondsWithinDisk(final long rate, final Results results)
    {
        if (bytesPerSignal <= 0 || rate <= 0)
        {
            return confirmSeconds;
        }
        try
        {
            final Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
            final long usable = Files.getFileStore(tmp).getUsableSpace();
            final double maxSeconds = usable / 4.0 / ((double)rate * bytesPerSignal) - warmupSeconds;
            if (maxSeconds < confirmSeconds)
            {
                final double seconds = Math.max(probeSeconds, Math.floor(maxSeconds));
                results.note(String.format("%s confirmation shortened to %.0f s: the journal at %,d signals/s would not fit in a quarter of the %,d MB free",
                    prefix, seconds, rate, usable >> 20));
                return seconds;
            }
        }
        catch (final IOException ex)
        {
            results.note(prefix + " could not check free disk space: " + ex);
        }
        return confirmSeconds;
    }

    private static long roundRate(final long rate)
    {
        final long unit = rate >= 100_000 ? 5_000 : 1_000;
        return Math.max(MIN_RATE, rate / unit * unit);
    }
}
