package io.sluice.gateway.india.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A fake Dhan API v2: {@code access-token} and {@code client-id} headers, JSON orders with {@code dhanClientId},
 * {@code securityId}/{@code exchangeSegment} from the scrip master and {@code correlationId}, the lookup
 * {@code GET /v2/orders/external/{correlationId}}, plain JSON answers and {@code {"errorType","errorCode","errorMessage"}}
 * errors (DH-901 for an invalid or expired token), the compact scrip master CSV.
 */
public final class FakeDhan extends FakeBroker
{
    private static final Pattern CORRELATION_ID = Pattern.compile("^[A-Za-z0-9 _-]{1,25}$");
    private static final Set<String> ORDER_TYPES = Set.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_MARKET");
    private static final Set<String> PRODUCTS = Set.of("CNC", "INTRADAY", "MARGIN", "MTF", "CO", "BO");

    private final String clientId;
    private final String master;
    private volatile String accessToken;

    /**
     * A fake Dhan.
     *
     * @param clientId    dhanClientId.
     * @param accessToken the valid access token.
     * @param epochMillis clock.
     */
    public FakeDhan(final String clientId, final String accessToken, final LongSupplier epochMillis)
    {
        super("/api-scrip-master.csv", resource("dhan-scrip-master.csv"), epochMillis);
        this.clientId = clientId;
        this.accessToken = accessToken;
        this.master = new String(instrumentBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The account holder generated a new token on Dhan's web console.
     *
     * @param token the new token.
     */
    public void issueToken(final String token)
    {
        accessToken = token;
        renewSession();
    }

    protected void route(final Request request) throws IOException
    {
        final String where = request.method() + " " + request.path();
        check(clientId.equals(request.header("client-id")), "client-id header must be the client id on " + where);
        if (request.method().equals("POST") || request.method().equals("PUT"))
        {
            final String type = request.header("Content-Type");
            check(type != null && type.startsWith("application/json"), "bodies must be JSON on " + where);
        }
        if (isTokenExpired() || !accessToken.equals(request.header("access-token")))
        {
            error(request, 401, "Invalid_Authentication", "DH-901", "Client ID or user generated access token is invalid or expired.");
            return;
        }
        final String path = request.path();
        if (where.equals("POST /v2/orders"))
        {
            place(request);
        }
        else if (where.equals("GET /v2/orders"))
        {
            final ArrayNode rows = JSON.createArrayNode();
            for (final FakeOrder order : orders())
            {
                rows.add(render(order));
            }
            request.respond(200, rows);
        }
        else if (request.method().equals("GET") && path.startsWith("/v2/orders/external/"))
        {
            final String correlationId = path.substring("/v2/orders/external/".length());
            for (final FakeOrder order : orders())
            {
                if (order.tag.equals(correlationId))
                {
                    request.respond(200, render(order));
                    return;
                }
            }
            error(request, 404, "Input_Exception", "DH-905", "No order found for the correlation id");
        }
        else if (request.method().equals("DELETE") && path.startsWith("/v2/orders/"))
        {
            final FakeOrder order = byId(path.substring("/v2/orders/".length()));
            final String refused = order == null ? "no such order" : cancel(order);
            if (refused != null)
            {
                error(request, 400, "Order_Error", "DH-906", refused);
                return;
            }
            request.respond(200, object().put("orderId", order.id).put("orderStatus", "CANCELLED"));
        }
        else if (request.method().equals("PUT") && path.startsWith("/v2/orders/"))
        {
            modify(request, path.substring("/v2/orders/".length()));
        }
        else if (where.equals("GET /v2/positions"))
        {
            request.respond(200, JSON.createArrayNode());
        }
        else if (where.equals("GET /v2/fundlimit"))
        {
            request.respond(200, object().put("dhanClientId", clientId).put("availabelBalance", new BigDecimal("98440.0"))
                .put("sodLimit", 113642).put("collateralAmount", 0).put("receiveableAmount", 0).put("utilizedAmount", 15202)
                .put("blockedPayoutAmount", 0).put("withdrawableBalance", new BigDecimal("98310.0")));
        }
        else if (where.equals("POST /v2/marketfeed/ltp"))
        {
            // Market quote LTP: {"NSE_FNO":[49081, ...]}, up to 1000 instruments, answered per segment and security id.
            final ObjectNode data = object();
            int count = 0;
            final java.util.Iterator<java.util.Map.Entry<String, JsonNode>> segments = request.json().fields();
            while (segments.hasNext())
            {
                final java.util.Map.Entry<String, JsonNode> segment = segments.next();
                final ObjectNode answers = data.putObject(segment.getKey());
                for (final JsonNode id : segment.getValue())
                {
                    count++;
                    check(id.isIntegralNumber(), "security id is not a number: " + id);
                    final BigDecimal last = instrumentLastPrice(id.asText());
                    if (last != null)
                    {
                        answers.set(id.asText(), object().put("last_price", last));
                    }
                }
            }
            check(count > 0 && count <= 1000, "LTP of 1..1000 instruments, was " + count);
            final ObjectNode body = object().put("status", "success");
            body.set("data", data);
            request.respond(200, body);
        }
        else if (where.equals("POST /v2/marketfeed/ohlc"))
        {
            check(request.json().path("IDX_I").path(0).asInt() == 13, "ohlc of NIFTY's security id 13 in IDX_I");
            final ObjectNode quote = object().put("last_price", new BigDecimal(lastPrice()));
            quote.putObject("ohlc").put("open", new BigDecimal(previousClose())).put("close", new BigDecimal(previousClose()))
                .put("high", new BigDecimal(lastPrice())).put("low", new BigDecimal(previousClose()));
            final ObjectNode body = object().put("status", "success");
            body.putObject("data").putObject("IDX_I").set("13", quote);
            request.respond(200, body);
        }
        else
        {
            violation("unknown Dhan endpoint " + where);
            error(request, 404, "Input_Exception", "DH-905", "unknown endpoint");
        }
    }

    private void place(final Request request) throws IOException
    {
        final Fault fault = takePlaceFault();
        final JsonNode body = request.json();
        final String invalid = invalidOrder(body);
        if (invalid != null)
        {
            violation("place: " + invalid);
            error(request, 400, "Input_Exception", "DH-905", invalid);
            return;
        }
        if (fault == Fault.REJECT)
        {
            error(request, 400, "Order_Error", "DH-906", rejectMessage());
            return;
        }
        final String securityId = body.path("securityId").asText();
        final FakeOrder order = new FakeOrder(newOrderId("11240101"), body.path("correlationId").asText(), symbolOf(securityId), securityId,
            body.path("exchangeSegment").asText(), body.path("transactionType").asText(), body.path("productType").asText(), "",
            body.path("orderType").asText(), body.path("validity").asText(), body.path("quantity").asLong(),
            body.path("price").decimalValue(), body.path("triggerPrice").decimalValue());
        if (book(request, order, fault))
        {
            return;
        }
        request.respond(200, object().put("orderId", order.id).put("orderStatus", "TRANSIT"));
    }

    private String invalidOrder(final JsonNode body)
    {
        if (!clientId.equals(body.path("dhanClientId").asText()))
        {
            return "dhanClientId must be the client id";
        }
        if (!CORRELATION_ID.matcher(body.path("correlationId").asText("")).matches())
        {
            return "correlationId must be 1-25 of [A-Za-z0-9 _-]";
        }
        if (!Set.of("BUY", "SELL").contains(body.path("transactionType").asText()) || !Set.of("DAY", "IOC").contains(body.path("validity").asText()))
        {
            return "transactionType or validity";
        }
        if (!ORDER_TYPES.contains(body.path("orderType").asText()) || !PRODUCTS.contains(body.path("productType").asText()))
        {
            return "orderType " + body.path("orderType").asText() + " or productType " + body.path("productType").asText();
        }
        if (!body.path("quantity").isIntegralNumber() || body.path("quantity").asLong() <= 0)
        {
            return "quantity must be a positive integer";
        }
        if (!body.path("price").isNumber() || !body.path("triggerPrice").isNumber() || !body.path("afterMarketOrder").isBoolean())
        {
            return "price and triggerPrice must be numbers, afterMarketOrder a boolean";
        }
        final String securityId = body.path("securityId").asText();
        final String segment = body.path("exchangeSegment").asText();
        final boolean derivative = master.contains("\nNSE,D," + securityId + ",");
        final boolean equity = master.contains("\nNSE,E," + securityId + ",");
        if (!(derivative && "NSE_FNO".equals(segment)) && !(equity && "NSE_EQ".equals(segment)))
        {
            return "securityId " + securityId + " with exchangeSegment " + segment + " is not in the scrip master";
        }
        return null;
    }

    private void modify(final Request request, final String orderId) throws IOException
    {
        final JsonNode body = request.json();
        final FakeOrder order = byId(orderId);
        check(orderId.equals(body.path("orderId").asText()), "modify orderId in path and body differ");
        if (order == null || order.status != FakeOrder.Status.OPEN)
        {
            error(request, 400, "Order_Error", "DH-906", "order not pending");
            return;
        }
        synchronized (orders)
        {
            order.quantity = body.path("quantity").asLong();
            order.price = body.path("price").decimalValue();
            order.modifications++;
        }
        request.respond(200, object().put("orderId", order.id).put("orderStatus", "PENDING"));
    }

    private String symbolOf(final String securityId)
    {
        final int row = master.indexOf("," + securityId + ",");
        final String[] fields = master.substring(master.lastIndexOf('\n', row) + 1, master.indexOf('\n', row)).split(",");
        return fields[5];
    }

    private ObjectNode render(final FakeOrder order)
    {
        synchronized (orders)
        {
            final String status;
            switch (order.status)
            {
                case COMPLETE:
                    status = "TRADED";
                    break;
                case PARTIAL:
                    status = "PART_TRADED";
                    break;
                case CANCELLED:
                    status = "CANCELLED";
                    break;
                case REJECTED:
                    status = "REJECTED";
                    break;
                default:
                    status = "PENDING";
                    break;
            }
            return object()
                .put("dhanClientId", clientId)
                .put("orderId", order.id)
                .put("correlationId", order.tag)
                .put("orderStatus", status)
                .put("transactionType", order.side)
                .put("exchangeSegment", order.exchange)
                .put("productType", order.product)
                .put("orderType", order.orderType)
                .put("validity", order.validity)
                .put("tradingSymbol", order.symbol)
                .put("securityId", order.token)
                .put("quantity", order.quantity)
                .put("disclosedQuantity", 0)
                .put("price", order.price)
                .put("triggerPrice", order.trigger)
                .put("afterMarketOrder", false)
                .put("createTime", "2024-01-01 09:15:00")
                .put("updateTime", "2024-01-01 09:15:00")
                .put("omsErrorCode", order.message.isEmpty() ? "" : "RMS")
                .put("omsErrorDescription", order.message)
                .put("filledQty", order.filled)
                .put("remainingQuantity", order.pending())
                .put("averageTradedPrice", order.averagePrice);
        }
    }

    private static void error(final Request request, final int status, final String type, final String code, final String message)
        throws IOException
    {
        request.respond(status, object().put("errorType", type).put("errorCode", code).put("errorMessage", message));
    }

    protected String ltpPath()
    {
        return "/v2/marketfeed/ltp";
    }
}
