package io.sluice.gateway.india;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Time-based one-time passwords per RFC 6238 (HOTP of RFC 4226 over a time counter), as Angel One's login asks for:
 * the shared secret is the base32 text the broker shows when TOTP is enabled, the step 30 s, six digits, HMAC-SHA1.
 */
public final class Totp
{
    /** Step of the time counter used by authenticator apps and brokers. */
    public static final int STEP_SECONDS = 30;
    /** Digits of an authenticator-app code. */
    public static final int DIGITS = 6;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp()
    {
    }

    /**
     * The six-digit code an authenticator app shows for a base32 secret at a time.
     *
     * @param base32Secret  the shared secret in base32 (spaces and case ignored, padding optional).
     * @param epochSeconds  time of the login.
     * @return the code, zero padded to six digits.
     * @throws IllegalArgumentException when the secret is not base32.
     */
    public static String code(final String base32Secret, final long epochSeconds)
    {
        return code(base32Decode(base32Secret), epochSeconds, STEP_SECONDS, DIGITS, "HmacSHA1");
    }

    /**
     * A code for raw key bytes with explicit parameters (RFC 6238 section 4, appendix B test vectors).
     *
     * @param key           shared secret bytes.
     * @param epochSeconds  time.
     * @param stepSeconds   time step X.
     * @param digits        code length, 1 to 8.
     * @param hmacAlgorithm "HmacSHA1", "HmacSHA256" or "HmacSHA512".
     * @return the code, zero padded to the digits.
     */
    public static String code(
        final byte[] key, final long epochSeconds, final int stepSeconds, final int digits, final String hmacAlgorithm)
    {
        if (digits < 1 || digits > 8)
        {
            throw new IllegalArgumentException("digits must be 1 to 8, was " + digits);
        }
        final long counter = Math.floorDiv(epochSeconds, stepSeconds);
        final byte[] message = new byte[8];
        for (int i = 7, shift = 0; i >= 0; i--, shift += 8)
        {
            message[i] = (byte)(counter >>> shift);
        }
        final byte[] hash;
        try
        {
            final Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            hash = mac.doFinal(message);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot compute " + hmacAlgorithm, ex);
        }
        // Dynamic truncation, RFC 4226 section 5.3.
        final int offset = hash[hash.length - 1] & 0x0f;
        final int binary = ((hash[offset] & 0x7f) << 24) |
            ((hash[offset + 1] & 0xff) << 16) |
            ((hash[offset + 2] & 0xff) << 8) |
            (hash[offset + 3] & 0xff);
        final String text = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * Decode RFC 4648 base32 text.
     *
     * @param text base32, case-insensitive, spaces and '=' padding ignored.
     * @return the bytes.
     * @throws IllegalArgumentException on a character outside the base32 alphabet.
     */
    public static byte[] base32Decode(final String text)
    {
        final String clean = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        final byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++)
        {
            final char c = clean.charAt(i);
            final int value;
            if (c >= 'A' && c <= 'Z')
            {
                value = c - 'A';
            }
            else if (c >= '2' && c <= '7')
            {
                value = c - '2' + 26;
            }
            else
            {
                throw new IllegalArgumentException("TOTP secret is not base32 (character " + (i + 1) + ")");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                out[index++] = (byte)(buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return index == out.length ? out : java.util.Arrays.copyOf(out, index);
    }

    /**
     * Encode bytes as RFC 4648 base32 without padding (tests and fake venues).
     *
     * @param bytes the bytes.
     * @return upper-case base32 text.
     */
    public static String base32Encode(final byte[] bytes)
    {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        final StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (final byte b : bytes)
        {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5)
            {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * ASCII bytes of a text secret (the RFC test keys are ASCII digits).
     *
     * @param text the secret.
     * @return its bytes.
     */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
