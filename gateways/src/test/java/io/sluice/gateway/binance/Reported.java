package io.sluice.gateway.binance;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;

/**
 * What a Binance gateway published on the reports stream, as records for assertions (fixed point kept).
 */
final class Reported
{
    private Reported()
    {
    }

    /** An ExecutionReport with the schema v1 fields. */
    record Execution(
        String clientOrderId, String venueOrderId, String account, String symbol, ExecType execType, OrdStatus ordStatus,
        Side side, long lastQty, long lastPrice, long cumQty, long leavesQty, long avgPrice, String tradeId, long commission,
        String commissionAsset, String text)
    {
        public String toString()
        {
            return "ER{" + clientOrderId + " v=" + venueOrderId + " " + execType + " " + ordStatus + " " + side + " last=" +
                Fixed.toString(lastQty) + "@" + Fixed.toString(lastPrice) + " cum=" + Fixed.toString(cumQty) + " leaves=" +
                Fixed.toString(leavesQty) + " avg=" + Fixed.toString(avgPrice) + " t=" + tradeId + " fee=" +
                (commission == Fixed.NULL ? "null" : Fixed.toString(commission)) + " " + commissionAsset + " '" + text + "'}";
        }
    }

    /** A GatewayStatus. */
    record Status(GatewayState state, String detail)
    {
    }

    /** A MarketData. */
    record Quote(String symbol, long bid, long ask, long last)
    {
    }

    /** An InstrumentDefinition. */
    record Instrument(String symbol, String venueSymbol, long tickSize, long lotSize, long minQty, long maxQty, long minNotional,
        long contractSize)
    {
    }

    /** An AccountUpdate. */
    record Account(String account, String currency, long balance, long equity, long marginAvailable, long marginUsed)
    {
    }
}
