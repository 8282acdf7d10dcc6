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

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        final int capacity = state.length;
        out.putInts(state).putLongs(orderKey).putInts(accountId).putInts(instrumentId).putInts(venueId);
        for (int i = 0; i < capacity; i++)
        {
            out.putInt(side[i] == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : side[i].value())
                .putInt(ordType[i] == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : ordType[i].value())
                .putInt(action[i] == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : action[i].ordinal())
                .putBytes(signalId[i], 0, signalIdLength[i]);
        }
        out.putLongs(quantity).putLongs(price).putLongs(takeProfit).putLongs(stopLoss).putBooleans(reduceOnly);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        final int none = io.sluice.engine.snapshot.StateWriter.NULL_ENUM;
        in.getInts(state);
        in.getLongs(orderKey);
        in.getInts(accountId);
        in.getInts(instrumentId);
        in.getInts(venueId);
        for (int i = 0; i < state.length; i++)
        {
            int value = in.getInt();
            side[i] = value == none ? null : Side.get((short)value);
            value = in.getInt();
            ordType[i] = value == none ? null : OrdType.get((short)value);
            value = in.getInt();
            action[i] = value == none ? null : LegAction.values()[value];
            signalIdLength[i] = in.getBytes(signalId[i], 0);
        }
        in.getLongs(quantity);
        in.getLongs(price);
        in.getLongs(takeProfit);
        in.getLongs(stopLoss);
        in.getBooleans(reduceOnly);
    }

    long stateHash()
    {
        long hash = Arrays.hashCode(state) * 31L + Arrays.hashCode(orderKey) * 17L + Arrays.hashCode(quantity);
        hash = 31 * hash + Arrays.hashCode(accountId);
        hash = 31 * hash + Arrays.hashCode(instrumentId);
        hash = 31 * hash + Arrays.hashCode(venueId);
        hash = 31 * hash + Arrays.hashCode(price);
        hash = 31 * hash + Arrays.hashCode(takeProfit);
        hash = 31 * hash + Arrays.hashCode(stopLoss);
        hash = 31 * hash + Arrays.hashCode(reduceOnly);
        for (int i = 0; i < state.length; i++)
        {
            hash = 31 * hash + (side[i] == null ? -1 : side[i].value());
            hash = 31 * hash + (ordType[i] == null ? -1 : ordType[i].value());
            hash = 31 * hash + (action[i] == null ? -1 : action[i].ordinal());
            hash = 31 * hash + signalIdLength[i];
            for (int b = 0; b < signalIdLength[i]; b++)
            {
                hash = 31 * hash + signalId[i].getByte(b);
            }
        }
        return hash;
    }
}
