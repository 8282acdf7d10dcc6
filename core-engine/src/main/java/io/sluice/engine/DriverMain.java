package io.sluice.engine;

import java.util.concurrent.Callable;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sluice.protocol.Settings;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code driver}: the host's one Aeron media driver, in Sluice's Aeron directory, with a non-spinning
 * shared thread by default ({@code sluice.driver.threading=dedicated} and {@code sluice.idle=busy-spin}
 * for production hosts with cores to spare).
 */
@Command(name = "driver", mixinStandardHelpOptions = true, description = "Run the Aeron media driver for Sluice.")
public final class DriverMain implements Callable<Integer>
{
    /**
     * Launch a media driver configured from settings.
     *
     * @param settings configuration.
     * @return the running driver.
     */
    public static MediaDriver launchDriver(final Settings settings)
    {
        final boolean dedicated = "dedicated".equals(settings.get("sluice.driver.threading", "shared"));
        final String idle = settings.get("sluice.idle", "backoff");
        final MediaDriver.Context ctx = new MediaDriver.Context()
            .aeronDirectoryName(settings.aeronDir())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(dedicated ? ThreadingMode.DEDICATED : ThreadingMode.SHARED);
        if (dedicated)
        {
            ctx.conductorIdleStrategy(EngineContext.idleStrategy(idle))
                .senderIdleStrategy(EngineContext.idleStrategy(idle))
                .receiverIdleStrategy(EngineContext.idleStrategy(idle));
        }
        else
        {
            ctx.sharedIdleStrategy(EngineContext.idleStrategy(idle));
        }
        return MediaDriver.launch(ctx);
    }

    public Integer call()
    {
        final Settings settings = Settings.load();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); MediaDriver driver = launchDriver(settings))
        {
            System.out.println("sluice-driver: aeron dir " + driver.aeronDirectoryName());
            barrier.await();
        }
        return 0;
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new DriverMain()).execute(args));
    }
}
