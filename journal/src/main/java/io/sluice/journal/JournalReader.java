package io.sluice.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads journal records in order from any index, and follows the live journal as it grows.
 */
public final class JournalReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
    private byte[] scratch = frame.byteArray();

    JournalReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Position so that the next record read is the one at this index.
     *
     * @param index Chronicle index.
     * @return true when the index exists.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Position after the last record, to follow only new records.
     */
    public void toEnd()
    {
        tailer.toEnd();
    }

    /**
     * Position at the first record.
     */
    public void toStart()
    {
        tailer.toStart();
    }

    /**
     * Index the next read will return (when a record is present).
     *
     * @return the index.
     */
    public long index()
    {
        return tailer.index();
    }

    /**
     * Read up to {@code limit} records into the handler.
     *
     * @param handler receives each record.
     * @param limit   maximum records to read.
     * @return records read; 0 when at the end for now.
     */
    public int poll(final JournalHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                if (bytes.readRemaining() < JournalRecord.HEADER_LENGTH)
                {
                    continue;
                }
                final int kind = bytes.readInt();
                bytes.readInt();
                final long sequence = bytes.readLong();
                final long timestampNs = bytes.readLong();
                final int length = (int)bytes.readRemaining();
                if (scratch.length < length)
                {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                    frame.wrap(scratch);
                }
                bytes.read(scratch, 0, length);
                handler.onRecord(dc.index(), kind, sequence, timestampNs, frame, 0, length);
                count++;
            }
        }
        return count;
    }

    public void close()
    {
        tailer.close();
    }
}
