package io.sluice.gateway.binance;

import io.sluice.protocol.Fixed;

/**
 * Decimal text to and from Sluice fixed point (8 places) for Binance's string prices and quantities, without
 * floating point: a price is formatted with exactly the decimals its filter's tick allows, and parsing accepts
 * Binance's padded forms ("0.01000000") and longer zero tails.
 */
public final class Decimals
{
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    private Decimals()
    {
    }

    /**
     * Decimal places a step needs, e.g. 0.01 → 2, 0.00001 → 5, 1 → 0, 10 → 0.
     *
     * @param step positive fixed-point step (tick or lot size), or 0/NULL for "no rule" (8 places).
     * @return places in 0..8.
     */
    public static int scaleOf(final long step)
    {
        if (step <= 0)
        {
            return Fixed.DECIMALS;
        }
        int scale = Fixed.DECIMALS;
        while (scale > 0 && step % POWERS_OF_TEN[Fixed.DECIMALS - scale + 1] == 0)
        {
            scale--;
        }
        return scale;
    }

    /**
     * Whether a fixed-point value has no digits beyond a number of decimal places.
     *
     * @param value fixed point.
     * @param scale decimal places, 0..8.
     * @return true when {@link #format} can write it exactly.
     */
    public static boolean fitsScale(final long value, final int scale)
    {
        return value % POWERS_OF_TEN[Fixed.DECIMALS - scale] == 0;
    }

    /**
     * Write a fixed-point value with exactly {@code scale} decimals, e.g. (52000, 2) → "52000.00".
     *
     * @param value fixed point, not NULL.
     * @param scale decimal places, 0..8.
     * @return the text.
     * @throws IllegalArgumentException when the value has more decimals than the scale (it is never rounded).
     */
    public static String format(final long value, final int scale)
    {
        if (value == Fixed.NULL || scale < 0 || scale > Fixed.DECIMALS)
        {
            throw new IllegalArgumentException("cannot format " + value + " with scale " + scale);
        }
        if (!fitsScale(value, scale))
        {
            throw new IllegalArgumentException(Fixed.toString(value) + " has more than " + scale + " decimals");
        }
        final StringBuilder text = new StringBuilder(24);
        long magnitude = value;
        if (value < 0)
        {
            text.append('-');
            magnitude = -value;
        }
        text.append(magnitude / Fixed.SCALE);
        if (scale > 0)
        {
            text.append('.');
            final long fraction = (magnitude % Fixed.SCALE) / POWERS_OF_TEN[Fixed.DECIMALS - scale];
            final String digits = Long.toString(fraction);
            for (int i = digits.length(); i < scale; i++)
            {
                text.append('0');
            }
            text.append(digits);
        }
        return text.toString();
    }

    /**
     * Parse Binance decimal text ("52000.01000000", "0", "-1.5", "1e-8" is refused) into fixed point; digits beyond
     * the eighth decimal are accepted only when they are zeros.
     *
     * @param text decimal text.
     * @return fixed point.
     * @throws IllegalArgumentException when the text is not a decimal or needs more than 8 places.
     */
    public static long parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("missing decimal");
        }
        String trimmed = text.trim();
        final int dot = trimmed.indexOf('.');
        if (dot >= 0 && trimmed.length() - dot - 1 > Fixed.DECIMALS)
        {
            int end = trimmed.length();
            while (end > dot + 1 + Fixed.DECIMALS && trimmed.charAt(end - 1) == '0')
            {
                end--;
            }
            trimmed = trimmed.substring(0, end);
        }
        return Fixed.parse(trimmed);
    }

    /**
     * Parse decimal text, mapping null or empty text to a default.
     *
     * @param text         decimal text or null.
     * @param defaultValue value for null or empty text.
     * @return fixed point.
     */
    public static long parseOr(final String text, final long defaultValue)
    {
        return text == null || text.isEmpty() ? defaultValue : parse(text);
    }

    /**
     * Average price of a cumulative quote amount over a cumulative quantity (Binance's Z/z), truncated to 8 places.
     *
     * @param cumQuote cumulative quote quantity, fixed point.
     * @param cumQty   cumulative quantity, fixed point.
     * @return average price, or 0 when nothing is filled.
     */
    public static long average(final long cumQuote, final long cumQty)
    {
        return cumQty <= 0 ? 0 : Fixed.mulDiv(cumQuote, Fixed.SCALE, cumQty);
    }
}
