package io.sluice.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with OWASP's recommended minimum cost by default.
 */
public final class PasswordHasher
{
    /** Memory cost in KiB (19 MiB). */
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    /** Iterations. */
    public static final int DEFAULT_ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final String dummyHash;

    /**
     * A hasher with the default cost.
     */
    public PasswordHasher()
    {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS);
    }

    /**
     * A hasher with a given cost (tests may lower it).
     *
     * @param memoryKib  memory in KiB.
     * @param iterations passes.
     */
    public PasswordHasher(final int memoryKib, final int iterations)
    {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.dummyHash = hash("not-a-password".toCharArray());
    }

    /**
     * Hash a password with a fresh random salt.
     *
     * @param password the password; not kept.
     * @return the PHC string.
     */
    public String hash(final char[] password)
    {
        final byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        final byte[] hash = derive(password, salt, memoryKib, iterations, PARALLELISM, HASH_LENGTH);
        return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt) + "$" +
            B64.encodeToString(hash);
    }

    /**
     * Check a password against a stored hash in constant time for equal-length hashes.
     *
     * @param password the candidate.
     * @param encoded  the stored PHC string, or null to spend the same time on a dummy hash (unknown users).
     * @return true when it matches.
     */
    public boolean verify(final char[] password, final String encoded)
    {
        final boolean known = encoded != null;
        final String phc = known ? encoded : dummyHash;
        try
        {
            if (!phc.startsWith(PREFIX))
            {
                return false;
            }
            final String[] parts = phc.substring(PREFIX.length()).split("\\$");
            if (parts.length != 3)
            {
                return false;
            }
            int m = 0;
            int t = 0;
            int p = 0;
            for (final String param : parts[0].split(","))
            {
                final int value = Integer.parseInt(param.substring(2));
                switch (param.charAt(0))
                {
                    case 'm':
                        m = value;
                        break;
                    case 't':
                        t = value;
                        break;
                    case 'p':
                        p = value;
                        break;
                    default:
                        return false;
                }
            }
            if (m < 8 || m > 4 * 1024 * 1024 || t < 1 || t > 100 || p < 1 || p > 16)
            {
                return false;
            }
            final byte[] salt = B64D.decode(parts[1]);
            final byte[] expected = B64D.decode(parts[2]);
            final byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual) && known;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static byte[] derive(
        final char[] password, final byte[] salt, final int memoryKib, final int iterations, final int parallelism, final int length)
    {
        final Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
        final byte[] out = new byte[length];
        final byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(utf8, out);
        java.util.Arrays.fill(utf8, (byte)0);
        return out;
    }
}
