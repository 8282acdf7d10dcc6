package io.sluice.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends records to the journal from one thread, without allocating in steady state.
 */
public final class JournalAppender implements AutoCloseable
{
    private final ExcerptAppender appender;
    private byte[] scratch = new byte[4096];

    JournalAppender(final ExcerptAppender appender)
    {
        this.appender = appender;
    }

    /**
     * Append one record.
     *
     * @param kind        {@link JournalRecord#KIND_INPUT} or {@link JournalRecord#KIND_OUTPUT}.
     * @param sequence    engine sequence of the input.
     * @param timestampNs engine event time.
     * @param buffer      holding the SBE message.
     * @param offset      of the message.
     * @param length      of the message.
     * @return the Chronicle index of the record.
     */
    public long append(
        final int kind, final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array;
        final int arrayOffset;
        if (buffer.byteArray() != null)
        {
            array = buffer.byteArray();
            arrayOffset = (int)(buffer.addressOffset() - org.agrona.BufferUtil.ARRAY_BASE_OFFSET) + offset;
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            buffer.getBytes(offset, scratch, 0, length);
            array = scratch;
            arrayOffset = 0;
        }

        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeInt(kind);
            bytes.writeInt(0);
            bytes.writeLong(sequence);
            bytes.writeLong(timestampNs);
            bytes.write(array, arrayOffset, length);
        }
        return appender.lastIndexAppended();
    }

    /**
     * Index of the last record this appender wrote.
     *
     * @return the index.
     */
    public long lastIndexAppended()
    {
        return appender.lastIndexAppended();
    }

    /**
     * Force what has been written to the storage device (msync). Costly; see the durability settings.
     */
    public void sync()
    {
        appender.sync();
    }

    public void close()
    {
        appender.close();
    }
}
