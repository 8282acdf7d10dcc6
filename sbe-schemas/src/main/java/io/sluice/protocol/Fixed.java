package io.sluice.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Fixed-point arithmetic for prices and quantities: a long holding the value times 10^8.
 * <p>
 * Hand-written rather than BigDecimal because the engine's hot path must not allocate. Products are
 * computed with a 128-bit intermediate and saturate at {@link Long#MAX_VALUE} (or MIN) instead of
 * overflowing, so an absurd order can only ever look larger, never smaller, to a limit check.
 */
public final class Fixed
{
    /** Decimal places carried. */
    public static final int DECIMALS = 8;
    /** 10^{@link #DECIMALS}. */
    public static final long SCALE = 100_000_000L;
    /** The value that means "absent" (the SBE int64 null value). */
    public static final long NULL = Long.MIN_VALUE;
    /** Returned by {@link #parse} when the text is not a plain decimal. */
    public static final long PARSE_ERROR = Long.MIN_VALUE + 1;

    private static final long MAX_INTEGER_PART = Long.MAX_VALUE / SCALE;

    private Fixed()
    {
    }

    /**
     * Fixed-point value of a whole number.
     *
     * @param units whole units.
     * @return units * 10^8.
     */
    public static long of(final long units)
    {
        return units * SCALE;
    }

    /**
     * Parse a plain decimal ({@code 12}, {@code -0.5}, {@code 65000.12345678}) straight into fixed point.
     * No exponent, at most {@link #DECIMALS} fraction digits, no grouping: anything else is an error,
     * never a silently rounded value.
     *
     * @param buffer holding ASCII text.
     * @param offset of the first character.
     * @param length of the text.
     * @return the value, or {@link #PARSE_ERROR}.
     */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > 40)
        {
            return PARSE_ERROR;
        }
        int i = offset;
        final int end = offset + length;
        boolean negative = false;
        final byte first = buffer.getByte(i);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i++;
        }
        long integer = 0;
        int integerDigits = 0;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            if (integer > (MAX_INTEGER_PART - (b - '0')) / 10)
            {
                return PARSE_ERROR;
            }
            integer = integer * 10 + (b - '0');
            integerDigits++;
            i++;
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < end && buffer.getByte(i) == '.')
        {
            i++;
            while (i < end)
            {
                final byte b = buffer.getByte(i);
                if (b < '0' || b > '9' || ++fractionDigits > DECIMALS)
                {
                    return PARSE_ERROR;
                }
                fraction = fraction * 10 + (b - '0');
                i++;
            }
            if (fractionDigits == 0)
            {
                return PARSE_ERROR;
            }
        }
        if (i != end || integerDigits == 0)
        {
            return PARSE_ERROR;
        }
        for (int d = fractionDigits; d < DECIMALS; d++)
        {
            fraction *= 10;
        }
        final long value = integer * SCALE + fraction;
        if (value < 0)
        {
            // The fraction carried the magnitude past Long.MAX_VALUE: an error, never a wrapped (or NULL) value.
            return PARSE_ERROR;
        }
        return negative ? -value : value;
    }

    /**
     * Parse a decimal held in a String (configuration, tests, off the hot path).
     *
     * @param text plain decimal.
     * @return the fixed-point value.
     * @throws IllegalArgumentException when the text is not a plain decimal with at most 8 places.
     */
    public static long parse(final String text)
    {
        final byte[] bytes = text.trim().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final long value = parse(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (value == PARSE_ERROR)
        {
            throw new IllegalArgumentException("not a decimal with at most 8 places: " + text);
        }
        return value;
    }

    /**
     * a * b / 10^8 (e.g. price * quantity = notional), truncated toward zero, saturating.
     *
     * @param a fixed point.
     * @param b fixed point.
     * @return the fixed-point product.
     */
    public static long multiply(final long a, final long b)
    {
        return mulDiv(a, b, SCALE);
    }

    /**
     * a * b / c with a 128-bit intermediate, truncated toward zero, saturating at Long.MAX/MIN.
     *
     * @param a multiplicand.
     * @param b multiplier.
     * @param c divisor, non-zero.
     * @return the quotient.
     */
    public static long mulDiv(final long a, final long b, final long c)
    {
        if (c == 0)
        {
            throw new ArithmeticException("divide by zero");
        }
        final boolean negative = (a < 0) ^ (b < 0) ^ (c < 0);
        // Magnitudes are unsigned 64-bit values: |Long.MIN_VALUE| is 2^63, which only fits unsigned.
        final long ua = a < 0 ? -a : a;
        final long ub = b < 0 ? -b : b;
        final long uc = c < 0 ? -c : c;
        final long hi = unsignedMultiplyHigh(ua, ub);
        final long lo = ua * ub;
        final long quotient;
        if (hi == 0)
        {
            quotient = Long.divideUnsigned(lo, uc);
        }
        else
        {
            if (Long.compareUnsigned(hi, uc) >= 0)
            {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            quotient = divide128(hi, lo, uc);
        }
        if (quotient < 0)
        {
            // Magnitude of 2^63 or more: only -2^63 is representable, and it is also where negatives saturate.
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -quotient : quotient;
    }

    // Math.unsignedMultiplyHigh arrived in Java 18; this is its documented identity over multiplyHigh.
    private static long unsignedMultiplyHigh(final long x, final long y)
    {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    // Unsigned (hi:lo) / d where hi < d. A divisor below 2^32 (every multiply: SCALE is 10^8) takes two 64-by-32
    // divisions in schoolbook long division of 32-bit digits: hi < d keeps both partial dividends within 64 bits
    // and both partial quotients within 32. Wider divisors fall back to shift-and-subtract: 64 steps.
    // Hand-written rather than BigInteger because it runs on the engine's allocation-free hot path.
    private static long divide128(final long hi, final long lo, final long d)
    {
        if ((d >>> 32) == 0)
        {
            final long upper = (hi << 32) | (lo >>> 32);
            final long upperQuotient = Long.divideUnsigned(upper, d);
            final long lower = (Long.remainderUnsigned(upper, d) << 32) | (lo & 0xFFFF_FFFFL);
            return (upperQuotient << 32) | Long.divideUnsigned(lower, d);
        }
        long remainder = hi;
        long quotient = 0;
        for (int bit = 63; bit >= 0; bit--)
        {
            final boolean carry = remainder < 0;
            remainder = (remainder << 1) | ((lo >>> bit) & 1L);
            quotient <<= 1;
            if (carry || Long.compareUnsigned(remainder, d) >= 0)
            {
                remainder -= d;
                quotient |= 1L;
            }
        }
        return quotient;
    }

    /**
     * Write the value as plain decimal ASCII with trailing fraction zeros removed.
     *
     * @param value  fixed point.
     * @param buffer destination.
     * @param offset where to start.
     * @return bytes written.
     */
    public static int putAscii(final long value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == NULL)
        {
            return buffer.putStringWithoutLengthAscii(offset, "null");
        }
        int i = offset;
        long integer = value / SCALE;
        long fraction = value % SCALE;
        if (value < 0)
        {
            buffer.putByte(i++, (byte)'-');
            integer = -integer;
            fraction = -fraction;
        }
        i += buffer.putLongAscii(i, integer);
        if (fraction != 0)
        {
            buffer.putByte(i++, (byte)'.');
            long divisor = SCALE / 10;
            while (fraction != 0)
            {
                final long digit = fraction / divisor;
                buffer.putByte(i++, (byte)('0' + digit));
                fraction -= digit * divisor;
                divisor /= 10;
            }
        }
        return i - offset;
    }

    /**
     * Decimal text of a fixed-point value (off the hot path).
     *
     * @param value fixed point, or {@link #NULL}.
     * @return e.g. "65000.5", or "null".
     */
    public static String toString(final long value)
    {
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(32);
        final int length = putAscii(value, buffer, 0);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Decimal text suitable for a JSON number or a venue field ("65000.5"); same as {@link #toString(long)}.
     *
     * @param value fixed point.
     * @return the text, or null when the value is {@link #NULL}.
     */
    public static String toDecimalOrNull(final long value)
    {
        return value == NULL ? null : toString(value);
    }
}
