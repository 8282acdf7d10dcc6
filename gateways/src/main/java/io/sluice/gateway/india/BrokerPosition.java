package io.sluice.gateway.india;

/**
 * A net position as the broker shows it.
 *
 * @param venueSymbol broker symbol.
 * @param venueToken  broker token, empty when the answer has none.
 * @param product     broker product (MIS, NRML, INTRADAY, D, ...).
 * @param netQty      signed net quantity, fixed point.
 * @param avgPrice    average price of the net quantity, fixed point, or NULL.
 */
public record BrokerPosition(String venueSymbol, String venueToken, String product, long netQty, long avgPrice)
{
}
