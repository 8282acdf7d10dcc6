package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;

/**
 * The explicit completion rules for opening legs that lack something, each recorded in the signal with its
 * confidence. Runs after parsing, on the engine's parse stage, without allocating:
 * <ol>
 *   <li>distances in pips or percent (PineConnector) become prices from the entry, or the last price for a
 *       market order ({@link CompletionRule#UNIT_CONVERSION});</li>
 *   <li>no stop-loss: entry ∓ the instrument's ATR × the source's {@code slAtrMultiple}
 *       ({@link CompletionRule#ATR_STOP_LOSS});</li>
 *   <li>no target: entry ± ATR × {@code tpAtrMultiple} ({@link CompletionRule#ATR_TAKE_PROFIT});</li>
 *   <li>no quantity: the money at risk (PineConnector risk in money or percent of balance, else the source's
 *       {@code riskPerTrade}) divided by the stop-loss distance times the contract size
 *       ({@link CompletionRule#RISK_PER_TRADE}), else the source's default size
 *       ({@link CompletionRule#DEFAULT_SIZE}); with neither the signal is refused.</li>
 * </ol>
 * Rounding to the instrument's lot and tick sizes is left to the engine's instrument rules.
 */
public final class SignalCompleter
{
    private static final long HUNDRED = Fixed.of(100);

    /**
     * Complete every opening leg of a parsed signal.
     *
     * @param signal a parsed signal; refusals and non-trading kinds are left alone.
     * @param ctx    the source's settings.
     * @param facts  instrument and account facts.
     * @return false when a leg cannot be completed (the signal then carries the refusal).
     */
    public boolean complete(final ParsedSignal signal, final ParseContext ctx, final MarketFacts facts)
    {
        if (!signal.isParsed())
        {
            return false;
        }
        for (int i = 0; i < signal.legCount(); i++)
        {
            final ParsedLeg leg = signal.leg(i);
            if (leg.action == LegAction.OPEN && !completeLeg(i, leg, signal, ctx, facts))
            {
                return false;
            }
        }
        return true;
    }

    private boolean completeLeg(final int index, final ParsedLeg leg, final ParsedSignal signal, final ParseContext ctx, final MarketFacts facts)
    {
        final long last = facts.lastPrice(leg.symbol());
        final boolean buy = leg.side == Side.BUY;

        if (leg.price != Fixed.NULL && leg.priceUnit != ValueUnit.PRICE)
        {
            final long distance = distance(leg.price, leg.priceUnit, last, leg, facts);
            if (distance == Fixed.NULL || last == Fixed.NULL)
            {
                return signal.fail(RejectReason.NO_REFERENCE_PRICE, "price", "a pending entry in pips or percent needs the instrument's price and pip size");
            }
            // Limits wait on the favourable side of the market, stops on the other.
            final boolean below = (leg.ordType == OrdType.LIMIT) == buy;
            final long entry = below ? last - distance : last + distance;
            if (leg.ordType == OrdType.STOP)
            {
                leg.stopPrice = entry;
                leg.price = Fixed.NULL;
            }
            else
            {
                leg.price = entry;
            }
            leg.priceUnit = ValueUnit.PRICE;
            signal.complete(index, CompletedField.ENTRY, CompletionRule.UNIT_CONVERSION, CompletionRule.UNIT_CONVERSION.defaultConfidence());
        }

        final long entry = entry(leg, last);
        if (leg.stopLoss != Fixed.NULL && leg.stopLossUnit != ValueUnit.PRICE)
        {
            final long distance = distance(leg.stopLoss, leg.stopLossUnit, entry, leg, facts);
            if (distance == Fixed.NULL || entry == Fixed.NULL)
            {
                return signal.fail(RejectReason.NO_REFERENCE_PRICE, "sl", "a stop-loss in pips or percent needs the entry or last price and the pip size");
            }
            leg.stopLoss = buy ? entry - distance : entry + distance;
            leg.stopLossUnit = ValueUnit.PRICE;
            signal.complete(index, CompletedField.STOP_LOSS, CompletionRule.UNIT_CONVERSION, CompletionRule.UNIT_CONVERSION.defaultConfidence());
        }
        if (leg.targetCount > 0 && leg.takeProfitUnit != ValueUnit.PRICE)
        {
            for (int t = 0; t < leg.targetCount; t++)
            {
                final long distance = distance(leg.target(t), leg.takeProfitUnit, entry, leg, facts);
                if (distance == Fixed.NULL || entry == Fixed.NULL)
                {
                    return signal.fail(RejectReason.NO_REFERENCE_PRICE, "tp", "a take-profit in pips or percent needs the entry or last price and the pip size");
                }
                leg.setTarget(t, buy ? entry + distance : entry - distance);
            }
            leg.takeProfitUnit = ValueUnit.PRICE;
            signal.complete(index, CompletedField.TAKE_PROFIT, CompletionRule.UNIT_CONVERSION, CompletionRule.UNIT_CONVERSION.defaultConfidence());
        }

        final long atr = facts.atr(leg.symbol());
        if (leg.stopLoss == Fixed.NULL && ctx.stopLossAtrMultiple() != Fixed.NULL && atr != Fixed.NULL && atr > 0 && entry != Fixed.NULL)
        {
            final long distance = Fixed.multiply(atr, ctx.stopLossAtrMultiple());
            leg.stopLoss = buy ? entry - distance : entry + distance;
            signal.complete(index, CompletedField.STOP_LOSS, CompletionRule.ATR_STOP_LOSS, CompletionRule.ATR_STOP_LOSS.defaultConfidence());
        }
        if (leg.targetCount == 0 && leg.openTargets == 0 && ctx.takeProfitAtrMultiple() != Fixed.NULL && atr != Fixed.NULL && atr > 0 &&
            entry != Fixed.NULL)
        {
            final long distance = Fixed.multiply(atr, ctx.takeProfitAtrMultiple());
            leg.addTarget(buy ? entry + distance : entry - distance, Fixed.NULL);
            signal.complete(index, CompletedField.TAKE_PROFIT, CompletionRule.ATR_TAKE_PROFIT, CompletionRule.ATR_TAKE_PROFIT.defaultConfidence());
        }
        if (leg.stopLoss != Fixed.NULL && leg.stopLoss <= 0)
        {
            return signal.fail(RejectReason.INVALID_FIELD, "sl", "the completed stop-loss is not a positive price");
        }

        if (leg.quantity == Fixed.NULL || (leg.riskUnit != null && leg.riskUnit != RiskUnit.LOTS))
        {
            return completeQuantity(index, leg, signal, ctx, facts, entry);
        }
        return true;
    }

