package io.sluice.engine.core;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TickEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes input frames with the real SBE encoders for core tests. Each method writes at offset 0 of its
 * own buffer and returns the frame length.
 */
final class Frames
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RawSignalEncoder rawSignal = new RawSignalEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final MarketDataEncoder marketData = new MarketDataEncoder();
    private final GatewayStatusEncoder gatewayStatus = new GatewayStatusEncoder();
    private final AdminCommandEncoder adminCommand = new AdminCommandEncoder();
    private final TickEncoder tick = new TickEncoder();

    int signal(final String signalId, final String idempotencyKey, final String json)
    {
        rawSignal.wrapAndApplyHeader(buffer, 0, header)
            .source(SignalSource.REST)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(1).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId(signalId)
            .account("")
            .idempotencyKey(idempotencyKey);
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        rawSignal.putBody(body, 0, body.length).channel("");
        return MessageHeaderEncoder.ENCODED_LENGTH + rawSignal.encodedLength();
    }

    int signal(final SignalFormat format, final String signalId, final String account, final String text)
    {
        rawSignal.wrapAndApplyHeader(buffer, 0, header)
            .source(SignalSource.TRADINGVIEW)
            .format(format)
            .ingressTimeNs(1).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId(signalId)
            .account(account)
            .idempotencyKey(signalId);
        final byte[] body = text.getBytes(StandardCharsets.UTF_8);
        rawSignal.putBody(body, 0, body.length).channel("");
        return MessageHeaderEncoder.ENCODED_LENGTH + rawSignal.encodedLength();
    }

    int marketData(final String symbol, final String bid, final String ask)
    {
        marketData.wrapAndApplyHeader(buffer, 0, header)
            .venue("paper")
            .symbol(symbol)
            .bid(Fixed.parse(bid))
            .ask(Fixed.parse(ask))
            .last(Fixed.NULL)
            .timestampNs(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + marketData.encodedLength();
    }

    int gatewayStatus(final String venue, final GatewayState state)
    {
        gatewayStatus.wrapAndApplyHeader(buffer, 0, header).venue(venue).state(state).timestampNs(1).detail("");
        return MessageHeaderEncoder.ENCODED_LENGTH + gatewayStatus.encodedLength();
    }

    int admin(final AdminAction action, final String account, final String actor)
    {
        adminCommand.wrapAndApplyHeader(buffer, 0, header)
            .action(action)
            .scope(account == null ? AdminScope.GLOBAL : AdminScope.ACCOUNT)
            .account(account == null ? "" : account)
            .issuedTimeNs(1)
            .venue("")
            .symbol("")
            .value(io.sluice.protocol.Fixed.NULL)
            .actor(actor)
            .reason("test")
            .target("");
        return MessageHeaderEncoder.ENCODED_LENGTH + adminCommand.encodedLength();
    }

    int adminVenue(final AdminAction action, final String venue, final String actor)
    {
        return admin(action, AdminScope.VENUE, null, venue, null, null, io.sluice.protocol.Fixed.NULL, actor);
    }

    int admin(
        final AdminAction action,
        final AdminScope scope,
        final String account,
        final String venue,
        final String symbol,
        final String target,
        final long value,
        final String actor)
    {
        adminCommand.wrapAndApplyHeader(buffer, 0, header)
            .action(action)
            .scope(scope)
            .account(account == null ? "" : account)
            .issuedTimeNs(1)
            .venue(venue == null ? "" : venue)
            .symbol(symbol == null ? "" : symbol)
            .value(value)
            .actor(actor)
            .reason("test")
            .target(target == null ? "" : target);
        return MessageHeaderEncoder.ENCODED_LENGTH + adminCommand.encodedLength();
    }

    int instrument(final String symbol, final String tick, final String lot, final String freeze)
    {
        final io.sluice.sbe.InstrumentDefinitionEncoder e = new io.sluice.sbe.InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .venue("paper").symbol(symbol).venueSymbol(symbol).venueToken("")
            .tickSize(tick == null ? io.sluice.protocol.Fixed.NULL : io.sluice.protocol.Fixed.parse(tick))
            .lotSize(lot == null ? io.sluice.protocol.Fixed.NULL : io.sluice.protocol.Fixed.parse(lot))
            .minQty(io.sluice.protocol.Fixed.NULL).maxQty(io.sluice.protocol.Fixed.NULL).minNotional(io.sluice.protocol.Fixed.NULL)
            .freezeQty(freeze == null ? io.sluice.protocol.Fixed.NULL : io.sluice.protocol.Fixed.parse(freeze))
            .contractSize(io.sluice.protocol.Fixed.NULL).timestampNs(1)
            .underlying("").instrumentKind(io.sluice.sbe.InstrumentKind.NULL_VAL)
            .expiryDate(io.sluice.sbe.InstrumentDefinitionEncoder.expiryDateNullValue())
            .strike(io.sluice.protocol.Fixed.NULL).exchangeSegment("")
            .syncDate(io.sluice.sbe.InstrumentDefinitionEncoder.syncDateNullValue());
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    /** A broker's definition of an option (version 3 fields: underlying, kind, expiry, strike, segment). */
    int option(final String symbol, final String underlying, final String tick, final String lot)
    {
        final io.sluice.sbe.InstrumentDefinitionEncoder e = new io.sluice.sbe.InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .venue("paper").symbol(symbol).venueSymbol(symbol).venueToken("43650")
            .tickSize(io.sluice.protocol.Fixed.parse(tick)).lotSize(io.sluice.protocol.Fixed.parse(lot))
            .minQty(io.sluice.protocol.Fixed.parse(lot)).maxQty(io.sluice.protocol.Fixed.NULL).minNotional(io.sluice.protocol.Fixed.NULL)
            .freezeQty(io.sluice.protocol.Fixed.of(1800)).contractSize(io.sluice.protocol.Fixed.NULL).timestampNs(1)
            .underlying(underlying).instrumentKind(io.sluice.sbe.InstrumentKind.CE).expiryDate(20240104)
            .strike(io.sluice.protocol.Fixed.of(21750)).exchangeSegment("NFO").syncDate(20240101);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    int accountUpdate(final String account, final String balance, final String marginAvailable)
    {
        final io.sluice.sbe.AccountUpdateEncoder e = new io.sluice.sbe.AccountUpdateEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .account(account).venue("paper").currency("USD")
            .balance(io.sluice.protocol.Fixed.parse(balance)).equity(io.sluice.protocol.Fixed.parse(balance))
            .marginAvailable(marginAvailable == null ? io.sluice.protocol.Fixed.NULL : io.sluice.protocol.Fixed.parse(marginAvailable))
            .marginUsed(io.sluice.protocol.Fixed.NULL).timestampNs(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    int tick(final long timestampNs)
    {
        tick.wrapAndApplyHeader(buffer, 0, header).timestampNs(timestampNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    int report(
        final String clientOrderId,
        final ExecType execType,
        final OrdStatus status,
        final Side side,
        final String lastQty,
        final String lastPrice,
        final String cumQty,
        final String text)
    {
        report.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .venueOrderId("V1")
            .account("main")
            .venue("paper")
            .symbol("BTCUSDT")
            .execType(execType)
            .ordStatus(status)
            .side(side)
            .lastQty(Fixed.parse(lastQty))
            .lastPrice(Fixed.parse(lastPrice))
            .cumQty(Fixed.parse(cumQty))
            .leavesQty(0)
            .avgPrice(0)
            .transactTimeNs(1)
            .tradeId("")
            .commission(Fixed.NULL)
            .commissionAsset("")
            .text(text);
        return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }
}
