package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order book-keeping rules with explicit event orders (no network): duplicates, reversed trades, status
 * snapshots covering trades, terminal events ahead of their fills.
 */
class BinanceOrdersTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BinanceOrders orders = new BinanceOrders("binance", "main", 1_000_000_000L);
    private final OrderEvent event = new OrderEvent();

    @Test
    void shouldCountEachTradeOnceWhateverTheOrderAndKeepTheExactAverage() throws Exception
    {
        final TrackedOrder order = live("o1", "0.03");
        final String t1 = trade("o1", 501, "0.01", "50000", "0.01", "500");
        final String t2 = trade("o1", 502, "0.01", "49990", "0.02", "999.9");
        final String t3 = trade("o1", 503, "0.01", "49980", "0.03", "1499.7");
        for (final String e : new String[]{t3, t3, t2, t1, t2, t1})
        {
            orders.onEvent(event.parseExecutionReport(JSON.readTree(e)), 0);
        }
        assertEquals(Fixed.parse("0.03"), order.cumQty);
        assertEquals(Fixed.parse("49990"), order.avgPrice());
        assertEquals(OrdStatus.FILLED, order.status);
        assertEquals(TrackedOrder.Stage.DONE, order.stage);
        assertEquals(3, orders.reports());
        assertEquals(3, orders.duplicateFills());
    }

    @Test
    void shouldNotCountTradesAStatusSnapshotAlreadyReported() throws Exception
    {
        final TrackedOrder order = live("o2", "0.03");
        orders.onSnapshot(order, event.parseStatus(JSON.readTree("{\"clientOrderId\":\"o2\",\"symbol\":\"BTCUSDT\"," +
            "\"orderId\":7,\"status\":\"PARTIALLY_FILLED\",\"origQty\":\"0.03\",\"executedQty\":\"0.02\"," +
            "\"cummulativeQuoteQty\":\"999.9\"}")), 0);
        assertEquals(Fixed.parse("0.02"), order.cumQty);
        assertEquals(1, orders.reports());
        orders.onEvent(event.parseExecutionReport(JSON.readTree(trade("o2", 502, "0.01", "49990", "0.02", "999.9"))), 0);
        orders.onEvent(event.parseExecutionReport(JSON.readTree(trade("o2", 501, "0.01", "50000", "0.01", "500"))), 0);
        assertEquals(1, orders.reports(), "both covered by the snapshot");
        assertEquals(2, orders.staleFills());
        orders.onEvent(event.parseExecutionReport(JSON.readTree(trade("o2", 503, "0.01", "49980", "0.03", "1499.7"))), 0);
        assertEquals(Fixed.parse("0.03"), order.cumQty);
        assertEquals(Fixed.parse("49990"), order.avgPrice());
        assertEquals(OrdStatus.FILLED, order.status);
    }

    @Test
    void shouldHoldATerminalEventUntilTheFillsItCountedArrive() throws Exception
    {
        final TrackedOrder order = live("o3", "0.03");
        orders.onEvent(event.parseExecutionReport(JSON.readTree("{\"e\":\"executionReport\",\"s\":\"BTCUSDT\",\"c\":\"x\"," +
            "\"C\":\"o3\",\"S\":\"BUY\",\"o\":\"LIMIT\",\"q\":\"0.03\",\"x\":\"CANCELED\",\"X\":\"CANCELED\",\"i\":9," +
            "\"l\":\"0\",\"L\":\"0\",\"z\":\"0.01\",\"Z\":\"500\",\"t\":-1}")), 0);
        assertEquals(0, orders.reports());
        assertEquals(TrackedOrder.Stage.LIVE, order.stage);
        orders.onEvent(event.parseExecutionReport(JSON.readTree(trade("o3", 601, "0.01", "50000", "0.01", "500"))), 0);
        assertEquals(2, orders.reports());
        assertEquals(OrdStatus.CANCELED, order.status);
        assertEquals(TrackedOrder.Stage.DONE, order.stage);
        assertEquals(0, order.leavesQty());

        final TrackedOrder waiting = live("o4", "0.03");
        orders.onTerminal(waiting, OrdStatus.CANCELED, Fixed.parse("0.01"), "", 0);
        orders.expireTerminalWaits(999_999_999L);
        assertEquals(0, waiting.statusQueryAtNs);
        orders.expireTerminalWaits(1_000_000_000L);
        assertEquals(1_000_000_000L, waiting.statusQueryAtNs, "grace over: ask the venue");
    }

    private TrackedOrder live(final String clientOrderId, final String quantity) throws Exception
    {
        return orders.adopt(event.parseStatus(JSON.readTree("{\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\"BTCUSDT\"," +
            "\"orderId\":1,\"side\":\"BUY\",\"type\":\"LIMIT\",\"status\":\"NEW\",\"origQty\":\"" + quantity + "\"," +
            "\"price\":\"50000\",\"executedQty\":\"0\",\"cummulativeQuoteQty\":\"0\"}")));
    }

    private static String trade(
        final String clientOrderId, final long tradeId, final String lastQty, final String lastPrice, final String cumQty,
        final String cumQuote)
    {
        return "{\"e\":\"executionReport\",\"s\":\"BTCUSDT\",\"c\":\"" + clientOrderId + "\",\"C\":\"\",\"S\":\"BUY\"," +
            "\"o\":\"LIMIT\",\"q\":\"0.03\",\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"i\":1,\"l\":\"" + lastQty + "\"," +
            "\"L\":\"" + lastPrice + "\",\"z\":\"" + cumQty + "\",\"Z\":\"" + cumQuote + "\",\"n\":\"0.1\",\"N\":\"USDT\"," +
            "\"t\":" + tradeId + "}";
    }
}
