package io.sluice.gateway;

import io.sluice.protocol.Ascii;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reusable holder for one fixed-length ASCII field (client order id, account, symbol, ...), so venues can keep
 * and compare identifiers without allocating Strings on the hot path.
 */
public final class AsciiField
{
    private final UnsafeBuffer buffer;
    private int length;

    /**
     * A field of the given capacity, initially empty.
     *
     * @param capacity largest content in bytes (the SBE field length).
     */
    public AsciiField(final int capacity)
    {
        buffer = new UnsafeBuffer(new byte[capacity]);
    }

    /**
     * Largest content in bytes.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return buffer.capacity();
    }

    /**
     * Bytes of content.
     *
     * @return the length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Buffer holding the content from index 0.
     *
     * @return the buffer; read only {@link #length()} bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Make the field empty.
     *
     * @return this for a fluent API.
     */
    public AsciiField clear()
    {
        length = 0;
        return this;
    }

    /**
     * Copy a byte range, cut to the capacity.
     *
     * @param src    source.
     * @param offset first byte.
     * @param srcLength number of bytes.
     * @return this for a fluent API.
     */
    public AsciiField set(final DirectBuffer src, final int offset, final int srcLength)
    {
        length = Math.min(srcLength, buffer.capacity());
        buffer.putBytes(0, src, offset, length);
        return this;
    }

    /**
     * Copy a zero-padded fixed field, taking the bytes before the first zero.
     *
     * @param src         buffer holding the field.
     * @param fieldOffset absolute offset of the field.
     * @param fieldLength length of the field.
     * @return this for a fluent API.
     */
    public AsciiField setFromFixed(final DirectBuffer src, final int fieldOffset, final int fieldLength)
    {
        return set(src, fieldOffset, Ascii.fixedLength(src, fieldOffset, fieldLength));
    }

    /**
     * Copy ASCII text (configuration, tests); non-ASCII characters become '?'.
     *
     * @param text characters, cut to the capacity.
     * @return this for a fluent API.
     */
    public AsciiField set(final CharSequence text)
    {
        length = Math.min(text.length(), buffer.capacity());
        buffer.putStringWithoutLengthAscii(0, text, 0, length);
        return this;
    }

    /**
     * Copy another field's content.
     *
     * @param other source field.
     * @return this for a fluent API.
     */
    public AsciiField set(final AsciiField other)
    {
        return set(other.buffer, 0, other.length);
    }

    /**
     * Set the content to a prefix followed by a decimal number, e.g. "P42".
     *
     * @param prefix ASCII prefix.
     * @param number non-negative number.
     * @return this for a fluent API.
     */
    public AsciiField set(final CharSequence prefix, final long number)
    {
        set(prefix);
        length += buffer.putLongAscii(length, number);
        return this;
    }

    /**
     * Whether the content equals a byte range.
     *
     * @param src    source.
     * @param offset first byte.
     * @param srcLength number of bytes.
     * @return true when equal.
     */
    public boolean contentEquals(final DirectBuffer src, final int offset, final int srcLength)
    {
        return Ascii.equals(buffer, 0, length, src, offset, srcLength);
    }

    /**
     * Whether the content equals another field's.
     *
     * @param other field.
     * @return true when equal.
     */
    public boolean contentEquals(final AsciiField other)
    {
        return Ascii.equals(buffer, 0, length, other.buffer, 0, other.length);
    }

    /**
     * Write the content as a zero-padded fixed field of an SBE message.
     *
     * @param dst         destination buffer.
     * @param fieldOffset absolute offset of the field.
     * @param fieldLength length of the field.
     */
    public void putFixed(final MutableDirectBuffer dst, final int fieldOffset, final int fieldLength)
    {
        Ascii.putFixed(dst, fieldOffset, fieldLength, buffer, 0, length);
    }

    /**
     * The content as a String (allocates: logs and tests only).
     *
     * @return the text.
     */
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(0, length);
    }
}
