package io.sluice.gateway.mt5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared secret of one bridge connection, read from an environment variable or from a file only its owner can
 * read; its bytes never appear in {@link #toString()}, exceptions or logs.
 */
final class BridgeSecret
{
    /** Shortest secret accepted, in bytes: HMAC keys shorter than this are guessable. */
    static final int MIN_LENGTH = 16;

    private static final Set<PosixFilePermission> FOREIGN_ACCESS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] value;

    private BridgeSecret(final byte[] value, final String source)
    {
        if (value.length < MIN_LENGTH)
        {
            throw new IllegalArgumentException("shared secret from " + source + " is shorter than " + MIN_LENGTH + " bytes");
        }
        this.value = value;
    }

    /**
     * Read a secret from a file that only its owner may read or write (mode 600 or 400); surrounding whitespace and
     * the final newline are ignored.
     *
     * @param file the secrets file.
     * @return the secret.
     * @throws IllegalArgumentException when the file is missing, unreadable, group/world accessible or too short.
     */
    static BridgeSecret fromFile(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("secrets file " + file + " does not exist or is not a regular file");
        }
        final PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null)
        {
            final Set<PosixFilePermission> permissions;
            try
            {
                permissions = posix.readAttributes().permissions();
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read the permissions of secrets file " + file + ": " + ex.getMessage(), ex);
            }
            final EnumSet<PosixFilePermission> foreign = EnumSet.copyOf(FOREIGN_ACCESS);
            foreign.retainAll(permissions);
            if (!foreign.isEmpty())
            {
                throw new IllegalArgumentException("secrets file " + file + " must be accessible by its owner only (chmod 600); it is " +
                    PosixFilePermissions.toString(permissions));
            }
        }
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read secrets file " + file + ": " + ex.getClass().getSimpleName(), ex);
        }
        final String text = new String(bytes, StandardCharsets.UTF_8).strip();
        Arrays.fill(bytes, (byte)0);
        return new BridgeSecret(text.getBytes(StandardCharsets.UTF_8), "file " + file);
    }

    /**
     * Read a secret from an environment variable.
     *
     * @param name        variable name.
     * @param environment lookup of variables (System::getenv in production).
     * @return the secret.
     * @throws IllegalArgumentException when the variable is unset or too short.
     */
    static BridgeSecret fromEnvironment(final String name, final Function<String, String> environment)
    {
        final String text = environment.apply(name);
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return new BridgeSecret(text.strip().getBytes(StandardCharsets.UTF_8), "environment variable " + name);
    }

    /**
     * The key bytes for HMAC; callers must not keep or print them.
     *
     * @return the bytes (not a copy).
     */
    byte[] bytes()
    {
        return value;
    }

    /**
     * A description that never contains the secret.
     *
     * @return "BridgeSecret[redacted]".
     */
    public String toString()
    {
        return "BridgeSecret[redacted]";
    }
}
