package io.sluice.gateway.binance.fake;

import java.math.BigDecimal;

/**
 * One order at the fake venue, as a test can inspect it.
 */
public final class FakeOrder
{
    final boolean futures;
    final long orderId;
    final String symbol;
    final String clientOrderId;
    final String side;
    final String type;
    final String timeInForce;
    final BigDecimal origQty;
    final BigDecimal price;
    final BigDecimal stopPrice;
    final String positionSide;
    final boolean reduceOnly;
    final long time;
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    String status = "NEW";
    long updateTime;

    FakeOrder(
        final boolean futures,
        final long orderId,
        final String symbol,
        final String clientOrderId,
        final String side,
        final String type,
        final String timeInForce,
        final BigDecimal origQty,
        final BigDecimal price,
        final BigDecimal stopPrice,
        final String positionSide,
        final boolean reduceOnly,
        final long time)
    {
        this.futures = futures;
        this.orderId = orderId;
        this.symbol = symbol;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.origQty = origQty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.positionSide = positionSide;
        this.reduceOnly = reduceOnly;
        this.time = time;
        this.updateTime = time;
    }

    /** Whether the order can still trade. */
    public boolean isOpen()
    {
        return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
    }

    /** Binance order id. */
    public long orderId()
    {
        return orderId;
    }

    /** Client order id. */
    public String clientOrderId()
    {
        return clientOrderId;
    }

    /** Symbol. */
    public String symbol()
    {
        return symbol;
    }

    /** BUY or SELL. */
    public String side()
    {
        return side;
    }

    /** Binance order type as sent. */
    public String type()
    {
        return type;
    }

    /** Quantity as sent. */
    public BigDecimal origQty()
    {
        return origQty;
    }

    /** Limit price as sent, or null. */
    public BigDecimal price()
    {
        return price;
    }

    /** Filled quantity. */
    public BigDecimal executedQty()
    {
        return executedQty;
    }

    /** Binance status. */
    public String status()
    {
        return status;
    }

    /** Futures position side as sent (BOTH when absent). */
    public String positionSide()
    {
        return positionSide;
    }

    /** Futures reduceOnly as sent. */
    public boolean reduceOnly()
    {
        return reduceOnly;
    }

    public String toString()
    {
        return "FakeOrder{" + orderId + " " + clientOrderId + " " + symbol + " " + side + " " + type + " " + origQty.toPlainString() +
            (price != null ? "@" + price.toPlainString() : "") + " " + status + " filled=" + executedQty.toPlainString() +
            (futures ? " ps=" + positionSide + (reduceOnly ? " reduceOnly" : "") : "") + "}";
    }
}
