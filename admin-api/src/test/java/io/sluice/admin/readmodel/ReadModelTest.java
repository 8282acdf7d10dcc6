package io.sluice.admin.readmodel;

import java.util.ArrayList;
import java.util.List;

import io.sluice.admin.TestRecords;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReadModelTest
{
    private final TestRecords records = new TestRecords();
    private long index = 100;

    private void input(final ReadModel model, final int length)
    {
        model.onRecord(++index, JournalRecord.KIND_INPUT, index, 0, records.buffer, 0, length);
    }

    private void output(final ReadModel model, final int length)
    {
        model.onRecord(++index, JournalRecord.KIND_OUTPUT, index, 0, records.buffer, 0, length);
    }

    private int newOrder(final String clientOrderId, final String signalId)
    {
        return records.newOrder(clientOrderId, signalId, "acc1", "paper", "BTCUSDT", Side.BUY, OrdType.MARKET, TimeInForce.GTC,
            "1", null, null, null, null, 5);
    }

    @Test
    void shouldEvictOldestSignalsAndOrdersBeyondCapacity()
    {
        final ReadModel model = new ReadModel(2);
        for (int i = 1; i <= 3; i++)
        {
            input(model, records.rawSignal("sig-" + i, "acc1", i, "{}"));
            output(model, newOrder("ORDER" + i, "sig-" + i));
        }

        assertNull(model.signal("sig-1"));
        assertEquals(SignalStatus.ORDERED, model.signal("sig-3").status());
        assertNull(model.order("ORDER1"));
        assertEquals(2, model.orderCount());
        assertEquals(2, model.signalCount());
        final List<String> ids = new ArrayList<>();
        model.orders(order -> true, 10).forEach(order -> ids.add(order.clientOrderId()));
        assertEquals(List.of("ORDER3", "ORDER2"), ids);
    }

    @Test
    void shouldKeepOrderedStatusWhenTheRawSignalIsSeenAfterItsOrder()
    {
        final ReadModel model = new ReadModel(10);
        output(model, newOrder("ORDER1", "sig-1"));
        input(model, records.rawSignal("sig-1", "acc9", 42, "{}"));

        final SignalView signal = model.signal("sig-1");
        assertEquals(SignalStatus.ORDERED, signal.status());
        assertEquals("acc9", signal.account());
        assertEquals(42, signal.receivedAtNs());
        assertEquals(index, signal.journalIndex());
        assertEquals(List.of("ORDER1"), signal.orders());
    }

    @Test
    void shouldBuildAnOrderFromAnUpdateWhenItsNewOrderWasNotSeen()
    {
        final ReadModel model = new ReadModel(10);
        output(model, records.orderUpdate("ORDER1", "", "acc1", "paper", "BTCUSDT", Side.SELL, OrdType.LIMIT, OrdStatus.NEW,
            "2", "10.5", "0", "2", "0", 7, ""));

        final OrderView order = model.order("ORDER1");
        assertEquals(OrdStatus.NEW, order.status());
        assertNull(order.signalId());
        assertNull(order.venueOrderId());
        assertNull(order.text());
        assertEquals(Fixed.parse("10.5"), order.price());
        assertEquals(Fixed.NULL, order.stopPrice());
    }

    @Test
    void shouldSkipRecordsOfTheWrongKindOrSchemaAndCountUndecodableOnes()
    {
        final ReadModel model = new ReadModel(10);
        output(model, records.rawSignal("sig-1", "acc1", 1, "{}"));
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[16]);
        garbage.putShort(4, (short)9999);
        model.onRecord(++index, JournalRecord.KIND_INPUT, index, 0, garbage, 0, 16);
        model.onRecord(++index, JournalRecord.KIND_INPUT, index, 0, garbage, 0, 3);
        input(model, records.rawSignal("sig-2", "acc1", 2, "{}"));

        assertNull(model.signal("sig-1"));
        assertEquals(SignalStatus.RECEIVED, model.signal("sig-2").status());
        assertEquals(2, model.undecodableRecords());
        assertEquals(4, model.recordsRead());
        assertEquals(index, model.lastIndex());
    }

    @Test
    void shouldKeepTheLastEngineErrorsAndCountAll()
    {
        final ReadModel model = new ReadModel(10);
        final int total = ReadModel.ENGINE_ERRORS_KEPT + 5;
        for (int i = 0; i < total; i++)
        {
            output(model, records.engineError(1, i, "error " + i));
        }

        assertEquals(total, model.engineErrorCount());
        final List<EngineErrorView> kept = model.engineErrors();
        assertEquals(ReadModel.ENGINE_ERRORS_KEPT, kept.size());
        assertEquals("error 5", kept.get(0).detail());
        assertEquals("error " + (total - 1), kept.get(kept.size() - 1).detail());
    }
}
