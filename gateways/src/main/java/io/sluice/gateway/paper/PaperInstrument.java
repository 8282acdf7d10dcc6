package io.sluice.gateway.paper;

import io.sluice.gateway.AsciiField;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.MarketDataEncoder;

/**
 * One simulated instrument: a mid price and the bid and ask a fixed spread around it, all fixed point.
 */
final class PaperInstrument
{
    private static final long BPS_DIVISOR = 10_000L * Fixed.SCALE;

    final String name;
    final AsciiField symbol = new AsciiField(MarketDataEncoder.symbolLength());
    private final long spreadBps;
    private long mid;
    private long bid;
    private long ask;

    PaperInstrument(final String name, final long initialMid, final long spreadBps)
    {
        this.name = name;
        this.symbol.set(name);
        this.spreadBps = spreadBps;
        mid(initialMid);
    }

    /**
     * Set the mid; bid = mid * (1 - spread / 2), ask = mid * (1 + spread / 2), spread in basis points.
     *
     * @param newMid fixed point, positive.
     */
    void mid(final long newMid)
    {
        final long halfSpread = Fixed.mulDiv(newMid, spreadBps, 2 * BPS_DIVISOR);
        mid = newMid;
        bid = newMid - halfSpread;
        ask = newMid + halfSpread;
    }

    /**
     * Move the mid by a signed number of basis points (fixed point); a move to zero or below is refused.
     *
     * @param moveBps signed basis points, fixed point.
     * @return true when the mid changed.
     */
    boolean moveBps(final long moveBps)
    {
        final long newMid = mid + Fixed.mulDiv(mid, moveBps, BPS_DIVISOR);
        if (newMid == mid || newMid <= 0)
        {
            return false;
        }
        mid(newMid);
        return true;
    }

    long mid()
    {
        return mid;
    }

    long bid()
    {
        return bid;
    }

    long ask()
    {
        return ask;
    }
}
