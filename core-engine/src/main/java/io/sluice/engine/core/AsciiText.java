package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reusable ASCII text builder for reject details ("qty 150 exceeds maxOrderQty 100"): appends
 * constants, numbers and byte ranges without allocating.
 */
final class AsciiText
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private int length;

    AsciiText clear()
    {
        length = 0;
        return this;
    }

    AsciiText append(final String text)
    {
        final int room = buffer.capacity() - length;
        final int n = Math.min(room, text.length());
        for (int i = 0; i < n; i++)
        {
            buffer.putByte(length + i, (byte)text.charAt(i));
        }
        length += n;
        return this;
    }

    AsciiText appendFixed(final long value)
    {
        if (buffer.capacity() - length >= 32)
        {
            length += Fixed.putAscii(value, buffer, length);
        }
        return this;
    }

    AsciiText appendLong(final long value)
    {
        if (buffer.capacity() - length >= 21)
        {
            length += buffer.putLongAscii(length, value);
        }
        return this;
    }

    AsciiText append(final DirectBuffer source, final int offset, final int sourceLength)
    {
        final int n = Math.min(buffer.capacity() - length, sourceLength);
        buffer.putBytes(length, source, offset, n);
        length += n;
        return this;
    }

    AsciiText append(final byte[] source)
    {
        final int n = Math.min(buffer.capacity() - length, source.length);
        buffer.putBytes(length, source, 0, n);
        length += n;
        return this;
    }

    AsciiText appendClientOrderId(final long key)
    {
        if (buffer.capacity() - length >= io.sluice.protocol.ClientOrderIds.LENGTH)
        {
            io.sluice.protocol.ClientOrderIds.put(key, buffer, length);
            length += io.sluice.protocol.ClientOrderIds.LENGTH;
        }
        return this;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }
}
