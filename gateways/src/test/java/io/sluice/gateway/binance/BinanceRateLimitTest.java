package io.sluice.gateway.binance;

import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceRateLimitTest
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
    void shouldHoldOrdersBeforeTheOrderCountLimitInsteadOfBeingRefused()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.maxHoldMs", "20000"),
            (fake) -> fake.rateLimits(6000, 5, TimeUnit.MINUTES.toMillis(2)));
        rig.awaitUp();
        for (int i = 0; i < 6; i++)
        {
            rig.orders.limit("thr" + i, "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        }
        for (int i = 0; i < 4; i++)
        {
            rig.reports.awaitExecution("thr" + i, ExecType.NEW);
        }
        rig.reports.drain();
        assertEquals(4, rig.fake.requests("order.place"), "4 of 5 allowed: 10% headroom kept");
        assertTrue(rig.reports.executions("thr4").isEmpty());

        rig.advance(10, TimeUnit.SECONDS);
        rig.reports.awaitExecution("thr4", ExecType.NEW);
        rig.reports.awaitExecution("thr5", ExecType.NEW);
        assertEquals(0, rig.fake.count429());
        assertEquals(6, rig.fake.orders().size());
    }

    @Test
    void shouldStopEveryRequestUntilRetryAfterOnA429()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.maxHoldMs", "120000"));
        rig.awaitUp();
        rig.awaitQuiet();
        rig.fake.consumeWeight(6000);
        rig.orders.limit("rl1", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        final Reported.Execution refused = rig.reports.awaitExecution("rl1", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("rate limited (HTTP 429"), () -> refused + " " + rig.fake.requestLog());
        final Reported.Status degraded = rig.reports.await(Reported.Status.class,
            (s) -> s.state() == GatewayState.DEGRADED && s.detail().contains("429"), "DEGRADED on 429");
        assertTrue(degraded.detail().contains("Retry-After"), degraded::toString);

        rig.orders.limit("rl2", "BTCUSDT", Side.BUY, Fixed.parse("0.001"), Fixed.parse("40000"));
        rig.advance(30, TimeUnit.SECONDS);
        rig.reports.drain();
        assertTrue(rig.reports.executions("rl2").isEmpty(), "held, not sent, while Retry-After runs");
        assertEquals(1, rig.fake.requests("order.place"));
        assertEquals(0, rig.fake.count418(), "never hammered into a ban");

        rig.advance(31, TimeUnit.SECONDS);
        rig.reports.awaitExecution("rl2", ExecType.NEW);
        rig.awaitUp();
        assertEquals(0, rig.fake.count418());
    }

    @Test
    void shouldWaitOutAnIpBan()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of("sluice.binance.maxHoldMs", "120000"));
        rig.awaitUp();
        rig.awaitQuiet();
        rig.fake.ban(TimeUnit.SECONDS.toMillis(90));
        rig.orders.market("ban1", "BTCUSDT", Side.SELL, Fixed.parse("0.001"));
        final Reported.Execution refused = rig.reports.awaitExecution("ban1", ExecType.REJECTED);
        assertTrue(refused.text().startsWith("rate limited (HTTP 418"), refused::toString);
        rig.reports.await(Reported.Status.class,
            (s) -> s.state() == GatewayState.DEGRADED && s.detail().startsWith("IP banned"), "DEGRADED on 418");
        final long requestsDuringBan = rig.fake.requestLog().size();

        rig.orders.market("ban2", "BTCUSDT", Side.SELL, Fixed.parse("0.001"));
        rig.advance(60, TimeUnit.SECONDS);
        rig.reports.drain();
        assertEquals(requestsDuringBan, rig.fake.requestLog().size(), rig.fake.requestLog()::toString);

        rig.advance(31, TimeUnit.SECONDS);
        rig.reports.awaitExecution("ban2", ExecType.TRADE);
        assertEquals(1, rig.fake.count418());
    }
}
