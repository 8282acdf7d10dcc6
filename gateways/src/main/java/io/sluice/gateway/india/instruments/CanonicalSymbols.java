package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sluice's canonical derivative symbols, the convention OpenAlgo users already send: options
 * {@code [underlying][DDMMMYY][strike][CE|PE]} ({@code NIFTY28MAR2420800CE}), futures
 * {@code [underlying][DDMMMYY]FUT} ({@code BANKNIFTY24APR24FUT}). Built from a master's fields, never from a broker's
 * own symbol.
 */
public final class CanonicalSymbols
{
    /** DDMMMYY, e.g. 28MAR24 (upper case month). */
    public static final DateTimeFormatter DDMMMYY = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("ddMMMuu")
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern OPTION = Pattern.compile(
        "^([A-Z][A-Z0-9&_-]*?)(\\d{2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\\d{2})(\\d+(?:\\.\\d+)?)(CE|PE)$");
    private static final Pattern FUTURE = Pattern.compile(
        "^([A-Z][A-Z0-9&_-]*?)(\\d{2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\\d{2})FUT$");

    private CanonicalSymbols()
    {
    }

    /**
     * Canonical symbol of an option.
     *
     * @param underlying e.g. NIFTY.
     * @param expiry     expiry date.
     * @param strike     fixed-point strike.
     * @param kind       CE or PE.
     * @return e.g. NIFTY28MAR2420800CE.
     */
    public static String option(final String underlying, final LocalDate expiry, final long strike, final Instrument.Kind kind)
    {
        return underlying + date(expiry) + Fixed.toString(strike) + kind.name();
    }

    /**
     * Canonical symbol of a future.
     *
     * @param underlying e.g. NIFTY.
     * @param expiry     expiry date.
     * @return e.g. NIFTY28MAR24FUT.
     */
    public static String future(final String underlying, final LocalDate expiry)
    {
        return underlying + date(expiry) + "FUT";
    }

    /**
     * DDMMMYY text of a date, upper case.
     *
     * @param date the date.
     * @return e.g. 28MAR24.
     */
    public static String date(final LocalDate date)
    {
        return DDMMMYY.format(date).toUpperCase(Locale.ROOT);
    }

    /**
     * Parse a canonical derivative symbol into its parts.
     *
     * @param symbol the text (case-insensitive).
     * @return the parts, or null when it is not a canonical option or future symbol.
     */
    public static Parts parse(final String symbol)
    {
        final String upper = symbol.trim().toUpperCase(Locale.ROOT);
        Matcher matcher = OPTION.matcher(upper);
        if (matcher.matches())
        {
            final LocalDate expiry = parseDate(matcher.group(2));
            return expiry == null ? null : new Parts(
                matcher.group(1), Instrument.Kind.valueOf(matcher.group(4)), expiry, Fixed.parse(matcher.group(3)));
        }
        matcher = FUTURE.matcher(upper);
        if (matcher.matches())
        {
            final LocalDate expiry = parseDate(matcher.group(2));
            return expiry == null ? null : new Parts(matcher.group(1), Instrument.Kind.FUT, expiry, Fixed.NULL);
        }
        return null;
    }

    /**
     * Parse DDMMMYY.
     *
     * @param text e.g. 28MAR24.
     * @return the date, or null when invalid.
     */
    public static LocalDate parseDate(final String text)
    {
        try
        {
            return LocalDate.parse(text, DDMMMYY);
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }

    /**
     * The fields of a derivative symbol.
     *
     * @param underlying underlying.
     * @param kind       CE, PE or FUT.
     * @param expiry     expiry.
     * @param strike     strike or {@link Fixed#NULL} for futures.
     */
    public record Parts(String underlying, Instrument.Kind kind, LocalDate expiry, long strike)
    {
        /**
         * Readable form for reject texts.
         *
         * @return e.g. "NIFTY 2024-03-28 20800 CE".
         */
        public String describe()
        {
            return kind == Instrument.Kind.FUT ?
                underlying + " " + expiry + " FUT" :
                underlying + " " + expiry + " " + Fixed.toString(strike) + " " + kind;
        }
    }
}
