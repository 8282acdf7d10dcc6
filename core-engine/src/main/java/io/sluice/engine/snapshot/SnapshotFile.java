package io.sluice.engine.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * One snapshot file, {@code snapshot-<journalIndex>.bin}: a 64-byte header, then the core's state as
 * {@link io.sluice.engine.core.EngineCore#writeState} wrote it. All numbers little-endian.
 * <pre>
 *   0  int64  magic "SLUICESN"
 *   8  int32  format version
 *  12  int32  state length in bytes
 *  16  int64  journal index of the last input the state includes
 *  24  int64  engine sequence of that input
 *  32  int64  its event time (ns)
 *  40  int64  EngineCore.stateHash() of the state
 *  48  int64  configuration fingerprint ({@link ConfigFingerprint})
 *  56  int32  CRC32C of bytes 0..55 and of the state
 *  60  int32  reserved (0)
 *  64  state
 * </pre>
 * Written to a temporary file, forced to the device, then renamed over: a file either is complete or does not
 * exist under its final name; the CRC catches anything else.
 */
public final class SnapshotFile
{
    public static final long MAGIC = 0x4E534543_49554C53L; // "SLUICESN" read little-endian
    public static final int FORMAT_VERSION = 2;
    public static final int HEADER_LENGTH = 64;
    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".bin";

    /** A snapshot's header and state, read and CRC-checked. */
    public record Snapshot(Path path, long journalIndex, long sequence, long timestampNs, long stateHash, long fingerprint, byte[] state)
    {
    }

    private SnapshotFile()
    {
    }

    /** File name of the snapshot at a journal index (zero-padded so names sort by index). */
    static String name(final long journalIndex)
    {
        return PREFIX + String.format("%020d", journalIndex) + SUFFIX;
    }

    /**
     * Write a snapshot durably.
     *
     * @return the file written.
     */
    public static Path write(
        final Path dir,
        final long journalIndex,
        final long sequence,
        final long timestampNs,
        final long stateHash,
        final long fingerprint,
        final DirectBuffer state,
        final int length) throws IOException
    {
        Files.createDirectories(dir);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(0, MAGIC).putInt(8, FORMAT_VERSION).putInt(12, length).putLong(16, journalIndex)
            .putLong(24, sequence).putLong(32, timestampNs).putLong(40, stateHash).putLong(48, fingerprint);
        final ByteBuffer body;
        if (state.byteArray() != null)
        {
            // The writer's own array: no copy of a state that may be megabytes.
            body = ByteBuffer.wrap(state.byteArray(), (int)(state.addressOffset() - org.agrona.BufferUtil.ARRAY_BASE_OFFSET), length).slice();
        }
        else
        {
            body = ByteBuffer.allocate(length);
            state.getBytes(0, body, length);
            body.flip();
        }
        final CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 56);
        crc.update(body.duplicate());
        header.putInt(56, (int)crc.getValue()).putInt(60, 0);

        final Path target = dir.resolve(name(journalIndex));
        final Path temp = dir.resolve(name(journalIndex) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            header.rewind();
            while (header.hasRemaining())
            {
                channel.write(header);
            }
            while (body.hasRemaining())
            {
                channel.write(body);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        return target;
    }

    private static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            // Not every OS can sync a directory; the rename is still atomic.
        }
    }

    /**
     * Read and check a snapshot file.
     *
     * @throws SnapshotException when the magic, version, length or CRC is wrong.
     */
    public static Snapshot read(final Path path) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < HEADER_LENGTH)
        {
            throw new SnapshotException(path.getFileName() + ": shorter than its header");
        }
        final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getLong(0) != MAGIC)
        {
            throw new SnapshotException(path.getFileName() + ": not a Sluice snapshot");
        }
        if (header.getInt(8) != FORMAT_VERSION)
        {
            throw new SnapshotException(path.getFileName() + ": format version " + header.getInt(8) + ", this build reads " + FORMAT_VERSION);
        }
        final int length = header.getInt(12);
        if (length < 0 || HEADER_LENGTH + (long)length != bytes.length)
        {
            throw new SnapshotException(path.getFileName() + ": " + bytes.length + " bytes, its header says " + (HEADER_LENGTH + (long)length));
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 56);
        crc.update(bytes, HEADER_LENGTH, length);
        if ((int)crc.getValue() != header.getInt(56))
        {
            throw new SnapshotException(path.getFileName() + ": CRC mismatch");
        }
        final byte[] state = new byte[length];
        System.arraycopy(bytes, HEADER_LENGTH, state, 0, length);
        return new Snapshot(path, header.getLong(16), header.getLong(24), header.getLong(32), header.getLong(40), header.getLong(48), state);
    }
}
