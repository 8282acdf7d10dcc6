package io.sluice.admin.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.readmodel.EngineErrorView;
import io.sluice.admin.readmodel.GatewayView;
import io.sluice.admin.readmodel.OrderView;
import io.sluice.admin.readmodel.PositionView;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.readmodel.SignalView;
import io.sluice.admin.readmodel.TradingStateView;
import io.sluice.sbe.OrdStatus;

/**
 * The read-only endpoints: orders, positions, trading and gateway state, health. All answered from the
 * read model the journal tail builds.
 */
final class ReadEndpoints
{
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ReadModel readModel;
    private final BooleanSupplier engineConnected;

    ReadEndpoints(final ReadModel readModel, final BooleanSupplier engineConnected)
    {
        this.readModel = readModel;
        this.engineConnected = engineConnected;
    }

    /**
     * Orders newest first, filtered by {@code account}, {@code status}, {@code symbol}, at most {@code limit}.
     */
    ApiResponse orders(final ApiRequest request)
    {
        final String account = request.queryParam("account");
        final String symbol = request.queryParam("symbol");
        final OrdStatus status = status(request.queryParam("status"));
        final int limit = limit(request.queryParam("limit"));
        final Predicate<OrderView> filter = order ->
            (account == null || account.equals(order.account())) &&
            (symbol == null || symbol.equals(order.symbol())) &&
            (status == null || status == order.status());
        final ObjectNode body = Json.object();
        final ArrayNode orders = body.putArray("orders");
        for (final OrderView order : readModel.orders(filter, limit))
        {
            orders.add(JsonViews.order(order));
        }
        return ApiResponse.ok(body);
    }

    /**
     * Signals newest first with their outcome, filtered by {@code status}, {@code source}, {@code account} and
     * refusal {@code reason}, paged by {@code offset} and {@code limit}.
     */
    ApiResponse signals(final ApiRequest request)
    {
        final String status = upper(request.queryParam("status"));
        final String source = upper(request.queryParam("source"));
        final String account = request.queryParam("account");
        final String reason = upper(request.queryParam("reason"));
        final int limit = limit(request.queryParam("limit"));
        final int offset = offset(request.queryParam("offset"));
        final Predicate<SignalView> filter = signal ->
            (status == null || status.equals(signal.status().name())) &&
            (source == null || source.equals(signal.source())) &&
            (account == null || account.equals(signal.account())) &&
            (reason == null || (signal.reject() != null && reason.equals(signal.reject().reason())));
        final ObjectNode body = Json.object();
        final ArrayNode signals = body.putArray("signals");
        for (final SignalView signal : readModel.signals(filter, offset, limit))
        {
            signals.add(JsonViews.signal(signal));
        }
        body.put("offset", offset);
        body.put("limit", limit);
        return ApiResponse.ok(body);
    }

    private static String upper(final String text)
    {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    private static int offset(final String text)
    {
        if (text == null)
        {
            return 0;
        }
        try
        {
            final int offset = Integer.parseInt(text);
            if (offset >= 0)
            {
                return offset;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // answered below
        }
        throw ApiException.invalidField("offset", "offset must be a whole number, 0 or more");
    }

    ApiResponse order(final String clientOrderId)
    {
        final OrderView order = readModel.order(clientOrderId);
        if (order == null)
        {
            throw ApiException.notFound("no order '" + StrictJson.truncate(clientOrderId) + "'");
        }
        return ApiResponse.ok(JsonViews.order(order));
    }

    ApiResponse positions(final ApiRequest request)
    {
        final ObjectNode body = Json.object();
        final ArrayNode positions = body.putArray("positions");
        for (final PositionView position : readModel.positions(request.queryParam("account")))
        {
            final ObjectNode node = JsonViews.position(position);
            node.put("unrealizedPnl", Json.decimal(readModel.unrealizedPnl(position)));
            positions.add(node);
        }
        return ApiResponse.ok(body);
    }

    ApiResponse state()
    {
        final ObjectNode body = Json.object();
        final ObjectNode trading = body.putObject("trading");
        final TradingStateView global = readModel.globalTradingState();
        if (global == null)
        {
            trading.putNull("global");
        }
        else
        {
            trading.set("global", JsonViews.tradingState(global));
        }
        final ObjectNode accounts = trading.putObject("accounts");
        for (final Map.Entry<String, TradingStateView> entry : readModel.accountTradingStates().entrySet())
        {
            accounts.set(entry.getKey(), JsonViews.tradingState(entry.getValue()));
        }
        final ObjectNode gateways = body.putObject("gateways");
        for (final Map.Entry<String, GatewayView> entry : readModel.gateways().entrySet())
        {
            gateways.set(entry.getKey(), JsonViews.gateway(entry.getValue()));
        }
        final ObjectNode engineErrors = body.putObject("engineErrors");
        engineErrors.put("count", readModel.engineErrorCount());
        final ArrayNode recent = engineErrors.putArray("recent");
        final List<EngineErrorView> errors = readModel.engineErrors();
        for (int i = errors.size() - 1; i >= 0; i--)
        {
            recent.add(JsonViews.engineError(errors.get(i)));
        }
        body.put("journalIndex", readModel.lastIndex());
        return ApiResponse.ok(body);
    }

    ApiResponse health()
    {
        final ObjectNode body = Json.object();
        body.put("status", "UP");
        body.put("engineConnected", engineConnected.getAsBoolean());
        body.put("journalIndex", readModel.lastIndex());
        body.set("gateways", JsonViews.gatewayStates(readModel.gateways()));
        return ApiResponse.ok(body);
    }

    private static OrdStatus status(final String text)
    {
        if (text == null)
        {
            return null;
        }
        for (final OrdStatus status : OrdStatus.values())
        {
            if (status != OrdStatus.NULL_VAL && status.name().equals(text.toUpperCase(Locale.ROOT)))
            {
                return status;
            }
        }
        throw ApiException.invalidField("status", "status must be an order status such as NEW or FILLED");
    }

    private static int limit(final String text)
    {
        if (text == null)
        {
            return DEFAULT_LIMIT;
        }
        try
        {
            final int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // answered below
        }
        throw ApiException.invalidField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
