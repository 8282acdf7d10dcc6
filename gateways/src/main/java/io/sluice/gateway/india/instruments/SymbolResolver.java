package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Resolves the symbols users send to one instrument of a snapshot. Accepted forms:
 * <ul>
 * <li>canonical: {@code NIFTY28MAR2420800CE}, {@code NIFTY28MAR24FUT}, or an equity {@code INFY};</li>
 * <li>the broker's own trading symbol, e.g. Kite's {@code NIFTY24D1924000CE};</li>
 * <li>fields: {@code NIFTY:28MAR24:20800:CE}, {@code NIFTY:2024-03-28:20800:PE}, {@code NIFTY:28MAR24:FUT};</li>
 * <li>offsets as OpenAlgo users send them: {@code NIFTY:CUR:ATM:CE}, {@code NIFTY:NEXT:OTM2:PE},
 *     {@code NIFTY:28MAR24:ITM1:CE}, where CUR/NEXT are the first and second listed expiries and ATM is the listed strike
 *     nearest the underlying's reference price (OTM is above ATM for calls, below for puts).</li>
 * </ul>
 * A symbol that resolves to nothing gives a text starting {@code UNKNOWN_SYMBOL:} naming what was looked up.
 */
public final class SymbolResolver
{
    /** Prefix of every failure text. */
    public static final String UNKNOWN_SYMBOL = "UNKNOWN_SYMBOL: ";

    private SymbolResolver()
    {
    }

    /**
     * Resolve a symbol.
     *
     * @param text            the symbol as sent.
     * @param snapshot        instruments to resolve against.
     * @param referencePrices underlying to fixed-point reference price (last, else previous close) or Fixed.NULL.
     * @return the instrument, or the reason it is unknown.
     */
    public static Resolution resolve(final String text, final InstrumentSnapshot snapshot, final ToLongFunction<String> referencePrices)
    {
        final String symbol = text.trim().toUpperCase(Locale.ROOT);
        if (symbol.isEmpty())
        {
            return Resolution.unknown(UNKNOWN_SYMBOL + "empty symbol");
        }
        Instrument instrument = snapshot.bySymbol(symbol);
        if (instrument == null)
        {
            instrument = snapshot.byVenueSymbol(text.trim());
        }
        if (instrument != null)
        {
            return Resolution.of(instrument);
        }
        if (symbol.indexOf(':') > 0)
        {
            return resolveFields(text.trim(), symbol.split(":"), snapshot, referencePrices);
        }
        final CanonicalSymbols.Parts parts = CanonicalSymbols.parse(symbol);
        if (parts == null)
        {
            return Resolution.unknown(UNKNOWN_SYMBOL + symbol + " is neither a canonical symbol nor a " + snapshot.venue() +
                " trading symbol in the instruments of " + snapshot.tradingDate());
        }
        return lookup(symbol, parts, snapshot);
    }

