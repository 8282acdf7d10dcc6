package io.sluice.engine.core;

import java.util.HashMap;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instruments the engine learns from venues' InstrumentDefinitions: a broker's synced NIFTY option becomes tradable
 * without being listed in {@code sluice.instruments}, with the broker's rules and its underlying's session calendar,
 * the same way on replay, and within a bounded table.
 */
class DynamicInstrumentsTest
{
    private static final String CALL = "NIFTY04JAN2421750CE";
    // 2024-01-04 10:00 IST (04:30 UTC), a Thursday: NSE is open.
    private static final long NSE_OPEN_NS = 1_704_342_600_000_000_000L;
    // 2024-01-04 20:00 IST: NSE is closed.
    private static final long NSE_CLOSED_NS = NSE_OPEN_NS + 10 * 3_600_000_000_000L;

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private long sequence;

    private static EngineCore newCore(final OutputPort port, final String spare)
    {
        return newCore(port, spare, Map.of());
    }

    private static EngineCore newCore(final OutputPort port, final String spare, final Map<String, String> more)
    {
        final Map<String, String> settings = new HashMap<>(more);
        settings.put("sluice.accounts", "desk");
        settings.put("sluice.account.desk.venue", "paper");
        settings.put("sluice.account.desk.ordersPerSecond", "0");
        settings.put("sluice.account.desk.maxOrderQty", "1000");
        settings.put("sluice.account.desk.maxNotional", "10000000");
        settings.put("sluice.instruments", "NIFTY");
        if (spare != null)
        {
            settings.put("sluice.engine.dynamicInstruments", spare);
        }
        return new EngineCore(CoreConfig.from(Settings.of(settings)), port);
    }

