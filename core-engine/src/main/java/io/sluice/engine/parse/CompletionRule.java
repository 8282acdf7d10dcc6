package io.sluice.engine.parse;

/**
 * The explicit rule that completed a field, each with the confidence it carries by default.
 */
public enum CompletionRule
{
    /** Quantity from the source's configured default size. */
    DEFAULT_SIZE(90),
    /** Quantity from the account's risk per trade divided by the stop-loss distance. */
    RISK_PER_TRADE(85),
    /** Stop-loss a configured multiple of the instrument's recent range (ATR) from the entry. */
    ATR_STOP_LOSS(60),
    /** Take-profit a configured multiple of the instrument's recent range (ATR) from the entry. */
    ATR_TAKE_PROFIT(55),
    /** A base coin ("BTC", "#SOL") completed with the source's quote currency ("USDT"). */
    QUOTE_SUFFIX(80),
    /** A word next to a direction taken as the symbol although no table knows it. */
    SYMBOL_GUESS(50),
    /** No entry price given: enter at market. */
    MARKET_ENTRY(75),
    /** Entry zone given: a limit order at its midpoint. */
    ZONE_MIDPOINT(85),
    /** A distance in pips or percent converted to a price from the entry (or current) price. */
    UNIT_CONVERSION(95);

    private final int defaultConfidence;

    CompletionRule(final int defaultConfidence)
    {
        this.defaultConfidence = defaultConfidence;
    }

    /**
     * Confidence, in percent, a completion by this rule carries.
     *
     * @return 0..100.
     */
    public int defaultConfidence()
    {
        return defaultConfidence;
    }
}
