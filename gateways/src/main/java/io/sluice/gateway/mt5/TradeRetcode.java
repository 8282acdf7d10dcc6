package io.sluice.gateway.mt5;

/**
 * The trade server return codes of {@code MqlTradeResult.retcode} and what the gateway does with each.
 * <p>
 * Codes and names are MQL5's {@code TRADE_RETCODE_*} (reference/venues.md lists the ones the gateway must map;
 * the rest are the remaining documented codes). Any code not listed is treated as a rejection named
 * {@code RETCODE_<n>}.
 */
enum TradeRetcode
{
    REQUOTE(10004, Outcome.PRICE_MOVED),
    REJECT(10006, Outcome.REJECTED),
    CANCEL(10007, Outcome.REJECTED),
    PLACED(10008, Outcome.ACCEPTED),
    DONE(10009, Outcome.ACCEPTED),
    DONE_PARTIAL(10010, Outcome.ACCEPTED),
    ERROR(10011, Outcome.REJECTED),
    TIMEOUT(10012, Outcome.UNKNOWN),
    INVALID(10013, Outcome.REJECTED),
    INVALID_VOLUME(10014, Outcome.REJECTED),
    INVALID_PRICE(10015, Outcome.REJECTED),
    INVALID_STOPS(10016, Outcome.REJECTED),
    TRADE_DISABLED(10017, Outcome.REJECTED),
    MARKET_CLOSED(10018, Outcome.REJECTED),
    NO_MONEY(10019, Outcome.REJECTED),
    PRICE_CHANGED(10020, Outcome.PRICE_MOVED),
    PRICE_OFF(10021, Outcome.PRICE_MOVED),
    INVALID_EXPIRATION(10022, Outcome.REJECTED),
    ORDER_CHANGED(10023, Outcome.REJECTED),
    TOO_MANY_REQUESTS(10024, Outcome.REJECTED),
    NO_CHANGES(10025, Outcome.REJECTED),
    SERVER_DISABLES_AT(10026, Outcome.REJECTED),
    CLIENT_DISABLES_AT(10027, Outcome.REJECTED),
    LOCKED(10028, Outcome.REJECTED),
    FROZEN(10029, Outcome.REJECTED),
    INVALID_FILL(10030, Outcome.REJECTED),
    CONNECTION(10031, Outcome.UNKNOWN),
    ONLY_REAL(10032, Outcome.REJECTED),
    LIMIT_ORDERS(10033, Outcome.REJECTED),
    LIMIT_VOLUME(10034, Outcome.REJECTED),
    INVALID_ORDER(10035, Outcome.REJECTED),
    POSITION_CLOSED(10036, Outcome.REJECTED),
    INVALID_CLOSE_VOLUME(10038, Outcome.REJECTED),
    CLOSE_ORDER_EXIST(10039, Outcome.REJECTED),
    LIMIT_POSITIONS(10040, Outcome.REJECTED),
    REJECT_CANCEL(10041, Outcome.REJECTED),
    LONG_ONLY(10042, Outcome.REJECTED),
    SHORT_ONLY(10043, Outcome.REJECTED),
    CLOSE_ONLY(10044, Outcome.REJECTED),
    FIFO_CLOSE(10045, Outcome.REJECTED),
    HEDGE_PROHIBITED(10046, Outcome.REJECTED);

    /** What a retcode means for the order that got it. */
    enum Outcome
    {
        /** The request was executed or placed. */
        ACCEPTED,
        /** The price moved: one retry at the new price within the collar, else a rejection. */
        PRICE_MOVED,
        /** Refused; nothing happened at the venue. */
        REJECTED,
        /** The answer was lost; the order may or may not exist and reconciliation decides. */
        UNKNOWN
    }

    private static final int FIRST_CODE = 10004;
    private static final TradeRetcode[] BY_CODE = new TradeRetcode[HEDGE_PROHIBITED.code - FIRST_CODE + 1];

    static
    {
        for (final TradeRetcode retcode : values())
        {
            BY_CODE[retcode.code - FIRST_CODE] = retcode;
        }
    }

    private final int code;
    private final Outcome outcome;

    TradeRetcode(final int code, final Outcome outcome)
    {
        this.code = code;
        this.outcome = outcome;
    }

    /**
     * The numeric code.
     *
     * @return e.g. 10009.
     */
    int code()
    {
        return code;
    }

    /**
     * What the gateway does with the order.
     *
     * @return the outcome.
     */
    Outcome outcome()
    {
        return outcome;
    }

    /**
     * The retcode with a numeric value.
     *
     * @param code {@code MqlTradeResult.retcode}.
     * @return the retcode, or null when the code is not documented.
     */
    static TradeRetcode of(final long code)
    {
        final long index = code - FIRST_CODE;
        return index < 0 || index >= BY_CODE.length ? null : BY_CODE[(int)index];
    }

    /**
     * The outcome of any numeric code; undocumented codes are rejections.
     *
     * @param code {@code MqlTradeResult.retcode}.
     * @return the outcome.
     */
    static Outcome outcomeOf(final long code)
    {
        final TradeRetcode retcode = of(code);
        return retcode == null ? Outcome.REJECTED : retcode.outcome;
    }

    /**
     * The readable name of any numeric code, e.g. "NO_MONEY" or "RETCODE_10099".
     *
     * @param code {@code MqlTradeResult.retcode}.
     * @return the name.
     */
    static String nameOf(final long code)
    {
        final TradeRetcode retcode = of(code);
        return retcode == null ? "RETCODE_" + code : retcode.name();
    }
}
