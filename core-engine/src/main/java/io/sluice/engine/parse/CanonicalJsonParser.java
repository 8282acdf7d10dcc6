package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Sluice's canonical JSON signal: {@code {"id","account","symbol","side","qty","type","price","stopPrice","tp","sl","venue","tif"}}
 * into one NEW_TRADE leg, without allocating. Unknown members are skipped (the API refuses them at the edge; the
 * engine stays forward compatible); a repeated member, a missing symbol, side or quantity, or a price the order
 * type needs but lacks is refused naming the field.
 */
public final class CanonicalJsonParser implements SignalParser
{
    static final int F_ID = 1;
    static final int F_ACCOUNT = 1 << 1;
    static final int F_SYMBOL = 1 << 2;
    static final int F_SIDE = 1 << 3;
    static final int F_QTY = 1 << 4;
    static final int F_TYPE = 1 << 5;
    static final int F_PRICE = 1 << 6;
    static final int F_STOP_PRICE = 1 << 7;
    static final int F_TP = 1 << 8;
    static final int F_SL = 1 << 9;
    static final int F_VENUE = 1 << 10;
    static final int F_TIF = 1 << 11;

    private final JsonCursor json = new JsonCursor();
    private final LegMembers members = new LegMembers();

    private final class LegMembers implements JsonFields.Members
    {
        private ParsedLeg leg;

        public int field()
        {
            return CanonicalJsonParser.this.field();
        }

        public String name(final int field)
        {
            return CanonicalJsonParser.name(field);
        }

        public boolean assign(final int field, final int token, final ParsedSignal out)
        {
            return CanonicalJsonParser.this.assign(field, token, leg, out);
        }
    }

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        json.wrap(body, offset, length);
        int token = json.next();
        if (token != JsonCursor.OBJECT_START)
        {
            return token == JsonCursor.ERROR ? JsonFields.syntax(json, out) :
                out.fail(RejectReason.UNPARSEABLE, null, "body must be a JSON object");
        }
        final ParsedLeg leg = out.addLeg();
        members.leg = leg;
        final int seen = JsonFields.members(json, out, members);
        if (seen == JsonFields.FAILED)
        {
            return false;
        }
        if (json.next() != JsonCursor.EOF)
        {
            return JsonFields.syntax(json, out);
        }
        return validate(seen, leg, ctx, out);
    }

    static boolean validate(final int seen, final ParsedLeg leg, final ParseContext ctx, final ParsedSignal out)
    {
        if ((seen & F_SYMBOL) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "symbol", "symbol is required");
        }
        if ((seen & F_SIDE) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "side", "side is required (buy or sell)");
        }
        if (leg.quantity == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "qty", "qty is required");
        }
        if (leg.quantity <= 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "qty", "qty must be greater than zero");
        }
        if (leg.ordType == null)
        {
            leg.ordType = OrdType.MARKET;
        }
        if (leg.timeInForce == null)
        {
            leg.timeInForce = TimeInForce.GTC;
        }
        if (!checkPrices(leg, out) || !LegChecks.stopsOnTheRightSide(leg, out))
        {
            return false;
        }
        JsonFields.normaliseSymbol(leg, ctx);
        leg.action = LegAction.OPEN;
        out.kind = MessageKind.NEW_TRADE;
        return true;
    }

    static boolean checkPrices(final ParsedLeg leg, final ParsedSignal out)
    {
        if ((leg.ordType == OrdType.LIMIT || leg.ordType == OrdType.STOP_LIMIT) && leg.price == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "price", "price is required for limit orders");
        }
        if ((leg.ordType == OrdType.STOP || leg.ordType == OrdType.STOP_LIMIT) && leg.stopPrice == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "stopPrice", "stopPrice is required for stop orders");
        }
        if (leg.price != Fixed.NULL && leg.price <= 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "price", "price must be greater than zero");
        }
        if (leg.stopPrice != Fixed.NULL && leg.stopPrice <= 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "stopPrice", "stopPrice must be greater than zero");
        }
        if (leg.targetCount > 0 && leg.target(0) <= 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "tp", "tp must be greater than zero");
        }
        if (leg.stopLoss != Fixed.NULL && leg.stopLoss <= 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "sl", "sl must be greater than zero");
        }
        return true;
    }

    private boolean assign(final int field, final int token, final ParsedLeg leg, final ParsedSignal out)
    {
        switch (field)
        {
            case F_ID:
                return JsonFields.identifier(json, token, out.id(), "id", out);
            case F_ACCOUNT:
                return JsonFields.identifier(json, token, out.account(), "account", out);
            case F_SYMBOL:
                return JsonFields.identifier(json, token, leg.symbol(), "symbol", out);
            case F_VENUE:
                return JsonFields.identifier(json, token, leg.venue(), "venue", out);
            case F_SIDE:
                leg.side = JsonFields.side(json, token);
                return leg.side != null || out.fail(RejectReason.INVALID_FIELD, "side", "side must be buy or sell");
            case F_TYPE:
                leg.ordType = JsonFields.ordType(json, token);
                return leg.ordType != null ||
                    out.fail(RejectReason.INVALID_FIELD, "type", "type must be market, limit, stop or stop_limit");
            case F_TIF:
                leg.timeInForce = JsonFields.timeInForce(json, token);
                return leg.timeInForce != null || out.fail(RejectReason.INVALID_FIELD, "tif", "tif must be gtc, ioc, fok or day");
            case F_QTY:
                leg.quantity = JsonFields.decimal(json, token, "qty", out);
                return leg.quantity != Fixed.PARSE_ERROR;
            case F_PRICE:
                leg.price = JsonFields.decimal(json, token, "price", out);
                return leg.price != Fixed.PARSE_ERROR;
            case F_STOP_PRICE:
                leg.stopPrice = JsonFields.decimal(json, token, "stopPrice", out);
                return leg.stopPrice != Fixed.PARSE_ERROR;
            case F_TP:
            {
                final long tp = JsonFields.decimal(json, token, "tp", out);
                if (tp != Fixed.NULL && tp != Fixed.PARSE_ERROR)
                {
                    leg.addTarget(tp, Fixed.NULL);
                }
                return tp != Fixed.PARSE_ERROR;
            }
            case F_SL:
                leg.stopLoss = JsonFields.decimal(json, token, "sl", out);
                return leg.stopLoss != Fixed.PARSE_ERROR;
            default:
                return true;
        }
    }

    private int field()
    {
        switch (json.length())
        {
            case 2:
                return json.is("id") ? F_ID : json.is("tp") ? F_TP : json.is("sl") ? F_SL : 0;
            case 3:
                return json.is("qty") ? F_QTY : json.is("tif") ? F_TIF : 0;
            case 4:
                return json.is("side") ? F_SIDE : json.is("type") ? F_TYPE : 0;
            case 5:
                return json.is("price") ? F_PRICE : json.is("venue") ? F_VENUE : 0;
            case 6:
                return json.is("symbol") ? F_SYMBOL : 0;
            case 7:
                return json.is("account") ? F_ACCOUNT : 0;
            case 9:
                return json.is("stopPrice") ? F_STOP_PRICE : 0;
            default:
                return 0;
        }
    }

    static String name(final int field)
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
            default: return "tif";
        }
    }
}
