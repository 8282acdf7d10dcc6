package io.sluice.admin.http;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.readmodel.EngineErrorView;
import io.sluice.admin.readmodel.GatewayView;
import io.sluice.admin.readmodel.OrderView;
import io.sluice.admin.readmodel.PositionView;
import io.sluice.admin.readmodel.RejectView;
import io.sluice.admin.readmodel.SignalStatus;
import io.sluice.admin.readmodel.SignalView;
import io.sluice.admin.readmodel.TradingStateView;

/**
 * JSON shapes of the read-model views.
 */
final class JsonViews
{
    private JsonViews()
    {
    }

    static ObjectNode signal(final SignalView signal)
    {
        final ObjectNode node = Json.object();
        node.put("signalId", signal.signalId());
        node.put("status", signal.status().name());
        node.put("source", signal.source());
        node.put("account", signal.account());
        node.put("receivedAt", Json.time(signal.receivedAtNs()));
        putIndex(node, signal.journalIndex());
        final ArrayNode orders = node.putArray("orders");
        signal.orders().forEach(orders::add);
        if (signal.reject() == null)
        {
            node.putNull("reject");
        }
        else
        {
            node.set("reject", reject(signal.reject()));
        }
        node.put("duplicatesRefused", signal.repeats());
        return node;
    }

    static ObjectNode pendingSignal(final PendingSignals.Delivery pending)
    {
        final ObjectNode node = Json.object();
        node.put("signalId", pending.signalId());
        node.put("status", SignalStatus.PENDING.name());
        node.put("source", pending.source().name());
        node.put("account", pending.account());
        node.put("receivedAt", Json.time(pending.ingressTimeNs()));
        node.putNull("journalIndex");
        node.putArray("orders");
        node.putNull("reject");
        return node;
    }

    static ObjectNode reject(final RejectView reject)
    {
        final ObjectNode node = Json.object();
        node.put("reason", reject.reason());
        node.put("message", reject.message());
        node.put("field", reject.field());
        node.put("limit", Json.decimal(reject.limitValue()));
        node.put("value", Json.decimal(reject.actualValue()));
        node.put("clientOrderId", reject.clientOrderId());
        return node;
    }

    static ObjectNode order(final OrderView order)
    {
        final ObjectNode node = Json.object();
        node.put("clientOrderId", order.clientOrderId());
        node.put("venueOrderId", order.venueOrderId());
        node.put("signalId", order.signalId());
        node.put("account", order.account());
        node.put("venue", order.venue());
        node.put("symbol", order.symbol());
        node.put("side", order.side());
        node.put("type", order.type());
        node.put("tif", order.timeInForce());
        node.put("status", order.status().name());
        node.put("quantity", Json.decimal(order.quantity()));
        node.put("price", Json.decimal(order.price()));
        node.put("stopPrice", Json.decimal(order.stopPrice()));
        node.put("tp", Json.decimal(order.takeProfit()));
        node.put("sl", Json.decimal(order.stopLoss()));
        node.put("cumQty", Json.decimal(order.cumQty()));
        node.put("leavesQty", Json.decimal(order.leavesQty()));
        node.put("avgPrice", Json.decimal(order.avgPrice()));
        node.put("text", order.text());
        node.put("updatedAt", Json.time(order.updatedAtNs()));
        putIndex(node, order.journalIndex());
        if (order.reject() == null)
        {
            node.putNull("reject");
        }
        else
        {
            node.set("reject", reject(order.reject()));
        }
        return node;
    }

    static ObjectNode position(final PositionView position)
    {
        final ObjectNode node = Json.object();
        node.put("account", position.account());
        node.put("venue", position.venue());
        node.put("symbol", position.symbol());
        node.put("quantity", Json.decimal(position.quantity()));
        node.put("avgPrice", Json.decimal(position.avgPrice()));
        node.put("realizedPnl", Json.decimal(position.realizedPnl()));
        node.put("updatedAt", Json.time(position.updatedAtNs()));
        putIndex(node, position.journalIndex());
        return node;
    }

    static ObjectNode tradingState(final TradingStateView state)
    {
        final ObjectNode node = Json.object();
        node.put("scope", state.scope());
        node.put("account", state.account());
        node.put("state", state.state());
        node.put("actor", state.actor());
        node.put("reason", state.reason());
        node.put("updatedAt", Json.time(state.updatedAtNs()));
        putIndex(node, state.journalIndex());
        return node;
    }

    static ObjectNode gateway(final GatewayView gateway)
    {
        final ObjectNode node = Json.object();
        node.put("state", gateway.state());
        node.put("detail", gateway.detail());
        node.put("updatedAt", Json.time(gateway.updatedAtNs()));
        putIndex(node, gateway.journalIndex());
        return node;
    }

    static ObjectNode gatewayStates(final Map<String, GatewayView> gateways)
    {
        final ObjectNode node = Json.object();
        gateways.forEach((venue, gateway) -> node.put(venue, gateway.state()));
        return node;
    }

    static ObjectNode engineError(final EngineErrorView error)
    {
        final ObjectNode node = Json.object();
        node.put("inputTemplateId", error.inputTemplateId());
        node.put("detail", error.detail());
        node.put("at", Json.time(error.timestampNs()));
        putIndex(node, error.journalIndex());
        return node;
    }

    private static void putIndex(final ObjectNode node, final long journalIndex)
    {
        if (journalIndex < 0)
        {
            node.putNull("journalIndex");
        }
        else
        {
            node.put("journalIndex", journalIndex);
        }
    }
}
