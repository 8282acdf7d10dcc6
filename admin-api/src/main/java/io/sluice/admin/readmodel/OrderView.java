package io.sluice.admin.readmodel;

import io.sluice.sbe.OrdStatus;

/**
 * Immutable view of one order from its NewOrder and the engine's OrderUpdates. Prices and quantities are
 * fixed point (Fixed); absent optional prices are Fixed.NULL; empty texts are null.
 *
 * @param clientOrderId id the engine gave the order.
 * @param venueOrderId  id the venue gave it, or null.
 * @param signalId      signal it came from, or null when only updates were seen.
 * @param account       account.
 * @param venue         venue.
 * @param symbol        symbol.
 * @param side          Side name.
 * @param type          OrdType name.
 * @param timeInForce   TimeInForce name, or null.
 * @param status        current status.
 * @param quantity      ordered quantity.
 * @param price         limit price or Fixed.NULL.
 * @param stopPrice     stop price or Fixed.NULL.
 * @param takeProfit    take-profit or Fixed.NULL.
 * @param stopLoss      stop-loss or Fixed.NULL.
 * @param cumQty        filled so far.
 * @param leavesQty     still open.
 * @param avgPrice      average fill price.
 * @param text          latest text from the venue or engine, or null.
 * @param updatedAtNs   engine event time of the last change.
 * @param journalIndex  index of the record that last changed it.
 * @param reject        a reject that named this order, or null.
 */
public record OrderView(
    String clientOrderId,
    String venueOrderId,
    String signalId,
    String account,
    String venue,
    String symbol,
    String side,
    String type,
    String timeInForce,
    OrdStatus status,
    long quantity,
    long price,
    long stopPrice,
    long takeProfit,
    long stopLoss,
    long cumQty,
    long leavesQty,
    long avgPrice,
    String text,
    long updatedAtNs,
    long journalIndex,
    RejectView reject)
{
    OrderView withReject(final RejectView newReject)
    {
        return new OrderView(clientOrderId, venueOrderId, signalId, account, venue, symbol, side, type, timeInForce, status,
            quantity, price, stopPrice, takeProfit, stopLoss, cumQty, leavesQty, avgPrice, text, updatedAtNs, journalIndex,
            newReject);
    }
}
