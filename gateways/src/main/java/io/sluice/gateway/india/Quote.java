package io.sluice.gateway.india;

/**
 * An underlying's prices from a broker's quote API, fixed point ({@link io.sluice.protocol.Fixed#NULL} when absent).
 *
 * @param last          last traded price.
 * @param previousClose previous session's close.
 */
public record Quote(long last, long previousClose)
{
}
