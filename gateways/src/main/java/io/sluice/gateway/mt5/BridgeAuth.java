package io.sluice.gateway.mt5;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The bridge's challenge/response authentication (PROTOCOL.md, "Authentication"): each side proves it holds the
 * shared secret with an HMAC-SHA256 over both nonces and a role label, so the secret never crosses the wire and a
 * recorded exchange cannot be replayed against a fresh challenge.
 */
final class BridgeAuth
{
    /** Label of the MAC the gateway sends in {@code auth}. */
    static final String GATEWAY_LABEL = "SLUICE-MT5-1|gateway|";
    /** Label of the MAC the EA sends in {@code welcome}. */
    static final String EA_LABEL = "SLUICE-MT5-1|ea|";
    /** Bytes of randomness in a nonce (sent as 64 lowercase hex digits). */
    static final int NONCE_BYTES = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BridgeAuth()
    {
    }

    /**
     * MAC the gateway sends: HMAC-SHA256(secret, "SLUICE-MT5-1|gateway|" + nonce + "|" + cnonce) in hex.
     *
     * @param secret shared secret.
     * @param nonce  the EA's challenge from {@code hello}.
     * @param cnonce the gateway's own nonce.
     * @return 64 lowercase hex digits.
     */
    static String gatewayMac(final BridgeSecret secret, final String nonce, final String cnonce)
    {
        return hex(hmacSha256(secret.bytes(), GATEWAY_LABEL + nonce + "|" + cnonce));
    }

    /**
     * MAC the EA must answer with: HMAC-SHA256(secret, "SLUICE-MT5-1|ea|" + nonce + "|" + cnonce) in hex.
     *
     * @param secret shared secret.
     * @param nonce  the EA's challenge.
     * @param cnonce the gateway's nonce.
     * @return 64 lowercase hex digits.
     */
    static String eaMac(final BridgeSecret secret, final String nonce, final String cnonce)
    {
        return hex(hmacSha256(secret.bytes(), EA_LABEL + nonce + "|" + cnonce));
    }

    /**
     * HMAC-SHA256 of an ASCII message.
     *
     * @param key     key bytes.
     * @param message message text (UTF-8).
     * @return 32 bytes.
     */
    static byte[] hmacSha256(final byte[] key, final String message)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
        }
    }

    /**
     * A fresh nonce.
     *
     * @param random source of randomness.
     * @return 64 lowercase hex digits.
     */
    static String newNonce(final SecureRandom random)
    {
        final byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return hex(bytes);
    }

    /**
     * Whether a nonce is well formed: 32 to 128 hex digits.
     *
     * @param nonce text from the peer.
     * @return true when acceptable.
     */
    static boolean isWellFormedNonce(final String nonce)
    {
        if (nonce.length() < 32 || nonce.length() > 128)
        {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++)
        {
            if (Character.digit(nonce.charAt(i), 16) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compare two MACs in time independent of where they differ.
     *
     * @param expected the MAC computed here.
     * @param received the MAC from the peer.
     * @return true when equal (case-insensitive hex).
     */
    static boolean macEquals(final String expected, final String received)
    {
        return MessageDigest.isEqual(
            expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
            received.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Lowercase hex of bytes.
     *
     * @param bytes input.
     * @return two digits per byte.
     */
    static String hex(final byte[] bytes)
    {
        final char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            chars[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            chars[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(chars);
    }
}
