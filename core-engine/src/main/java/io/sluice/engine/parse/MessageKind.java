package io.sluice.engine.parse;

/**
 * What a message asks for: only {@link #NEW_TRADE}, and {@link #MANAGEMENT}, {@link #MODIFICATION} and
 * {@link #CANCELLATION} that map to existing orders or positions, may act; everything else is answered
 * {@link #NOT_A_SIGNAL}.
 */
public enum MessageKind
{
    /** Open new positions: one leg per order to place. */
    NEW_TRADE,
    /** Manage an open position: close (all, part, one side), move the stop to breakeven. */
    MANAGEMENT,
    /** Change the previous signal or its orders: new entry, new stop-loss or take-profit. */
    MODIFICATION,
    /** Cancel the previous signal or its pending orders. */
    CANCELLATION,
    /** Results, chatter and anything else that must never trade. */
    NOT_A_SIGNAL;

    /** Bit of this kind in an allowed-kinds mask. */
    public int bit()
    {
        return 1 << ordinal();
    }

    /** A mask allowing every kind that may act. */
    public static final int ALL_ACTING = (1 << 4) - 1;

    private static final MessageKind[] VALUES = values();

    /**
     * The kind of an ordinal, without cloning the values array.
     *
     * @param ordinal ordinal.
     * @return the kind.
     */
    public static MessageKind of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
