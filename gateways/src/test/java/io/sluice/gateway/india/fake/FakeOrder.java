package io.sluice.gateway.india.fake;

import java.math.BigDecimal;

/**
 * One order in a fake broker's book, in the broker-neutral terms the fakes share; each fake renders it in its
 * broker's own field names and status words. Mutated under the fake's lock.
 */
public final class FakeOrder
{
    /** Broker-neutral status. */
    public enum Status
    {
        /** Working, nothing executed. */
        OPEN,
        /** Working, partly executed. */
        PARTIAL,
        /** Fully executed. */
        COMPLETE,
        /** Cancelled. */
        CANCELLED,
        /** Rejected by the broker's RMS after it was accepted. */
        REJECTED
    }

    public final String id;
    public final String tag;
    public final String symbol;
    public final String token;
    public final String exchange;
    public final String side;
    public final String product;
    public final String variety;
    public String orderType;
    public String validity;
    public long quantity;
    public BigDecimal price;
    public BigDecimal trigger;
    public Status status = Status.OPEN;
    public long filled;
    public BigDecimal averagePrice = BigDecimal.ZERO;
    public String message = "";
    public int modifications;

    /**
     * An order.
     *
     * @param id        broker order id.
     * @param tag       tag / correlation id.
     * @param symbol    broker trading symbol.
     * @param token     broker token.
     * @param exchange  exchange or segment.
     * @param side      BUY or SELL.
     * @param product   broker product.
     * @param variety   broker variety ("" when none).
     * @param orderType broker order type.
     * @param validity  DAY or IOC.
     * @param quantity  units.
     * @param price     limit price (0 for market).
     * @param trigger   trigger price (0 when none).
     */
    public FakeOrder(
        final String id, final String tag, final String symbol, final String token, final String exchange, final String side,
        final String product, final String variety, final String orderType, final String validity, final long quantity,
        final BigDecimal price, final BigDecimal trigger)
    {
        this.id = id;
        this.tag = tag;
        this.symbol = symbol;
        this.token = token;
        this.exchange = exchange;
        this.side = side;
        this.product = product;
        this.variety = variety;
        this.orderType = orderType;
        this.validity = validity;
        this.quantity = quantity;
        this.price = price;
        this.trigger = trigger;
    }

    /**
     * Units still open.
     *
     * @return quantity minus filled, 0 once done.
     */
    public long pending()
    {
        return status == Status.OPEN || status == Status.PARTIAL ? quantity - filled : 0;
    }

    public String toString()
    {
        return "FakeOrder{" + id + " tag=" + tag + " " + side + " " + quantity + " " + symbol + " " + status + " filled=" + filled + "}";
    }
}
