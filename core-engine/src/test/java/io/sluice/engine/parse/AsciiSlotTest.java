package io.sluice.engine.parse;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiSlotTest
{
    @Test
    void shouldRefuseValuesLongerThanTheCapacityInsteadOfCuttingThem()
    {
        final AsciiSlot slot = new AsciiSlot(4);
        assertTrue(slot.set("ABCD"));
        assertFalse(slot.set("ABCDE"));
        assertEquals("ABCD", slot.toString());
        assertFalse(slot.append("X"));
    }

    @Test
    void shouldWriteZeroPaddedFixedFieldsAndExposeABufferView()
    {
        final AsciiSlot slot = new AsciiSlot(32);
        slot.set("BINANCE:BTCUSDT");
        slot.dropFirst(8);
        final UnsafeBuffer field = new UnsafeBuffer(new byte[12]);
        field.setMemory(0, 12, (byte)'?');

        slot.putFixed(field, 2, 10);

        assertEquals("BTCUSDT", slot.toString());
        assertEquals("??BTCUSDT\0\0\0", new String(field.byteArray(), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(slot.contentEquals(slot.buffer(), 0, slot.length()));
    }
}
