package io.sluice.gateway.india;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 checksums the brokers use: Kite's session checksum {@code sha256(api_key + request_token + api_secret)} and
 * postback checksum {@code sha256(order_id + order_timestamp + api_secret)}, as lower-case hex.
 */
public final class Checksums
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Checksums()
    {
    }

    /**
     * Hex SHA-256 of the UTF-8 concatenation of the parts.
     *
     * @param parts texts joined without separator.
     * @return 64 lower-case hex characters.
     */
    public static String sha256Hex(final String... parts)
    {
        final MessageDigest digest;
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
        for (final String part : parts)
        {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        final byte[] hash = digest.digest();
        final char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++)
        {
            out[2 * i] = HEX[(hash[i] >>> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Compare two checksums in time independent of where they differ.
     *
     * @param expected computed checksum.
     * @param actual   received checksum, may be null.
     * @return true when equal.
     */
    public static boolean matches(final String expected, final String actual)
    {
        return actual != null && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII), actual.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
