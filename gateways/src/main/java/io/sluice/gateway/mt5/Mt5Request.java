package io.sluice.gateway.mt5;

/**
 * A command sent to the EA and not yet answered, with what the answer is needed for.
 */
final class Mt5Request
{
    /** What a request was for. */
    enum Kind
    {
        PING,
        SNAPSHOT,
        SUBSCRIBE,
        /** order_send opening a position or placing a pending order. */
        OPEN,
        /** order_send closing (part of) one position for a reduce-only order. */
        CLOSE_LEG,
        /** order_send TRADE_ACTION_REMOVE. */
        CANCEL,
        /** order_send TRADE_ACTION_MODIFY of a pending order. */
        MODIFY,
        /** order_send TRADE_ACTION_SLTP of a position. */
        SLTP,
        /** order_send TRADE_ACTION_CLOSE_BY collapsing a hedged pair. */
        CLOSE_BY
    }

    final long id;
    final Kind kind;
    final Mt5Order order;
    final long deadlineNs;
    /** Terminal symbol of a CLOSE_BY, else null. */
    String venueSymbol;
    /** Position ticket the request acts on (CLOSE_LEG, SLTP, CLOSE_BY), else 0. */
    long position;
    /** Lots asked for (OPEN, CLOSE_LEG). */
    long volume;
    /** Price sent (OPEN market, CLOSE_LEG) or new price (MODIFY). */
    long price;
    long stopLimit;
    long sl;
    long tp;

    Mt5Request(final long id, final Kind kind, final Mt5Order order, final long deadlineNs)
    {
        this.id = id;
        this.kind = kind;
        this.order = order;
        this.deadlineNs = deadlineNs;
    }

    /**
     * Whether this request is an order_send.
     *
     * @return true for trade requests.
     */
    boolean isTrade()
    {
        return kind != Kind.PING && kind != Kind.SNAPSHOT && kind != Kind.SUBSCRIBE;
    }
}
