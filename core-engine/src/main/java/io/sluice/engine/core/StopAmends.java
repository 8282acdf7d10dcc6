package io.sluice.engine.core;

/**
 * Stop-loss/take-profit amends the engine sent for orders already released from the live book (the orders that
 * opened positions), remembered so the gateway's answers — ORDER_STATUS when done, CANCEL_REJECTED when refused —
 * become outcomes (the recorded change, or an alert) instead of reports for an unknown order. A ring of fixed
 * size: a newer amend of the same order replaces the older one, the oldest is forgotten when full. No allocation.
 */
final class StopAmends
{
    private final long[] key;
    private final int[] accountId;
    private final int[] instrumentId;
    private final int[] venueId;
    private final long[] stopLoss;
    private final long[] takeProfit;
    private int next;

    StopAmends(final int capacity)
    {
        key = new long[capacity];
        accountId = new int[capacity];
        instrumentId = new int[capacity];
        venueId = new int[capacity];
        stopLoss = new long[capacity];
        takeProfit = new long[capacity];
    }

    void sent(final long orderKey, final int account, final int instrument, final int venue, final long sl, final long tp)
    {
        int slot = find(orderKey);
        if (slot < 0)
        {
            slot = next;
            next = (next + 1) % key.length;
        }
        key[slot] = orderKey;
        accountId[slot] = account;
        instrumentId[slot] = instrument;
        venueId[slot] = venue;
        stopLoss[slot] = sl;
        takeProfit[slot] = tp;
    }

    /** The slot of an order's amend, or -1. */
    int find(final long orderKey)
    {
        if (orderKey == 0)
        {
            return -1;
        }
        for (int slot = 0; slot < key.length; slot++)
        {
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

    long stopLoss(final int slot)
    {
        return stopLoss[slot];
    }

    long takeProfit(final int slot)
    {
        return takeProfit[slot];
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(next).putLongs(key).putInts(accountId).putInts(instrumentId).putInts(venueId)
            .putLongs(stopLoss).putLongs(takeProfit);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        next = in.getInt();
        in.getLongs(key);
        in.getInts(accountId);
        in.getInts(instrumentId);
        in.getInts(venueId);
        in.getLongs(stopLoss);
        in.getLongs(takeProfit);
    }

    long stateHash()
    {
        long hash = next;
        hash = 31 * hash + java.util.Arrays.hashCode(key);
        hash = 31 * hash + java.util.Arrays.hashCode(stopLoss);
        hash = 31 * hash + java.util.Arrays.hashCode(takeProfit);
        hash = 31 * hash + java.util.Arrays.hashCode(accountId);
        hash = 31 * hash + java.util.Arrays.hashCode(instrumentId);
        hash = 31 * hash + java.util.Arrays.hashCode(venueId);
        return hash;
    }
}
