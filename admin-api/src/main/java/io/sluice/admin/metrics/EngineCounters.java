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
    /** Counter type of one engine latency bucket (key: upper bound in ns, Long.MAX_VALUE for +Inf). */
    public static final int LATENCY_BUCKET_TYPE_ID = 7102;
    /** Counter type of the engine latency sum in ns. */
    public static final int LATENCY_SUM_TYPE_ID = 7103;
    /** The engine's ingress-to-egress latency histogram. */
    public static final String LATENCY = "sluice_engine_latency_nanoseconds";

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
        registry.histogram(LATENCY, "Engine time from an input's receipt (ingress) to the publication of its outputs (egress), " +
            "from the engine's Aeron counters of types 7102/7103.");
        registry.collector("engineLatency", r -> collectLatency(r, aeron.countersReader()));
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

    // Buckets are counted per bucket by the engine; Prometheus wants them cumulative.
    private static void collectLatency(final MetricsRegistry r, final CountersReader counters)
    {
        final java.util.TreeMap<Long, Long> buckets = new java.util.TreeMap<>();
        final long[] sum = { 0 };
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == LATENCY_BUCKET_TYPE_ID)
            {
                buckets.merge(keyBuffer.getLong(0), counters.getCounterValue(counterId), Long::sum);
            }
            else if (typeId == LATENCY_SUM_TYPE_ID)
            {
                sum[0] += counters.getCounterValue(counterId);
            }
        });
        r.clear(LATENCY);
        if (buckets.isEmpty())
        {
            return;
        }
        long cumulative = 0;
        for (final java.util.Map.Entry<Long, Long> bucket : buckets.entrySet())
        {
            cumulative += bucket.getValue();
            r.setSample(LATENCY, "_bucket", cumulative, "le", bucket.getKey() == Long.MAX_VALUE ? "+Inf" : Long.toString(bucket.getKey()));
        }
        r.setSample(LATENCY, "_count", cumulative);
        r.setSample(LATENCY, "_sum", sum[0]);
    }
}
