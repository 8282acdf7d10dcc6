package io.sluice.gateway.mt5;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * JSON of the bridge protocol: numbers are read as exact decimals and turned straight into {@link Fixed} values,
 * and fixed-point values are written as plain decimal numbers, so no price or volume ever passes through a double.
 */
final class BridgeJson
{
    /** Shared mapper: exact decimals in, plain decimals out; thread safe once configured. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private BridgeJson()
    {
    }

    /**
     * A new empty object.
     *
     * @return the object.
     */
    static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    /**
     * A decimal field as fixed point, rounded half-even to 8 places (terminal doubles printed with more digits).
     *
     * @param node  object holding the field.
     * @param field field name.
     * @return the value, 0 when the field is absent or null.
     * @throws IllegalArgumentException when the field is not a number or is out of range.
     */
    static long fixed(final JsonNode node, final String field)
    {
        final JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull())
        {
            return 0;
        }
        if (!value.isNumber())
        {
            throw new IllegalArgumentException("field '" + field + "' is not a number: " + value);
        }
        try
        {
            return value.decimalValue().setScale(Fixed.DECIMALS, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("field '" + field + "' is out of range: " + value, ex);
        }
    }

    /**
     * A whole-number field (tickets, retcodes, sequence numbers).
     *
     * @param node  object holding the field.
     * @param field field name.
     * @return the value, 0 when absent or null.
     */
    static long longValue(final JsonNode node, final String field)
    {
        final JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull())
        {
            return 0;
        }
        if (!value.isIntegralNumber())
        {
            throw new IllegalArgumentException("field '" + field + "' is not a whole number: " + value);
        }
        return value.longValue();
    }

    /**
     * A text field.
     *
     * @param node  object holding the field.
     * @param field field name.
     * @return the text, "" when absent or null.
     */
    static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /**
     * Write a fixed-point value as a plain JSON number ({@code 2350.25}, {@code 100}).
     *
     * @param node  target object.
     * @param field field name.
     * @param value fixed point; {@link Fixed#NULL} writes 0, the terminal's "not set".
     * @return the node for a fluent API.
     */
    static ObjectNode putFixed(final ObjectNode node, final String field, final long value)
    {
        final long written = value == Fixed.NULL ? 0 : value;
        node.put(field, BigDecimal.valueOf(written, Fixed.DECIMALS).stripTrailingZeros());
        return node;
    }
}
