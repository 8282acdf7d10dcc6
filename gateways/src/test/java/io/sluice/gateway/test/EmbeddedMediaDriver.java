package io.sluice.gateway.test;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;

/**
 * An Aeron media driver in its own directory for one test class: shared threading, a parking idle strategy,
 * directory deleted on start and on close.
 */
public final class EmbeddedMediaDriver implements AutoCloseable
{
    private final MediaDriver driver;

    private EmbeddedMediaDriver(final MediaDriver driver)
    {
        this.driver = driver;
    }

    /**
     * Launch a driver whose Aeron directory is {@code dir/aeron}.
     *
     * @param dir a temporary directory owned by the test.
     * @return the running driver.
     */
    public static EmbeddedMediaDriver launch(final Path dir)
    {
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        return new EmbeddedMediaDriver(MediaDriver.launch(context));
    }

    /**
     * The driver's Aeron directory, for clients and gateway contexts.
     *
     * @return directory name.
     */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /**
     * Connect a new Aeron client to this driver; the caller closes it.
     *
     * @return connected client.
     */
    public Aeron connectClient()
    {
        return Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName()));
    }

    /**
     * Stop the driver and delete its directory.
     */
    public void close()
    {
        CloseHelper.close(driver);
    }
}
