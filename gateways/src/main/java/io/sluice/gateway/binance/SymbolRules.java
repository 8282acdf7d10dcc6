package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.InstrumentRules;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;

/**
 * One symbol's {@code exchangeInfo} filters (PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL, NOTIONAL) in
 * fixed point: checks an order the way Binance would, with Binance's own failure text, and formats its price and
 * quantity with exactly the decimals the tick and step allow. A zero value disables a rule, as at Binance.
 */
public final class SymbolRules
{
    private final String symbol;
    private final String status;
    private long minPrice;
    private long maxPrice;
    private long tickSize;
    private long minQty;
    private long maxQty;
    private long stepSize;
    private long marketMinQty;
    private long marketMaxQty;
    private long marketStepSize;
    private long minNotional;
    private boolean minNotionalToMarket;
    private long maxNotional;
    private boolean maxNotionalToMarket;
    private int priceScale = Fixed.DECIMALS;
    private int qtyScale = Fixed.DECIMALS;

    /**
     * Rules with no filters yet.
     *
     * @param symbol venue symbol.
     * @param status trading status, e.g. TRADING.
     */
    public SymbolRules(final String symbol, final String status)
    {
        this.symbol = symbol;
        this.status = status;
    }

    /**
     * Rules from one entry of exchangeInfo's {@code symbols} array (spot or futures form).
     *
     * @param node the symbol object.
     * @return the rules.
     */
    public static SymbolRules fromJson(final JsonNode node)
    {
        final SymbolRules rules = new SymbolRules(node.path("symbol").asText(), node.path("status").asText("TRADING"));
        for (final JsonNode filter : node.path("filters"))
        {
            switch (filter.path("filterType").asText())
            {
                case "PRICE_FILTER":
                    rules.priceFilter(
                        decimal(filter, "minPrice"), decimal(filter, "maxPrice"), decimal(filter, "tickSize"));
                    break;
                case "LOT_SIZE":
                    rules.lotSize(decimal(filter, "minQty"), decimal(filter, "maxQty"), decimal(filter, "stepSize"));
                    break;
                case "MARKET_LOT_SIZE":
                    rules.marketLotSize(decimal(filter, "minQty"), decimal(filter, "maxQty"), decimal(filter, "stepSize"));
                    break;
                case "MIN_NOTIONAL":
                    // Spot names it minNotional with applyToMarket; USD-M futures name it notional.
                    rules.notional(
                        filter.has("notional") ? decimal(filter, "notional") : decimal(filter, "minNotional"),
                        !filter.has("applyToMarket") || filter.path("applyToMarket").asBoolean(),
                        rules.maxNotional, rules.maxNotionalToMarket);
                    break;
                case "NOTIONAL":
                    rules.notional(
                        decimal(filter, "minNotional"), filter.path("applyMinToMarket").asBoolean(true),
                        decimal(filter, "maxNotional"), filter.path("applyMaxToMarket").asBoolean(false));
                    break;
                default:
                    break;
            }
        }
        return rules;
    }

    private static long decimal(final JsonNode filter, final String field)
    {
        final JsonNode value = filter.get(field);
        return value == null || value.isNull() ? 0 : Decimals.parse(value.asText());
    }

    /** Set PRICE_FILTER. */
    public SymbolRules priceFilter(final long minPrice, final long maxPrice, final long tickSize)
    {
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.tickSize = tickSize;
        this.priceScale = Decimals.scaleOf(tickSize);
        return this;
    }

    /** Set LOT_SIZE. */
    public SymbolRules lotSize(final long minQty, final long maxQty, final long stepSize)
    {
        this.minQty = minQty;
        this.maxQty = maxQty;
        this.stepSize = stepSize;
        this.qtyScale = Decimals.scaleOf(stepSize);
        return this;
    }

    /** Set MARKET_LOT_SIZE. */
    public SymbolRules marketLotSize(final long minQty, final long maxQty, final long stepSize)
    {
        this.marketMinQty = minQty;
        this.marketMaxQty = maxQty;
        this.marketStepSize = stepSize;
        return this;
    }

    /** Set NOTIONAL / MIN_NOTIONAL bounds. */
    public SymbolRules notional(
        final long minNotional, final boolean minToMarket, final long maxNotional, final boolean maxToMarket)
    {
        this.minNotional = minNotional;
        this.minNotionalToMarket = minToMarket;
        this.maxNotional = maxNotional;
        this.maxNotionalToMarket = maxToMarket;
        return this;
    }

