package io.sluice.gateway.india;

/**
 * The kinds of broker request, each with its own rate-limit group and timeout class.
 */
public enum Endpoint
{
    /** Log in, exchange a token, or refresh a session. */
    LOGIN,
    /** Place an order. */
    PLACE,
    /** Modify an order. */
    MODIFY,
    /** Cancel an order. */
    CANCEL,
    /** The day's order book. */
    ORDER_BOOK,
    /** One order looked up by our tag or correlation id. */
    ORDER_LOOKUP,
    /** Open positions. */
    POSITIONS,
    /** Funds and margins. */
    FUNDS,
    /** A quote of an underlying (previous close, last price). */
    QUOTE,
    /** The instrument master download. */
    INSTRUMENTS;

    /**
     * Whether the request enters or changes orders (and so gets the short order timeout).
     *
     * @return true for place, modify and cancel.
     */
    public boolean isOrderEntry()
    {
        return this == PLACE || this == MODIFY || this == CANCEL;
    }
}
