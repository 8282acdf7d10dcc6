package io.sluice.engine.core;

import java.util.Map;

import io.sluice.protocol.Settings;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.TradingState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A DEGRADED gateway still takes orders (it refuses per account what it cannot do, e.g. SESSION_EXPIRED for an
 * account whose broker session ended), while RECONCILING or DOWN gateways get none, and a silent DEGRADED gateway is
 * declared down like a silent UP one.
 */
class DegradedGatewayTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final EngineCore core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
        "sluice.accounts", "main,alt",
        "sluice.account.main.ordersPerSecond", "0",
        "sluice.account.alt.ordersPerSecond", "0",
        "sluice.account.main.maxNotional", "1000000",
        "sluice.account.alt.maxNotional", "1000000"))), outputs);
    private long sequence;
    private long nowNs = 1_000;

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private void buy(final String id, final String account)
    {
        feed(frames.signal(id, id, "{\"account\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
    }

    @Test
    void shouldRouteOrdersOfEveryAccountToADegradedGateway()
    {
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        feed(frames.gatewayStatus("paper", GatewayState.DEGRADED));
        buy("d-1", "main");
        buy("d-2", "alt");
        assertEquals(2, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals("alt", outputs.newOrder(1).account().trim());
    }

    @Test
    void shouldRefuseOrdersWhileTheGatewayReconciles()
    {
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        feed(frames.gatewayStatus("paper", GatewayState.RECONCILING));
        buy("r-1", "main");
        assertEquals(RejectReason.GATEWAY_DOWN, outputs.reject(0).reason());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldDeclareASilentDegradedGatewayDown()
    {
        feed(frames.gatewayStatus("paper", GatewayState.DEGRADED));
        nowNs += 6 * SECOND_NS;
        feed(frames.tick(nowNs));
        assertEquals(GatewayState.DOWN, outputs.gatewayStatus(0).state());
        assertEquals(TradingState.HALTED, outputs.tradingStateUpdate(0).state());
    }
}
