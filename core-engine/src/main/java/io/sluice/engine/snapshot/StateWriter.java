package io.sluice.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes the core's state into a reusable, growing buffer: fixed-width little-endian primitives, arrays with
 * their length first (so a reader built from another configuration notices the shape differs). Taking a
 * snapshot reuses the same writer, so after the first one it allocates only when the state outgrows it.
 */
public final class StateWriter
{
    /** Written in place of an absent (null) enum value. */
    public static final int NULL_ENUM = -1;

    private final ExpandableArrayBuffer buffer;
    private int position;

    public StateWriter(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    /** Start over at the beginning of the buffer. */
    public StateWriter reset()
    {
        position = 0;
        return this;
    }

    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /** Bytes written since {@link #reset()}. */
    public int length()
    {
        return position;
    }

    /** A section tag: the reader checks it, so a misaligned or mismatched layout fails fast. */
    public StateWriter section(final int tag)
    {
        return putInt(tag);
    }

    public StateWriter putLong(final long value)
    {
        buffer.putLong(position, value);
        position += Long.BYTES;
        return this;
    }

    public StateWriter putInt(final int value)
    {
        buffer.putInt(position, value);
        position += Integer.BYTES;
        return this;
    }

    public StateWriter putBoolean(final boolean value)
    {
        buffer.putByte(position, value ? (byte)1 : (byte)0);
        position++;
        return this;
    }

    public StateWriter putLongs(final long[] values)
    {
        putInt(values.length);
        for (final long value : values)
        {
            putLong(value);
        }
        return this;
    }

    public StateWriter putInts(final int[] values)
    {
        putInt(values.length);
        for (final int value : values)
        {
            putInt(value);
        }
        return this;
    }

    public StateWriter putBooleans(final boolean[] values)
    {
        putInt(values.length);
        for (final boolean value : values)
        {
            putBoolean(value);
        }
        return this;
    }

    /** Length-prefixed bytes. */
    public StateWriter putBytes(final DirectBuffer source, final int offset, final int length)
    {
        putInt(length);
        buffer.putBytes(position, source, offset, length);
        position += length;
        return this;
    }

    /** Length-prefixed bytes. */
    public StateWriter putBytes(final byte[] source)
    {
        putInt(source.length);
        buffer.putBytes(position, source);
        position += source.length;
        return this;
    }
}
