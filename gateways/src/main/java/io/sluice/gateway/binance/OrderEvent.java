package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Side;

/**
 * One observation of an order at Binance in a common form: a pushed event (spot {@code executionReport}, futures
 * {@code ORDER_TRADE_UPDATE}) or a status snapshot ({@code order.status}, {@code openOrders}, REST order
 * endpoints, spot and futures). Reused by the agent thread; {@link #parse} methods refill it.
 */
final class OrderEvent
{
    String clientOrderId = "";
    String symbol = "";
    String venueOrderId = "";
    Side side = Side.NULL_VAL;
    OrdType ordType = OrdType.NULL_VAL;
    String execType = "";
    String status = "";
    String rejectReason = "";
    long quantity;
    long price = Fixed.NULL;
    long lastQty;
    long lastPrice;
    long cumQty;
    long cumQuote;
    long commission = Fixed.NULL;
    String commissionAsset = "";
    long tradeId = -1;
    long transactTimeMs;
    PositionSide positionSide = PositionSide.BOTH;

    /**
     * Fill from a spot {@code executionReport}; cancels carry the original client id in {@code C}.
     *
     * @param e the event object.
     * @return this.
     */
    OrderEvent parseExecutionReport(final JsonNode e)
    {
        clear();
        final String original = e.path("C").asText("");
        clientOrderId = original.isEmpty() || "null".equals(original) ? e.path("c").asText("") : original;
        symbol = e.path("s").asText("");
        venueOrderId = e.path("i").asText("");
        side = side(e.path("S").asText(""));
        ordType = ordType(e.path("o").asText(""));
        execType = e.path("x").asText("");
        status = e.path("X").asText("");
        rejectReason = e.path("r").asText("");
        quantity = decimal(e, "q");
        price = decimalOrNull(e, "p");
        lastQty = decimal(e, "l");
        lastPrice = decimal(e, "L");
        cumQty = decimal(e, "z");
        cumQuote = decimal(e, "Z");
        commission = decimalOrNull(e, "n");
        commissionAsset = text(e, "N");
        tradeId = e.path("t").asLong(-1);
        transactTimeMs = e.path("T").asLong(0);
        return this;
    }

    /**
     * Fill from the {@code o} object of a futures {@code ORDER_TRADE_UPDATE}; the quote amount is {@code ap}·{@code z}.
     *
     * @param o the order object.
     * @return this.
     */
    OrderEvent parseOrderTradeUpdate(final JsonNode o)
    {
        clear();
        clientOrderId = o.path("c").asText("");
        symbol = o.path("s").asText("");
        venueOrderId = o.path("i").asText("");
        side = side(o.path("S").asText(""));
        ordType = ordType(o.path("o").asText(""));
        execType = o.path("x").asText("");
        status = o.path("X").asText("");
        quantity = decimal(o, "q");
        price = decimalOrNull(o, "p");
        lastQty = decimal(o, "l");
        lastPrice = decimal(o, "L");
        cumQty = decimal(o, "z");
        cumQuote = Fixed.multiply(decimal(o, "ap"), cumQty);
        commission = decimalOrNull(o, "n");
        commissionAsset = text(o, "N");
        tradeId = o.path("t").asLong(-1);
        transactTimeMs = o.path("T").asLong(0);
        positionSide = positionSide(o.path("ps").asText("BOTH"));
        return this;
    }

    /**
     * Fill from an order status object (spot {@code cummulativeQuoteQty}, futures {@code cumQuote}).
     *
     * @param s the status object.
     * @return this.
     */
    OrderEvent parseStatus(final JsonNode s)
    {
        clear();
        clientOrderId = s.path("clientOrderId").asText("");
        if (s.has("origClientOrderId"))
        {
            // A cancel reply names the cancel request's own id in clientOrderId and the order's in origClientOrderId.
            clientOrderId = s.path("origClientOrderId").asText(clientOrderId);
        }
        symbol = s.path("symbol").asText("");
        venueOrderId = s.path("orderId").asText("");
        side = side(s.path("side").asText(""));
        ordType = ordType(s.path("type").asText(""));
        status = s.path("status").asText("");
        quantity = decimal(s, "origQty");
        price = decimalOrNull(s, "price");
        cumQty = decimal(s, "executedQty");
        cumQuote = s.has("cummulativeQuoteQty") ? decimal(s, "cummulativeQuoteQty") : decimal(s, "cumQuote");
        if (cumQuote == 0 && cumQty > 0 && s.has("avgPrice"))
        {
            cumQuote = Fixed.multiply(decimal(s, "avgPrice"), cumQty);
        }
        transactTimeMs = s.path("updateTime").asLong(s.path("transactTime").asLong(0));
        positionSide = positionSide(s.path("positionSide").asText("BOTH"));
        return this;
    }

    private void clear()
    {
        clientOrderId = "";
        symbol = "";
        venueOrderId = "";
        side = Side.NULL_VAL;
        ordType = OrdType.NULL_VAL;
        execType = "";
        status = "";
        rejectReason = "";
        quantity = 0;
        price = Fixed.NULL;
        lastQty = 0;
        lastPrice = 0;
        cumQty = 0;
        cumQuote = 0;
        commission = Fixed.NULL;
        commissionAsset = "";
        tradeId = -1;
        transactTimeMs = 0;
        positionSide = PositionSide.BOTH;
    }

    /**
     * The Sluice status of a Binance status string.
     *
     * @param status Binance order status.
     * @return the status; NULL_VAL when not understood.
     */
    static OrdStatus ordStatus(final String status)
    {
        switch (status)
        {
            case "NEW":
            case "PENDING_NEW":
                return OrdStatus.NEW;
            case "PARTIALLY_FILLED":
                return OrdStatus.PARTIALLY_FILLED;
            case "FILLED":
                return OrdStatus.FILLED;
            case "CANCELED":
            case "PENDING_CANCEL":
                return OrdStatus.CANCELED;
            case "REJECTED":
                return OrdStatus.REJECTED;
            case "EXPIRED":
            case "EXPIRED_IN_MATCH":
                return OrdStatus.EXPIRED;
            default:
                return OrdStatus.NULL_VAL;
        }
    }

    static Side side(final String side)
    {
        switch (side)
        {
            case "BUY":
                return Side.BUY;
            case "SELL":
                return Side.SELL;
            default:
                return Side.NULL_VAL;
        }
    }

    static OrdType ordType(final String type)
    {
        switch (type)
        {
            case "MARKET":
                return OrdType.MARKET;
            case "LIMIT":
            case "LIMIT_MAKER":
                return OrdType.LIMIT;
            case "STOP_LOSS":
            case "STOP_MARKET":
                return OrdType.STOP;
            case "STOP_LOSS_LIMIT":
            case "STOP":
                return OrdType.STOP_LIMIT;
            default:
                return OrdType.NULL_VAL;
        }
    }

    static PositionSide positionSide(final String side)
    {
        switch (side)
        {
            case "LONG":
                return PositionSide.LONG;
            case "SHORT":
                return PositionSide.SHORT;
            default:
                return PositionSide.BOTH;
        }
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText("");
    }

    private static long decimal(final JsonNode node, final String field)
    {
        final String text = text(node, field);
        return text.isEmpty() ? 0 : Decimals.parse(text);
    }

    private static long decimalOrNull(final JsonNode node, final String field)
    {
        final String text = text(node, field);
        return text.isEmpty() ? Fixed.NULL : Decimals.parse(text);
    }
}
