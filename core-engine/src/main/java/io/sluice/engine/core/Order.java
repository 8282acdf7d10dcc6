package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

/**
 * One live order and its state machine:
 * PENDING_NEW → NEW → PARTIALLY_FILLED → FILLED | CANCELED | REJECTED | EXPIRED, and UNKNOWN when a
 * venue's answer is lost. Pooled and reused, so it holds only primitives, enums and fixed arrays.
 */
final class Order
{
    static final int VENUE_ORDER_ID_LENGTH = 32;
    static final int SIGNAL_ID_LENGTH = 64;

    long key;
    int accountId;
    int instrumentId;
    int venueId;
    Side side;
    OrdType ordType;
    TimeInForce timeInForce;
    long quantity;
    long price;
    long stopPrice;
    long takeProfit;
    long stopLoss;
    boolean reduceOnly;
    io.sluice.sbe.PositionSide positionSide;
    io.sluice.sbe.Product product;
    int leg;
    int attempt;
    OrdStatus status;
    long cumQty;
    long avgPrice;
    final byte[] venueOrderId = new byte[VENUE_ORDER_ID_LENGTH];
    long createdNs;
    long updatedNs;
    /** Reconciliation: an OrderStatusRequest for this order awaits the venue's answer. */
    boolean statusRequested;
    /** Reconciliation: the order was in doubt when asked about, so new orders for its venue wait for the answer. */
    boolean statusGates;
    /** The signal id the order came from (first {@link #SIGNAL_ID_LENGTH} bytes), for a re-sent attempt. */
    final byte[] signalId = new byte[SIGNAL_ID_LENGTH];
    int signalIdLength;

    void reset()
    {
        key = 0;
        accountId = -1;
        instrumentId = -1;
        venueId = -1;
        side = null;
        ordType = null;
        timeInForce = null;
        quantity = 0;
        price = Fixed.NULL;
        stopPrice = Fixed.NULL;
        takeProfit = Fixed.NULL;
        stopLoss = Fixed.NULL;
        reduceOnly = false;
        positionSide = io.sluice.sbe.PositionSide.BOTH;
        product = io.sluice.sbe.Product.DEFAULT;
        leg = 0;
        attempt = 0;
        status = null;
        cumQty = 0;
        avgPrice = 0;
        java.util.Arrays.fill(venueOrderId, (byte)0);
        createdNs = 0;
        updatedNs = 0;
        statusRequested = false;
        statusGates = false;
        signalIdLength = 0;
    }

    void signalId(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        signalIdLength = Math.min(length, SIGNAL_ID_LENGTH);
        buffer.getBytes(offset, signalId, 0, signalIdLength);
    }

    long leavesQty()
    {
        return isTerminal(status) ? 0 : quantity - cumQty;
    }

    static boolean isTerminal(final OrdStatus status)
    {
        return status == OrdStatus.FILLED || status == OrdStatus.CANCELED ||
            status == OrdStatus.REJECTED || status == OrdStatus.EXPIRED;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLong(key).putInt(accountId).putInt(instrumentId).putInt(venueId)
            .putInt(side == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : side.value())
            .putInt(ordType == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : ordType.value())
            .putInt(timeInForce == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : timeInForce.value())
            .putLong(quantity).putLong(price).putLong(stopPrice).putLong(takeProfit).putLong(stopLoss)
            .putBoolean(reduceOnly)
            .putInt(positionSide == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : positionSide.value())
            .putInt(product == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : product.value())
            .putInt(leg).putInt(attempt)
            .putInt(status == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : status.value())
            .putLong(cumQty).putLong(avgPrice).putBytes(venueOrderId).putLong(createdNs).putLong(updatedNs)
            .putBoolean(statusRequested).putBoolean(statusGates).putBytes(new org.agrona.concurrent.UnsafeBuffer(signalId), 0, signalIdLength);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        final int none = io.sluice.engine.snapshot.StateWriter.NULL_ENUM;
        key = in.getLong();
        accountId = in.getInt();
        instrumentId = in.getInt();
        venueId = in.getInt();
        int value = in.getInt();
        side = value == none ? null : Side.get((short)value);
        value = in.getInt();
        ordType = value == none ? null : OrdType.get((short)value);
        value = in.getInt();
        timeInForce = value == none ? null : TimeInForce.get((short)value);
        quantity = in.getLong();
        price = in.getLong();
        stopPrice = in.getLong();
        takeProfit = in.getLong();
        stopLoss = in.getLong();
        reduceOnly = in.getBoolean();
        value = in.getInt();
        positionSide = value == none ? null : io.sluice.sbe.PositionSide.get((short)value);
        value = in.getInt();
        product = value == none ? null : io.sluice.sbe.Product.get((short)value);
        leg = in.getInt();
        attempt = in.getInt();
        value = in.getInt();
        status = value == none ? null : OrdStatus.get((short)value);
        cumQty = in.getLong();
        avgPrice = in.getLong();
        in.getBytes(venueOrderId);
        createdNs = in.getLong();
        updatedNs = in.getLong();
        statusRequested = in.getBoolean();
        statusGates = in.getBoolean();
        java.util.Arrays.fill(signalId, (byte)0);
        signalIdLength = in.getBytes(new org.agrona.concurrent.UnsafeBuffer(signalId), 0);
    }

    long stateHash()
    {
        long hash = key;
        hash = 31 * hash + accountId;
        hash = 31 * hash + instrumentId;
        hash = 31 * hash + venueId;
        hash = 31 * hash + side.value();
        hash = 31 * hash + ordType.value();
        hash = 31 * hash + quantity;
        hash = 31 * hash + price;
        hash = 31 * hash + status.value();
        hash = 31 * hash + cumQty;
        hash = 31 * hash + avgPrice;
        hash = 31 * hash + java.util.Arrays.hashCode(venueOrderId);
        hash = 31 * hash + (timeInForce == null ? -1 : timeInForce.value());
        hash = 31 * hash + stopPrice;
        hash = 31 * hash + takeProfit;
        hash = 31 * hash + stopLoss;
        hash = 31 * hash + (reduceOnly ? 1 : 0);
        hash = 31 * hash + (positionSide == null ? -1 : positionSide.value());
        hash = 31 * hash + (product == null ? -1 : product.value());
        hash = 31 * hash + leg;
        hash = 31 * hash + attempt;
        hash = 31 * hash + createdNs;
        hash = 31 * hash + updatedNs;
        hash = 31 * hash + (statusRequested ? 1 : 0);
        hash = 31 * hash + (statusGates ? 1 : 0);
        for (int i = 0; i < signalIdLength; i++)
        {
            hash = 31 * hash + signalId[i];
        }
        return hash;
    }
}
