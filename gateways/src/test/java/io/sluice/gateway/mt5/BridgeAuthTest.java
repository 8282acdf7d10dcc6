package io.sluice.gateway.mt5;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeAuthTest
{
    // RFC 4231 section 4.3, test case 2: the HMAC-SHA256 the EA implements by hand must give the same answer.
    @Test
    void shouldMatchTheRfc4231HmacSha256TestVector()
    {
        final byte[] mac = BridgeAuth.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?");
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", BridgeAuth.hex(mac));
    }

    // RFC 4231 section 4.7, test case 6: a key longer than the SHA-256 block is hashed first.
    @Test
    void shouldMatchTheRfc4231VectorForAKeyLongerThanTheBlock()
    {
        final byte[] key = new byte[131];
        java.util.Arrays.fill(key, (byte)0xaa);
        final byte[] mac = BridgeAuth.hmacSha256(key, "Test Using Larger Than Block-Size Key - Hash Key First");
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", BridgeAuth.hex(mac));
    }

    @Test
    void shouldBindTheMacToBothNoncesAndTheRole()
    {
        final BridgeSecret secret = BridgeSecret.fromEnvironment("S", (name) -> "0123456789abcdef0123");
        final String nonce = "aa".repeat(32);
        final String cnonce = "bb".repeat(32);

        final String gateway = BridgeAuth.gatewayMac(secret, nonce, cnonce);
        assertEquals(BridgeAuth.hex(BridgeAuth.hmacSha256(
            "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), "SLUICE-MT5-1|gateway|" + nonce + "|" + cnonce)), gateway);
        assertNotEquals(gateway, BridgeAuth.eaMac(secret, nonce, cnonce), "a reflected MAC must not pass as the EA's");
        assertNotEquals(gateway, BridgeAuth.gatewayMac(secret, "cc".repeat(32), cnonce), "a new challenge needs a new MAC");
        assertTrue(BridgeAuth.macEquals(gateway, gateway.toUpperCase(java.util.Locale.ROOT)));
        assertFalse(BridgeAuth.macEquals(gateway, gateway.substring(1)));
    }

    @Test
    void shouldMakeFreshWellFormedNoncesAndRefuseMalformedOnes()
    {
        final SecureRandom random = new SecureRandom();
        final String nonce = BridgeAuth.newNonce(random);
        assertEquals(64, nonce.length());
        assertTrue(BridgeAuth.isWellFormedNonce(nonce));
        assertNotEquals(nonce, BridgeAuth.newNonce(random));
        assertFalse(BridgeAuth.isWellFormedNonce("abc"));
        assertFalse(BridgeAuth.isWellFormedNonce("zz".repeat(32)));
    }
}
