package io.sluice.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Helpers for the fixed-length, zero-padded ASCII fields of the SBE messages, used without allocating.
 */
public final class Ascii
{
    private Ascii()
    {
    }

    /**
     * Copy bytes into a fixed-length field, zero padding the rest; longer input is cut to the field.
     *
     * @param dst         buffer holding the field.
     * @param fieldOffset absolute offset of the field.
     * @param fieldLength length of the field.
     * @param src         source bytes.
     * @param srcOffset   first source byte.
     * @param srcLength   number of source bytes.
     */
    public static void putFixed(
        final MutableDirectBuffer dst,
        final int fieldOffset,
        final int fieldLength,
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength)
    {
        final int length = Math.min(srcLength, fieldLength);
        dst.putBytes(fieldOffset, src, srcOffset, length);
        if (length < fieldLength)
        {
            dst.setMemory(fieldOffset + length, fieldLength - length, (byte)0);
        }
    }

    /**
     * Copy a byte array into a fixed-length field, zero padding the rest.
     *
     * @param dst         buffer holding the field.
     * @param fieldOffset absolute offset of the field.
     * @param fieldLength length of the field.
     * @param src         source bytes, all used (cut to the field).
     */
    public static void putFixed(final MutableDirectBuffer dst, final int fieldOffset, final int fieldLength, final byte[] src)
    {
        final int length = Math.min(src.length, fieldLength);
        dst.putBytes(fieldOffset, src, 0, length);
        if (length < fieldLength)
        {
            dst.setMemory(fieldOffset + length, fieldLength - length, (byte)0);
        }
    }

    /**
     * Length of a zero-padded fixed field's content.
     *
     * @param buffer      holding the field.
     * @param fieldOffset absolute offset.
     * @param fieldLength length of the field.
     * @return bytes before the first zero.
     */
    public static int fixedLength(final DirectBuffer buffer, final int fieldOffset, final int fieldLength)
    {
        for (int i = 0; i < fieldLength; i++)
        {
            if (buffer.getByte(fieldOffset + i) == 0)
            {
                return i;
            }
        }
        return fieldLength;
    }

    /**
     * Byte-wise equality of two ranges.
     *
     * @return true when the ranges hold the same bytes.
     */
    public static boolean equals(
        final DirectBuffer a, final int aOffset, final int aLength, final DirectBuffer b, final int bOffset, final int bLength)
    {
        if (aLength != bLength)
        {
            return false;
        }
        for (int i = 0; i < aLength; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Byte-wise equality of a range and an array.
     *
     * @return true when the range holds exactly the array's bytes.
     */
    public static boolean equals(final DirectBuffer a, final int aOffset, final int aLength, final byte[] b)
    {
        if (aLength != b.length)
        {
            return false;
        }
        for (int i = 0; i < aLength; i++)
        {
            if (a.getByte(aOffset + i) != b[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * 64-bit hash of a byte range: FNV-1a folded through the murmur3 finaliser. Stable across JVMs and
     * releases, because client order ids and dedup keys are derived from it and journaled.
     *
     * @param seed   chaining value, e.g. a previous hash or 0.
     * @param buffer source.
     * @param offset first byte.
     * @param length byte count.
     * @return the hash.
     */
    public static long hash(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < length; i++)
        {
            h ^= buffer.getByte(offset + i) & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ length);
    }

    /**
     * Mix a long into a hash (murmur3 fmix64).
     *
     * @param value to mix.
     * @return mixed value.
     */
    public static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
