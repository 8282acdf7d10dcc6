package io.sluice.admin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Users, their roles, Argon2id password hashes and API keys, kept in a JSON file written atomically with owner-only
 * permissions. API keys are {@code slk_<id>_<secret>}: only the id and a SHA-256 of the secret are stored (the secret
 * has 256 bits of entropy, so a fast hash suffices and keeps per-request checks cheap).
 */
public final class UserStore
{
    /** Prefix of API keys. */
    public static final String API_KEY_PREFIX = "slk_";
    static final int MAX_NAME_LENGTH = 32;
    static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * A user.
     *
     * @param name         login name.
     * @param role         role.
     * @param passwordHash PHC string, or null for API-key-only users.
     * @param disabled     true when the user may no longer log in or use keys.
     * @param apiKeys      keys, by id.
     */
    public record User(String name, Role role, String passwordHash, boolean disabled, Map<String, ApiKey> apiKeys)
    {
    }

    /**
     * An API key of a user.
     *
     * @param id          public id (the part after {@code slk_}).
     * @param secretHash  hex SHA-256 of the secret part.
     * @param role        the key's role, never above its user's.
     * @param label       what it is for.
     * @param createdAtMs wall clock when made.
     */
    public record ApiKey(String id, String secretHash, Role role, String label, long createdAtMs)
    {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, User> users = new LinkedHashMap<>();

    /**
     * Load the store from a file (absent file: no users).
     *
     * @param file   the users file.
     * @param hasher password hasher.
     */
    public UserStore(final Path file, final PasswordHasher hasher)
    {
        this.file = file;
        this.hasher = hasher;
        load();
    }

    /**
     * Check a user name: 1 to 32 of {@code a-z 0-9 . _ - @}.
     *
     * @param name candidate.
     * @throws IllegalArgumentException when invalid.
     */
    public static void checkName(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("user name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@'))
            {
                throw new IllegalArgumentException("user name may hold only a-z, 0-9 and . _ - @");
            }
        }
    }

    /**
     * Check a new password's length.
     *
     * @param password candidate.
     * @throws IllegalArgumentException when too short or too long.
     */
    public static void checkPassword(final char[] password)
    {
        if (password == null || password.length < MIN_PASSWORD_LENGTH || password.length > 256)
        {
            throw new IllegalArgumentException("password must be " + MIN_PASSWORD_LENGTH + " to 256 characters");
        }
    }

    /**
     * Users held.
     *
     * @return count.
     */
    public synchronized int size()
    {
        return users.size();
    }

    /**
     * A user by name.
     *
     * @param name name.
     * @return the user, or null.
     */
    public synchronized User user(final String name)
    {
        return users.get(name);
    }

    /**
     * All users, in creation order.
     *
     * @return copies.
     */
    public synchronized List<User> users()
    {
        return new ArrayList<>(users.values());
    }

    /**
     * Add a user, or replace the role and password of an existing one.
     *
     * @param name     name.
     * @param role     role.
     * @param password password (12+ characters); hashed, not kept.
     * @return the previous user, or null.
     */
    public synchronized User put(final String name, final Role role, final char[] password)
    {
        checkName(name);
        checkPassword(password);
        final User previous = users.get(name);
        final Map<String, ApiKey> keys = previous != null ? previous.apiKeys() : Map.of();
        users.put(name, new User(name, role, hasher.hash(password), false, keys));
        save();
        return previous;
    }

    /**
     * Enable or disable a user.
     *
     * @param name     name.
     * @param disabled new value.
     * @return the previous user, or null when unknown.
     */
    public synchronized User setDisabled(final String name, final boolean disabled)
    {
        final User previous = users.get(name);
        if (previous != null)
        {
            users.put(name, new User(name, previous.role(), previous.passwordHash(), disabled, previous.apiKeys()));
            save();
        }
        return previous;
    }

    /**
     * Remove a user and its keys.
     *
     * @param name name.
     * @return the removed user, or null.
     */
    public synchronized User remove(final String name)
    {
        final User removed = users.remove(name);
        if (removed != null)
        {
            save();
        }
        return removed;
    }

    /**
     * Check a login.
     *
     * @param name     name.
     * @param password password.
     * @return the user when the password matches and the user is enabled, else null.
     */
    public User authenticate(final String name, final char[] password)
    {
        final User user = user(name);
        final boolean ok = hasher.verify(password, user != null ? user.passwordHash() : null);
        return ok && !user.disabled() ? user : null;
    }

