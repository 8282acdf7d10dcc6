package io.sluice.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Deterministic client order ids: a 64-bit key from (account, signal id, leg, attempt) written as 13
 * base-36 characters. 13 alphanumerics fit every venue's rule (Binance ≤ 36 of [A-Za-z0-9._:/-],
 * Kite tag ≤ 20 alphanumerics, MT5 comment), and the text maps back to the key without allocating.
 */
public final class ClientOrderIds
{
    /** Characters in an id. */
    public static final int LENGTH = 13;
    /** Returned by {@link #parse} when the text is not an id of ours. */
    public static final long INVALID = 0;

    private static final byte[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ClientOrderIds()
    {
    }

    /**
     * The key of an order; never {@link #INVALID}.
     *
     * @param accountHash  hash of the account name.
     * @param signalBuffer holding the signal id.
     * @param signalOffset first byte of the signal id.
     * @param signalLength length of the signal id.
     * @param leg          leg number within the signal.
     * @param attempt      attempt number for the leg.
     * @return the key.
     */
    public static long key(
        final long accountHash,
        final DirectBuffer signalBuffer,
        final int signalOffset,
        final int signalLength,
        final int leg,
        final int attempt)
    {
        final long h = Ascii.mix(Ascii.hash(accountHash, signalBuffer, signalOffset, signalLength) ^ ((long)leg << 8 | attempt));
        return h == INVALID ? 1 : h;
    }

    /**
     * The key of the next attempt of the same (account, signal id, leg): equal to {@link #key} called with
     * {@code attempt + 1}, computed from the key alone (the mix is a bijection, so it can be undone).
     *
     * @param key     the key of attempt {@code attempt}.
     * @param attempt the attempt number of {@code key}, 0..254.
     * @return the key of attempt {@code attempt + 1}.
     */
    public static long nextAttempt(final long key, final int attempt)
    {
        final long h = Ascii.mix(unmix(key) ^ (attempt ^ (attempt + 1)));
        return h == INVALID ? 1 : h;
    }

    private static long unmix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0x9cb4b2f8129337dbL; // inverse of 0xc4ceb9fe1a85ec53
        h ^= h >>> 33;
        h *= 0x4f74430c22a54005L; // inverse of 0xff51afd7ed558ccd
        h ^= h >>> 33;
        return h;
    }

    /**
     * Write the 13-character text of a key.
     *
     * @param key    order key.
     * @param buffer destination.
     * @param offset first character.
     */
    public static void put(final long key, final MutableDirectBuffer buffer, final int offset)
    {
        long remaining = key;
        for (int i = LENGTH - 1; i >= 0; i--)
        {
            final int digit = (int)Long.remainderUnsigned(remaining, 36);
            remaining = Long.divideUnsigned(remaining, 36);
            buffer.putByte(offset + i, DIGITS[digit]);
        }
    }

    /**
     * Parse the text of an id back to its key.
     *
     * @param buffer holding the text.
     * @param offset first character.
     * @param length text length.
     * @return the key, or {@link #INVALID}.
     */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != LENGTH)
        {
            return INVALID;
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            final byte b = buffer.getByte(offset + i);
            final int digit;
            if (b >= '0' && b <= '9')
            {
                digit = b - '0';
            }
            else if (b >= 'A' && b <= 'Z')
            {
                digit = b - 'A' + 10;
            }
            else
            {
                return INVALID;
            }
            final long hi = Math.multiplyHigh(value, 36L) + (value < 0 ? 36L : 0L);
            if (hi != 0)
            {
                return INVALID;
            }
            final long next = value * 36 + digit;
            if (Long.compareUnsigned(next, value * 36) < 0)
            {
                return INVALID;
            }
            value = next;
        }
        return value;
    }

    /**
     * Text of a key (off the hot path).
     *
     * @param key order key.
     * @return 13 characters.
     */
    public static String toString(final long key)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[LENGTH]);
        put(key, buffer, 0);
        return buffer.getStringWithoutLengthAscii(0, LENGTH);
    }
}
