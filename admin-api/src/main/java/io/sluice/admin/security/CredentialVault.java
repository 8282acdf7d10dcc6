package io.sluice.admin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Broker credentials (API secrets, passwords, TOTP seeds) encrypted at rest with AES-256-GCM: a fresh 96-bit nonce
 * per value and the account and name as associated data, so a ciphertext cannot be moved to another slot. The key
 * comes from the environment or a key file and never from the credentials file. Values are only ever shown masked;
 * {@link #reveal} is for in-process consumers and is never reachable over HTTP.
 */
public final class CredentialVault
{
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A credential as it may be shown.
     *
     * @param account     account it belongs to.
     * @param name        e.g. "apiSecret".
     * @param masked      e.g. "••••••••wxyz" (the last 4 characters only for values of 12 or more).
     * @param updatedAtMs wall clock of the last change.
     */
    public record Masked(String account, String name, String masked, long updatedAtMs)
    {
    }

    private record Entry(String account, String name, byte[] nonce, byte[] ciphertext, long updatedAtMs)
    {
    }

    private final Path file;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * Open (or start) a vault.
     *
     * @param file     the encrypted credentials file.
     * @param keyBytes 32-byte AES key.
     */
    public CredentialVault(final Path file, final byte[] keyBytes)
    {
        if (keyBytes == null || keyBytes.length != 32)
        {
            throw new IllegalArgumentException("the credentials key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.file = file;
        this.key = new SecretKeySpec(keyBytes, "AES");
        load();
    }

    /**
     * Decode a configured key: base64 of 32 bytes (whitespace ignored).
     *
     * @param text the configured text.
     * @return the key bytes.
     */
    public static byte[] decodeKey(final String text)
    {
        try
        {
            final byte[] key = Base64.getDecoder().decode(text.strip());
            if (key.length != 32)
            {
                throw new IllegalArgumentException("the credentials key must be base64 of exactly 32 bytes");
            }
            return key;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("the credentials key must be base64 of exactly 32 bytes");
        }
    }

    /**
     * Check a slot name part: 1 to 32 of letters, digits and . _ -.
     *
     * @param what  "account" or "name".
     * @param value candidate.
     */
    public static void checkSlot(final String what, final String value)
    {
        if (value == null || value.isEmpty() || value.length() > 32 || !value.matches("[A-Za-z0-9._-]+"))
        {
            throw new IllegalArgumentException(what + " must be 1 to 32 characters of letters, digits and . _ -");
        }
    }

    /**
     * Store or replace a credential.
     *
     * @param account account.
     * @param name    credential name.
     * @param value   the secret; the caller should clear its array afterwards.
     * @param nowMs   wall clock.
     * @return true when a value was replaced.
     */
    public synchronized boolean put(final String account, final String name, final char[] value, final long nowMs)
    {
        checkSlot("account", account);
        checkSlot("name", name);
        if (value == null || value.length == 0 || value.length > MAX_VALUE_LENGTH)
        {
            throw new IllegalArgumentException("value must be 1 to " + MAX_VALUE_LENGTH + " characters");
        }
        final byte[] plain = utf8(value);
        try
        {
            final byte[] nonce = new byte[NONCE_LENGTH];
            random.nextBytes(nonce);
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(account, name));
            final byte[] ciphertext = cipher.doFinal(plain);
            final boolean replaced = entries.put(slot(account, name), new Entry(account, name, nonce, ciphertext, nowMs)) != null;
            save();
            return replaced;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot encrypt the credential", ex);
        }
        finally
        {
            Arrays.fill(plain, (byte)0);
        }
    }

    /**
     * Remove a credential.
     *
     * @param account account.
     * @param name    name.
     * @return true when it existed.
     */
    public synchronized boolean remove(final String account, final String name)
    {
        final boolean removed = entries.remove(slot(account, name)) != null;
        if (removed)
        {
            save();
        }
        return removed;
    }

    /**
     * Whether a credential is set.
     *
     * @param account account.
     * @param name    name.
     * @return true when set.
     */
    public synchronized boolean contains(final String account, final String name)
    {
        return entries.containsKey(slot(account, name));
    }

    /**
     * Every credential, masked.
     *
     * @return the list in insertion order.
     */
    public synchronized List<Masked> list()
    {
        final List<Masked> result = new ArrayList<>();
        for (final Entry entry : entries.values())
        {
            final char[] value = decrypt(entry);
            result.add(new Masked(entry.account(), entry.name(), mask(value), entry.updatedAtMs()));
            Arrays.fill(value, '\0');
        }
        return result;
    }

    /**
     * The clear value, for in-process consumers only; never sent over HTTP, logged or journaled.
     *
     * @param account account.
     * @param name    name.
     * @return the value (clear the array after use), or null when not set.
     */
    public synchronized char[] reveal(final String account, final String name)
    {
        final Entry entry = entries.get(slot(account, name));
        return entry == null ? null : decrypt(entry);
    }

    /**
     * A masked form: eight bullets, plus the last four characters for values of twelve or more.
     *
     * @param value the secret.
     * @return the mask.
     */
    static String mask(final char[] value)
    {
        final String bullets = "\u2022".repeat(8);
        return value.length >= 12 ? bullets + new String(value, value.length - 4, 4) : bullets;
    }

    private char[] decrypt(final Entry entry)
    {
        try
        {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, entry.nonce()));
            cipher.updateAAD(aad(entry.account(), entry.name()));
            final byte[] plain = cipher.doFinal(entry.ciphertext());
            final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            Arrays.fill(plain, (byte)0);
            final char[] value = new char[chars.remaining()];
            chars.get(value);
            return value;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot decrypt the credential " + entry.account() + "/" + entry.name() +
                ": wrong key or tampered file");
        }
    }

    private static byte[] aad(final String account, final String name)
    {
        return ("sluice-credential:" + account + ":" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static String slot(final String account, final String name)
    {
        return account + '\u0000' + name;
    }

    private static byte[] utf8(final char[] value)
    {
        final ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray())
        {
            Arrays.fill(buffer.array(), (byte)0);
        }
        return bytes;
    }

    private void load()
    {
        if (file == null || !Files.exists(file))
        {
            return;
        }
        try
        {
            final JsonNode root = MAPPER.readTree(file.toFile());
            final Base64.Decoder b64 = Base64.getDecoder();
            for (final JsonNode node : root.path("credentials"))
            {
                final Entry entry = new Entry(node.path("account").asText(), node.path("name").asText(),
                    b64.decode(node.path("nonce").asText()), b64.decode(node.path("ciphertext").asText()),
                    node.path("updatedAtMs").asLong());
                entries.put(slot(entry.account(), entry.name()), entry);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read credentials file " + file, ex);
        }
    }

    private void save()
    {
        if (file == null)
        {
            return;
        }
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "AES-256-GCM; associated data 'sluice-credential:<account>:<name>'");
        final ArrayNode list = root.putArray("credentials");
        final Base64.Encoder b64 = Base64.getEncoder();
        for (final Entry entry : entries.values())
        {
            list.addObject()
                .put("account", entry.account())
                .put("name", entry.name())
                .put("nonce", b64.encodeToString(entry.nonce()))
                .put("ciphertext", b64.encodeToString(entry.ciphertext()))
                .put("updatedAtMs", entry.updatedAtMs());
        }
        try
        {
            UserStore.writeOwnerOnly(file, MAPPER.writeValueAsBytes(root));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write credentials file " + file, ex);
        }
    }
}
