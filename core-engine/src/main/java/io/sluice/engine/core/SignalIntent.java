package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

/**
 * A parsed order intent: mutable, reused for every signal. String fields are ranges in the frame being
 * processed (valid only while that frame is), so parsing copies nothing.
 */
final class SignalIntent
{
    int idOffset;
    int idLength;
    int accountOffset;
    int accountLength;
    int symbolOffset;
    int symbolLength;
    int venueOffset;
    int venueLength;
    Side side;
    OrdType ordType;
    TimeInForce timeInForce;
    long quantity;
    long price;
    long stopPrice;
    long takeProfit;
    long stopLoss;
    boolean reduceOnly;
    PositionSide positionSide;
    Product product;
    long risk;
    int riskType;

    static final int RISK_NONE = 0;
    static final int RISK_LOTS = 1;
    static final int RISK_MONEY = 2;
    static final int RISK_PERCENT = 3;

    void reset()
    {
        idOffset = 0;
        idLength = 0;
        accountOffset = 0;
        accountLength = 0;
        symbolOffset = 0;
        symbolLength = 0;
        venueOffset = 0;
        venueLength = 0;
        side = null;
        ordType = null;
        timeInForce = null;
        quantity = Fixed.NULL;
        price = Fixed.NULL;
        stopPrice = Fixed.NULL;
        takeProfit = Fixed.NULL;
        stopLoss = Fixed.NULL;
        reduceOnly = false;
        positionSide = PositionSide.BOTH;
        product = Product.DEFAULT;
        risk = Fixed.NULL;
        riskType = RISK_NONE;
    }
}
