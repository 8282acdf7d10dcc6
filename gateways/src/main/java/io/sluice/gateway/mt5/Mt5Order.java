package io.sluice.gateway.mt5;

import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine order at an MT5 account: what was asked, where it is in its life, what filled, and which position it
 * opened or which positions it closes (reduce-only orders close one position ticket per request, a "leg").
 */
final class Mt5Order
{
    /** Where an order is. */
    enum State
    {
        /** Waiting for the terminal to become ready. */
        HELD,
        /** A request is on its way to the terminal. */
        SENDING,
        /** Placed: a pending order resting at the server, or a market order whose deal is still to come. */
        WORKING,
        FILLED,
        CANCELED,
        REJECTED,
        EXPIRED,
        /** The answer was lost; reconciliation decides what happened. */
        UNKNOWN
    }

    final OrderIdentity identity = new OrderIdentity();
    final String clientOrderId;
    final ArrayDeque<long[]> closeLegs = new ArrayDeque<>();
    /** Terminal order tickets this order is indexed under (its own and those of its close requests). */
    final List<Long> indexedTickets = new ArrayList<>(1);

    Mt5Symbol symbol;
    OrdType ordType = OrdType.MARKET;
    TimeInForce timeInForce = TimeInForce.GTC;
    long quantity;
    long price = Fixed.NULL;
    long stopPrice = Fixed.NULL;
    long takeProfit = Fixed.NULL;
    long stopLoss = Fixed.NULL;
    boolean reduceOnly;

    State state = State.HELD;
    long orderTicket;
    long positionTicket;
    long cumQty;
    long avgPrice;
    boolean newReported;
    /** Price the first attempt was sent at; the collar is measured from it. */
    long referencePrice;
    boolean retried;
    long holdDeadlineNs;

    private Mt5Order(final String clientOrderId)
    {
        this.clientOrderId = clientOrderId;
    }

    /**
     * An order from the engine's NewOrder.
     *
     * @param decoder the NewOrder.
     * @return the order, state HELD.
     */
    static Mt5Order from(final NewOrderDecoder decoder)
    {
        final OrderIdentity identity = new OrderIdentity().set(decoder);
        final Mt5Order order = new Mt5Order(identity.clientOrderId().toString());
        order.identity.set(identity);
        order.ordType = decoder.ordType();
        order.timeInForce = decoder.timeInForce();
        order.quantity = decoder.quantity();
        order.price = decoder.price();
        order.stopPrice = decoder.stopPrice();
        order.takeProfit = decoder.takeProfit();
        order.stopLoss = decoder.stopLoss();
        order.reduceOnly = decoder.reduceOnly() == BooleanType.TRUE;
        return order;
    }

    /**
     * An order found at the terminal (its comment carries a client order id this gateway has not seen).
     *
     * @param clientOrderId the comment.
     * @param template      account, venue and symbol to report under.
     * @param side          side.
     * @param quantity      lots.
     * @return the order.
     */
    static Mt5Order adopted(final String clientOrderId, final OrderIdentity template, final Side side, final long quantity)
    {
        final Mt5Order order = new Mt5Order(clientOrderId);
        order.identity.set(template).side(side);
        order.identity.clientOrderId().set(clientOrderId);
        order.identity.venueOrderId().clear();
        order.quantity = quantity;
        return order;
    }

    boolean isBuy()
    {
        return identity.side() == Side.BUY;
    }

    boolean isMarket()
    {
        return ordType == OrdType.MARKET;
    }

    boolean isTerminal()
    {
        return state == State.FILLED || state == State.CANCELED || state == State.REJECTED || state == State.EXPIRED;
    }

    /**
     * Remember the terminal's order ticket as the venue order id.
     *
     * @param ticket order ticket.
     */
    void orderTicket(final long ticket)
    {
        if (ticket > 0 && orderTicket == 0)
        {
            orderTicket = ticket;
            identity.venueOrderId().set("", ticket);
        }
    }

    /**
     * Add a fill to the cumulative quantity and average price.
     *
     * @param volume lots filled.
     * @param fillPrice price of the fill.
     */
    void addFill(final long volume, final long fillPrice)
    {
        final long total = cumQty + volume;
        avgPrice = cumQty == 0 ? fillPrice :
            Fixed.mulDiv(Fixed.multiply(avgPrice, cumQty) + Fixed.multiply(fillPrice, volume), Fixed.SCALE, total);
        cumQty = total;
    }

    long leavesQty()
    {
        return isTerminal() ? 0 : Math.max(0, quantity - cumQty);
    }

    /**
     * The FIX status of the order now.
     *
     * @return the status.
     */
    OrdStatus ordStatus()
    {
        switch (state)
        {
            case FILLED:
                return OrdStatus.FILLED;
            case CANCELED:
                return OrdStatus.CANCELED;
            case REJECTED:
                return OrdStatus.REJECTED;
            case EXPIRED:
                return OrdStatus.EXPIRED;
            case UNKNOWN:
                return OrdStatus.UNKNOWN;
            case HELD:
            case SENDING:
                return cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.PENDING_NEW;
            default:
                return cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
        }
    }

    public String toString()
    {
        return "Mt5Order{" + clientOrderId + " " + state + " " + identity.side() + " " + ordType + " qty=" + Fixed.toString(quantity) +
            " cum=" + Fixed.toString(cumQty) + " ticket=" + orderTicket + " position=" + positionTicket + '}';
    }
}
