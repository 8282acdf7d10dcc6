package io.sluice.bench.rig;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.sluice.bench.Results;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs one rig in this JVM and writes its figures as JSON; {@code scripts/bench} starts one JVM per rig so
 * no rig inherits another's threads, garbage or JIT profile.
 */
@Command(name = "rig", mixinStandardHelpOptions = true, description = "Run one benchmark rig and write its figures as JSON.")
public final class RigMain implements Callable<Integer>
{
    @Parameters(index = "0", description = "core | engine | pingpong | floor | http | echo | sustained-engine | sustained-floor")
    String rig;

    @Option(names = "--out", required = true, description = "JSON file to write")
    Path out;

    @Option(names = "--profile", defaultValue = "backoff", description = "idle strategies: backoff | yielding | busy-spin")
    String profile;

    @Option(names = "--rate", defaultValue = "10000", description = "offered signals (or requests) per second")
    long rate;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds at the same rate, not recorded")
    double warmupSeconds;

    @Option(names = "--duration", defaultValue = "30", description = "measured seconds")
    double durationSeconds;

    @Option(names = "--connections", defaultValue = "16", description = "HTTP keep-alive connections")
    int connections;

    @Option(names = "--signals", defaultValue = "1000000", description = "core: signals measured")
    long signals;

    @Option(names = "--start-rate", defaultValue = "25000", description = "sustained: first probed rate")
    long startRate;

    @Option(names = "--max-rate", defaultValue = "2000000", description = "sustained: highest rate tried")
    long maxRate;

    @Option(names = "--probe", defaultValue = "5", description = "sustained: measured seconds of a probe step")
    double probeSeconds;

    @Option(names = "--confirm", defaultValue = "60", description = "sustained: measured seconds of the confirmation step")
    double confirmSeconds;

    @Option(names = "--budget", defaultValue = "240", description = "sustained: seconds for the whole search")
    double budgetSeconds;

    /** Journal bytes per signal with its fill: input 180 + NewOrder 190 + OrderUpdate 210 + report 250 + two updates 350. */
    static final long JOURNAL_BYTES_PER_SIGNAL = 1_200;

    public Integer call()
    {
        final Profile idle = Profile.of(profile);
        final Results results;
        switch (rig)
        {
            case "core":
                results = new CoreLatency(signals / 4, signals).run();
                break;
            case "engine":
                results = load("engine." + profile, idle, (schedule, from) -> new EnginePipeline(idle, schedule, from, Map.of()));
                break;
            case "pingpong":
                results = load("pingpong." + profile, idle, (schedule, from) -> new RelayPipeline(idle, 0, schedule, from));
                break;
            case "floor":
                results = load("floor." + profile, idle, (schedule, from) -> new RelayPipeline(idle, 3, schedule, from));
                break;
            case "http":
                results = load("http." + profile, idle, (schedule, from) -> new HttpPipeline(idle, connections, schedule, from));
                break;
            case "echo":
                results = load("echo", idle, (schedule, from) -> new EchoPipeline(2, connections, schedule, from));
                break;
            case "sustained-engine":
                results = new SustainedSearch("sustained.engine",
                    (stepRate, run) -> run.run("sustained.engine.step",
                        (schedule, from) -> new EnginePipeline(idle, schedule, from, Map.of())),
                    startRate, maxRate, warmupSeconds, probeSeconds, confirmSeconds, JOURNAL_BYTES_PER_SIGNAL, budgetSeconds).run();
                break;
            case "sustained-floor":
                results = new SustainedSearch("sustained.floor",
                    (stepRate, run) -> run.run("sustained.floor.step", (schedule, from) -> new RelayPipeline(idle, 3, schedule, from)),
                    startRate, maxRate, warmupSeconds, probeSeconds, confirmSeconds, 0, budgetSeconds).run();
                break;
            default:
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown rig: " + rig);
        }
        results.write(out);
        return 0;
    }

    private Results load(final String prefix, final Profile idle,
        final java.util.function.BiFunction<FixedRateSchedule, Long, Pipeline> factory)
    {
        return new LoadRun(rate, warmupSeconds, durationSeconds, idle.spinSender()).run(prefix, factory).results();
    }

    /**
     * Entry point.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        final int code = new CommandLine(new RigMain()).execute(args);
        // Exit explicitly: library threads (Netty, Aeron, Chronicle) must not keep a finished rig alive.
        System.exit(code);
    }
}
