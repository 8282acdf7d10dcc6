package io.sluice.gateway.india.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

/**
 * A fake Upstox API v2: {@code Authorization: Bearer}, {@code Accept: application/json} and {@code Api-Version: 2.0} on
 * every call, the OAuth code exchange (form-encoded, grant_type authorization_code), JSON orders keyed by
 * {@code instrument_token}, {@code {"status":"success","data":...}} answers, UDAPI100050 with HTTP 401 for an invalid
 * token, and {@code complete.json.gz} served as a gzip file.
 */
public final class FakeUpstox extends FakeBroker
{
    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "SL", "SL-M");

    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String master;
    private volatile String accessToken = "";
    private volatile int generation;

    /**
     * A fake Upstox.
     *
     * @param clientId     the app's API key.
     * @param clientSecret the app's secret.
     * @param redirectUri  the app's redirect URI.
     * @param epochMillis  clock.
     */
    public FakeUpstox(final String clientId, final String clientSecret, final String redirectUri, final LongSupplier epochMillis)
    {
        super("/complete.json.gz", resource("upstox-complete.json.gz"), epochMillis);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(instrumentBytes())))
        {
            this.master = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    protected void route(final Request request) throws IOException
    {
        final String where = request.method() + " " + request.path();
        check("application/json".equals(request.header("Accept")), "Accept must be application/json on " + where);
        check("2.0".equals(request.header("Api-Version")), "Api-Version must be 2.0 on " + where);
        if (request.path().equals("/v2/login/authorization/token"))
        {
            token(request);
            return;
        }
        if (isTokenExpired() || accessToken.isEmpty() || !("Bearer " + accessToken).equals(request.header("Authorization")))
        {
            error(request, 401, "UDAPI100050", "Invalid token used to access API");
            return;
        }
        switch (where)
        {
            case "POST /v2/order/place":
                place(request);
                break;
            case "PUT /v2/order/modify":
                modify(request);
                break;
            case "DELETE /v2/order/cancel":
            {
                final FakeOrder order = byId(request.queryParameters().getOrDefault("order_id", ""));
                final String refused = order == null ? "no such order" : cancel(order);
                if (refused != null)
                {
                    error(request, 400, "UDAPI100040", refused);
                    return;
                }
                success(request, object().put("order_id", order.id));
                break;
            }
            case "GET /v2/order/retrieve-all":
            {
                final ArrayNode data = JSON.createArrayNode();
                for (final FakeOrder order : orders())
                {
                    data.add(render(order));
                }
                success(request, data);
                break;
            }
            case "GET /v2/portfolio/short-term-positions":
                success(request, JSON.createArrayNode());
                break;
            case "GET /v2/user/get-funds-and-margin":
            {
                check("SEC".equals(request.queryParameters().get("segment")), "funds segment");
                final ObjectNode data = object();
                data.putObject("equity").put("used_margin", new BigDecimal("2500.5")).put("payin_amount", 0).put("span_margin", 0)
                    .put("adhoc_margin", 0).put("notional_cash", 0).put("available_margin", new BigDecimal("47500.25")).put("exposure_margin", 0);
                success(request, data);
                break;
            }
            case "GET /v2/market-quote/ltp":
            {
                // Market quote LTP: instrument_key is a comma-separated list of up to 500 keys; the answer is keyed by
                // segment:symbol and names each instrument's key in instrument_token.
                final String keys = request.queryParameters().getOrDefault("instrument_key", "");
                final String[] split = keys.isEmpty() ? new String[0] : keys.split(",");
                check(split.length > 0 && split.length <= 500, "LTP of 1..500 instrument keys, was " + split.length);
                final ObjectNode data = object();
                for (final String key : split)
                {
                    check(key.matches("[A-Z_]+\\|.+"), "not an instrument key: " + key);
                    final BigDecimal last = instrumentLastPrice(key);
                    if (last != null)
                    {
                        data.set(key.replace('|', ':'), object().put("last_price", last).put("instrument_token", key));
                    }
                }
                success(request, data);
                break;
            }
            case "GET /v2/market-quote/quotes":
            {
                check("NSE_INDEX|Nifty 50".equals(request.queryParameters().get("instrument_key")), "quote of NSE_INDEX|Nifty 50");
                final BigDecimal last = new BigDecimal(lastPrice());
                final ObjectNode quote = object().put("instrument_token", "NSE_INDEX|Nifty 50").put("symbol", "NIFTY")
                    .put("last_price", last).put("net_change", last.subtract(new BigDecimal(previousClose())));
                quote.putObject("ohlc").put("open", new BigDecimal(previousClose())).put("high", last).put("low", last).put("close", last);
                final ObjectNode data = object();
                data.set("NSE_INDEX:Nifty 50", quote);
                success(request, data);
                break;
            }
            default:
                violation("unknown Upstox endpoint " + where);
                error(request, 404, "UDAPI100060", "Resource not Found.");
                break;
        }
    }

    private void token(final Request request) throws IOException
    {
        final String type = request.header("Content-Type");
        check(type != null && type.startsWith("application/x-www-form-urlencoded"), "token request must be form-encoded");
        final Map<String, String> form = request.form();
        if (!check("authorization_code".equals(form.get("grant_type")), "grant_type must be authorization_code") ||
            !check(clientId.equals(form.get("client_id")), "client_id") ||
            !check(clientSecret.equals(form.get("client_secret")), "client_secret") ||
            !check(redirectUri.equals(form.get("redirect_uri")), "redirect_uri") ||
            !form.getOrDefault("code", "").startsWith("code-"))
        {
            error(request, 400, "UDAPI100057", "Invalid Auth code");
            return;
        }
        generation++;
        accessToken = "upstox-access-" + generation;
        renewSession();
        request.respond(200, object().put("email", "trader@example.com").put("user_id", "AB1234").put("user_name", "Fake Upstox")
            .put("broker", "UPSTOX").put("is_active", true).put("access_token", accessToken));
    }

    private void place(final Request request) throws IOException
    {
        final Fault fault = takePlaceFault();
        final JsonNode body = request.json();
        final String invalid = invalidOrder(request, body);
        if (invalid != null)
        {
            violation("place: " + invalid);
            error(request, 400, "UDAPI1004", invalid);
            return;
        }
        if (fault == Fault.REJECT)
        {
            error(request, 400, "UDAPI100049", rejectMessage());
            return;
        }
        final String token = body.path("instrument_token").asText();
        final FakeOrder order = new FakeOrder(newOrderId("2401011"), body.path("tag").asText(), symbolOf(token), token, "NSE_FO",
            body.path("transaction_type").asText(), body.path("product").asText(), "", body.path("order_type").asText(),
            body.path("validity").asText(), body.path("quantity").asLong(), body.path("price").decimalValue(),
            body.path("trigger_price").decimalValue());
        if (book(request, order, fault))
        {
            return;
        }
        success(request, object().put("order_id", order.id));
    }

    private String invalidOrder(final Request request, final JsonNode body)
    {
        final String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json"))
        {
            return "orders must be JSON";
        }
        if (!body.path("quantity").isIntegralNumber() || body.path("quantity").asLong() <= 0)
        {
            return "quantity must be a positive integer";
        }
        if (!Set.of("I", "D", "MTF").contains(body.path("product").asText()) || !Set.of("DAY", "IOC").contains(body.path("validity").asText()))
        {
            return "product or validity";
        }
        if (!body.path("price").isNumber() || !body.path("trigger_price").isNumber() || !body.path("disclosed_quantity").isNumber())
        {
            return "price, trigger_price and disclosed_quantity must be numbers";
        }
        if (!ORDER_TYPES.contains(body.path("order_type").asText()) || !Set.of("BUY", "SELL").contains(body.path("transaction_type").asText()))
        {
            return "order_type or transaction_type";
        }
        if (!body.path("is_amo").isBoolean())
        {
            return "is_amo must be a boolean";
        }
        final String token = body.path("instrument_token").asText();
        if (!master.contains("\"instrument_key\": \"" + token + "\""))
        {
            return "instrument_token " + token + " is not in the instruments file";
        }
        if (body.path("tag").asText("").isEmpty())
        {
            return "tag missing";
        }
        return null;
    }

    private void modify(final Request request) throws IOException
    {
        final JsonNode body = request.json();
        final FakeOrder order = byId(body.path("order_id").asText());
        if (order == null || order.status != FakeOrder.Status.OPEN)
        {
            error(request, 400, "UDAPI100040", "order not open");
            return;
        }
        synchronized (orders)
        {
            order.quantity = body.path("quantity").asLong();
            order.price = body.path("price").decimalValue();
            order.modifications++;
        }
        success(request, object().put("order_id", order.id));
    }

    private String symbolOf(final String token)
    {
        final int key = master.indexOf("\"instrument_key\": \"" + token + "\"");
        final int symbol = master.indexOf("\"trading_symbol\": \"", key) + "\"trading_symbol\": \"".length();
        return master.substring(symbol, master.indexOf('"', symbol));
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
                    status = "open";
                    break;
            }
            return object()
                .put("exchange", "NFO")
                .put("product", order.product)
                .put("price", order.price)
                .put("quantity", order.quantity)
                .put("status", status)
                .put("tag", order.tag)
                .put("instrument_token", order.token)
                .put("placed_by", "AB1234")
                .put("trading_symbol", order.symbol)
                .put("tradingsymbol", order.symbol)
                .put("order_type", order.orderType)
                .put("validity", order.validity)
                .put("trigger_price", order.trigger)
                .put("disclosed_quantity", 0)
                .put("transaction_type", order.side)
                .put("average_price", order.averagePrice)
                .put("filled_quantity", order.filled)
                .put("pending_quantity", order.pending())
                .put("status_message", order.message.isEmpty() ? null : order.message)
                .put("order_id", order.id)
                .put("variety", "SIMPLE")
                .put("order_timestamp", "2024-01-01 09:15:00")
                .put("is_amo", false);
        }
    }

    private static void success(final Request request, final JsonNode data) throws IOException
    {
        final ObjectNode body = object().put("status", "success");
        body.set("data", data);
        request.respond(200, body);
    }

    private static void error(final Request request, final int status, final String code, final String message) throws IOException
    {
        final ObjectNode body = object().put("status", "error");
        body.putArray("errors").addObject().put("errorCode", code).put("message", message).putNull("propertyPath")
            .putNull("invalidValue").put("error_code", code).putNull("property_path").putNull("invalid_value");
        request.respond(status, body);
    }

    protected String ltpPath()
    {
        return "/v2/market-quote/ltp";
    }
}
