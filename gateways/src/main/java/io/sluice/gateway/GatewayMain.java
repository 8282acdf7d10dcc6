package io.sluice.gateway;

import io.sluice.protocol.Settings;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Command line launcher: {@code gateway --venue paper [--config FILE]} serves one venue until SIGINT or SIGTERM.
 * The media driver must already be running at {@code sluice.aeron.dir}.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = "Serve one venue: take orders from the engine on orders.<venue>, send reports on reports.")
public final class GatewayMain implements Callable<Integer>
{
    @Option(names = "--venue", required = true, description = "Venue to serve, e.g. paper.")
    String venue;

    @Option(names = "--config", description = "Properties file (default: -Dsluice.config or SLUICE_CONFIG).")
    Path config;

    /**
     * Launch the gateway and block until a shutdown signal, then close it.
     *
     * @return process exit code.
     */
    public Integer call()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        final GatewayContext context = new GatewayContext()
            .settings(settings)
            .venueName(venue)
            .threadingMode(GatewayThreadingMode.DEDICATED);

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Gateway gateway = Gateway.launch(context))
        {
            System.out.println(gateway.context().describe());
            barrier.await();
        }
        return 0;
    }

    /**
     * Entry point.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * The picocli command line, with configuration errors reported as a one-line message and exit code 2.
     *
     * @return the command line.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new GatewayMain())
            .setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            {
                if (ex instanceof IllegalArgumentException)
                {
                    commandLine.getErr().println("gateway: " + ex.getMessage());
                    return 2;
                }
                throw ex;
            });
    }
}
