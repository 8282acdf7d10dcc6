package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;

/**
 * The order the gate chain is asked about: reused for every order, primitives only.
 */
final class OrderCheck
{
    int accountId;
    int instrumentId;
    int venueId;
    Side side;
    OrdType ordType;
    long quantity;
    long price;
    long stopPrice;
    boolean reduceOnly;
    int slices;
    long nowNs;
    /**
     * Hedging accounts: what a reduce-only order of this side can close, signed like a position (the long
     * tickets' quantity for a SELL, minus the short tickets' for a BUY); NULL on netting accounts, where the net
     * position decides.
     */
    long hedgedOpposite = Fixed.NULL;
    /** Hedging accounts: the same side's tickets, signed like a position (what an opening order adds to); else NULL. */
    long hedgedSame = Fixed.NULL;

    OrderCheck set(
        final int accountId,
        final int instrumentId,
        final int venueId,
        final Side side,
        final OrdType ordType,
        final long quantity,
        final long price,
        final long stopPrice,
        final boolean reduceOnly,
        final int slices,
        final long nowNs)
    {
        this.accountId = accountId;
        this.instrumentId = instrumentId;
        this.venueId = venueId;
        this.side = side;
        this.ordType = ordType;
        this.quantity = quantity;
        this.price = price;
        this.stopPrice = stopPrice;
        this.reduceOnly = reduceOnly;
        this.slices = slices;
        this.nowNs = nowNs;
        this.hedgedOpposite = Fixed.NULL;
        this.hedgedSame = Fixed.NULL;
        return this;
    }

    void clear()
    {
        set(-1, -1, -1, null, null, 0, Fixed.NULL, Fixed.NULL, false, 1, 0);
    }
}
