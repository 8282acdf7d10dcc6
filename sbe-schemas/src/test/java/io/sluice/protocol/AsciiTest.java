package io.sluice.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiTest
{
    private static final byte FILL = (byte)0x7E;

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static UnsafeBuffer filled(final int capacity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[capacity]);
        buffer.setMemory(0, capacity, FILL);
        return buffer;
    }

    private static byte[] range(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] out = new byte[length];
        buffer.getBytes(offset, out, 0, length);
        return out;
    }

    @Test
    void shouldZeroPadShortValues()
    {
        final UnsafeBuffer dst = filled(16);
        Ascii.putFixed(dst, 2, 8, bytes("abc"));
        assertArrayEquals(new byte[] { FILL, FILL, 'a', 'b', 'c', 0, 0, 0, 0, 0, FILL, FILL }, range(dst, 0, 12));

        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        direct.setMemory(0, 16, FILL);
        Ascii.putFixed(direct, 1, 6, new UnsafeBuffer(bytes("xxBTCyy")), 2, 3);
        assertArrayEquals(new byte[] { FILL, 'B', 'T', 'C', 0, 0, 0, FILL }, range(direct, 0, 8));
    }

    @Test
    void shouldOverwriteAnOlderLongerValue()
    {
        final UnsafeBuffer dst = filled(16);
        Ascii.putFixed(dst, 0, 8, bytes("ETHUSDTX"));
        Ascii.putFixed(dst, 0, 8, new UnsafeBuffer(bytes("BTC")), 0, 3);
        assertEquals(3, Ascii.fixedLength(dst, 0, 8));
        assertArrayEquals(new byte[] { 'B', 'T', 'C', 0, 0, 0, 0, 0, FILL }, range(dst, 0, 9));
    }

    @Test
    void shouldCutLongValuesToTheField()
    {
        final UnsafeBuffer dst = filled(12);
        Ascii.putFixed(dst, 1, 4, bytes("abcdefghij"));
        assertArrayEquals(new byte[] { FILL, 'a', 'b', 'c', 'd', FILL }, range(dst, 0, 6));

        final UnsafeBuffer dst2 = filled(12);
        Ascii.putFixed(dst2, 1, 4, new UnsafeBuffer(bytes("abcdefghij")), 3, 7);
        assertArrayEquals(new byte[] { FILL, 'd', 'e', 'f', 'g', FILL }, range(dst2, 0, 6));
    }

    @Test
    void shouldFillAnExactFitWithoutPadding()
    {
        final UnsafeBuffer dst = filled(8);
        Ascii.putFixed(dst, 0, 4, bytes("abcd"));
        assertArrayEquals(new byte[] { 'a', 'b', 'c', 'd', FILL }, range(dst, 0, 5));
        assertEquals(4, Ascii.fixedLength(dst, 0, 4));
    }

    @Test
    void shouldMeasureContentBeforeTheFirstZero()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[] { 'x', 'a', 'b', 0, 'c', 'd', 0, 0, 'y' });
        assertEquals(2, Ascii.fixedLength(buffer, 1, 7));
        assertEquals(0, Ascii.fixedLength(buffer, 3, 4));
        assertEquals(2, Ascii.fixedLength(buffer, 4, 2), "full field");
        assertEquals(0, Ascii.fixedLength(buffer, 0, 0));
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[16]);
        assertEquals(0, Ascii.fixedLength(empty, 0, 16));
    }

    @Test
    void shouldCompareRanges()
    {
        final UnsafeBuffer a = new UnsafeBuffer(bytes("..BTCUSDT"));
        final UnsafeBuffer b = new UnsafeBuffer(bytes("BTCUSDT,,,"));
        assertTrue(Ascii.equals(a, 2, 7, b, 0, 7));
        assertFalse(Ascii.equals(a, 2, 7, b, 0, 6), "different lengths");
        assertFalse(Ascii.equals(a, 2, 7, b, 1, 7), "different bytes");
        assertTrue(Ascii.equals(a, 0, 0, b, 3, 0), "empty ranges");

        assertTrue(Ascii.equals(a, 2, 7, bytes("BTCUSDT")));
        assertFalse(Ascii.equals(a, 2, 7, bytes("BTCUSDt")));
        assertFalse(Ascii.equals(a, 2, 6, bytes("BTCUSDT")));
        assertTrue(Ascii.equals(a, 0, 0, new byte[0]));
    }

    @Test
    void shouldKeepTheHashFunctionStable()
    {
        // Pinned from an independent implementation of FNV-1a 64 folded through murmur3 fmix64. Client order
        // ids and dedup keys derive from this hash and are journaled: a change must fail here.
        assertEquals(3_484_236_689_960_450_120L, hash(0, "BTCUSDT"));
        assertEquals(-1_166_397_803_181_037_274L, hash(0, ""));
        assertEquals(3_750_654_074_969_872_312L, hash(0, "acct-1"));
        assertEquals(3_284_344_626_719_475_566L, hash(hash(0, "acct-1"), "sig-1"));
        assertEquals(-5_451_962_507_482_445_012L, Ascii.mix(1));
        assertEquals(0L, Ascii.mix(0));
    }

    @Test
    void shouldHashContentNotPosition()
    {
        final UnsafeBuffer shifted = new UnsafeBuffer(bytes("***BTCUSDT***"));
        assertEquals(hash(0, "BTCUSDT"), Ascii.hash(0, shifted, 3, 7));
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        direct.putBytes(4, bytes("BTCUSDT"));
        assertEquals(hash(0, "BTCUSDT"), Ascii.hash(0, direct, 4, 7));

        assertNotEquals(hash(0, "BTCUSDT"), hash(1, "BTCUSDT"), "seed matters");
        assertNotEquals(hash(0, "BTCUSDT"), hash(0, "BTCUSDt"));
        assertNotEquals(hash(0, "ab"), hash(0, "ba"));
        final UnsafeBuffer zeros = new UnsafeBuffer(new byte[2]);
        assertNotEquals(Ascii.hash(0, zeros, 0, 1), Ascii.hash(0, zeros, 0, 2), "length matters even for zero bytes");
    }

    private static long hash(final long seed, final String text)
    {
        final byte[] bytes = bytes(text);
        return Ascii.hash(seed, new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
