package io.sluice.admin;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.EngineErrorEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateEncoder;
import io.sluice.sbe.PositionUpdateEncoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes engine records with the real SBE encoders into one reusable buffer; each method returns the length.
 */
public final class TestRecords
{
    public final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    public int rawSignal(final String signalId, final String account, final long ingressTimeNs, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final RawSignalEncoder e = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, header)
            .source(SignalSource.REST)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(ingressTimeNs).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId(signalId)
            .account(account)
            .idempotencyKey(signalId)
            .putBody(bytes, 0, bytes.length).channel("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int newOrder(
        final String clientOrderId, final String signalId, final String account, final String venue, final String symbol,
        final Side side, final OrdType type, final TimeInForce tif, final String quantity, final String price,
        final String stopPrice, final String takeProfit, final String stopLoss, final long timestampNs)
    {
        final NewOrderEncoder e = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .side(side)
            .ordType(type)
            .timeInForce(tif)
            .quantity(Fixed.parse(quantity))
            .price(fixed(price))
            .stopPrice(fixed(stopPrice))
            .takeProfit(fixed(takeProfit))
            .stopLoss(fixed(stopLoss))
            .timestampNs(timestampNs)
            .leg((short)0)
            .attempt((short)0)
            .signalId(signalId);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int orderUpdate(
        final String clientOrderId, final String venueOrderId, final String account, final String venue, final String symbol,
        final Side side, final OrdType type, final OrdStatus status, final String quantity, final String price,
        final String cumQty, final String leavesQty, final String avgPrice, final long timestampNs, final String text)
    {
        final OrderUpdateEncoder e = new OrderUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .venueOrderId(venueOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .side(side)
            .ordType(type)
            .ordStatus(status)
            .quantity(Fixed.parse(quantity))
            .price(fixed(price))
            .cumQty(Fixed.parse(cumQty))
            .leavesQty(Fixed.parse(leavesQty))
            .avgPrice(Fixed.parse(avgPrice))
            .timestampNs(timestampNs)
            .text(text);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int positionUpdate(
        final String account, final String venue, final String symbol, final String quantity, final String avgPrice,
        final String realizedPnl, final long timestampNs)
    {
        final PositionUpdateEncoder e = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .quantity(Fixed.parse(quantity))
            .avgPrice(Fixed.parse(avgPrice))
            .realizedPnl(Fixed.parse(realizedPnl))
            .timestampNs(timestampNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int riskReject(
        final RejectReason reason, final String limit, final String value, final String clientOrderId, final String account,
        final String symbol, final long timestampNs, final String signalId, final String field, final String detail)
    {
        final RiskRejectEncoder e = new RiskRejectEncoder().wrapAndApplyHeader(buffer, 0, header)
            .reason(reason)
            .limitValue(fixed(limit))
            .actualValue(fixed(value))
            .clientOrderId(clientOrderId)
            .account(account)
            .symbol(symbol)
            .timestampNs(timestampNs)
            .signalId(signalId)
            .field(field)
            .detail(detail);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int gatewayStatus(final String venue, final GatewayState state, final long timestampNs, final String detail)
    {
        final GatewayStatusEncoder e = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(venue)
            .state(state)
            .timestampNs(timestampNs)
            .detail(detail);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int tradingStateUpdate(
        final AdminScope scope, final String account, final TradingState state, final long timestampNs, final String actor,
        final String reason)
    {
        final TradingStateUpdateEncoder e = new TradingStateUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .scope(scope)
            .account(account)
            .state(state)
            .timestampNs(timestampNs)
            .venue("")
            .symbol("")
            .actor(actor)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int executionReport(
        final String clientOrderId, final String venueOrderId, final String account, final String venue, final String symbol,
        final ExecType execType, final OrdStatus status, final Side side, final String lastQty, final String lastPrice,
        final String cumQty, final String leavesQty, final String avgPrice, final long transactTimeNs, final String text)
    {
        final ExecutionReportEncoder e = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .venueOrderId(venueOrderId)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .execType(execType)
            .ordStatus(status)
            .side(side)
            .lastQty(Fixed.parse(lastQty))
            .lastPrice(Fixed.parse(lastPrice))
            .cumQty(Fixed.parse(cumQty))
            .leavesQty(Fixed.parse(leavesQty))
            .avgPrice(Fixed.parse(avgPrice))
            .transactTimeNs(transactTimeNs)
            .text(text);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int engineError(final int inputTemplateId, final long timestampNs, final String detail)
    {
        final EngineErrorEncoder e = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, header)
            .inputTemplateId(inputTemplateId)
            .timestampNs(timestampNs)
            .detail(detail);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private static long fixed(final String text)
    {
        return text == null ? Fixed.NULL : Fixed.parse(text);
    }

    public int alert(final io.sluice.sbe.AlertType type, final io.sluice.sbe.Severity severity, final String account, final String venue,
        final String symbol, final long timestampNs, final String text)
    {
        final io.sluice.sbe.AlertEncoder e = new io.sluice.sbe.AlertEncoder().wrapAndApplyHeader(buffer, 0, header)
            .alertType(type)
            .severity(severity)
            .account(account)
            .venue(venue)
            .symbol(symbol)
            .timestampNs(timestampNs)
            .text(text);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int riskUsage(final String account, final TradingState state, final long timestampNs, final String... nameLimitUsed)
    {
        final io.sluice.sbe.RiskUsageEncoder e = new io.sluice.sbe.RiskUsageEncoder().wrapAndApplyHeader(buffer, 0, header)
            .account(account)
            .state(state)
            .timestampNs(timestampNs);
        final io.sluice.sbe.RiskUsageEncoder.LimitsEncoder limits = e.limitsCount(nameLimitUsed.length / 3);
        for (int i = 0; i < nameLimitUsed.length; i += 3)
        {
            limits.next().limitValue(fixed(nameLimitUsed[i + 1])).usedValue(fixed(nameLimitUsed[i + 2])).name(nameLimitUsed[i]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    public int marketData(final String venue, final String symbol, final String bid, final String ask, final String last, final long timestampNs)
    {
        final io.sluice.sbe.MarketDataEncoder e = new io.sluice.sbe.MarketDataEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(venue)
            .symbol(symbol)
            .bid(fixed(bid))
            .ask(fixed(ask))
            .last(fixed(last))
            .timestampNs(timestampNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }
}
