package io.sluice.gateway.india;

/**
 * An InstrumentDefinition as a test sees it.
 *
 * @param venue       venue.
 * @param symbol      canonical symbol.
 * @param venueSymbol broker symbol.
 * @param venueToken  broker token.
 * @param tickSize    tick, fixed point.
 * @param lotSize     lot, fixed point.
 * @param freezeQty   freeze quantity, fixed point.
 */
public record InstrumentDefinitionEvent(
    String venue, String symbol, String venueSymbol, String venueToken, long tickSize, long lotSize, long freezeQty)
{
}
