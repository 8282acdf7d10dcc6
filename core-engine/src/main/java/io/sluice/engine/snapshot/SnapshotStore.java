package io.sluice.engine.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;

/**
 * The snapshot directory ({@code <journal dir>/snapshots}): writes snapshots, keeps the newest {@code keep},
 * and lists them newest first for recovery.
 */
public final class SnapshotStore
{
    private final Path dir;
    private final int keep;

    public SnapshotStore(final Path dir, final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("sluice.snapshot.keep must be at least 1, was " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir()
    {
        return dir;
    }

    /** Snapshot files, newest (highest journal index) first; leftovers of an interrupted write are ignored. */
    public List<Path> newestFirst()
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files
                .filter(p -> p.getFileName().toString().startsWith(SnapshotFile.PREFIX) && p.getFileName().toString().endsWith(SnapshotFile.SUFFIX))
                .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                .toList();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot list snapshots in " + dir, ex);
        }
    }

    /**
     * Write a snapshot, then delete all but the newest {@code keep} (and any temporary leftovers).
     *
     * @return the file written.
     */
    public Path write(
        final long journalIndex,
        final long sequence,
        final long timestampNs,
        final long stateHash,
        final long fingerprint,
        final DirectBuffer state,
        final int length) throws IOException
    {
        final Path written = SnapshotFile.write(dir, journalIndex, sequence, timestampNs, stateHash, fingerprint, state, length);
        final List<Path> files = new ArrayList<>(newestFirst());
        for (int i = keep; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
        try (Stream<Path> leftovers = Files.list(dir))
        {
            for (final Path temp : leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList())
            {
                if (!temp.getFileName().toString().equals(written.getFileName() + ".tmp"))
                {
                    Files.deleteIfExists(temp);
                }
            }
        }
        return written;
    }
}
