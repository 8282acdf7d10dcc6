package io.sluice.engine.core;

import io.sluice.sbe.Side;

/**
 * The last orders the engine finished (filled, cancelled, rejected, expired), so that a report arriving after an
 * order left the live book still has a defined outcome: a fill the venue made after all (its cumulative quantity
 * grew) moves the position, and a repeated or stale report changes nothing. A fixed ring, oldest overwritten;
 * pre-allocated, no allocation. Everything here is in snapshots and {@link #stateHash()}.
 */
final class ReleasedOrders
{
    private final long[] key;
    private final int[] accountId;
    private final int[] instrumentId;
    private final int[] venueId;
    private final byte[] side;
    private final boolean[] reduceOnly;
    private final long[] cumQty;
    private int next;

    ReleasedOrders(final int capacity)
    {
        key = new long[capacity];
        accountId = new int[capacity];
        instrumentId = new int[capacity];
        venueId = new int[capacity];
        side = new byte[capacity];
        reduceOnly = new boolean[capacity];
        cumQty = new long[capacity];
    }

    /** Remember an order as it leaves the live book. */
    void released(final Order order)
    {
        final int slot = next;
        next = (next + 1) % key.length;
        key[slot] = order.key;
        accountId[slot] = order.accountId;
        instrumentId[slot] = order.instrumentId;
        venueId[slot] = order.venueId;
        side[slot] = (byte)(order.side == Side.BUY ? 1 : 2);
        reduceOnly[slot] = order.reduceOnly;
        cumQty[slot] = order.cumQty;
    }

    /** The slot of a finished order, newest first, or -1. */
    int find(final long orderKey)
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

    int accountId(final int slot)
    {
        return accountId[slot];
    }

    int instrumentId(final int slot)
    {
        return instrumentId[slot];
    }

    int venueId(final int slot)
    {
        return venueId[slot];
    }

    Side side(final int slot)
    {
        return side[slot] == 1 ? Side.BUY : Side.SELL;
    }

    boolean reduceOnly(final int slot)
    {
        return reduceOnly[slot];
    }

    long cumQty(final int slot)
    {
        return cumQty[slot];
    }

    void cumQty(final int slot, final long value)
    {
        cumQty[slot] = value;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(next).putLongs(key).putInts(accountId).putInts(instrumentId).putInts(venueId)
            .putBytes(side).putBooleans(reduceOnly).putLongs(cumQty);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        next = in.getInt();
        in.getLongs(key);
        in.getInts(accountId);
        in.getInts(instrumentId);
        in.getInts(venueId);
        in.getBytes(side);
        in.getBooleans(reduceOnly);
        in.getLongs(cumQty);
    }

    long stateHash()
    {
        long hash = next;
        hash = 31 * hash + java.util.Arrays.hashCode(key);
        hash = 31 * hash + java.util.Arrays.hashCode(accountId);
        hash = 31 * hash + java.util.Arrays.hashCode(instrumentId);
        hash = 31 * hash + java.util.Arrays.hashCode(venueId);
        hash = 31 * hash + java.util.Arrays.hashCode(side);
        hash = 31 * hash + java.util.Arrays.hashCode(reduceOnly);
        hash = 31 * hash + java.util.Arrays.hashCode(cumQty);
        return hash;
    }
}
