package io.sluice.engine.core;

import io.sluice.protocol.Fixed;

/**
 * Net position of one account in one instrument: signed quantity, average entry price and realized
 * profit and loss, all fixed point.
 */
final class Position
{
    long quantity;
    long avgPrice;
    long realizedPnl;
    long updatedNs;

    /**
     * Apply a fill.
     *
     * @param signedQty positive for a buy, negative for a sell.
     * @param price     fill price.
     * @param nowNs     event time.
     */
    void onFill(final long signedQty, final long price, final long nowNs)
    {
        updatedNs = nowNs;
        if (quantity == 0 || (quantity > 0) == (signedQty > 0))
        {
            // avg' = avg + (price - avg) × qty / newQty: exact for the first fill, within 1e-8 after.
            final long newQuantity = quantity + signedQty;
            avgPrice += Fixed.mulDiv(price - avgPrice, Math.abs(signedQty), Math.abs(newQuantity));
            quantity = newQuantity;
            return;
        }

        final long closing = Math.min(Math.abs(quantity), Math.abs(signedQty));
        final long pnlPerUnit = quantity > 0 ? price - avgPrice : avgPrice - price;
        realizedPnl += Fixed.multiply(pnlPerUnit, closing);
        final long newQuantity = quantity + signedQty;
        if (newQuantity == 0)
        {
            avgPrice = 0;
        }
        else if ((newQuantity > 0) != (quantity > 0))
        {
            avgPrice = price;
        }
        quantity = newQuantity;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLong(quantity).putLong(avgPrice).putLong(realizedPnl).putLong(updatedNs);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        quantity = in.getLong();
        avgPrice = in.getLong();
        realizedPnl = in.getLong();
        updatedNs = in.getLong();
    }

    long stateHash()
    {
        return (((quantity * 31) + avgPrice) * 31 + realizedPnl) * 31 + updatedNs;
    }
}
