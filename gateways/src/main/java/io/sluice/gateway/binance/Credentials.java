package io.sluice.gateway.binance;

import io.sluice.protocol.Settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A Binance API key and its signing secret, read from a secrets file that only the process owner can read, or from
 * environment variables. The key text is never logged, journaled or put in an exception message; {@link #toString()}
 * is redacted.
 * <p>
 * Sources, for venue {@code binance} (for {@code binance-futures} the prefix is {@code SLUICE_BINANCE_FUTURES_}):
 * <ul>
 * <li>a properties file named by {@code sluice.binance.secretsFile} or {@code SLUICE_BINANCE_SECRETS_FILE}, with
 *     {@code apiKey} and either {@code secretKey} (HMAC) or {@code ed25519PrivateKey} (PKCS#8 base64/PEM) or
 *     {@code ed25519PrivateKeyFile} (a PEM file, itself owner-only); a file readable by group or others, or owned by
 *     another user, is refused;</li>
 * <li>otherwise {@code SLUICE_BINANCE_API_KEY} and {@code SLUICE_BINANCE_SECRET_KEY} or
 *     {@code SLUICE_BINANCE_ED25519_KEY}.</li>
 * </ul>
 * One API key is either an HMAC key or an Ed25519 key at Binance, so exactly one secret must be given.
 */
public final class Credentials
{
    private final String apiKey;
    private final SigningKey signingKey;

    /**
     * Credentials from parts (tests, embedding).
     *
     * @param apiKey     the API key.
     * @param signingKey its secret.
     */
    public Credentials(final String apiKey, final SigningKey signingKey)
    {
        if (apiKey == null || apiKey.isBlank())
        {
            throw new IllegalArgumentException("Binance API key is empty");
        }
        this.apiKey = apiKey.trim();
        this.signingKey = signingKey;
    }

    /**
     * Load the credentials of a venue from its secrets file or the environment.
     *
     * @param venueName venue name, e.g. "binance".
     * @param settings  configuration holding {@code sluice.<venue>.secretsFile}.
     * @param env       environment variables.
     * @return the credentials.
     * @throws IllegalArgumentException when none are configured, both kinds of secret are given, or the secrets file
     *                                  is unsafe or unreadable.
     */
    public static Credentials load(final String venueName, final Settings settings, final Map<String, String> env)
    {
        final String envPrefix = "SLUICE_" + venueName.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        final String fileName = settings.get("sluice." + venueName + ".secretsFile", env.get(envPrefix + "SECRETS_FILE"));
        if (fileName != null && !fileName.isBlank())
        {
            return fromFile(Path.of(fileName.trim()));
        }
        final String apiKey = env.get(envPrefix + "API_KEY");
        if (apiKey == null || apiKey.isBlank())
        {
            throw new IllegalArgumentException("no Binance credentials for venue " + venueName + ": set sluice." + venueName +
                ".secretsFile (owner-only properties file) or " + envPrefix + "API_KEY with " + envPrefix + "SECRET_KEY or " +
                envPrefix + "ED25519_KEY");
        }
        return new Credentials(apiKey, signingKey(env.get(envPrefix + "SECRET_KEY"), env.get(envPrefix + "ED25519_KEY"), null,
            envPrefix + "SECRET_KEY", envPrefix + "ED25519_KEY"));
    }

    /**
     * Load credentials from a properties file readable only by its owner, the process user.
     *
     * @param file the secrets file.
     * @return the credentials.
     * @throws IllegalArgumentException when the file is unsafe, unreadable or incomplete.
     */
    public static Credentials fromFile(final Path file)
    {
        requireOwnerOnly(file);
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read Binance secrets file " + file + ": " + ex.getClass().getSimpleName());
        }
        final String apiKey = properties.getProperty("apiKey");
        if (apiKey == null || apiKey.isBlank())
        {
            throw new IllegalArgumentException("Binance secrets file " + file + " has no apiKey");
        }
        final String keyFile = properties.getProperty("ed25519PrivateKeyFile");
        return new Credentials(apiKey, signingKey(
            properties.getProperty("secretKey"), properties.getProperty("ed25519PrivateKey"),
            keyFile == null || keyFile.isBlank() ? null : file.resolveSibling(keyFile.trim()),
            "secretKey", "ed25519PrivateKey"));
    }

    /**
     * Refuse a file that group or others may access, or that another user owns.
     *
     * @param file the file.
     * @throws IllegalArgumentException when the file is unsafe or its permissions cannot be read.
     */
    public static void requireOwnerOnly(final Path file)
    {
        final Set<PosixFilePermission> permissions;
        final String owner;
        try
        {
            permissions = Files.getPosixFilePermissions(file);
            owner = Files.getOwner(file).getName();
        }
        catch (final UnsupportedOperationException ex)
        {
            throw new IllegalArgumentException("cannot check the permissions of secrets file " + file +
                " (not a POSIX file system); refusing it");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read secrets file " + file + ": " + ex.getClass().getSimpleName());
        }
        for (final PosixFilePermission permission : permissions)
        {
            if (permission.name().startsWith("GROUP_") || permission.name().startsWith("OTHERS_"))
            {
                throw new IllegalArgumentException("secrets file " + file + " is accessible by group or others (" +
                    PosixFilePermissions.toString(permissions) + "); refusing it: run chmod 600 " + file);
            }
        }
        final String user = System.getProperty("user.name");
        if (user != null && !user.equals(owner))
        {
            throw new IllegalArgumentException("secrets file " + file + " is owned by " + owner + ", not by " + user +
                " who runs this gateway; refusing it");
        }
    }

    private static SigningKey signingKey(
        final String hmacSecret, final String ed25519Key, final Path ed25519KeyFile, final String hmacName, final String edName)
    {
        final boolean hasHmac = hmacSecret != null && !hmacSecret.isBlank();
        final boolean hasEd = (ed25519Key != null && !ed25519Key.isBlank()) || ed25519KeyFile != null;
        if (hasHmac == hasEd)
        {
            throw new IllegalArgumentException(hasHmac ?
                "give either " + hmacName + " or " + edName + ", not both: a Binance API key is one kind" :
                "no Binance secret: give " + hmacName + " (HMAC) or " + edName + " (Ed25519)");
        }
        if (hasHmac)
        {
            return SigningKey.hmac(hmacSecret);
        }
        if (ed25519KeyFile != null)
        {
            requireOwnerOnly(ed25519KeyFile);
            try
            {
                return SigningKey.ed25519(Files.readString(ed25519KeyFile, StandardCharsets.US_ASCII));
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read Ed25519 key file " + ed25519KeyFile + ": " +
                    ex.getClass().getSimpleName());
            }
        }
        return SigningKey.ed25519(ed25519Key);
    }

    /**
     * The API key, sent in {@code X-MBX-APIKEY} and WebSocket API {@code apiKey}; never log it.
     *
     * @return the API key.
     */
    public String apiKey()
    {
        return apiKey;
    }

    /**
     * The signing secret.
     *
     * @return the key.
     */
    public SigningKey signingKey()
    {
        return signingKey;
    }

    public String toString()
    {
        return "Credentials{apiKey=redacted, " + signingKey.kind() + "}";
    }
}
