package io.sluice.admin.metrics;

import io.aeron.Aeron;
import org.agrona.concurrent.status.CountersReader;

/**
 * Exposes the engine's Aeron counters (type id 7101, Sluice's schema id) from the media driver's CnC file, the
 * same values Aeron's AeronStat tool shows, as {@code sluice_engine_counter{label="…"}}.
 */
public final class EngineCounters
{
    /** Counter type id the engine registers its counters with. */
    public static final int SLUICE_COUNTER_TYPE_ID = 7101;

    private EngineCounters()
    {
    }

    /**
     * Register the collector.
     *
     * @param registry metrics.
     * @param aeron    the admin API's Aeron client.
     */
    public static void register(final MetricsRegistry registry, final Aeron aeron)
    {
        registry.gauge("sluice_engine_counter", "Engine counters (Aeron counters of type 7101), by label.");
        registry.gauge("sluice_engine_counters_found", "Number of engine Aeron counters (type 7101) in the media driver.");
        registry.collector("engineCounters", r ->
        {
            r.clear("sluice_engine_counter");
            final CountersReader counters = aeron.countersReader();
            final int[] found = new int[1];
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId == SLUICE_COUNTER_TYPE_ID)
                {
                    found[0]++;
                    r.set("sluice_engine_counter", counters.getCounterValue(counterId), "label", label);
                }
            });
            r.set("sluice_engine_counters_found", found[0]);
        });
    }
}
