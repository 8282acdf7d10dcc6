package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the JMH micro-benchmarks with the GC profiler (bytes allocated per operation) and writes each
 * benchmark's ns/op and B/op as {@code micro.<Class>.<method>.ns|alloc}. Forked JVMs get this JVM's flags,
 * which come from {@code target/jvm.flags}.
 */
@Command(name = "micro", mixinStandardHelpOptions = true, description = "Run the JMH benchmarks and write ns/op and B/op as JSON.")
public final class MicroMain implements Callable<Integer>
{
    @Option(names = "--out", required = true, description = "JSON file to write")
    Path out;

    @Option(names = "--log", required = true, description = "JMH's own output")
    Path log;

    @Option(names = "--include", defaultValue = "io\\.sluice\\..*Benchmark", description = "benchmark regex")
    String include;

    @Option(names = "--warmup-iterations", defaultValue = "2")
    int warmupIterations;

    @Option(names = "--warmup-ms", defaultValue = "1000")
    long warmupMs;

    @Option(names = "--iterations", defaultValue = "3")
    int iterations;

    @Option(names = "--iteration-ms", defaultValue = "1000")
    long iterationMs;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark; 0 runs all in this JVM (quick, indicative)")
    int forks;

    public Integer call() throws RunnerException
    {
        final List<String> jvmArgs = new ArrayList<>();
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xrunjdwp"))
            {
                jvmArgs.add(arg);
            }
        }
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(include)
            .forks(forks)
            .warmupIterations(warmupIterations)
            .warmupTime(TimeValue.milliseconds(warmupMs))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.milliseconds(iterationMs))
            .addProfiler(GCProfiler.class)
            .jvmArgs(jvmArgs.toArray(new String[0]))
            .shouldFailOnError(true)
            .output(log.toString());
        final Collection<RunResult> runs = new Runner(options.build()).run();

        final Results results = new Results();
        for (final RunResult run : runs)
        {
            final String label = run.getParams().getBenchmark();
            final String[] parts = label.split("\\.");
            final String key = "micro." + parts[parts.length - 2] + "." + parts[parts.length - 1];
            final Result<?> primary = run.getPrimaryResult();
            results.put(key + ".ns", primary.getScore());
            for (final String secondary : run.getSecondaryResults().keySet())
            {
                if (secondary.endsWith("gc.alloc.rate.norm"))
                {
                    results.put(key + ".alloc", run.getSecondaryResults().get(secondary).getScore());
                }
            }
            System.err.printf("  %-60s %10.1f ns/op %10.3f B/op%n", key, primary.getScore(),
                results.get(key + ".alloc") == null ? Double.NaN : results.get(key + ".alloc"));
        }
        results.write(out);
        return 0;
    }

    /**
     * Entry point.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new MicroMain()).execute(args));
    }
}
