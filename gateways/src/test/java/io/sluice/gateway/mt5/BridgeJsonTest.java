package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BridgeJsonTest
{
    @Test
    void shouldReadTerminalDecimalsExactlyIntoFixedPoint() throws Exception
    {
        final JsonNode node = BridgeJson.MAPPER.readTree(
            "{\"price\":2350.25000000,\"volume\":0.1,\"big\":1E+2,\"tiny\":0.123456785,\"neg\":-0.7,\"ticket\":5000001}");
        assertEquals(Fixed.parse("2350.25"), BridgeJson.fixed(node, "price"));
        assertEquals(Fixed.parse("0.1"), BridgeJson.fixed(node, "volume"));
        assertEquals(Fixed.of(100), BridgeJson.fixed(node, "big"));
        assertEquals(Fixed.parse("0.12345678"), BridgeJson.fixed(node, "tiny"), "half-even to 8 places");
        assertEquals(Fixed.parse("-0.7"), BridgeJson.fixed(node, "neg"));
        assertEquals(0, BridgeJson.fixed(node, "absent"));
        assertEquals(5_000_001L, BridgeJson.longValue(node, "ticket"));
        assertThrows(IllegalArgumentException.class, () -> BridgeJson.longValue(node, "price"));
    }

    @Test
    void shouldWriteFixedPointAsPlainDecimalNumbers() throws Exception
    {
        final ObjectNode node = BridgeJson.object();
        BridgeJson.putFixed(node, "price", Fixed.parse("2350.25"));
        BridgeJson.putFixed(node, "volume", Fixed.of(100));
        BridgeJson.putFixed(node, "sl", Fixed.NULL);
        assertEquals("{\"price\":2350.25,\"volume\":100,\"sl\":0}", BridgeJson.MAPPER.writeValueAsString(node));
    }
}
