package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Field readers shared by the JSON parsers: each reads the cursor's current value into a result field or
 * records a refusal naming the field. Messages are constants so refusals allocate nothing.
 */
final class JsonFields
{
    static final String DECIMAL_DETAIL = "must be a decimal number with at most 8 decimal places";
    static final String PLACEHOLDER_DETAIL = "holds an unresolved TradingView placeholder ({{...}}): check the alert message";
    static final String IDENTIFIER_DETAIL = "must be a string of letters, digits and . _ : - / that fits the field";

    private JsonFields()
    {
    }

    /**
     * Read an identifier (symbol, account, venue, id) into a slot.
     *
     * @return false with a refusal when not a plain string of allowed characters that fits.
     */
    static boolean identifier(
        final JsonCursor json, final int token, final AsciiSlot slot, final String field, final ParsedSignal out)
    {
        if (token == JsonCursor.STRING && !json.escaped() && json.hasPlaceholder())
        {
            return out.fail(RejectReason.INVALID_FIELD, field, PLACEHOLDER_DETAIL);
        }
        final int length = json.length();
        if (token != JsonCursor.STRING || json.escaped() || length == 0 || length > slot.capacity() ||
            !identifierChars(json.buffer(), json.start(), length))
        {
            return out.fail(RejectReason.INVALID_FIELD, field, IDENTIFIER_DETAIL);
        }
        return slot.set(json.buffer(), json.start(), length);
    }

