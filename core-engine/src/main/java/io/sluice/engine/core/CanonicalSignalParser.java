package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Parses the canonical JSON signal straight from the frame's bytes into a {@link SignalIntent}.
 * <p>
 * Hand-written instead of a JSON library because it runs on the engine's hot path, which must not
 * allocate: it walks the bytes once, records string fields as ranges and parses decimals straight into
 * fixed point. Unknown fields are skipped (admin-api rejects them at the edge; the engine stays
 * forward compatible), nesting is bounded, and every failure names the field and the reason.
 */
final class CanonicalSignalParser
{
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_ACCOUNT_LENGTH = 16;
    static final int MAX_VENUE_LENGTH = 16;
    static final int MAX_SYMBOL_LENGTH = 32;
    private static final int MAX_DEPTH = 16;

    private static final byte[] ID = ascii("id");
    private static final byte[] ACCOUNT = ascii("account");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final byte[] SIDE = ascii("side");
    private static final byte[] QTY = ascii("qty");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] PRICE = ascii("price");
    private static final byte[] STOP_PRICE = ascii("stopPrice");
    private static final byte[] TP = ascii("tp");
    private static final byte[] SL = ascii("sl");
    private static final byte[] VENUE = ascii("venue");
    private static final byte[] TIF = ascii("tif");
    private static final byte[] REDUCE_ONLY = ascii("reduceOnly");
    private static final byte[] POSITION_SIDE = ascii("positionSide");
    private static final byte[] PRODUCT = ascii("product");
    private static final byte[] RISK = ascii("risk");
    private static final byte[] RISK_TYPE = ascii("riskType");

    private static final int F_ID = 1;
    private static final int F_ACCOUNT = 1 << 1;
    private static final int F_SYMBOL = 1 << 2;
    private static final int F_SIDE = 1 << 3;
    private static final int F_QTY = 1 << 4;
    private static final int F_TYPE = 1 << 5;
    private static final int F_PRICE = 1 << 6;
    private static final int F_STOP_PRICE = 1 << 7;
    private static final int F_TP = 1 << 8;
    private static final int F_SL = 1 << 9;
    private static final int F_VENUE = 1 << 10;
    private static final int F_TIF = 1 << 11;
    private static final int F_REDUCE_ONLY = 1 << 12;
    private static final int F_POSITION_SIDE = 1 << 13;
    private static final int F_PRODUCT = 1 << 14;
    private static final int F_RISK = 1 << 15;
    private static final int F_RISK_TYPE = 1 << 16;

    private static final int V_STRING = 1;
    private static final int V_NUMBER = 2;
    private static final int V_OTHER = 3;

    private DirectBuffer buffer;
    private int position;
    private int end;
    private int valueStart;
    private int valueEnd;
    private boolean valueEscaped;

    RejectReason errorReason;
    String errorField;
    String errorDetail;

    /**
     * Parse one signal body.
     *
     * @param buffer holding the body.
     * @param offset first byte.
     * @param length body length.
     * @param intent filled on success.
     * @return true when parsed and valid; otherwise errorReason, errorField and errorDetail say why.
     */
    boolean parse(final DirectBuffer buffer, final int offset, final int length, final SignalIntent intent)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        errorReason = null;
        errorField = null;
        errorDetail = null;
        intent.reset();

        skipWhitespace();
        if (!consume('{'))
        {
            return syntax("body must be a JSON object");
        }
        int seen = 0;
        skipWhitespace();
        if (!consume('}'))
        {
            while (true)
            {
                skipWhitespace();
                if (peek() != '"' || !readString())
                {
                    return syntax("expected a field name in double quotes");
                }
                final int keyStart = valueStart;
                final int keyLength = valueEnd - valueStart;
                skipWhitespace();
                if (!consume(':'))
                {
                    return syntax("expected ':' after a field name");
                }
                skipWhitespace();
                final int valueType = readValue(0);
                if (valueType == 0)
                {
                    return errorReason == null ? syntax("malformed value") : false;
                }
                final int field = fieldOf(keyStart, keyLength);
                if (field != 0)
                {
                    if ((seen & field) != 0)
                    {
                        return fail(RejectReason.UNPARSEABLE, fieldName(field), "field appears more than once");
                    }
                    seen |= field;
                    if (!assign(field, valueType, intent))
                    {
                        return false;
                    }
                }
                skipWhitespace();
                if (consume(','))
                {
                    continue;
                }
                if (consume('}'))
                {
                    break;
                }
                return syntax("expected ',' or '}'");
            }
        }
        skipWhitespace();
        if (position != end)
        {
            return syntax("unexpected content after the JSON object");
        }
        return validate(seen, intent);
    }

    private boolean validate(final int seen, final SignalIntent intent)
    {
        if ((seen & F_SYMBOL) == 0)
        {
            return fail(RejectReason.INVALID_FIELD, "symbol", "symbol is required");
        }
        if ((seen & F_SIDE) == 0)
        {
            return fail(RejectReason.INVALID_FIELD, "side", "side is required (buy or sell)");
        }
        if ((seen & F_QTY) == 0 && (seen & F_RISK) == 0)
        {
            return fail(RejectReason.INVALID_FIELD, "qty", "qty is required (or risk, to size from the stop-loss)");
        }
        if ((seen & F_QTY) != 0 && intent.quantity <= 0)
        {
            return fail(RejectReason.INVALID_FIELD, "qty", "qty must be greater than zero");
        }
        if ((seen & F_RISK) != 0)
        {
            if (intent.risk == Fixed.NULL || intent.risk <= 0)
            {
                return fail(RejectReason.INVALID_FIELD, "risk", "risk must be greater than zero");
            }
            if (intent.riskType == SignalIntent.RISK_NONE)
            {
                intent.riskType = SignalIntent.RISK_PERCENT;
            }
        }
        if (intent.ordType == null)
        {
            intent.ordType = OrdType.MARKET;
        }
        if (intent.timeInForce == null)
        {
            intent.timeInForce = TimeInForce.GTC;
        }
        if ((intent.ordType == OrdType.LIMIT || intent.ordType == OrdType.STOP_LIMIT) && intent.price == Fixed.NULL)
        {
            return fail(RejectReason.INVALID_FIELD, "price", "price is required for limit orders");
        }
        if ((intent.ordType == OrdType.STOP || intent.ordType == OrdType.STOP_LIMIT) && intent.stopPrice == Fixed.NULL)
        {
            return fail(RejectReason.INVALID_FIELD, "stopPrice", "stopPrice is required for stop orders");
        }
        if (!positiveOrAbsent(intent.price))
        {
            return fail(RejectReason.INVALID_FIELD, "price", "price must be greater than zero");
        }
        if (!positiveOrAbsent(intent.stopPrice))
        {
            return fail(RejectReason.INVALID_FIELD, "stopPrice", "stopPrice must be greater than zero");
        }
        if (!positiveOrAbsent(intent.takeProfit))
        {
            return fail(RejectReason.INVALID_FIELD, "tp", "tp must be greater than zero");
        }
        if (!positiveOrAbsent(intent.stopLoss))
        {
            return fail(RejectReason.INVALID_FIELD, "sl", "sl must be greater than zero");
        }
        return true;
    }

    private static boolean positiveOrAbsent(final long value)
    {
        return value == Fixed.NULL || value > 0;
    }

    private boolean assign(final int field, final int valueType, final SignalIntent intent)
    {
        switch (field)
        {
            case F_ID:
                if (!identifier(valueType, "id", MAX_ID_LENGTH, "must be a string of 1 to 64 characters"))
                {
                    return false;
                }
                intent.idOffset = valueStart;
                intent.idLength = valueEnd - valueStart;
                return true;
            case F_ACCOUNT:
                if (!identifier(valueType, "account", MAX_ACCOUNT_LENGTH, "must be a string of 1 to 16 characters"))
                {
                    return false;
                }
                intent.accountOffset = valueStart;
                intent.accountLength = valueEnd - valueStart;
                return true;
            case F_SYMBOL:
                if (!identifier(valueType, "symbol", MAX_SYMBOL_LENGTH, "must be a string of 1 to 32 characters"))
                {
                    return false;
                }
                intent.symbolOffset = valueStart;
                intent.symbolLength = valueEnd - valueStart;
                return true;
            case F_VENUE:
                if (!identifier(valueType, "venue", MAX_VENUE_LENGTH, "must be a string of 1 to 16 characters"))
                {
                    return false;
                }
                intent.venueOffset = valueStart;
                intent.venueLength = valueEnd - valueStart;
                return true;
            case F_SIDE:
                if (valueType == V_STRING && equalsIgnoreCase("buy"))
                {
                    intent.side = Side.BUY;
                    return true;
                }
                if (valueType == V_STRING && equalsIgnoreCase("sell"))
                {
                    intent.side = Side.SELL;
                    return true;
                }
                return fail(RejectReason.INVALID_FIELD, "side", "side must be buy or sell");
            case F_TYPE:
                if (valueType == V_STRING)
                {
                    if (equalsIgnoreCase("market"))
                    {
                        intent.ordType = OrdType.MARKET;
                        return true;
                    }
                    if (equalsIgnoreCase("limit"))
                    {
                        intent.ordType = OrdType.LIMIT;
                        return true;
                    }
                    if (equalsIgnoreCase("stop"))
                    {
                        intent.ordType = OrdType.STOP;
                        return true;
                    }
                    if (equalsIgnoreCase("stop_limit"))
                    {
                        intent.ordType = OrdType.STOP_LIMIT;
                        return true;
                    }
                }
                return fail(RejectReason.INVALID_FIELD, "type", "type must be market, limit, stop or stop_limit");
            case F_TIF:
                if (valueType == V_STRING)
                {
                    if (equalsIgnoreCase("gtc"))
                    {
                        intent.timeInForce = TimeInForce.GTC;
                        return true;
                    }
                    if (equalsIgnoreCase("ioc"))
                    {
                        intent.timeInForce = TimeInForce.IOC;
                        return true;
                    }
                    if (equalsIgnoreCase("fok"))
                    {
                        intent.timeInForce = TimeInForce.FOK;
                        return true;
                    }
                    if (equalsIgnoreCase("day"))
                    {
                        intent.timeInForce = TimeInForce.DAY;
                        return true;
                    }
                }
                return fail(RejectReason.INVALID_FIELD, "tif", "tif must be gtc, ioc, fok or day");
            case F_QTY:
                intent.quantity = decimal(valueType, "qty");
                return intent.quantity != Fixed.PARSE_ERROR;
            case F_RISK:
                intent.risk = decimal(valueType, "risk");
                return intent.risk != Fixed.PARSE_ERROR;
            case F_REDUCE_ONLY:
                if (valueType == V_OTHER && equalsIgnoreCase("true") || valueType == V_STRING && equalsIgnoreCase("true"))
                {
                    intent.reduceOnly = true;
                    return true;
                }
                if (valueType == V_OTHER && equalsIgnoreCase("false") || valueType == V_STRING && equalsIgnoreCase("false"))
                {
                    return true;
                }
                return fail(RejectReason.INVALID_FIELD, "reduceOnly", "reduceOnly must be true or false");
            case F_POSITION_SIDE:
                if (valueType == V_STRING)
                {
                    if (equalsIgnoreCase("both"))
                    {
                        intent.positionSide = io.sluice.sbe.PositionSide.BOTH;
                        return true;
                    }
                    if (equalsIgnoreCase("long"))
                    {
                        intent.positionSide = io.sluice.sbe.PositionSide.LONG;
                        return true;
                    }
                    if (equalsIgnoreCase("short"))
                    {
                        intent.positionSide = io.sluice.sbe.PositionSide.SHORT;
                        return true;
                    }
                }
                return fail(RejectReason.INVALID_FIELD, "positionSide", "positionSide must be both, long or short");
            case F_PRODUCT:
                if (valueType == V_STRING)
                {
                    if (equalsIgnoreCase("mis"))
                    {
                        intent.product = io.sluice.sbe.Product.MIS;
                        return true;
                    }
                    if (equalsIgnoreCase("nrml"))
                    {
                        intent.product = io.sluice.sbe.Product.NRML;
                        return true;
                    }
                    if (equalsIgnoreCase("cnc"))
                    {
                        intent.product = io.sluice.sbe.Product.CNC;
                        return true;
                    }
                }
                return fail(RejectReason.INVALID_FIELD, "product", "product must be mis, nrml or cnc");
            case F_RISK_TYPE:
                if (valueType == V_STRING)
                {
                    if (equalsIgnoreCase("lots"))
                    {
                        intent.riskType = SignalIntent.RISK_LOTS;
                        return true;
                    }
                    if (equalsIgnoreCase("money"))
                    {
                        intent.riskType = SignalIntent.RISK_MONEY;
                        return true;
                    }
                    if (equalsIgnoreCase("percent"))
                    {
                        intent.riskType = SignalIntent.RISK_PERCENT;
                        return true;
                    }
                }
                return fail(RejectReason.INVALID_FIELD, "riskType", "riskType must be lots, money or percent");
            case F_PRICE:
                intent.price = decimal(valueType, "price");
                return intent.price != Fixed.PARSE_ERROR;
            case F_STOP_PRICE:
                intent.stopPrice = decimal(valueType, "stopPrice");
                return intent.stopPrice != Fixed.PARSE_ERROR;
            case F_TP:
                intent.takeProfit = decimal(valueType, "tp");
                return intent.takeProfit != Fixed.PARSE_ERROR;
            case F_SL:
                intent.stopLoss = decimal(valueType, "sl");
                return intent.stopLoss != Fixed.PARSE_ERROR;
            default:
                return true;
        }
    }

    private long decimal(final int valueType, final String field)
    {
        if (valueType == V_OTHER && valueEnd - valueStart == 4 && buffer.getByte(valueStart) == 'n')
        {
            return Fixed.NULL;
        }
        if (valueType == V_NUMBER || (valueType == V_STRING && !valueEscaped))
        {
            final long value = Fixed.parse(buffer, valueStart, valueEnd - valueStart);
            if (value != Fixed.PARSE_ERROR)
            {
                return value;
            }
        }
        fail(RejectReason.INVALID_FIELD, field, "must be a decimal number with at most 8 decimal places");
        return Fixed.PARSE_ERROR;
    }

    private boolean identifier(final int valueType, final String field, final int maxLength, final String lengthDetail)
    {
        final int length = valueEnd - valueStart;
        if (valueType != V_STRING || valueEscaped || length == 0 || length > maxLength)
        {
            return fail(RejectReason.INVALID_FIELD, field, lengthDetail);
        }
        for (int i = valueStart; i < valueEnd; i++)
        {
            final byte b = buffer.getByte(i);
            final boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                b == '.' || b == '_' || b == ':' || b == '-' || b == '/';
            if (!ok)
            {
                return fail(RejectReason.INVALID_FIELD, field, "may contain only letters, digits and . _ : - /");
            }
        }
        return true;
    }

    private boolean equalsIgnoreCase(final String expected)
    {
        final int length = valueEnd - valueStart;
        if (length != expected.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            int b = buffer.getByte(valueStart + i);
            if (b >= 'A' && b <= 'Z')
            {
                b += 'a' - 'A';
            }
            if (b != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private int fieldOf(final int keyStart, final int keyLength)
    {
        if (matches(keyStart, keyLength, ID))
        {
            return F_ID;
        }
        if (matches(keyStart, keyLength, ACCOUNT))
        {
            return F_ACCOUNT;
        }
        if (matches(keyStart, keyLength, SYMBOL))
        {
            return F_SYMBOL;
        }
        if (matches(keyStart, keyLength, SIDE))
        {
            return F_SIDE;
        }
        if (matches(keyStart, keyLength, QTY))
        {
            return F_QTY;
        }
        if (matches(keyStart, keyLength, TYPE))
        {
            return F_TYPE;
        }
        if (matches(keyStart, keyLength, PRICE))
        {
            return F_PRICE;
        }
        if (matches(keyStart, keyLength, STOP_PRICE))
        {
            return F_STOP_PRICE;
        }
        if (matches(keyStart, keyLength, TP))
        {
            return F_TP;
        }
        if (matches(keyStart, keyLength, SL))
        {
            return F_SL;
        }
        if (matches(keyStart, keyLength, VENUE))
        {
            return F_VENUE;
        }
        if (matches(keyStart, keyLength, TIF))
        {
            return F_TIF;
        }
        if (matches(keyStart, keyLength, REDUCE_ONLY))
        {
            return F_REDUCE_ONLY;
        }
        if (matches(keyStart, keyLength, POSITION_SIDE))
        {
            return F_POSITION_SIDE;
        }
        if (matches(keyStart, keyLength, PRODUCT))
        {
            return F_PRODUCT;
        }
        if (matches(keyStart, keyLength, RISK))
        {
            return F_RISK;
        }
        if (matches(keyStart, keyLength, RISK_TYPE))
        {
            return F_RISK_TYPE;
        }
        return 0;
    }

    private static String fieldName(final int field)
    {
        switch (field)
        {
            case F_ID: return "id";
            case F_ACCOUNT: return "account";
            case F_SYMBOL: return "symbol";
            case F_SIDE: return "side";
            case F_QTY: return "qty";
            case F_TYPE: return "type";
            case F_PRICE: return "price";
            case F_STOP_PRICE: return "stopPrice";
            case F_TP: return "tp";
            case F_SL: return "sl";
            case F_VENUE: return "venue";
            case F_TIF: return "tif";
            case F_REDUCE_ONLY: return "reduceOnly";
            case F_POSITION_SIDE: return "positionSide";
            case F_PRODUCT: return "product";
            case F_RISK: return "risk";
            default: return "riskType";
        }
    }

    private boolean matches(final int start, final int length, final byte[] name)
    {
        if (length != name.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(start + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    // Reads any JSON value; records the range of strings (without quotes) and scalars. 0 on error.
    private int readValue(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            syntax("nesting deeper than " + MAX_DEPTH);
            return 0;
        }
        final int b = peek();
        if (b == '"')
        {
            return readString() ? V_STRING : 0;
        }
        if (b == '{' || b == '[')
        {
            return skipContainer(depth) ? V_OTHER : 0;
        }
        valueStart = position;
        if (b == '-' || (b >= '0' && b <= '9'))
        {
            while (position < end)
            {
                final byte c = buffer.getByte(position);
                if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
                {
                    position++;
                }
                else
                {
                    break;
                }
            }
            valueEnd = position;
            return V_NUMBER;
        }
        if (literal("true") || literal("false") || literal("null"))
        {
            valueEnd = position;
            return V_OTHER;
        }
        return 0;
    }

    private boolean skipContainer(final int depth)
    {
        final byte close = buffer.getByte(position) == '{' ? (byte)'}' : (byte)']';
        final boolean isObject = close == '}';
        position++;
        skipWhitespace();
        if (consume(close))
        {
            return true;
        }
        while (true)
        {
            skipWhitespace();
            if (isObject)
            {
                if (peek() != '"' || !readString())
                {
                    return false;
                }
                skipWhitespace();
                if (!consume(':'))
                {
                    return false;
                }
                skipWhitespace();
            }
            if (readValue(depth + 1) == 0)
            {
                return false;
            }
            skipWhitespace();
            if (consume(','))
            {
                continue;
            }
            return consume(close);
        }
    }

    private boolean readString()
    {
        position++;
        valueStart = position;
        valueEscaped = false;
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b == '"')
            {
                valueEnd = position;
                position++;
                return true;
            }
            if (b == '\\')
            {
                valueEscaped = true;
                position += 2;
                continue;
            }
            if (b >= 0 && b < 0x20)
            {
                return false;
            }
            position++;
        }
        return false;
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
        position += length;
        return true;
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

    private boolean consume(final int expected)
    {
        if (position < end && buffer.getByte(position) == expected)
        {
            position++;
            return true;
        }
        return false;
    }

    private boolean syntax(final String detail)
    {
        return fail(RejectReason.UNPARSEABLE, null, detail);
    }

    private boolean fail(final RejectReason reason, final String field, final String detail)
    {
        errorReason = reason;
        errorField = field;
        errorDetail = detail;
        return false;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
