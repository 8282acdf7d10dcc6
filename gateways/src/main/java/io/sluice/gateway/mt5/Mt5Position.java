package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An open position at the terminal as the EA last reported it (PositionGet* fields); the ticket is what closes
 * and SL/TP changes target.
 */
final class Mt5Position
{
    final long ticket;
    String symbol;
    boolean buy;
    long volume;
    long priceOpen;
    long sl;
    long tp;
    long magic;
    String comment;
    long timeMsc;

    Mt5Position(final long ticket)
    {
        this.ticket = ticket;
    }

    /**
     * A position from a {@code positions[]} entry or a {@code position} event.
     *
     * @param json the position object.
     * @return the position.
     */
    static Mt5Position from(final JsonNode json)
    {
        final Mt5Position position = new Mt5Position(BridgeJson.longValue(json, "ticket"));
        position.symbol = BridgeJson.text(json, "symbol");
        position.buy = "POSITION_TYPE_BUY".equals(BridgeJson.text(json, "type"));
        position.volume = BridgeJson.fixed(json, "volume");
        position.priceOpen = BridgeJson.fixed(json, "price_open");
        position.sl = BridgeJson.fixed(json, "sl");
        position.tp = BridgeJson.fixed(json, "tp");
        position.magic = BridgeJson.longValue(json, "magic");
        position.comment = BridgeJson.text(json, "comment");
        position.timeMsc = BridgeJson.longValue(json, "time_msc");
        return position;
    }

    public String toString()
    {
        return "Mt5Position{" + ticket + " " + symbol + " " + (buy ? "BUY" : "SELL") + " " + io.sluice.protocol.Fixed.toString(volume) +
            " @" + io.sluice.protocol.Fixed.toString(priceOpen) + " sl=" + io.sluice.protocol.Fixed.toString(sl) +
            " tp=" + io.sluice.protocol.Fixed.toString(tp) + " magic=" + magic + " comment=" + comment + '}';
    }
}
