package io.sluice.gateway.paper;

import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;

/**
 * State of one order at the paper venue; pooled and reused.
 */
final class PaperOrder
{
    final OrderIdentity identity = new OrderIdentity();
    PaperInstrument instrument;
    OrdType ordType;
    long quantity;
    /** Limit price, {@link Fixed#NULL} for MARKET and STOP (they execute at the market). */
    long limitPrice;
    /** Stop price, {@link Fixed#NULL} unless STOP or STOP_LIMIT. */
    long stopPrice;
    boolean immediateOrCancel;
    /** False while a stop waits for its trigger. */
    boolean triggered;
    /** True once a limit has rested: from then on it fills at its own price when the market crosses it. */
    boolean resting;
    OrdStatus status;
    long cumQty;
    long avgPrice;

    void init(
        final OrderIdentity source,
        final PaperInstrument instrument,
        final OrdType ordType,
        final long quantity,
        final long limitPrice,
        final long stopPrice,
        final boolean immediateOrCancel)
    {
        identity.set(source);
        this.instrument = instrument;
        this.ordType = ordType;
        this.quantity = quantity;
        this.limitPrice = limitPrice;
        this.stopPrice = stopPrice;
        this.immediateOrCancel = immediateOrCancel;
        this.triggered = stopPrice == Fixed.NULL;
        this.resting = false;
        this.status = OrdStatus.NEW;
        this.cumQty = 0;
        this.avgPrice = 0;
    }

    boolean isBuy()
    {
        return identity.side() == Side.BUY;
    }

    /** The price this order would trade at now if it took liquidity: the ask for a buy, the bid for a sell. */
    long marketPrice()
    {
        return isBuy() ? instrument.ask() : instrument.bid();
    }

    /** A buy stop triggers when the ask reaches the stop, a sell stop when the bid falls to it. */
    boolean isStopTriggered()
    {
        return isBuy() ? instrument.ask() >= stopPrice : instrument.bid() <= stopPrice;
    }

    /** A buy limit is marketable at or above the ask, a sell limit at or below the bid. */
    boolean isMarketable()
    {
        return isBuy() ? limitPrice >= instrument.ask() : limitPrice <= instrument.bid();
    }
}