    /**
     * Read a free identifier-like string (strategy name, order id): any printable ASCII, cut to the slot.
     *
     * @return false with a refusal when not a plain string.
     */
    static boolean label(final JsonCursor json, final int token, final AsciiSlot slot, final String field, final ParsedSignal out)
    {
        if (token == JsonCursor.NUMBER)
        {
            slot.set(json.buffer(), json.start(), Math.min(json.length(), slot.capacity()));
            return true;
        }
        if (token != JsonCursor.STRING || json.escaped())
        {
            return out.fail(RejectReason.INVALID_FIELD, field, "must be a plain string");
        }
        if (json.hasPlaceholder())
        {
            return out.fail(RejectReason.INVALID_FIELD, field, PLACEHOLDER_DETAIL);
        }
        final DirectBuffer buffer = json.buffer();
        final int length = Math.min(json.length(), slot.capacity());
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(json.start() + i);
            if (b < 0x20 || b > 0x7E)
            {
                return out.fail(RejectReason.INVALID_FIELD, field, "must be printable ASCII");
            }
        }
        slot.set(buffer, json.start(), length);
        return true;
    }

    static boolean identifierChars(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            final boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                b == '.' || b == '_' || b == ':' || b == '-' || b == '/' || b == '!' || b == '&';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Read a decimal given as a JSON number or a numeric string.
     *
     * @return the value, Fixed.NULL for null or "", or Fixed.PARSE_ERROR after recording a refusal.
     */
    static long decimal(final JsonCursor json, final int token, final String field, final ParsedSignal out)
    {
        if (token == JsonCursor.STRING && !json.escaped() && json.hasPlaceholder())
        {
            out.fail(RejectReason.INVALID_FIELD, field, PLACEHOLDER_DETAIL);
            return Fixed.PARSE_ERROR;
        }
        final long value = json.decimal(token);
        if (value == Fixed.PARSE_ERROR)
        {
            out.fail(RejectReason.INVALID_FIELD, field, DECIMAL_DETAIL);
        }
        return value;
    }

    /**
     * A positive decimal, or absent.
     *
     * @return the value, Fixed.NULL, or Fixed.PARSE_ERROR after recording a refusal.
     */
    static long positive(final JsonCursor json, final int token, final String field, final String detail, final ParsedSignal out)
    {
        final long value = decimal(json, token, field, out);
        if (value != Fixed.PARSE_ERROR && value != Fixed.NULL && value <= 0)
        {
            out.fail(RejectReason.INVALID_FIELD, field, detail);
            return Fixed.PARSE_ERROR;
        }
        return value;
    }

    /** @return the side of "buy"/"sell" (any case), or null. */
    static Side side(final JsonCursor json, final int token)
    {
        if (token != JsonCursor.STRING)
        {
            return null;
        }
        if (json.isIgnoreCase("buy"))
        {
            return Side.BUY;
        }
        if (json.isIgnoreCase("sell"))
        {
            return Side.SELL;
        }
        return null;
    }

    /** @return the order type of market/limit/stop/stop_limit (any case), or null. */
    static OrdType ordType(final JsonCursor json, final int token)
    {
        if (token != JsonCursor.STRING)
        {
            return null;
        }
        if (json.isIgnoreCase("market"))
        {
            return OrdType.MARKET;
        }
        if (json.isIgnoreCase("limit"))
        {
            return OrdType.LIMIT;
        }
        if (json.isIgnoreCase("stop"))
        {
            return OrdType.STOP;
        }
        if (json.isIgnoreCase("stop_limit"))
        {
            return OrdType.STOP_LIMIT;
        }
        return null;
    }

    /** @return the time in force of gtc/ioc/fok/day (any case), or null. */
    static TimeInForce timeInForce(final JsonCursor json, final int token)
    {
        if (token != JsonCursor.STRING)
        {
            return null;
        }
        if (json.isIgnoreCase("gtc"))
        {
            return TimeInForce.GTC;
        }
        if (json.isIgnoreCase("ioc"))
        {
            return TimeInForce.IOC;
        }
        if (json.isIgnoreCase("fok"))
        {
            return TimeInForce.FOK;
        }
        if (json.isIgnoreCase("day"))
        {
            return TimeInForce.DAY;
        }
        return null;
    }

    /** @return the product of MIS/NRML/CNC (any case), or null. */
    static Product product(final JsonCursor json, final int token)
    {
        if (token != JsonCursor.STRING)
        {
            return null;
        }
        if (json.isIgnoreCase("mis"))
        {
            return Product.MIS;
        }
        if (json.isIgnoreCase("nrml"))
        {
            return Product.NRML;
        }
        if (json.isIgnoreCase("cnc"))
        {
            return Product.CNC;
        }
        return null;
    }

    /**
     * Refusal for a JSON syntax error.
     *
     * @return false.
     */
    /** What a parser knows of one JSON object's members: the JSON walk itself is {@link #members}. */
    interface Members
    {
        /**
         * @return the bit of the member whose key the cursor is on, or 0 to skip its value.
         */
        int field();

        /**
         * @param field a bit {@link #field()} returned.
         * @return the member's name for a refusal.
         */
        String name(int field);

        /**
         * Take a member's value, the cursor on its first token.
         *
         * @return false after failing {@code out}.
         */
        boolean assign(int field, int token, ParsedSignal out);
    }

    /** {@link #members}' answer after it failed the signal. */
    static final int FAILED = -1;

    /**
     * Walk the members of the object whose start the cursor has just passed, up to and including its end: keys the
     * parser does not know are skipped, a key seen twice is refused, every other value goes to
     * {@link Members#assign}. One walk for every JSON format, allocation-free.
     *
     * @return the bits of the members seen, or {@link #FAILED} after failing {@code out}.
     */
    static int members(final JsonCursor json, final ParsedSignal out, final Members members)
    {
        int seen = 0;
        while (true)
        {
            int token = json.next();
            if (token == JsonCursor.OBJECT_END)
            {
                return seen;
            }
            if (token != JsonCursor.KEY)
            {
                syntax(json, out);
                return FAILED;
            }
            final int field = members.field();
            token = json.next();
            if (token == JsonCursor.ERROR)
            {
                syntax(json, out);
                return FAILED;
            }
            if (field == 0)
            {
                if (!json.skipValue(token))
                {
                    syntax(json, out);
                    return FAILED;
                }
                continue;
            }
            if ((seen & field) != 0)
            {
                out.fail(RejectReason.UNPARSEABLE, members.name(field), "field appears more than once");
                return FAILED;
            }
            seen |= field;
            if (!members.assign(field, token, out))
            {
                return FAILED;
            }
        }
    }

    static boolean syntax(final JsonCursor json, final ParsedSignal out)
    {
        return out.fail(RejectReason.UNPARSEABLE, null, json.error() != null ? json.error() : "malformed JSON");
    }

    /**
     * Split a TradingView "EXCHANGE:SYMBOL" into exchange and symbol, then resolve the source's aliases.
     */
    static void normaliseSymbol(final ParsedLeg leg, final ParseContext ctx)
    {
        final AsciiSlot symbol = leg.symbol();
        int colon = -1;
        for (int i = 0; i < symbol.length(); i++)
        {
            if (symbol.byteAt(i) == ':')
            {
                colon = i;
                break;
            }
        }
        if (colon > 0 && colon < symbol.length() - 1)
        {
            if (leg.exchange().isEmpty())
            {
                leg.exchange().setPrefix(symbol, colon);
            }
            symbol.dropFirst(colon + 1);
        }
        ctx.resolveAliasInPlace(symbol);
    }
}
