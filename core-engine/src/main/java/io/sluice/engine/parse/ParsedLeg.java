package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

/**
 * One order or one management action of a parsed signal: mutable, pre-allocated, reset for every message.
 * <p>
 * Prices and quantities are fixed point ({@link Fixed}); absent values are {@link Fixed#NULL}. Enumerations
 * are null when the message did not say. Symbols are canonical (after the source's aliases).
 */
public final class ParsedLeg
{
    /** Most take-profit targets kept per leg. */
    public static final int MAX_TARGETS = 8;
    /** Longest symbol (the SBE Symbol field). */
    public static final int SYMBOL_CAPACITY = 32;
    /** Longest venue (the SBE Venue field). */
    public static final int VENUE_CAPACITY = 16;

    private final AsciiSlot symbol = new AsciiSlot(SYMBOL_CAPACITY);
    private final AsciiSlot venue = new AsciiSlot(VENUE_CAPACITY);
    private final AsciiSlot exchange = new AsciiSlot(16);
    private final AsciiSlot expiry = new AsciiSlot(16);
    private final AsciiSlot strikeOffset = new AsciiSlot(16);
    private final AsciiSlot optionType = new AsciiSlot(4);
    private final long[] targets = new long[MAX_TARGETS];
    private final long[] targetAllocations = new long[MAX_TARGETS];

    LegAction action;
    Side side;
    OrdType ordType;
    TimeInForce timeInForce;
    Product product;
    long quantity;
    long price;
    ValueUnit priceUnit;
    long stopPrice;
    long entryLow;
    long entryHigh;
    long stopLoss;
    ValueUnit stopLossUnit;
    ValueUnit takeProfitUnit;
    int targetCount;
    int openTargets;
    long leverage;
    long risk;
    RiskUnit riskUnit;
    long positionSize;
    long closePercent;
    boolean reduceOnly;

    ParsedLeg()
    {
        reset();
    }

    void reset()
    {
        symbol.clear();
        venue.clear();
        exchange.clear();
        expiry.clear();
        strikeOffset.clear();
        optionType.clear();
        action = LegAction.OPEN;
        side = null;
        ordType = null;
        timeInForce = null;
        product = null;
        quantity = Fixed.NULL;
        price = Fixed.NULL;
        priceUnit = ValueUnit.PRICE;
        stopPrice = Fixed.NULL;
        entryLow = Fixed.NULL;
        entryHigh = Fixed.NULL;
        stopLoss = Fixed.NULL;
        stopLossUnit = ValueUnit.PRICE;
        takeProfitUnit = ValueUnit.PRICE;
        targetCount = 0;
        openTargets = 0;
        leverage = Fixed.NULL;
        risk = Fixed.NULL;
        riskUnit = null;
        positionSize = Fixed.NULL;
        closePercent = Fixed.NULL;
        reduceOnly = false;
    }

    void copyFrom(final ParsedLeg other)
    {
        symbol.set(other.symbol);
        venue.set(other.venue);
        exchange.set(other.exchange);
        expiry.set(other.expiry);
        strikeOffset.set(other.strikeOffset);
        optionType.set(other.optionType);
        System.arraycopy(other.targets, 0, targets, 0, MAX_TARGETS);
        System.arraycopy(other.targetAllocations, 0, targetAllocations, 0, MAX_TARGETS);
        action = other.action;
        side = other.side;
        ordType = other.ordType;
        timeInForce = other.timeInForce;
        product = other.product;
        quantity = other.quantity;
        price = other.price;
        priceUnit = other.priceUnit;
        stopPrice = other.stopPrice;
        entryLow = other.entryLow;
        entryHigh = other.entryHigh;
        stopLoss = other.stopLoss;
        stopLossUnit = other.stopLossUnit;
        takeProfitUnit = other.takeProfitUnit;
        targetCount = other.targetCount;
        openTargets = other.openTargets;
        leverage = other.leverage;
        risk = other.risk;
        riskUnit = other.riskUnit;
        positionSize = other.positionSize;
        closePercent = other.closePercent;
        reduceOnly = other.reduceOnly;
    }

    boolean addTarget(final long target, final long allocationPercent)
    {
        if (targetCount >= MAX_TARGETS)
        {
            return false;
        }
        targets[targetCount] = target;
        targetAllocations[targetCount] = allocationPercent;
        targetCount++;
        return true;
    }

    void setTargetAllocation(final int index, final long allocationPercent)
    {
        targetAllocations[index] = allocationPercent;
    }

