package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalRequestTest
{
    private static SignalRequest parse(final String json)
    {
        return SignalRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException refuse(final String json)
    {
        return assertThrows(ApiException.class, () -> parse(json));
    }

    @Test
    void shouldParseEveryFieldExactly()
    {
        final SignalRequest signal = parse("{\"id\":\"a-1\",\"account\":\"acc1\",\"symbol\":\"NIFTY24DEC24000CE\"," +
            "\"side\":\"Sell\",\"qty\":\"12.00000001\",\"type\":\"STOP_LIMIT\",\"price\":99.5,\"stopPrice\":\"100\"," +
            "\"tp\":90,\"sl\":101.25,\"venue\":\"kite\",\"tif\":\"DAY\"}");

        assertEquals(new SignalRequest("a-1", "acc1", "NIFTY24DEC24000CE", Side.SELL, 1_200_000_001L, OrdType.STOP_LIMIT,
            Fixed.parse("99.5"), Fixed.parse("100"), Fixed.parse("90"), Fixed.parse("101.25"), "kite", TimeInForce.DAY), signal);
    }

    @Test
    void shouldDefaultToMarketAndTreatNullPricesAsAbsent()
    {
        final SignalRequest signal = parse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":1,\"price\":null}");

        assertEquals(OrdType.MARKET, signal.type());
        assertEquals(Fixed.NULL, signal.price());
        assertNull(signal.id());
        assertNull(signal.timeInForce());
    }

    @Test
    void shouldRefuseEscapedIdentifiersTheEngineWouldNotMatch()
    {
        assertEquals("symbol", refuse("{\"account\":\"a\",\"symbol\":\"BTC\\/USDT\",\"side\":\"buy\",\"qty\":1}").field());
        assertEquals("account", refuse("{\"\\u0061ccount\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":1}").field());
        assertEquals("qty", refuse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":\"\\u0031\"}").field());
    }

    @Test
    void shouldExplainDecimalErrors()
    {
        assertEquals("qty must be a plain decimal without an exponent",
            refuse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":1.5E3}").getMessage());
        assertEquals("qty must have at most 8 decimal places",
            refuse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":\"0.000000001\"}").getMessage());
        assertEquals("qty must be greater than zero",
            refuse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":-0.5}").getMessage());
        assertEquals("INVALID_FIELD", refuse("{\"account\":\"a\",\"symbol\":\"s\",\"side\":\"buy\",\"qty\":\"1 \"}").code());
    }

    @Test
    void shouldRefuseDuplicateKeysInNestedValuesAsUnparseable()
    {
        final ApiException ex = refuse("{\"account\":\"a\",\"x\":{\"k\":1,\"k\":2}}");

        assertEquals("UNPARSEABLE", ex.code());
    }

    @Test
    void shouldReportUnknownFieldsBeforeOtherErrors()
    {
        final ApiException ex = refuse("{\"side\":\"hold\",\"extra\":1}");

        assertEquals("INVALID_FIELD", ex.code());
        assertEquals("extra", ex.field());
    }
}
