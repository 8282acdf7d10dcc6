package io.sluice.admin.stream;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;

/**
 * JSON helpers of the operator endpoints and the stream: exact decimals from fixed point (never in exponent form),
 * ISO-8601 times from epoch nanoseconds.
 */
public final class EventJson
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private EventJson()
    {
    }

    /**
     * A new object node.
     *
     * @return the node.
     */
    public static ObjectNode object()
    {
        return NODES.objectNode();
    }

    /**
     * Exact decimal of a fixed-point value.
     *
     * @param fixed value or Fixed.NULL.
     * @return the decimal, or null when absent.
     */
    public static BigDecimal decimal(final long fixed)
    {
        return fixed == Fixed.NULL ? null : new BigDecimal(Fixed.toString(fixed));
    }

    /**
     * ISO-8601 UTC of epoch nanoseconds.
     *
     * @param epochNs time, or Long.MIN_VALUE when unknown.
     * @return text, or null.
     */
    public static String time(final long epochNs)
    {
        return epochNs == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, epochNs).toString();
    }

    /**
     * Empty text as null.
     *
     * @param text text.
     * @return text or null.
     */
    public static String orNull(final String text)
    {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * Serialize.
     *
     * @param node tree.
     * @return UTF-8 JSON text.
     */
    public static String text(final JsonNode node)
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
     * Serialize to bytes.
     *
     * @param node tree.
     * @return UTF-8 JSON.
     */
    public static byte[] bytes(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
