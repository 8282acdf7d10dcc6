package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * A TradingView alert whose message is JSON with its placeholders resolved, without allocating.
 * <p>
 * Reads the canonical members plus the names alert templates commonly use: {@code ticker} for symbol,
 * {@code action} for side, {@code contracts}/{@code quantity} for qty, {@code tp1..tp8}, {@code leverage},
 * {@code exchange}, and the strategy members {@code strategy} (a name, or an object holding the members below),
 * {@code order_id}, {@code timenow}/{@code time}, {@code position_size}, {@code market_position}. An action of
 * close/exit/flat closes the position; closelong/closeshort close one side; cancel cancels pending orders; a
 * buy or sell that leaves the strategy flat closes the position it reduces. {@code secret}/{@code passphrase}
 * (blanked by the API) and other members are skipped. A member still holding a {@code {{placeholder}}} is refused.
 */
public final class TradingViewJsonParser implements SignalParser
{
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
    private static final int F_EXCHANGE = 1 << 12;
    private static final int F_LEVERAGE = 1 << 13;
    private static final int F_STRATEGY = 1 << 14;
    private static final int F_ORDER_ID = 1 << 15;
    private static final int F_TIME = 1 << 16;
    private static final int F_POSITION_SIZE = 1 << 17;
    private static final int F_MARKET_POSITION = 1 << 18;
    private static final int F_TP_N = 1 << 19;

    private static final int MP_NONE = 0;
    private static final int MP_LONG = 1;
    private static final int MP_SHORT = 2;
    private static final int MP_FLAT = 3;

