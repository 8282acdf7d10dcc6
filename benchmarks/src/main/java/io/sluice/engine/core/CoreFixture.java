package io.sluice.engine.core;

import java.util.Map;

import io.sluice.protocol.Settings;

/**
 * The core configuration every core benchmark uses: the defaults (account "main" on the paper venue, the six
 * paper instruments, dedup window of 100,000 keys over 24 h, 65,536 live orders) with the account limits
 * raised far above the benchmark order, so every gate runs and passes.
 */
final class CoreFixture
{
    private CoreFixture()
    {
    }

    static Settings settings()
    {
        return Settings.of(Map.of(
            "sluice.account.main.maxOrderQty", "1000000",
            "sluice.account.main.maxNotional", "10000000000"));
    }

    static CoreConfig config()
    {
        return CoreConfig.from(settings());
    }
}
