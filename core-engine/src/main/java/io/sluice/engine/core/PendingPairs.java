package io.sluice.engine.core;

import java.util.Arrays;

import io.sluice.engine.parse.LegAction;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Hedge pairs in flight: the second leg of each pair, held until the first leg fills (margin-safe order),
 * then the second leg's order, watched until it is accepted or fails. Fixed slots, primitives only.
 */
final class PendingPairs
{
    static final int EMPTY = 0;
    static final int WAITING_FOR_FIRST = 1;
    static final int WATCHING_SECOND = 2;

    final int[] state;
    final long[] orderKey;
    final int[] accountId;
    final int[] instrumentId;
    final int[] venueId;
    final Side[] side;
    final OrdType[] ordType;
    final LegAction[] action;
    final long[] quantity;
    final long[] price;
    final long[] takeProfit;
    final long[] stopLoss;
    final boolean[] reduceOnly;
    final UnsafeBuffer[] signalId;
    final int[] signalIdLength;

    PendingPairs(final int capacity)
    {
        state = new int[capacity];
        orderKey = new long[capacity];
        accountId = new int[capacity];
        instrumentId = new int[capacity];
        venueId = new int[capacity];
        side = new Side[capacity];
        ordType = new OrdType[capacity];
        action = new LegAction[capacity];
        quantity = new long[capacity];
        price = new long[capacity];
        takeProfit = new long[capacity];
        stopLoss = new long[capacity];
        reduceOnly = new boolean[capacity];
        signalId = new UnsafeBuffer[capacity];
        signalIdLength = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            signalId[i] = new UnsafeBuffer(new byte[1024]);
        }
    }

    /** A free slot, or -1. */
    int free()
    {
        for (int i = 0; i < state.length; i++)
        {
            if (state[i] == EMPTY)
            {
                return i;
            }
        }
        return -1;
    }

    int find(final long key)
    {
        for (int i = 0; i < state.length; i++)
        {
            if (state[i] != EMPTY && orderKey[i] == key)
            {
                return i;
            }
        }
        return -1;
    }

    void setSignalId(final int slot, final DirectBuffer buffer, final int offset, final int length)
    {
        final int n = Math.min(length, signalId[slot].capacity());
        signalId[slot].putBytes(0, buffer, offset, n);
        signalIdLength[slot] = n;
    }

    void clear(final int slot)
    {
        state[slot] = EMPTY;
        orderKey[slot] = 0;
        quantity[slot] = Fixed.NULL;
    }

    long stateHash()
    {
        return Arrays.hashCode(state) * 31L + Arrays.hashCode(orderKey) * 17L + Arrays.hashCode(quantity);
    }
}