    private boolean completeQuantity(
        final int index, final ParsedLeg leg, final ParsedSignal signal, final ParseContext ctx, final MarketFacts facts, final long entry)
    {
        long money = Fixed.NULL;
        if (leg.riskUnit == RiskUnit.MONEY)
        {
            money = leg.risk;
        }
        else if (leg.riskUnit == RiskUnit.PERCENT_BALANCE)
        {
            final long balance = facts.balance();
            if (balance == Fixed.NULL || balance <= 0)
            {
                return signal.fail(RejectReason.NO_REFERENCE_PRICE, "risk", "risk in percent of balance needs the account's balance");
            }
            money = Fixed.mulDiv(balance, leg.risk, HUNDRED);
        }
        else if (ctx.riskPerTrade() != Fixed.NULL)
        {
            money = ctx.riskPerTrade();
        }
        if (money != Fixed.NULL && leg.stopLoss != Fixed.NULL && entry != Fixed.NULL && entry != leg.stopLoss)
        {
            final long distance = Math.abs(entry - leg.stopLoss);
            long quantity = Fixed.mulDiv(money, Fixed.SCALE, distance);
            final long contractSize = facts.contractSize(leg.symbol());
            if (contractSize != Fixed.NULL && contractSize > 0)
            {
                quantity = Fixed.mulDiv(quantity, Fixed.SCALE, contractSize);
            }
            if (quantity <= 0)
            {
                return signal.fail(RejectReason.INVALID_FIELD, "qty", "the risk per trade buys less than the smallest quantity");
            }
            leg.quantity = quantity;
            signal.complete(index, CompletedField.QUANTITY, CompletionRule.RISK_PER_TRADE, CompletionRule.RISK_PER_TRADE.defaultConfidence());
            return true;
        }
        if (leg.riskUnit == RiskUnit.MONEY || leg.riskUnit == RiskUnit.PERCENT_BALANCE)
        {
            return signal.fail(RejectReason.NO_REFERENCE_PRICE, "risk", "sizing by risk needs the entry or last price and a stop-loss");
        }
        if (ctx.defaultQuantity() != Fixed.NULL)
        {
            leg.quantity = ctx.defaultQuantity();
            signal.complete(index, CompletedField.QUANTITY, CompletionRule.DEFAULT_SIZE, CompletionRule.DEFAULT_SIZE.defaultConfidence());
            return true;
        }
        return signal.fail(RejectReason.INVALID_FIELD, "qty",
            "no quantity, and no rule to complete it (the source has no defaultQty, or riskPerTrade without a stop-loss)");
    }

    private static long entry(final ParsedLeg leg, final long last)
    {
        if (leg.price != Fixed.NULL && leg.priceUnit == ValueUnit.PRICE)
        {
            return leg.price;
        }
        if (leg.stopPrice != Fixed.NULL)
        {
            return leg.stopPrice;
        }
        if (leg.entryLow != Fixed.NULL && leg.entryHigh != Fixed.NULL)
        {
            return leg.entryLow + (leg.entryHigh - leg.entryLow) / 2;
        }
        return last;
    }

    private static long distance(final long value, final ValueUnit unit, final long reference, final ParsedLeg leg, final MarketFacts facts)
    {
        if (unit == ValueUnit.PIPS)
        {
            final long pip = facts.pipSize(leg.symbol());
            return pip == Fixed.NULL || pip <= 0 ? Fixed.NULL : Fixed.multiply(value, pip);
        }
        if (reference == Fixed.NULL)
        {
            return Fixed.NULL;
        }
        return Fixed.mulDiv(reference, value, HUNDRED);
    }
}
