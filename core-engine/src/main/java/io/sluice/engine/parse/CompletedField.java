package io.sluice.engine.parse;

/**
 * A field of a leg that a completion rule filled in because the message did not give it.
 */
public enum CompletedField
{
    /** Order quantity. */
    QUANTITY,
    /** Stop-loss price. */
    STOP_LOSS,
    /** First take-profit target. */
    TAKE_PROFIT,
    /** Instrument symbol. */
    SYMBOL,
    /** Entry price or order type. */
    ENTRY
}
