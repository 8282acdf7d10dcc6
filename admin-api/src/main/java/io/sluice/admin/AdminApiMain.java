package io.sluice.admin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.sluice.admin.security.UsersCommand;
import io.sluice.protocol.Settings;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line entry point: {@code admin-api [--config FILE] [--port N]} serves until SIGINT or SIGTERM;
 * {@code admin-api users …} manages users and API keys.
 */
@Command(name = "admin-api", mixinStandardHelpOptions = true, subcommands = UsersCommand.class,
    description = "Sluice admin API: signals in over HTTP, read model from the journal, operator commands.")
public final class AdminApiMain implements Callable<Integer>
{
    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file (default: -Dsluice.config or SLUICE_CONFIG); sluice.* system properties override it.")
    private Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (overrides sluice.http.port; 0 = ephemeral).")
    private Integer port;

    /**
     * Launch and serve until a shutdown signal.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        final AdminApiContext ctx = new AdminApiContext(settings);
        if (port != null)
        {
            ctx.port(port);
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            AdminApi api = AdminApi.launch(ctx))
        {
            System.out.println("admin-api listening on " + (api.security().config().tlsEnabled() ? "https://" : "http://") + ctx.host() + ":" + api.port() +
                " (journal " + ctx.journalDir() + ", aeron " + ctx.aeronDir() + ")");
            barrier.await();
            System.out.println("admin-api stopping");
        }
        return 0;
    }

    /**
     * Run the command.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new AdminApiMain()).execute(args));
    }
}
