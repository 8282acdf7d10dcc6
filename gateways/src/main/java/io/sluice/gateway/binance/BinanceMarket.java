package io.sluice.gateway.binance;

/**
 * Which Binance market a gateway trades, with the production endpoints and paths that differ between them.
 */
public enum BinanceMarket
{
    /** Spot: WebSocket API order entry and user data, REST fallback under {@code /api/v3}. */
    SPOT(
        "https://api.binance.com",
        "wss://ws-api.binance.com:443/ws-api/v3",
        "wss://stream.binance.com:9443",
        "/api/v3",
        "@trade"),

    /** USD-M futures: REST order entry under {@code /fapi/v1}, user data from a listenKey stream. */
    USDM(
        "https://fapi.binance.com",
        "",
        "wss://fstream.binance.com",
        "/fapi/v1",
        "@aggTrade");

    private final String defaultRestUrl;
    private final String defaultWsApiUrl;
    private final String defaultStreamUrl;
    private final String apiPath;
    private final String tradeStreamSuffix;

    BinanceMarket(
        final String defaultRestUrl,
        final String defaultWsApiUrl,
        final String defaultStreamUrl,
        final String apiPath,
        final String tradeStreamSuffix)
    {
        this.defaultRestUrl = defaultRestUrl;
        this.defaultWsApiUrl = defaultWsApiUrl;
        this.defaultStreamUrl = defaultStreamUrl;
        this.apiPath = apiPath;
        this.tradeStreamSuffix = tradeStreamSuffix;
    }

    /**
     * Production REST base URL.
     *
     * @return URL without a trailing slash.
     */
    public String defaultRestUrl()
    {
        return defaultRestUrl;
    }

    /**
     * Production WebSocket API URL (empty for futures, which use REST order entry here).
     *
     * @return URL.
     */
    public String defaultWsApiUrl()
    {
        return defaultWsApiUrl;
    }

    /**
     * Production market-stream base URL; {@code /stream?streams=...} and {@code /ws/<listenKey>} are appended.
     *
     * @return URL without a trailing slash.
     */
    public String defaultStreamUrl()
    {
        return defaultStreamUrl;
    }

    /**
     * Path of an endpoint under the market's API prefix, e.g. "order" → "/api/v3/order".
     *
     * @param endpoint endpoint name.
     * @return path.
     */
    public String path(final String endpoint)
    {
        return apiPath + "/" + endpoint;
    }

    /**
     * Stream name suffix for trades ("@trade" on spot, "@aggTrade" on futures).
     *
     * @return the suffix.
     */
    public String tradeStreamSuffix()
    {
        return tradeStreamSuffix;
    }

    /**
     * Whether this market's user data and order entry use the WebSocket API.
     *
     * @return true for spot.
     */
    public boolean usesWsApi()
    {
        return this == SPOT;
    }
}