    void setTarget(final int index, final long target)
    {
        targets[index] = target;
    }

    /** @return what the leg does. */
    public LegAction action()
    {
        return action;
    }

    /** @return canonical symbol; empty for actions on a whole strategy or on the previous signal. */
    public AsciiSlot symbol()
    {
        return symbol;
    }

    /** @return venue hint (e.g. "binance"), empty when the message named none. */
    public AsciiSlot venue()
    {
        return venue;
    }

    /** @return exchange segment (e.g. "NSE", "NFO") for Indian brokers, empty when absent. */
    public AsciiSlot exchange()
    {
        return exchange;
    }

    /** @return option expiry as given (e.g. "25AUG26"), empty unless an option leg names the strike by offset. */
    public AsciiSlot expiry()
    {
        return expiry;
    }

    /** @return strike by offset from the money (e.g. "ATM", "OTM6"), empty when absent. */
    public AsciiSlot strikeOffset()
    {
        return strikeOffset;
    }

    /** @return option type ("CE" or "PE"), empty when absent. */
    public AsciiSlot optionType()
    {
        return optionType;
    }

    /** @return order side, or null when the action has none (e.g. close all). */
    public Side side()
    {
        return side;
    }

    /** @return order type, or null when not an order. */
    public OrdType ordType()
    {
        return ordType;
    }

    /** @return time in force, or null for the venue default. */
    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    /** @return Indian broker product, or null. */
    public Product product()
    {
        return product;
    }

    /** @return quantity, or Fixed.NULL when the message gave none and no rule completed it. */
    public long quantity()
    {
        return quantity;
    }

    /** @return limit price (or pending entry), or Fixed.NULL. */
    public long price()
    {
        return price;
    }

    /** @return unit of {@link #price()} (PineConnector pending orders may give pips or percent). */
    public ValueUnit priceUnit()
    {
        return priceUnit;
    }

    /** @return stop trigger price, or Fixed.NULL. */
    public long stopPrice()
    {
        return stopPrice;
    }

    /** @return low end of the entry zone, or Fixed.NULL. */
    public long entryLow()
    {
        return entryLow;
    }

    /** @return high end of the entry zone, or Fixed.NULL. */
    public long entryHigh()
    {
        return entryHigh;
    }

    /** @return stop-loss, or Fixed.NULL; see {@link #stopLossUnit()}. */
    public long stopLoss()
    {
        return stopLoss;
    }

    /** @return unit of {@link #stopLoss()}. */
    public ValueUnit stopLossUnit()
    {
        return stopLossUnit;
    }

    /** @return unit of the targets. */
    public ValueUnit takeProfitUnit()
    {
        return takeProfitUnit;
    }

    /** @return number of take-profit targets with a price. */
    public int targetCount()
    {
        return targetCount;
    }

    /** @return number of targets given as "open" (no price: let the position run). */
    public int openTargets()
    {
        return openTargets;
    }

    /**
     * One take-profit target.
     *
     * @param index 0..targetCount-1.
     * @return the price (or distance, see {@link #takeProfitUnit()}).
     */
    public long target(final int index)
    {
        return targets[index];
    }

    /**
     * Share of the position to close at one target, in percent.
     *
     * @param index 0..targetCount-1.
     * @return fixed-point percent, or Fixed.NULL when the message gave no allocation.
     */
    public long targetAllocation(final int index)
    {
        return targetAllocations[index];
    }

    /** @return the first target, or Fixed.NULL. */
    public long takeProfit()
    {
        return targetCount > 0 ? targets[0] : Fixed.NULL;
    }

    /** @return leverage (e.g. 15 for "15x"), or Fixed.NULL. */
    public long leverage()
    {
        return leverage;
    }

    /** @return PineConnector risk value, or Fixed.NULL; see {@link #riskUnit()}. */
    public long risk()
    {
        return risk;
    }

    /** @return unit of {@link #risk()}, or null. */
    public RiskUnit riskUnit()
    {
        return riskUnit;
    }

    /** @return target position (signed) for {@link LegAction#TARGET_POSITION}, or the strategy's position after the order, or Fixed.NULL. */
    public long positionSize()
    {
        return positionSize;
    }

    /** @return percent of the position to close for {@link LegAction#CLOSE_PART}, or Fixed.NULL. */
    public long closePercent()
    {
        return closePercent;
    }

    /** @return true when the order may only reduce a position (exits). */
    public boolean reduceOnly()
    {
        return reduceOnly;
    }
}
