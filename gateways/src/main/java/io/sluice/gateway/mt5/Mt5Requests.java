package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.TimeInForce;

/**
 * Builds the {@code request} object of an {@code order_send} command: MqlTradeRequest field names verbatim, enum
 * values as their MQL5 identifiers, fixed-point numbers as plain decimals. Absent fields are zero at the EA.
 */
final class Mt5Requests
{
    private Mt5Requests()
    {
    }

    /**
     * TRADE_ACTION_DEAL: a market order, opening (position 0) or closing one position ticket.
     *
     * @param magic     account's magic number.
     * @param order     the engine order (symbol, side, client order id, SL/TP when opening).
     * @param volume    lots of this request.
     * @param price     expected price (ask for a buy, bid for a sell); 0 lets the EA take the current one.
     * @param deviation accepted slippage in points.
     * @param filling   ORDER_FILLING_* name.
     * @param position  ticket of the position to close, or 0 to open.
     * @return the request.
     */
    static ObjectNode deal(
        final long magic,
        final Mt5Order order,
        final long volume,
        final long price,
        final long deviation,
        final String filling,
        final long position)
    {
        final ObjectNode request = BridgeJson.object()
            .put("action", "TRADE_ACTION_DEAL")
            .put("magic", magic)
            .put("symbol", order.symbol.venueName);
        BridgeJson.putFixed(request, "volume", volume);
        request.put("type", order.isBuy() ? "ORDER_TYPE_BUY" : "ORDER_TYPE_SELL");
        BridgeJson.putFixed(request, "price", price);
        if (position == 0)
        {
            BridgeJson.putFixed(request, "sl", order.stopLoss);
            BridgeJson.putFixed(request, "tp", order.takeProfit);
        }
        request.put("deviation", deviation)
            .put("type_filling", filling)
            .put("type_time", "ORDER_TIME_GTC")
            .put("comment", order.clientOrderId);
        if (position != 0)
        {
            request.put("position", position);
        }
        return request;
    }

    /**
     * TRADE_ACTION_PENDING: a limit, stop or stop-limit order resting at the server.
     *
     * @param magic account's magic number.
     * @param order the engine order.
     * @return the request.
     */
    static ObjectNode pending(final long magic, final Mt5Order order)
    {
        final boolean buy = order.isBuy();
        final ObjectNode request = BridgeJson.object()
            .put("action", "TRADE_ACTION_PENDING")
            .put("magic", magic)
            .put("symbol", order.symbol.venueName);
        BridgeJson.putFixed(request, "volume", order.quantity);
        if (order.ordType == OrdType.LIMIT)
        {
            request.put("type", buy ? "ORDER_TYPE_BUY_LIMIT" : "ORDER_TYPE_SELL_LIMIT");
            BridgeJson.putFixed(request, "price", order.price);
        }
        else if (order.ordType == OrdType.STOP)
        {
            request.put("type", buy ? "ORDER_TYPE_BUY_STOP" : "ORDER_TYPE_SELL_STOP");
            BridgeJson.putFixed(request, "price", order.stopPrice);
        }
        else
        {
            request.put("type", buy ? "ORDER_TYPE_BUY_STOP_LIMIT" : "ORDER_TYPE_SELL_STOP_LIMIT");
            BridgeJson.putFixed(request, "price", order.stopPrice);
            BridgeJson.putFixed(request, "stoplimit", order.price);
        }
        BridgeJson.putFixed(request, "sl", order.stopLoss);
        BridgeJson.putFixed(request, "tp", order.takeProfit);
        return request
            .put("type_filling", "ORDER_FILLING_RETURN")
            .put("type_time", timeType(order.timeInForce))
            .put("comment", order.clientOrderId);
    }

    /**
     * TRADE_ACTION_MODIFY: new price and stops of a pending order.
     *
     * @param order     the pending order (ticket, type, time in force).
     * @param price     new price (limit price, or stop price for stops).
     * @param stopLimit new limit of a stop-limit, else 0.
     * @param sl        new stop-loss, 0 for none.
     * @param tp        new take-profit, 0 for none.
     * @return the request.
     */
    static ObjectNode modify(final Mt5Order order, final long price, final long stopLimit, final long sl, final long tp)
    {
        final ObjectNode request = BridgeJson.object()
            .put("action", "TRADE_ACTION_MODIFY")
            .put("order", order.orderTicket)
            .put("symbol", order.symbol.venueName);
        BridgeJson.putFixed(request, "price", price);
        BridgeJson.putFixed(request, "stoplimit", stopLimit);
        BridgeJson.putFixed(request, "sl", sl);
        BridgeJson.putFixed(request, "tp", tp);
        return request.put("type_time", timeType(order.timeInForce));
    }

    /**
     * TRADE_ACTION_REMOVE: delete a pending order.
     *
     * @param orderTicket the order's ticket.
     * @return the request.
     */
    static ObjectNode remove(final long orderTicket)
    {
        return BridgeJson.object()
            .put("action", "TRADE_ACTION_REMOVE")
            .put("order", orderTicket);
    }

    /**
     * TRADE_ACTION_SLTP: stop-loss and take-profit of an open position.
     *
     * @param magic    account's magic number.
     * @param symbol   terminal symbol.
     * @param position position ticket.
     * @param sl       stop-loss, 0 for none.
     * @param tp       take-profit, 0 for none.
     * @return the request.
     */
    static ObjectNode sltp(final long magic, final String symbol, final long position, final long sl, final long tp)
    {
        final ObjectNode request = BridgeJson.object()
            .put("action", "TRADE_ACTION_SLTP")
            .put("magic", magic)
            .put("symbol", symbol)
            .put("position", position);
        BridgeJson.putFixed(request, "sl", sl);
        BridgeJson.putFixed(request, "tp", tp);
        return request;
    }

    /**
     * TRADE_ACTION_CLOSE_BY: close a position by an opposite one of the same symbol (hedging accounts).
     *
     * @param magic      account's magic number.
     * @param symbol     terminal symbol.
     * @param position   position ticket.
     * @param positionBy opposite position ticket.
     * @return the request.
     */
    static ObjectNode closeBy(final long magic, final String symbol, final long position, final long positionBy)
    {
        return BridgeJson.object()
            .put("action", "TRADE_ACTION_CLOSE_BY")
            .put("magic", magic)
            .put("symbol", symbol)
            .put("position", position)
            .put("position_by", positionBy)
            .put("comment", Mt5Book.CLOSE_BY_COMMENT);
    }

    private static String timeType(final TimeInForce timeInForce)
    {
        return timeInForce == TimeInForce.DAY ? "ORDER_TIME_DAY" : "ORDER_TIME_GTC";
    }

    /**
     * A stop-loss or take-profit as the terminal wants it: 0 when absent.
     *
     * @param value fixed point or {@link Fixed#NULL}.
     * @return the value or 0.
     */
    static long orZero(final long value)
    {
        return value == Fixed.NULL ? 0 : value;
    }
}
