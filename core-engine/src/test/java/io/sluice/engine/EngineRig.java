package io.sluice.engine;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;

import static org.junit.jupiter.api.Assertions.fail;

/** What the engine's process tests share: an embedded media driver, publishing with a deadline, waiting. */
final class EngineRig
{
    private EngineRig()
    {
    }

    /** An embedded media driver (shared threading) with its directory under {@code dir}. */
    static MediaDriver launchDriver(final Path dir)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /** Publish, retrying back pressure for up to 10 s. */
    static void offer(final Publication publication, final DirectBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("could not publish on stream " + publication.streamId());
            }
            Thread.onSpinWait();
        }
    }

    /** Wait up to 30 s for a condition, checking every 5 ms. */
    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for: " + what);
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
