package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * PineConnector alerts {@code LicenseID,command,symbol[,key=value…]}, without allocating.
 * <p>
 * Commands: buy, sell (aliases long/short/bull/bear), buylimit, buystop, selllimit, sellstop, closelong,
 * closeshort, closeall, cancellong, cancelshort, newsltplong, newsltpshort. Parameters: {@code risk},
 * {@code price}, {@code sl}, {@code tp} in the units the source configures (PineConnector makes them an EA
 * setting); the explicit {@code vol_lots}, {@code vol_dollar}, {@code sl_pips|sl_price|sl_pct},
 * {@code tp_pips|tp_price|tp_pct}; {@code comment="…"} and {@code secret} (checked and blanked by the API).
 * Breakeven, trailing, ATR, spread and account-filter parameters are accepted and left to the venue's EA.
 * An unknown parameter is refused rather than ignored: a misspelt {@code sl_pip=} must not trade without a stop.
 */
public final class PineConnectorParser implements SignalParser
{
    private static final int MAX_LICENSE_LENGTH = 32;

    private static final int C_BUY = 1;
    private static final int C_SELL = 2;
    private static final int C_BUY_LIMIT = 3;
    private static final int C_BUY_STOP = 4;
    private static final int C_SELL_LIMIT = 5;
    private static final int C_SELL_STOP = 6;
    private static final int C_CLOSE_LONG = 7;
    private static final int C_CLOSE_SHORT = 8;
    private static final int C_CLOSE_ALL = 9;
    private static final int C_CANCEL_LONG = 10;
    private static final int C_CANCEL_SHORT = 11;
    private static final int C_NEW_SLTP_LONG = 12;
    private static final int C_NEW_SLTP_SHORT = 13;
    private static final int C_EA_ON_OFF = 14;

    private static final int P_RISK = 1;
    private static final int P_PRICE = 1 << 1;
    private static final int P_SL = 1 << 2;
    private static final int P_TP = 1 << 3;
    private static final int P_COMMENT = 1 << 4;
    private static final int P_SECRET = 1 << 5;
    private static final int P_VOL_LOTS = 1 << 6;
    private static final int P_VOL_DOLLAR = 1 << 7;
    private static final int P_IGNORED = 1 << 8;

    private DirectBuffer buffer;
    private int position;
    private int end;
    private int tokenStart;
    private int tokenEnd;

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        buffer = body;
        position = offset;
        end = offset + length;
        while (end > position && isSpace(buffer.getByte(end - 1)))
        {
            end--;
        }
        skipSpaces();

