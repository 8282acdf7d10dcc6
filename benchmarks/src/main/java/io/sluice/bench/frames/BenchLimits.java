package io.sluice.bench.frames;

import java.util.Map;

/**
 * The risk configuration of every benchmark: every account limit switched on (so every gate of the chain
 * does its arithmetic, as on a desk that uses them all) with values far above what the benchmark trades, so
 * every gate passes. Rates are limited too (a billion orders a second: the token bucket still runs).
 */
public final class BenchLimits
{
    /** Settings keys and values. */
    public static final Map<String, String> SETTINGS = Map.ofEntries(
        Map.entry("sluice.account.main.maxOrderQty", "1000000"),
        Map.entry("sluice.account.main.maxNotional", "10000000000"),
        Map.entry("sluice.account.main.fatFingerMultiple", "1000"),
        Map.entry("sluice.instrument.BTCUSDT.usualQty", "1"),
        Map.entry("sluice.account.main.priceCollarPct", "50"),
        Map.entry("sluice.account.main.maxQuoteAgeMs", "60000"),
        Map.entry("sluice.account.main.maxPositionQty", "1000000"),
        Map.entry("sluice.account.main.maxPositionNotional", "10000000000"),
        Map.entry("sluice.account.main.maxGrossExposure", "10000000000"),
        Map.entry("sluice.account.main.maxNetExposure", "10000000000"),
        Map.entry("sluice.account.main.maxConcentrationPct", "100"),
        Map.entry("sluice.account.main.maxOpenPositions", "100"),
        Map.entry("sluice.account.main.maxDailyLoss", "10000000000"),
        Map.entry("sluice.account.main.maxDrawdown", "10000000000"),
        Map.entry("sluice.account.main.maxTradesPerDay", "1000000000"),
        Map.entry("sluice.account.main.ordersPerSecond", "1000000000"),
        Map.entry("sluice.account.main.orderBurst", "1000000"),
        Map.entry("sluice.account.main.equity", "10000000000"));

    /** A realistic epoch-nanosecond start for event time (2023-11-14), inside every calendar's range. */
    public static final long EPOCH_START_NS = 1_700_000_000_000_000_000L;

    private BenchLimits()
    {
    }
}