    /**
     * Check an order as Binance's filters would.
     *
     * @param ordType   order type.
     * @param price     limit price or {@link Fixed#NULL}.
     * @param stopPrice stop price or {@link Fixed#NULL}.
     * @param quantity  quantity.
     * @param reference price to value a MARKET order's notional with, or {@link Fixed#NULL} to skip that check.
     * @return null when the order passes, else Binance's text, e.g. "Filter failure: LOT_SIZE".
     */
    public String check(final OrdType ordType, final long price, final long stopPrice, final long quantity, final long reference)
    {
        if (!"TRADING".equals(status))
        {
            return "Symbol " + symbol + " is not trading (" + status + ")";
        }
        if (price != Fixed.NULL && !priceOk(price))
        {
            return "Filter failure: PRICE_FILTER";
        }
        if (stopPrice != Fixed.NULL && !priceOk(stopPrice))
        {
            return "Filter failure: PRICE_FILTER";
        }
        final boolean market = ordType == OrdType.MARKET;
        if (!quantityOk(quantity, minQty, maxQty, stepSize))
        {
            return "Filter failure: LOT_SIZE";
        }
        if (market && !quantityOk(quantity, marketMinQty, marketMaxQty, marketStepSize))
        {
            return "Filter failure: MARKET_LOT_SIZE";
        }
        final long valuation = market || price == Fixed.NULL ? reference : price;
        if (valuation != Fixed.NULL && valuation > 0)
        {
            final long notional = Fixed.multiply(valuation, quantity);
            if (minNotional > 0 && (!market || minNotionalToMarket) && notional < minNotional)
            {
                return "Filter failure: NOTIONAL";
            }
            if (maxNotional > 0 && (!market || maxNotionalToMarket) && notional > maxNotional)
            {
                return "Filter failure: NOTIONAL";
            }
        }
        return null;
    }

    private boolean priceOk(final long price)
    {
        if (price <= 0)
        {
            return false;
        }
        if (minPrice > 0 && price < minPrice)
        {
            return false;
        }
        if (maxPrice > 0 && price > maxPrice)
        {
            return false;
        }
        return tickSize <= 0 || (price - minPrice) % tickSize == 0;
    }

    private static boolean quantityOk(final long quantity, final long min, final long max, final long step)
    {
        if (quantity <= 0)
        {
            return false;
        }
        if (min > 0 && quantity < min)
        {
            return false;
        }
        if (max > 0 && quantity > max)
        {
            return false;
        }
        return step <= 0 || (quantity - min) % step == 0;
    }

    /**
     * A price as Binance text with the tick's decimals.
     *
     * @param price fixed point.
     * @return text, e.g. "52000.00".
     */
    public String formatPrice(final long price)
    {
        return Decimals.format(price, Decimals.fitsScale(price, priceScale) ? priceScale : Fixed.DECIMALS);
    }

    /**
     * A quantity as Binance text with the step's decimals.
     *
     * @param quantity fixed point.
     * @return text, e.g. "0.01000".
     */
    public String formatQuantity(final long quantity)
    {
        return Decimals.format(quantity, Decimals.fitsScale(quantity, qtyScale) ? qtyScale : Fixed.DECIMALS);
    }

    /**
     * Fill an InstrumentDefinition with these rules (venue symbol = canonical symbol).
     *
     * @param rules        the reusable rules holder.
     * @param contractSize contract size (1 for USD-M linear contracts) or {@link Fixed#NULL} for spot.
     * @return the holder.
     */
    public InstrumentRules toInstrumentRules(final InstrumentRules rules, final long contractSize)
    {
        rules.reset();
        rules.symbol().set(symbol);
        rules.venueSymbol().set(symbol);
        return rules
            .tickSize(orNull(tickSize))
            .lotSize(orNull(stepSize))
            .minQty(orNull(minQty))
            .maxQty(orNull(maxQty))
            .minNotional(orNull(minNotional))
            .contractSize(contractSize);
    }

    private static long orNull(final long value)
    {
        return value > 0 ? value : Fixed.NULL;
    }

    /** Venue symbol. */
    public String symbol()
    {
        return symbol;
    }

    /** Trading status. */
    public String status()
    {
        return status;
    }

    /** Price tick, 0 when unrestricted. */
    public long tickSize()
    {
        return tickSize;
    }

    /** Quantity step, 0 when unrestricted. */
    public long stepSize()
    {
        return stepSize;
    }

    /** Smallest quantity. */
    public long minQty()
    {
        return minQty;
    }

    /** Largest quantity. */
    public long maxQty()
    {
        return maxQty;
    }

    /** Smallest notional. */
    public long minNotional()
    {
        return minNotional;
    }

    public String toString()
    {
        return "SymbolRules{" + symbol + " tick=" + Fixed.toString(tickSize) + " step=" + Fixed.toString(stepSize) +
            " minQty=" + Fixed.toString(minQty) + " maxQty=" + Fixed.toString(maxQty) +
            " minNotional=" + Fixed.toString(minNotional) + "}";
    }
}
