package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import org.agrona.DirectBuffer;

/**
 * A pull parser over JSON bytes that allocates nothing: each {@link #next()} returns one token and records
 * the range of a key, string or number in the buffer. Strings are not unescaped; {@link #escaped()} says
 * whether the raw range differs from the value, so callers refuse escaped identifiers rather than misread them.
 * <p>
 * The grammar is checked as it is read (commas, colons, brackets, string escapes, number syntax); nesting is
 * bounded by {@link #MAX_DEPTH}. Any violation returns {@link #ERROR} with {@link #error()} saying what.
 */
final class JsonCursor
{
    static final int MAX_DEPTH = 32;

    static final int ERROR = -1;
    static final int EOF = 0;
    static final int OBJECT_START = 1;
    static final int OBJECT_END = 2;
    static final int ARRAY_START = 3;
    static final int ARRAY_END = 4;
    static final int KEY = 5;
    static final int STRING = 6;
    static final int NUMBER = 7;
    static final int TRUE = 8;
    static final int FALSE = 9;
    static final int NULL = 10;

    private static final int S_ROOT = 0;
    private static final int S_OBJECT_FIRST = 1;
    private static final int S_OBJECT_NEXT = 2;
    private static final int S_AFTER_KEY = 3;
    private static final int S_ARRAY_FIRST = 4;
    private static final int S_ARRAY_NEXT = 5;
    private static final int S_AFTER_VALUE = 6;
    private static final int S_DONE = 7;
    private static final int S_FAILED = 8;

    private DirectBuffer buffer;
    private int position;
    private int end;
    private int state;
    private int depth;
    private long objectBits;
    private int start;
    private int stop;
    private boolean escaped;
    private String error;

