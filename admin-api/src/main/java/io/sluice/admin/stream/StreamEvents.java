package io.sluice.admin.stream;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.RiskUsageDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;

/**
 * Turns journal records into the stream's JSON events {@code {"index","type","time","data"}}: signal, refusal,
 * newOrder, order, execution, position, tradingState, gateway (only when a venue's state changes), alert, risk and,
 * when asked for, price. One instance per subscriber (it remembers gateway states); not thread safe.
 */
public final class StreamEvents
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final OrderUpdateDecoder orderUpdate = new OrderUpdateDecoder();
    private final ExecutionReportDecoder execution = new ExecutionReportDecoder();
    private final PositionUpdateDecoder position = new PositionUpdateDecoder();
    private final TradingStateUpdateDecoder tradingState = new TradingStateUpdateDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final AlertDecoder alert = new AlertDecoder();
    private final RiskUsageDecoder riskUsage = new RiskUsageDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final Map<String, String> gatewayStates = new HashMap<>();
    private final boolean prices;

    /**
     * A converter.
     *
     * @param prices whether MarketData becomes "price" events.
     */
    public StreamEvents(final boolean prices)
    {
        this.prices = prices;
    }

    /**
     * The event for a record.
     *
     * @param index  journal index.
     * @param kind   input or output.
     * @param buffer frame.
     * @param offset frame offset.
     * @param length frame length.
     * @return the event, or null when the record is not streamed.
     */
    public ObjectNode toEvent(final long index, final int kind, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return null;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final ObjectNode data = EventJson.object();
        final String type;
        final long timeNs;
        switch (header.templateId())
        {
            case RawSignalDecoder.TEMPLATE_ID:
            {
                if (kind != JournalRecord.KIND_INPUT)
                {
                    return null;
                }
                final RawSignalDecoder d = rawSignal.wrap(buffer, bodyOffset, blockLength, version);
                if (d.actingVersion() >= RawSignalDecoder.dryRunSinceVersion() && d.dryRun() == io.sluice.sbe.BooleanType.TRUE)
                {
                    return null; // a dry run (POST /api/v1/signals/parse) is no signal
                }
                data.put("source", d.source().name());
                data.put("format", d.format().name());
                timeNs = d.ingressTimeNs();
                data.put("signalId", d.signalId());
                data.put("account", EventJson.orNull(d.account()));
                d.skipIdempotencyKey();
                d.skipBody();
                data.put("channel", EventJson.orNull(d.channel()));
                type = "signal";
                break;
            }
            case RiskRejectDecoder.TEMPLATE_ID:
            {
                final RiskRejectDecoder d = riskReject.wrap(buffer, bodyOffset, blockLength, version);
                data.put("reason", d.reason().name());
                data.put("limit", EventJson.decimal(d.limitValue()));
                data.put("value", EventJson.decimal(d.actualValue()));
                data.put("clientOrderId", EventJson.orNull(d.clientOrderId()));
                data.put("account", EventJson.orNull(d.account()));
                data.put("symbol", EventJson.orNull(d.symbol()));
                timeNs = d.timestampNs();
                data.put("signalId", EventJson.orNull(d.signalId()));
                data.put("field", EventJson.orNull(d.field()));
                data.put("message", EventJson.orNull(d.detail()));
                type = "refusal";
                break;
            }
            case NewOrderDecoder.TEMPLATE_ID:
            {
                if (kind != JournalRecord.KIND_OUTPUT)
                {
                    return null;
                }
                final NewOrderDecoder d = newOrder.wrap(buffer, bodyOffset, blockLength, version);
                data.put("clientOrderId", d.clientOrderId());
                data.put("account", d.account());
                data.put("venue", d.venue());
                data.put("symbol", d.symbol());
                data.put("side", d.side().name());
                data.put("type", d.ordType().name());
                data.put("quantity", EventJson.decimal(d.quantity()));
                data.put("price", EventJson.decimal(d.price()));
                timeNs = d.timestampNs();
                data.put("signalId", EventJson.orNull(d.signalId()));
                type = "newOrder";
                break;
            }
            case OrderUpdateDecoder.TEMPLATE_ID:
            {
                final OrderUpdateDecoder d = orderUpdate.wrap(buffer, bodyOffset, blockLength, version);
                data.put("clientOrderId", d.clientOrderId());
                data.put("venueOrderId", EventJson.orNull(d.venueOrderId()));
                data.put("account", d.account());
                data.put("venue", d.venue());
                data.put("symbol", d.symbol());
                data.put("side", d.side().name());
                data.put("type", d.ordType().name());
                data.put("status", d.ordStatus().name());
                data.put("quantity", EventJson.decimal(d.quantity()));
                data.put("price", EventJson.decimal(d.price()));
                data.put("cumQty", EventJson.decimal(d.cumQty()));
                data.put("leavesQty", EventJson.decimal(d.leavesQty()));
                data.put("avgPrice", EventJson.decimal(d.avgPrice()));
                timeNs = d.timestampNs();
                data.put("text", EventJson.orNull(d.text()));
                type = "order";
                break;
            }
            case ExecutionReportDecoder.TEMPLATE_ID:
            {
                final ExecutionReportDecoder d = execution.wrap(buffer, bodyOffset, blockLength, version);
                data.put("clientOrderId", d.clientOrderId());
                data.put("venueOrderId", EventJson.orNull(d.venueOrderId()));
                data.put("account", d.account());
                data.put("venue", d.venue());
                data.put("symbol", d.symbol());
                data.put("execType", d.execType().name());
                data.put("status", d.ordStatus().name());
                data.put("side", d.side().name());
                data.put("lastQty", EventJson.decimal(d.lastQty()));
                data.put("lastPrice", EventJson.decimal(d.lastPrice()));
                data.put("cumQty", EventJson.decimal(d.cumQty()));
                data.put("avgPrice", EventJson.decimal(d.avgPrice()));
                timeNs = d.transactTimeNs();
                data.put("text", EventJson.orNull(d.text()));
                type = "execution";
                break;
            }
            case PositionUpdateDecoder.TEMPLATE_ID:
            {
                final PositionUpdateDecoder d = position.wrap(buffer, bodyOffset, blockLength, version);
                data.put("account", d.account());
                data.put("venue", d.venue());
                data.put("symbol", d.symbol());
                data.put("quantity", EventJson.decimal(d.quantity()));
                data.put("avgPrice", EventJson.decimal(d.avgPrice()));
                data.put("realizedPnl", EventJson.decimal(d.realizedPnl()));
                timeNs = d.timestampNs();
                type = "position";
                break;
            }
            case TradingStateUpdateDecoder.TEMPLATE_ID:
            {
                final TradingStateUpdateDecoder d = tradingState.wrap(buffer, bodyOffset, blockLength, version);
                data.put("scope", d.scope().name());
                data.put("account", EventJson.orNull(d.account()));
                data.put("state", d.state().name());
                timeNs = d.timestampNs();
                data.put("venue", EventJson.orNull(d.venue()));
                data.put("symbol", EventJson.orNull(d.symbol()));
                data.put("actor", EventJson.orNull(d.actor()));
                data.put("reason", EventJson.orNull(d.reason()));
                type = "tradingState";
                break;
            }
            case GatewayStatusDecoder.TEMPLATE_ID:
            {
                final GatewayStatusDecoder d = gatewayStatus.wrap(buffer, bodyOffset, blockLength, version);
                final String venue = d.venue();
                final String state = d.state().name();
                timeNs = d.timestampNs();
                final String detail = d.detail();
                if (state.equals(gatewayStates.put(venue, state)))
                {
                    return null;
                }
                data.put("venue", venue);
                data.put("state", state);
                data.put("detail", EventJson.orNull(detail));
                type = "gateway";
                break;
            }
            case AlertDecoder.TEMPLATE_ID:
            {
                final AlertDecoder d = alert.wrap(buffer, bodyOffset, blockLength, version);
                data.put("alertType", d.alertType().name());
                data.put("severity", d.severity().name());
                data.put("account", EventJson.orNull(d.account()));
                data.put("venue", EventJson.orNull(d.venue()));
                data.put("symbol", EventJson.orNull(d.symbol()));
                timeNs = d.timestampNs();
                data.put("text", EventJson.orNull(d.text()));
                type = "alert";
                break;
            }
            case RiskUsageDecoder.TEMPLATE_ID:
            {
                final RiskUsageDecoder d = riskUsage.wrap(buffer, bodyOffset, blockLength, version);
                data.put("account", d.account());
                data.put("state", d.state().name());
                timeNs = d.timestampNs();
                final ArrayNode limits = data.putArray("limits");
                for (final RiskUsageDecoder.LimitsDecoder limit : d.limits())
                {
                    final ObjectNode node = limits.addObject();
                    final long limitValue = limit.limitValue();
                    final long usedValue = limit.usedValue();
                    node.put("name", limit.name());
                    node.put("limit", EventJson.decimal(limitValue));
                    node.put("used", EventJson.decimal(usedValue));
                }
                type = "risk";
                break;
            }
            case MarketDataDecoder.TEMPLATE_ID:
            {
                if (!prices)
                {
                    return null;
                }
                final MarketDataDecoder d = marketData.wrap(buffer, bodyOffset, blockLength, version);
                data.put("venue", d.venue());
                data.put("symbol", d.symbol());
                data.put("bid", EventJson.decimal(d.bid()));
                data.put("ask", EventJson.decimal(d.ask()));
                data.put("last", EventJson.decimal(d.last()));
                timeNs = d.timestampNs();
                type = "price";
                break;
            }
            default:
                return null;
        }
        final ObjectNode event = EventJson.object();
        event.put("index", index);
        event.put("type", type);
        event.put("time", EventJson.time(timeNs));
        event.set("data", data);
        return event;
    }
}
