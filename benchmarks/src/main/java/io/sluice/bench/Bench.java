package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.rig.RigDirs;
import io.sluice.bench.rig.RigMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench}: runs the JMH micro-benchmarks and every rig, each in its own JVM with a hard time
 * limit, then prints one markdown table (metric | Sluice | baseline | ratio). Full mode takes about 12
 * minutes, {@code --quick} under 3; everything binds to loopback and writes only under temp directories.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Sluice benchmarks with same-run baselines; prints one markdown table.")
public final class Bench implements Callable<Integer>
{
    /** Step names accepted by {@code --only}. */
    static final List<String> STEPS = List.of("micro", "core", "engine", "profiles", "http", "sustained");

    @Option(names = "--quick", description = "short runs: under 3 minutes in all")
    boolean quick;

    @Option(names = "--out", defaultValue = "benchmarks/target/bench", description = "where results and logs go")
    Path out;

    @Option(names = "--profile", defaultValue = "backoff",
        description = "idle strategies of the main runs: backoff (default, parks) | blocking | yielding | busy-spin")
    String profile;

    @Option(names = "--also", split = ",", defaultValue = "blocking,yielding,busy-spin",
        description = "further idle profiles measured briefly on rig 1 against the empty-ring floor with the same strategies " +
            "(none to skip; --quick runs only busy-spin)")
    List<String> alsoProfiles;

    @Option(names = "--only", split = ",", description = "steps to run: micro, core, engine, profiles, http, sustained (default all)")
    Set<String> only;

    @Option(names = "--rate", defaultValue = "10000", description = "rig 1 offered signals/s")
    long rate;

    @Option(names = "--http-rate", defaultValue = "5000", description = "rig 2 offered requests/s")
    long httpRate;

    @Option(names = "--jvm-arg", description = "extra JVM argument for every rig and benchmark JVM (repeatable), e.g. -XX:+UseZGC")
    List<String> extraJvmArgs = new ArrayList<>();

    /** Durations of one mode, in seconds. */
    record Plan(
        int microForks, int microWarmups, long microWarmupMs, int microIterations, long microIterationMs,
        long coreSignals,
        double engineWarmup, double engineDuration, double baselineWarmup,
        double profileWarmup, double profileDuration,
        double httpWarmup, double httpDuration,
        double stepWarmup, double probe, double confirm, double searchBudget)
    {
        static final Plan FULL = new Plan(1, 2, 1000, 3, 1000, 1_000_000, 5, 30, 3, 3, 10, 5, 30, 1, 5, 60, 180);
        // Quick: JMH in one JVM (no fork per benchmark), shorter windows, only the busy-spin extra profile.
        static final Plan QUICK = new Plan(0, 1, 500, 1, 500, 200_000, 1, 4, 1, 1, 3, 1, 4, 0.5, 2, 5, 22);
    }

    public Integer call() throws IOException
    {
        for (final String step : only == null ? Set.<String>of() : only)
        {
            if (!STEPS.contains(step))
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown step " + step + "; steps: " + STEPS);
            }
        }
        final Plan plan = quick ? Plan.QUICK : Plan.FULL;
        final Path resultsDir = out.resolve("results");
        RigDirs.delete(resultsDir);
        Files.createDirectories(resultsDir);
        final long startNs = System.nanoTime();
        final double loadAtStart = loadAverageNow();
        final List<String> failures = new ArrayList<>();

        if (runs("micro"))
        {
            step(failures, "micro", MicroMain.class, 1200, "--out", file(resultsDir, "micro"), "--log", out.resolve("jmh.log").toString(),
                "--forks", plan.microForks, "--warmup-iterations", plan.microWarmups, "--warmup-ms", plan.microWarmupMs,
                "--iterations", plan.microIterations, "--iteration-ms", plan.microIterationMs);
        }
        if (runs("core"))
        {
            rig(failures, "core", 120, "core", "--signals", plan.coreSignals);
        }
        if (runs("engine"))
        {
            load(failures, "engine", profile, rate, plan.engineWarmup, plan.engineDuration);
            load(failures, "pingpong", profile, rate, plan.baselineWarmup, plan.engineDuration);
            load(failures, "floor", profile, rate, plan.baselineWarmup, plan.engineDuration);
        }
        if (runs("profiles"))
        {
            for (final String other : alsoProfiles)
            {
                if (!other.equals("none") && !other.equals(profile) && (!quick || other.equals("busy-spin")))
                {
                    load(failures, "engine", other, rate, plan.profileWarmup, plan.profileDuration);
                    load(failures, "floor", other, rate, plan.profileWarmup, plan.profileDuration);
                }
            }
        }
        if (runs("http"))
        {
            load(failures, "http", profile, httpRate, plan.httpWarmup, plan.httpDuration);
            load(failures, "echo", profile, httpRate, plan.baselineWarmup, plan.httpDuration);
        }
        if (runs("sustained"))
        {
            for (final String target : List.of("sustained-engine", "sustained-floor"))
            {
                rig(failures, target, (long)(plan.searchBudget * 1.5) + 120, target, "--profile", profile,
                    "--warmup", plan.stepWarmup, "--probe", plan.probe, "--confirm", plan.confirm,
                    "--budget", plan.searchBudget);
            }
        }

