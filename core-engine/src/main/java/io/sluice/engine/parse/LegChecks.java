package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;

/**
 * Consistency checks of an opening leg that catch typos before they trade: a stop-loss or target on the
 * wrong side of the entry, an inverted entry zone.
 */
final class LegChecks
{
    private LegChecks()
    {
    }

    /**
     * Refuse a buy whose stop-loss is at or above the entry (or a target at or below), and the mirror for a
     * sell. Checked only for absolute prices against a known entry (price, stop price or zone).
     *
     * @return false with a refusal naming sl or tp.
     */
    static boolean stopsOnTheRightSide(final ParsedLeg leg, final ParsedSignal out)
    {
        if (leg.side == null)
        {
            return true;
        }
        final long low;
        final long high;
        if (leg.entryLow != Fixed.NULL && leg.entryHigh != Fixed.NULL)
        {
            low = leg.entryLow;
            high = leg.entryHigh;
        }
        else if (leg.priceUnit == ValueUnit.PRICE && leg.price != Fixed.NULL)
        {
            low = leg.price;
            high = leg.price;
        }
        else if (leg.stopPrice != Fixed.NULL)
        {
            low = leg.stopPrice;
            high = leg.stopPrice;
        }
        else
        {
            return true;
        }
        final boolean buy = leg.side == Side.BUY;
        if (leg.stopLoss != Fixed.NULL && leg.stopLossUnit == ValueUnit.PRICE)
        {
            if (buy && leg.stopLoss >= low)
            {
                return out.fail(RejectReason.INVALID_FIELD, "sl", "stop-loss must be below the entry of a buy");
            }
            if (!buy && leg.stopLoss <= high)
            {
                return out.fail(RejectReason.INVALID_FIELD, "sl", "stop-loss must be above the entry of a sell");
            }
        }
        if (leg.takeProfitUnit == ValueUnit.PRICE)
        {
            for (int i = 0; i < leg.targetCount; i++)
            {
                final long target = leg.target(i);
                if (buy && target <= high)
                {
                    return out.fail(RejectReason.INVALID_FIELD, "tp", "take-profit must be above the entry of a buy");
                }
                if (!buy && target >= low)
                {
                    return out.fail(RejectReason.INVALID_FIELD, "tp", "take-profit must be below the entry of a sell");
                }
            }
        }
        return true;
    }
}
