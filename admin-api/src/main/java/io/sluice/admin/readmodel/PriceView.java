package io.sluice.admin.readmodel;

/**
 * The latest MarketData of an instrument at a venue (fixed point; Fixed.NULL when absent).
 *
 * @param venue        venue.
 * @param symbol       symbol.
 * @param bid          best bid.
 * @param ask          best ask.
 * @param last         last trade.
 * @param timestampNs  gateway time.
 * @param journalIndex index of the MarketData record.
 */
public record PriceView(String venue, String symbol, long bid, long ask, long last, long timestampNs, long journalIndex)
{
    /**
     * The price used to mark positions: last trade, else the mid, else whichever side is present.
     *
     * @return fixed point, or Fixed.NULL.
     */
    public long mark()
    {
        if (last != io.sluice.protocol.Fixed.NULL)
        {
            return last;
        }
        if (bid != io.sluice.protocol.Fixed.NULL && ask != io.sluice.protocol.Fixed.NULL)
        {
            return bid + (ask - bid) / 2;
        }
        return bid != io.sluice.protocol.Fixed.NULL ? bid : ask;
    }
}
