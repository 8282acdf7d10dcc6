package io.sluice.gateway;

import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;

/**
 * One venue adapter, driven by a {@link GatewayAgent} on a single thread: orders arrive through the callbacks,
 * answers leave through the {@link ReportPublisher} handed over in {@link #onStart}. Every callback receives
 * the time of the current duty cycle so the venue never reads a clock itself.
 */
public interface Venue
{
    /**
     * Venue name as it appears in reports and stream names, e.g. "paper".
     *
     * @return the name.
     */
    String name();

    /**
     * Called once on the agent thread before any order, when the reports stream has a subscriber.
     *
     * @param publisher where the venue sends execution reports, market data and status.
     * @param nowNs     epoch nanoseconds of this duty cycle.
     */
    void onStart(ReportPublisher publisher, long nowNs);

    /**
     * A NewOrder from the engine; the decoder is only valid during the call.
     *
     * @param order decoder wrapped over the message.
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    void onNewOrder(NewOrderDecoder order, long nowNs);

    /**
     * A CancelOrder from the engine; the decoder is only valid during the call.
     *
     * @param cancel decoder wrapped over the message.
     * @param nowNs  epoch nanoseconds of this duty cycle.
     */
    void onCancelOrder(CancelOrderDecoder cancel, long nowNs);

    /**
     * An AmendOrder from the engine (change quantity/price of a live order, or the stop-loss/take-profit of
     * its position). A venue that supports amends overrides this; the default refuses, and the refusal is
     * counted and reported through the gateway's error handler.
     *
     * @param amend decoder wrapped over the message.
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    default void onAmendOrder(final AmendOrderDecoder amend, final long nowNs)
    {
        throw new UnsupportedOperationException("venue " + name() + " does not amend orders");
    }

    /**
     * Reconciliation: the engine asks what the venue knows of one in-doubt order (after an engine restart, or
     * when this gateway comes back up). Answer on the reports stream with {@link OrderStatusQuery#answer} (the
     * venue's status, cumulative quantity and average price) or {@link OrderStatusQuery#notFound}, now or after a
     * venue lookup. The default cannot answer: the engine's timeout turns the question into an operator alert.
     *
     * @param query the question; valid only during the call (use {@link OrderStatusQuery#copy()} to keep it).
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    default void onOrderStatusRequest(final OrderStatusQuery query, final long nowNs)
    {
        throw new UnsupportedOperationException("venue " + name() + " does not answer order status requests");
    }

    /**
     * State the gateway's heartbeat reports for this venue (e.g. DEGRADED while a broker session is expired); the
     * default is always UP.
     *
     * @return the state to publish with the next heartbeat.
     */
    default GatewayState state()
    {
        return GatewayState.UP;
    }

    /**
     * Short ASCII reason published with the heartbeat, empty when all is well; never secrets.
     *
     * @return the detail text.
     */
    default CharSequence stateDetail()
    {
        return "";
    }

    /**
     * The venue's own work for this duty cycle: timers, venue connections, queued events.
     *
     * @param nowNs epoch nanoseconds of this duty cycle.
     * @return amount of work done, 0 when idle.
     */
    int doWork(long nowNs);

    /**
     * Called once on the agent thread when the gateway closes; release venue resources.
     */
    void onClose();
}
