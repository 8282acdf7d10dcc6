package io.sluice.engine.parse;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * A hedge pair (e.g. NIFTY options: a long far-OTM hedge and a short nearer leg), without allocating:
 * <pre>
 * {"id":"p-1","account":"acc1","pair":"NIFTY-W1","event":"ENTRY","exchange":"NFO","product":"NRML",
 *  "legs":[{"symbol":"NIFTY28MAR2421000CE","side":"SELL","qty":"65"},{"symbol":"NIFTY28MAR2421500CE","side":"BUY","qty":"65"}]}
 * </pre>
 * The two legs describe the hedged position (one long, one short). ENTRY opens them, EXIT closes them; the
 * legs come out in the margin-safe routing order: on ENTRY the BUY (long) leg first, then the SELL leg; on
 * EXIT the short leg is bought back first ({@link LegAction#CLOSE_SHORT}), then the long leg sold
 * ({@link LegAction#CLOSE_LONG}). Blocking further entries after a failed second leg is the engine's.
 */
public final class HedgePairJsonParser implements SignalParser
{
    private static final int F_ID = 1;
    private static final int F_ACCOUNT = 1 << 1;
    private static final int F_PAIR = 1 << 2;
    private static final int F_EVENT = 1 << 3;
    private static final int F_EXCHANGE = 1 << 4;
    private static final int F_PRODUCT = 1 << 5;
    private static final int F_LEGS = 1 << 6;
    private static final int F_SYMBOL = 1 << 7;
    private static final int F_SIDE = 1 << 8;
    private static final int F_QTY = 1 << 9;
    private static final int F_TYPE = 1 << 10;
    private static final int F_PRICE = 1 << 11;
    private static final int F_VENUE = 1 << 12;

    private final JsonCursor json = new JsonCursor();
    // The pair's own members (leg fields at the top level are skipped) and one leg's.
    private final JsonFields.Members pairMembers = new JsonFields.Members()
    {
        public int field()
        {
            final int field = HedgePairJsonParser.this.field();
            return field >= F_SYMBOL ? 0 : field;
        }

        public String name(final int field)
        {
            return HedgePairJsonParser.name(field);
        }

        public boolean assign(final int field, final int token, final ParsedSignal out)
        {
            return HedgePairJsonParser.this.assign(field, token, out);
        }
    };
    private final LegMembers legMembers = new LegMembers();

    private final class LegMembers implements JsonFields.Members
    {
        private ParsedLeg leg;

        public int field()
        {
            return legField();
        }

        public String name(final int field)
        {
            return legName(field);
        }

        public boolean assign(final int field, final int token, final ParsedSignal out)
        {
            return assignLeg(field, token, leg, out);
        }
    }
    private final AsciiSlot exchange = new AsciiSlot(16);
    private io.sluice.sbe.Product product;

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        json.wrap(body, offset, length);
        if (json.next() != JsonCursor.OBJECT_START)
        {
            return json.error() != null ? JsonFields.syntax(json, out) :
                out.fail(RejectReason.UNPARSEABLE, null, "body must be a JSON object");
        }
        exchange.clear();
        product = null;
        final int seen = JsonFields.members(json, out, pairMembers);
        if (seen == JsonFields.FAILED)
        {
            return false;
        }
        if (json.next() != JsonCursor.EOF)
        {
            return JsonFields.syntax(json, out);
        }
        if ((seen & F_EVENT) == 0)
        {
            return out.fail(RejectReason.INVALID_FIELD, "event", "event is required (ENTRY or EXIT)");
        }
        if ((seen & F_LEGS) == 0 || out.legCount() != 2)
        {
            return out.fail(RejectReason.INVALID_FIELD, "legs", "a hedge pair has exactly two legs");
        }
        final ParsedLeg first = out.leg(0);
        final ParsedLeg second = out.leg(1);
        if (first.side == second.side)
        {
            return out.fail(RejectReason.INVALID_FIELD, "legs", "a hedge pair has one long (BUY) and one short (SELL) leg");
        }
        for (int i = 0; i < 2; i++)
        {
            final ParsedLeg leg = out.leg(i);
            if (leg.exchange().isEmpty())
            {
                leg.exchange().set(exchange);
            }
            if (leg.product == null)
            {
                leg.product = product;
            }
            if (leg.ordType == null)
            {
                leg.ordType = OrdType.MARKET;
            }
            if (leg.ordType == OrdType.LIMIT && leg.price == Fixed.NULL)
            {
                return out.fail(RejectReason.INVALID_FIELD, "price", "price is required for limit legs");
            }
            if (leg.ordType != OrdType.MARKET && leg.ordType != OrdType.LIMIT)
            {
                return out.fail(RejectReason.INVALID_FIELD, "type", "legs are market or limit orders");
            }
            leg.timeInForce = TimeInForce.DAY;
            ctx.resolveAliasInPlace(leg.symbol());
            if (out.pairEvent == PairEvent.EXIT)
            {
                // The leg describes the position: closing it trades the other way, reducing only.
                leg.action = leg.side == Side.SELL ? LegAction.CLOSE_SHORT : LegAction.CLOSE_LONG;
                leg.side = leg.side == Side.SELL ? Side.BUY : Side.SELL;
                leg.reduceOnly = true;
            }
            else
            {
                leg.action = LegAction.OPEN;
            }
        }
        out.buyLegsFirst();
        out.kind = out.pairEvent == PairEvent.ENTRY ? MessageKind.NEW_TRADE : MessageKind.MANAGEMENT;
        return true;
    }

    private boolean assign(final int field, final int token, final ParsedSignal out)
    {
        switch (field)
        {
            case F_ID:
                return JsonFields.identifier(json, token, out.id(), "id", out);
            case F_ACCOUNT:
                return JsonFields.identifier(json, token, out.account(), "account", out);
            case F_PAIR:
                return JsonFields.identifier(json, token, out.pairId(), "pair", out);
            case F_EXCHANGE:
                return JsonFields.identifier(json, token, exchange, "exchange", out);
            case F_PRODUCT:
                product = JsonFields.product(json, token);
                return product != null || out.fail(RejectReason.INVALID_FIELD, "product", "product must be MIS, NRML or CNC");
            case F_EVENT:
                if (token == JsonCursor.STRING && json.isIgnoreCase("entry"))
                {
                    out.pairEvent = PairEvent.ENTRY;
                    return true;
                }
                if (token == JsonCursor.STRING && json.isIgnoreCase("exit"))
                {
                    out.pairEvent = PairEvent.EXIT;
                    return true;
                }
                return out.fail(RejectReason.INVALID_FIELD, "event", "event must be ENTRY or EXIT");
            case F_LEGS:
                if (token != JsonCursor.ARRAY_START)
                {
                    return out.fail(RejectReason.INVALID_FIELD, "legs", "legs must be an array of two objects");
                }
                return legs(out);
            default:
                return true;
        }
    }

    private boolean legs(final ParsedSignal out)
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
                    out.fail(RejectReason.INVALID_FIELD, "legs", "legs must be an array of two objects");
            }
            if (out.legCount() >= 2)
            {
                return out.fail(RejectReason.INVALID_FIELD, "legs", "a hedge pair has exactly two legs");
            }
            final ParsedLeg leg = out.addLeg();
            legMembers.leg = leg;
            final int seen = JsonFields.members(json, out, legMembers);
            if (seen == JsonFields.FAILED)
            {
                return false;
            }
            if ((seen & F_SYMBOL) == 0)
            {
                return out.fail(RejectReason.INVALID_FIELD, "symbol", "every leg needs a symbol");
            }
            if ((seen & F_SIDE) == 0)
            {
                return out.fail(RejectReason.INVALID_FIELD, "side", "every leg needs a side (BUY or SELL)");
            }
            if (leg.quantity == Fixed.NULL || leg.quantity <= 0)
            {
                return out.fail(RejectReason.INVALID_FIELD, "qty", "every leg needs a quantity greater than zero");
            }
        }
    }

    private boolean assignLeg(final int field, final int token, final ParsedLeg leg, final ParsedSignal out)
    {
        switch (field)
        {
            case F_SYMBOL:
                return JsonFields.identifier(json, token, leg.symbol(), "symbol", out);
            case F_VENUE:
                return JsonFields.identifier(json, token, leg.venue(), "venue", out);
            case F_EXCHANGE:
                return JsonFields.identifier(json, token, leg.exchange(), "exchange", out);
            case F_PRODUCT:
                leg.product = JsonFields.product(json, token);
                return leg.product != null || out.fail(RejectReason.INVALID_FIELD, "product", "product must be MIS, NRML or CNC");
            case F_SIDE:
                leg.side = JsonFields.side(json, token);
                return leg.side != null || out.fail(RejectReason.INVALID_FIELD, "side", "side must be BUY or SELL");
            case F_QTY:
                leg.quantity = JsonFields.decimal(json, token, "qty", out);
                return leg.quantity != Fixed.PARSE_ERROR;
            case F_PRICE:
                leg.price = JsonFields.positive(json, token, "price", "price must be greater than zero", out);
                return leg.price != Fixed.PARSE_ERROR;
            case F_TYPE:
                leg.ordType = JsonFields.ordType(json, token);
                return leg.ordType != null || out.fail(RejectReason.INVALID_FIELD, "type", "type must be market or limit");
            default:
                return true;
        }
    }

    private int field()
    {
        switch (json.length())
        {
            case 2:
                return json.is("id") ? F_ID : 0;
            case 4:
                return json.is("pair") ? F_PAIR : json.is("legs") ? F_LEGS : 0;
            case 5:
                return json.is("event") ? F_EVENT : 0;
            case 7:
                return json.is("account") ? F_ACCOUNT : json.is("pair_id") ? F_PAIR : json.is("product") ? F_PRODUCT : 0;
            case 8:
                return json.is("exchange") ? F_EXCHANGE : 0;
            default:
                return 0;
        }
    }

    private int legField()
    {
        switch (json.length())
        {
            case 3:
                return json.is("qty") ? F_QTY : 0;
            case 4:
                return json.is("side") ? F_SIDE : json.is("type") ? F_TYPE : 0;
            case 5:
                return json.is("price") ? F_PRICE : json.is("venue") ? F_VENUE : 0;
            case 6:
                return json.is("symbol") ? F_SYMBOL : json.is("action") ? F_SIDE : 0;
            case 7:
                return json.is("product") ? F_PRODUCT : 0;
            case 8:
                return json.is("quantity") ? F_QTY : json.is("exchange") ? F_EXCHANGE : 0;
            case 9:
                return json.is("pricetype") ? F_TYPE : 0;
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
            case F_PAIR: return "pair";
            case F_EVENT: return "event";
            case F_EXCHANGE: return "exchange";
            case F_PRODUCT: return "product";
            default: return "legs";
        }
    }

    private static String legName(final int field)
    {
        switch (field)
        {
            case F_SYMBOL: return "symbol";
            case F_SIDE: return "side";
            case F_QTY: return "qty";
            case F_TYPE: return "type";
            case F_PRICE: return "price";
            case F_VENUE: return "venue";
            case F_EXCHANGE: return "exchange";
            default: return "product";
        }
    }
}
