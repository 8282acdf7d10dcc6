package io.sluice.bench;

import java.nio.file.Path;

import io.sluice.bench.frames.SignalFrame;
import io.sluice.protocol.Fixed;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTableTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPairEachFigureWithItsBaselineAsARatio()
    {
        final Results results = new Results()
            .put("micro.EngineCoreBenchmark.signalToNewOrder.ns", 800)
            .put("micro.EngineCoreBenchmark.signalToNewOrder.alloc", 0.01)
            .put("micro.EngineCoreBenchmark.decodeEncodeBaseline.ns", 100)
            .put("engine.backoff.p99", 40_000)
            .put("pingpong.backoff.p99", 20_000)
            .put("sustained.engine.held", 100_000)
            .put("sustained.engine.confirmed", 1)
            .put("sustained.floor.held", 400_000);

        final String table = ReportTable.standard().render(results);

        assertTrue(table.startsWith("| metric | Sluice | baseline | ratio |"), table);
        assertTrue(table.contains("| 800.0 ns, 0.01 B/op | 100.0 ns | 8.00× |"), table);
        assertTrue(table.contains("| 8.00× |"), "time ratio is Sluice/baseline: " + table);
        assertTrue(table.contains("| 40.0 µs | 20.0 µs | 2.00× |"), table);
        assertTrue(table.contains("| 100,000/s | 400,000/s | 4.00× |"), "throughput ratio is baseline/Sluice: " + table);
        assertFalse(table.contains("yielding"), "rows with no figures are left out: " + table);
    }

    @Test
    void shouldMergeResultFilesOfARun()
    {
        new Results().put("a.p50", 1).note("first").write(dir.resolve("a.json"));
        new Results().put("b.p50", 2).write(dir.resolve("b.json"));

        final Results all = Results.readAll(dir);

        assertEquals(1, all.get("a.p50"));
        assertEquals(2, all.get("b.p50"));
        assertEquals(1, all.notes().size());
    }

    @Test
    void shouldCarryTheSignalIndexInEveryIdOfTheFrame()
    {
        final SignalFrame frame = new SignalFrame().index(123_456_789L);
        final byte[] body = SignalFrame.body(7);
        final String text = new String(body, java.nio.charset.StandardCharsets.US_ASCII);

        assertEquals(123_456_789L, SignalFrame.parseId(new UnsafeBuffer(("b000123456789").getBytes()), 0, 13));
        assertTrue(text.contains("\"id\":\"b000000000007\"") && text.contains("\"side\":\"sell\""), text);
        assertEquals(-1, SignalFrame.parseId(new UnsafeBuffer("x000000000001".getBytes()), 0, 13));
        assertTrue(frame.length() > body.length, "the frame holds the body and the ids");
        assertEquals(Fixed.parse("0.1"), 10_000_000L);
    }
}
