package io.sluice.bench.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The temporary directories of one rig run: the Aeron directory (in /dev/shm when it exists, as Aeron
 * defaults to on Linux) and the journal (in the system temp directory, on disk like a production journal).
 * Both are deleted on close.
 */
public final class RigDirs implements AutoCloseable
{
    private final Path root;
    private final Path aeronDir;

    private RigDirs(final Path root, final Path aeronDir)
    {
        this.root = root;
        this.aeronDir = aeronDir;
    }

    /**
     * Create fresh directories.
     *
     * @param name rig name, part of the directory names.
     * @return the directories.
     */
    public static RigDirs create(final String name)
    {
        try
        {
            final Path root = Files.createTempDirectory("sluice-bench-" + name + "-");
            final Path shm = Paths.get("/dev/shm");
            final Path aeron = Files.isDirectory(shm) && Files.isWritable(shm) ?
                Files.createTempDirectory(shm, "sluice-bench-aeron-") : root.resolve("aeron");
            return new RigDirs(root, aeron);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Launch an embedded media driver in this run's Aeron directory: shared threading (one thread, as
     * befits a two-core host) with a backing-off idle strategy.
     *
     * @return the driver; close it before these directories.
     */
    public MediaDriver launchDriver()
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(false)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    public String aeronDir()
    {
        return aeronDir.toString();
    }

    /**
     * A journal directory, fresh for each call.
     *
     * @param name sub-directory name.
     * @return path (not yet created).
     */
    public Path journalDir(final String name)
    {
        return root.resolve("journal-" + name);
    }

    /**
     * Delete a directory tree (quietly; what cannot be deleted is left).
     *
     * @param dir tree root.
     */
    public static void delete(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        delete(root);
        delete(aeronDir);
    }
}
