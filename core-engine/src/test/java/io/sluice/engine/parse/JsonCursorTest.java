package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonCursorTest
{
    private final JsonCursor json = new JsonCursor();

    @Test
    void shouldReturnTokensWithRanges()
    {
        wrap(" {\"a\" : [1, -2.5e3, \"x\\\"y\", true, null], \"b\":{}} ");

        assertEquals(JsonCursor.OBJECT_START, json.next());
        assertEquals(JsonCursor.KEY, json.next());
        assertTrue(json.is("a"));
        assertEquals(JsonCursor.ARRAY_START, json.next());
        assertEquals(JsonCursor.NUMBER, json.next());
        assertEquals(Fixed.of(1), json.decimal(JsonCursor.NUMBER));
        assertEquals(JsonCursor.NUMBER, json.next());
        assertEquals(Fixed.PARSE_ERROR, json.decimal(JsonCursor.NUMBER), "exponents are not plain decimals");
        assertEquals(JsonCursor.STRING, json.next());
        assertTrue(json.escaped());
        assertEquals(JsonCursor.TRUE, json.next());
        assertEquals(JsonCursor.NULL, json.next());
        assertEquals(Fixed.NULL, json.decimal(JsonCursor.NULL));
        assertEquals(JsonCursor.ARRAY_END, json.next());
        assertEquals(JsonCursor.KEY, json.next());
        assertEquals(JsonCursor.OBJECT_START, json.next());
        assertEquals(JsonCursor.OBJECT_END, json.next());
        assertEquals(JsonCursor.OBJECT_END, json.next());
        assertEquals(JsonCursor.EOF, json.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1} x", "[1 2]", "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":tru}", "{a:1}", "{\"a\":\"unterminated}", "", "   ", "{\"a\":[}", "{\"a\":\"\u0001\"}", "{\"a\":-}"})
    void shouldRefuseMalformedJson(final String text)
    {
        wrap(text);
        int token;
        int guard = 0;
        do
        {
            token = json.next();
        }
        while (token != JsonCursor.ERROR && token != JsonCursor.EOF && ++guard < 100);

        assertEquals(JsonCursor.ERROR, token, text);
        assertTrue(json.error() != null && !json.error().isEmpty());
    }

    @Test
    void shouldBoundNesting()
    {
        wrap("[".repeat(JsonCursor.MAX_DEPTH + 1) + "]".repeat(JsonCursor.MAX_DEPTH + 1));
        int token;
        do
        {
            token = json.next();
        }
        while (token != JsonCursor.ERROR && token != JsonCursor.EOF);

        assertEquals(JsonCursor.ERROR, token);
        assertEquals("nesting deeper than 32 levels", json.error());
    }

    @Test
    void shouldSkipContainers()
    {
        wrap("{\"skip\":{\"x\":[1,{\"y\":[]}]},\"keep\":\"v\"}");
        json.next();
        json.next();
        assertTrue(json.skipValue(json.next()));
        assertEquals(JsonCursor.KEY, json.next());
        assertTrue(json.is("keep"));
        assertEquals(JsonCursor.STRING, json.next());
        assertTrue(json.isIgnoreCase("v"));
    }

    @Test
    void shouldReadNumericStringsAndDetectPlaceholders()
    {
        wrap("[\" 12.5 \",\"{{close}}\",\"\"]");
        json.next();
        assertEquals(JsonCursor.STRING, json.next());
        assertEquals(Fixed.parse("12.5"), json.decimal(JsonCursor.STRING));
        assertEquals(JsonCursor.STRING, json.next());
        assertTrue(json.hasPlaceholder());
        assertEquals(JsonCursor.STRING, json.next());
        assertFalse(json.hasPlaceholder());
        assertEquals(Fixed.NULL, json.decimal(JsonCursor.STRING));
    }

    private void wrap(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        json.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
