package io.sluice.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's latency histogram and ring backlog as Aeron counters, as AeronStat and admin-api read them. */
@Timeout(60)
class LatencyCountersTest
{
    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private Engine engine;

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(engine, aeron, driver);
    }

    @Test
    void shouldPutEachLatencyInTheFirstBucketWhoseBoundHoldsIt()
    {
        assertEquals(0, LatencyCounters.bucket(0));
        assertEquals(0, LatencyCounters.bucket(1_000));
        assertEquals(1, LatencyCounters.bucket(1_001));
        assertEquals(1, LatencyCounters.bucket(2_000));
        assertEquals(2, LatencyCounters.bucket(2_001));
        assertEquals(10, LatencyCounters.bucket(1_024_000));
        assertEquals(11, LatencyCounters.bucket(1_024_001));
        assertEquals(20, LatencyCounters.bucket(1_048_576_000L));
        assertEquals(LatencyCounters.FINITE_BUCKETS, LatencyCounters.bucket(1_048_576_001L));
        assertEquals(LatencyCounters.FINITE_BUCKETS, LatencyCounters.bucket(Long.MAX_VALUE));
        assertEquals(0, LatencyCounters.bucket(-5), "a clock that went backwards counts as fastest, never throws");
    }

    @Test
    void shouldCountEverySignalInTheLatencyBucketsAndSumAsAeronCounters()
    {
        driver = EngineRig.launchDriver(dir);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final Publication ingress = aeron.addPublication(Streams.DEFAULT_CHANNEL, Streams.INGRESS_STREAM_ID);
        engine = Engine.launch(new EngineContext().settings(Settings.of(Map.of(
            "sluice.aeron.dir", driver.aeronDirectoryName(),
            "sluice.journal.dir", dir.resolve("journal").toString(),
            "sluice.engine.tickMs", "50"))));
        EngineRig.await(ingress::isConnected, "engine subscribed to ingress");
        final CountersReader counters = aeron.countersReader();
        final Map<Long, Integer> bucketIds = new HashMap<>();
        final int[] sumId = { -1 };
        final int[] backlogId = { -1 };
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == LatencyCounters.BUCKET_TYPE_ID)
            {
                bucketIds.put(keyBuffer.getLong(0), counterId);
            }
            else if (typeId == LatencyCounters.SUM_TYPE_ID)
            {
                sumId[0] = counterId;
            }
            else if (typeId == Engine.COUNTER_TYPE_ID && label.equals("sluice-engine ring backlog"))
            {
                backlogId[0] = counterId;
            }
        });
        assertEquals(LatencyCounters.FINITE_BUCKETS + 1, bucketIds.size());
        assertTrue(bucketIds.containsKey(1_000L) && bucketIds.containsKey(1_048_576_000L) && bucketIds.containsKey(Long.MAX_VALUE));
        assertTrue(sumId[0] >= 0 && backlogId[0] >= 0, "sum and ring backlog counters registered");
        final long before = total(counters, bucketIds);

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (int i = 0; i < 5; i++)
        {
            // No gateway and no quote: each signal is refused, a decision with an output all the same.
            final RawSignalEncoder signal = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(1)
                .dryRun(io.sluice.sbe.BooleanType.FALSE).signalId("lat-" + i).account("").idempotencyKey("lat-" + i);
            final byte[] body = ("{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").getBytes(StandardCharsets.UTF_8);
            signal.putBody(body, 0, body.length).channel("");
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength();
            EngineRig.await(() -> ingress.offer(buffer, 0, length) > 0, "signal offered");
        }

        EngineRig.await(() -> total(counters, bucketIds) - before >= 5, "five more inputs counted in the latency buckets");
        assertTrue(counters.getCounterValue(sumId[0]) > 0, "latency sum grew");
        assertTrue(counters.getCounterValue(backlogId[0]) >= 0);
    }

    private static long total(final CountersReader counters, final Map<Long, Integer> bucketIds)
    {
        long total = 0;
        for (final int id : bucketIds.values())
        {
            total += counters.getCounterValue(id);
        }
        return total;
    }
}
