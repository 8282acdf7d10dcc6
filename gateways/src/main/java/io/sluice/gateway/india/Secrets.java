package io.sluice.gateway.india;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Broker credentials of one venue, read from the environment or from an owner-only secrets file, never from the
 * Sluice configuration and never logged: values only leave this class for signing or for the broker itself.
 * <p>
 * A secret {@code NAME} of account {@code ACC} at venue {@code kite} is looked up as the environment variable
 * {@code SLUICE_KITE_ACC_NAME} (upper case, other characters as '_'), then as the key {@code ACC.NAME} of the secrets
 * file. The file is re-read on every lookup, so an operator can drop in a fresh token (e.g. Kite's daily
 * {@code requestToken}) without a restart; a file readable by group or others is refused.
 */
public final class Secrets
{
    private final String venue;
    private final Path file;
    private final UnaryOperator<String> environment;

    /**
     * Secrets of a venue.
     *
     * @param venue       venue name, e.g. "kite".
     * @param file        secrets properties file, may not exist.
     * @param environment environment lookup (System::getenv in production).
     */
    public Secrets(final String venue, final Path file, final UnaryOperator<String> environment)
    {
        this.venue = venue;
        this.file = file;
        this.environment = environment;
    }

    /**
     * A secret, or null when it is configured nowhere.
     *
     * @param account account name.
     * @param name    secret name, e.g. "apiSecret".
     * @return the value or null.
     * @throws IllegalStateException when the secrets file is readable by others or cannot be read.
     */
    public String get(final String account, final String name)
    {
        final String fromEnvironment = environment.apply(environmentName(account, name));
        if (fromEnvironment != null && !fromEnvironment.isBlank())
        {
            return fromEnvironment.trim();
        }
        final Properties properties = readFile();
        final String value = properties.getProperty(account + "." + name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A secret that must exist.
     *
     * @param account account name.
     * @param name    secret name.
     * @return the value.
     * @throws IllegalStateException naming where it was looked for (never the value).
     */
    public String require(final String account, final String name)
    {
        final String value = get(account, name);
        if (value == null)
        {
            throw new IllegalStateException("secret " + name + " of " + venue + " account " + account + " is not set (environment " +
                environmentName(account, name) + " or key " + account + "." + name + " in " + file + ")");
        }
        return value;
    }

    /**
     * A fingerprint of some secrets of an account, to tell whether the operator changed them since a failed login;
     * not reversible to the values.
     *
     * @param account account name.
     * @param names   secret names.
     * @return a hash of the current values.
     */
    public String fingerprint(final String account, final String... names)
    {
        final StringBuilder joined = new StringBuilder();
        for (final String name : names)
        {
            final String value = get(account, name);
            joined.append(name).append('=').append(value == null ? "" : value).append('\n');
        }
        return Checksums.sha256Hex(joined.toString());
    }

    /**
     * Environment variable that holds a secret.
     *
     * @param account account name.
     * @param name    secret name.
     * @return e.g. SLUICE_KITE_ACC1_APISECRET.
     */
    public String environmentName(final String account, final String name)
    {
        return ("SLUICE_" + venue + "_" + account + "_" + name).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /**
     * The secrets file.
     *
     * @return its path.
     */
    public Path file()
    {
        return file;
    }

    private Properties readFile()
    {
        final Properties properties = new Properties();
        if (file == null || !Files.exists(file))
        {
            return properties;
        }
        requireOwnerOnly();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read secrets file " + file + ": " + ex.getClass().getSimpleName());
        }
        return properties;
    }

    private void requireOwnerOnly()
    {
        try
        {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            for (final PosixFilePermission permission : permissions)
            {
                switch (permission)
                {
                    case GROUP_READ:
                    case GROUP_WRITE:
                    case GROUP_EXECUTE:
                    case OTHERS_READ:
                    case OTHERS_WRITE:
                    case OTHERS_EXECUTE:
                        throw new IllegalStateException("secrets file " + file + " is accessible by group or others; " +
                            "make it owner-only (chmod 600)");
                    default:
                        break;
                }
            }
        }
        catch (final UnsupportedOperationException ex)
        {
            // Not a POSIX file system: the platform's own ACLs apply.
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot check permissions of secrets file " + file);
        }
    }
}
