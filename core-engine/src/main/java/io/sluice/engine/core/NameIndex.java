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
    private int configured;

    /**
     * @param names        distinct names, in id order.
     * @param paddedLength length of the zero-padded SBE field the names are written into.
     */
    NameIndex(final List<String> names, final int paddedLength)
    {
        this(names, paddedLength, 0);
    }

    /**
     * @param names        distinct names, in id order.
     * @param paddedLength length of the zero-padded SBE field the names are written into.
     * @param spare        room for names {@link #add added} later (ids after the configured ones).
     */
    NameIndex(final List<String> names, final int paddedLength, final int spare)
    {
        final int count = names.size();
        final int total = count + Math.max(0, spare);
        this.paddedLength = paddedLength;
        this.names = new byte[total][];
        this.paddedNames = new byte[total][];
        this.hashes = new long[total];
        int capacity = 4;
        while (capacity < total * 2)
        {
            capacity <<= 1;
        }
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(slots, MISSING);
        for (int id = total - 1; id >= count; id--)
        {
            // Preallocated, so adding a name later only copies bytes.
            this.paddedNames[id] = new byte[paddedLength];
        }

        for (int id = 0; id < count; id++)
        {
            final byte[] bytes = names.get(id).getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > paddedLength)
            {
                throw new IllegalArgumentException("name '" + names.get(id) + "' must be 1.." + paddedLength + " characters");
            }
            if (lookup(new UnsafeBuffer(bytes), 0, bytes.length) != MISSING)
            {
                throw new IllegalArgumentException("duplicate name '" + names.get(id) + "'");
            }
            this.names[id] = bytes;
            this.paddedNames[id] = Arrays.copyOf(bytes, paddedLength);
            this.hashes[id] = Ascii.hash(0, new UnsafeBuffer(bytes), 0, bytes.length);
            int slot = (int)hashes[id] & mask;
            while (slots[slot] != MISSING)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id;
            size++;
        }
        configured = size;
    }

    /**
     * Add a name not yet known, when there is room: its id is the next one. Deterministic (ids in order of addition);
     * copies the name into preallocated storage except for the exact-length name itself, allocated once per added
     * name (bounded by the capacity).
     *
     * @return the new id, or {@link #MISSING} when the index is full or the name is empty or too long.
     */
    int add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (size == names.length || length == 0 || length > paddedLength)
        {
            return MISSING;
        }
        final int existing = lookup(buffer, offset, length);
        if (existing != MISSING)
        {
            return existing;
        }
        final int id = size;
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final byte[] padded = paddedNames[id];
        Arrays.fill(padded, (byte)0);
        System.arraycopy(bytes, 0, padded, 0, length);
        hashes[id] = Ascii.hash(0, buffer, offset, length);
        names[id] = bytes;
        int slot = (int)hashes[id] & mask;
        while (slots[slot] != MISSING)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id;
        size = id + 1;
        return id;
    }

    /** Names this index can hold: the configured ones plus the spare room. */
    /** Write the names added after the configured ones (snapshots), in id order. */
    void writeAdded(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(size);
        for (int id = configured; id < size; id++)
        {
            out.putBytes(names[id]);
        }
    }

    /**
     * Re-add, in id order, the names a {@link #writeAdded snapshot} holds, into an index that has only its configured
     * names, so every id is the same as when it was written.
     */
    void readAdded(final io.sluice.engine.snapshot.StateReader in)
    {
        final int total = in.getInt();
        if (size != configured || total < size || total > names.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException(
                "a table of " + total + " names (capacity " + names.length + ") into one of " + size);
        }
        final UnsafeBuffer name = new UnsafeBuffer(new byte[paddedLength]);
        for (int id = size; id < total; id++)
        {
            final int length = in.getBytes(name, 0);
            if (add(name, 0, length) != id)
            {
                throw new io.sluice.engine.snapshot.SnapshotException("name " + id + " of the snapshot does not fit this index");
            }
        }
    }

    /** Hash of the names added after the configured ones. */
    long addedHash()
    {
        long hash = size;
        for (int id = configured; id < size; id++)
        {
            hash = 31 * hash + Arrays.hashCode(names[id]);
        }
        return hash;
    }

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
