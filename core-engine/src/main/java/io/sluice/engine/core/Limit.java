package io.sluice.engine.core;

/**
 * Every configurable risk limit, by the name used in configuration ({@code sluice.account.NAME.<key>},
 * {@code sluice.account.NAME.instrument.SYMBOL.<key>}), in SET_LIMIT admin commands and in RiskUsage.
 * Values are fixed point; NULL disables a limit.
 */
enum Limit
{
    MAX_ORDER_QTY("maxOrderQty"),
    MAX_NOTIONAL("maxNotional"),
    FAT_FINGER_MULTIPLE("fatFingerMultiple"),
    PRICE_COLLAR_PCT("priceCollarPct"),
    PRICE_COLLAR_TICKS("priceCollarTicks"),
    MAX_QUOTE_AGE_MS("maxQuoteAgeMs"),
    MAX_POSITION_QTY("maxPositionQty"),
    MAX_POSITION_NOTIONAL("maxPositionNotional"),
    MAX_GROSS_EXPOSURE("maxGrossExposure"),
    MAX_NET_EXPOSURE("maxNetExposure"),
    MAX_CONCENTRATION_PCT("maxConcentrationPct"),
    MAX_OPEN_POSITIONS("maxOpenPositions"),
    MAX_DAILY_LOSS("maxDailyLoss"),
    MAX_DRAWDOWN("maxDrawdown"),
    MAX_TRADES_PER_DAY("maxTradesPerDay"),
    ORDERS_PER_SECOND("ordersPerSecond"),
    ORDER_BURST("orderBurst"),
    EQUITY("equity");

    static final Limit[] VALUES = values();

    final String key;

    Limit(final String key)
    {
        this.key = key;
    }

    /** The limit whose key equals the ASCII bytes, or null. Allocation-free (few values, linear scan). */
    static Limit of(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        for (final Limit limit : VALUES)
        {
            if (limit.key.length() == length)
            {
                boolean same = true;
                for (int i = 0; i < length && same; i++)
                {
                    same = buffer.getByte(offset + i) == limit.key.charAt(i);
                }
                if (same)
                {
                    return limit;
                }
            }
        }
        return null;
    }
}
