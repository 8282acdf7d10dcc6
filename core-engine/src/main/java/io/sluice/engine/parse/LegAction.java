package io.sluice.engine.parse;

/**
 * What one leg of a parsed signal does.
 */
public enum LegAction
{
    /** Place a new order (market, limit or stop) from the leg's side, type, quantity and prices. */
    OPEN,
    /** Trade the difference between the current position and {@link ParsedLeg#positionSize()} (OpenAlgo smart order). */
    TARGET_POSITION,
    /** Close the long position in the symbol. */
    CLOSE_LONG,
    /** Close the short position in the symbol. */
    CLOSE_SHORT,
    /** Close every position in the symbol, or of the strategy when the symbol is empty. */
    CLOSE_ALL,
    /** Close {@link ParsedLeg#closePercent()} percent of the position. */
    CLOSE_PART,
    /** Move the stop-loss of the position to its entry price. */
    MOVE_SL_TO_BREAKEVEN,
    /** Replace the stop-loss with {@link ParsedLeg#stopLoss()}. */
    NEW_SL,
    /** Replace the take-profit targets with the leg's targets. */
    NEW_TP,
    /** Replace both stop-loss and take-profit (PineConnector newsltp). */
    NEW_SLTP,
    /** Replace the entry price (or zone) of the pending orders. */
    NEW_ENTRY,
    /** Cancel the pending orders of the signal or symbol. */
    CANCEL,
    /** Cancel the pending buy orders in the symbol. */
    CANCEL_LONG,
    /** Cancel the pending sell orders in the symbol. */
    CANCEL_SHORT
}
