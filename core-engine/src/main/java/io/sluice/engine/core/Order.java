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
        hash = 31 * hash + attempt;
        hash = 31 * hash + (statusRequested ? 1 : 0);
        return hash;
    }
}
