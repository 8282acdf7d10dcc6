package io.sluice.admin.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a request body that must be one JSON object into its top-level members, keeping the exact text of
 * numbers (so decimals are never rounded) and whether a string used escape sequences (the engine's parser
 * takes identifiers and decimals byte for byte, so escaped forms are refused at the edge).
 * <p>
 * Anything that is not well-formed UTF-8 JSON holding exactly one object, or that repeats a key at any
 * depth, is UNPARSEABLE.
 */
final class StrictJson
{
    /** Kind of a member's value. */
    enum Kind
    {
        STRING, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY
    }

    /**
     * One member of the object.
     *
     * @param name    member name.
     * @param kind    kind of value.
     * @param text    decoded string, or the number exactly as written, or null.
     * @param escaped true when the string (or the name) was written with escape sequences.
     */
    record Member(String name, Kind kind, String text, boolean escaped)
    {
    }

    private static final int MAX_MESSAGE_LENGTH = 200;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private StrictJson()
    {
    }

    /**
     * Parse a body holding one JSON object.
     *
     * @param body request bytes.
     * @return members in document order.
     * @throws ApiException UNPARSEABLE when the body is not exactly one well-formed JSON object.
     */
    static Map<String, Member> parseObject(final byte[] body)
    {
        if (body.length >= 3 && body[0] == (byte)0xEF && body[1] == (byte)0xBB && body[2] == (byte)0xBF)
        {
            // Jackson would skip the mark; the engine's parser would not.
            throw ApiException.unparseable("body must not start with a byte order mark");
        }
        requireUtf8(body);
        try (JsonParser parser = FACTORY.createParser(body))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw ApiException.unparseable("body must be a JSON object");
            }
            final Map<String, Member> members = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                final boolean nameEscaped = !rawStringEquals(body, parser.currentTokenLocation().getByteOffset(), name);
                if (members.containsKey(name))
                {
                    throw ApiException.unparseable("member '" + truncate(name) + "' appears more than once", name);
                }
                final JsonToken token = parser.nextToken();
                final Member member;
                switch (token)
                {
                    case VALUE_STRING:
                    {
                        final String text = parser.getText();
                        final long start = parser.currentTokenLocation().getByteOffset();
                        member = new Member(name, Kind.STRING, text, nameEscaped || !rawStringEquals(body, start, text));
                        break;
                    }
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        member = new Member(name, Kind.NUMBER, parser.getText(), nameEscaped);
                        break;
                    case VALUE_TRUE:
                    case VALUE_FALSE:
                        member = new Member(name, Kind.BOOLEAN, parser.getText(), nameEscaped);
                        break;
                    case VALUE_NULL:
                        member = new Member(name, Kind.NULL, null, nameEscaped);
                        break;
                    case START_OBJECT:
                        skipContainer(parser);
                        member = new Member(name, Kind.OBJECT, null, nameEscaped);
                        break;
                    case START_ARRAY:
                        skipContainer(parser);
                        member = new Member(name, Kind.ARRAY, null, nameEscaped);
                        break;
                    default:
                        throw ApiException.unparseable("malformed JSON value");
                }
                members.put(name, member);
            }
            if (parser.nextToken() != null)
            {
                throw ApiException.unparseable("unexpected content after the JSON object");
            }
            return members;
        }
        catch (final JsonProcessingException ex)
        {
            throw ApiException.unparseable("malformed JSON: " + truncate(ex.getOriginalMessage()));
        }
        catch (final IOException ex)
        {
            throw ApiException.unparseable("malformed JSON");
        }
    }

    // Walks a nested container checking for repeated keys at every depth, without recursion.
    private static void skipContainer(final JsonParser parser) throws IOException
    {
        final Deque<Set<String>> objects = new ArrayDeque<>();
        objects.push(parser.currentToken() == JsonToken.START_OBJECT ? new HashSet<>() : Set.of());
        while (!objects.isEmpty())
        {
            final JsonToken token = parser.nextToken();
            if (token == null)
            {
                throw ApiException.unparseable("malformed JSON: unexpected end of input");
            }
            switch (token)
            {
                case START_OBJECT:
                    objects.push(new HashSet<>());
                    break;
                case START_ARRAY:
                    objects.push(Set.of());
                    break;
                case END_OBJECT:
                case END_ARRAY:
                    objects.pop();
                    break;
                case FIELD_NAME:
                    final String name = parser.currentName();
                    if (!objects.peek().add(name))
                    {
                        throw ApiException.unparseable("member '" + truncate(name) + "' appears more than once", name);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    // True when the bytes after the opening quote at start are exactly the UTF-8 of text followed by a quote,
    // which holds only when the string was written without escape sequences.
    private static boolean rawStringEquals(final byte[] body, final long start, final String text)
    {
        final byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        final long end = start + 1 + expected.length;
        if (start < 0 || end >= body.length || body[(int)start] != '"' || body[(int)end] != '"')
        {
            return false;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (body[(int)start + 1 + i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private static void requireUtf8(final byte[] body)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body));
        }
        catch (final CharacterCodingException ex)
        {
            throw ApiException.unparseable("body is not valid UTF-8");
        }
    }

    static String truncate(final String text)
    {
        if (text == null)
        {
            return "";
        }
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }
}