        final Results results = Results.readAll(resultsDir);
        final String table = ReportTable.standard().render(results);
        final String minutes = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNs) / 60e9);
        final StringBuilder report = new StringBuilder()
            .append("Sluice benchmarks, ").append(quick ? "quick" : "full").append(" mode, profile ").append(profile)
            .append(", ").append(minutes).append(" min; ").append(machine())
            .append(String.format(Locale.ROOT, "; 1-min load average %.2f at the start, %.2f at the end", loadAtStart, loadAverageNow()))
            .append("\n\n")
            .append(table);
        if (!results.notes().isEmpty() || !failures.isEmpty())
        {
            report.append("\nNotes:\n");
            failures.forEach(failure -> report.append("- FAILED: ").append(failure).append('\n'));
            results.notes().forEach(note -> report.append("- ").append(note).append('\n'));
        }
        Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.err.println("\nresults and notes: " + out.resolve("results.md") + "; JMH log: " + out.resolve("jmh.log"));
        System.out.print(table);
        return failures.isEmpty() ? 0 : 1;
    }

    private boolean runs(final String step)
    {
        return only == null || only.isEmpty() || only.contains(step);
    }

    private void load(final List<String> failures, final String rig, final String idle, final long offered,
        final double warmup, final double duration)
    {
        final Path resultsDir = out.resolve("results");
        final String name = rig.equals("echo") ? "echo" : rig + "." + idle;
        step(failures, name, RigMain.class, (long)(warmup + duration) * 2 + 90, rig,
            "--out", file(resultsDir, name), "--profile", idle, "--rate", offered,
            "--warmup", warmup, "--duration", duration);
    }

    private void rig(final List<String> failures, final String name, final long timeoutSeconds, final Object... args)
    {
        final List<Object> all = new ArrayList<>(Arrays.asList(args));
        all.add("--out");
        all.add(file(out.resolve("results"), name));
        step(failures, name, RigMain.class, timeoutSeconds, all.toArray());
    }

    private static String file(final Path dir, final String name)
    {
        return dir.resolve(name + ".json").toString();
    }

    // One JVM per step, with this JVM's flags (from target/jvm.flags) and a hard time limit.
    private void step(final List<String> failures, final String name, final Class<?> main, final long timeoutSeconds,
        final Object... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        for (final Object arg : args)
        {
            command.add(String.valueOf(arg));
        }
        System.err.printf("%n== %s (limit %d s, load average %.2f)%n", name, timeoutSeconds, loadAverageNow());
        final long stepStartNs = System.nanoTime();
        try
        {
            final Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                failures.add(name + " exceeded its " + timeoutSeconds + " s limit and was stopped");
            }
            else if (process.exitValue() != 0)
            {
                failures.add(name + " exited with " + process.exitValue());
            }
            System.err.printf("== %s took %.1f s%n", name, (System.nanoTime() - stepStartNs) / 1e9);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            failures.add(name + " interrupted");
        }
    }

    static String machine()
    {
        final Runtime runtime = Runtime.getRuntime();
        final long memoryMb = ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize() >> 20;
        final Set<String> gcs = new TreeSet<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> gcs.add(gc.getName()));
        return String.format(Locale.ROOT, "%d CPUs, %,d MB RAM, JDK %s (%s), GC %s, %s %s",
            runtime.availableProcessors(), memoryMb, System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.name"), String.join("/", gcs), System.getProperty("os.name"),
            System.getProperty("os.version"));
    }

    private static double loadAverageNow()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Entry point.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
