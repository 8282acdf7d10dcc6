package io.sluice.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIdsTest
{
    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long parse(final String text)
    {
        final UnsafeBuffer buffer = ascii(text);
        return ClientOrderIds.parse(buffer, 0, buffer.capacity());
    }

    private static void assertIdText(final String text)
    {
        assertEquals(ClientOrderIds.LENGTH, text.length(), text);
        assertTrue(text.matches("[0-9A-Z]{13}"), text);
    }

    @Test
    void shouldRoundTripRandomKeysThroughTheirText()
    {
        final Random random = new Random(13);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ClientOrderIds.LENGTH + 10]);
        for (int i = 0; i < 50_000; i++)
        {
            final long key = i % 3 == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextLong();
            if (key == ClientOrderIds.INVALID)
            {
                continue;
            }
            ClientOrderIds.put(key, buffer, 5);
            final String text = buffer.getStringWithoutLengthAscii(5, ClientOrderIds.LENGTH);
            assertIdText(text);
            assertEquals(text, ClientOrderIds.toString(key));
            assertEquals(key, ClientOrderIds.parse(buffer, 5, ClientOrderIds.LENGTH), text);
        }
    }

    @Test
    void shouldRoundTripExtremeKeys()
    {
        final long[] keys = { 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 35, 36, -36 };
        for (final long key : keys)
        {
            final String text = ClientOrderIds.toString(key);
            assertIdText(text);
            assertEquals(key, parse(text), text);
        }
        assertEquals("0000000000001", ClientOrderIds.toString(1));
        assertEquals("3W5E11264SGSF", ClientOrderIds.toString(-1), "2^64-1, the largest unsigned key");
        assertEquals("1Y2P0IJ32E8E8", ClientOrderIds.toString(Long.MIN_VALUE), "2^63");
    }

    @Test
    void shouldRejectTextsThatAreNotIds()
    {
        for (final String text : new String[] {
            "", "000000000001", "00000000000001", "3w5e11264sgsf", "0K3ZJ8QW1B2C-", "0K3ZJ8QW1B2C ", " 0K3ZJ8QW1B2C",
            "0K3ZJ8QW1B2C\u00c9", "0K3ZJ8QW1B2C_", "ZZZZZZZZZZZZZ", "3W5E11264SGSG", "4000000000000", "0000000000000" })
        {
            assertEquals(ClientOrderIds.INVALID, parse(text), text);
        }
    }

    @Test
    void shouldParseAtAnOffset()
    {
        final UnsafeBuffer buffer = ascii("xx3W5E11264SGSFyy");
        assertEquals(-1L, ClientOrderIds.parse(buffer, 2, ClientOrderIds.LENGTH));
        assertEquals(ClientOrderIds.INVALID, ClientOrderIds.parse(buffer, 3, ClientOrderIds.LENGTH));
    }

    @Test
    void shouldDeriveKeysDeterministicallyAndNeverInvalid()
    {
        final UnsafeBuffer signal = ascii("xsig-1");
        final long accountHash = Ascii.hash(0, ascii("acct-1"), 0, 6);
        final long key = ClientOrderIds.key(accountHash, signal, 1, 5, 1, 2);

        assertEquals(-190_997_678_225_716_076L, key, "keys are journaled: the derivation must never change");
        assertEquals("3UP5E043N439W", ClientOrderIds.toString(key));
        assertEquals(key, ClientOrderIds.key(accountHash, ascii("sig-1"), 0, 5, 1, 2));
        assertNotEquals(key, ClientOrderIds.key(accountHash, signal, 1, 5, 1, 3));
        assertNotEquals(key, ClientOrderIds.key(accountHash, signal, 1, 5, 2, 2));
        assertNotEquals(key, ClientOrderIds.key(accountHash + 1, signal, 1, 5, 1, 2));
        assertNotEquals(key, ClientOrderIds.key(accountHash, ascii("sig-2"), 0, 5, 1, 2));

        final Random random = new Random(17);
        final Set<Long> seen = new HashSet<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        for (int i = 0; i < 20_000; i++)
        {
            random.nextBytes(buffer.byteArray());
            final int length = random.nextInt(33);
            final long k = ClientOrderIds.key(random.nextLong(), buffer, 0, length, random.nextInt(4), random.nextInt(8));
            assertNotEquals(ClientOrderIds.INVALID, k);
            assertEquals(k, parse(ClientOrderIds.toString(k)));
            seen.add(k);
        }
        assertTrue(seen.size() > 19_990, "keys of distinct inputs should not collide, distinct=" + seen.size());
    }

    @org.junit.jupiter.api.Test
    void shouldDeriveTheNextAttemptsKeyFromTheKeyAlone()
    {
        final org.agrona.concurrent.UnsafeBuffer signal = new org.agrona.concurrent.UnsafeBuffer(
            "sig-recon-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int leg = 0; leg < 600; leg += 257)
        {
            for (int attempt = 0; attempt < 5; attempt++)
            {
                final long key = ClientOrderIds.key(77L, signal, 0, signal.capacity(), leg, attempt);
                org.junit.jupiter.api.Assertions.assertEquals(
                    ClientOrderIds.key(77L, signal, 0, signal.capacity(), leg, attempt + 1), ClientOrderIds.nextAttempt(key, attempt));
            }
        }
    }
}
