package io.sluice.engine.core;

import io.sluice.sbe.OrdStatus;

/**
 * Reconciliation state per venue: every live order is queried with an OrderStatusRequest after a restart and
 * whenever the venue's gateway comes (back) up — not only the in-doubt ones (PENDING_NEW, UNKNOWN,
 * PENDING_CANCEL): a report read from Aeron but not yet journaled when the engine died is gone, so an order
 * the engine saw acknowledged may have filled since. Only the answers about in-doubt orders hold new orders for
 * the venue back (an acknowledged order's remaining quantity already counts as exposure, so a fill it brings
 * changes no limit decision), so a venue with many resting orders does not stall new signals at each reconnect.
 * While a venue has unanswered requests about in-doubt orders, new orders for it are refused; a request
 * unanswered past the timeout (event time) becomes an alert, never a resend. Pre-sized: no allocation.
 */
final class Reconciliation
{
    /** Attempts an order may reach by re-sending after "venue does not know it". */
    static final int MAX_ATTEMPT = 3;

    /** Unanswered requests about orders that were in doubt: new orders for the venue wait while any. */
    final int[] outstanding;
    /** Every unanswered request, for the timeout sweep. */
    final int[] asked;
    final boolean[] awaitingUp;
    final long[] deadlineNs;
    final long[] round;
    final long timeoutNs;
    final Order[] scratch;
    int scratchSize;
    int collectVenue;
    boolean collectRequestedOnly;

    Reconciliation(final int venues, final int maxOrders, final long timeoutNs)
    {
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("sluice.engine.reconcileTimeoutMs must be positive");
        }
        this.outstanding = new int[venues];
        this.asked = new int[venues];
        this.awaitingUp = new boolean[venues];
        this.deadlineNs = new long[venues];
        this.round = new long[venues];
        this.timeoutNs = timeoutNs;
        this.scratch = new Order[maxOrders];
    }

    /** New orders for this venue wait until its in-doubt orders are answered. */
    boolean holds(final int venueId)
    {
        return outstanding[venueId] > 0 || awaitingUp[venueId];
    }

    boolean anyOutstanding()
    {
        for (final int count : outstanding)
        {
            if (count > 0)
            {
                return true;
            }
        }
        return false;
    }

    static boolean inDoubt(final OrdStatus status)
    {
        return status == OrdStatus.PENDING_NEW || status == OrdStatus.UNKNOWN || status == OrdStatus.PENDING_CANCEL;
    }

    /** Ask about an order in this round: counted, and holding new orders back when it is in doubt. */
    void ask(final Order order)
    {
        order.statusRequested = true;
        order.statusGates = inDoubt(order.status);
        asked[order.venueId]++;
        if (order.statusGates)
        {
            outstanding[order.venueId]++;
        }
    }

    void settle(final Order order)
    {
        if (order.statusRequested)
        {
            order.statusRequested = false;
            asked[order.venueId] = Math.max(0, asked[order.venueId] - 1);
            if (order.statusGates)
            {
                outstanding[order.venueId] = Math.max(0, outstanding[order.venueId] - 1);
            }
            order.statusGates = false;
        }
    }

    /** Collector for {@link OrderBook#forEach}: the venue's live (or requested) orders, in placement order. */
    void collect(final Order order)
    {
        if (order.venueId != collectVenue)
        {
            return;
        }
        if (collectRequestedOnly && !order.statusRequested)
        {
            return;
        }
        int i = scratchSize++;
        while (i > 0 && before(order, scratch[i - 1]))
        {
            scratch[i] = scratch[i - 1];
            i--;
        }
        scratch[i] = order;
    }

    private static boolean before(final Order a, final Order b)
    {
        return a.createdNs != b.createdNs ? a.createdNs < b.createdNs : Long.compareUnsigned(a.key, b.key) < 0;
    }

    void clearScratch()
    {
        java.util.Arrays.fill(scratch, 0, scratchSize, null);
        scratchSize = 0;
    }

    // The scratch list and collect flags only live within one input: outside it they are empty.
    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInts(outstanding).putInts(asked).putBooleans(awaitingUp).putLongs(deadlineNs).putLongs(round);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getInts(outstanding);
        in.getInts(asked);
        in.getBooleans(awaitingUp);
        in.getLongs(deadlineNs);
        in.getLongs(round);
    }

    long stateHash()
    {
        long hash = java.util.Arrays.hashCode(outstanding);
        hash = 31 * hash + java.util.Arrays.hashCode(asked);
        hash = 31 * hash + java.util.Arrays.hashCode(awaitingUp);
        hash = 31 * hash + java.util.Arrays.hashCode(deadlineNs);
        hash = 31 * hash + java.util.Arrays.hashCode(round);
        return hash;
    }
}
