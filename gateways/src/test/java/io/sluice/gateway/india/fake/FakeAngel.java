package io.sluice.gateway.india.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.india.Totp;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A fake Angel One SmartAPI: JSON bodies with every field a string, the SmartAPI headers (X-PrivateKey, X-UserType,
 * X-SourceID, client IPs and MAC), password + TOTP login checked against RFC 6238 at the fake's clock, JWT and refresh
 * token, {@code {"status":true,"message","errorcode","data"}} answers, AG8001 for an invalid or expired JWT, the scrip
 * master JSON.
 */
public final class FakeAngel extends FakeBroker
{
    private static final Set<String> VARIETIES = Set.of("NORMAL", "STOPLOSS", "AMO", "ROBO");
    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "STOPLOSS_LIMIT", "STOPLOSS_MARKET");
    private static final Set<String> PRODUCTS = Set.of("DELIVERY", "CARRYFORWARD", "MARGIN", "INTRADAY", "BO");

    private final String apiKey;
    private final String clientCode;
    private final String password;
    private final String totpSecret;
    private final String master;
    private volatile int generation;
    private volatile String jwt = "";
    private volatile String refreshToken = "";
    private volatile boolean refuseLogins;
    private volatile int logins;
    private volatile int refreshes;

    /**
     * A fake Angel.
     *
     * @param apiKey      SmartAPI key.
     * @param clientCode  client code.
     * @param password    PIN.
     * @param totpSecret  base32 TOTP secret.
     * @param epochMillis clock of the TOTP check.
     */
    public FakeAngel(
        final String apiKey, final String clientCode, final String password, final String totpSecret, final LongSupplier epochMillis)
    {
        super("/OpenAPIScripMaster.json", resource("angel-scrip-master.json"), epochMillis);
        this.apiKey = apiKey;
        this.clientCode = clientCode;
        this.password = password;
        this.totpSecret = totpSecret;
        this.master = new String(instrumentBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Refuse every login from now on (a changed PIN).
     */
    public void refuseLogins()
    {
        refuseLogins = true;
    }

    /**
     * Successful password logins.
     *
     * @return count.
     */
    public int logins()
    {
        return logins;
    }

    /**
     * Successful refreshes.
     *
     * @return count.
     */
    public int refreshes()
    {
        return refreshes;
    }

    protected void route(final Request request) throws IOException
    {
        checkHeaders(request);
        final String path = request.path();
        if (path.equals("/rest/auth/angelbroking/user/v1/loginByPassword"))
        {
            login(request);
            return;
        }
        if (path.equals("/rest/auth/angelbroking/jwt/v1/generateTokens"))
        {
            refresh(request);
            return;
        }
        if (!authorized(request))
        {
            return;
        }
        switch (request.method() + " " + path)
        {
            case "POST /rest/secure/angelbroking/order/v1/placeOrder":
                place(request);
                break;
            case "POST /rest/secure/angelbroking/order/v1/modifyOrder":
                modify(request);
                break;
            case "POST /rest/secure/angelbroking/order/v1/cancelOrder":
                cancelOrder(request);
                break;
            case "GET /rest/secure/angelbroking/order/v1/getOrderBook":
            {
                final ArrayNode data = JSON.createArrayNode();
                for (final FakeOrder order : orders())
                {
                    data.add(render(order));
                }
                success(request, data.isEmpty() ? null : data);
                break;
            }
            case "GET /rest/secure/angelbroking/order/v1/getPosition":
                success(request, null);
                break;
            case "GET /rest/secure/angelbroking/user/v1/getRMS":
                success(request, object().put("net", "150000.00").put("availablecash", "160000.00").put("utiliseddebits", "10000.00")
                    .put("availableintradaypayin", "0").put("m2mrealized", "0").put("m2munrealized", "0"));
                break;
            case "POST /rest/secure/angelbroking/market/v1/quote":
                quote(request);
                break;
            default:
                violation("unknown Angel endpoint " + request.method() + " " + path);
                request.respond(404, "{}");
                break;
        }
    }

    private void checkHeaders(final Request request)
    {
        final String where = request.method() + " " + request.path();
        check("application/json".equals(request.header("Accept")), "Accept must be application/json on " + where);
        check("USER".equals(request.header("X-UserType")), "X-UserType must be USER on " + where);
        check("WEB".equals(request.header("X-SourceID")), "X-SourceID must be WEB on " + where);
        check(request.header("X-ClientLocalIP") != null, "X-ClientLocalIP missing on " + where);
        check(request.header("X-ClientPublicIP") != null, "X-ClientPublicIP missing on " + where);
        check(request.header("X-MACAddress") != null, "X-MACAddress missing on " + where);
        check(apiKey.equals(request.header("X-PrivateKey")), "X-PrivateKey must be the API key on " + where);
        if (request.method().equals("POST"))
        {
            final String type = request.header("Content-Type");
            check(type != null && type.startsWith("application/json"), "POST bodies must be JSON on " + where);
            check(!request.json().isMissingNode(), "body is not JSON on " + where);
        }
    }

    private void login(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        final long seconds = TimeUnit.MILLISECONDS.toSeconds(epochMillis.getAsLong());
        final String totp = body.path("totp").asText();
        // Servers accept the neighbouring 30 s steps for clock skew, as authenticator verifiers do.
        final boolean totpValid = totp.equals(Totp.code(totpSecret, seconds)) || totp.equals(Totp.code(totpSecret, seconds - 30)) ||
            totp.equals(Totp.code(totpSecret, seconds + 30));
        check(totp.matches("[0-9]{6}"), "totp must be six digits, was " + totp);
        if (refuseLogins || !clientCode.equals(body.path("clientcode").asText()) || !password.equals(body.path("password").asText()) ||
            !totpValid)
        {
            if (!refuseLogins)
            {
                violation("login refused: clientcode, password or TOTP wrong");
            }
            request.respond(200, object().put("status", false).put("message", "Invalid totp").put("errorcode", "AB1050").putNull("data"));
            return;
        }
        logins++;
        issueTokens(request);
    }

    private void refresh(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        if (refuseLogins || !refreshToken.equals(body.path("refreshToken").asText()) ||
            !("Bearer " + jwt).equals(request.header("Authorization")))
        {
            request.respond(200, object().put("status", false).put("message", "Invalid refresh token").put("errorcode", "AG8004")
                .putNull("data"));
            return;
        }
        refreshes++;
        issueTokens(request);
    }

    private void issueTokens(final Request request) throws IOException
    {
        generation++;
        jwt = "eyJhbGciOiJIUzUxMiJ9.angel." + generation;
        refreshToken = "refresh." + generation;
        renewSession();
        success(request, object().put("jwtToken", jwt).put("refreshToken", refreshToken).put("feedToken", "feed." + generation));
    }

    private boolean authorized(final Request request) throws IOException
    {
        if (isTokenExpired() || jwt.isEmpty() || !("Bearer " + jwt).equals(request.header("Authorization")))
        {
            // The spelling Angel uses on its gateway's token errors (camel case, "success").
            request.respond(403, object().put("success", false).put("message", "Invalid Token").put("errorCode", "AG8001").put("data", ""));
            return false;
        }
        return true;
    }

    private void place(final Request request) throws IOException
    {
        final Fault fault = takePlaceFault();
        final JsonNode body = request.json();
        final String invalid = invalidOrder(body);
        if (invalid != null)
        {
            violation("placeOrder: " + invalid);
            request.respond(200, object().put("status", false).put("message", invalid).put("errorcode", "AB1018").putNull("data"));
            return;
        }
        if (fault == Fault.REJECT)
        {
            request.respond(200, object().put("status", false).put("message", rejectMessage()).put("errorcode", "AB4036").putNull("data"));
            return;
        }
        final FakeOrder order = new FakeOrder(newOrderId("2401"), body.path("ordertag").asText(), body.path("tradingsymbol").asText(),
            body.path("symboltoken").asText(), body.path("exchange").asText(), body.path("transactiontype").asText(),
            body.path("producttype").asText(), body.path("variety").asText(), body.path("ordertype").asText(),
            body.path("duration").asText(), Long.parseLong(body.path("quantity").asText()), new BigDecimal(body.path("price").asText()),
            new BigDecimal(body.path("triggerprice").asText("0")));
        if (book(request, order, fault))
        {
            return;
        }
        success(request, object().put("script", order.symbol).put("orderid", order.id).put("uniqueorderid", "u-" + order.id));
    }

    private String invalidOrder(final JsonNode body)
    {
        for (final String field : new String[]{"variety", "tradingsymbol", "symboltoken", "transactiontype", "exchange", "ordertype",
            "producttype", "duration", "price", "quantity"})
        {
            if (!body.path(field).isTextual())
            {
                return field + " must be a string";
            }
        }
        final String variety = body.path("variety").asText();
        final String orderType = body.path("ordertype").asText();
        if (!VARIETIES.contains(variety) || !ORDER_TYPES.contains(orderType) || !PRODUCTS.contains(body.path("producttype").asText()))
        {
            return "variety " + variety + ", ordertype " + orderType + " or producttype " + body.path("producttype").asText();
        }
        if (orderType.startsWith("STOPLOSS") != "STOPLOSS".equals(variety))
        {
            return "stop-loss orders go with variety STOPLOSS";
        }
        final String symbol = body.path("tradingsymbol").asText();
        final String token = body.path("symboltoken").asText();
        if (!master.contains("\"token\": \"" + token + "\",\n  \"symbol\": \"" + symbol + "\""))
        {
            return "tradingsymbol " + symbol + " and symboltoken " + token + " do not match the scrip master";
        }
        if (!Set.of("BUY", "SELL").contains(body.path("transactiontype").asText()) || !Set.of("DAY", "IOC").contains(body.path("duration").asText()))
        {
            return "transactiontype or duration";
        }
        if (!body.path("quantity").asText().matches("[1-9][0-9]*"))
        {
            return "quantity " + body.path("quantity").asText();
        }
        final String tag = body.path("ordertag").asText("");
        if (tag.isEmpty() || tag.length() > 20)
        {
            return "ordertag must be 1-20 characters";
        }
        return null;
    }

    private void modify(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        final FakeOrder order = byId(body.path("orderid").asText());
        if (order == null || order.status != FakeOrder.Status.OPEN)
        {
            request.respond(200, object().put("status", false).put("message", "Order not open").put("errorcode", "AB2001").putNull("data"));
            return;
        }
        synchronized (orders)
        {
            order.quantity = Long.parseLong(body.path("quantity").asText());
            order.price = new BigDecimal(body.path("price").asText());
            order.modifications++;
        }
        success(request, object().put("orderid", order.id));
    }

    private void cancelOrder(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        final FakeOrder order = byId(body.path("orderid").asText());
        check(order == null || order.variety.equals(body.path("variety").asText()), "cancel with another variety than the order's");
        final String refused = order == null ? "no such order" : cancel(order);
        if (refused != null)
        {
            request.respond(200, object().put("status", false).put("message", refused).put("errorcode", "AB2002").putNull("data"));
            return;
        }
        success(request, object().put("orderid", order.id));
    }

    protected String ltpPath()
    {
        return "/rest/secure/angelbroking/market/v1/quote";
    }

    private void quote(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        if ("LTP".equals(body.path("mode").asText()))
        {
            ltp(request, body);
            return;
        }
        check("OHLC".equals(body.path("mode").asText()), "quote mode");
        check("99926000".equals(body.path("exchangeTokens").path("NSE").path(0).asText()), "quote of NIFTY's token 99926000");
        final ObjectNode data = object();
        data.putArray("fetched").addObject().put("exchange", "NSE").put("tradingSymbol", "Nifty 50").put("symbolToken", "99926000")
            .put("ltp", new BigDecimal(lastPrice())).put("open", new BigDecimal(previousClose()))
            .put("high", new BigDecimal(lastPrice())).put("low", new BigDecimal(previousClose())).put("close", new BigDecimal(previousClose()));
        data.putArray("unfetched");
        success(request, data);
    }

    // Live market data API, LTP mode: up to 50 tokens per request across exchanges.
    private void ltp(final Request request, final JsonNode body) throws IOException
    {
        final ObjectNode data = object();
        final com.fasterxml.jackson.databind.node.ArrayNode fetched = data.putArray("fetched");
        final com.fasterxml.jackson.databind.node.ArrayNode unfetched = data.putArray("unfetched");
        int count = 0;
        final java.util.Iterator<java.util.Map.Entry<String, JsonNode>> exchanges = body.path("exchangeTokens").fields();
        while (exchanges.hasNext())
        {
            final java.util.Map.Entry<String, JsonNode> exchange = exchanges.next();
            check(exchange.getValue().isArray(), "exchangeTokens." + exchange.getKey() + " is not an array");
            for (final JsonNode token : exchange.getValue())
            {
                count++;
                check(token.isTextual() && token.asText().matches("[0-9]+"), "symbol token is not a numeric string: " + token);
                final BigDecimal last = instrumentLastPrice(token.asText());
                if (last == null)
                {
                    unfetched.addObject().put("exchange", exchange.getKey()).put("symbolToken", token.asText())
                        .put("message", "Invalid Token").put("errorCode", "AB4013");
                }
                else
                {
                    fetched.addObject().put("exchange", exchange.getKey()).put("tradingSymbol", "").put("symbolToken", token.asText())
                        .put("ltp", last);
                }
            }
        }
        check(count > 0 && count <= 50, "LTP of 1..50 symbols, was " + count);
        success(request, data);
    }

    private ObjectNode render(final FakeOrder order)
    {
        synchronized (orders)
        {
            final String status;
            switch (order.status)
            {
                case COMPLETE:
                    status = "complete";
                    break;
                case CANCELLED:
                    status = "cancelled";
                    break;
                case REJECTED:
                    status = "rejected";
                    break;
                default:
                    status = order.orderType.startsWith("STOPLOSS") ? "trigger pending" : "open";
                    break;
            }
            return object()
                .put("variety", order.variety)
                .put("ordertype", order.orderType)
                .put("producttype", order.product)
                .put("duration", order.validity)
                .put("price", order.price.toPlainString())
                .put("triggerprice", order.trigger.toPlainString())
                .put("quantity", Long.toString(order.quantity))
                .put("tradingsymbol", order.symbol)
                .put("symboltoken", order.token)
                .put("transactiontype", order.side)
                .put("exchange", order.exchange)
                .put("ordertag", order.tag)
                .put("averageprice", order.averagePrice.toPlainString())
                .put("filledshares", Long.toString(order.filled))
                .put("unfilledshares", Long.toString(order.pending()))
                .put("orderid", order.id)
                .put("text", order.message)
                .put("status", status)
                .put("orderstatus", status)
                .put("updatetime", "01-Jan-2024 09:15:00");
        }
    }

    private static void success(final Request request, final JsonNode data) throws IOException
    {
        final ObjectNode body = object().put("status", true).put("message", "SUCCESS").put("errorcode", "");
        if (data == null)
        {
            body.putNull("data");
        }
        else
        {
            body.set("data", data);
        }
        request.respond(200, body);
    }
}
