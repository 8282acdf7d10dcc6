package io.sluice.gateway;

import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.Side;
import org.agrona.DirectBuffer;

/**
 * Who an order is: the fields copied from the engine's order into every report about it (client order id,
 * account, venue, symbol, side) plus the venue's own order id. Reusable and mutable, so a venue can keep one per
 * live order without allocating per message.
 */
public final class OrderIdentity
{
    private final AsciiField clientOrderId = new AsciiField(ExecutionReportEncoder.clientOrderIdLength());
    private final AsciiField venueOrderId = new AsciiField(ExecutionReportEncoder.venueOrderIdLength());
    private final AsciiField account = new AsciiField(ExecutionReportEncoder.accountLength());
    private final AsciiField venue = new AsciiField(ExecutionReportEncoder.venueLength());
    private final AsciiField symbol = new AsciiField(ExecutionReportEncoder.symbolLength());
    private Side side = Side.NULL_VAL;

    /**
     * Take the identity of a NewOrder; the venue order id is cleared.
     *
     * @param order decoder wrapped over the message.
     * @return this for a fluent API.
     */
    public OrderIdentity set(final NewOrderDecoder order)
    {
        final DirectBuffer buffer = order.buffer();
        final int offset = order.offset();
        clientOrderId.setFromFixed(
            buffer, offset + NewOrderDecoder.clientOrderIdEncodingOffset(), NewOrderDecoder.clientOrderIdLength());
        account.setFromFixed(buffer, offset + NewOrderDecoder.accountEncodingOffset(), NewOrderDecoder.accountLength());
        venue.setFromFixed(buffer, offset + NewOrderDecoder.venueEncodingOffset(), NewOrderDecoder.venueLength());
        symbol.setFromFixed(buffer, offset + NewOrderDecoder.symbolEncodingOffset(), NewOrderDecoder.symbolLength());
        venueOrderId.clear();
        side = order.side();
        return this;
    }

    /**
     * Take the identity a CancelOrder carries (it has no side); the venue order id is cleared.
     *
     * @param cancel decoder wrapped over the message.
     * @return this for a fluent API.
     */
    public OrderIdentity set(final CancelOrderDecoder cancel)
    {
        final DirectBuffer buffer = cancel.buffer();
        final int offset = cancel.offset();
        clientOrderId.setFromFixed(
            buffer, offset + CancelOrderDecoder.clientOrderIdEncodingOffset(), CancelOrderDecoder.clientOrderIdLength());
        account.setFromFixed(buffer, offset + CancelOrderDecoder.accountEncodingOffset(), CancelOrderDecoder.accountLength());
        venue.setFromFixed(buffer, offset + CancelOrderDecoder.venueEncodingOffset(), CancelOrderDecoder.venueLength());
        symbol.setFromFixed(buffer, offset + CancelOrderDecoder.symbolEncodingOffset(), CancelOrderDecoder.symbolLength());
        venueOrderId.clear();
        side = Side.NULL_VAL;
        return this;
    }

    /**
     * Copy another identity.
     *
     * @param other source.
     * @return this for a fluent API.
     */
    public OrderIdentity set(final OrderIdentity other)
    {
        clientOrderId.set(other.clientOrderId);
        venueOrderId.set(other.venueOrderId);
        account.set(other.account);
        venue.set(other.venue);
        symbol.set(other.symbol);
        side = other.side;
        return this;
    }

    /**
     * Make every field empty.
     *
     * @return this for a fluent API.
     */
    public OrderIdentity clear()
    {
        clientOrderId.clear();
        venueOrderId.clear();
        account.clear();
        venue.clear();
        symbol.clear();
        side = Side.NULL_VAL;
        return this;
    }

    /**
     * The engine's client order id.
     *
     * @return mutable field.
     */
    public AsciiField clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * The venue's order id, empty until the venue assigns one.
     *
     * @return mutable field.
     */
    public AsciiField venueOrderId()
    {
        return venueOrderId;
    }

    /**
     * Account the order belongs to.
     *
     * @return mutable field.
     */
    public AsciiField account()
    {
        return account;
    }

    /**
     * Venue named in the order.
     *
     * @return mutable field.
     */
    public AsciiField venue()
    {
        return venue;
    }

    /**
     * Instrument symbol at the venue.
     *
     * @return mutable field.
     */
    public AsciiField symbol()
    {
        return symbol;
    }

    /**
     * Side of the order, {@link Side#NULL_VAL} when unknown.
     *
     * @return the side.
     */
    public Side side()
    {
        return side;
    }

    /**
     * Set the side.
     *
     * @param side the side.
     * @return this for a fluent API.
     */
    public OrderIdentity side(final Side side)
    {
        this.side = side;
        return this;
    }

    public String toString()
    {
        return "OrderIdentity{clientOrderId=" + clientOrderId + ", venueOrderId=" + venueOrderId + ", account=" + account +
            ", venue=" + venue + ", symbol=" + symbol + ", side=" + side + '}';
    }
}
