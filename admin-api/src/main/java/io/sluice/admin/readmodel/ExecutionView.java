package io.sluice.admin.readmodel;

/**
 * One execution report as the gateway delivered it (fixed-point values).
 *
 * @param clientOrderId  order id.
 * @param venueOrderId   venue's id, or null.
 * @param account        account.
 * @param venue          venue.
 * @param symbol         symbol.
 * @param execType       ExecType name.
 * @param ordStatus      OrdStatus name.
 * @param side           Side name.
 * @param lastQty        quantity of this fill.
 * @param lastPrice      price of this fill.
 * @param cumQty         filled so far.
 * @param leavesQty      still open.
 * @param avgPrice       average fill price.
 * @param transactTimeNs venue time.
 * @param text           venue text, or null.
 * @param journalIndex   index of the ExecutionReport record.
 */
public record ExecutionView(
    String clientOrderId,
    String venueOrderId,
    String account,
    String venue,
    String symbol,
    String execType,
    String ordStatus,
    String side,
    long lastQty,
    long lastPrice,
    long cumQty,
    long leavesQty,
    long avgPrice,
    long transactTimeNs,
    String text,
    long journalIndex)
{
}
