package io.sluice.gateway.binance.fake;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binance's signature rules, implemented independently of the gateway so the fake venue checks what the
 * documentation says rather than what the gateway does: REST signs the query string followed by the body (as sent,
 * percent-encoded); the WebSocket API signs every parameter except {@code signature}, sorted by name, joined as
 * {@code k=v&...}, not encoded. HMAC-SHA256 signatures are hex, Ed25519 signatures base64.
 */
public final class FakeAuth
{
    private FakeAuth()
    {
    }

    /**
     * The REST payload of a request: raw query string (without its {@code signature} parameter) then raw body.
     *
     * @param rawQuery query string as received, may be empty.
     * @param rawBody  form body as received, may be empty.
     * @return the signed text.
     */
    public static String restPayload(final String rawQuery, final String rawBody)
    {
        return withoutSignature(rawQuery == null ? "" : rawQuery) + withoutSignature(rawBody == null ? "" : rawBody);
    }

    /**
     * The WebSocket API payload: parameters except {@code signature}, sorted by name, unencoded.
     *
     * @param params request parameters as text.
     * @return the signed text.
     */
    public static String wsPayload(final Map<String, String> params)
    {
        final StringBuilder payload = new StringBuilder();
        for (final Map.Entry<String, String> param : new TreeMap<>(params).entrySet())
        {
            if (!"signature".equals(param.getKey()))
            {
                if (payload.length() > 0)
                {
                    payload.append('&');
                }
                payload.append(param.getKey()).append('=').append(param.getValue());
            }
        }
        return payload.toString();
    }

    /**
     * Whether a hex HMAC-SHA256 signature is right (constant-time comparison).
     *
     * @param secret    secret key.
     * @param payload   signed text.
     * @param signature hex signature as sent.
     * @return true when valid.
     */
    public static boolean verifyHmac(final String secret, final String payload, final String signature)
    {
        return MessageDigest.isEqual(
            hmacHex(secret, payload).getBytes(StandardCharsets.US_ASCII),
            signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Hex HMAC-SHA256 of a payload.
     *
     * @param secret  secret key.
     * @param payload text.
     * @return lowercase hex.
     */
    public static String hmacHex(final String secret, final String payload)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(digest.length * 2);
            for (final byte b : digest)
            {
                hex.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Whether a base64 Ed25519 signature is right.
     *
     * @param publicKey Ed25519 public key registered for the API key.
     * @param payload   signed text.
     * @param signature base64 signature as sent (already URL-decoded).
     * @return true when valid.
     */
    public static boolean verifyEd25519(final PublicKey publicKey, final String payload, final String signature)
    {
        try
        {
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(payload.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static String withoutSignature(final String raw)
    {
        final StringBuilder kept = new StringBuilder(raw.length());
        for (final String pair : raw.split("&"))
        {
            if (pair.isEmpty() || pair.startsWith("signature="))
            {
                continue;
            }
            if (kept.length() > 0)
            {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }
}
