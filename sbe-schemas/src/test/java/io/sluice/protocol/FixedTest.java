package io.sluice.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedTest
{
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private static long parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Fixed.parse(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @Test
    void shouldParseIntegers()
    {
        assertEquals(0L, parse("0"));
        assertEquals(12 * Fixed.SCALE, parse("12"));
        assertEquals(-7 * Fixed.SCALE, parse("-7"));
        assertEquals(3 * Fixed.SCALE, parse("+3"));
        assertEquals(123 * Fixed.SCALE, parse("000123"));
        assertEquals(0L, parse("-0"));
        assertEquals(Fixed.of(65_000), parse("65000"));
    }

    @Test
    void shouldParseFractions()
    {
        assertEquals(150_000_000L, parse("1.5"));
        assertEquals(-50_000_000L, parse("-0.5"));
        assertEquals(10_000_000L, parse("+0.1"));
        assertEquals(1L, parse("0.00000001"));
        assertEquals(-1L, parse("-0.00000001"));
        assertEquals(6_500_012_345_678L, parse("65000.12345678"));
        assertEquals(150_000_000L, parse("1.50000000"));
        assertEquals(100_000_000L, parse("1.0"));
    }

    @Test
    void shouldRejectMoreThanEightDecimals()
    {
        assertEquals(Fixed.PARSE_ERROR, parse("1.123456789"));
        assertEquals(Fixed.PARSE_ERROR, parse("0.000000001"));
        assertEquals(Fixed.PARSE_ERROR, parse("1.000000000"));
    }

    @Test
    void shouldRejectExponents()
    {
        assertEquals(Fixed.PARSE_ERROR, parse("1e5"));
        assertEquals(Fixed.PARSE_ERROR, parse("1E5"));
        assertEquals(Fixed.PARSE_ERROR, parse("1.5e-3"));
        assertEquals(Fixed.PARSE_ERROR, parse("2E+2"));
    }

    @Test
    void shouldRejectMisplacedSigns()
    {
        assertEquals(Fixed.PARSE_ERROR, parse("-"));
        assertEquals(Fixed.PARSE_ERROR, parse("+"));
        assertEquals(Fixed.PARSE_ERROR, parse("--1"));
        assertEquals(Fixed.PARSE_ERROR, parse("+-1"));
        assertEquals(Fixed.PARSE_ERROR, parse("1-"));
        assertEquals(Fixed.PARSE_ERROR, parse("1.-5"));
        assertEquals(Fixed.PARSE_ERROR, parse("- 1"));
    }

    @Test
    void shouldRejectEmptyAndIncompleteText()
    {
        assertEquals(Fixed.PARSE_ERROR, parse(""));
        assertEquals(Fixed.PARSE_ERROR, parse("."));
        assertEquals(Fixed.PARSE_ERROR, parse(".5"));
        assertEquals(Fixed.PARSE_ERROR, parse("5."));
        assertEquals(Fixed.PARSE_ERROR, parse("-.5"));
        assertEquals(Fixed.PARSE_ERROR, Fixed.parse(new UnsafeBuffer(new byte[4]), 0, -1));
    }

    @Test
    void shouldRejectGarbage()
    {
        for (final String text : new String[] {
            "abc", "1,000", "1_000", "0x10", "NaN", "Infinity", "1.2.3", " 1", "1 ", "1\n", "\u00bd", "12a", "1.5x", "$5" })
        {
            assertEquals(Fixed.PARSE_ERROR, parse(text), text);
        }
        assertEquals(Fixed.PARSE_ERROR, parse("\u0661"), "non-ASCII digit");
        assertEquals(Fixed.PARSE_ERROR, parse("0".repeat(40) + "1"), "longer than 40 characters");
    }

    @Test
    void shouldRejectOverflowInsteadOfWrapping()
    {
        assertEquals(Long.MAX_VALUE, parse("92233720368.54775807"));
        assertEquals(-Long.MAX_VALUE + 1, parse("-92233720368.54775806"));
        assertEquals(Fixed.PARSE_ERROR, parse("92233720368.54775808"));
        assertEquals(Fixed.PARSE_ERROR, parse("92233720368.99999999"));
        assertEquals(Fixed.PARSE_ERROR, parse("-92233720368.54775808"), "must not yield NULL (Long.MIN_VALUE)");
        assertEquals(Fixed.PARSE_ERROR, parse("-92233720368.6"));
        assertEquals(Fixed.PARSE_ERROR, parse("92233720369"));
        assertEquals(Fixed.PARSE_ERROR, parse("99999999999999999999"));
        assertEquals(Fixed.PARSE_ERROR, parse("18446744073709551616"));
    }

    @Test
    void shouldParseInsideALargerBuffer()
    {
        final byte[] bytes = "xx-12.25yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1_225_000_000L, Fixed.parse(new UnsafeBuffer(bytes), 2, 6));
        assertEquals(-12 * Fixed.SCALE, Fixed.parse(new UnsafeBuffer(bytes), 2, 3));
    }

    @Test
    void shouldParseStringsOrThrow()
    {
        assertEquals(150_000_000L, Fixed.parse(" 1.5 "));
        assertThrows(IllegalArgumentException.class, () -> Fixed.parse("1.5e3"));
        assertThrows(IllegalArgumentException.class, () -> Fixed.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Fixed.parse("92233720368.54775808"));
    }

    @Test
    void shouldFormatPlainDecimals()
    {
        assertEquals("1.5", Fixed.toString(150_000_000L));
        assertEquals("-0.5", Fixed.toString(-50_000_000L));
        assertEquals("0", Fixed.toString(0L));
        assertEquals("100", Fixed.toString(Fixed.of(100)));
        assertEquals("0.00000001", Fixed.toString(1L));
        assertEquals("-0.00000001", Fixed.toString(-1L));
        assertEquals("-3", Fixed.toString(Fixed.of(-3)));
        assertEquals("65000.12345678", Fixed.toString(6_500_012_345_678L));
        assertEquals("0.1", Fixed.toString(10_000_000L));
        assertEquals("92233720368.54775807", Fixed.toString(Long.MAX_VALUE));
        assertEquals("-92233720368.54775807", Fixed.toString(Long.MIN_VALUE + 1));
        assertEquals("null", Fixed.toString(Fixed.NULL));
        assertNull(Fixed.toDecimalOrNull(Fixed.NULL));
        assertEquals("2.05", Fixed.toDecimalOrNull(205_000_000L));
    }

    @Test
    void shouldPutAsciiAtAnOffsetAndReturnTheLength()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.setMemory(0, 64, (byte)'#');
        final int length = Fixed.putAscii(-1_225_000_000L, buffer, 5);
        assertEquals(6, length);
        assertEquals("#####-12.25#", buffer.getStringWithoutLengthAscii(0, 12));
        assertEquals(4, Fixed.putAscii(Fixed.NULL, buffer, 0));
        assertEquals("null", buffer.getStringWithoutLengthAscii(0, 4));
    }

    @Test
    void shouldRoundTripRandomValuesThroughTextAndMatchBigDecimal()
    {
        final Random random = new Random(42);
        for (int i = 0; i < 20_000; i++)
        {
            final long value = randomValue(random);
            if (value == Fixed.NULL || value == Fixed.PARSE_ERROR)
            {
                continue;
            }
            final String text = Fixed.toString(value);
            assertEquals(BigDecimal.valueOf(value, Fixed.DECIMALS).stripTrailingZeros().toPlainString(), text);
            assertEquals(value, parse(text), text);
        }
    }

    @Test
    void shouldMultiplyLikeBigInteger()
    {
        assertEquals(Fixed.parse("97500.75"), Fixed.multiply(Fixed.parse("65000.5"), Fixed.parse("1.5")));
        assertEquals(Fixed.parse("-0.00000001"), Fixed.multiply(Fixed.parse("-0.0001"), Fixed.parse("0.0001")));
        assertEquals(0L, Fixed.multiply(Fixed.parse("0.00000001"), Fixed.parse("0.5")), "truncates toward zero");
        assertEquals(0L, Fixed.multiply(Fixed.parse("-0.00000001"), Fixed.parse("0.5")), "truncates toward zero");
        assertEquals(Long.MAX_VALUE, Fixed.multiply(Long.MAX_VALUE, Fixed.of(2)), "saturates");
        assertEquals(Long.MIN_VALUE, Fixed.multiply(Long.MAX_VALUE, Fixed.of(-2)), "saturates");

        final Random random = new Random(7);
        for (int i = 0; i < 50_000; i++)
        {
            final long a = randomValue(random);
            final long b = randomValue(random);
            assertEquals(expectedMulDiv(a, b, Fixed.SCALE), Fixed.multiply(a, b), () -> "multiply(" + a + ", " + b + ")");
        }
    }

    @Test
    void shouldMulDivLikeBigIntegerIncludingSaturation()
    {
        final long[] edges = { 0, 1, -1, 2, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
            Fixed.SCALE, -Fixed.SCALE, 1L << 32, -(1L << 32), (1L << 62), 3, 7, 36 };
        for (final long a : edges)
        {
            for (final long b : edges)
            {
                for (final long c : edges)
                {
                    if (c != 0)
                    {
                        assertEquals(expectedMulDiv(a, b, c), Fixed.mulDiv(a, b, c), () -> "mulDiv(" + a + ", " + b + ", " + c + ")");
                    }
                }
            }
        }

        final Random random = new Random(11);
        int saturated = 0;
        for (int i = 0; i < 100_000; i++)
        {
            final long a = randomValue(random);
            final long b = randomValue(random);
            long c = randomValue(random);
            if (c == 0)
            {
                c = 1;
            }
            final long expected = expectedMulDiv(a, b, c);
            if (expected == Long.MAX_VALUE || expected == Long.MIN_VALUE)
            {
                saturated++;
            }
            final long divisor = c;
            assertEquals(expected, Fixed.mulDiv(a, b, c), () -> "mulDiv(" + a + ", " + b + ", " + divisor + ")");
        }
        assertEquals(true, saturated > 1_000, "the random values must reach saturation often, saw " + saturated);
        assertThrows(ArithmeticException.class, () -> Fixed.mulDiv(1, 1, 0));
    }

    @Test
    void shouldMulDivWithThirtyTwoBitDivisorsAroundTheirEdges()
    {
        final long[] divisors = { 1, 2, 3, Fixed.SCALE, (1L << 31) - 1, 1L << 31, (1L << 31) + 1, 0xFFFF_FFFEL, 0xFFFF_FFFFL,
            1L << 32, (1L << 32) + 1 };
        final Random random = new Random(13);
        for (final long c : divisors)
        {
            for (int i = 0; i < 20_000; i++)
            {
                // Products above 2^64 with a quotient that still fits: the two-digit division path.
                final long a = random.nextLong() >>> (1 + random.nextInt(8));
                final long b = (random.nextLong() >>> 33) | 1L;
                final long signedA = random.nextBoolean() ? a : -a;
                final long signedC = random.nextBoolean() ? c : -c;
                assertEquals(expectedMulDiv(signedA, b, signedC), Fixed.mulDiv(signedA, b, signedC),
                    () -> "mulDiv(" + signedA + ", " + b + ", " + signedC + ")");
            }
        }
    }

    private static long expectedMulDiv(final long a, final long b, final long c)
    {
        final BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        if (exact.compareTo(LONG_MAX) > 0)
        {
            return Long.MAX_VALUE;
        }
        if (exact.compareTo(LONG_MIN) < 0)
        {
            return Long.MIN_VALUE;
        }
        return exact.longValueExact();
    }

    /** Values spread over every magnitude: full-range longs, prices and quantities, tiny values and the extremes. */
    private static long randomValue(final Random random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return random.nextLong();
            case 1:
                return random.nextLong() >> random.nextInt(64);
            case 2:
                return (random.nextBoolean() ? 1 : -1) * (long)(random.nextInt(1_000_000)) * Fixed.SCALE / 100;
            case 3:
                return random.nextInt(1000) - 500;
            case 4:
                return random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3);
            default:
                return (random.nextBoolean() ? 1 : -1) * (1L << random.nextInt(63)) + random.nextInt(3) - 1;
        }
    }
}
