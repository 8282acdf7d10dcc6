package io.sluice.bench.rig;

import java.lang.management.ManagementFactory;

import io.sluice.bench.Results;
import io.sluice.bench.frames.BenchLimits;
import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.frames.VenueFrames;
import io.sluice.engine.core.CoreConfig;
import io.sluice.engine.core.EngineCore;
import io.sluice.engine.core.OutputPort;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Settings;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.Side;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The deterministic core alone, one signal at a time: each signal frame (parse, dedup, every gate, encode
 * NewOrder and OrderUpdate) is timed with {@link System#nanoTime()} into a histogram, then filled untimed so
 * the live-order pool cycles as in production. Gives the percentiles JMH's averages do not, and the bytes
 * the thread allocated per signal (with its fill) by the thread's allocation counter.
 */
public final class CoreLatency
{
    private final long warmupSignals;
    private final long signals;

    /**
     * @param warmupSignals signals run before measuring.
     * @param signals       signals measured.
     */
    public CoreLatency(final long warmupSignals, final long signals)
    {
        this.warmupSignals = warmupSignals;
        this.signals = signals;
    }

    /**
     * Run and summarize under {@code core}.
     *
     * @return the figures.
     */
    public Results run()
    {
        final OrderCapture capture = new OrderCapture();
        final EngineCore core = new EngineCore(CoreConfig.from(Settings.of(BenchLimits.SETTINGS)), capture);
        final VenueFrames venue = new VenueFrames();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
        long sequence = 0;
        long nowNs = BenchLimits.EPOCH_START_NS;
        core.onFrame(sequence++, nowNs, scratch, 0, venue.gatewayUp(scratch, nowNs));
        core.onFrame(sequence++, nowNs, scratch, 0, venue.quote(scratch, nowNs));

        final SignalFrame frame = new SignalFrame();
        final Histogram histogram = Latencies.histogram();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        long allocatedBefore = 0;
        final long total = warmupSignals + signals;
        for (long i = 0; i < total; i++)
        {
            if (i == warmupSignals)
            {
                histogram.reset();
                allocatedBefore = threads.getThreadAllocatedBytes(threadId);
            }
            frame.index(i);
            nowNs += 1_000;
            if (i % 10_000 == 0)
            {
                // A fresh quote now and then, untimed, as a venue streams them (quotes expire after 60 s).
                core.onFrame(sequence++, nowNs, scratch, 0, venue.quote(scratch, nowNs));
            }
            final long startNs = System.nanoTime();
            core.onFrame(sequence++, nowNs, frame.buffer(), 0, frame.length());
            final long elapsedNs = System.nanoTime() - startNs;
            histogram.recordValue(Math.min(elapsedNs, Latencies.HIGHEST_NS));
            if (capture.lastKey == 0)
            {
                throw new IllegalStateException("signal " + i + " produced no NewOrder: the benchmark is measuring rejects");
            }
            final UnsafeBuffer fill = venue.fillOf(capture.lastKey, capture.lastSide);
            core.onFrame(sequence++, nowNs, fill, 0, venue.fillLength());
            capture.lastKey = 0;
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;

        final Histogram timer = Latencies.histogram();
        for (int i = 0; i < 100_000; i++)
        {
            final long startNs = System.nanoTime();
            timer.recordValue(System.nanoTime() - startNs);
        }

        final Results results = new Results();
        Latencies.summarize(results, "core", histogram);
        results.put("core.mean", histogram.getMean());
        results.put("core.allocPerSignal", (double)allocated / signals);
        results.put("core.timer.p50", timer.getValueAtPercentile(50));
        results.put("core.liveOrders", core.liveOrders());
        System.err.printf("  core per signal: %s, %.3f B/signal (with its fill), nanoTime overhead p50 %d ns%n",
            Latencies.line(histogram), (double)allocated / signals, timer.getValueAtPercentile(50));
        return results;
    }

    /** Keeps the key and side of the last NewOrder, allocation free. */
    private static final class OrderCapture implements OutputPort
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrder = new NewOrderDecoder();
        long lastKey;
        Side lastSide;

        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == NewOrderDecoder.TEMPLATE_ID)
            {
                newOrder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                lastKey = ClientOrderIds.parse(buffer,
                    offset + MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.clientOrderIdEncodingOffset(), ClientOrderIds.LENGTH);
                lastSide = newOrder.side();
            }
        }
    }
}
