package io.sluice.admin.http;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.Fixed;

/**
 * JSON output: trees built with exact decimals (fixed point → Fixed.toString → BigDecimal, written plain,
 * never in exponent form) and ISO-8601 times.
 */
final class Json
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Json()
    {
    }

    static ObjectNode object()
    {
        return NODES.objectNode();
    }

    static ArrayNode array()
    {
        return NODES.arrayNode();
    }

    /**
     * Exact decimal of a fixed-point value.
     *
     * @param fixed fixed point, or Fixed.NULL.
     * @return the decimal, or null when absent.
     */
    static BigDecimal decimal(final long fixed)
    {
        return fixed == Fixed.NULL ? null : new BigDecimal(Fixed.toString(fixed));
    }

    /**
     * ISO-8601 UTC text of an epoch-nanosecond time.
     *
     * @param epochNs time, or Long.MIN_VALUE when unknown.
     * @return e.g. "2024-05-01T12:00:00.123456789Z", or null.
     */
    static String time(final long epochNs)
    {
        if (epochNs == Long.MIN_VALUE)
        {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, NANOS_PER_SECOND), Math.floorMod(epochNs, NANOS_PER_SECOND))
            .toString();
    }

    static byte[] bytes(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    /**
     * The error body {@code {"error":{"code":…,"message":…,"field":…}}}.
     *
     * @param code    machine-readable code.
     * @param message readable text.
     * @param field   offending field, or null.
     * @return the tree.
     */
    static ObjectNode error(final String code, final String message, final String field)
    {
        final ObjectNode root = object();
        final ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return root;
    }
}