        if (!nextToken() || tokenEnd == tokenStart)
        {
            return out.fail(RejectReason.UNPARSEABLE, "licenseId", "PineConnector alerts start with the license id");
        }
        final int licenseLength = tokenEnd - tokenStart;
        if (licenseLength > MAX_LICENSE_LENGTH || !digits(tokenStart, tokenEnd))
        {
            return out.fail(RejectReason.UNPARSEABLE, "licenseId", "the license id must be digits");
        }
        final byte[] expected = ctx.licenseId();
        if (expected != null && !sameBytes(expected, tokenStart, licenseLength))
        {
            return out.fail(RejectReason.AUTH_FAILED, "licenseId", "license id does not match this source");
        }
        if (!nextToken())
        {
            return out.fail(RejectReason.UNPARSEABLE, "command", "a command follows the license id");
        }
        final int command = command();
        if (command == 0)
        {
            return out.fail(RejectReason.UNPARSEABLE, "command", "unknown PineConnector command");
        }
        if (command == C_EA_ON_OFF)
        {
            return out.notASignal("eaon/eaoff switch the PineConnector EA; use Sluice's kill and resume instead");
        }
        final ParsedLeg leg = out.addLeg();
        final boolean hasSymbol = nextToken() && tokenEnd > tokenStart;
        if (hasSymbol)
        {
            if (tokenEnd - tokenStart > ParsedLeg.SYMBOL_CAPACITY || indexOf('=') >= 0 ||
                !JsonFields.identifierChars(buffer, tokenStart, tokenEnd - tokenStart))
            {
                return out.fail(RejectReason.INVALID_FIELD, "symbol", "symbol must be 1 to 32 letters, digits and . _ : - /");
            }
            leg.symbol().set(buffer, tokenStart, tokenEnd - tokenStart);
            ctx.resolveAliasInPlace(leg.symbol());
        }
        else if (command != C_CLOSE_ALL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "symbol", "a symbol follows the command");
        }
        if (!parameters(leg, ctx, out))
        {
            return false;
        }
        return classify(command, leg, ctx, out);
    }

    private boolean parameters(final ParsedLeg leg, final ParseContext ctx, final ParsedSignal out)
    {
        int seen = 0;
        while (position < end)
        {
            if (!nextParameter())
            {
                return out.fail(RejectReason.UNPARSEABLE, null, "malformed parameter: expected key=value");
            }
            final int equals = indexOf('=');
            if (equals < 0)
            {
                if (tokenEnd == tokenStart)
                {
                    continue;
                }
                return out.fail(RejectReason.UNPARSEABLE, null, "malformed parameter: expected key=value");
            }
            final int keyStart = tokenStart;
            final int keyEnd = trimEnd(keyStart, equals);
            final int valueStart = trimStart(equals + 1, tokenEnd);
            final int valueEnd = tokenEnd;
            final int parameter;
            final String name;
            ValueUnit unit = null;
            if (key(keyStart, keyEnd, "risk"))
            {
                parameter = P_RISK;
                name = "risk";
            }
            else if (key(keyStart, keyEnd, "vol_lots"))
            {
                parameter = P_VOL_LOTS;
                name = "vol_lots";
            }
            else if (key(keyStart, keyEnd, "vol_dollar"))
            {
                parameter = P_VOL_DOLLAR;
                name = "vol_dollar";
            }
            else if (key(keyStart, keyEnd, "price"))
            {
                parameter = P_PRICE;
                name = "price";
                unit = ctx.pinePriceUnit();
            }
            else if (key(keyStart, keyEnd, "sl") || key(keyStart, keyEnd, "sl_pips") || key(keyStart, keyEnd, "sl_price") ||
                key(keyStart, keyEnd, "sl_pct"))
            {
                parameter = P_SL;
                name = "sl";
                unit = unitOf(keyStart, keyEnd, ctx.pineStopLossUnit());
            }
            else if (key(keyStart, keyEnd, "tp") || key(keyStart, keyEnd, "tp_pips") || key(keyStart, keyEnd, "tp_price") ||
                key(keyStart, keyEnd, "tp_pct"))
            {
                parameter = P_TP;
                name = "tp";
                unit = unitOf(keyStart, keyEnd, ctx.pineTakeProfitUnit());
            }
            else if (key(keyStart, keyEnd, "comment"))
            {
                parameter = P_COMMENT;
                name = "comment";
            }
            else if (key(keyStart, keyEnd, "secret"))
            {
                parameter = P_SECRET;
                name = "secret";
            }
            else if (ignored(keyStart, keyEnd))
            {
                continue;
            }
            else
            {
                return out.fail(RejectReason.INVALID_FIELD, "parameter", "unknown PineConnector parameter");
            }
            if ((seen & parameter) != 0 || ((parameter == P_RISK || parameter == P_VOL_LOTS || parameter == P_VOL_DOLLAR) &&
                (seen & (P_RISK | P_VOL_LOTS | P_VOL_DOLLAR)) != 0))
            {
                return out.fail(RejectReason.UNPARSEABLE, name, "parameter appears more than once");
            }
            seen |= parameter;
            if (parameter == P_COMMENT || parameter == P_SECRET)
            {
                continue;
            }
            final long value = valueEnd > valueStart ? Fixed.parse(buffer, valueStart, valueEnd - valueStart) : Fixed.PARSE_ERROR;
            if (value == Fixed.PARSE_ERROR || value <= 0)
            {
                return out.fail(RejectReason.INVALID_FIELD, name, "must be a decimal number greater than zero");
            }
            switch (parameter)
            {
                case P_RISK:
                    leg.risk = value;
                    leg.riskUnit = ctx.pineRiskUnit();
                    if (leg.riskUnit == RiskUnit.LOTS)
                    {
                        leg.quantity = value;
                    }
                    break;
                case P_VOL_LOTS:
                    leg.risk = value;
                    leg.riskUnit = RiskUnit.LOTS;
                    leg.quantity = value;
                    break;
                case P_VOL_DOLLAR:
                    leg.risk = value;
                    leg.riskUnit = RiskUnit.MONEY;
                    break;
                case P_PRICE:
                    leg.price = value;
                    leg.priceUnit = unit;
                    break;
                case P_SL:
                    leg.stopLoss = value;
                    leg.stopLossUnit = unit;
                    break;
                default:
                    leg.addTarget(value, Fixed.NULL);
                    leg.takeProfitUnit = unit;
                    break;
            }
        }
        return true;
    }

    private boolean classify(final int command, final ParsedLeg leg, final ParseContext ctx, final ParsedSignal out)
    {
        switch (command)
        {
            case C_BUY:
            case C_SELL:
            case C_BUY_LIMIT:
            case C_BUY_STOP:
            case C_SELL_LIMIT:
            case C_SELL_STOP:
                return entry(command, leg, ctx, out);
            case C_CLOSE_LONG:
            case C_CLOSE_SHORT:
            case C_CLOSE_ALL:
                leg.action = command == C_CLOSE_LONG ? LegAction.CLOSE_LONG : command == C_CLOSE_SHORT ? LegAction.CLOSE_SHORT :
                    LegAction.CLOSE_ALL;
                leg.ordType = OrdType.MARKET;
                leg.reduceOnly = true;
                out.kind = MessageKind.MANAGEMENT;
                return true;
            case C_CANCEL_LONG:
            case C_CANCEL_SHORT:
                leg.action = command == C_CANCEL_LONG ? LegAction.CANCEL_LONG : LegAction.CANCEL_SHORT;
                leg.side = command == C_CANCEL_LONG ? Side.BUY : Side.SELL;
                out.kind = MessageKind.CANCELLATION;
                return true;
            default:
                if (leg.stopLoss == Fixed.NULL && leg.targetCount == 0)
                {
                    return out.fail(RejectReason.INVALID_FIELD, "sl", "newsltp needs sl= or tp=");
                }
                leg.action = LegAction.NEW_SLTP;
                leg.side = command == C_NEW_SLTP_LONG ? Side.BUY : Side.SELL;
                out.kind = MessageKind.MODIFICATION;
                return true;
        }
    }

    private boolean entry(final int command, final ParsedLeg leg, final ParseContext ctx, final ParsedSignal out)
    {
        leg.action = LegAction.OPEN;
        leg.side = command == C_BUY || command == C_BUY_LIMIT || command == C_BUY_STOP ? Side.BUY : Side.SELL;
        leg.timeInForce = TimeInForce.GTC;
        if (command == C_BUY || command == C_SELL)
        {
            leg.ordType = OrdType.MARKET;
            leg.price = Fixed.NULL;
        }
        else
        {
            if (leg.price == Fixed.NULL)
            {
                return out.fail(RejectReason.INVALID_FIELD, "price", "pending orders need price=");
            }
            if (command == C_BUY_STOP || command == C_SELL_STOP)
            {
                leg.ordType = OrdType.STOP;
                if (leg.priceUnit == ValueUnit.PRICE)
                {
                    leg.stopPrice = leg.price;
                    leg.price = Fixed.NULL;
                }
            }
            else
            {
                leg.ordType = OrdType.LIMIT;
            }
        }
        if ((leg.riskUnit == RiskUnit.MONEY || leg.riskUnit == RiskUnit.PERCENT_BALANCE) && leg.stopLoss == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "sl", "risk in money or percent of balance needs sl=");
        }
        if (leg.risk == Fixed.NULL)
        {
            if (ctx.defaultQuantity() == Fixed.NULL)
            {
                return out.fail(RejectReason.INVALID_FIELD, "risk", "entries need risk= (or vol_lots=)");
            }
            leg.quantity = ctx.defaultQuantity();
            out.complete(0, CompletedField.QUANTITY, CompletionRule.DEFAULT_SIZE, CompletionRule.DEFAULT_SIZE.defaultConfidence());
        }
        if (!LegChecks.stopsOnTheRightSide(leg, out))
        {
            return false;
        }
        out.kind = MessageKind.NEW_TRADE;
        return true;
    }

    private int command()
    {
        final int length = tokenEnd - tokenStart;
        switch (length)
        {
            case 3:
                return word("buy") ? C_BUY : 0;
            case 4:
                return word("sell") ? C_SELL : word("long") ? C_BUY : word("bull") ? C_BUY : word("bear") ? C_SELL :
                    word("eaon") ? C_EA_ON_OFF : 0;
            case 5:
                return word("short") ? C_SELL : word("eaoff") ? C_EA_ON_OFF : 0;
            case 7:
                return word("buystop") ? C_BUY_STOP : 0;
            case 8:
                return word("buylimit") ? C_BUY_LIMIT : word("sellstop") ? C_SELL_STOP : word("closeall") ? C_CLOSE_ALL : 0;
            case 9:
                return word("selllimit") ? C_SELL_LIMIT : word("closelong") ? C_CLOSE_LONG : 0;
            case 10:
                return word("closeshort") ? C_CLOSE_SHORT : word("cancellong") ? C_CANCEL_LONG : 0;
            case 11:
                return word("cancelshort") ? C_CANCEL_SHORT : word("newsltplong") ? C_NEW_SLTP_LONG : 0;
            case 12:
                return word("newsltpshort") ? C_NEW_SLTP_SHORT : 0;
            default:
                return 0;
        }
    }

    private boolean ignored(final int start, final int stop)
    {
        return key(start, stop, "betrigger") || key(start, stop, "beoffset") || key(start, stop, "trailtrig") ||
            key(start, stop, "traildist") || key(start, stop, "trailstep") || key(start, stop, "atrtimeframe") ||
            key(start, stop, "atrperiod") || key(start, stop, "atrmultiplier") || key(start, stop, "atrshift") ||
            key(start, stop, "atrtrigger") || key(start, stop, "spread") || key(start, stop, "accfilter") ||
            key(start, stop, "expiration") || key(start, stop, "be_trigger") || key(start, stop, "be_offset") ||
            key(start, stop, "trail_trig") || key(start, stop, "trail_dist") || key(start, stop, "trail_step");
    }

    // sl / sl_pips / sl_price / sl_pct (and tp_…): the suffix overrides the source's configured unit.
    private static ValueUnit unitOf(final int start, final int stop, final ValueUnit configured)
    {
        switch (stop - start)
        {
            case 6:
                return ValueUnit.PERCENT;
            case 7:
                return ValueUnit.PIPS;
            case 8:
                return ValueUnit.PRICE;
            default:
                return configured;
        }
    }

    // The next comma-separated token, trimmed; false at the end of the body.
    private boolean nextToken()
    {
        if (position >= end)
        {
            tokenStart = end;
            tokenEnd = end;
            return false;
        }
        skipSpaces();
        tokenStart = position;
        while (position < end && buffer.getByte(position) != ',')
        {
            position++;
        }
        tokenEnd = trimEnd(tokenStart, position);
        if (position < end)
        {
            position++;
        }
        return true;
    }

    // Like nextToken, but a value in double quotes may hold commas (comment="a, b").
    private boolean nextParameter()
    {
        skipSpaces();
        tokenStart = position;
        boolean quoted = false;
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (b == ',' && !quoted)
            {
                break;
            }
            else if ((b == '\n' || b == '\r') && !quoted)
            {
                return false;
            }
            position++;
        }
        if (quoted)
        {
            return false;
        }
        tokenEnd = trimEnd(tokenStart, position);
        if (position < end)
        {
            position++;
        }
        return true;
    }

    private int indexOf(final int b)
    {
        for (int i = tokenStart; i < tokenEnd; i++)
        {
            if (buffer.getByte(i) == b)
            {
                return i;
            }
        }
        return -1;
    }

    private boolean word(final String expected)
    {
        return key(tokenStart, tokenEnd, expected);
    }

    private boolean key(final int start, final int stop, final String expected)
    {
        if (stop - start != expected.length())
        {
            return false;
        }
        for (int i = 0; i < expected.length(); i++)
        {
            if (lower(buffer.getByte(start + i)) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean digits(final int start, final int stop)
    {
        for (int i = start; i < stop; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    private boolean sameBytes(final byte[] expected, final int start, final int length)
    {
        if (expected.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(start + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private int trimEnd(final int start, final int stop)
    {
        int e = stop;
        while (e > start && isSpace(buffer.getByte(e - 1)))
        {
            e--;
        }
        return e;
    }

    private int trimStart(final int start, final int stop)
    {
        int s = start;
        while (s < stop && isSpace(buffer.getByte(s)))
        {
            s++;
        }
        return s;
    }

    private void skipSpaces()
    {
        while (position < end && isSpace(buffer.getByte(position)))
        {
            position++;
        }
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static byte lower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? (byte)(b + ('a' - 'A')) : b;
    }

    /**
     * Whether a body looks like a PineConnector alert: digits, a comma, then a known command.
     *
     * @param body   buffer.
     * @param offset first byte.
     * @param length body length.
     * @return true when it does.
     */
    public boolean looksLikePineConnector(final DirectBuffer body, final int offset, final int length)
    {
        buffer = body;
        position = offset;
        end = offset + length;
        skipSpaces();
        if (!nextToken() || tokenEnd == tokenStart || tokenEnd - tokenStart > MAX_LICENSE_LENGTH || !digits(tokenStart, tokenEnd))
        {
            return false;
        }
        return nextToken() && command() != 0;
    }
}
