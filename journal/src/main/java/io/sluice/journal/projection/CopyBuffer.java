package io.sluice.journal.projection;

import java.util.Arrays;
import java.util.List;

import io.sluice.protocol.Fixed;
import org.agrona.DirectBuffer;

/**
 * Rows in PostgreSQL's COPY text format (tab separated, {@code \N} for null, backslash escapes), written
 * straight from journal fields into a growing byte array so a whole batch goes to the server in one COPY.
 * Text is always valid UTF-8 without NUL: bytes that are not would make the server refuse the batch, so
 * they become U+FFFD.
 */
final class CopyBuffer
{
    private static final byte[] NULL = { '\\', 'N' };
    private static final byte[] REPLACEMENT = { (byte)0xEF, (byte)0xBF, (byte)0xBD };
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private byte[] bytes;
    private int length;
    private int rows;
    private boolean rowStart = true;

    CopyBuffer(final int initialCapacity)
    {
        bytes = new byte[initialCapacity];
    }

    int length()
    {
        return length;
    }

    int rows()
    {
        return rows;
    }

    byte[] array()
    {
        return bytes;
    }

    void clear()
    {
        length = 0;
        rows = 0;
        rowStart = true;
    }

    void endRow()
    {
        put((byte)'\n');
        rows++;
        rowStart = true;
    }

    CopyBuffer nul()
    {
        separator();
        put(NULL);
        return this;
    }

    CopyBuffer longValue(final long value)
    {
        separator();
        if (value == Long.MIN_VALUE)
        {
            putAscii(Long.toString(value));
            return this;
        }
        long remaining = value;
        if (remaining < 0)
        {
            put((byte)'-');
            remaining = -remaining;
        }
        putDigits(remaining);
        return this;
    }

    /** An index or count that may be absent (negative). */
    CopyBuffer indexOrNull(final long value)
    {
        return value < 0 ? nul() : longValue(value);
    }

    CopyBuffer fixed(final long value)
    {
        if (value == Fixed.NULL)
        {
            return nul();
        }
        separator();
        long integer = value / Fixed.SCALE;
        long fraction = value % Fixed.SCALE;
        if (value < 0)
        {
            put((byte)'-');
            integer = -integer;
            fraction = -fraction;
        }
        putDigits(integer);
        if (fraction != 0)
        {
            put((byte)'.');
            long divisor = Fixed.SCALE / 10;
            while (fraction != 0)
            {
                final long digit = fraction / divisor;
                put((byte)('0' + digit));
                fraction -= digit * divisor;
                divisor /= 10;
            }
        }
        return this;
    }

    /** Epoch nanoseconds as a UTC timestamp with microseconds (PostgreSQL's resolution, truncated). */
    CopyBuffer timestamp(final long epochNs)
    {
        separator();
        final long micros = Math.floorDiv(epochNs, NANOS_PER_MICRO);
        final long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        final long microOfSecond = Math.floorMod(micros, MICROS_PER_SECOND);
        final long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        final long secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        putCivilDate(days);
        put((byte)' ');
        putTwo(secondOfDay / 3600);
        put((byte)':');
        putTwo(secondOfDay / 60 % 60);
        put((byte)':');
        putTwo(secondOfDay % 60);
        put((byte)'.');
        long divisor = 100_000L;
        for (int i = 0; i < 6; i++)
        {
            put((byte)('0' + microOfSecond / divisor % 10));
            divisor /= 10;
        }
        put((byte)'+');
        put((byte)'0');
        put((byte)'0');
        return this;
    }

    /** A timestamp where 0 means absent (e.g. a transact time the venue did not give). */
    CopyBuffer timestampOrNull(final long epochNs)
    {
        return epochNs == 0 ? nul() : timestamp(epochNs);
    }