    void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        this.state = S_ROOT;
        this.depth = 0;
        this.objectBits = 0;
        this.start = offset;
        this.stop = offset;
        this.escaped = false;
        this.error = null;
    }

    /** @return the next token, {@link #EOF} after the root value, or {@link #ERROR}. */
    int next()
    {
        skipWhitespace();
        switch (state)
        {
            case S_ROOT:
                if (position >= end)
                {
                    return fail("empty body");
                }
                return value();
            case S_OBJECT_FIRST:
                if (peek() == '}')
                {
                    position++;
                    return close(OBJECT_END);
                }
                return key();
            case S_OBJECT_NEXT:
                return key();
            case S_AFTER_KEY:
                if (peek() != ':')
                {
                    return fail("expected ':' after a field name");
                }
                position++;
                skipWhitespace();
                return value();
            case S_ARRAY_FIRST:
                if (peek() == ']')
                {
                    position++;
                    return close(ARRAY_END);
                }
                return value();
            case S_ARRAY_NEXT:
                return value();
            case S_AFTER_VALUE:
                return afterValue();
            case S_DONE:
                if (position != end)
                {
                    return fail("unexpected content after the JSON value");
                }
                return EOF;
            default:
                return ERROR;
        }
    }

    private int afterValue()
    {
        final int b = peek();
        final boolean inObject = (objectBits & (1L << (depth - 1))) != 0;
        if (b == ',')
        {
            position++;
            skipWhitespace();
            state = inObject ? S_OBJECT_NEXT : S_ARRAY_NEXT;
            return inObject ? key() : value();
        }
        if (inObject && b == '}')
        {
            position++;
            return close(OBJECT_END);
        }
        if (!inObject && b == ']')
        {
            position++;
            return close(ARRAY_END);
        }
        return fail(inObject ? "expected ',' or '}'" : "expected ',' or ']'");
    }

    private int close(final int token)
    {
        depth--;
        state = depth == 0 ? S_DONE : S_AFTER_VALUE;
        return token;
    }

    private int key()
    {
        if (peek() != '"')
        {
            return fail("expected a field name in double quotes");
        }
        if (!string())
        {
            return ERROR;
        }
        state = S_AFTER_KEY;
        return KEY;
    }

    private int value()
    {
        final int b = peek();
        switch (b)
        {
            case '{':
            case '[':
                if (depth >= MAX_DEPTH)
                {
                    return fail("nesting deeper than 32 levels");
                }
                position++;
                if (b == '{')
                {
                    objectBits |= 1L << depth;
                }
                else
                {
                    objectBits &= ~(1L << depth);
                }
                depth++;
                state = b == '{' ? S_OBJECT_FIRST : S_ARRAY_FIRST;
                return b == '{' ? OBJECT_START : ARRAY_START;
            case '"':
                if (!string())
                {
                    return ERROR;
                }
                return scalarDone(STRING);
            case 't':
                return literal("true") ? scalarDone(TRUE) : fail("malformed value");
            case 'f':
                return literal("false") ? scalarDone(FALSE) : fail("malformed value");
            case 'n':
                return literal("null") ? scalarDone(NULL) : fail("malformed value");
            default:
                if (b == '-' || (b >= '0' && b <= '9'))
                {
                    return number() ? scalarDone(NUMBER) : fail("malformed number");
                }
                return fail(b < 0 ? "unexpected end of the body" : "malformed value");
        }
    }

    private int scalarDone(final int token)
    {
        state = depth == 0 ? S_DONE : S_AFTER_VALUE;
        return token;
    }

    private boolean string()
    {
        position++;
        start = position;
        escaped = false;
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b == '"')
            {
                stop = position;
                position++;
                return true;
            }
            if (b == '\\')
            {
                escaped = true;
                if (position + 1 >= end)
                {
                    break;
                }
                final byte e = buffer.getByte(position + 1);
                if (e == 'u')
                {
                    if (position + 5 >= end)
                    {
                        break;
                    }
                    for (int i = 2; i <= 5; i++)
                    {
                        if (!isHex(buffer.getByte(position + i)))
                        {
                            fail("malformed \\u escape");
                            return false;
                        }
                    }
                    position += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                {
                    fail("malformed escape sequence");
                    return false;
                }
                position += 2;
                continue;
            }
            if (b >= 0 && b < 0x20)
            {
                fail("control character in a string");
                return false;
            }
            position++;
        }
        fail("unterminated string");
        return false;
    }

    private static boolean isHex(final byte b)
    {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    // JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private boolean number()
    {
        start = position;
        escaped = false;
        if (peek() == '-')
        {
            position++;
        }
        if (peek() == '0')
        {
            position++;
        }
        else if (!digits())
        {
            return false;
        }
        if (peek() == '.')
        {
            position++;
            if (!digits())
            {
                return false;
            }
        }
        final int e = peek();
        if (e == 'e' || e == 'E')
        {
            position++;
            final int sign = peek();
            if (sign == '+' || sign == '-')
            {
                position++;
            }
            if (!digits())
            {
                return false;
            }
        }
        stop = position;
        return true;
    }

    private boolean digits()
    {
        final int from = position;
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b < '0' || b > '9')
            {
                break;
            }
            position++;
        }
        return position > from;
    }

    private boolean literal(final String word)
    {
        final int length = word.length();
        if (end - position < length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(position + i) != word.charAt(i))
            {
                return false;
            }
        }
        start = position;
        position += length;
        stop = position;
        escaped = false;
        return true;
    }

    /**
     * Skip the rest of a container whose start token was just returned.
     *
     * @return true when skipped, false on a syntax error.
     */
    boolean skipContainer()
    {
        final int target = depth - 1;
        while (depth > target)
        {
            final int token = next();
            if (token == ERROR || token == EOF)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Skip a value whose first token was just returned (a scalar is already skipped).
     *
     * @param token the token returned for the value.
     * @return true when skipped.
     */
    boolean skipValue(final int token)
    {
        if (token == OBJECT_START || token == ARRAY_START)
        {
            return skipContainer();
        }
        return token != ERROR;
    }

    private void skipWhitespace()
    {
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t')
            {
                position++;
            }
            else
            {
                break;
            }
        }
    }

    private int peek()
    {
        return position < end ? buffer.getByte(position) : -1;
    }

    private int fail(final String detail)
    {
        error = detail;
        state = S_FAILED;
        return ERROR;
    }

    /** @return what went wrong after {@link #ERROR}. */
    String error()
    {
        return error;
    }

    /** @return current nesting depth (1 inside the root object). */
    int depth()
    {
        return depth;
    }

    /** @return first byte of the last key, string (inside the quotes) or scalar. */
    int start()
    {
        return start;
    }

    /** @return length of the last key, string or scalar. */
    int length()
    {
        return stop - start;
    }

    /** @return true when the last key or string contains escape sequences. */
    boolean escaped()
    {
        return escaped;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Whether the last key or string equals ASCII text exactly.
     *
     * @param text expected.
     * @return true when equal and not escaped.
     */
    boolean is(final String text)
    {
        final int length = stop - start;
        if (escaped || length != text.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(start + i) != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the last string equals ASCII text ignoring the case of letters.
     *
     * @param lowerCaseText expected, in lower case.
     * @return true when equal and not escaped.
     */
    boolean isIgnoreCase(final String lowerCaseText)
    {
        final int length = stop - start;
        if (escaped || length != lowerCaseText.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            int b = buffer.getByte(start + i);
            if (b >= 'A' && b <= 'Z')
            {
                b += 'a' - 'A';
            }
            if (b != lowerCaseText.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The last number, or numeric string, as fixed point.
     *
     * @param token the token returned for the value (NUMBER or STRING).
     * @return the value, {@link Fixed#NULL} for JSON null or an empty string, or {@link Fixed#PARSE_ERROR}.
     */
    long decimal(final int token)
    {
        if (token == NULL)
        {
            return Fixed.NULL;
        }
        if (token == STRING && !escaped)
        {
            int from = start;
            int to = stop;
            while (from < to && buffer.getByte(from) == ' ')
            {
                from++;
            }
            while (to > from && buffer.getByte(to - 1) == ' ')
            {
                to--;
            }
            if (from == to)
            {
                return Fixed.NULL;
            }
            return Fixed.parse(buffer, from, to - from);
        }
        if (token == NUMBER)
        {
            return Fixed.parse(buffer, start, stop - start);
        }
        return Fixed.PARSE_ERROR;
    }

    /**
     * Whether the last string holds an unresolved TradingView placeholder such as {{close}}.
     *
     * @return true when it contains "{{".
     */
    boolean hasPlaceholder()
    {
        for (int i = start; i + 1 < stop; i++)
        {
            if (buffer.getByte(i) == '{' && buffer.getByte(i + 1) == '{')
            {
                return true;
            }
        }
        return false;
    }
}
