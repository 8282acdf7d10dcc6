package io.sluice.gateway.binance;

import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.TimeInForce;
import org.agrona.collections.LongHashSet;

/**
 * What the gateway knows about one order at Binance: what was asked, what has been reported to the engine (status,
 * cumulative quantity and quote amount, trade ids), and what is in flight (place, cancel, status query).
 * Fields are package-private state of {@link BinanceOrders}; agent thread only.
 */
final class TrackedOrder
{
    /** Where the order is in its life at the gateway. */
    enum Stage
    {
        /** Waiting to be sent (venue reconciling, or throttled before a rate limit). */
        HELD,
        /** order.place sent, no answer yet. */
        SENT,
        /** The place outcome was lost; resolving by order.status, never by resending. */
        UNKNOWN,
        /** Acknowledged and not terminal. */
        LIVE,
        /** Terminal status reported. */
        DONE
    }

    final OrderIdentity identity = new OrderIdentity();
    final LongHashSet tradeIds = new LongHashSet();
    String clientOrderId;
    String symbol;
    OrdType ordType = OrdType.NULL_VAL;
    TimeInForce timeInForce = TimeInForce.NULL_VAL;
    long quantity;
    long price = Fixed.NULL;
    long stopPrice = Fixed.NULL;
    boolean reduceOnly;
    PositionSide positionSide = PositionSide.BOTH;

    Stage stage = Stage.HELD;
    OrdStatus status = OrdStatus.NULL_VAL;
    boolean acknowledged;
    long cumQty;
    long cumQuote;
    long syncedCum;
    long maxEventCum;

    long heldSinceNs;
    long placeTimestampMs;
    int placeAttempts;
    boolean cancelWanted;
    boolean cancelInFlight;
    int cancelAttempts;
    boolean statusInFlight;
    long statusQueryAtNs;
    long terminalWaitCum;
    long terminalDeadlineNs;
    OrdStatus terminalStatus = OrdStatus.NULL_VAL;
    String terminalText = "";
    long doneAtNs;
    /** Not in the book: a one-off order.status for the engine's reconciliation question about an untracked id. */
    boolean reconcileProbe;

    /**
     * Take an engine's NewOrder.
     *
     * @param order decoder over the message.
     * @param nowNs time it arrived.
     * @return this.
     */
    TrackedOrder set(final NewOrderDecoder order, final long nowNs)
    {
        identity.set(order);
        clientOrderId = identity.clientOrderId().toString();
        symbol = identity.symbol().toString();
        ordType = order.ordType();
        timeInForce = order.timeInForce();
        quantity = order.quantity();
        price = order.price();
        stopPrice = order.stopPrice();
        reduceOnly = order.reduceOnly() == io.sluice.sbe.BooleanType.TRUE;
        final PositionSide side = order.positionSide();
        positionSide = side == null || side == PositionSide.NULL_VAL ? PositionSide.BOTH : side;
        stage = Stage.HELD;
        heldSinceNs = nowNs;
        return this;
    }

    /**
     * Quantity still open at the venue as far as the gateway knows.
     *
     * @return leaves quantity, 0 once terminal.
     */
    long leavesQty()
    {
        return stage == Stage.DONE || quantity <= 0 ? 0 : Math.max(0, quantity - cumQty);
    }

    /**
     * Average fill price (Binance's Z/z).
     *
     * @return fixed point, 0 before any fill.
     */
    long avgPrice()
    {
        return Decimals.average(cumQuote, cumQty);
    }

    /**
     * Whether the engine may still expect reports about this order.
     *
     * @return true unless terminal.
     */
    boolean isOpen()
    {
        return stage != Stage.DONE;
    }

    public String toString()
    {
        return "TrackedOrder{" + clientOrderId + " " + symbol + " " + identity.side() + " " + ordType + " qty=" +
            Fixed.toString(quantity) + " stage=" + stage + " status=" + status + " cum=" + Fixed.toString(cumQty) + "}";
    }
}
