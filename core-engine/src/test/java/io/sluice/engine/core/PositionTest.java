package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PositionTest
{
    @Test
    void shouldAverageEntriesRealizeOnReductionAndFlipThroughZero()
    {
        final Position position = new Position();
        position.onFill(Fixed.of(2), Fixed.of(100), 1);
        position.onFill(Fixed.of(1), Fixed.of(130), 2);
        assertEquals(Fixed.of(3), position.quantity);
        assertEquals(Fixed.of(110), position.avgPrice);

        position.onFill(-Fixed.of(2), Fixed.of(120), 3);
        assertEquals(Fixed.of(1), position.quantity);
        assertEquals(Fixed.of(110), position.avgPrice);
        assertEquals(Fixed.of(20), position.realizedPnl);

        position.onFill(-Fixed.of(3), Fixed.of(90), 4);
        assertEquals(-Fixed.of(2), position.quantity);
        assertEquals(Fixed.of(90), position.avgPrice, "a flip opens the new side at the fill price");
        assertEquals(Fixed.of(0), position.realizedPnl, "closing 1 at 90 against 110 loses 20");

        position.onFill(Fixed.of(2), Fixed.of(80), 5);
        assertEquals(0, position.quantity);
        assertEquals(0, position.avgPrice);
        assertEquals(Fixed.of(20), position.realizedPnl, "short 2 from 90 covered at 80 gains 20");
    }

    @Test
    void shouldKeepTheFillPriceExactForASmallFirstFill()
    {
        final Position position = new Position();
        position.onFill(Fixed.parse("0.01"), Fixed.parse("64966.05211309"), 1);
        assertEquals(Fixed.parse("64966.05211309"), position.avgPrice);
    }

    @Test
    void shouldKeepFractionalQuantitiesExact()
    {
        final Position position = new Position();
        position.onFill(Fixed.parse("0.00847"), Fixed.parse("23416.1"), 1);
        position.onFill(-Fixed.parse("0.00847"), Fixed.parse("23516.1"), 2);
        assertEquals(0, position.quantity);
        assertEquals(Fixed.parse("0.847"), position.realizedPnl);
    }
}
