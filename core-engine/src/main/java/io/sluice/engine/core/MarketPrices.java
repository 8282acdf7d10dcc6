package io.sluice.engine.core;

import java.util.Arrays;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.Side;

/**
 * Latest bid, ask and last per instrument from MarketData frames: the reference for market orders'
 * notional checks and, later, marks for P&amp;L.
 */
final class MarketPrices
{
    private final long[] bids;
    private final long[] asks;
    private final long[] lasts;
    private final long[] updatedNs;

    MarketPrices(final int instruments)
    {
        bids = new long[instruments];
        asks = new long[instruments];
        lasts = new long[instruments];
        updatedNs = new long[instruments];
        Arrays.fill(bids, Fixed.NULL);
        Arrays.fill(asks, Fixed.NULL);
        Arrays.fill(lasts, Fixed.NULL);
    }

    void update(final int instrumentId, final long bid, final long ask, final long last, final long nowNs)
    {
        if (bid != Fixed.NULL && bid > 0)
        {
            bids[instrumentId] = bid;
        }
        if (ask != Fixed.NULL && ask > 0)
        {
            asks[instrumentId] = ask;
        }
        if (last != Fixed.NULL && last > 0)
        {
            lasts[instrumentId] = last;
        }
        updatedNs[instrumentId] = nowNs;
    }

    /** The price a market order on this side would likely trade at: ask to buy, bid to sell, else last. */
    long reference(final int instrumentId, final Side side)
    {
        final long quote = side == Side.BUY ? asks[instrumentId] : bids[instrumentId];
        return quote != Fixed.NULL ? quote : lasts[instrumentId];
    }

    boolean hasQuote(final int instrumentId)
    {
        return updatedNs[instrumentId] != 0;
    }

    long updatedNs(final int instrumentId)
    {
        return updatedNs[instrumentId];
    }

    /** Mark price: mid of bid and ask when both are known, else last, else NULL. */
    long mark(final int instrumentId)
    {
        if (bids[instrumentId] != Fixed.NULL && asks[instrumentId] != Fixed.NULL)
        {
            return bids[instrumentId] + (asks[instrumentId] - bids[instrumentId]) / 2;
        }
        return lasts[instrumentId] != Fixed.NULL ? lasts[instrumentId] : Fixed.NULL;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLongs(bids).putLongs(asks).putLongs(lasts).putLongs(updatedNs);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getLongs(bids);
        in.getLongs(asks);
        in.getLongs(lasts);
        in.getLongs(updatedNs);
    }

    long stateHash()
    {
        return ((Arrays.hashCode(bids) * 31L + Arrays.hashCode(asks)) * 31 + Arrays.hashCode(lasts)) * 31 + Arrays.hashCode(updatedNs);
    }
}
