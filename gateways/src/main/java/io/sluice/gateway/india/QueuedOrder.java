package io.sluice.gateway.india;

import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.TimeInForce;

/**
 * A NewOrder copied out of the orders stream, so it can wait for its account's login and reconciliation.
 */
final class QueuedOrder
{
    final OrderIdentity identity = new OrderIdentity();
    final OrdType ordType;
    final TimeInForce timeInForce;
    final long quantity;
    final long price;
    final long stopPrice;
    final Product product;
    final boolean reduceOnly;
    final long receivedNs;

    QueuedOrder(final NewOrderDecoder order, final long nowNs)
    {
        identity.set(order);
        ordType = order.ordType();
        timeInForce = order.timeInForce();
        quantity = order.quantity();
        price = order.price();
        stopPrice = order.stopPrice();
        final Product sent = order.actingVersion() >= 1 ? order.product() : Product.DEFAULT;
        product = sent == null || sent == Product.NULL_VAL ? Product.DEFAULT : sent;
        reduceOnly = order.actingVersion() >= 1 && order.reduceOnly() == BooleanType.TRUE;
        receivedNs = nowNs;
    }

    long priceOrNull()
    {
        return price == NewOrderDecoder.priceNullValue() ? Fixed.NULL : price;
    }

    long stopPriceOrNull()
    {
        return stopPrice == NewOrderDecoder.stopPriceNullValue() ? Fixed.NULL : stopPrice;
    }
}
