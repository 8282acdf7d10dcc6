package io.sluice.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Severity;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several positions per symbol: on a hedging account every opening order is its own ticket, and PineConnector's
 * newsltplong/newsltpshort amend each ticket of the side, closelong/closeshort/closeall close each side; a netting
 * account keeps one position. The gateway's answers to amends of released orders are outcomes, not engine errors.
 */
class HedgingPositionsTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final String LICENSE = "60123456789,";

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private EngineCore core;
    private long sequence;
    private final long nowNs = 1_700_000_000L * SECOND_NS;

    private void start(final boolean hedging, final String positionsPerSymbol)
    {
        start(hedging, positionsPerSymbol, Map.of());
    }

    private void start(final boolean hedging, final String positionsPerSymbol, final Map<String, String> extra)
    {
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.accounts", "main");
        settings.put("sluice.account.main.maxOrderQty", "10");
        settings.put("sluice.account.main.maxNotional", "10000000");
        settings.put("sluice.account.main.ordersPerSecond", "0");
        settings.put("sluice.account.main.hedging", Boolean.toString(hedging));
        settings.put("sluice.engine.maxLiveOrders", "64");
        settings.put("sluice.engine.positionsPerSymbol", positionsPerSymbol);
        settings.put("sluice.source.default.pine.slUnit", "price");
        settings.put("sluice.source.default.pine.tpUnit", "price");
        settings.putAll(extra);
        this.settings = settings;
        core = new EngineCore(CoreConfig.from(Settings.of(settings)), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        outputs.clear();
    }

    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> allOutputs = new ArrayList<>();
    private Map<String, String> settings;

    private void feed(final int length)
    {
        final byte[] input = new byte[length];
        frames.buffer().getBytes(0, input);
        inputs.add(input);
        final int before = outputs.frames.size();
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
        allOutputs.addAll(outputs.frames.subList(before, outputs.frames.size()));
    }

    private void pine(final String id, final String alert)
    {
        outputs.clear();
        feed(frames.signal(SignalFormat.PINECONNECTOR, id, "main", LICENSE + alert));
    }

    // A Pine entry filled in full at the price: returns its client order id.
    private String filled(final String id, final String alert, final Side side, final String qty, final String price)
    {
        pine(id, alert);
        final String key = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(key, ExecType.TRADE, OrdStatus.FILLED, side, qty, price, qty, ""));
        return key;
    }

    private List<AmendOrderDecoder> amends()
    {
        final List<AmendOrderDecoder> amends = new ArrayList<>();
        for (int i = 0; i < outputs.frames.size(); i++)
        {
            if (outputs.templateId(i) == AmendOrderDecoder.TEMPLATE_ID)
            {
                amends.add(new AmendOrderDecoder().wrapAndApplyHeader(
                    new UnsafeBuffer(outputs.frames.get(i)), 0, new MessageHeaderDecoder()));
            }
        }
        return amends;
    }

    private List<String> amendedOrders()
    {
        final List<String> keys = new ArrayList<>();
        for (final AmendOrderDecoder amend : amends())
        {
            keys.add(amend.clientOrderId().trim());
        }
        return keys;
    }

    @Test
    void shouldAmendEveryLongTicketOnNewsltplongAndNoShortOne()
    {
        start(true, "16");
        final String long1 = filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        final String long2 = filled("b2", "buy,BTCUSDT,vol_lots=2", Side.BUY, "2", "65100");
        final String short1 = filled("s1", "sell,BTCUSDT,vol_lots=1", Side.SELL, "1", "64900");

        pine("n1", "newsltplong,BTCUSDT,sl=64000,tp=67000");
        assertEquals(List.of(long1, long2), amendedOrders(), outputs.templateIds().toString());
        for (final AmendOrderDecoder amend : amends())
        {
            assertEquals(Fixed.of(64000), amend.stopLoss());
            assertEquals(Fixed.of(67000), amend.takeProfit());
            assertEquals(Fixed.NULL, amend.quantity());
            assertEquals("BTCUSDT", amend.symbol().trim());
        }

        pine("n2", "newsltpshort,BTCUSDT,sl=66000");
        assertEquals(List.of(short1), amendedOrders());
        assertEquals(Fixed.of(66000), amends().get(0).stopLoss());
        assertEquals(Fixed.NULL, amends().get(0).takeProfit(), "a level not given is kept");
    }

    @Test
    void shouldCloseEachSideOfAHedgingAccountOnItsOwnCommand()
    {
        start(true, "16");
        filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        filled("b2", "buy,BTCUSDT,vol_lots=2", Side.BUY, "2", "65100");
        filled("s1", "sell,BTCUSDT,vol_lots=1", Side.SELL, "1", "64900");

        // Net long 2, but three lots of longs and one short are open at the venue.
        pine("c1", "closelong,BTCUSDT");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final NewOrderDecoder closeLongs = outputs.newOrder(0);
        assertEquals(Side.SELL, closeLongs.side());
        assertEquals(Fixed.of(3), closeLongs.quantity());
        assertEquals(BooleanType.TRUE, closeLongs.reduceOnly());
        final String closeKey = closeLongs.clientOrderId().trim();
        feed(frames.report(closeKey, ExecType.TRADE, OrdStatus.FILLED, Side.SELL, "3", "65000", "3", ""));

        pine("c2", "closelong,BTCUSDT");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason(), "no long is left");
        assertTrue(outputs.reject(0).detail().contains("no long position"), outputs.reject(0).detail());

        pine("c3", "closeshort,BTCUSDT");
        final NewOrderDecoder closeShorts = outputs.newOrder(0);
        assertEquals(Side.BUY, closeShorts.side());
        assertEquals(Fixed.of(1), closeShorts.quantity());
        assertEquals(BooleanType.TRUE, closeShorts.reduceOnly());
    }

    @Test
    void shouldCloseBothSidesOnCloseallAndFlattenOfAHedgingAccount()
    {
        start(true, "16");
        filled("b1", "buy,BTCUSDT,vol_lots=2", Side.BUY, "2", "65000");
        filled("s1", "sell,BTCUSDT,vol_lots=2", Side.SELL, "2", "64900");

        pine("c1", "closeall,BTCUSDT");
        assertEquals(2, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(Side.SELL, outputs.newOrder(0).side());
        assertEquals(Fixed.of(2), outputs.newOrder(0).quantity());
        assertEquals(Side.BUY, outputs.newOrder(1).side());
        assertEquals(Fixed.of(2), outputs.newOrder(1).quantity());
        assertTrue(!outputs.newOrder(0).clientOrderId().equals(outputs.newOrder(1).clientOrderId()), "two distinct ids");

        outputs.clear();
        feed(frames.admin(AdminAction.FLATTEN, AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops"));
        assertEquals(2, outputs.count(NewOrderDecoder.TEMPLATE_ID), "flatten closes the long and the short tickets, not the zero net");
        assertEquals(0, outputs.count(AlertDecoder.TEMPLATE_ID), "not flat while both sides are open");
    }

    @Test
    void shouldAmendOnlyTheOnePositionOfANettingAccountThroughItsNewestOpeningOrder()
    {
        start(false, "16");
        filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        final String added = filled("b2", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65100");

        pine("n1", "newsltplong,BTCUSDT,sl=64000");
        assertEquals(List.of(added), amendedOrders());

        // Netting: a plain sell reduces the one position; the closelong that follows sizes by what is left.
        filled("s1", "sell,BTCUSDT,vol_lots=1", Side.SELL, "1", "65000");
        pine("c1", "closelong,BTCUSDT");
        assertEquals(Fixed.of(1), outputs.newOrder(0).quantity());
        pine("n2", "newsltpshort,BTCUSDT,sl=66000");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason(), "no short position on a netting account");
    }

    @Test
    void shouldRecordAConfirmedStopsChangeAndAlertARefusalInsteadOfAnEngineError()
    {
        start(true, "16");
        final String long1 = filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        final String long2 = filled("b2", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65100");
        pine("n1", "newsltplong,BTCUSDT,sl=64000,tp=67000");
        final long before = core.stateHash();

        outputs.clear();
        feed(frames.report(long1, ExecType.ORDER_STATUS, OrdStatus.FILLED, Side.BUY, "0", "0", "1", "position 11: sl=64000 tp=67000"));
        feed(frames.report(long2, ExecType.CANCEL_REJECTED, OrdStatus.FILLED, Side.BUY, "0", "0", "1",
            "amend rejected: INVALID_STOPS (10016)"));
        assertEquals(0, outputs.count(EngineErrorDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(2, outputs.count(AlertDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final AlertDecoder changed = outputs.alert(0);
        assertEquals(AlertType.STOPS_CHANGED, changed.alertType());
        assertEquals(Severity.INFO, changed.severity());
        assertEquals("main", changed.account().trim());
        assertEquals("BTCUSDT", changed.symbol().trim());
        assertEquals("stops of the BTCUSDT position opened by " + long1 + " changed: sl=64000 tp=67000; position 11: sl=64000 tp=67000",
            changed.text());
        final AlertDecoder refused = outputs.alert(1);
        assertEquals(AlertType.STOPS_REJECTED, refused.alertType());
        assertEquals(Severity.WARN, refused.severity());
        assertEquals("stops of the BTCUSDT position opened by " + long2 +
            " not changed (sl=64000 tp=67000): amend rejected: INVALID_STOPS (10016)", refused.text());
        assertTrue(core.stateHash() != before, "the confirmed levels are recorded on the ticket");
        assertTrue(core.describe().contains("ticket long 1 @ 65000 sl 64000 tp 67000 opened by " + long1), core.describe());
        assertTrue(core.describe().contains("ticket long 1 @ 65100 sl null tp null opened by " + long2), "a refused change is not recorded");

        outputs.clear();
        feed(frames.report("NEVERSENT0001", ExecType.ORDER_STATUS, OrdStatus.FILLED, Side.BUY, "0", "0", "1", ""));
        assertEquals(1, outputs.count(EngineErrorDecoder.TEMPLATE_ID), "a report nobody asked for is still an error");
    }

    @Test
    void shouldCloseTheTicketAStopLossHitAndAmendOnlyTheOthers()
    {
        start(true, "16");
        filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        final String long2 = filled("b2", "buy,BTCUSDT,vol_lots=2", Side.BUY, "2", "65100");
        final String long3 = filled("b3", "buy,BTCUSDT,vol_lots=1.5", Side.BUY, "1.5", "65200");

        // The venue closed the 2-lot ticket at its stop: the oldest ticket of exactly that volume goes.
        feed(venueFill(Side.SELL, "2", "64000", "deal-9"));
        pine("n1", "newsltplong,BTCUSDT,sl=64500");
        assertEquals(2, amendedOrders().size());
        assertTrue(!amendedOrders().contains(long2), amendedOrders().toString());
        assertTrue(amendedOrders().contains(long3), amendedOrders().toString());
        pine("c1", "closelong,BTCUSDT");
        assertEquals(Fixed.parse("2.5"), outputs.newOrder(0).quantity());
    }

    @Test
    void shouldMergeOpeningsBeyondTheBoundIntoTheNewestTicketWithAnAlert()
    {
        start(true, "2");
        final String long1 = filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        final String long2 = filled("b2", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        pine("b3", "buy,BTCUSDT,vol_lots=1");
        final String long3 = outputs.newOrder(0).clientOrderId().trim();
        outputs.clear();
        feed(frames.report(long3, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "1", "65000", "1", ""));
        assertEquals(AlertType.POSITIONS_MERGED, outputs.alert(0).alertType());
        assertEquals(Severity.WARN, outputs.alert(0).severity());

        pine("n1", "newsltplong,BTCUSDT,sl=64000");
        assertEquals(List.of(long1, long2), amendedOrders());
        pine("c1", "closelong,BTCUSDT");
        assertEquals(Fixed.of(3), outputs.newOrder(0).quantity(), "quantities stay exact");
    }

    @Test
    void shouldCountBothSidesOfAHedgingAccountAsGrossExposureAndOpenPositions()
    {
        for (final boolean hedging : new boolean[]{true, false})
        {
            start(hedging, "16", Map.of("sluice.account.main.maxGrossExposure", "150000", "sluice.account.main.maxOpenPositions", "1"));
            filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
            filled("s1", "sell,BTCUSDT,vol_lots=1", Side.SELL, "1", "65000");
            pine("s2", "sell,BTCUSDT,vol_lots=1");
            if (hedging)
            {
                // A long and a short ticket of one lot each are 130000 of exposure; one more short lot would be 195000.
                assertEquals(RejectReason.MAX_GROSS_EXPOSURE, outputs.reject(0).reason(), outputs.templateIds().toString());
                assertEquals(Fixed.of(195000), outputs.reject(0).actualValue());
            }
            else
            {
                // Netting: the sell closed the long; a new short lot is 65000 of exposure and the one open position.
                assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
            }
        }
    }

    @Test
    void shouldReplayTheSameFramesToTheSameOutputsAndStateHash()
    {
        start(true, "2");
        filled("b1", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65000");
        filled("b2", "buy,BTCUSDT,vol_lots=2", Side.BUY, "2", "65100");
        final String long3 = filled("b3", "buy,BTCUSDT,vol_lots=1", Side.BUY, "1", "65200");
        filled("s1", "sell,BTCUSDT,vol_lots=1", Side.SELL, "1", "64900");
        pine("n1", "newsltplong,BTCUSDT,sl=64000,tp=67000");
        feed(frames.report(long3, ExecType.ORDER_STATUS, OrdStatus.FILLED, Side.BUY, "0", "0", "1", "ok"));
        feed(venueFill(Side.SELL, "1", "64000", "deal-1"));
        pine("c1", "closeall,BTCUSDT");

        final CapturedOutputs replayed = new CapturedOutputs();
        final EngineCore replay = new EngineCore(CoreConfig.from(Settings.of(settings)), replayed);
        long replaySequence = 0;
        for (final byte[] input : inputs)
        {
            replay.onFrame(replaySequence++, nowNs, new UnsafeBuffer(input), 0, input.length);
        }
        assertEquals(core.stateHash(), replay.stateHash());
        assertEquals(allOutputs.size(), replayed.frames.size());
        for (int i = 0; i < allOutputs.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(allOutputs.get(i), replayed.frames.get(i)), "output " + i + " differs");
        }
    }

    // A fill the venue made on its own (no client order id), e.g. a stop-loss hit.
    private int venueFill(final Side side, final String qty, final String price, final String tradeId)
    {
        report.wrapAndApplyHeader(frames.buffer(), 0, new MessageHeaderEncoder())
            .clientOrderId("")
            .venueOrderId("SL1")
            .account("main")
            .venue("paper")
            .symbol("BTCUSDT")
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.FILLED)
            .side(side)
            .lastQty(Fixed.parse(qty))
            .lastPrice(Fixed.parse(price))
            .cumQty(Fixed.parse(qty))
            .leavesQty(0)
            .avgPrice(0)
            .transactTimeNs(1)
            .tradeId(tradeId)
            .commission(Fixed.NULL)
            .commissionAsset("")
            .text("venue-initiated DEAL_REASON_SL");
        return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
    }
}
