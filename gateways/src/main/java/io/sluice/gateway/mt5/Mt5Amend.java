package io.sluice.gateway.mt5;

import io.sluice.gateway.OrderIdentity;
import io.sluice.sbe.AmendOrderDecoder;

/**
 * An AmendOrder from the engine, copied so it can wait while the terminal is not ready. Absent values are
 * {@link io.sluice.protocol.Fixed#NULL}; a stop-loss or take-profit of 0 removes it.
 */
final class Mt5Amend
{
    final OrderIdentity identity = new OrderIdentity();
    final long quantity;
    final long price;
    final long stopPrice;
    final long takeProfit;
    final long stopLoss;

    Mt5Amend(final AmendOrderDecoder decoder)
    {
        final int offset = decoder.offset();
        identity.clientOrderId().setFromFixed(
            decoder.buffer(), offset + AmendOrderDecoder.clientOrderIdEncodingOffset(), AmendOrderDecoder.clientOrderIdLength());
        identity.account().setFromFixed(
            decoder.buffer(), offset + AmendOrderDecoder.accountEncodingOffset(), AmendOrderDecoder.accountLength());
        identity.venue().setFromFixed(
            decoder.buffer(), offset + AmendOrderDecoder.venueEncodingOffset(), AmendOrderDecoder.venueLength());
        identity.symbol().setFromFixed(
            decoder.buffer(), offset + AmendOrderDecoder.symbolEncodingOffset(), AmendOrderDecoder.symbolLength());
        quantity = decoder.quantity();
        price = decoder.price();
        stopPrice = decoder.stopPrice();
        takeProfit = decoder.takeProfit();
        stopLoss = decoder.stopLoss();
    }
}