    private final JsonCursor json = new JsonCursor();
    private final long[] numberedTargets = new long[ParsedLeg.MAX_TARGETS];
    private int seen;
    private int targetIndex;
    private int marketPosition;
    private boolean timeKeyIsNow;

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        json.wrap(body, offset, length);
        if (json.next() != JsonCursor.OBJECT_START)
        {
            return json.error() != null ? JsonFields.syntax(json, out) :
                out.fail(RejectReason.UNPARSEABLE, null, "body must be a JSON object");
        }
        final ParsedLeg leg = out.addLeg();
        seen = 0;
        marketPosition = MP_NONE;
        for (int i = 0; i < numberedTargets.length; i++)
        {
            numberedTargets[i] = Fixed.NULL;
        }
        if (!members(leg, out, false))
        {
            return false;
        }
        if (json.next() != JsonCursor.EOF)
        {
            return JsonFields.syntax(json, out);
        }
        return validate(leg, ctx, out);
    }

    // Reads members up to and including the object's end; nested is true inside a "strategy" object.
    private boolean members(final ParsedLeg leg, final ParsedSignal out, final boolean nested)
    {
        while (true)
        {
            int token = json.next();
            if (token == JsonCursor.OBJECT_END)
            {
                return true;
            }
            if (token != JsonCursor.KEY)
            {
                return JsonFields.syntax(json, out);
            }
            final int field = field(nested);
            token = json.next();
            if (token == JsonCursor.ERROR)
            {
                return JsonFields.syntax(json, out);
            }
            if (field == 0)
            {
                if (!json.skipValue(token))
                {
                    return JsonFields.syntax(json, out);
                }
                continue;
            }
            if (field == F_STRATEGY && token == JsonCursor.OBJECT_START && !nested)
            {
                if (!members(leg, out, true))
                {
                    return false;
                }
                continue;
            }
            if (field != F_TP_N && field != F_TIME)
            {
                if ((seen & field) != 0)
                {
                    return out.fail(RejectReason.UNPARSEABLE, name(field), "field appears more than once");
                }
                seen |= field;
            }
            if (!assign(field, token, leg, out))
            {
                return false;
            }
        }
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
            case F_EXCHANGE:
                return JsonFields.identifier(json, token, leg.exchange(), "exchange", out);
            case F_STRATEGY:
                return JsonFields.label(json, token, out.strategy(), "strategy", out);
            case F_ORDER_ID:
                return JsonFields.label(json, token, out.orderRef(), "order_id", out);
            case F_TIME:
                if (!timeKeyIsNow && !out.timeRef().isEmpty())
                {
                    return true;
                }
                return JsonFields.label(json, token, out.timeRef(), "timenow", out);
            case F_SIDE:
                return side(token, leg, out);
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
                leg.price = JsonFields.positive(json, token, "price", "price must be greater than zero", out);
                return leg.price != Fixed.PARSE_ERROR;
            case F_STOP_PRICE:
                leg.stopPrice = JsonFields.positive(json, token, "stopPrice", "stopPrice must be greater than zero", out);
                return leg.stopPrice != Fixed.PARSE_ERROR;
            case F_SL:
                leg.stopLoss = JsonFields.positive(json, token, "sl", "sl must be greater than zero", out);
                return leg.stopLoss != Fixed.PARSE_ERROR;
            case F_LEVERAGE:
                leg.leverage = JsonFields.positive(json, token, "leverage", "leverage must be greater than zero", out);
                return leg.leverage != Fixed.PARSE_ERROR;
            case F_POSITION_SIZE:
                leg.positionSize = JsonFields.decimal(json, token, "position_size", out);
                return leg.positionSize != Fixed.PARSE_ERROR;
            case F_MARKET_POSITION:
                return marketPosition(token, out);
            case F_TP:
            case F_TP_N:
            {
                final long tp = JsonFields.positive(json, token, "tp", "tp must be greater than zero", out);
                if (tp == Fixed.PARSE_ERROR)
                {
                    return false;
                }
                if (numberedTargets[targetIndex] != Fixed.NULL)
                {
                    return out.fail(RejectReason.UNPARSEABLE, "tp", "field appears more than once");
                }
                numberedTargets[targetIndex] = tp == Fixed.NULL ? 0 : tp;
                return true;
            }
            default:
                return true;
        }
    }

    private boolean side(final int token, final ParsedLeg leg, final ParsedSignal out)
    {
        if (token == JsonCursor.STRING && !json.escaped())
        {
            if (json.hasPlaceholder())
            {
                return out.fail(RejectReason.INVALID_FIELD, "side", JsonFields.PLACEHOLDER_DETAIL);
            }
            if (json.isIgnoreCase("buy") || json.isIgnoreCase("long"))
            {
                leg.side = Side.BUY;
                return true;
            }
            if (json.isIgnoreCase("sell") || json.isIgnoreCase("short"))
            {
                leg.side = Side.SELL;
                return true;
            }
            if (json.isIgnoreCase("close") || json.isIgnoreCase("exit") || json.isIgnoreCase("flat") ||
                json.isIgnoreCase("closeall") || json.isIgnoreCase("close_all"))
            {
                leg.action = LegAction.CLOSE_ALL;
                return true;
            }
            if (json.isIgnoreCase("closelong") || json.isIgnoreCase("close_long") || json.isIgnoreCase("exitlong") ||
                json.isIgnoreCase("exit_long"))
            {
                leg.action = LegAction.CLOSE_LONG;
                return true;
            }
            if (json.isIgnoreCase("closeshort") || json.isIgnoreCase("close_short") || json.isIgnoreCase("exitshort") ||
                json.isIgnoreCase("exit_short"))
            {
                leg.action = LegAction.CLOSE_SHORT;
                return true;
            }
            if (json.isIgnoreCase("cancel"))
            {
                leg.action = LegAction.CANCEL;
                return true;
            }
        }
        return out.fail(RejectReason.INVALID_FIELD, "side",
            "side must be buy, sell, long, short, close, closelong, closeshort or cancel");
    }

    private boolean marketPosition(final int token, final ParsedSignal out)
    {
        if (token == JsonCursor.STRING && !json.escaped())
        {
            if (json.isIgnoreCase("long"))
            {
                marketPosition = MP_LONG;
                return true;
            }
            if (json.isIgnoreCase("short"))
            {
                marketPosition = MP_SHORT;
                return true;
            }
            if (json.isIgnoreCase("flat"))
            {
                marketPosition = MP_FLAT;
                return true;
            }
            if (json.hasPlaceholder())
            {
                return out.fail(RejectReason.INVALID_FIELD, "market_position", JsonFields.PLACEHOLDER_DETAIL);
            }
        }
        return out.fail(RejectReason.INVALID_FIELD, "market_position", "market_position must be long, short or flat");
    }

    private boolean validate(final ParsedLeg leg, final ParseContext ctx, final ParsedSignal out)
    {
        for (int i = 0; i < numberedTargets.length; i++)
        {
            if (numberedTargets[i] != Fixed.NULL && numberedTargets[i] != 0)
            {
                leg.addTarget(numberedTargets[i], Fixed.NULL);
            }
        }
        if ((seen & F_SYMBOL) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "symbol", "symbol (or ticker) is required");
        }
        if (marketPosition == MP_SHORT && leg.positionSize != Fixed.NULL && leg.positionSize > 0)
        {
            leg.positionSize = -leg.positionSize;
        }
        if (leg.action == LegAction.OPEN && leg.side == null)
        {
            if (marketPosition != MP_FLAT)
            {
                return out.fail(RejectReason.INVALID_FIELD, "side", "side (or action) is required");
            }
            leg.action = LegAction.CLOSE_ALL;
        }
        if (leg.action == LegAction.OPEN && marketPosition == MP_FLAT)
        {
            // A strategy order that leaves the position flat reduces the side it came from.
            leg.action = leg.side == Side.SELL ? LegAction.CLOSE_LONG : LegAction.CLOSE_SHORT;
            leg.reduceOnly = true;
        }
        if (leg.quantity != Fixed.NULL && leg.quantity <= 0 && leg.action == LegAction.OPEN)
        {
            return out.fail(RejectReason.INVALID_FIELD, "qty", "qty must be greater than zero");
        }
        JsonFields.normaliseSymbol(leg, ctx);
        switch (leg.action)
        {
            case OPEN:
                if (leg.ordType == null)
                {
                    leg.ordType = leg.price != Fixed.NULL && leg.stopPrice == Fixed.NULL ? OrdType.LIMIT : OrdType.MARKET;
                }
                if (leg.timeInForce == null)
                {
                    leg.timeInForce = TimeInForce.GTC;
                }
                if (!CanonicalJsonParser.checkPrices(leg, out) || !LegChecks.stopsOnTheRightSide(leg, out))
                {
                    return false;
                }
                out.kind = MessageKind.NEW_TRADE;
                if (leg.quantity == Fixed.NULL && ctx.defaultQuantity() != Fixed.NULL)
                {
                    leg.quantity = ctx.defaultQuantity();
                    out.complete(0, CompletedField.QUANTITY, CompletionRule.DEFAULT_SIZE, CompletionRule.DEFAULT_SIZE.defaultConfidence());
                }
                return true;
            case CANCEL:
                out.kind = MessageKind.CANCELLATION;
                leg.ordType = null;
                return true;
            default:
                out.kind = MessageKind.MANAGEMENT;
                leg.reduceOnly = true;
                if (leg.quantity != Fixed.NULL && leg.quantity <= 0)
                {
                    leg.quantity = Fixed.NULL;
                }
                if (leg.ordType == null)
                {
                    leg.ordType = OrdType.MARKET;
                }
                return true;
        }
    }

    private int field(final boolean nested)
    {
        final int length = json.length();
        if (length == 3 && !json.escaped())
        {
            final DirectBuffer b = json.buffer();
            final int s = json.start();
            if (b.getByte(s) == 't' && b.getByte(s + 1) == 'p' && b.getByte(s + 2) >= '1' && b.getByte(s + 2) <= '8')
            {
                targetIndex = b.getByte(s + 2) - '1';
                return F_TP_N;
            }
        }
        switch (length)
        {
            case 2:
                if (json.is("id"))
                {
                    return nested ? F_ORDER_ID : F_ID;
                }
                if (json.is("tp"))
                {
                    targetIndex = 0;
                    return F_TP;
                }
                return json.is("sl") ? F_SL : 0;
            case 3:
                return json.is("qty") ? F_QTY : json.is("tif") ? F_TIF : 0;
            case 4:
                if (json.is("name"))
                {
                    return nested ? F_STRATEGY : 0;
                }
                if (json.is("time"))
                {
                    timeKeyIsNow = false;
                    return F_TIME;
                }
                return json.is("side") ? F_SIDE : json.is("type") ? F_TYPE : 0;
            case 5:
                return json.is("price") ? F_PRICE : json.is("venue") ? F_VENUE : 0;
            case 6:
                return json.is("symbol") || json.is("ticker") ? F_SYMBOL : json.is("action") ? F_SIDE : 0;
            case 7:
                if (json.is("timenow"))
                {
                    timeKeyIsNow = true;
                    return F_TIME;
                }
                return json.is("account") ? F_ACCOUNT : json.is("orderId") ? F_ORDER_ID : 0;
            case 8:
                return json.is("quantity") ? F_QTY : json.is("exchange") ? F_EXCHANGE : json.is("leverage") ? F_LEVERAGE :
                    json.is("order_id") ? F_ORDER_ID : json.is("strategy") ? F_STRATEGY : json.is("stopLoss") ? F_SL : 0;
            case 9:
                if (json.is("stopPrice"))
                {
                    return F_STOP_PRICE;
                }
                if (json.is("contracts"))
                {
                    return F_QTY;
                }
                if (json.is("stop_loss"))
                {
                    return F_SL;
                }
                return 0;
            case 10:
                if (json.is("stop_price"))
                {
                    return F_STOP_PRICE;
                }
                if (json.is("order_type") || json.is("orderType"))
                {
                    return F_TYPE;
                }
                if (json.is("takeProfit"))
                {
                    targetIndex = 0;
                    return F_TP;
                }
                return 0;
            case 11:
                if (json.is("take_profit"))
                {
                    targetIndex = 0;
                    return F_TP;
                }
                return json.is("limit_price") ? F_PRICE : 0;
            case 12:
                return json.is("positionSize") ? F_POSITION_SIZE : 0;
            case 13:
                return json.is("position_size") ? F_POSITION_SIZE : json.is("trigger_price") ? F_STOP_PRICE : 0;
            case 14:
                return json.is("marketPosition") ? F_MARKET_POSITION : 0;
            case 15:
                return json.is("market_position") ? F_MARKET_POSITION : 0;
            case 17:
                return json.is("strategy_order_id") ? F_ORDER_ID : 0;
            default:
                return 0;
        }
    }

    private static String name(final int field)
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
            case F_EXCHANGE: return "exchange";
            case F_LEVERAGE: return "leverage";
            case F_STRATEGY: return "strategy";
            case F_ORDER_ID: return "order_id";
            case F_POSITION_SIZE: return "position_size";
            default: return "market_position";
        }
    }
}
