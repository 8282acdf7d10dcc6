package io.sluice.engine.core;

import io.sluice.bench.frames.BenchLimits;
import io.sluice.protocol.Settings;

/**
 * The core configuration every core benchmark uses: the defaults (account "main" on the paper venue, the six
 * paper instruments, dedup window of 100,000 keys over 24 h, 65,536 live orders) with every risk limit on and
 * far above the benchmark order ({@link BenchLimits}), so every gate runs and passes.
 */
final class CoreFixture
{
    private CoreFixture()
    {
    }

    static Settings settings()
    {
        return Settings.of(BenchLimits.SETTINGS);
    }

    static CoreConfig config()
    {
        return CoreConfig.from(settings());
    }
}
