package io.sluice.gateway.binance;

import io.sluice.protocol.Settings;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The settings of one Binance gateway, read once from {@code sluice.<venue>.*} (venue {@code binance} or
 * {@code binance-futures}) and validated; the keys and defaults are listed in {@link BinanceVenue}'s javadoc.
 */
public final class BinanceConfig
{
    final String venueName;
    final BinanceMarket market;
    final String prefix;
    final String restUrl;
    final String wsApiUrl;
    final String streamUrl;
    final List<String> symbols;
    final String account;
    final boolean useWsApi;
    final boolean marketData;
    final boolean checkFilters;
    final long recvWindowMs;
    final long requestTimeoutNs;
    final long connectTimeoutMs;
    final long timeSyncIntervalNs;
    final long exchangeInfoRefreshNs;
    final long reconnectBackoffNs;
    final long reconnectBackoffMaxNs;
    final int maxConnectAttemptsPer5Min;
    final long connectionMaxAgeNs;
    final long pingIntervalMs;
    final int rateLimitHeadroomPct;
    final long maxHoldNs;
    final long statusPollNs;
    final long terminalGraceNs;
    final String hedgeMode;
    final Map<String, Integer> leverage = new HashMap<>();
    final Map<String, String> marginType = new HashMap<>();
    final long listenKeyKeepAliveNs;
    final long accountRefreshNs;

    /**
     * Read and validate a venue's settings.
     *
     * @param venueName venue name ("binance" or "binance-futures").
     * @param market    the market it trades.
     * @param settings  configuration.
     * @throws IllegalArgumentException when a setting is invalid.
     */
    public BinanceConfig(final String venueName, final BinanceMarket market, final Settings settings)
    {
        this.venueName = venueName;
        this.market = market;
        this.prefix = "sluice." + venueName + ".";
        restUrl = trimSlash(settings.get(prefix + "restUrl", market.defaultRestUrl()));
        wsApiUrl = settings.get(prefix + "wsApiUrl", market.defaultWsApiUrl());
        streamUrl = trimSlash(settings.get(prefix + "streamUrl", market.defaultStreamUrl()));
        symbols = settings.getList(prefix + "symbols", "BTCUSDT");
        for (final String symbol : symbols)
        {
            if (!symbol.matches("[A-Z0-9]{2,32}"))
            {
                throw new IllegalArgumentException(prefix + "symbols must be Binance symbols like BTCUSDT, had '" + symbol + "'");
            }
        }
        account = settings.get(prefix + "account", "main");
        useWsApi = market.usesWsApi() && settings.getBoolean(prefix + "useWsApi", true);
        marketData = settings.getBoolean(prefix + "marketData", true);
        checkFilters = settings.getBoolean(prefix + "checkFilters", true);
        recvWindowMs = settings.getLong(prefix + "recvWindowMs", 5000);
        if (recvWindowMs <= 0 || recvWindowMs > 60_000)
        {
            throw new IllegalArgumentException(prefix + "recvWindowMs must be 1..60000 (Binance's maximum), was " + recvWindowMs);
        }
        requestTimeoutNs = millis(settings, "requestTimeoutMs", 10_000);
        connectTimeoutMs = settings.getLong(prefix + "connectTimeoutMs", 5000);
        timeSyncIntervalNs = millis(settings, "timeSyncIntervalMs", TimeUnit.MINUTES.toMillis(10));
        exchangeInfoRefreshNs = millis(settings, "exchangeInfoRefreshMs", TimeUnit.DAYS.toMillis(1));
        reconnectBackoffNs = millis(settings, "reconnectBackoffMs", 500);
        reconnectBackoffMaxNs = millis(settings, "reconnectBackoffMaxMs", 30_000);
        if (reconnectBackoffMaxNs < reconnectBackoffNs)
        {
            throw new IllegalArgumentException(prefix + "reconnectBackoffMaxMs must be at least reconnectBackoffMs");
        }
        maxConnectAttemptsPer5Min = settings.getInt(prefix + "maxConnectAttemptsPer5Min", 60);
        connectionMaxAgeNs = millis(settings, "connectionMaxAgeMs", TimeUnit.HOURS.toMillis(23));
        pingIntervalMs = settings.getLong(prefix + "pingIntervalMs", 20_000);
        rateLimitHeadroomPct = settings.getInt(prefix + "rateLimitHeadroomPct", 10);
        maxHoldNs = millis(settings, "maxHoldMs", 5000);
        statusPollNs = millis(settings, "statusPollMs", 5000);
        terminalGraceNs = millis(settings, "terminalGraceMs", 1000);
        hedgeMode = settings.get(prefix + "hedgeMode", "").toLowerCase(Locale.ROOT);
        if (!hedgeMode.isEmpty() && !"true".equals(hedgeMode) && !"false".equals(hedgeMode))
        {
            throw new IllegalArgumentException(prefix + "hedgeMode must be true, false or empty (leave as is), was " + hedgeMode);
        }
        for (final String symbol : symbols)
        {
            final int lev = settings.getInt(prefix + "leverage." + symbol, 0);
            if (lev < 0 || lev > 125)
            {
                throw new IllegalArgumentException(prefix + "leverage." + symbol + " must be 1..125, was " + lev);
            }
            if (lev > 0)
            {
                leverage.put(symbol, lev);
            }
            final String type = settings.get(prefix + "marginType." + symbol, "").toUpperCase(Locale.ROOT);
            if (!type.isEmpty())
            {
                if (!"ISOLATED".equals(type) && !"CROSSED".equals(type))
                {
                    throw new IllegalArgumentException(prefix + "marginType." + symbol + " must be ISOLATED or CROSSED, was " + type);
                }
                marginType.put(symbol, type);
            }
        }
        listenKeyKeepAliveNs = millis(settings, "listenKeyKeepAliveMs", TimeUnit.MINUTES.toMillis(30));
        accountRefreshNs = millis(settings, "accountRefreshMs", TimeUnit.MINUTES.toMillis(1));
        if (market.usesWsApi() && useWsApi && wsApiUrl.isBlank())
        {
            throw new IllegalArgumentException(prefix + "wsApiUrl must be set when the WebSocket API is used");
        }
    }

    private long millis(final Settings settings, final String key, final long defaultMs)
    {
        final long ms = settings.getLong(prefix + key, defaultMs);
        if (ms <= 0)
        {
            throw new IllegalArgumentException(prefix + key + " must be positive, was " + ms);
        }
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static String trimSlash(final String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Symbols traded, as configured.
     *
     * @return venue symbols.
     */
    public List<String> symbols()
    {
        return symbols;
    }

    /**
     * The market traded.
     *
     * @return spot or USD-M.
     */
    public BinanceMarket market()
    {
        return market;
    }
}
