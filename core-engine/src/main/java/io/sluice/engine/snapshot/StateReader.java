package io.sluice.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reads what a {@link StateWriter} wrote, in the same order. Any mismatch (an array of another length, a
 * wrong section tag, reading past the end) throws {@link SnapshotException}: the snapshot does not fit this
 * core and must not be used.
 */
public final class StateReader
{
    private DirectBuffer buffer;
    private int position;
    private int limit;

    public StateReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    /** Whether every byte has been read. */
    public boolean atEnd()
    {
        return position == limit;
    }

    private void need(final int bytes)
    {
        if (position + bytes > limit)
        {
            throw new SnapshotException("snapshot ends early at byte " + position);
        }
    }

    /** Check a section tag written by {@link StateWriter#section(int)}. */
    public void section(final int tag)
    {
        final int actual = getInt();
        if (actual != tag)
        {
            throw new SnapshotException("snapshot section " + Integer.toHexString(tag) + " expected, found " +
                Integer.toHexString(actual));
        }
    }

    public long getLong()
    {
        need(Long.BYTES);
        final long value = buffer.getLong(position);
        position += Long.BYTES;
        return value;
    }

    public int getInt()
    {
        need(Integer.BYTES);
        final int value = buffer.getInt(position);
        position += Integer.BYTES;
        return value;
    }

    public boolean getBoolean()
    {
        need(1);
        return buffer.getByte(position++) != 0;
    }

    private void length(final int expected)
    {
        final int actual = getInt();
        if (actual != expected)
        {
            throw new SnapshotException("snapshot holds " + actual + " values where this configuration has " + expected);
        }
    }

    public void getLongs(final long[] into)
    {
        length(into.length);
        for (int i = 0; i < into.length; i++)
        {
            into[i] = getLong();
        }
    }

    public void getInts(final int[] into)
    {
        length(into.length);
        for (int i = 0; i < into.length; i++)
        {
            into[i] = getInt();
        }
    }

    public void getBooleans(final boolean[] into)
    {
        length(into.length);
        for (int i = 0; i < into.length; i++)
        {
            into[i] = getBoolean();
        }
    }

    /**
     * Length-prefixed bytes into a buffer.
     *
     * @return the length.
     */
    public int getBytes(final MutableDirectBuffer into, final int offset)
    {
        final int length = getInt();
        if (length < 0)
        {
            throw new SnapshotException("snapshot field of negative length");
        }
        need(length);
        if (length < 0 || (!into.isExpandable() && offset + length > into.capacity()))
        {
            throw new SnapshotException("snapshot field of " + length + " bytes does not fit");
        }
        into.putBytes(offset, buffer, position, length);
        position += length;
        return length;
    }

    /** Length-prefixed bytes into an array of exactly that length. */
    public void getBytes(final byte[] into)
    {
        length(into.length);
        need(into.length);
        buffer.getBytes(position, into);
        position += into.length;
    }
}
