package io.sluice.gateway.india;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * JSON for broker answers, off the hot path: one shared mapper that reads every decimal as BigDecimal so amounts go
 * straight to fixed point without passing through a double.
 */
public final class Json
{
    /** The shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private Json()
    {
    }

    /**
     * Parse a JSON text.
     *
     * @param text the JSON.
     * @return the tree.
     * @throws IllegalArgumentException when it is not JSON.
     */
    public static JsonNode parse(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
        }
    }

    /**
     * Parse a JSON text, or a missing node when it is not JSON (e.g. a proxy's HTML error page).
     *
     * @param text the text.
     * @return the tree or a MissingNode.
     */
    public static JsonNode parseOrMissing(final String text)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(text);
            return node == null ? MAPPER.missingNode() : node;
        }
        catch (final JsonProcessingException ex)
        {
            return MAPPER.missingNode();
        }
    }

    /**
     * A new empty object for a request body.
     *
     * @return the object.
     */
    public static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    /**
     * Serialise a tree.
     *
     * @param node the tree.
     * @return compact JSON text.
     */
    public static String write(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Text of a field, or the default when absent, null or empty.
     *
     * @param node         object.
     * @param field        field name.
     * @param defaultValue returned when there is no text.
     * @return the text.
     */
    public static String text(final JsonNode node, final String field, final String defaultValue)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode())
        {
            return defaultValue;
        }
        final String text = value.asText();
        return text.isEmpty() ? defaultValue : text;
    }

    /**
     * A decimal field (JSON number or numeric string) as fixed point.
     *
     * @param node  object.
     * @param field field name.
     * @return fixed point, or {@link Fixed#NULL} when absent, empty or not a number.
     */
    public static long fixed(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null ? Fixed.NULL : fixed(value);
    }

    /**
     * A decimal node (JSON number or numeric string) as fixed point, rounded half-even to 8 places.
     *
     * @param value the node.
     * @return fixed point, or {@link Fixed#NULL} when null, empty or not a number.
     */
    public static long fixed(final JsonNode value)
    {
        if (value == null || value.isNull() || value.isMissingNode())
        {
            return Fixed.NULL;
        }
        if (value.isNumber())
        {
            return fixed(value.decimalValue());
        }
        final String text = value.asText().trim();
        if (text.isEmpty())
        {
            return Fixed.NULL;
        }
        try
        {
            return fixed(new BigDecimal(text));
        }
        catch (final NumberFormatException ex)
        {
            return Fixed.NULL;
        }
    }

    /**
     * A BigDecimal as fixed point, rounded half-even to 8 places.
     *
     * @param value the decimal.
     * @return fixed point.
     */
    public static long fixed(final BigDecimal value)
    {
        return value.setScale(Fixed.DECIMALS, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /**
     * A fixed-point value as a JSON number node value (exact decimal).
     *
     * @param value fixed point.
     * @return the decimal.
     */
    public static BigDecimal decimal(final long value)
    {
        return BigDecimal.valueOf(value, Fixed.DECIMALS).stripTrailingZeros();
    }
}
