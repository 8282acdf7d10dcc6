package io.sluice.engine.core;

/**
 * Stop-loss/take-profit amends the engine sent for orders already released from the live book (the orders that
 * opened positions), remembered so the gateway's answers — ORDER_STATUS when done, CANCEL_REJECTED when refused —
 * become outcomes (the recorded change, or an alert) instead of reports for an unknown order. A ring of fixed
 * size: a newer amend of the same order replaces the older one, the oldest is forgotten when full. No allocation.
 */
final class StopAmends extends OrderRing
{
    private final long[] stopLoss;
    private final long[] takeProfit;

    StopAmends(final int capacity)
    {
        super(capacity);
        stopLoss = new long[capacity];
        takeProfit = new long[capacity];
    }

    void sent(final long orderKey, final int account, final int instrument, final int venue, final long sl, final long tp)
    {
        final int slot = claim(orderKey, true, account, instrument, venue);
        stopLoss[slot] = sl;
        takeProfit[slot] = tp;
    }

    long stopLoss(final int slot)
    {
        return stopLoss[slot];
    }

    long takeProfit(final int slot)
    {
        return takeProfit[slot];
    }

    void writeColumns(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLongs(stopLoss).putLongs(takeProfit);
    }

    void readColumns(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getLongs(stopLoss);
        in.getLongs(takeProfit);
    }

    long columnsHash()
    {
        return 31L * java.util.Arrays.hashCode(stopLoss) + java.util.Arrays.hashCode(takeProfit);
    }
}
