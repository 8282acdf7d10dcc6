package io.sluice.gateway.test;

import io.sluice.protocol.Fixed;

/**
 * A MarketData message as a test sees it; prices stay fixed point.
 *
 * @param venue       venue.
 * @param symbol      symbol.
 * @param bid         best bid.
 * @param ask         best ask.
 * @param last        last price.
 * @param timestampNs gateway time.
 */
public record MarketDataEvent(String venue, String symbol, long bid, long ask, long last, long timestampNs)
{
    /**
     * Readable form with decimal prices, for failure messages.
     *
     * @return text.
     */
    public String toString()
    {
        return "MarketData{" + venue + " " + symbol + " bid=" + Fixed.toString(bid) + " ask=" + Fixed.toString(ask) +
            " last=" + Fixed.toString(last) + " t=" + timestampNs + "}";
    }
}
