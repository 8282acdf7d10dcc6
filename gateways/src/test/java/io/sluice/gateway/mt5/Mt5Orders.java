package io.sluice.gateway.mt5;

import io.sluice.gateway.test.ManualClock;
import io.sluice.gateway.test.OrderSender;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AmendOrderEncoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.CancelOrderEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Plays the engine on the mt5 orders stream with schema v1 messages: NewOrder with stop-loss, take-profit and
 * reduce-only, AmendOrder and CancelOrder, offered through the harness's {@link OrderSender}.
 */
final class Mt5Orders
{
    private final OrderSender sender;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final AmendOrderEncoder amendOrder = new AmendOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();

    Mt5Orders(final OrderSender sender)
    {
        this.sender = sender;
    }

    void market(final String account, final String clientOrderId, final String symbol, final Side side, final String lots)
    {
        market(account, clientOrderId, symbol, side, lots, null, null);
    }

    void market(
        final String account, final String clientOrderId, final String symbol, final Side side, final String lots, final String stopLoss,
        final String takeProfit)
    {
        newOrder(account, clientOrderId, symbol, side, OrdType.MARKET, TimeInForce.GTC, Fixed.parse(lots), Fixed.NULL,
            parse(stopLoss), parse(takeProfit), false);
    }

    /** An OrderStatusRequest (reconciliation) for one order of an account. */
    void statusRequest(final String account, final String clientOrderId, final String symbol, final Side side, final String lots)
    {
        sender.account(account).venue("mt5").statusRequest(clientOrderId, "", symbol, side, Fixed.parse(lots));
    }

    void limit(final String account, final String clientOrderId, final String symbol, final Side side, final String lots, final String price)
    {
        newOrder(account, clientOrderId, symbol, side, OrdType.LIMIT, TimeInForce.GTC, Fixed.parse(lots), Fixed.parse(price),
            Fixed.NULL, Fixed.NULL, false);
    }

    /** A reduce-only market order: closes opposite positions; lots "0" closes all of them. */
    void close(final String account, final String clientOrderId, final String symbol, final Side side, final String lots)
    {
        newOrder(account, clientOrderId, symbol, side, OrdType.MARKET, TimeInForce.GTC, Fixed.parse(lots), Fixed.NULL,
            Fixed.NULL, Fixed.NULL, true);
    }

    void newOrder(
        final String account, final String clientOrderId, final String symbol, final Side side, final OrdType ordType,
        final TimeInForce timeInForce, final long quantity, final long price, final long stopLoss, final long takeProfit,
        final boolean reduceOnly)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue("mt5")
            .symbol(symbol)
            .side(side)
            .ordType(ordType)
            .timeInForce(timeInForce)
            .quantity(quantity)
            .price(price)
            .stopPrice(Fixed.NULL)
            .takeProfit(takeProfit)
            .stopLoss(stopLoss)
            .timestampNs(ManualClock.DEFAULT_START_NS)
            .leg((short)0)
            .attempt((short)0)
            .reduceOnly(reduceOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .positionSide(PositionSide.BOTH)
            .product(Product.DEFAULT)
            .signalId("sig-" + clientOrderId);
        sender.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    void amendStops(final String account, final String clientOrderId, final String symbol, final String stopLoss, final String takeProfit)
    {
        amendOrder.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue("mt5")
            .symbol(symbol)
            .quantity(Fixed.NULL)
            .price(Fixed.NULL)
            .stopPrice(Fixed.NULL)
            .takeProfit(parse(takeProfit))
            .stopLoss(parse(stopLoss))
            .timestampNs(ManualClock.DEFAULT_START_NS);
        sender.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + amendOrder.encodedLength());
    }

    void cancel(final String account, final String clientOrderId, final String symbol)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue("mt5")
            .symbol(symbol)
            .timestampNs(ManualClock.DEFAULT_START_NS);
        sender.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength());
    }

    private static long parse(final String value)
    {
        return value == null ? Fixed.NULL : Fixed.parse(value);
    }
}
