package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * OpenAlgo's order JSON (Indian brokers), without allocating; numbers may be strings. The body's shape names
 * the endpoint it was sent to (the API checks the shape matches the path):
 * <ul>
 *   <li>{@code orders} array: basketorder, one leg per order, BUY legs routed before SELL legs;</li>
 *   <li>{@code legs} array: optionsmultiorder on {@code underlying}/{@code expiry_date}, each leg an
 *       {@code offset} (ATM, ITM2, OTM6) and {@code option_type}, BUY legs before SELL legs for margin;</li>
 *   <li>{@code position_size}: placesmartorder, a {@link LegAction#TARGET_POSITION} leg;</li>
 *   <li>{@code symbol}/{@code action}: placeorder;</li>
 *   <li>none of those: closeposition, closing everything of the {@code strategy}.</li>
 * </ul>
 * {@code pricetype} MARKET, LIMIT, SL (stop-limit) and SL-M (stop) map to the order types; {@code trigger_price}
 * is the stop price; {@code product} MIS/NRML/CNC. {@code apikey} (blanked by the API) is skipped.
 */
public final class OpenAlgoJsonParser implements SignalParser
{
    private static final int F_SYMBOL = 1;
    private static final int F_EXCHANGE = 1 << 1;
    private static final int F_ACTION = 1 << 2;
    private static final int F_PRICETYPE = 1 << 3;
    private static final int F_PRODUCT = 1 << 4;
    private static final int F_QUANTITY = 1 << 5;
    private static final int F_PRICE = 1 << 6;
    private static final int F_TRIGGER = 1 << 7;
    private static final int F_POSITION_SIZE = 1 << 8;
    private static final int F_STRATEGY = 1 << 9;
    private static final int F_ORDERS = 1 << 10;
    private static final int F_LEGS = 1 << 11;
    private static final int F_UNDERLYING = 1 << 12;
    private static final int F_EXPIRY = 1 << 13;
    private static final int F_OFFSET = 1 << 14;
    private static final int F_OPTION_TYPE = 1 << 15;

    private final JsonCursor json = new JsonCursor();
    private final ParsedLeg shared = new ParsedLeg();
    private final int[] legMembers = new int[ParsedSignal.MAX_LEGS];
    // The request's members (orders and legs are arrays of order objects) and one order object's (where "orders"
    // and "legs" mean nothing and are skipped).
    private final JsonFields.Members requestMembers = new JsonFields.Members()
    {
        public int field()
        {
            return OpenAlgoJsonParser.this.field();
        }

        public String name(final int field)
        {
            return OpenAlgoJsonParser.name(field);
        }

        public boolean assign(final int field, final int token, final ParsedSignal out)
        {
            if (field == F_ORDERS || field == F_LEGS)
            {
                return token == JsonCursor.ARRAY_START ? array(field == F_LEGS, out) :
                    out.fail(RejectReason.INVALID_FIELD, OpenAlgoJsonParser.name(field), "must be an array of objects");
            }
            return OpenAlgoJsonParser.this.assign(field, token, shared, out);
        }
    };
    private final OrderMembers orderMembers = new OrderMembers();

    private final class OrderMembers implements JsonFields.Members
    {
        private ParsedLeg leg;

        public int field()
        {
            final int field = OpenAlgoJsonParser.this.field();
            return field == F_ORDERS || field == F_LEGS ? 0 : field;
        }

        public String name(final int field)
        {
            return OpenAlgoJsonParser.name(field);
        }

        public boolean assign(final int field, final int token, final ParsedSignal out)
        {
            return OpenAlgoJsonParser.this.assign(field, token, leg, out);
        }
    }

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        json.wrap(body, offset, length);
        if (json.next() != JsonCursor.OBJECT_START)
        {
            return json.error() != null ? JsonFields.syntax(json, out) :
                out.fail(RejectReason.UNPARSEABLE, null, "body must be a JSON object");
        }
        shared.reset();
        final int seen = JsonFields.members(json, out, requestMembers);
        if (seen == JsonFields.FAILED)
        {
            return false;
        }
        if (json.next() != JsonCursor.EOF)
        {
            return JsonFields.syntax(json, out);
        }
        if ((seen & F_ORDERS) != 0)
        {
            return basket(ctx, out);
        }
        if ((seen & F_LEGS) != 0)
        {
            return options(seen, ctx, out);
        }
        if ((seen & F_POSITION_SIZE) != 0)
        {
            return single(seen, true, ctx, out);
        }
        if ((seen & (F_SYMBOL | F_ACTION)) != 0)
        {
            return single(seen, false, ctx, out);
        }
        return closePosition(out);
    }

    // Reads an array of order objects, one leg each, into the result.
    private boolean array(final boolean optionLegs, final ParsedSignal out)
    {
        while (true)
        {
            int token = json.next();
            if (token == JsonCursor.ARRAY_END)
            {
                return true;
            }
            if (token != JsonCursor.OBJECT_START)
            {
                return token == JsonCursor.ERROR ? JsonFields.syntax(json, out) :
                    out.fail(RejectReason.INVALID_FIELD, optionLegs ? "legs" : "orders", "must be an array of objects");
            }
            final ParsedLeg leg = out.addLeg();
            if (leg == null)
            {
                return out.fail(RejectReason.INVALID_FIELD, optionLegs ? "legs" : "orders", "more than 16 orders in one request");
            }
            orderMembers.leg = leg;
            final int seen = JsonFields.members(json, out, orderMembers);
            if (seen == JsonFields.FAILED)
            {
                return false;
            }
            legMembers[out.legCount() - 1] = seen;
        }
    }

    private boolean basket(final ParseContext ctx, final ParsedSignal out)
    {
        if (out.legCount() == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "orders", "orders must hold at least one order");
        }
        for (int i = 0; i < out.legCount(); i++)
        {
            final ParsedLeg leg = out.leg(i);
            inherit(leg);
            if ((legMembers[i] & F_SYMBOL) == 0 || leg.symbol().isEmpty())
            {
                return out.fail(RejectReason.INVALID_FIELD, "symbol", "every order needs a symbol");
            }
            if (!order(leg, false, ctx, out))
            {
                return false;
            }
        }
        out.buyLegsFirst();
        out.kind = MessageKind.NEW_TRADE;
        return true;
    }

    private boolean options(final int seen, final ParseContext ctx, final ParsedSignal out)
    {
        if ((seen & F_UNDERLYING) == 0 && (seen & F_SYMBOL) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "underlying", "underlying is required");
        }
        if (out.legCount() == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "legs", "legs must hold at least one leg");
        }
        for (int i = 0; i < out.legCount(); i++)
        {
            final ParsedLeg leg = out.leg(i);
            inherit(leg);
            final boolean ownSymbol = (legMembers[i] & F_SYMBOL) != 0;
            if (!ownSymbol)
            {
                leg.symbol().set(shared.symbol());
                if (leg.strikeOffset().isEmpty() || leg.optionType().isEmpty())
                {
                    return out.fail(RejectReason.INVALID_FIELD, "legs", "every leg needs offset and option_type (or its own symbol)");
                }
            }
            if (!ownSymbol && leg.expiry().isEmpty())
            {
                return out.fail(RejectReason.INVALID_FIELD, "expiry_date", "expiry_date is required");
            }
            if (!order(leg, false, ctx, out))
            {
                return false;
            }
        }
        out.buyLegsFirst();
        out.kind = MessageKind.NEW_TRADE;
        return true;
    }

    private boolean single(final int seen, final boolean smart, final ParseContext ctx, final ParsedSignal out)
    {
        if ((seen & F_SYMBOL) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "symbol", "symbol is required");
        }
        final ParsedLeg leg = out.addLeg();
        leg.copyFrom(shared);
        if (!order(leg, smart, ctx, out))
        {
            return false;
        }
        if (smart)
        {
            leg.action = LegAction.TARGET_POSITION;
        }
        out.kind = smart ? MessageKind.MANAGEMENT : MessageKind.NEW_TRADE;
        if (smart && leg.positionSize != 0)
        {
            out.kind = MessageKind.NEW_TRADE;
        }
        return true;
    }

    private boolean closePosition(final ParsedSignal out)
    {
        if (out.strategy().isEmpty())
        {
            return out.fail(RejectReason.INVALID_FIELD, "strategy",
                "strategy is required to close its positions (or symbol and action for an order)");
        }
        final ParsedLeg leg = out.addLeg();
        leg.action = LegAction.CLOSE_ALL;
        leg.ordType = OrdType.MARKET;
        leg.reduceOnly = true;
        leg.exchange().set(shared.exchange());
        leg.product = shared.product;
        out.kind = MessageKind.MANAGEMENT;
        return true;
    }

    // Fill what a basket order or option leg did not say from the request's top level.
    private void inherit(final ParsedLeg leg)
    {
        if (leg.exchange().isEmpty())
        {
            leg.exchange().set(shared.exchange());
        }
        if (leg.expiry().isEmpty())
        {
            leg.expiry().set(shared.expiry());
        }
        if (leg.product == null)
        {
            leg.product = shared.product;
        }
        if (leg.ordType == null)
        {
            leg.ordType = shared.ordType;
        }
    }

    private boolean order(final ParsedLeg leg, final boolean smart, final ParseContext ctx, final ParsedSignal out)
    {
        if (leg.side == null)
        {
            return out.fail(RejectReason.INVALID_FIELD, "action", "action is required (BUY or SELL)");
        }
        if (leg.quantity == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "quantity", "quantity is required");
        }
        if (leg.quantity < 0 || (!smart && leg.quantity == 0))
        {
            return out.fail(RejectReason.INVALID_FIELD, "quantity", "quantity must be greater than zero");
        }
        if (smart && leg.positionSize == Fixed.NULL)
        {
            return out.fail(RejectReason.INVALID_FIELD, "position_size", "position_size is required");
        }
        if (leg.ordType == null)
        {
            leg.ordType = OrdType.MARKET;
        }
        if ((leg.ordType == OrdType.LIMIT || leg.ordType == OrdType.STOP_LIMIT) && (leg.price == Fixed.NULL || leg.price == 0))
        {
            return out.fail(RejectReason.INVALID_FIELD, "price", "price is required for LIMIT and SL orders");
        }
        if ((leg.ordType == OrdType.STOP || leg.ordType == OrdType.STOP_LIMIT) && (leg.stopPrice == Fixed.NULL || leg.stopPrice == 0))
        {
            return out.fail(RejectReason.INVALID_FIELD, "trigger_price", "trigger_price is required for SL and SL-M orders");
        }
        if (leg.ordType == OrdType.MARKET || leg.ordType == OrdType.STOP)
        {
            // OpenAlgo clients send "price":"0" with market orders.
            leg.price = Fixed.NULL;
        }
        if (leg.ordType == OrdType.MARKET || leg.ordType == OrdType.LIMIT)
        {
            leg.stopPrice = Fixed.NULL;
        }
        if (leg.timeInForce == null)
        {
            leg.timeInForce = TimeInForce.DAY;
        }
        ctx.resolveAliasInPlace(leg.symbol());
        leg.action = LegAction.OPEN;
        return true;
    }

    private boolean assign(final int field, final int token, final ParsedLeg leg, final ParsedSignal out)
    {
        switch (field)
        {
            case F_SYMBOL:
            case F_UNDERLYING:
                return JsonFields.identifier(json, token, leg.symbol(), field == F_SYMBOL ? "symbol" : "underlying", out);
            case F_EXCHANGE:
                return JsonFields.identifier(json, token, leg.exchange(), "exchange", out);
            case F_EXPIRY:
                return JsonFields.identifier(json, token, leg.expiry(), "expiry_date", out);
            case F_OFFSET:
                return JsonFields.identifier(json, token, leg.strikeOffset(), "offset", out);
            case F_OPTION_TYPE:
                if (token == JsonCursor.STRING && (json.isIgnoreCase("ce") || json.isIgnoreCase("pe")))
                {
                    leg.optionType().setUpperCase(json.buffer(), json.start(), 2);
                    return true;
                }
                return out.fail(RejectReason.INVALID_FIELD, "option_type", "option_type must be CE or PE");
            case F_STRATEGY:
                return JsonFields.label(json, token, out.strategy(), "strategy", out);
            case F_ACTION:
                leg.side = JsonFields.side(json, token);
                return leg.side != null || out.fail(RejectReason.INVALID_FIELD, "action", "action must be BUY or SELL");
            case F_PRICETYPE:
                return priceType(token, leg, out);
            case F_PRODUCT:
                leg.product = JsonFields.product(json, token);
                return leg.product != null || out.fail(RejectReason.INVALID_FIELD, "product", "product must be MIS, NRML or CNC");
            case F_QUANTITY:
                leg.quantity = JsonFields.decimal(json, token, "quantity", out);
                return leg.quantity != Fixed.PARSE_ERROR;
            case F_PRICE:
                leg.price = nonNegative(token, "price", out);
                return leg.price != Fixed.PARSE_ERROR;
            case F_TRIGGER:
                leg.stopPrice = nonNegative(token, "trigger_price", out);
                return leg.stopPrice != Fixed.PARSE_ERROR;
            case F_POSITION_SIZE:
                leg.positionSize = JsonFields.decimal(json, token, "position_size", out);
                return leg.positionSize != Fixed.PARSE_ERROR;
            default:
                return true;
        }
    }

    private long nonNegative(final int token, final String field, final ParsedSignal out)
    {
        final long value = JsonFields.decimal(json, token, field, out);
        if (value != Fixed.PARSE_ERROR && value != Fixed.NULL && value < 0)
        {
            out.fail(RejectReason.INVALID_FIELD, field, "must not be negative");
            return Fixed.PARSE_ERROR;
        }
        return value;
    }

    private boolean priceType(final int token, final ParsedLeg leg, final ParsedSignal out)
    {
        if (token == JsonCursor.STRING)
        {
            if (json.isIgnoreCase("market"))
            {
                leg.ordType = OrdType.MARKET;
                return true;
            }
            if (json.isIgnoreCase("limit"))
            {
                leg.ordType = OrdType.LIMIT;
                return true;
            }
            if (json.isIgnoreCase("sl"))
            {
                leg.ordType = OrdType.STOP_LIMIT;
                return true;
            }
            if (json.isIgnoreCase("sl-m"))
            {
                leg.ordType = OrdType.STOP;
                return true;
            }
        }
        return out.fail(RejectReason.INVALID_FIELD, "pricetype", "pricetype must be MARKET, LIMIT, SL or SL-M");
    }

    private int field()
    {
        switch (json.length())
        {
            case 4:
                return json.is("legs") ? F_LEGS : 0;
            case 6:
                return json.is("symbol") ? F_SYMBOL : json.is("action") ? F_ACTION : json.is("orders") ? F_ORDERS :
                    json.is("offset") ? F_OFFSET : 0;
            case 5:
                return json.is("price") ? F_PRICE : 0;
            case 7:
                return json.is("product") ? F_PRODUCT : 0;
            case 8:
                return json.is("exchange") ? F_EXCHANGE : json.is("quantity") ? F_QUANTITY : json.is("strategy") ? F_STRATEGY : 0;
            case 9:
                return json.is("pricetype") ? F_PRICETYPE : 0;
            case 10:
                return json.is("underlying") ? F_UNDERLYING : 0;
            case 11:
                return json.is("expiry_date") ? F_EXPIRY : json.is("option_type") ? F_OPTION_TYPE : 0;
            case 13:
                return json.is("trigger_price") ? F_TRIGGER : json.is("position_size") ? F_POSITION_SIZE : 0;
            default:
                return 0;
        }
    }

    private static String name(final int field)
    {
        switch (field)
        {
            case F_SYMBOL: return "symbol";
            case F_EXCHANGE: return "exchange";
            case F_ACTION: return "action";
            case F_PRICETYPE: return "pricetype";
            case F_PRODUCT: return "product";
            case F_QUANTITY: return "quantity";
            case F_PRICE: return "price";
            case F_TRIGGER: return "trigger_price";
            case F_POSITION_SIZE: return "position_size";
            case F_STRATEGY: return "strategy";
            case F_ORDERS: return "orders";
            case F_LEGS: return "legs";
            case F_UNDERLYING: return "underlying";
            case F_EXPIRY: return "expiry_date";
            case F_OFFSET: return "offset";
            default: return "option_type";
        }
    }
}