    private static Resolution resolveFields(
        final String original, final String[] fields, final InstrumentSnapshot snapshot, final ToLongFunction<String> referencePrices)
    {
        if (fields.length == 3 && "FUT".equals(fields[2]))
        {
            final LocalDate expiry = expiry(fields[1], snapshot.futureExpiries(fields[0]));
            if (expiry == null)
            {
                return Resolution.unknown(UNKNOWN_SYMBOL + original + ": no future expiry '" + fields[1] + "'; " +
                    snapshot.describe(fields[0], null));
            }
            return lookup(original, new CanonicalSymbols.Parts(fields[0], Instrument.Kind.FUT, expiry, Fixed.NULL), snapshot);
        }
        if (fields.length != 4 || !("CE".equals(fields[3]) || "PE".equals(fields[3])))
        {
            return Resolution.unknown(UNKNOWN_SYMBOL + original + " must be UNDERLYING:EXPIRY:STRIKE:CE|PE or UNDERLYING:EXPIRY:FUT");
        }
        final String underlying = fields[0];
        final Instrument.Kind kind = Instrument.Kind.valueOf(fields[3]);
        final LocalDate expiry = expiry(fields[1], snapshot.optionExpiries(underlying));
        if (expiry == null)
        {
            return Resolution.unknown(UNKNOWN_SYMBOL + original + ": no option expiry '" + fields[1] + "'; " +
                snapshot.describe(underlying, null));
        }
        final String strikeText = fields[2];
        final long strike;
        if (strikeText.startsWith("ATM") || strikeText.startsWith("OTM") || strikeText.startsWith("ITM"))
        {
            final List<Long> strikes = snapshot.strikes(underlying, expiry);
            final long reference = referencePrices.applyAsLong(underlying);
            if (reference == Fixed.NULL)
            {
                return Resolution.unknown(UNKNOWN_SYMBOL + original + ": no reference price for " + underlying + " to find ATM");
            }
            final int offset = offset(strikeText);
            if (offset == Integer.MIN_VALUE || strikes.isEmpty())
            {
                return Resolution.unknown(UNKNOWN_SYMBOL + original + ": strike offset '" + strikeText +
                    "' must be ATM, OTMn or ITMn; " + snapshot.describe(underlying, expiry));
            }
            final int atm = MasterFilter.nearestIndex(strikes, reference);
            // OTM calls are above the money and OTM puts below it; ITM is the other way.
            final int index = atm + (kind == Instrument.Kind.CE ? offset : -offset);
            if (index < 0 || index >= strikes.size())
            {
                return Resolution.unknown(UNKNOWN_SYMBOL + original + ": " + strikeText + " from ATM " +
                    Fixed.toString(strikes.get(atm)) + " (reference " + Fixed.toString(reference) + ") is outside the listed strikes; " +
                    snapshot.describe(underlying, expiry));
            }
            strike = strikes.get(index);
        }
        else
        {
            try
            {
                strike = Fixed.parse(strikeText);
            }
            catch (final IllegalArgumentException ex)
            {
                return Resolution.unknown(UNKNOWN_SYMBOL + original + ": strike '" + strikeText + "' is not a number, ATM, OTMn or ITMn");
            }
        }
        return lookup(original, new CanonicalSymbols.Parts(underlying, kind, expiry, strike), snapshot);
    }

    private static Resolution lookup(final String original, final CanonicalSymbols.Parts parts, final InstrumentSnapshot snapshot)
    {
        final Instrument instrument = snapshot.find(parts.underlying(), parts.kind(), parts.expiry(), parts.strike());
        if (instrument != null)
        {
            return Resolution.of(instrument);
        }
        return Resolution.unknown(UNKNOWN_SYMBOL + original + " (" + parts.describe() + ") is not in the " + snapshot.venue() +
            " instruments of " + snapshot.tradingDate() + "; " + snapshot.describe(parts.underlying(), parts.expiry()));
    }

    // +n for OTMn, -n for ITMn, 0 for ATM; MIN_VALUE when malformed.
    private static int offset(final String text)
    {
        if ("ATM".equals(text))
        {
            return 0;
        }
        try
        {
            final int n = Integer.parseInt(text.substring(3));
            if (n < 0)
            {
                return Integer.MIN_VALUE;
            }
            return text.startsWith("OTM") ? n : -n;
        }
        catch (final NumberFormatException ex)
        {
            return Integer.MIN_VALUE;
        }
    }

    private static LocalDate expiry(final String text, final List<LocalDate> listed)
    {
        switch (text)
        {
            case "CUR":
                return listed.isEmpty() ? null : listed.get(0);
            case "NEXT":
                return listed.size() < 2 ? null : listed.get(1);
            default:
                break;
        }
        LocalDate date = CanonicalSymbols.parseDate(text);
        if (date == null)
        {
            try
            {
                date = LocalDate.parse(text);
            }
            catch (final DateTimeParseException ex)
            {
                return null;
            }
        }
        return date;
    }

    /**
     * Outcome of a resolution.
     *
     * @param instrument the instrument, or null.
     * @param error      text starting {@code UNKNOWN_SYMBOL:} when the instrument is null.
     */
    public record Resolution(Instrument instrument, String error)
    {
        static Resolution of(final Instrument instrument)
        {
            return new Resolution(instrument, null);
        }

        static Resolution unknown(final String error)
        {
            return new Resolution(null, error);
        }

        /**
         * Whether a symbol was found.
         *
         * @return true when the instrument is set.
         */
        public boolean isKnown()
        {
            return instrument != null;
        }
    }
}
