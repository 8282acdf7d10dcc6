package io.sluice.gateway.test;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.CancelOrderEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Plays the engine's part on an {@code orders.<venue>} stream: encodes NewOrder and CancelOrder with the real
 * encoders and offers them, running a pump (e.g. a gateway's invoker) while it waits.
 */
public final class OrderSender implements AutoCloseable
{
    private final Publication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrderEncoder = new CancelOrderEncoder();
    private Runnable pump = () -> {};
    private String account = "ACC1";
    private String venue = "paper";
    private long timestampNs = ManualClock.DEFAULT_START_NS;

    /**
     * Publish onto an orders stream.
     *
     * @param aeron    connected client.
     * @param channel  orders channel.
     * @param streamId orders stream id.
     */
    public OrderSender(final Aeron aeron, final String channel, final int streamId)
    {
        publication = aeron.addExclusivePublication(channel, streamId);
    }

    /**
     * Work to run while waiting, e.g. stepping the gateway.
     *
     * @param pump the work.
     * @return this for a fluent API.
     */
    public OrderSender pump(final Runnable pump)
    {
        this.pump = pump;
        return this;
    }

    /**
     * Account written into the orders.
     *
     * @param account account name.
     * @return this for a fluent API.
     */
    public OrderSender account(final String account)
    {
        this.account = account;
        return this;
    }

    /**
     * Venue written into the orders.
     *
     * @param venue venue name.
     * @return this for a fluent API.
     */
    public OrderSender venue(final String venue)
    {
        this.venue = venue;
        return this;
    }

    /**
     * Wait until the gateway's subscription has joined.
     */
    public void awaitConnected()
    {
        Await.until("orders stream to connect", pump, publication::isConnected);
    }

    /**
     * Send a MARKET order (GTC).
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param quantity      fixed point.
     */
    public void market(final String clientOrderId, final String symbol, final Side side, final long quantity)
    {
        newOrder(clientOrderId, symbol, side, OrdType.MARKET, TimeInForce.GTC, quantity, Fixed.NULL, Fixed.NULL);
    }

    /**
     * Send a LIMIT order (GTC).
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param quantity      fixed point.
     * @param price         limit, fixed point.
     */
    public void limit(final String clientOrderId, final String symbol, final Side side, final long quantity, final long price)
    {
        newOrder(clientOrderId, symbol, side, OrdType.LIMIT, TimeInForce.GTC, quantity, price, Fixed.NULL);
    }

    /**
     * Send a STOP order (GTC).
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param quantity      fixed point.
     * @param stopPrice     trigger, fixed point.
     */
    public void stop(final String clientOrderId, final String symbol, final Side side, final long quantity, final long stopPrice)
    {
        newOrder(clientOrderId, symbol, side, OrdType.STOP, TimeInForce.GTC, quantity, Fixed.NULL, stopPrice);
    }

    /**
     * Send a STOP_LIMIT order (GTC).
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param quantity      fixed point.
     * @param price         limit once triggered, fixed point.
     * @param stopPrice     trigger, fixed point.
     */
    public void stopLimit(
        final String clientOrderId, final String symbol, final Side side, final long quantity, final long price, final long stopPrice)
    {
        newOrder(clientOrderId, symbol, side, OrdType.STOP_LIMIT, TimeInForce.GTC, quantity, price, stopPrice);
    }

    /**
     * Send any NewOrder.
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param ordType       order type.
     * @param timeInForce   time in force.
     * @param quantity      fixed point.
     * @param price         fixed point or {@link Fixed#NULL}.
     * @param stopPrice     fixed point or {@link Fixed#NULL}.
     */
    public void newOrder(
        final String clientOrderId,
        final String symbol,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long quantity,
        final long price,
        final long stopPrice)
    {
        newOrderEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .side(side)
            .ordType(ordType)
            .timeInForce(timeInForce)
            .quantity(quantity)
            .price(price)
            .stopPrice(stopPrice)
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(timestampNs)
            .leg((short)0)
            .attempt((short)0)
            .signalId("sig-" + clientOrderId);
        send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrderEncoder.encodedLength());
    }

    /**
     * Send a CancelOrder.
     *
     * @param clientOrderId the order to cancel.
     * @param symbol        its symbol.
     */
    public void cancel(final String clientOrderId, final String symbol)
    {
        cancelOrderEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .timestampNs(timestampNs);
        send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelOrderEncoder.encodedLength());
    }

    /**
     * Send an OrderStatusRequest (reconciliation) for one order.
     *
     * @param clientOrderId the order asked about.
     * @param venueOrderId  the venue's id if known, else "".
     * @param symbol        its symbol.
     * @param side          its side.
     * @param quantity      its quantity, fixed point.
     */
    public void statusRequest(
        final String clientOrderId, final String venueOrderId, final String symbol, final Side side, final long quantity)
    {
        // Its own buffer: NewOrder encoding relies on the shared one being zero where it sets no field.
        final UnsafeBuffer requestBuffer = new UnsafeBuffer(new byte[256]);
        final io.sluice.sbe.OrderStatusRequestEncoder request = new io.sluice.sbe.OrderStatusRequestEncoder();
        request.wrapAndApplyHeader(requestBuffer, 0, headerEncoder)
            .clientOrderId(clientOrderId)
            .venueOrderId(venueOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .side(side)
            .quantity(quantity)
            .ordStatus(io.sluice.sbe.OrdStatus.PENDING_NEW)
            .attempt((short)0)
            .round(1)
            .timestampNs(timestampNs);
        send(requestBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + request.encodedLength());
    }

    /**
     * Offer raw bytes (e.g. a message the gateway should not understand), pumping under back pressure.
     *
     * @param src    bytes.
     * @param offset first byte.
     * @param length byte count.
     */
    public void send(final DirectBuffer src, final int offset, final int length)
    {
        final long[] result = new long[1];
        Await.until(
            "orders publication to accept a message",
            () ->
            {
                result[0] = publication.offer(src, offset, length);
                if (result[0] < 0)
                {
                    pump.run();
                }
            },
            () -> result[0] > 0,
            () -> "last offer result " + result[0]);
    }

    /**
     * Close the publication.
     */
    public void close()
    {
        CloseHelper.close(publication);
    }
}