    private void feed(final EngineCore core, final long nowNs, final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private int quote(final String symbol, final String last)
    {
        final MarketDataEncoder encoder = new MarketDataEncoder().wrapAndApplyHeader(frames.buffer(), 0, new MessageHeaderEncoder())
            .venue("paper").symbol(symbol).bid(Fixed.NULL).ask(Fixed.NULL).last(Fixed.parse(last)).timestampNs(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int fill(final String clientOrderId, final String qty, final String price)
    {
        final io.sluice.sbe.ExecutionReportEncoder report = new io.sluice.sbe.ExecutionReportEncoder()
            .wrapAndApplyHeader(frames.buffer(), 0, new MessageHeaderEncoder())
            .clientOrderId(clientOrderId).venueOrderId("K1").account("desk").venue("paper").symbol(CALL)
            .execType(io.sluice.sbe.ExecType.TRADE).ordStatus(io.sluice.sbe.OrdStatus.FILLED).side(io.sluice.sbe.Side.BUY)
            .lastQty(Fixed.parse(qty)).lastPrice(Fixed.parse(price)).cumQty(Fixed.parse(qty)).leavesQty(0).avgPrice(Fixed.parse(price))
            .transactTimeNs(1).tradeId("T1").commission(Fixed.NULL).commissionAsset("").text("");
        return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
    }

    private int marketBuy(final String id, final String qty)
    {
        return frames.signal(id, id, "{\"id\":\"" + id + "\",\"account\":\"desk\",\"symbol\":\"" + CALL +
            "\",\"side\":\"buy\",\"qty\":" + qty + "}");
    }

    @Test
    void shouldTradeAnOptionLearnedFromItsDefinitionWithoutConfiguration()
    {
        final EngineCore core = newCore(outputs, null);
        feed(core, NSE_OPEN_NS, frames.gatewayStatus("paper", GatewayState.UP));
        feed(core, NSE_OPEN_NS, marketBuy("before", "50"));
        assertEquals(RejectReason.UNKNOWN_SYMBOL, outputs.reject(0).reason(), "not configured, not yet defined");
        outputs.clear();

        feed(core, NSE_OPEN_NS, frames.option(CALL, "NIFTY", "0.05", "50"));
        assertEquals(0, outputs.frames.size(), "a definition is an input, not an error: " + outputs.templateIds());
        feed(core, NSE_OPEN_NS, quote(CALL, "102.35"));
        feed(core, NSE_OPEN_NS, marketBuy("odd-lot", "25"));
        assertEquals(RejectReason.LOT_SIZE, outputs.reject(0).reason(), "the broker's lot applies");
        outputs.clear();

        feed(core, NSE_OPEN_NS, marketBuy("one-lot", "50"));
        final NewOrderDecoder order = outputs.newOrder(0);
        assertEquals(CALL, order.symbol().trim());
        assertEquals(Fixed.of(50), order.quantity());
        assertEquals(1, core.liveOrders());
    }

    @Test
    void shouldCountALearnedOptionsPositionInTheAccountsExposure()
    {
        final EngineCore core = newCore(outputs, null, Map.of("sluice.account.desk.maxGrossExposure", "6000"));
        feed(core, NSE_OPEN_NS, frames.gatewayStatus("paper", GatewayState.UP));
        feed(core, NSE_OPEN_NS, frames.option(CALL, "NIFTY", "0.05", "50"));
        feed(core, NSE_OPEN_NS, quote(CALL, "102.35"));
        feed(core, NSE_OPEN_NS, marketBuy("first", "50"));
        final String clientOrderId = outputs.newOrder(0).clientOrderId().trim();
        feed(core, NSE_OPEN_NS, fill(clientOrderId, "50", "102.35"));
        assertEquals(Fixed.of(50), outputs.positionUpdate(0).quantity());
        outputs.clear();

        feed(core, NSE_OPEN_NS, marketBuy("second", "50"));
        assertEquals(RejectReason.MAX_GROSS_EXPOSURE, outputs.reject(0).reason(), "5117.5 held + 5117.5 more > 6000");
    }

    @Test
    void shouldTradeALearnedOptionOnlyInItsUnderlyingsSession()
    {
        final EngineCore core = newCore(outputs, null);
        feed(core, NSE_CLOSED_NS, frames.gatewayStatus("paper", GatewayState.UP));
        feed(core, NSE_CLOSED_NS, frames.option(CALL, "NIFTY", "0.05", "50"));
        feed(core, NSE_CLOSED_NS, quote(CALL, "102.35"));
        feed(core, NSE_CLOSED_NS, marketBuy("late", "50"));
        assertEquals(RejectReason.SESSION_CLOSED, outputs.reject(0).reason(), "NIFTY's NSE calendar");
    }

    @Test
    void shouldLearnTheSameInstrumentsWithTheSameOutputsOnReplay()
    {
        final CapturedOutputs replayed = new CapturedOutputs();
        final EngineCore first = newCore(outputs, null);
        final EngineCore second = newCore(replayed, null);
        final String[] symbols = {"NIFTY04JAN2421700PE", CALL, "NIFTY11JAN2421800CE"};
        for (final EngineCore core : new EngineCore[] {first, second})
        {
            sequence = 0;
            feed(core, NSE_OPEN_NS, frames.gatewayStatus("paper", GatewayState.UP));
            for (final String symbol : symbols)
            {
                feed(core, NSE_OPEN_NS, frames.option(symbol, "NIFTY", "0.05", "50"));
                feed(core, NSE_OPEN_NS, quote(symbol, "99.5"));
            }
            feed(core, NSE_OPEN_NS, marketBuy("b-1", "100"));
        }
        assertEquals(first.stateHash(), second.stateHash());
        assertEquals(outputs.frames.size(), replayed.frames.size());
        for (int i = 0; i < outputs.frames.size(); i++)
        {
            assertArrayEquals(outputs.frames.get(i), replayed.frames.get(i), "output " + i);
        }
        assertEquals(CALL, outputs.newOrder(0).symbol().trim());
    }

    @Test
    void shouldIgnoreNewSymbolsOnceTheTableIsFullAndSaySoOnce()
    {
        final EngineCore core = newCore(outputs, "1");
        feed(core, NSE_OPEN_NS, frames.gatewayStatus("paper", GatewayState.UP));
        feed(core, NSE_OPEN_NS, frames.option("NIFTY04JAN2421700PE", "NIFTY", "0.05", "50"));
        feed(core, NSE_OPEN_NS, frames.option(CALL, "NIFTY", "0.05", "50"));
        feed(core, NSE_OPEN_NS, frames.option("NIFTY11JAN2421800CE", "NIFTY", "0.05", "50"));
        assertEquals(1, outputs.frames.size(), outputs.templateIds().toString());
        assertTrue(outputs.engineError(0).detail().contains("instrument table full"));
        outputs.clear();

        feed(core, NSE_OPEN_NS, quote(CALL, "102.35"));
        feed(core, NSE_OPEN_NS, marketBuy("full", "50"));
        assertEquals(RejectReason.UNKNOWN_SYMBOL, outputs.reject(0).reason());
    }

    @Test
    void shouldLearnNothingWhenDynamicInstrumentsAreOff()
    {
        final EngineCore core = newCore(outputs, "0");
        feed(core, NSE_OPEN_NS, frames.gatewayStatus("paper", GatewayState.UP));
        feed(core, NSE_OPEN_NS, frames.option(CALL, "NIFTY", "0.05", "50"));
        outputs.clear();
        feed(core, NSE_OPEN_NS, marketBuy("off", "50"));
        assertEquals(1, outputs.frames.size(), "only the refusal, no error about a table that is off: " + outputs.templateIds());
        assertEquals(RejectReason.UNKNOWN_SYMBOL, outputs.reject(0).reason());
    }
}
