package io.sluice.gateway.binance;

import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceClockTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private BinanceRig rig;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @AfterEach
    void close()
    {
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldResyncTheClockAndRetryOnceOnMinus1021()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        final long timeRequests = rig.fake.requests("time");
        assertEquals(0, rig.venue().requests().offsetMs());

        rig.fake.clockShift(10_000);
        rig.orders.limit("clk1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        rig.reports.awaitExecution("clk1", ExecType.NEW);
        assertEquals(2, rig.fake.requests("order.place"));
        assertTrue(rig.fake.requestLog().contains("ws order.place 400/-1021"), rig.fake.requestLog()::toString);
        assertEquals(timeRequests + 1, rig.fake.requests("time"));
        assertEquals(10_000, rig.venue().requests().offsetMs());
        assertEquals(1, rig.fake.orders("clk1").size());
    }

    @Test
    void shouldRejectWhenTheRetryIsRefusedAgain()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        rig.fake.faults().reject("order.place", 2, 400, -1021, "Timestamp for this request is outside of the recvWindow.");
        rig.orders.limit("clk2", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        final Reported.Execution rejected = rig.reports.awaitExecution("clk2", ExecType.REJECTED);
        assertTrue(rejected.text().startsWith("binance -1021"), rejected::toString);
        assertEquals(2, rig.fake.requests("order.place"));
        assertEquals(0, rig.fake.orders("clk2").size());
    }
}
