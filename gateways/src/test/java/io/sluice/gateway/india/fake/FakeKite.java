package io.sluice.gateway.india.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.india.Checksums;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A fake Kite Connect v3: {@code X-Kite-Version: 3} on every call, {@code Authorization: token api_key:access_token},
 * form-encoded bodies, the session checksum {@code sha256(api_key + request_token + api_secret)}, the documented order
 * fields and values, {@code {"status":"success","data":...}} answers and {@code error_type} errors, the gzipped instrument
 * dump, and postbacks with their checksum to a registered URL.
 */
public final class FakeKite extends FakeBroker
{
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9]{1,20}$");
    private static final Set<String> VARIETIES = Set.of("regular", "amo", "co", "iceberg", "auction");
    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "SL", "SL-M");
    private static final Set<String> PRODUCTS = Set.of("CNC", "NRML", "MIS", "MTF");

    private final String apiKey;
    private final String apiSecret;
    private final String master;
    private final List<String> postbackFailures = new CopyOnWriteArrayList<>();
    private final Set<String> usedRequestTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String accessToken = "kite-access-0";
    private volatile int tokenGeneration;
    private volatile String postbackUrl;
    private volatile boolean corruptPostbackChecksum;
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    /**
     * A fake Kite.
     *
     * @param apiKey      the app's api_key.
     * @param apiSecret   the app's api_secret.
     * @param epochMillis clock.
     */
    public FakeKite(final String apiKey, final String apiSecret, final LongSupplier epochMillis)
    {
        super("/instruments", resource("kite-instruments.csv"), epochMillis);
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.master = new String(instrumentBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The access token currently valid (to hand to the gateway as a supplied token).
     *
     * @return the token.
     */
    public String accessToken()
    {
        return accessToken;
    }

    /**
     * Send postbacks of every status change to a URL (the gateway's listener).
     *
     * @param url           postback URL.
     * @param corruptChecksum send a wrong checksum (the gateway must refuse it).
     */
    public void postbacksTo(final String url, final boolean corruptChecksum)
    {
        postbackUrl = url;
        corruptPostbackChecksum = corruptChecksum;
    }

    /**
     * HTTP statuses the gateway answered postbacks with, other than 200.
     *
     * @return descriptions.
     */
    public List<String> postbackFailures()
    {
        return List.copyOf(postbackFailures);
    }

    protected void route(final Request request) throws IOException
    {
        check("3".equals(request.header("X-Kite-Version")), "missing X-Kite-Version: 3 on " + request.method() + " " + request.path());
        final String path = request.path();
        if (request.method().equals("POST") && path.equals("/session/token"))
        {
            sessionToken(request);
            return;
        }
        if (!authorized(request))
        {
            return;
        }
        if (request.method().equals("POST") && path.startsWith("/orders/"))
        {
            place(request, path.substring("/orders/".length()));
        }
        else if (request.method().equals("PUT") && path.startsWith("/orders/"))
        {
            modify(request, path.substring("/orders/".length()).split("/"));
        }
        else if (request.method().equals("DELETE") && path.startsWith("/orders/"))
        {
            cancelOrder(request, path.substring("/orders/".length()).split("/"));
        }
        else if (request.method().equals("GET") && path.equals("/orders"))
        {
            final ArrayNode data = JSON.createArrayNode();
            for (final FakeOrder order : orders())
            {
                data.add(render(order));
            }
            success(request, data);
        }
        else if (request.method().equals("GET") && path.equals("/portfolio/positions"))
        {
            final ObjectNode data = object();
            data.putArray("net");
            data.putArray("day");
            success(request, data);
        }
        else if (request.method().equals("GET") && path.equals("/user/margins"))
        {
            final ObjectNode equity = object().put("enabled", true).put("net", new BigDecimal("99725.05"));
            equity.putObject("available").put("cash", new BigDecimal("100000")).put("live_balance", new BigDecimal("99725.05"));
            equity.putObject("utilised").put("debits", new BigDecimal("274.95"));
            final ObjectNode data = object();
            data.set("equity", equity);
            success(request, data);
        }
        else if (request.method().equals("GET") && path.equals("/quote/ltp"))
        {
            // Kite Connect v3 market quotes: GET /quote/ltp?i=EXCHANGE:TRADINGSYMBOL (repeated, up to 1000).
            final ObjectNode data = object();
            int count = 0;
            for (final String pair : (request.query == null ? "" : request.query).split("&"))
            {
                if (!pair.startsWith("i="))
                {
                    check(pair.isEmpty(), "unexpected LTP parameter " + pair);
                    continue;
                }
                count++;
                final String instrument = java.net.URLDecoder.decode(pair.substring(2), java.nio.charset.StandardCharsets.UTF_8);
                check(instrument.matches("[A-Z]+:[A-Z0-9&-]+"), "LTP instrument is not EXCHANGE:TRADINGSYMBOL: " + instrument);
                final BigDecimal last = instrumentLastPrice(instrument);
                if (last != null)
                {
                    data.set(instrument, object().put("instrument_token", token(instrument)).put("last_price", last));
                }
            }
            check(count > 0 && count <= 1000, "LTP of 1..1000 instruments, was " + count);
            success(request, data);
        }
        else if (request.method().equals("GET") && path.equals("/quote/ohlc"))
        {
            final String instrument = request.queryParameters().get("i");
            check("NSE:NIFTY 50".equals(instrument), "quote of an unexpected instrument " + instrument);
            final ObjectNode quote = object().put("instrument_token", 256265).put("last_price", new BigDecimal(lastPrice()));
            quote.putObject("ohlc").put("open", new BigDecimal(previousClose())).put("high", new BigDecimal(lastPrice()))
                .put("low", new BigDecimal(previousClose())).put("close", new BigDecimal(previousClose()));
            final ObjectNode data = object();
            data.set(instrument, quote);
            success(request, data);
        }
        else
        {
            violation("unknown Kite endpoint " + request.method() + " " + path);
            error(request, 404, "GeneralException", "Route not found");
        }
    }

    protected void serveInstruments(final Request request) throws IOException
    {
        // Kite serves the dump gzipped; OkHttp asks for gzip and inflates it transparently.
        final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped))
        {
            out.write(instrumentBytes());
        }
        final boolean acceptsGzip = request.header("Accept-Encoding") != null && request.header("Accept-Encoding").contains("gzip");
        request.respondBytes(200, "text/csv", acceptsGzip ? gzipped.toByteArray() : instrumentBytes(), acceptsGzip ? "gzip" : null);
    }

    protected void onOrderChanged(final FakeOrder order)
    {
        final String url = postbackUrl;
        if (url == null)
        {
            return;
        }
        final ObjectNode payload = render(order);
        final String timestamp = payload.path("order_timestamp").asText();
        payload.put("user_id", "AB1234").put("app_id", 1234).put("placed_by", "AB1234")
            .put("checksum", corruptPostbackChecksum ? "0".repeat(64) : Checksums.sha256Hex(order.id, timestamp, apiSecret));
        try
        {
            final HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload))).build(),
                HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200)
            {
                postbackFailures.add("postback of " + order.id + " answered " + response.statusCode());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void sessionToken(final Request request) throws IOException
    {
        check(isForm(request), "POST /session/token must be form-encoded, was " + request.header("Content-Type"));
        final Map<String, String> form = request.form();
        final String requestToken = form.getOrDefault("request_token", "");
        final String expected = Checksums.sha256Hex(apiKey, requestToken, apiSecret);
        if (!check(apiKey.equals(form.get("api_key")), "session api_key " + form.get("api_key")) ||
            !check(expected.equals(form.get("checksum")), "session checksum does not match sha256(api_key + request_token + api_secret)") ||
            !usedRequestTokens.add(requestToken) || !requestToken.startsWith("rt-"))
        {
            error(request, 403, "TokenException", "Token is invalid or has expired.");
            return;
        }
        tokenGeneration++;
        accessToken = "kite-access-" + tokenGeneration;
        renewSession();
        final ObjectNode data = object().put("user_id", "AB1234").put("user_name", "Fake Kite").put("access_token", accessToken)
            .put("refresh_token", "").put("api_key", apiKey).put("login_time", "2024-01-01 08:00:00");
        success(request, data);
    }

    private boolean authorized(final Request request) throws IOException
    {
        final String authorization = request.header("Authorization");
        if (isTokenExpired() || !("token " + apiKey + ":" + accessToken).equals(authorization))
        {
            error(request, 403, "TokenException", "Incorrect `api_key` or `access_token`.");
            return false;
        }
        return true;
    }

    private void place(final Request request, final String variety) throws IOException
    {
        final Fault fault = takePlaceFault();
        final Map<String, String> form = request.form();
        final String invalid = invalidOrder(request, form, variety);
        if (invalid != null)
        {
            violation("place: " + invalid);
            error(request, 400, "InputException", invalid);
            return;
        }
        if (fault == Fault.REJECT)
        {
            error(request, 400, "MarginException", rejectMessage());
            return;
        }
        final FakeOrder order = new FakeOrder(newOrderId("2401010"), form.get("tag"), form.get("tradingsymbol"), "",
            form.get("exchange"), form.get("transaction_type"), form.get("product"), variety, form.get("order_type"),
            form.get("validity"), Long.parseLong(form.get("quantity")), decimal(form.get("price")), decimal(form.get("trigger_price")));
        if (book(request, order, fault))
        {
            return;
        }
        success(request, object().put("order_id", order.id));
    }

    private String invalidOrder(final Request request, final Map<String, String> form, final String variety)
    {
        if (!isForm(request))
        {
            return "orders must be form-encoded, was " + request.header("Content-Type");
        }
        if (!VARIETIES.contains(variety))
        {
            return "unknown variety " + variety;
        }
        final String symbol = form.get("tradingsymbol");
        if (symbol == null || !master.contains("," + symbol + ","))
        {
            return "tradingsymbol " + symbol + " is not in the instrument dump";
        }
        if (!"NFO".equals(form.get("exchange")) && !"NSE".equals(form.get("exchange")))
        {
            return "exchange " + form.get("exchange");
        }
        if (!"BUY".equals(form.get("transaction_type")) && !"SELL".equals(form.get("transaction_type")))
        {
            return "transaction_type " + form.get("transaction_type");
        }
        final String orderType = form.get("order_type");
        if (!ORDER_TYPES.contains(orderType))
        {
            return "order_type " + orderType;
        }
        if (!PRODUCTS.contains(form.get("product")))
        {
            return "product " + form.get("product");
        }
        if (!Set.of("DAY", "IOC", "TTL").contains(form.get("validity")))
        {
            return "validity " + form.get("validity");
        }
        if (form.get("quantity") == null || !form.get("quantity").matches("[1-9][0-9]*"))
        {
            return "quantity " + form.get("quantity");
        }
        final boolean hasPrice = "LIMIT".equals(orderType) || "SL".equals(orderType);
        if (hasPrice != form.containsKey("price"))
        {
            return "price must be sent exactly for LIMIT and SL orders";
        }
        final boolean hasTrigger = "SL".equals(orderType) || "SL-M".equals(orderType);
        if (hasTrigger != form.containsKey("trigger_price"))
        {
            return "trigger_price must be sent exactly for SL and SL-M orders";
        }
        if (form.get("tag") == null || !TAG.matcher(form.get("tag")).matches())
        {
            return "tag must be 1-20 alphanumerics, was " + form.get("tag");
        }
        return null;
    }

    private void modify(final Request request, final String[] parts) throws IOException
    {
        final FakeOrder order = parts.length == 2 ? byId(parts[1]) : null;
        check(isForm(request), "modify must be form-encoded");
        if (order == null || !order.variety.equals(parts[0]))
        {
            error(request, 400, "InputException", "Invalid order_id or variety");
            return;
        }
        final Map<String, String> form = request.form();
        synchronized (orders)
        {
            if (order.status != FakeOrder.Status.OPEN)
            {
                error(request, 400, "OrderException", "Order cannot be modified as it is " + order.status);
                return;
            }
            order.quantity = Long.parseLong(form.getOrDefault("quantity", Long.toString(order.quantity)));
            order.price = form.containsKey("price") ? new BigDecimal(form.get("price")) : order.price;
            order.trigger = form.containsKey("trigger_price") ? new BigDecimal(form.get("trigger_price")) : order.trigger;
            order.orderType = form.getOrDefault("order_type", order.orderType);
            order.modifications++;
        }
        success(request, object().put("order_id", order.id));
    }

    private void cancelOrder(final Request request, final String[] parts) throws IOException
    {
        final FakeOrder order = parts.length == 2 ? byId(parts[1]) : null;
        if (order == null || !order.variety.equals(parts[0]))
        {
            error(request, 400, "InputException", "Invalid order_id or variety");
            return;
        }
        final String refused = cancel(order);
        if (refused != null)
        {
            error(request, 400, "OrderException", "Order cannot be cancelled: " + refused);
            return;
        }
        success(request, object().put("order_id", order.id));
    }

    protected String ltpPath()
    {
        return "/quote/ltp";
    }

    // The master's instrument_token of EXCHANGE:TRADINGSYMBOL, 0 when not listed.
    private long token(final String instrument)
    {
        final String text = new String(instrumentBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (final String line : text.split("\n"))
        {
            final String[] columns = line.split(",");
            if (columns.length > 11 && instrument.equals(columns[11].trim() + ":" + columns[2]))
            {
                return Long.parseLong(columns[0]);
            }
        }
        return 0;
    }

    private ObjectNode render(final FakeOrder order)
    {
        synchronized (orders)
        {
            final String status;
            switch (order.status)
            {
                case COMPLETE:
                    status = "COMPLETE";
                    break;
                case CANCELLED:
                    status = "CANCELLED";
                    break;
                case REJECTED:
                    status = "REJECTED";
                    break;
                default:
                    status = "OPEN";
                    break;
            }
            return object()
                .put("order_id", order.id)
                .put("exchange_order_id", "1000" + order.id)
                .put("status", status)
                .put("status_message", order.message.isEmpty() ? null : order.message)
                .put("order_timestamp", "2024-01-01 09:15:00")
                .put("variety", order.variety)
                .put("exchange", order.exchange)
                .put("tradingsymbol", order.symbol)
                .put("instrument_token", 0)
                .put("order_type", order.orderType)
                .put("transaction_type", order.side)
                .put("validity", order.validity)
                .put("product", order.product)
                .put("quantity", order.quantity)
                .put("price", order.price)
                .put("trigger_price", order.trigger)
                .put("average_price", order.averagePrice)
                .put("filled_quantity", order.filled)
                .put("pending_quantity", order.pending())
                .put("tag", order.tag);
        }
    }

    private static boolean isForm(final Request request)
    {
        final String type = request.header("Content-Type");
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static BigDecimal decimal(final String text)
    {
        return text == null ? BigDecimal.ZERO : new BigDecimal(text);
    }

    private static void success(final Request request, final Object data) throws IOException
    {
        final ObjectNode body = object().put("status", "success");
        body.set("data", JSON.valueToTree(data));
        request.respond(200, body);
    }

    private static void error(final Request request, final int status, final String type, final String message) throws IOException
    {
        request.respond(status, object().put("status", "error").put("message", message).putNull("data").put("error_type", type));
    }
}
