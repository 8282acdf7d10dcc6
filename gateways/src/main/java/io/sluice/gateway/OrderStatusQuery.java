package io.sluice.gateway;

import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrderStatusRequestDecoder;

/**
 * The engine's question about one in-doubt order (reconciliation after a restart or a gateway coming back),
 * and the two answers a venue gives: its current status with cumulative quantity and average price, or "not
 * known here" (ordStatus NOT_FOUND). Every venue answers on the reports stream with an ExecutionReport
 * ORDER_STATUS; the engine derives the fills it has not seen from the cumulative quantity and average price,
 * and re-sends an order the venue does not know as its next attempt. Mutable and reusable; {@link #copy()} for
 * venues that answer later (after a REST lookup).
 */
public final class OrderStatusQuery
{
    private final OrderIdentity identity = new OrderIdentity();
    private long quantity;
    private OrdStatus engineStatus = OrdStatus.NULL_VAL;
    private int attempt;
    private long round;

    /**
     * Take the question an OrderStatusRequest carries.
     *
     * @param request decoder wrapped over the message.
     * @return this for a fluent API.
     */
    public OrderStatusQuery set(final OrderStatusRequestDecoder request)
    {
        final org.agrona.DirectBuffer buffer = request.buffer();
        final int offset = request.offset();
        identity.clear();
        identity.clientOrderId().setFromFixed(buffer, offset + OrderStatusRequestDecoder.clientOrderIdEncodingOffset(),
            OrderStatusRequestDecoder.clientOrderIdLength());
        identity.venueOrderId().setFromFixed(buffer, offset + OrderStatusRequestDecoder.venueOrderIdEncodingOffset(),
            OrderStatusRequestDecoder.venueOrderIdLength());
        identity.account().setFromFixed(buffer, offset + OrderStatusRequestDecoder.accountEncodingOffset(),
            OrderStatusRequestDecoder.accountLength());
        identity.venue().setFromFixed(buffer, offset + OrderStatusRequestDecoder.venueEncodingOffset(),
            OrderStatusRequestDecoder.venueLength());
        identity.symbol().setFromFixed(buffer, offset + OrderStatusRequestDecoder.symbolEncodingOffset(),
            OrderStatusRequestDecoder.symbolLength());
        identity.side(request.side());
        quantity = request.quantity();
        engineStatus = request.ordStatus();
        attempt = request.attempt();
        round = request.round();
        return this;
    }

    /**
     * A copy to keep beyond the callback (allocates; off the order path).
     *
     * @return a new query equal to this one.
     */
    public OrderStatusQuery copy()
    {
        final OrderStatusQuery copy = new OrderStatusQuery();
        copy.identity.set(identity);
        copy.quantity = quantity;
        copy.engineStatus = engineStatus;
        copy.attempt = attempt;
        copy.round = round;
        return copy;
    }

    /** The order asked about: client order id, venue order id (blank if the engine never saw one), account, venue, symbol, side. */
    public OrderIdentity order()
    {
        return identity;
    }

    /** Order quantity, fixed point. */
    public long quantity()
    {
        return quantity;
    }

    /** The engine's status of the order: PENDING_NEW, UNKNOWN or PENDING_CANCEL. */
    public OrdStatus engineStatus()
    {
        return engineStatus;
    }

    /** Attempt number of the client order id. */
    public int attempt()
    {
        return attempt;
    }

    /** Reconciliation round of the venue. */
    public long round()
    {
        return round;
    }

    /**
     * Fill a report with the venue's answer: its status, cumulative quantity and average price.
     *
     * The venue's order id goes in with {@code execution.order().venueOrderId().set(...)} when the venue has one.
     *
     * @param execution reused report.
     * @param status    the venue's status (NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED).
     * @param cumQty    cumulative filled quantity, fixed point.
     * @param avgPrice  average fill price, fixed point (0 when nothing filled).
     * @return the report, ready to publish (text may be appended).
     */
    public Execution answer(final Execution execution, final OrdStatus status, final long cumQty, final long avgPrice)
    {
        return execution.reset(identity).execType(ExecType.ORDER_STATUS).ordStatus(status).cumQty(cumQty).avgPrice(avgPrice)
            .leavesQty(status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED ? Math.max(0, quantity - cumQty) : 0)
            .text("reconciled: ").appendText(status.name());
    }

    /**
     * Fill a report saying the venue does not know this client order id: it never arrived there.
     *
     * @param execution reused report.
     * @return the report, ready to publish.
     */
    public Execution notFound(final Execution execution)
    {
        return execution.reset(identity).execType(ExecType.ORDER_STATUS).ordStatus(OrdStatus.NOT_FOUND).leavesQty(0)
            .text("reconciled: the venue does not know this order");
    }
}
