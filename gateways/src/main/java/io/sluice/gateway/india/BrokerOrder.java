package io.sluice.gateway.india;

import io.sluice.sbe.Side;

/**
 * One order as a broker's order book, lookup or postback shows it; quantities and prices fixed point.
 *
 * @param orderId     the broker's order id.
 * @param tag         our tag / correlation id, empty when none.
 * @param status      reduced status.
 * @param rawStatus   the broker's own status text.
 * @param quantity    order quantity.
 * @param filledQty   executed quantity.
 * @param avgPrice    average execution price, 0 when nothing executed.
 * @param venueSymbol the broker's trading symbol.
 * @param venueToken  the broker's token, empty when the answer has none.
 * @param side        buy or sell.
 * @param message     the broker's status or rejection message, empty when none.
 * @param variety     the broker's variety (Kite, Angel), empty when none.
 */
public record BrokerOrder(
    String orderId,
    String tag,
    BrokerStatus status,
    String rawStatus,
    long quantity,
    long filledQty,
    long avgPrice,
    String venueSymbol,
    String venueToken,
    Side side,
    String message,
    String variety)
{
}
