package io.sluice.engine.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.sluice.protocol.Ascii;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Maps configured names (accounts, instruments, venues) to dense ids, looked up straight from bytes in
 * a frame: open addressing over the names' hashes, no allocation, no String.
 */
final class NameIndex
{
    static final int MISSING = -1;

    private final byte[][] names;
    private final byte[][] paddedNames;
    private final long[] hashes;
    private final int[] slots;
    private final int mask;
    private final int paddedLength;
    private int size;

    /**
     * @param names        distinct names, in id order.
     * @param paddedLength length of the zero-padded SBE field the names are written into.
     */
    NameIndex(final List<String> names, final int paddedLength)
    {
        this(names, paddedLength, names.size());
    }

    /**
     * @param names        distinct names, in id order.
     * @param paddedLength length of the zero-padded SBE field the names are written into.
     * @param capacity     names this index can hold, counting those {@link #add added} later.
     */
    NameIndex(final List<String> names, final int paddedLength, final int capacity)
    {
        final int count = Math.max(capacity, names.size());
        this.paddedLength = paddedLength;
        this.names = new byte[count][];
        this.paddedNames = new byte[count][];
        this.hashes = new long[count];
        int slotCount = 4;
        while (slotCount < count * 2)
        {
            slotCount <<= 1;
        }
        this.slots = new int[slotCount];
        this.mask = slotCount - 1;
        Arrays.fill(slots, MISSING);

        for (final String name : names)
        {
            final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            if (add(new UnsafeBuffer(bytes), 0, bytes.length) == MISSING)
            {
                throw new IllegalArgumentException("name '" + name + "' must be 1.." + paddedLength + " characters");
            }
        }
    }

    /**
     * Add a name at runtime (an account created by an operator). Allocates: never on the hot path.
     *
     * @return the new id; MISSING when the name is empty or too long, or the index is full.
     * @throws IllegalArgumentException when the name is already present.
     */
    int add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > paddedLength || size == names.length)
        {
            return MISSING;
        }
        if (lookup(buffer, offset, length) != MISSING)
        {
            throw new IllegalArgumentException("duplicate name '" + buffer.getStringWithoutLengthAscii(offset, length) + "'");
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final int id = size;
        this.names[id] = bytes;
        this.paddedNames[id] = Arrays.copyOf(bytes, paddedLength);
        this.hashes[id] = Ascii.hash(0, buffer, offset, length);
        int slot = (int)hashes[id] & mask;
        while (slots[slot] != MISSING)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id;
        size++;
        return id;
    }

    /** Names this index can hold. */
    int capacity()
    {
        return names.length;
    }

    int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        final long hash = Ascii.hash(0, buffer, offset, length);
        int slot = (int)hash & mask;
        int id;
        while ((id = slots[slot]) != MISSING)
        {
            if (hashes[id] == hash && Ascii.equals(buffer, offset, length, names[id]))
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        return MISSING;
    }

    int size()
    {
        return size;
    }

    byte[] name(final int id)
    {
        return names[id];
    }

    /** The name zero-padded to the SBE field length, ready for putXxx(byte[], 0). */
    byte[] padded(final int id)
    {
        return paddedNames[id];
    }

    long hash(final int id)
    {
        return hashes[id];
    }

    String nameString(final int id)
    {
        return new String(names[id], StandardCharsets.US_ASCII);
    }
}
