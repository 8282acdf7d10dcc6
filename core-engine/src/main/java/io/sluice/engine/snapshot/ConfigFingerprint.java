package io.sluice.engine.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

import io.sluice.protocol.Settings;

/**
 * A 64-bit fingerprint of the configuration the core is built from: every key (and value) that decides the
 * core's state or decisions — accounts, instruments, venues, limits, risk, dedup, calendars, sources. A snapshot
 * taken under a different fingerprint is not used (its limits, sizes or ids would not be this core's).
 * Keys that cannot change a decision (journal, Aeron, idle strategies, snapshot settings) are left out, and so
 * are secrets (any key naming a secret, token, password, passphrase or key), which never leave the process.
 */
public final class ConfigFingerprint
{
    private static final String[] CORE_PREFIXES = {
        "sluice.account", "sluice.instrument", "sluice.venue", "sluice.dedup.", "sluice.risk.", "sluice.calendar",
        "sluice.source", "sluice.engine.maxLiveOrders", "sluice.engine.gatewayTimeoutMs" };
    private static final String[] SECRET_WORDS = { "secret", "token", "password", "passphrase", "key" };

    private ConfigFingerprint()
    {
    }

    /** Whether a key takes part in the fingerprint. */
    static boolean decidesCoreState(final String key)
    {
        boolean core = false;
        for (final String prefix : CORE_PREFIXES)
        {
            core |= key.startsWith(prefix);
        }
        final String lower = key.toLowerCase(Locale.ROOT);
        for (final String word : SECRET_WORDS)
        {
            if (lower.contains(word))
            {
                return false;
            }
        }
        return core;
    }

    /**
     * The fingerprint of a configuration, with the snapshot format version mixed in.
     *
     * @param settings configuration.
     * @return the fingerprint.
     */
    public static long of(final Settings settings)
    {
        final CRC32C low = new CRC32C();
        final CRC32C high = new CRC32C();
        high.update(SnapshotFile.FORMAT_VERSION);
        for (final String key : settings.keys())
        {
            if (decidesCoreState(key))
            {
                final byte[] entry = (key + '=' + settings.get(key, "") + '\n').getBytes(StandardCharsets.UTF_8);
                low.update(entry);
                high.update(entry);
                high.update(entry.length);
            }
        }
        return (high.getValue() << 32) | low.getValue();
    }
}
