package io.sluice.engine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.aeron.driver.MediaDriver;
import io.sluice.protocol.Settings;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engine}: runs the engine process until SIGINT/SIGTERM.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Run the Sluice engine (ring + deterministic core).")
public final class EngineMain implements Callable<Integer>
{
    @Option(names = "--config", description = "Configuration properties file (also -Dsluice.config or SLUICE_CONFIG).")
    private Path config;

    @Option(names = "--embedded-driver", description = "Start an Aeron media driver inside this process.")
    private boolean embeddedDriver;

    public Integer call()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        // Closed in reverse: engine, then driver, then the barrier, which the JVM's shutdown hook waits for.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            MediaDriver driver = embeddedDriver ? DriverMain.launchDriver(settings) : null;
            Engine engine = Engine.launch(new EngineContext().settings(settings)))
        {
            final EngineContext ctx = engine.context();
            System.out.println("sluice-engine: " + engine.recoverySummary());
            System.out.println("sluice-engine: journal " + ctx.journalDir() + ", replayed " + engine.inputsReplayed() +
                " inputs; ingress " + ctx.ingressChannel() + " stream " + ctx.ingressStreamId() +
                ", reports stream " + ctx.reportsStreamId() + ", venues " + ctx.coreConfig().venues() +
                (engine.recoveredOutputs() > 0 ? "; sent " + engine.recoveredOutputs() + " outputs a crash kept out of the journal" : ""));
            System.out.flush();
            barrier.await();
            System.out.println("sluice-engine: stopping");
        }
        return 0;
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new EngineMain()).execute(args));
    }
}