    CopyBuffer text(final String value)
    {
        if (value == null)
        {
            return nul();
        }
        separator();
        final int n = value.length();
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                asciiChar(c);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                codePoint(Character.toCodePoint(c, value.charAt(++i)));
            }
            else if (Character.isSurrogate(c))
            {
                put(REPLACEMENT);
            }
            else
            {
                codePoint(c);
            }
        }
        return this;
    }

    /**
     * A zero-padded fixed-length ASCII field: the characters before the first zero, null when empty.
     */
    CopyBuffer fixedChars(final DirectBuffer buffer, final int offset, final int maxLength)
    {
        int end = 0;
        while (end < maxLength && buffer.getByte(offset + end) != 0)
        {
            end++;
        }
        if (end == 0)
        {
            return nul();
        }
        separator();
        for (int i = 0; i < end; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            if (b < 0x80)
            {
                asciiChar((char)b);
            }
            else
            {
                put(REPLACEMENT);
            }
        }
        return this;
    }

    /** Bytes as bytea in hex form. */
    CopyBuffer bytea(final DirectBuffer buffer, final int offset, final int byteLength)
    {
        separator();
        ensure(3 + 2 * byteLength);
        // COPY text unescapes "\\" to "\", leaving the "\x..." hex form bytea expects.
        bytes[length++] = '\\';
        bytes[length++] = '\\';
        bytes[length++] = 'x';
        for (int i = 0; i < byteLength; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            bytes[length++] = HEX[b >>> 4];
            bytes[length++] = HEX[b & 0xF];
        }
        return this;
    }

    /** A text[] of plain ASCII identifiers (client order ids). */
    CopyBuffer identifierArray(final List<String> values)
    {
        separator();
        put((byte)'{');
        for (int i = 0; i < values.size(); i++)
        {
            if (i > 0)
            {
                put((byte)',');
            }
            put((byte)'"');
            final String value = values.get(i);
            for (int k = 0; k < value.length(); k++)
            {
                final char c = value.charAt(k);
                if (c == '"' || c == '\\')
                {
                    // Escaped once for the array literal and once more for COPY.
                    put((byte)'\\');
                    put((byte)'\\');
                }
                if (c < 0x80)
                {
                    asciiChar(c);
                }
                else
                {
                    put(REPLACEMENT);
                }
            }
            put((byte)'"');
        }
        put((byte)'}');
        return this;
    }

    private void asciiChar(final char c)
    {
        switch (c)
        {
            case '\\':
                put((byte)'\\');
                put((byte)'\\');
                break;
            case '\t':
                put((byte)'\\');
                put((byte)'t');
                break;
            case '\n':
                put((byte)'\\');
                put((byte)'n');
                break;
            case '\r':
                put((byte)'\\');
                put((byte)'r');
                break;
            case 0:
                put(REPLACEMENT);
                break;
            default:
                put((byte)c);
        }
    }

    private void codePoint(final int codePoint)
    {
        if (codePoint < 0x800)
        {
            put((byte)(0xC0 | (codePoint >>> 6)));
            put((byte)(0x80 | (codePoint & 0x3F)));
        }
        else if (codePoint < 0x10000)
        {
            put((byte)(0xE0 | (codePoint >>> 12)));
            put((byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
            put((byte)(0x80 | (codePoint & 0x3F)));
        }
        else
        {
            put((byte)(0xF0 | (codePoint >>> 18)));
            put((byte)(0x80 | ((codePoint >>> 12) & 0x3F)));
            put((byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
            put((byte)(0x80 | (codePoint & 0x3F)));
        }
    }

    // Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
    private void putCivilDate(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1000 || year > 9999)
        {
            putAscii(String.format("%04d", year));
        }
        else
        {
            putDigits(year);
        }
        put((byte)'-');
        putTwo(month);
        put((byte)'-');
        putTwo(day);
    }

    private void putTwo(final long value)
    {
        put((byte)('0' + value / 10));
        put((byte)('0' + value % 10));
    }

    private void putDigits(final long value)
    {
        if (value >= 10)
        {
            putDigits(value / 10);
        }
        put((byte)('0' + value % 10));
    }

    private void putAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            put((byte)text.charAt(i));
        }
    }

    private void separator()
    {
        if (rowStart)
        {
            rowStart = false;
        }
        else
        {
            put((byte)'\t');
        }
    }

    private void put(final byte b)
    {
        if (length == bytes.length)
        {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    private void put(final byte[] src)
    {
        ensure(src.length);
        System.arraycopy(src, 0, bytes, length, src.length);
        length += src.length;
    }

    private void ensure(final int extra)
    {
        if (length + extra > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
