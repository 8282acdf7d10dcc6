package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.time.LocalDate;

/**
 * One tradable instrument of a broker's master after filtering: Sluice's canonical symbol and the broker's own symbol,
 * token, exchange (segment), tick, lot and freeze quantity. Prices and quantities are fixed point.
 *
 * @param symbol      canonical symbol, e.g. {@code NIFTY28MAR2420800CE}, {@code NIFTY28MAR24FUT}, {@code INFY}.
 * @param underlying  underlying name, e.g. NIFTY (the symbol itself for equities).
 * @param kind        CE, PE, FUT or EQ.
 * @param expiry      expiry date, null for equities.
 * @param strike      strike, {@link Fixed#NULL} for futures and equities.
 * @param venueSymbol the broker's trading symbol.
 * @param venueToken  the broker's token (instrument token, symbol token, instrument key or security id).
 * @param exchange    the broker's exchange or segment for orders (NFO, NSE_FO, NSE_FNO, ...).
 * @param tickSize    price step.
 * @param lotSize     quantity step.
 * @param freezeQty   largest quantity of one order, {@link Fixed#NULL} when unknown.
 */
public record Instrument(
    String symbol,
    String underlying,
    Kind kind,
    LocalDate expiry,
    long strike,
    String venueSymbol,
    String venueToken,
    String exchange,
    long tickSize,
    long lotSize,
    long freezeQty)
{
    /** What an instrument is. */
    public enum Kind
    {
        /** Call option. */
        CE,
        /** Put option. */
        PE,
        /** Future. */
        FUT,
        /** Cash equity. */
        EQ;

        /**
         * Whether this is an option.
         *
         * @return true for CE and PE.
         */
        public boolean isOption()
        {
            return this == CE || this == PE;
        }
    }

    /**
     * An option of a broker master with its canonical symbol derived from the fields.
     *
     * @param underlying  underlying.
     * @param kind        CE or PE.
     * @param expiry      expiry.
     * @param strike      strike, fixed point.
     * @param venueSymbol broker symbol.
     * @param venueToken  broker token.
     * @param exchange    broker exchange.
     * @param tickSize    tick, fixed point.
     * @param lotSize     lot, fixed point.
     * @param freezeQty   freeze quantity or NULL.
     * @return the instrument.
     */
    public static Instrument derivative(
        final String underlying,
        final Kind kind,
        final LocalDate expiry,
        final long strike,
        final String venueSymbol,
        final String venueToken,
        final String exchange,
        final long tickSize,
        final long lotSize,
        final long freezeQty)
    {
        final String symbol = kind == Kind.FUT ?
            CanonicalSymbols.future(underlying, expiry) :
            CanonicalSymbols.option(underlying, expiry, strike, kind);
        return new Instrument(symbol, underlying, kind, expiry, kind == Kind.FUT ? Fixed.NULL : strike,
            venueSymbol, venueToken, exchange, tickSize, lotSize, freezeQty);
    }

    /**
     * A cash equity; its canonical symbol is its NSE symbol.
     *
     * @param symbol      NSE symbol, e.g. INFY.
     * @param venueSymbol broker symbol (e.g. INFY-EQ at Angel).
     * @param venueToken  broker token.
     * @param exchange    broker exchange.
     * @param tickSize    tick.
     * @return the instrument.
     */
    public static Instrument equity(
        final String symbol, final String venueSymbol, final String venueToken, final String exchange, final long tickSize)
    {
        return new Instrument(symbol, symbol, Kind.EQ, null, Fixed.NULL, venueSymbol, venueToken, exchange, tickSize,
            Fixed.SCALE, Fixed.NULL);
    }

    /**
     * The same instrument with another freeze quantity.
     *
     * @param freezeQty largest quantity of one order, fixed point.
     * @return a copy.
     */
    public Instrument withFreezeQty(final long freezeQty)
    {
        return new Instrument(symbol, underlying, kind, expiry, strike, venueSymbol, venueToken, exchange, tickSize, lotSize, freezeQty);
    }

    /**
     * Readable description for reject texts: "NIFTY 2024-03-28 20800 CE".
     *
     * @return the description.
     */
    public String describe()
    {
        switch (kind)
        {
            case EQ:
                return underlying + " EQ";
            case FUT:
                return underlying + " " + expiry + " FUT";
            default:
                return underlying + " " + expiry + " " + Fixed.toString(strike) + " " + kind;
        }
    }
}
