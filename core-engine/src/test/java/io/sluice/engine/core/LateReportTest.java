package io.sluice.engine.core;

import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports about orders the engine already finished: a fill the venue made after all moves the position (the venue
 * is the truth) with a LATE_FILL alert, exactly once; repeated and stale reports change nothing and are no errors;
 * a report about an order the engine never had is still an engine error.
 */
class LateReportTest
{
    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final long nowNs = 1_700_000_000_000_000_000L;
    private EngineCore core;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.accounts", "main",
            "sluice.account.main.ordersPerSecond", "0"))), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
    }

    private void feed(final int length)
    {
        outputs.clear();
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    // A BUY 1 LIMIT order that filled 0.4 and was then cancelled: finished, position 0.4.
    private String cancelledAfterAPartialFill()
    {
        feed(frames.signal("late-1", "late-1",
            "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"limit\",\"price\":\"64000\"}"));
        final String id = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        feed(frames.report(id, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.4", "64000", "0.4", ""));
        feed(frames.report(id, ExecType.CANCELED, OrdStatus.CANCELED, Side.BUY, "0", "0", "0.4", ""));
        assertEquals(0, core.liveOrders(), "the order is finished");
        return id;
    }

    @Test
    void shouldMoveThePositionOnceWhenTheVenueFillsAFinishedOrderAfterAll()
    {
        final String id = cancelledAfterAPartialFill();
        final long errors = core.errors();

        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "0.2", "63990", "0.6", ""));

        final PositionUpdateDecoder position = outputs.positionUpdate(0);
        assertEquals(Fixed.parse("0.6"), position.quantity(), "0.4 before, 0.2 filled late");
        assertEquals(AlertType.LATE_FILL, outputs.alert(0).alertType());
        assertTrue(outputs.alert(0).text().contains("late fill of finished order " + id), outputs.alert(0).text());
        assertEquals(errors, core.errors());

        final long hash = core.stateHash();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "0.2", "63990", "0.6", ""));
        assertEquals(0, outputs.frames.size(), "the same fill again changes nothing: " + outputs.templateIds());
        assertEquals(hash, core.stateHash());
        assertEquals(errors, core.errors());
    }

    @Test
    void shouldTakeStaleReportsOfAFinishedOrderWithoutErrorsAndAnOrderNeverSeenAsAnError()
    {
        final String id = cancelledAfterAPartialFill();
        final long errors = core.errors();
        final long hash = core.stateHash();

        feed(frames.report(id, ExecType.CANCEL_REJECTED, OrdStatus.CANCELED, Side.BUY, "0", "0", "0.4", "too late to cancel"));
        feed(frames.report(id, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.4", "64000", "0.4", ""));
        assertEquals(0, outputs.frames.size(), "a late cancel reject and a repeated fill are no errors: " + outputs.templateIds());
        assertEquals(errors, core.errors());
        assertEquals(hash, core.stateHash(), "and change nothing");

        feed(frames.report("1111111111111", ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "1", "64000", "1", ""));
        assertEquals(1, outputs.count(EngineErrorDecoder.TEMPLATE_ID), "a fill for an order the engine never had is an engine error");
    }
}
