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
 * @param underlying  underlying (schema v3).
 * @param kind        CE, PE, FUT or EQ (schema v3).
 * @param expiryDate  expiry as yyyymmdd (schema v3).
 * @param strike      strike, fixed point (schema v3).
 * @param segment     the broker's exchange or segment (schema v3).
 * @param syncDate    trading day of the master as yyyymmdd (schema v3).
 */
public record InstrumentDefinitionEvent(
    String venue, String symbol, String venueSymbol, String venueToken, long tickSize, long lotSize, long freezeQty,
    String underlying, String kind, long expiryDate, long strike, String segment, long syncDate)
{
}
