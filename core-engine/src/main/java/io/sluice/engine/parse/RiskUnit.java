package io.sluice.engine.parse;

/**
 * How a PineConnector {@code risk=} value sizes the order (a per-account setting in PineConnector).
 */
public enum RiskUnit
{
    /** The value is the quantity in lots. */
    LOTS,
    /** The value is the money lost if the stop-loss is hit (a stop-loss is required). */
    MONEY,
    /** The value is the percent of the balance lost if the stop-loss is hit (a stop-loss is required). */
    PERCENT_BALANCE
}
