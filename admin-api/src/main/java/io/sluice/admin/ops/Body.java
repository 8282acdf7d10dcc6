package io.sluice.admin.ops;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.protocol.Fixed;

/**
 * Strict reading of operator request bodies: {@code application/json} in UTF-8, exactly one object, no duplicate
 * keys, no trailing content, only the listed members, each of the expected type.
 */
final class Body
{
    private static final ObjectMapper STRICT = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonParser.Feature.ALLOW_COMMENTS)
        .build();

    private final ObjectNode node;

    private Body(final ObjectNode node)
    {
        this.node = node;
    }

    /**
     * Parse a body.
     *
     * @param contentType Content-Type header.
     * @param bytes       body.
     * @param allowed     member names allowed.
     * @return the body.
     */
    static Body parse(final String contentType, final byte[] bytes, final Set<String> allowed)
    {
        if (bytes.length == 0)
        {
            return new Body(STRICT.createObjectNode());
        }
        final String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") ||
            (contentType.toLowerCase(Locale.ROOT).contains("charset") && !contentType.toLowerCase(Locale.ROOT).matches(".*charset=\"?utf-?8\"?.*")))
        {
            throw new OpsException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be application/json (UTF-8)", null);
        }
        final JsonNode tree;
        try
        {
            tree = STRICT.readTree(bytes);
        }
        catch (final IOException ex)
        {
            throw new OpsException(HttpResponseStatus.BAD_REQUEST, "UNPARSEABLE", "body must be one well-formed JSON object", null);
        }
        if (tree == null || !tree.isObject())
        {
            throw new OpsException(HttpResponseStatus.BAD_REQUEST, "UNPARSEABLE", "body must be a JSON object", null);
        }
        final Iterator<String> names = tree.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!allowed.contains(name))
            {
                throw OpsException.invalid(name, "unknown field '" + (name.length() > 64 ? name.substring(0, 64) : name) + "'");
            }
        }
        return new Body((ObjectNode)tree);
    }

    /**
     * A string member.
     *
     * @param name     member.
     * @param required whether it must be present.
     * @param maxLength longest allowed.
     * @return the text, or null when absent.
     */
    String string(final String name, final boolean required, final int maxLength)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                throw OpsException.invalid(name, name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength)
        {
            throw OpsException.invalid(name, name + " must be a string of 1 to " + maxLength + " characters");
        }
        return value.asText();
    }

    /**
     * An identifier member: letters, digits and . _ : - (and / when allowed).
     *
     * @param name       member.
     * @param required   whether it must be present.
     * @param maxLength  longest allowed.
     * @param allowSlash whether '/' is allowed.
     * @return the text, or null when absent.
     */
    String identifier(final String name, final boolean required, final int maxLength, final boolean allowSlash)
    {
        final String text = string(name, required, maxLength);
        if (text != null && !text.matches(allowSlash ? "[A-Za-z0-9._:/-]+" : "[A-Za-z0-9._:-]+"))
        {
            throw OpsException.invalid(name, name + " may hold only letters, digits and . _ : -" + (allowSlash ? " /" : ""));
        }
        return text;
    }

    /**
     * An object member of decimals keyed by name, e.g. limits: each key must be one of the allowed names, each value
     * a decimal with at most 8 places (not negative) or null (Fixed.NULL: disables it).
     *
     * @param name    member.
     * @param allowed keys allowed.
     * @return key to fixed point in the body's order; empty when absent.
     */
    java.util.Map<String, Long> decimals(final String name, final Set<String> allowed)
    {
        final JsonNode value = node.get(name);
        final java.util.Map<String, Long> result = new java.util.LinkedHashMap<>();
        if (value == null || value.isNull())
        {
            return result;
        }
        if (!value.isObject())
        {
            throw OpsException.invalid(name, name + " must be an object of name: decimal");
        }
        final Iterator<java.util.Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext())
        {
            final java.util.Map.Entry<String, JsonNode> field = fields.next();
            final String key = field.getKey();
            final String path = name + "." + (key.length() > 64 ? key.substring(0, 64) : key);
            if (!allowed.contains(key))
            {
                throw OpsException.invalid(path, "unknown limit '" + (key.length() > 64 ? key.substring(0, 64) : key) + "'");
            }
            final JsonNode v = field.getValue();
            if (v.isNull())
            {
                result.put(key, Fixed.NULL);
                continue;
            }
            final String text = v.isTextual() ? v.asText() : v.isNumber() ? v.decimalValue().toPlainString() : null;
            final long fixed;
            try
            {
                if (text == null)
                {
                    throw new IllegalArgumentException();
                }
                fixed = Fixed.parse(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw OpsException.invalid(path, path + " must be a decimal number with at most 8 places, or null");
            }
            if (fixed < 0)
            {
                throw OpsException.invalid(path, path + " must not be negative");
            }
            result.put(key, fixed);
        }
        return result;
    }

    /**
     * A decimal member (JSON number or numeric string) with at most 8 places, read exactly into fixed point.
     *
     * @param name     member.
     * @param required whether it must be present.
     * @return fixed point, or Fixed.NULL when absent.
     */
    long decimal(final String name, final boolean required)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                throw OpsException.invalid(name, name + " is required");
            }
            return Fixed.NULL;
        }
        final String text = value.isTextual() ? value.asText() : value.isNumber() ? value.decimalValue().toPlainString() : null;
        try
        {
            if (text == null)
            {
                throw new IllegalArgumentException();
            }
            return Fixed.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw OpsException.invalid(name, name + " must be a decimal number with at most 8 places");
        }
    }
}
