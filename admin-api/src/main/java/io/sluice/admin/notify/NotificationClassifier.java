package io.sluice.admin.notify;

import java.util.HashMap;
import java.util.Map;

import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;

/**
 * Decides which journal records deserve a notification and writes its line: fills, refusals, trading state
 * changes, gateway state changes (the engine's verdict and the gateways' own, only on a change) and engine alerts.
 * Not thread safe: one per tail.
 */
public final class NotificationClassifier
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder execution = new ExecutionReportDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final TradingStateUpdateDecoder tradingState = new TradingStateUpdateDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final AlertDecoder alert = new AlertDecoder();
    private final Map<String, String> gatewayStates = new HashMap<>();

    /**
     * The notification of a record.
     *
     * @param index  journal index.
     * @param kind   input or output.
     * @param buffer frame.
     * @param offset offset.
     * @param length length.
     * @return the notification, or null.
     */
    public Notification classify(final long index, final int kind, final DirectBuffer buffer, final int offset, final int length)
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
        switch (header.templateId())
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
            {
                final ExecutionReportDecoder d = execution.wrap(buffer, bodyOffset, blockLength, version);
                if (kind != JournalRecord.KIND_INPUT || d.execType() != ExecType.TRADE)
                {
                    return null;
                }
                final String text = "Fill: " + d.side().name() + " " + Fixed.toString(d.lastQty()) + " " + d.symbol() + " @ " +
                    Fixed.toString(d.lastPrice()) + " (" + d.account() + " on " + d.venue() + ", order " + d.clientOrderId() + ", " +
                    d.ordStatus().name() + ")";
                return new Notification(NotificationKind.FILL, null, text, index);
            }
            case RiskRejectDecoder.TEMPLATE_ID:
            {
                final RiskRejectDecoder d = riskReject.wrap(buffer, bodyOffset, blockLength, version);
                final String reason = d.reason().name();
                final String account = d.account();
                final String symbol = d.symbol();
                final String signalId = d.signalId();
                d.skipField();
                final String detail = d.detail();
                final StringBuilder text = new StringBuilder("Refused ").append(reason);
                if (!signalId.isEmpty())
                {
                    text.append(": signal ").append(signalId);
                }
                if (!account.isEmpty())
                {
                    text.append(" (").append(account).append(symbol.isEmpty() ? "" : " " + symbol).append(')');
                }
                if (!detail.isEmpty())
                {
                    text.append(" - ").append(detail);
                }
                return new Notification(NotificationKind.REFUSAL, reason, text.toString(), index);
            }
            case TradingStateUpdateDecoder.TEMPLATE_ID:
            {
                final TradingStateUpdateDecoder d = tradingState.wrap(buffer, bodyOffset, blockLength, version);
                final String scope = d.scope().name();
                final String account = d.account();
                final String state = d.state().name();
                final String venue = d.venue();
                final String symbol = d.symbol();
                final String actor = d.actor();
                final String reason = d.reason();
                final String target = !account.isEmpty() ? "account " + account : !venue.isEmpty() ? "venue " + venue :
                    !symbol.isEmpty() ? "instrument " + symbol : "all trading";
                final String what = "HALTED".equals(state) ? "Kill switch: " + target + " halted" :
                    "ACTIVE".equals(state) ? "Resumed: " + target + " active" : "Reduce-only: " + target + " " + state.toLowerCase();
                return new Notification(NotificationKind.KILL_SWITCH, null,
                    what + " (" + scope + ")" + (actor.isEmpty() ? "" : " by " + actor) + (reason.isEmpty() ? "" : ": " + reason), index);
            }
            case GatewayStatusDecoder.TEMPLATE_ID:
            {
                final GatewayStatusDecoder d = gatewayStatus.wrap(buffer, bodyOffset, blockLength, version);
                final String venue = d.venue();
                final String state = d.state().name();
                final String detail = d.detail();
                final String previous = gatewayStates.put(venue, state);
                if (state.equals(previous) || (previous == null && "UP".equals(state)))
                {
                    return null;
                }
                final boolean up = "UP".equals(state);
                return new Notification(up ? NotificationKind.GATEWAY_UP : NotificationKind.GATEWAY_DOWN, null,
                    "Gateway " + venue + " is " + state + (detail.isEmpty() ? "" : ": " + detail), index);
            }
            case AlertDecoder.TEMPLATE_ID:
            {
                final AlertDecoder d = alert.wrap(buffer, bodyOffset, blockLength, version);
                final String type = d.alertType().name();
                final String severity = d.severity().name();
                final String account = d.account();
                final String venue = d.venue();
                final String symbol = d.symbol();
                d.timestampNs();
                final String text = d.text();
                final NotificationKind notificationKind;
                switch (type)
                {
                    case "CIRCUIT_BREAKER":
                        notificationKind = NotificationKind.CIRCUIT_BREAKER;
                        break;
                    case "GATEWAY_DOWN":
                        notificationKind = NotificationKind.GATEWAY_DOWN;
                        break;
                    case "GATEWAY_UP":
                        notificationKind = NotificationKind.GATEWAY_UP;
                        break;
                    case "SESSION_EXPIRED":
                        notificationKind = NotificationKind.SESSION_EXPIRED;
                        break;
                    case "APPROVAL_WAITING":
                        notificationKind = NotificationKind.APPROVAL_WAITING;
                        break;
                    default:
                        notificationKind = NotificationKind.ALERT;
                        break;
                }
                final String where = String.join(" ", account, venue, symbol).trim();
                return new Notification(notificationKind, null,
                    severity + " " + type + (where.isEmpty() ? "" : " (" + where + ")") + (text.isEmpty() ? "" : ": " + text), index);
            }
            default:
                return null;
        }
    }
}
