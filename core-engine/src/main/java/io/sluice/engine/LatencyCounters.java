package io.sluice.engine;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine's latency histogram as Aeron counters (visible with AeronStat, read by admin-api): the time from an
 * input's receipt by the ingress agent to the publication of its outputs by the egress stage, measured with
 * {@link System#nanoTime()} in the pipeline stages (never in the deterministic core). Fixed exponential buckets,
 * 1 µs · 2^k for k = 0..20 (up to about one second) and one for anything slower; each bucket is one counter of
 * type {@link #BUCKET_TYPE_ID} whose key is its upper bound in nanoseconds (Long.MAX_VALUE for +Inf) and whose
 * value counts the inputs that fell into it (not cumulative). A counter of type {@link #SUM_TYPE_ID} holds the
 * sum in nanoseconds. Recording allocates nothing; only the egress thread writes.
 */
final class LatencyCounters implements AutoCloseable
{
    /** Aeron counter type of a latency bucket. */
    static final int BUCKET_TYPE_ID = 7102;
    /** Aeron counter type of the latency sum (ns). */
    static final int SUM_TYPE_ID = 7103;
    /** Buckets with a finite upper bound: 1 µs .. 2^20 µs. */
    static final int FINITE_BUCKETS = 21;

    private final AtomicCounter[] buckets = new AtomicCounter[FINITE_BUCKETS + 1];
    private final AtomicCounter sum;

    LatencyCounters(final Aeron aeron)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[Long.BYTES]);
        for (int k = 0; k <= FINITE_BUCKETS; k++)
        {
            final long upperNs = k < FINITE_BUCKETS ? 1_000L << k : Long.MAX_VALUE;
            key.putLong(0, upperNs);
            final String label = "sluice-engine latency ingress-to-egress le=" + (k < FINITE_BUCKETS ? (1L << k) + "us" : "+Inf");
            final UnsafeBuffer labelBuffer = new UnsafeBuffer(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            buckets[k] = aeron.addCounter(BUCKET_TYPE_ID, key, 0, Long.BYTES, labelBuffer, 0, labelBuffer.capacity());
        }
        sum = aeron.addCounter(SUM_TYPE_ID, "sluice-engine latency ingress-to-egress sum ns");
    }

    /** The bucket of a latency: the first whose upper bound (1 µs · 2^k) is at least the latency. */
    static int bucket(final long latencyNs)
    {
        final long micros = latencyNs <= 0 ? 0 : latencyNs / 1000 + (latencyNs % 1000 == 0 ? 0 : 1);
        final int k = micros <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(micros - 1);
        return Math.min(k, FINITE_BUCKETS);
    }

    void record(final long latencyNs)
    {
        buckets[bucket(latencyNs)].incrementRelease();
        sum.getAndAddRelease(Math.max(0, latencyNs));
    }

    public void close()
    {
        CloseHelper.closeAll(buckets);
        CloseHelper.close(sum);
    }
}
