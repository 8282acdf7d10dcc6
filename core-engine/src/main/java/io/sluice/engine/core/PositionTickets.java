package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.Side;

/**
 * The venue positions behind each net position, one entry per opening order (an MT5 position ticket), oldest
 * first, per account, instrument and side: what stop-loss/take-profit changes address and what side-specific
 * closes size.
 * <p>
 * On a <b>hedging</b> account ({@code sluice.account.NAME.hedging=true}, MT5 retail hedging) every order that opens
 * is its own position, longs and shorts side by side: an opening fill adds to its order's entry on its side, and a
 * reduce-only fill closes the oldest entries of the opposite side first, as the gateway closes tickets oldest
 * first. On a <b>netting</b> account there is one position, one entry addressed through the order that last opened
 * or added to it: an opposite fill reduces it and the rest, if any, opens the other side. A venue-initiated close (stop-loss or take-profit hit) takes the oldest entry
 * of exactly its volume, else the oldest first.
 * <p>
 * Bounded: {@code sluice.engine.positionsPerSymbol} entries per account, instrument and side (default 16). When a
 * side is full, a new opening order's fill is merged into the newest entry of that side (the caller alerts), so
 * quantities stay exact and only that order's stops cannot be addressed on their own. Pre-allocated arrays; no
 * allocation; iteration order is insertion order, so the outputs it drives are deterministic.
 */
final class PositionTickets
{
    static final int LONG = 0;
    static final int SHORT = 1;

    private final boolean[] hedging;
    private final int instruments;
    private final int capacity;
    private final int[] accountBase;
    private final int[] count;
    private final long[] key;
    private final long[] quantity;
    private final long[] price;
    private final long[] stopLoss;
    private final long[] takeProfit;

