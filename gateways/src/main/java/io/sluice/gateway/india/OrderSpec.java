package io.sluice.gateway.india;

import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

/**
 * One order (or one freeze-quantity slice of an order) as a broker mapping turns it into a request; quantities and
 * prices fixed point and already validated against the instrument's lot and tick.
 *
 * @param instrument   resolved instrument (broker symbol, token, exchange).
 * @param side         buy or sell.
 * @param ordType      MARKET, LIMIT, STOP (SL-M) or STOP_LIMIT (SL).
 * @param timeInForce  DAY or IOC (GTC is sent as DAY: Indian orders live for the day).
 * @param quantity     quantity in units (not lots).
 * @param price        limit price, or {@link Fixed#NULL}.
 * @param triggerPrice stop trigger, or {@link Fixed#NULL}.
 * @param product      MIS, NRML or CNC (never DEFAULT: the configured default is applied before).
 * @param amo          whether to place as an after-market order.
 * @param tag          our tag / correlation id: the client order id, plus a slice suffix for sliced orders.
 */
public record OrderSpec(
    Instrument instrument,
    Side side,
    OrdType ordType,
    TimeInForce timeInForce,
    long quantity,
    long price,
    long triggerPrice,
    Product product,
    boolean amo,
    String tag)
{
    /**
     * Quantity as whole units for the request.
     *
     * @return e.g. 75.
     */
    public long units()
    {
        return quantity / Fixed.SCALE;
    }

    /**
     * Validity as the brokers spell it.
     *
     * @return "IOC" or "DAY".
     */
    public String validity()
    {
        return timeInForce == TimeInForce.IOC ? "IOC" : "DAY";
    }

    /**
     * Limit price as decimal text, "0" when absent (the brokers' convention for market orders).
     *
     * @return the price text.
     */
    public String priceText()
    {
        return price == Fixed.NULL ? "0" : Fixed.toString(price);
    }

    /**
     * Trigger price as decimal text, "0" when absent.
     *
     * @return the trigger text.
     */
    public String triggerText()
    {
        return triggerPrice == Fixed.NULL ? "0" : Fixed.toString(triggerPrice);
    }

    /**
     * Whether the order has a trigger (SL or SL-M).
     *
     * @return true for STOP and STOP_LIMIT.
     */
    public boolean isStop()
    {
        return ordType == OrdType.STOP || ordType == OrdType.STOP_LIMIT;
    }

    /**
     * The same order with another quantity, price and trigger (for a modify).
     *
     * @param newQuantity     quantity.
     * @param newPrice        price or NULL.
     * @param newTriggerPrice trigger or NULL.
     * @return a copy.
     */
    public OrderSpec amended(final long newQuantity, final long newPrice, final long newTriggerPrice)
    {
        return new OrderSpec(instrument, side, ordType, timeInForce, newQuantity, newPrice, newTriggerPrice, product, amo, tag);
    }
}
