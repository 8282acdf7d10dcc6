package io.sluice.admin.ingest;

/**
 * How a configured source reaches the API.
 */
public enum SourceType
{
    /** TradingView alerts on /webhook/tradingview (JSON, PineConnector or text). */
    TRADINGVIEW,
    /** A Telegram channel read through the Bot API (long poll or webhook). */
    TELEGRAM,
    /** Scripts calling the OpenAlgo-compatible /api/v1/placeorder family with an API key. */
    OPENALGO,
    /** A source the API does not serve itself (parse settings only, e.g. "default"). */
    OTHER
}
