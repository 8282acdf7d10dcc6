package io.sluice.engine.core;

import java.util.ArrayList;
import java.util.List;

import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.EngineStartedEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrderStatusRequestDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconciliation of in-doubt orders: status requests after a restart or a gateway coming back, and the answers. */
class ReconciliationTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final CapturedOutputs outputs = new CapturedOutputs();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final ExpandableArrayBuffer extra = new ExpandableArrayBuffer(512);
    private EngineCore core;
    private long nowNs = 1_700_000_000L * SECOND_NS;

    @BeforeEach
    void setUp()
    {
        core = EngineCoreTest.newCore(outputs);
        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.UP));
        feed(frames.buffer(), frames.marketData("BTCUSDT", "64990", "65010"));
    }

    private void feed(final org.agrona.DirectBuffer buffer, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        inputs.add(frame);
        times.add(nowNs);
        core.onFrame(inputs.size() - 1, nowNs, new UnsafeBuffer(frame), 0, length);
    }

    private String placePendingOrder(final String id)
    {
        outputs.clear();
        feed(frames.buffer(), frames.signal(id, id, "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"1.5\"}"));
        return outputs.newOrder(0).clientOrderId().trim();
    }

    private void engineStarted()
    {
        final EngineStartedEncoder e = new EngineStartedEncoder().wrapAndApplyHeader(extra, 0, new MessageHeaderEncoder());
        e.timestampNs(nowNs).inputsReplayed(inputs.size());
        feed(extra, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private void statusAnswer(final String clientOrderId, final OrdStatus status, final String cumQty, final String avgPrice)
    {
        final ExecutionReportEncoder r = new ExecutionReportEncoder().wrapAndApplyHeader(extra, 0, new MessageHeaderEncoder());
        r.clientOrderId(clientOrderId).venueOrderId(status == OrdStatus.NOT_FOUND ? "" : "P9").account("main").venue("paper")
            .symbol("BTCUSDT").execType(ExecType.ORDER_STATUS).ordStatus(status).side(Side.BUY)
            .lastQty(0).lastPrice(0).cumQty(Fixed.parse(cumQty)).leavesQty(0).avgPrice(Fixed.parse(avgPrice))
            .transactTimeNs(nowNs).tradeId("").commission(Fixed.NULL).commissionAsset("").text("");
        feed(extra, MessageHeaderEncoder.ENCODED_LENGTH + r.encodedLength());
    }

    private OrderStatusRequestDecoder statusRequest(final int occurrence)
    {
        int seen = 0;
        for (final byte[] frame : outputs.frames)
        {
            final UnsafeBuffer b = new UnsafeBuffer(frame);
            if (new MessageHeaderDecoder().wrap(b, 0).templateId() == OrderStatusRequestDecoder.TEMPLATE_ID && seen++ == occurrence)
            {
                return new OrderStatusRequestDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
            }
        }
        throw new AssertionError("no OrderStatusRequest #" + occurrence + " in " + outputs.templateIds());
    }

    private <T> T decoded(final int templateId, final int occurrence, final java.util.function.Function<UnsafeBuffer, T> wrap)
    {
        int seen = 0;
        for (final byte[] frame : outputs.frames)
        {
            final UnsafeBuffer b = new UnsafeBuffer(frame);
            if (new MessageHeaderDecoder().wrap(b, 0).templateId() == templateId && seen++ == occurrence)
            {
                return wrap.apply(b);
            }
        }
        throw new AssertionError("no output #" + occurrence + " of template " + templateId + " in " + outputs.templateIds());
    }

    @Test
    void shouldResendAnOrderTheVenueDoesNotKnowExactlyOnceAsTheNextAttempt()
    {
        final String id = placePendingOrder("sig-lost");
        outputs.clear();

        engineStarted();
        assertEquals(1, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final OrderStatusRequestDecoder request = statusRequest(0);
        assertEquals(id, request.clientOrderId().trim());
        assertEquals(OrdStatus.PENDING_NEW, request.ordStatus());
        assertEquals(0, request.attempt());
        assertEquals(1, request.round());
        assertEquals(Fixed.parse("1.5"), request.quantity());
        assertTrue(core.reconciling());

        // New signals for the venue wait for the answer: refused with a clear reason if they reach the core.
        outputs.clear();
        feed(frames.buffer(), frames.signal("sig-new", "sig-new", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals(RejectReason.ORDER_UNKNOWN_PENDING, outputs.reject(0).reason());

        outputs.clear();
        statusAnswer(id, OrdStatus.NOT_FOUND, "0", "0");
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final NewOrderDecoder resent = outputs.newOrder(0);
        final String nextId = resent.clientOrderId().trim();
        final UnsafeBuffer signal = new UnsafeBuffer("sig-lost".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(ClientOrderIds.toString(ClientOrderIds.key(accountHash(), signal, 0, signal.capacity(), 0, 1)), nextId);
        assertEquals(1, resent.attempt());
        assertEquals(Fixed.parse("1.5"), resent.quantity());
        assertEquals(Side.BUY, resent.side());
        assertEquals("sig-lost", resent.signalId());
        final OrderUpdateDecoder old = outputs.orderUpdate(0);
        assertEquals(id, old.clientOrderId().trim());
        assertEquals(OrdStatus.REJECTED, old.ordStatus());
        assertEquals(OrdStatus.PENDING_NEW, outputs.orderUpdate(1).ordStatus());
        assertEquals(AlertType.RECONCILE_RESENT,
            decoded(AlertDecoder.TEMPLATE_ID, 0, b -> new AlertDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder())).alertType());
        assertFalse(core.reconciling());
        assertEquals(1, core.liveOrders());

        // A repeated "not known" for the replaced attempt sends nothing more.
        outputs.clear();
        statusAnswer(id, OrdStatus.NOT_FOUND, "0", "0");
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));

        // The venue takes new signals again.
        outputs.clear();
        feed(frames.buffer(), frames.signal("sig-new2", "sig-new2", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
    }

    private List<AlertType> alertTypes()
    {
        final List<AlertType> types = new ArrayList<>();
        for (int i = 0; i < outputs.count(AlertDecoder.TEMPLATE_ID); i++)
        {
            final int n = i;
            types.add(decoded(AlertDecoder.TEMPLATE_ID, n, b -> new AlertDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder())).alertType());
        }
        return types;
    }

    private long accountHash()
    {
        final byte[] name = "main".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return io.sluice.protocol.Ascii.hash(0, new UnsafeBuffer(name), 0, name.length);
    }

    @Test
    void shouldAdoptAFillTheVenueReportsAndNeverResend()
    {
        final String id = placePendingOrder("sig-filled");
        outputs.clear();
        engineStarted();
        outputs.clear();

        statusAnswer(id, OrdStatus.FILLED, "1.5", "65010");
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        final PositionUpdateDecoder position = decoded(PositionUpdateDecoder.TEMPLATE_ID, 0,
            b -> new PositionUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder()));
        assertEquals(Fixed.parse("1.5"), position.quantity());
        assertEquals(Fixed.of(65010), position.avgPrice());
        final OrderUpdateDecoder update = outputs.orderUpdate(0);
        assertEquals(OrdStatus.FILLED, update.ordStatus());
        assertEquals(Fixed.parse("1.5"), update.cumQty());
        assertEquals(0, core.liveOrders());
        assertFalse(core.reconciling());
        assertTrue(core.describe().contains("position BTCUSDT qty 1.5"), core.describe());
    }

    @Test
    void shouldCatchUpAFillOfAnAcknowledgedOrderThatDiedWithTheEngine()
    {
        // NEW journaled, then the engine died with the TRADE read from Aeron but not journaled: the replayed
        // state says NEW, the venue says FILLED.
        final String id = placePendingOrder("sig-acked");
        feed(frames.buffer(), frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        outputs.clear();
        engineStarted();
        assertEquals(1, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(OrdStatus.NEW, statusRequest(0).ordStatus());
        assertFalse(core.reconciling(), "an acknowledged order is asked about without holding new signals back");

        // A new signal meanwhile trades at once: the working order's 1.5 already counts as exposure.
        outputs.clear();
        feed(frames.buffer(), frames.signal("sig-meanwhile", "sig-meanwhile", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        assertEquals(1, outputs.count(NewOrderDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        outputs.clear();

        statusAnswer(id, OrdStatus.FILLED, "1.5", "65005");
        final PositionUpdateDecoder position = decoded(PositionUpdateDecoder.TEMPLATE_ID, 0,
            b -> new PositionUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder()));
        assertEquals(Fixed.parse("1.5"), position.quantity());
        assertEquals(Fixed.of(65005), position.avgPrice());
        assertEquals(1, core.liveOrders(), "the new signal's order is still working");
        assertFalse(core.reconciling());
    }

    @Test
    void shouldAlertWhenAnAcknowledgedOrderIsNeverAnsweredForAndLeaveItAsItIs()
    {
        final String id = placePendingOrder("sig-quiet");
        feed(frames.buffer(), frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        engineStarted();
        outputs.clear();
        nowNs += 11 * SECOND_NS;
        feed(frames.buffer(), frames.tick(nowNs));
        assertEquals(AlertType.RECONCILE_TIMEOUT, alertTypes().get(0), alertTypes().toString());
        nowNs += 11 * SECOND_NS;
        feed(frames.buffer(), frames.tick(nowNs));
        assertEquals(1, alertTypes().stream().filter(AlertType.RECONCILE_TIMEOUT::equals).count(), "once: " + alertTypes());
        assertTrue(core.describe().contains("NEW"), core.describe());
    }

    @Test
    void shouldTakeTheUnseenFillsOfAStatusNobodyAskedFor()
    {
        // A late answer from an earlier round (or a status a gateway sends on its own) still moves the position
        // by what the engine had not seen - and only once.
        final String id = placePendingOrder("sig-late");
        feed(frames.buffer(), frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        outputs.clear();
        statusAnswer(id, OrdStatus.PARTIALLY_FILLED, "0.5", "65000");
        assertEquals(Fixed.parse("0.5"), decoded(PositionUpdateDecoder.TEMPLATE_ID, 0,
            b -> new PositionUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder())).quantity());
        assertEquals(OrdStatus.PARTIALLY_FILLED, outputs.orderUpdate(0).ordStatus());
        outputs.clear();
        statusAnswer(id, OrdStatus.PARTIALLY_FILLED, "0.5", "65000");
        assertEquals(0, outputs.count(PositionUpdateDecoder.TEMPLATE_ID), "the same status again adds nothing");
        // A NOT_FOUND nobody asked for is no news: nothing is re-sent.
        statusAnswer(id, OrdStatus.NOT_FOUND, "0", "0");
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals(1, core.liveOrders());
    }

    @Test
    void shouldCatchUpOnlyTheFillsTheEngineHasNotSeen()
    {
        final String id = placePendingOrder("sig-part");
        feed(frames.buffer(), frames.report(id, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, "0.5", "65000", "0.5", ""));
        feed(frames.buffer(), frames.report(id, ExecType.ORDER_STATUS, OrdStatus.UNKNOWN, Side.BUY, "0", "0", "0.5", "timeout"));
        outputs.clear();
        engineStarted();
        assertEquals(OrdStatus.UNKNOWN, statusRequest(0).ordStatus());
        outputs.clear();

        // Venue: 1.5 filled at an average of 65020 → the unseen 1.0 filled at 65030.
        statusAnswer(id, OrdStatus.FILLED, "1.5", "65020");
        final PositionUpdateDecoder position = decoded(PositionUpdateDecoder.TEMPLATE_ID, 0,
            b -> new PositionUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder()));
        assertEquals(Fixed.parse("1.5"), position.quantity());
        assertEquals(Fixed.of(65020), position.avgPrice());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldTurnAnUnansweredRequestIntoAnAlertAndNeverResend()
    {
        placePendingOrder("sig-silent");
        outputs.clear();
        engineStarted();
        outputs.clear();

        nowNs += 5 * SECOND_NS;
        feed(frames.buffer(), frames.tick(nowNs));
        assertTrue(core.reconciling(), "before the timeout the request still waits");
        nowNs += 6 * SECOND_NS;
        feed(frames.buffer(), frames.tick(nowNs));
        assertFalse(core.reconciling());
        final AlertDecoder alert = decoded(AlertDecoder.TEMPLATE_ID, 0, b -> new AlertDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder()));
        assertEquals(AlertType.RECONCILE_TIMEOUT, alert.alertType());
        assertEquals(0, outputs.count(NewOrderDecoder.TEMPLATE_ID));
        assertEquals(1, core.liveOrders(), "the order is left as it is");
        assertTrue(core.describe().contains("PENDING_NEW"), core.describe());
    }

    @Test
    void shouldQueryEveryLiveOrderWhenTheGatewayComesBackUp()
    {
        final String pending = placePendingOrder("sig-a");
        final String acknowledged = placePendingOrder("sig-b");
        feed(frames.buffer(), frames.report(acknowledged, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.DOWN));
        outputs.clear();

        // The acknowledged order too: its fill may have been reported while the gateway was away.
        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.UP));
        assertEquals(2, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(pending, statusRequest(0).clientOrderId().trim());
        assertEquals(acknowledged, statusRequest(1).clientOrderId().trim());
        assertEquals(OrdStatus.NEW, statusRequest(1).ordStatus());
        statusAnswer(pending, OrdStatus.NEW, "0", "0");
        statusAnswer(acknowledged, OrdStatus.NEW, "0", "0");
        assertFalse(core.reconciling());

        // A heartbeat while UP asks nothing again.
        outputs.clear();
        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.UP));
        assertEquals(0, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldWaitForTheGatewayWhenItIsDownAtRestart()
    {
        final String id = placePendingOrder("sig-down");
        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.DOWN));
        outputs.clear();
        engineStarted();
        assertEquals(0, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID));

        feed(frames.buffer(), frames.gatewayStatus("paper", GatewayState.UP));
        assertEquals(1, outputs.count(OrderStatusRequestDecoder.TEMPLATE_ID), outputs.templateIds().toString());
        assertEquals(id, statusRequest(0).clientOrderId().trim());
    }

    @Test
    void shouldReplayReconciliationToIdenticalOutputs()
    {
        final String id = placePendingOrder("sig-replay");
        engineStarted();
        statusAnswer(id, OrdStatus.NOT_FOUND, "0", "0");
        final List<byte[]> first = new ArrayList<>(outputs.frames);
        final long hash = core.stateHash();

        final CapturedOutputs again = new CapturedOutputs();
        final EngineCore replayed = EngineCoreTest.newCore(again);
        for (int i = 0; i < inputs.size(); i++)
        {
            replayed.onFrame(i, times.get(i), new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
        }
        // Outputs since the last clear() are the tail of the replay's outputs, byte for byte.
        final List<byte[]> tail = again.frames.subList(again.frames.size() - first.size(), again.frames.size());
        for (int i = 0; i < first.size(); i++)
        {
            assertArrayEquals(first.get(i), tail.get(i), "output " + i);
        }
        assertEquals(hash, replayed.stateHash());
    }

    @Test
    void shouldCountLiveOrdersWithoutChangingState()
    {
        final String pending = placePendingOrder("sig-count-a");
        final String answered = placePendingOrder("sig-count-b");
        engineStarted();
        feed(frames.buffer(), frames.report(answered, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        final long hash = core.stateHash();
        assertEquals(2, core.liveOrders());
        assertEquals(hash, core.stateHash(), "counting is not an input: it must not change what replay reproduces");
        assertTrue(core.reconciling());
        statusAnswer(pending, OrdStatus.NEW, "0", "0");
        assertTrue(core.reconciling(), "an acknowledged order is asked about too");
        statusAnswer(answered, OrdStatus.FILLED, "1.5", "65000");
        assertFalse(core.reconciling());
        assertEquals(1, core.liveOrders());
    }
}
