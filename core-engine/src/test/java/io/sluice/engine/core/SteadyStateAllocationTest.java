package io.sluice.engine.core;

import java.lang.management.ManagementFactory;

import io.sluice.protocol.ClientOrderIds;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core allocates nothing per event in steady state, with every risk gate enabled: measured with the thread's
 * allocation counter over hundreds of thousands of signals, fills, rejects, duplicates, quotes, heartbeats and ticks.
 * <p>
 * The bound is below 0.05 bytes per event rather than exactly zero: the smallest object is 16 bytes, so
 * any per-event allocation, even one event in 300, fails it, while the JVM attributes a few one-off
 * internal allocations (deoptimisation, on-stack replacement) to a thread even for a loop with no
 * allocating code at all.
 */
class SteadyStateAllocationTest
{
    private static final int EVENTS = 20_000;

    // Every gate enabled, far above what the test trades, so each one does its arithmetic on every order.
    private static final java.util.Map<String, String> EVERY_GATE_ON = java.util.Map.ofEntries(
        java.util.Map.entry("sluice.accounts", "main"),
        java.util.Map.entry("sluice.account.main.maxOrderQty", "10"),
        java.util.Map.entry("sluice.account.main.maxNotional", "650100"),
        java.util.Map.entry("sluice.account.main.fatFingerMultiple", "1000"),
        java.util.Map.entry("sluice.instrument.BTCUSDT.usualQty", "1"),
        java.util.Map.entry("sluice.instrument.BTCUSDT.lotSize", "0.01"),
        java.util.Map.entry("sluice.instrument.BTCUSDT.tickSize", "0.5"),
        java.util.Map.entry("sluice.account.main.priceCollarPct", "50"),
        java.util.Map.entry("sluice.account.main.maxQuoteAgeMs", "60000"),
        java.util.Map.entry("sluice.account.main.maxPositionQty", "1000000"),
        java.util.Map.entry("sluice.account.main.maxPositionNotional", "10000000000"),
        java.util.Map.entry("sluice.account.main.maxGrossExposure", "10000000000"),
        java.util.Map.entry("sluice.account.main.maxNetExposure", "10000000000"),
        java.util.Map.entry("sluice.account.main.maxConcentrationPct", "100"),
        java.util.Map.entry("sluice.account.main.maxOpenPositions", "100"),
        java.util.Map.entry("sluice.account.main.maxDailyLoss", "10000000000"),
        java.util.Map.entry("sluice.account.main.maxDrawdown", "10000000000"),
        java.util.Map.entry("sluice.account.main.maxTradesPerDay", "1000000000"),
        java.util.Map.entry("sluice.account.main.ordersPerSecond", "1000000000"),
        java.util.Map.entry("sluice.account.main.orderBurst", "1000000"),
        java.util.Map.entry("sluice.account.main.equity", "10000000000"),
        java.util.Map.entry("sluice.dedup.capacity", "1000"),
        java.util.Map.entry("sluice.engine.maxLiveOrders", "64"));

    @Test
    void shouldAllocateZeroBytesPerEventInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();

        final Frames frames = new Frames();
        final OrderIdCapture capture = new OrderIdCapture();
        final EngineCore core = new EngineCore(CoreConfig.from(io.sluice.protocol.Settings.of(EVERY_GATE_ON)), capture);

        // Pre-build every frame so the measured loop does nothing but feed the core.
        final int kinds = 7;
        final byte[][] inputs = new byte[EVENTS * kinds][];
        int count = 0;
        for (int i = 0; i < EVENTS; i++)
        {
            final String id = "sig-" + i;
            inputs[count++] = copy(frames, frames.gatewayStatus("paper", GatewayState.UP));
            inputs[count++] = copy(frames, frames.marketData("BTCUSDT", "64990", "65010"));
            inputs[count++] = copy(frames, frames.signal(id, id,
                "{\"id\":\"" + id + "\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.1\",\"type\":\"limit\",\"price\":65000}"));
            inputs[count++] = copy(frames, frames.signal(id, id, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":0.1}"));
            inputs[count++] = copy(frames, frames.signal("x" + i, "x" + i, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":99}"));
            inputs[count++] = copy(frames, frames.signal("y" + i, "y" + i, "{\"account\":\"main\",\"symbol\":"));
            inputs[count++] = copy(frames, frames.tick(0));
        }
        final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);
        final ExpandableArrayBuffer reportBuffer = new ExpandableArrayBuffer(512);

        // Two passes warm up (JIT compilation, lazily initialised JDK internals); the next two are
        // measured. Every kind of frame recurs in every cycle, as heartbeats, quotes and ticks do.
        final int rounds = 4;
        final int warmupRounds = 2;
        long nowNs = 1_000;
        long bytesBefore = 0;
        int measured = 0;
        for (int r = 0; r < rounds * count; r++)
        {
            final int i = r % count;
            if (r == warmupRounds * count)
            {
                bytesBefore = threads.getThreadAllocatedBytes(threadId);
            }
            view.wrap(inputs[i]);
            core.onFrame(r, nowNs, view, 0, inputs[i].length);
            if (capture.lastKey != 0)
            {
                // Fill the order just placed so orders cycle through the pool like in production.
                final int length = fillFrame(frames, reportBuffer, capture.lastKey);
                core.onFrame(r, nowNs, reportBuffer, 0, length);
                capture.lastKey = 0;
                measured += r >= warmupRounds * count ? 1 : 0;
            }
            nowNs += 1_000;
            measured += r >= warmupRounds * count ? 1 : 0;
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - bytesBefore;

        assertTrue(capture.orders >= rounds * EVENTS, "orders were placed and filled: " + capture.orders);
        final double bytesPerEvent = (double)allocated / measured;
        assertTrue(bytesPerEvent < 0.05, allocated + " bytes allocated over " + measured + " steady-state events");
    }

    private static byte[] copy(final Frames frames, final int length)
    {
        final byte[] bytes = new byte[length];
        frames.buffer().getBytes(0, bytes);
        return bytes;
    }

    // Pre-encoded fill template: only the client order id changes, written in place.
    private static byte[] fillTemplate;

    private static int fillFrame(final Frames frames, final ExpandableArrayBuffer target, final long key)
    {
        if (fillTemplate == null)
        {
            final int length = frames.report("0000000000000", ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "0.1", "65000", "0.1", "");
            fillTemplate = copy(frames, length);
        }
        target.putBytes(0, fillTemplate);
        ClientOrderIds.put(key, target, io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH +
            io.sluice.sbe.ExecutionReportEncoder.clientOrderIdEncodingOffset());
        return fillTemplate.length;
    }

    /** Remembers the key of the last NewOrder, allocation-free. */
    private static final class OrderIdCapture implements OutputPort
    {
        final io.sluice.sbe.MessageHeaderDecoder header = new io.sluice.sbe.MessageHeaderDecoder();
        long lastKey;
        int orders;

        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == NewOrderDecoder.TEMPLATE_ID)
            {
                final int idOffset = offset + io.sluice.sbe.MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.clientOrderIdEncodingOffset();
                lastKey = ClientOrderIds.parse(buffer, idOffset, ClientOrderIds.LENGTH);
                orders++;
            }
        }
    }
}