    /**
     * Make a new API key for a user; the full key is returned once and never stored.
     *
     * @param name  user.
     * @param role  the key's role; must not exceed the user's.
     * @param label what it is for.
     * @param nowMs wall clock.
     * @return the key text {@code slk_<id>_<secret>} and its record.
     */
    public synchronized Map.Entry<String, ApiKey> createApiKey(final String name, final Role role, final String label, final long nowMs)
    {
        final User user = users.get(name);
        if (user == null)
        {
            throw new IllegalArgumentException("no user '" + name + "'");
        }
        if (!user.role().includes(role))
        {
            throw new IllegalArgumentException("a key's role cannot exceed its user's role (" + user.role().label() + ")");
        }
        final byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        final String id = HexFormat.of().formatHex(idBytes);
        final byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        final String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        final ApiKey key = new ApiKey(id, sha256Hex(secret), role, label == null ? "" : label, nowMs);
        final Map<String, ApiKey> keys = new LinkedHashMap<>(user.apiKeys());
        keys.put(id, key);
        users.put(name, new User(name, user.role(), user.passwordHash(), user.disabled(), Map.copyOf(keys)));
        save();
        return Map.entry(API_KEY_PREFIX + id + "_" + secret, key);
    }

    /**
     * Revoke an API key.
     *
     * @param name user.
     * @param id   key id.
     * @return true when it existed.
     */
    public synchronized boolean revokeApiKey(final String name, final String id)
    {
        final User user = users.get(name);
        if (user == null || !user.apiKeys().containsKey(id))
        {
            return false;
        }
        final Map<String, ApiKey> keys = new LinkedHashMap<>(user.apiKeys());
        keys.remove(id);
        users.put(name, new User(name, user.role(), user.passwordHash(), user.disabled(), Map.copyOf(keys)));
        save();
        return true;
    }

    /**
     * Resolve an API key to its principal.
     *
     * @param key the full key text.
     * @return the principal, or null when unknown, revoked or its user is disabled.
     */
    public Principal authenticateApiKey(final String key)
    {
        if (key == null || !key.startsWith(API_KEY_PREFIX))
        {
            return null;
        }
        final String[] parts = key.substring(API_KEY_PREFIX.length()).split("_", 2);
        if (parts.length != 2)
        {
            return null;
        }
        final String hash = sha256Hex(parts[1]);
        synchronized (this)
        {
            for (final User user : users.values())
            {
                final ApiKey apiKey = user.apiKeys().get(parts[0]);
                if (apiKey != null)
                {
                    final boolean match = MessageDigest.isEqual(
                        apiKey.secretHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
                    return match && !user.disabled() ? new Principal(user.name(), Role.min(apiKey.role(), user.role()), "apikey") : null;
                }
            }
        }
        return null;
    }

    static String sha256Hex(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
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
            for (final JsonNode node : root.path("users"))
            {
                final Map<String, ApiKey> keys = new LinkedHashMap<>();
                for (final JsonNode k : node.path("apiKeys"))
                {
                    keys.put(k.path("id").asText(), new ApiKey(k.path("id").asText(), k.path("secretHash").asText(),
                        Role.parse(k.path("role").asText()), k.path("label").asText(""), k.path("createdAtMs").asLong()));
                }
                final String name = node.path("name").asText();
                users.put(name, new User(name, Role.parse(node.path("role").asText()),
                    node.hasNonNull("passwordHash") ? node.path("passwordHash").asText() : null,
                    node.path("disabled").asBoolean(false), Map.copyOf(keys)));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read users file " + file, ex);
        }
    }

    private void save()
    {
        if (file == null)
        {
            return;
        }
        final ObjectNode root = MAPPER.createObjectNode();
        final ArrayNode list = root.putArray("users");
        for (final User user : users.values())
        {
            final ObjectNode node = list.addObject();
            node.put("name", user.name());
            node.put("role", user.role().label());
            node.put("passwordHash", user.passwordHash());
            node.put("disabled", user.disabled());
            final ArrayNode keys = node.putArray("apiKeys");
            for (final ApiKey key : user.apiKeys().values())
            {
                keys.addObject().put("id", key.id()).put("secretHash", key.secretHash()).put("role", key.role().label())
                    .put("label", key.label()).put("createdAtMs", key.createdAtMs());
            }
        }
        try
        {
            writeOwnerOnly(file, MAPPER.writeValueAsBytes(root));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write users file " + file, ex);
        }
    }

    /**
     * Write a file atomically (temp file then rename) readable only by its owner where the file system allows.
     *
     * @param file  target.
     * @param bytes content.
     * @throws IOException when it cannot be written.
     */
    static void writeOwnerOnly(final Path file, final byte[] bytes) throws IOException
    {
        final Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        final Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try
        {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final UnsupportedOperationException ignore)
        {
            // not a POSIX file system
        }
        try
        {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
