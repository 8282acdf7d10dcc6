package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A fixed-capacity ASCII text field of a parse result (symbol, venue, id), reused for every message.
 * <p>
 * Copies bytes in rather than keeping ranges into the frame because a value may come from configuration
 * (a symbol alias) or be built (a base coin plus its quote currency); copying a few dozen bytes allocates
 * nothing. Values longer than the capacity are refused by {@link #set}, never cut.
 */
public final class AsciiSlot
{
    private final byte[] bytes;
    private final UnsafeBuffer view;
    private int length;

    /**
     * An empty slot.
     *
     * @param capacity maximum length in bytes.
     */
    public AsciiSlot(final int capacity)
    {
        bytes = new byte[capacity];
        view = new UnsafeBuffer(bytes);
    }

    /**
     * The content as a buffer (bytes 0..length-1), e.g. for index lookups; valid until the slot changes.
     *
     * @return a view over the slot's bytes.
     */
    public DirectBuffer buffer()
    {
        return view;
    }

    /**
     * Write the content into a fixed-length zero-padded SBE field (cut to the field).
     *
     * @param dst         buffer holding the field.
     * @param fieldOffset absolute offset of the field.
     * @param fieldLength length of the field.
     */
    public void putFixed(final MutableDirectBuffer dst, final int fieldOffset, final int fieldLength)
    {
        final int n = Math.min(length, fieldLength);
        dst.putBytes(fieldOffset, bytes, 0, n);
        if (n < fieldLength)
        {
            dst.setMemory(fieldOffset + n, fieldLength - n, (byte)0);
        }
    }

    /** Empty the slot. */
    public void clear()
    {
        length = 0;
    }

    /**
     * Replace the content with a byte range.
     *
     * @param buffer source.
     * @param offset first byte.
     * @param count  number of bytes.
     * @return false (and the slot unchanged) when the range is longer than the capacity.
     */
    public boolean set(final DirectBuffer buffer, final int offset, final int count)
    {
        if (count < 0 || count > bytes.length)
        {
            return false;
        }
        buffer.getBytes(offset, bytes, 0, count);
        length = count;
        return true;
    }

    /**
     * Replace the content with a byte range, upper-casing ASCII letters.
     *
     * @param buffer source.
     * @param offset first byte.
     * @param count  number of bytes.
     * @return false (and the slot unchanged) when the range is longer than the capacity.
     */
    public boolean setUpperCase(final DirectBuffer buffer, final int offset, final int count)
    {
        if (count < 0 || count > bytes.length)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            bytes[i] = upper(buffer.getByte(offset + i));
        }
        length = count;
        return true;
    }

    /**
     * Replace the content with a byte array's bytes.
     *
     * @param source bytes.
     * @return false when longer than the capacity.
     */
    public boolean set(final byte[] source)
    {
        if (source.length > bytes.length)
        {
            return false;
        }
        System.arraycopy(source, 0, bytes, 0, source.length);
        length = source.length;
        return true;
    }

    /**
     * Replace the content with another slot's.
     *
     * @param other source slot.
     * @return false when longer than the capacity.
     */
    public boolean set(final AsciiSlot other)
    {
        if (other.length > bytes.length)
        {
            return false;
        }
        System.arraycopy(other.bytes, 0, bytes, 0, other.length);
        length = other.length;
        return true;
    }

    /**
     * Replace the content with ASCII text (a constant; reads chars, allocates nothing).
     *
     * @param text ASCII text.
     * @return false when longer than the capacity.
     */
    public boolean set(final CharSequence text)
    {
        final int n = text.length();
        if (n > bytes.length)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            bytes[i] = (byte)text.charAt(i);
        }
        length = n;
        return true;
    }

    /**
     * Append ASCII text.
     *
     * @param text ASCII text.
     * @return false (slot unchanged) when the result would not fit.
     */
    public boolean append(final CharSequence text)
    {
        final int n = text.length();
        if (length + n > bytes.length)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            bytes[length + i] = (byte)text.charAt(i);
        }
        length += n;
        return true;
    }

    /**
     * Append bytes of another slot.
     *
     * @param other slot.
     * @return false (slot unchanged) when the result would not fit.
     */
    public boolean append(final AsciiSlot other)
    {
        if (length + other.length > bytes.length)
        {
            return false;
        }
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
        return true;
    }

    /**
     * Remove the first bytes, shifting the rest to the front.
     *
     * @param count bytes to remove (at most the length).
     */
    public void dropFirst(final int count)
    {
        final int n = Math.min(count, length);
        System.arraycopy(bytes, n, bytes, 0, length - n);
        length -= n;
    }

    /**
     * Replace the content with the first bytes of another slot.
     *
     * @param other source.
     * @param count bytes to copy.
     * @return false when longer than the capacity.
     */
    public boolean setPrefix(final AsciiSlot other, final int count)
    {
        final int n = Math.min(count, other.length);
        if (n > bytes.length)
        {
            return false;
        }
        System.arraycopy(other.bytes, 0, bytes, 0, n);
        length = n;
        return true;
    }

    /**
     * Append one byte.
     *
     * @param b the byte.
     * @return false when full.
     */
    public boolean append(final byte b)
    {
        if (length >= bytes.length)
        {
            return false;
        }
        bytes[length++] = b;
        return true;
    }

    /**
     * Length in bytes.
     *
     * @return the length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Maximum length in bytes.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return bytes.length;
    }

    /**
     * Whether the slot is empty.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return length == 0;
    }

    /**
     * One byte.
     *
     * @param index position.
     * @return the byte.
     */
    public byte byteAt(final int index)
    {
        return bytes[index];
    }

    /**
     * Copy the content into a buffer.
     *
     * @param buffer destination.
     * @param offset where to write.
     * @return bytes written.
     */
    public int copyTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, bytes, 0, length);
        return length;
    }

    /**
     * Whether the content equals ASCII text exactly.
     *
     * @param text expected text.
     * @return true when equal.
     */
    public boolean contentEquals(final CharSequence text)
    {
        if (text.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the content equals a byte range exactly.
     *
     * @param buffer source.
     * @param offset first byte.
     * @param count  number of bytes.
     * @return true when equal.
     */
    public boolean contentEquals(final DirectBuffer buffer, final int offset, final int count)
    {
        if (count != length)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            if (bytes[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the content ends with ASCII text.
     *
     * @param suffix text.
     * @return true when it does.
     */
    public boolean endsWith(final CharSequence suffix)
    {
        final int n = suffix.length();
        if (n > length)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            if (bytes[length - n + i] != suffix.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The content as a String (allocates: tools and tests only).
     *
     * @return the text.
     */
    public String toString()
    {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    static byte upper(final byte b)
    {
        return b >= 'a' && b <= 'z' ? (byte)(b - ('a' - 'A')) : b;
    }
}
