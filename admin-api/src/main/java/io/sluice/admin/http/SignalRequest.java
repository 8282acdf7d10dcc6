package io.sluice.admin.http;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

/**
 * A canonical JSON signal that passed the edge checks. The engine parses the same bytes again; the API
 * checks them first so a malformed signal is refused with a 400 instead of being journaled and rejected.
 *
 * @param id          client id, or null.
 * @param account     account.
 * @param symbol      symbol.
 * @param side        side.
 * @param quantity    fixed-point quantity, greater than zero.
 * @param type        order type (MARKET when absent).
 * @param price       fixed-point limit price, or Fixed.NULL.
 * @param stopPrice   fixed-point stop price, or Fixed.NULL.
 * @param takeProfit  fixed-point take-profit, or Fixed.NULL.
 * @param stopLoss    fixed-point stop-loss, or Fixed.NULL.
 * @param venue       venue, or null.
 * @param timeInForce time in force, or null.
 */
public record SignalRequest(
    String id,
    String account,
    String symbol,
    Side side,
    long quantity,
    OrdType type,
    long price,
    long stopPrice,
    long takeProfit,
    long stopLoss,
    String venue,
    TimeInForce timeInForce)
{
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_ACCOUNT_LENGTH = 16;
    static final int MAX_SYMBOL_LENGTH = 32;
    static final int MAX_VENUE_LENGTH = 16;

    private static final Set<String> FIELDS = Set.of(
        "id", "account", "symbol", "side", "qty", "type", "price", "stopPrice", "tp", "sl", "venue", "tif",
        "reduceOnly", "positionSide", "product", "risk", "riskType");

    /**
     * Parse and validate a canonical JSON signal.
     *
     * @param body request bytes.
     * @return the signal.
     * @throws ApiException UNPARSEABLE or INVALID_FIELD naming the field.
     */
    public static SignalRequest parse(final byte[] body)
    {
        final Map<String, StrictJson.Member> members = StrictJson.parseObject(body);
        for (final String name : members.keySet())
        {
            if (!FIELDS.contains(name))
            {
                throw ApiException.invalidField(name, "unknown field '" + StrictJson.truncate(name) + "'");
            }
        }
        for (final StrictJson.Member member : members.values())
        {
            if (member.escaped())
            {
                // Names and values the engine reads byte for byte must be written plainly.
                throw ApiException.invalidField(member.name(), member.name() + " must be written without escape sequences");
            }
        }

        final String id = Fields.identifier(members.get("id"), "id", MAX_ID_LENGTH, false, false);
        final String account = Fields.identifier(members.get("account"), "account", MAX_ACCOUNT_LENGTH, true, true);
        final String symbol = Fields.identifier(members.get("symbol"), "symbol", MAX_SYMBOL_LENGTH, true, true);
        final Side side = side(members.get("side"));
        final long risk = Fields.positiveDecimal(members.get("risk"), "risk", false);
        // Without qty the engine sizes the order from risk and the stop-loss.
        final long quantity = Fields.positiveDecimal(members.get("qty"), "qty", risk == Fixed.NULL);
        oneOf(members.get("riskType"), "riskType", "riskType must be lots, money or percent", "lots", "money", "percent");
        oneOf(members.get("positionSide"), "positionSide", "positionSide must be both, long or short", "both", "long", "short");
        oneOf(members.get("product"), "product", "product must be mis, nrml or cnc", "mis", "nrml", "cnc");
        final StrictJson.Member reduceOnly = members.get("reduceOnly");
        if (reduceOnly != null && !"true".equals(reduceOnly.text()) && !"false".equals(reduceOnly.text()))
        {
            throw ApiException.invalidField("reduceOnly", "reduceOnly must be true or false");
        }
        final OrdType type = type(members.get("type"));
        final long price = Fields.positiveDecimal(members.get("price"), "price", false);
        final long stopPrice = Fields.positiveDecimal(members.get("stopPrice"), "stopPrice", false);
        final long takeProfit = Fields.positiveDecimal(members.get("tp"), "tp", false);
        final long stopLoss = Fields.positiveDecimal(members.get("sl"), "sl", false);
        final String venue = Fields.identifier(members.get("venue"), "venue", MAX_VENUE_LENGTH, true, false);
        final TimeInForce timeInForce = timeInForce(members.get("tif"));

        if ((type == OrdType.LIMIT || type == OrdType.STOP_LIMIT) && price == Fixed.NULL)
        {
            throw ApiException.invalidField("price", "price is required for limit and stop_limit orders");
        }
        if ((type == OrdType.STOP || type == OrdType.STOP_LIMIT) && stopPrice == Fixed.NULL)
        {
            throw ApiException.invalidField("stopPrice", "stopPrice is required for stop and stop_limit orders");
        }
        return new SignalRequest(
            id, account, symbol, side, quantity, type, price, stopPrice, takeProfit, stopLoss, venue, timeInForce);
    }

    private static void oneOf(final StrictJson.Member member, final String field, final String message, final String... allowed)
    {
        final String text = Fields.plainString(member, field, false, message);
        if (text == null)
        {
            return;
        }
        for (final String value : allowed)
        {
            if (value.equalsIgnoreCase(text))
            {
                return;
            }
        }
        throw ApiException.invalidField(field, message);
    }

    private static Side side(final StrictJson.Member member)
    {
        final String text = Fields.plainString(member, "side", true, "side must be buy or sell");
        if ("buy".equalsIgnoreCase(text))
        {
            return Side.BUY;
        }
        if ("sell".equalsIgnoreCase(text))
        {
            return Side.SELL;
        }
        throw ApiException.invalidField("side", "side must be buy or sell");
    }

    private static OrdType type(final StrictJson.Member member)
    {
        final String message = "type must be market, limit, stop or stop_limit";
        final String text = Fields.plainString(member, "type", false, message);
        if (text == null || "market".equalsIgnoreCase(text))
        {
            return OrdType.MARKET;
        }
        if ("limit".equalsIgnoreCase(text))
        {
            return OrdType.LIMIT;
        }
        if ("stop".equalsIgnoreCase(text))
        {
            return OrdType.STOP;
        }
        if ("stop_limit".equalsIgnoreCase(text))
        {
            return OrdType.STOP_LIMIT;
        }
        throw ApiException.invalidField("type", message);
    }

    private static TimeInForce timeInForce(final StrictJson.Member member)
    {
        final String message = "tif must be gtc, ioc, fok or day";
        final String text = Fields.plainString(member, "tif", false, message);
        if (text == null)
        {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT))
        {
            case "gtc":
                return TimeInForce.GTC;
            case "ioc":
                return TimeInForce.IOC;
            case "fok":
                return TimeInForce.FOK;
            case "day":
                return TimeInForce.DAY;
            default:
                throw ApiException.invalidField("tif", message);
        }
    }
}
