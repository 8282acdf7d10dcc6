package io.sluice.bench.rig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.sluice.bench.frames.BenchLimits;
import io.sluice.protocol.Settings;

/**
 * The settings every rig gives the engine (and the gateway and admin-api in the same JVM): the rig's temporary
 * home, Aeron and journal directories, the profile's idle and wait strategies, and every risk limit on but far above the
 * benchmark's orders ({@link BenchLimits}) so the gates pass (they still run).
 */
public final class EngineSettings
{
    private EngineSettings()
    {
    }

    /**
     * Settings for one run.
     *
     * @param aeronDir   media driver directory.
     * @param journalDir journal directory.
     * @param profile    idle strategies.
     * @param extra      further keys (override the above).
     * @return the settings.
     */
    public static Settings of(final String aeronDir, final Path journalDir, final Profile profile, final Map<String, String> extra)
    {
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.home", journalDir.toAbsolutePath().getParent().toString());
        values.put("sluice.aeron.dir", aeronDir);
        values.put("sluice.journal.dir", journalDir.toString());
        values.put("sluice.idle", profile.idle());
        values.put("sluice.engine.waitStrategy", profile.ringWait());
        values.putAll(BenchLimits.SETTINGS);
        values.put("sluice.paper.walk", "false");
        values.put("sluice.http.host", "127.0.0.1");
        values.put("sluice.http.port", "0");
        // The HTTP rig measures the signal path, not authentication or the per-client rate limit: auth off
        // (admin-api allows that on loopback only) and the limit far above the offered rate.
        values.put("sluice.admin.auth.enabled", "false");
        values.put("sluice.http.rateLimit.perSecond", "10000000");
        values.put("sluice.http.rateLimit.burst", "10000000");
        values.putAll(extra);
        return Settings.of(values);
    }
}
