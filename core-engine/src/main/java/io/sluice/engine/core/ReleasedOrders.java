package io.sluice.engine.core;

import io.sluice.sbe.Side;

/**
 * The last orders the engine finished (filled, cancelled, rejected, expired), so that a report arriving after an
 * order left the live book still has a defined outcome: a fill the venue made after all (its cumulative quantity
 * grew) moves the position, and a repeated or stale report changes nothing. A fixed ring, oldest overwritten;
 * pre-allocated, no allocation. Everything here is in snapshots and {@link #stateHash()}.
 */
final class ReleasedOrders extends OrderRing
{
    private final byte[] side;
    private final boolean[] reduceOnly;
    private final long[] cumQty;

    ReleasedOrders(final int capacity)
    {
        super(capacity);
        side = new byte[capacity];
        reduceOnly = new boolean[capacity];
        cumQty = new long[capacity];
    }

    /** Remember an order as it leaves the live book. */
    void released(final Order order)
    {
        final int slot = claim(order.key, false, order.accountId, order.instrumentId, order.venueId);
        side[slot] = (byte)(order.side == Side.BUY ? 1 : 2);
        reduceOnly[slot] = order.reduceOnly;
        cumQty[slot] = order.cumQty;
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

    void writeColumns(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putBytes(side).putBooleans(reduceOnly).putLongs(cumQty);
    }

    void readColumns(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getBytes(side);
        in.getBooleans(reduceOnly);
        in.getLongs(cumQty);
    }

    long columnsHash()
    {
        long hash = java.util.Arrays.hashCode(side);
        hash = 31 * hash + java.util.Arrays.hashCode(reduceOnly);
        return 31 * hash + java.util.Arrays.hashCode(cumQty);
    }
}