    PositionTickets(final boolean[] hedging, final int instruments, final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("sluice.engine.positionsPerSymbol must be positive");
        }
        this.hedging = hedging.clone();
        this.instruments = instruments;
        this.capacity = capacity;
        final int sides = hedging.length * instruments * 2;
        count = new int[sides];
        // A netting account holds one entry per side (its net position), a hedging account up to capacity: the
        // entry arrays follow the accounts' modes, not accounts × instruments × capacity.
        accountBase = new int[hedging.length];
        int entries = 0;
        for (int a = 0; a < hedging.length; a++)
        {
            accountBase[a] = entries;
            entries += instruments * 2 * (hedging[a] ? capacity : 1);
        }
        key = new long[entries];
        quantity = new long[entries];
        price = new long[entries];
        stopLoss = new long[entries];
        takeProfit = new long[entries];
    }

    // Entries of one list (account, instrument, side) this list may hold.
    private int capacityOf(final int list)
    {
        return hedging[list / (instruments * 2)] ? capacity : 1;
    }

    // Index of a list's first entry.
    private int base(final int list)
    {
        final int a = list / (instruments * 2);
        return accountBase[a] + (list - a * instruments * 2) * capacityOf(list);
    }

    static int sideOf(final Side side)
    {
        return side == Side.BUY ? LONG : SHORT;
    }

    boolean hedging(final int a)
    {
        return hedging[a];
    }

    private int list(final int a, final int i, final int side)
    {
        return (a * instruments + i) * 2 + side;
    }

    /** Entries of one side, oldest first. */
    int count(final int a, final int i, final int side)
    {
        return count[list(a, i, side)];
    }

    /** Array index of the n-th entry (oldest is 0) of one side. */
    int entry(final int a, final int i, final int side, final int n)
    {
        return base(list(a, i, side)) + n;
    }

    long key(final int entry)
    {
        return key[entry];
    }

    long quantity(final int entry)
    {
        return quantity[entry];
    }

    /** Average entry price of the entry's fills. */
    long price(final int entry)
    {
        return price[entry];
    }

    long stopLoss(final int entry)
    {
        return stopLoss[entry];
    }

    long takeProfit(final int entry)
    {
        return takeProfit[entry];
    }

    /** Record a confirmed stop-loss/take-profit change (NULL keeps a level). */
    void stops(final int entry, final long newStopLoss, final long newTakeProfit)
    {
        if (newStopLoss != Fixed.NULL)
        {
            stopLoss[entry] = newStopLoss;
        }
        if (newTakeProfit != Fixed.NULL)
        {
            takeProfit[entry] = newTakeProfit;
        }
    }

    /** Open quantity of one side (positive). */
    long total(final int a, final int i, final int side)
    {
        final int list = list(a, i, side);
        long total = 0;
        for (int n = 0, e = base(list); n < count[list]; n++, e++)
        {
            total += quantity[e];
        }
        return total;
    }

    /**
     * The entry an order opened, on either side.
     *
     * @return its array index, or -1.
     */
    int find(final int a, final int i, final long orderKey)
    {
        for (int side = LONG; side <= SHORT; side++)
        {
            final int list = list(a, i, side);
            for (int n = 0, e = base(list); n < count[list]; n++, e++)
            {
                if (key[e] == orderKey)
                {
                    return e;
                }
            }
        }
        return -1;
    }

    /**
     * Apply a fill of an engine order.
     *
     * @return true when the side was full and the fill was merged into its newest entry.
     */
    boolean onFill(
        final int a, final int i, final long orderKey, final Side side, final long fillQty, final long fillPrice,
        final boolean reduceOnly, final long orderStopLoss, final long orderTakeProfit)
    {
        final int own = sideOf(side);
        if (hedging[a])
        {
            // Hedging: a reduce-only order closes opposite tickets and never opens; any other order opens its own.
            if (reduceOnly)
            {
                reduce(a, i, 1 - own, fillQty, false);
                return false;
            }
            return open(a, i, own, orderKey, fillQty, fillPrice, orderStopLoss, orderTakeProfit);
        }
        final long rest = fillQty - reduce(a, i, 1 - own, fillQty, false);
        return rest > 0 && !reduceOnly && open(a, i, own, orderKey, rest, fillPrice, orderStopLoss, orderTakeProfit);
    }

    /** A fill the venue made on its own (stop-loss, take-profit, stop-out): closes entries of the opposite side. */
    void onVenueFill(final int a, final int i, final Side side, final long fillQty)
    {
        reduce(a, i, 1 - sideOf(side), fillQty, true);
    }

    /** Whether a hedging account has no entry left (netting accounts: always true, their net position decides). */
    boolean isFlat(final int a)
    {
        if (!hedging[a])
        {
            return true;
        }
        for (int list = a * instruments * 2; list < (a + 1) * instruments * 2; list++)
        {
            if (count[list] != 0)
            {
                return false;
            }
        }
        return true;
    }

    // Close up to fillQty from the side's entries, oldest first (first an entry of exactly that volume when asked).
    // Returns the quantity closed.
    private long reduce(final int a, final int i, final int side, final long fillQty, final boolean exactFirst)
    {
        final int list = list(a, i, side);
        final int base = base(list);
        if (exactFirst)
        {
            for (int n = 0; n < count[list]; n++)
            {
                if (quantity[base + n] == fillQty)
                {
                    remove(list, n);
                    return fillQty;
                }
            }
        }
        long remaining = fillQty;
        while (remaining > 0 && count[list] > 0)
        {
            if (quantity[base] > remaining)
            {
                quantity[base] -= remaining;
                remaining = 0;
            }
            else
            {
                remaining -= quantity[base];
                remove(list, 0);
            }
        }
        return fillQty - remaining;
    }

    private void remove(final int list, final int n)
    {
        final int base = base(list);
        final int last = count[list] - 1;
        for (int k = n; k < last; k++)
        {
            key[base + k] = key[base + k + 1];
            quantity[base + k] = quantity[base + k + 1];
            price[base + k] = price[base + k + 1];
            stopLoss[base + k] = stopLoss[base + k + 1];
            takeProfit[base + k] = takeProfit[base + k + 1];
        }
        key[base + last] = 0;
        quantity[base + last] = 0;
        price[base + last] = 0;
        stopLoss[base + last] = 0;
        takeProfit[base + last] = 0;
        count[list] = last;
    }

    // Add to the order's own entry, else a new one, else (full) the newest entry; true when merged.
    private boolean open(
        final int a, final int i, final int side, final long orderKey, final long fillQty, final long fillPrice,
        final long orderStopLoss, final long orderTakeProfit)
    {
        final int list = list(a, i, side);
        final int base = base(list);
        if (!hedging[a] && count[list] > 0)
        {
            // Netting: one position, addressed through the order that last opened or added to it.
            add(base, fillQty, fillPrice);
            key[base] = orderKey;
            stopLoss[base] = orderStopLoss != Fixed.NULL ? orderStopLoss : stopLoss[base];
            takeProfit[base] = orderTakeProfit != Fixed.NULL ? orderTakeProfit : takeProfit[base];
            return false;
        }
        for (int n = 0; n < count[list]; n++)
        {
            if (key[base + n] == orderKey)
            {
                add(base + n, fillQty, fillPrice);
                return false;
            }
        }
        if (count[list] < capacityOf(list))
        {
            final int e = base + count[list];
            key[e] = orderKey;
            quantity[e] = fillQty;
            price[e] = fillPrice;
            stopLoss[e] = orderStopLoss;
            takeProfit[e] = orderTakeProfit;
            count[list]++;
            return false;
        }
        add(base + count[list] - 1, fillQty, fillPrice);
        return true;
    }

    private void add(final int e, final long fillQty, final long fillPrice)
    {
        final long newQuantity = quantity[e] + fillQty;
        price[e] += Fixed.mulDiv(fillPrice - price[e], fillQty, newQuantity);
        quantity[e] = newQuantity;
    }

    // Only the lists in use: entries past a list's count are always zero (remove clears them), so the state is exact
    // and a snapshot's size follows the positions held, not the table's capacity.
    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putBooleans(hedging).putInt(instruments).putInt(capacity);
        int used = 0;
        for (final int c : count)
        {
            used += c > 0 ? 1 : 0;
        }
        out.putInt(used);
        for (int list = 0; list < count.length; list++)
        {
            if (count[list] > 0)
            {
                out.putInt(list).putInt(count[list]);
                for (int e = base(list), end = e + count[list]; e < end; e++)
                {
                    out.putLong(key[e]).putLong(quantity[e]).putLong(price[e]).putLong(stopLoss[e]).putLong(takeProfit[e]);
                }
            }
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        final boolean[] snapshotHedging = new boolean[hedging.length];
        in.getBooleans(snapshotHedging);
        if (!java.util.Arrays.equals(snapshotHedging, hedging) || in.getInt() != instruments || in.getInt() != capacity)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("position tickets of another configuration");
        }
        java.util.Arrays.fill(count, 0);
        java.util.Arrays.fill(key, 0);
        java.util.Arrays.fill(quantity, 0);
        java.util.Arrays.fill(price, 0);
        java.util.Arrays.fill(stopLoss, 0);
        java.util.Arrays.fill(takeProfit, 0);
        final int used = in.getInt();
        for (int u = 0; u < used; u++)
        {
            final int list = in.getInt();
            final int entries = in.getInt();
            if (list < 0 || list >= count.length || entries <= 0 || entries > capacityOf(list))
            {
                throw new io.sluice.engine.snapshot.SnapshotException("position tickets out of range");
            }
            count[list] = entries;
            for (int e = base(list), end = e + entries; e < end; e++)
            {
                key[e] = in.getLong();
                quantity[e] = in.getLong();
                price[e] = in.getLong();
                stopLoss[e] = in.getLong();
                takeProfit[e] = in.getLong();
            }
        }
    }

    long stateHash()
    {
        long hash = java.util.Arrays.hashCode(count);
        hash = 31 * hash + java.util.Arrays.hashCode(key);
        hash = 31 * hash + java.util.Arrays.hashCode(quantity);
        hash = 31 * hash + java.util.Arrays.hashCode(price);
        hash = 31 * hash + java.util.Arrays.hashCode(stopLoss);
        hash = 31 * hash + java.util.Arrays.hashCode(takeProfit);
        return hash;
    }
}
