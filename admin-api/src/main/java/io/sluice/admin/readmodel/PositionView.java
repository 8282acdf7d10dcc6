package io.sluice.admin.readmodel;

/**
 * The engine's position in one symbol of one account (fixed-point values).
 *
 * @param account      account.
 * @param venue        venue of the last update.
 * @param symbol       symbol.
 * @param quantity     signed: positive long, negative short.
 * @param avgPrice     average entry price.
 * @param realizedPnl  realized profit and loss.
 * @param updatedAtNs  engine event time.
 * @param journalIndex index of the PositionUpdate record.
 */
public record PositionView(
    String account,
    String venue,
    String symbol,
    long quantity,
    long avgPrice,
    long realizedPnl,
    long updatedAtNs,
    long journalIndex)
{
}
