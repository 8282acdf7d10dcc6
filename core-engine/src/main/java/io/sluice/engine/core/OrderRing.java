package io.sluice.engine.core;

/**
 * A fixed ring of slots about orders that left the live book, each keyed by the client order id's key with the
 * order's account, instrument and venue; subclasses add their own columns. Oldest overwritten when full;
 * pre-allocated, no allocation. Everything here is in snapshots and the state hash.
 */
abstract class OrderRing
{
    final long[] key;
    private final int[] accountId;
    private final int[] instrumentId;
    private final int[] venueId;
    private int next;

    OrderRing(final int capacity)
    {
        key = new long[capacity];
        accountId = new int[capacity];
        instrumentId = new int[capacity];
        venueId = new int[capacity];
    }

    /**
     * A slot for an order: its own when {@code reuse} and it has one, else the oldest.
     *
     * @return the slot, keyed and holding the order's account, instrument and venue.
     */
    final int claim(final long orderKey, final boolean reuse, final int account, final int instrument, final int venue)
    {
        int slot = reuse ? find(orderKey) : -1;
        if (slot < 0)
        {
            slot = next;
            next = (next + 1) % key.length;
        }
        key[slot] = orderKey;
        accountId[slot] = account;
        instrumentId[slot] = instrument;
        venueId[slot] = venue;
        return slot;
    }

    /** The slot of an order, newest first, or -1. */
    final int find(final long orderKey)
    {
        if (orderKey == 0)
        {
            return -1;
        }
        for (int n = 1; n <= key.length; n++)
        {
            final int slot = (next - n + key.length) % key.length;
            if (key[slot] == orderKey)
            {
                return slot;
            }
        }
        return -1;
    }

    final int accountId(final int slot)
    {
        return accountId[slot];
    }

    final int instrumentId(final int slot)
    {
        return instrumentId[slot];
    }

    final int venueId(final int slot)
    {
        return venueId[slot];
    }

    /** The common columns, then the subclass's ({@link #writeColumns}). */
    final void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(next).putLongs(key).putInts(accountId).putInts(instrumentId).putInts(venueId);
        writeColumns(out);
    }

    final void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        next = in.getInt();
        in.getLongs(key);
        in.getInts(accountId);
        in.getInts(instrumentId);
        in.getInts(venueId);
        readColumns(in);
    }

    final long stateHash()
    {
        long hash = next;
        hash = 31 * hash + java.util.Arrays.hashCode(key);
        hash = 31 * hash + java.util.Arrays.hashCode(accountId);
        hash = 31 * hash + java.util.Arrays.hashCode(instrumentId);
        hash = 31 * hash + java.util.Arrays.hashCode(venueId);
        return 31 * hash + columnsHash();
    }

    abstract void writeColumns(io.sluice.engine.snapshot.StateWriter out);

    abstract void readColumns(io.sluice.engine.snapshot.StateReader in);

    abstract long columnsHash();
}
