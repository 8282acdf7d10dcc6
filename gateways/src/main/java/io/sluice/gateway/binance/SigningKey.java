package io.sluice.gateway.binance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The secret half of a Binance API key: an HMAC-SHA256 secret (signature = lowercase hex) or an Ed25519 private
 * key (signature = base64 of the 64-byte signature). Signs payloads built by {@link Params}; holds its own
 * {@link Mac}/{@link Signature} instance, so one key is used from one thread (the gateway's agent).
 * Its text never leaves this object: {@link #toString()} names only the kind.
 */
public final class SigningKey
{
    /** Kind of key. */
    public enum Kind
    {
        /** HMAC-SHA256 secret key: REST and per-request WebSocket API signatures. */
        HMAC,
        /** Ed25519 private key: REST, per-request signatures and WebSocket API {@code session.logon}. */
        ED25519
    }

    private final Kind kind;
    private final Mac mac;
    private final Signature signature;

    private SigningKey(final Kind kind, final Mac mac, final Signature signature)
    {
        this.kind = kind;
        this.mac = mac;
        this.signature = signature;
    }

    /**
     * An HMAC-SHA256 key from the API secret text.
     *
     * @param secret the secret key as Binance shows it.
     * @return the key.
     * @throws IllegalArgumentException when the secret is empty.
     */
    public static SigningKey hmac(final String secret)
    {
        if (secret == null || secret.isBlank())
        {
            throw new IllegalArgumentException("HMAC secret key is empty");
        }
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SigningKey(Kind.HMAC, mac, null);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
        }
    }

    /**
     * An Ed25519 key from a PKCS#8 private key, PEM ("-----BEGIN PRIVATE KEY-----") or bare base64.
     *
     * @param pem key text.
     * @return the key.
     * @throws IllegalArgumentException when the text is not an Ed25519 PKCS#8 key (the message never quotes it).
     */
    public static SigningKey ed25519(final String pem)
    {
        if (pem == null || pem.isBlank())
        {
            throw new IllegalArgumentException("Ed25519 private key is empty");
        }
        final String base64 = pem
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        try
        {
            final byte[] der = Base64.getDecoder().decode(base64);
            return ed25519(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        }
        catch (final IllegalArgumentException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("Ed25519 private key is not a PKCS#8 Ed25519 key (PEM or base64)");
        }
    }

    /**
     * An Ed25519 key from a private key object (tests generate one).
     *
     * @param privateKey Ed25519 private key.
     * @return the key.
     */
    public static SigningKey ed25519(final PrivateKey privateKey)
    {
        try
        {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            return new SigningKey(Kind.ED25519, null, signature);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
    }

    /**
     * Kind of key.
     *
     * @return HMAC or ED25519.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Sign a payload as Binance expects for this kind of key.
     *
     * @param payload the exact text to sign (UTF-8).
     * @return lowercase hex (HMAC) or base64 (Ed25519) signature.
     */
    public String sign(final String payload)
    {
        final byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (kind == Kind.HMAC)
        {
            return hex(mac.doFinal(bytes));
        }
        try
        {
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing failed", ex);
        }
    }

    /**
     * HMAC-SHA256 of a payload as lowercase hex (the fake venue verifies with it too).
     *
     * @param secret  secret key text.
     * @param payload payload text.
     * @return lowercase hex signature.
     */
    public static String hmacHex(final String secret, final String payload)
    {
        return hmac(secret).sign(payload);
    }

    static String hex(final byte[] bytes)
    {
        final char[] digits = "0123456789abcdef".toCharArray();
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            out[2 * i] = digits[(bytes[i] >>> 4) & 0xF];
            out[2 * i + 1] = digits[bytes[i] & 0xF];
        }
        return new String(out);
    }

    public String toString()
    {
        return "SigningKey{" + kind + ", redacted}";
    }
}
