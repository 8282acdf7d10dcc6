package io.sluice.gateway.test;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;

/**
 * An ExecutionReport as a test sees it; prices and quantities stay fixed point.
 *
 * @param clientOrderId  engine's order id.
 * @param venueOrderId   venue's order id.
 * @param account        account.
 * @param venue          venue.
 * @param symbol         symbol.
 * @param execType       what happened.
 * @param ordStatus      order status after it.
 * @param side           side.
 * @param lastQty        quantity of this fill.
 * @param lastPrice      price of this fill.
 * @param cumQty         total filled.
 * @param leavesQty      still open.
 * @param avgPrice       average fill price.
 * @param transactTimeNs gateway time.
 * @param text           reason text.
 */
public record ExecutionReportEvent(
    String clientOrderId,
    String venueOrderId,
    String account,
    String venue,
    String symbol,
    ExecType execType,
    OrdStatus ordStatus,
    Side side,
    long lastQty,
    long lastPrice,
    long cumQty,
    long leavesQty,
    long avgPrice,
    long transactTimeNs,
    String text)
{
    /**
     * Readable form with decimal prices, for failure messages.
     *
     * @return text.
     */
    public String toString()
    {
        return "ExecutionReport{" + clientOrderId + " " + venueOrderId + " " + account + " " + venue + " " + symbol + " " +
            execType + " " + ordStatus + " " + side + " lastQty=" + Fixed.toString(lastQty) +
            " lastPrice=" + Fixed.toString(lastPrice) + " cumQty=" + Fixed.toString(cumQty) +
            " leavesQty=" + Fixed.toString(leavesQty) + " avgPrice=" + Fixed.toString(avgPrice) +
            " t=" + transactTimeNs + " text='" + text + "'}";
    }
}
