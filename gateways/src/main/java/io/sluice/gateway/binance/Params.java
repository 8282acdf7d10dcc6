package io.sluice.gateway.binance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request parameters in insertion order, rendered the two ways Binance signs them: a percent-encoded query string
 * for REST (signed as sent) and a sorted, unencoded {@code k=v&...} payload for the WebSocket API.
 */
public final class Params
{
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final List<String> names = new ArrayList<>(16);
    private final List<String> values = new ArrayList<>(16);
    private final List<Boolean> numeric = new ArrayList<>(16);

    /**
     * Add a text parameter.
     *
     * @param name  parameter name.
     * @param value parameter value; null values are skipped.
     * @return this for a fluent API.
     */
    public Params add(final String name, final String value)
    {
        if (value != null)
        {
            names.add(name);
            values.add(value);
            numeric.add(Boolean.FALSE);
        }
        return this;
    }

    /**
     * Add a whole-number parameter (rendered as a JSON number on the WebSocket API).
     *
     * @param name  parameter name.
     * @param value parameter value.
     * @return this for a fluent API.
     */
    public Params add(final String name, final long value)
    {
        names.add(name);
        values.add(Long.toString(value));
        numeric.add(Boolean.TRUE);
        return this;
    }

    /**
     * An independent copy.
     *
     * @return the copy.
     */
    public Params copy()
    {
        final Params copy = new Params();
        copy.names.addAll(names);
        copy.values.addAll(values);
        copy.numeric.addAll(numeric);
        return copy;
    }

    /**
     * Number of parameters.
     *
     * @return count.
     */
    public int size()
    {
        return names.size();
    }

    /**
     * Value of a parameter.
     *
     * @param name parameter name.
     * @return the value or null.
     */
    public String get(final String name)
    {
        final int index = names.indexOf(name);
        return index < 0 ? null : values.get(index);
    }

    /**
     * The REST form: {@code name=value&...} in insertion order, values percent-encoded as UTF-8 (every byte outside
     * the unreserved set {@code A-Z a-z 0-9 - _ . ~}), which is also the exact text Binance signs.
     *
     * @return the query string.
     */
    public String toQueryString()
    {
        final StringBuilder query = new StringBuilder(256);
        for (int i = 0; i < names.size(); i++)
        {
            if (i > 0)
            {
                query.append('&');
            }
            query.append(names.get(i)).append('=');
            percentEncode(values.get(i), query);
        }
        return query.toString();
    }

    /**
     * The WebSocket API signature payload: every parameter, sorted by name, joined as {@code name=value&...},
     * without percent-encoding.
     *
     * @return the payload to sign.
     */
    public String toSortedPayload()
    {
        final Integer[] order = sortedOrder();
        final StringBuilder payload = new StringBuilder(256);
        for (int i = 0; i < order.length; i++)
        {
            if (i > 0)
            {
                payload.append('&');
            }
            payload.append(names.get(order[i])).append('=').append(values.get(order[i]));
        }
        return payload.toString();
    }

    /**
     * The WebSocket API {@code params} object as JSON text, numbers unquoted.
     *
     * @return JSON object text.
     */
    public String toJsonObject()
    {
        final StringBuilder json = new StringBuilder(256).append('{');
        for (int i = 0; i < names.size(); i++)
        {
            if (i > 0)
            {
                json.append(',');
            }
            appendJsonString(names.get(i), json);
            json.append(':');
            if (numeric.get(i))
            {
                json.append(values.get(i));
            }
            else
            {
                appendJsonString(values.get(i), json);
            }
        }
        return json.append('}').toString();
    }

    /**
     * Percent-encode text as UTF-8, leaving only the unreserved characters as they are.
     *
     * @param text the text.
     * @param out  where the encoded text is appended.
     */
    public static void percentEncode(final String text, final StringBuilder out)
    {
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            final int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '~')
            {
                out.append((char)c);
            }
            else
            {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    /**
     * Append text as a JSON string literal with the escapes JSON requires.
     *
     * @param text the text.
     * @param out  where the literal is appended.
     */
    public static void appendJsonString(final String text, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append("\\u00").append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }

    private Integer[] sortedOrder()
    {
        final Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
        return order;
    }

    public String toString()
    {
        return "Params" + names;
    }
}
