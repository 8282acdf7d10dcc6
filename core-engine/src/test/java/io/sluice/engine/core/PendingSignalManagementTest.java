package io.sluice.engine.core;

import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Free-text management of a still-pending signal: "change entry" amends its entry order, "cancel the BTC signal"
 * cancels it; positions and closing orders are never touched, and nothing pending is refused with a reason.
 */
class PendingSignalManagementTest
{
    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final long nowNs = 1_700_000_000_000_000_000L;
    private EngineCore core;
    private long sequence;
    private int signals;

    @BeforeEach
    void setUp()
    {
        core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.accounts", "main,alt",
            "sluice.account.main.ordersPerSecond", "0",
            "sluice.account.alt.ordersPerSecond", "0",
            "sluice.source.default.defaultQty", "0.5"))), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        feed(frames.marketData("ETHUSDT", "3499", "3501"));
    }

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private void text(final String account, final String message)
    {
        outputs.clear();
        feed(frames.signal(SignalFormat.FREE_TEXT, "m-" + (++signals), account, message));
    }

    // A resting limit order of a text signal, acknowledged by the venue.
    private String restingEntry(final String account, final String message)
    {
        text(account, message);
        final String id = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(id, ExecType.NEW, OrdStatus.NEW, outputs.newOrder(0).side(), "0", "0", "0", ""));
        return id;
    }

    private AmendOrderDecoder amend(final int occurrence)
    {
        int seen = 0;
        for (final byte[] frame : outputs.frames)
        {
            final AmendOrderDecoder d = new AmendOrderDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0);
            if (header.templateId() == AmendOrderDecoder.TEMPLATE_ID && seen++ == occurrence)
            {
                return d.wrapAndApplyHeader(new UnsafeBuffer(frame), 0, new MessageHeaderDecoder());
            }
        }
        throw new AssertionError("no AmendOrder #" + occurrence + " in " + outputs.templateIds());
    }

    @Test
    void shouldAmendThePendingEntryOrderOfANamedSymbolToTheNewPrice()
    {
        final String entry = restingEntry("main", "BTCUSDT BUY 64000 SL 63000 TP 67000");
        final long before = core.stateHash();

        text("main", "BTC change entry to 64500");

        final AmendOrderDecoder amend = amend(0);
        assertEquals(entry, amend.clientOrderId().trim());
        assertEquals("BTCUSDT", amend.symbol().trim());
        assertEquals(Fixed.of(64500), amend.price());
        assertEquals(Fixed.NULL, amend.stopPrice());
        assertEquals(Fixed.NULL, amend.quantity());
        assertEquals(Fixed.NULL, amend.stopLoss());
        final OrderUpdateDecoder update = outputs.orderUpdate(0);
        assertEquals(entry, update.clientOrderId().trim());
        assertEquals(Fixed.of(64500), update.price());
        assertEquals(OrdStatus.NEW, update.ordStatus());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID), "a change never places an order");
        assertTrue(before != core.stateHash(), "the engine's view of the order has the new price");
        assertEquals(1, core.liveOrders());
    }

    @Test
    void shouldRefuseANewEntryPriceOutsideThePriceCollarAndKeepTheOrderAsItWas()
    {
        core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.accounts", "main",
            "sluice.account.main.ordersPerSecond", "0",
            "sluice.account.main.priceCollarPct", "5",
            "sluice.source.default.defaultQty", "0.5"))), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        final String entry = restingEntry("main", "BTCUSDT BUY 64000 SL 63000 TP 67000");

        text("main", "BTC change entry to 75000"); // 15% above the market: a fat-fingered change

        assertEquals(0, outputs.count(AmendOrderDecoder.TEMPLATE_ID), "nothing reaches the venue");
        assertEquals(RejectReason.PRICE_COLLAR, outputs.reject(0).reason());
        assertTrue(outputs.reject(0).detail().contains("priceCollarPct"), outputs.reject(0).detail());
        assertEquals(0, outputs.count(OrderUpdateDecoder.TEMPLATE_ID), "the engine's order keeps its price: no update");

        text("main", "BTC change entry to 64500"); // within the collar
        assertEquals(entry, amend(0).clientOrderId().trim());
        assertEquals(Fixed.of(64500), amend(0).price());
    }

    @Test
    void shouldCancelASignalThatWaitsForApprovalUnderItsOwnId()
    {
        // An account that wants a person to approve free-text entries below 95 % confidence (this one is sized by the
        // default quantity); a cancellation only takes risk away and never waits.
        core = new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.accounts", "alt",
            "sluice.account.alt.ordersPerSecond", "0",
            "sluice.account.alt.minConfidence", "95",
            "sluice.source.default.defaultQty", "0.5"))), outputs);
        feed(frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.marketData("BTCUSDT", "64990", "65010"));
        feed(frames.marketData("ETHUSDT", "3499", "3501"));
        text("alt", "BTCUSDT BUY 64000 SL 63000 TP 67000");
        assertEquals(RejectReason.AWAITING_APPROVAL, outputs.reject(0).reason(), outputs.reject(0).detail());
        final String waiting = outputs.reject(0).signalId();

        text("alt", "ETH cancel the signal");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason(), "nothing of ETH waits or works: " + outputs.reject(0).detail());

        text("alt", "cancel the BTC signal");
        final String cancel = "m-" + signals;
        assertEquals(1, outputs.frames.size(), outputs.templateIds().toString());
        assertEquals(RejectReason.APPROVAL_REJECTED, outputs.reject(0).reason());
        assertEquals(waiting, outputs.reject(0).signalId(), "the waiting signal is answered under its own id");
        assertTrue(outputs.reject(0).detail().contains("cancelled by signal " + cancel), outputs.reject(0).detail());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        text("alt", "cancel the BTC signal");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason(), "it left the queue: nothing left to cancel");
    }

    @Test
    void shouldChangeTheEntryOfThePreviousSignalWhenTheMessageNamesNoSymbol()
    {
        restingEntry("main", "ETHUSDT SELL 3600 SL 3700 TP 3300");
        final String latest = restingEntry("main", "BTCUSDT BUY 64000 SL 63000 TP 67000");

        text("main", "Change entry to 64200");

        assertEquals(1, outputs.count(AmendOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(latest, amend(0).clientOrderId().trim(), "the most recent pending signal is the previous one");
        assertEquals(Fixed.of(64200), amend(0).price());
    }

    @Test
    void shouldCancelThePendingSignalOfASymbolOnlyForItsAccountAndRefuseASecondCancel()
    {
        final String entry = restingEntry("main", "BTCUSDT BUY 64000 SL 63000 TP 67000");
        final String other = restingEntry("alt", "BTCUSDT BUY 63000 SL 62000 TP 67000");
        restingEntry("main", "ETHUSDT SELL 3600 SL 3700 TP 3300");

        text("main", "cancel the BTC signal");

        assertEquals(1, outputs.count(CancelOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final CancelOrderDecoder cancel = outputs.cancelOrder(0);
        assertEquals(entry, cancel.clientOrderId().trim());
        assertEquals("main", cancel.account().trim());
        assertEquals(OrdStatus.PENDING_CANCEL, outputs.orderUpdate(0).ordStatus());
        assertTrue(!other.equals(cancel.clientOrderId().trim()));

        text("main", "cancel the BTC signal");
        final CapturedOutputs.Reject refused = outputs.reject(0);
        assertEquals(RejectReason.NOT_A_SIGNAL, refused.reason());
        assertTrue(refused.detail().contains("no pending order to cancel"), refused.detail());
        assertEquals(0, outputs.count(CancelOrderDecoder.TEMPLATE_ID));

        feed(frames.report(entry, ExecType.CANCELED, OrdStatus.CANCELED, Side.BUY, "0", "0", "0", ""));
        assertEquals(2, core.liveOrders(), "the other account's order and the ETH order stay");
    }

    @Test
    void shouldCancelOnlyTheSideNamedAndNeverAFilledEntry()
    {
        final String buy = restingEntry("main", "BTCUSDT BUY 64000 SL 63000 TP 67000");
        final String sell = restingEntry("main", "BTCUSDT SELL 66000 SL 67000 TP 63000");

        text("main", "Cancel BTCUSDT sell limit");
        assertEquals(1, outputs.count(CancelOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(sell, outputs.cancelOrder(0).clientOrderId().trim());

        feed(frames.report(buy, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "0.5", "64000", "0.5", ""));
        text("main", "cancel the BTC signal");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason(), "a filled entry is a position, not a pending signal");
        text("main", "BTC change entry to 64500");
        assertEquals(RejectReason.NOT_A_SIGNAL, outputs.reject(0).reason());
        assertTrue(outputs.reject(0).detail().contains("no pending entry order to change"), outputs.reject(0).detail());
    }
}
