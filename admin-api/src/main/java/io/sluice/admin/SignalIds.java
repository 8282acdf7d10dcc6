package io.sluice.admin;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.protocol.Ascii;

/**
 * Generates signal ids for signals that arrive without one: {@code "s-"} and 16 lowercase hex digits.
 * <p>
 * A counter starting at a SecureRandom value mixed with the start time is passed through a bijective
 * 64-bit mix, so ids never repeat within a process and collide across restarts only by chance (2^-64).
 */
public final class SignalIds
{
    /** Prefix of generated ids. */
    public static final String PREFIX = "s-";

    private final AtomicLong counter;

    /**
     * A generator seeded from SecureRandom and the wall clock.
     */
    public SignalIds()
    {
        this(new SecureRandom().nextLong() ^ System.currentTimeMillis() * 0x9E3779B97F4A7C15L);
    }

    SignalIds(final long seed)
    {
        counter = new AtomicLong(seed);
    }

    /**
     * The next id.
     *
     * @return e.g. "s-3f9c0a1b2c3d4e5f".
     */
    public String next()
    {
        final String hex = Long.toHexString(Ascii.mix(counter.getAndIncrement()));
        final StringBuilder sb = new StringBuilder(PREFIX.length() + 16).append(PREFIX);
        for (int i = hex.length(); i < 16; i++)
        {
            sb.append('0');
        }
        return sb.append(hex).toString();
    }
}
