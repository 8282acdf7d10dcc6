package io.sluice.engine.core;

import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertEncoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.CancelOrderEncoder;
import io.sluice.sbe.EngineErrorEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrderUpdateEncoder;
import io.sluice.sbe.PositionUpdateEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectEncoder;
import io.sluice.sbe.RiskUsageEncoder;
import io.sluice.sbe.Severity;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the core's outputs with the generated SBE encoders into one reused buffer and hands each to
 * the {@link OutputPort}. Encoders are made once; encoding allocates nothing.
 */
final class CoreOutputs
{
    private static final int CLIENT_ORDER_ID_FIELD_LENGTH = 20;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final RiskRejectEncoder riskReject = new RiskRejectEncoder();
    private final OrderUpdateEncoder orderUpdate = new OrderUpdateEncoder();
    private final PositionUpdateEncoder positionUpdate = new PositionUpdateEncoder();
    private final TradingStateUpdateEncoder tradingStateUpdate = new TradingStateUpdateEncoder();
    private final GatewayStatusEncoder gatewayStatus = new GatewayStatusEncoder();
    private final EngineErrorEncoder engineError = new EngineErrorEncoder();
    private final AlertEncoder alert = new AlertEncoder();
    private final io.sluice.sbe.AmendOrderEncoder amendOrder = new io.sluice.sbe.AmendOrderEncoder();
    private final RiskUsageEncoder riskUsage = new RiskUsageEncoder();
    private final io.sluice.sbe.ParseResultEncoder parseResult = new io.sluice.sbe.ParseResultEncoder();
    private final io.sluice.sbe.OrderStatusRequestEncoder orderStatusRequest = new io.sluice.sbe.OrderStatusRequestEncoder();
    private final io.sluice.sbe.AccountStatusEncoder accountStatus = new io.sluice.sbe.AccountStatusEncoder();
    private static final byte[][] LIMIT_NAMES = new byte[Limit.VALUES.length][];

    static
    {
        for (final Limit limit : Limit.VALUES)
        {
            LIMIT_NAMES[limit.ordinal()] = limit.key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
    private final NameIndex accounts;
    private final NameIndex instruments;
    private final NameIndex venues;
    private final AsciiText fieldText = new AsciiText();
    private OutputPort port;

    CoreOutputs(final NameIndex accounts, final NameIndex instruments, final NameIndex venues)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.venues = venues;
    }

    void port(final OutputPort port)
    {
        this.port = port;
    }

    void newOrder(final Order order, final DirectBuffer signalId, final int signalIdOffset, final int signalIdLength, final long nowNs)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, newOrder.offset() + NewOrderEncoder.clientOrderIdEncodingOffset(), order.key);
        newOrder
            .putAccount(accounts.padded(order.accountId), 0)
            .putVenue(venues.padded(order.venueId), 0)
            .putSymbol(instruments.padded(order.instrumentId), 0)
            .side(order.side)
            .ordType(order.ordType)
            .timeInForce(order.timeInForce)
            .quantity(order.quantity)
            .price(order.price)
            .stopPrice(order.stopPrice)
            .takeProfit(order.takeProfit)
            .stopLoss(order.stopLoss)
            .timestampNs(nowNs)
            .leg((short)order.leg)
            .attempt((short)order.attempt)
            .reduceOnly(order.reduceOnly ? io.sluice.sbe.BooleanType.TRUE : io.sluice.sbe.BooleanType.FALSE)
            .positionSide(order.positionSide)
            .product(order.product)
            .putSignalId(signalId, signalIdOffset, signalIdLength);
        emit(newOrder.encodedLength());
    }

    void amendOrder(
        final long orderKey, final int accountId, final int venueId, final int instrumentId,
        final long stopLoss, final long takeProfit, final long nowNs)
    {
        amendOrder.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, amendOrder.offset() + io.sluice.sbe.AmendOrderEncoder.clientOrderIdEncodingOffset(), orderKey);
        amendOrder
            .putAccount(accounts.padded(accountId), 0)
            .putVenue(venues.padded(venueId), 0)
            .putSymbol(instruments.padded(instrumentId), 0)
            .quantity(Fixed.NULL)
            .price(Fixed.NULL)
            .stopPrice(Fixed.NULL)
            .takeProfit(takeProfit)
            .stopLoss(stopLoss)
            .timestampNs(nowNs);
        emit(amendOrder.encodedLength());
    }

    /** A new entry price (LIMIT) or trigger (STOP) for a live order; every other field unchanged (null). */
    void amendEntry(final Order order, final long price, final long stopPrice, final long nowNs)
    {
        amendOrder.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, amendOrder.offset() + io.sluice.sbe.AmendOrderEncoder.clientOrderIdEncodingOffset(), order.key);
        amendOrder
            .putAccount(accounts.padded(order.accountId), 0)
            .putVenue(venues.padded(order.venueId), 0)
            .putSymbol(instruments.padded(order.instrumentId), 0)
            .quantity(Fixed.NULL)
            .price(price)
            .stopPrice(stopPrice)
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(nowNs);
        emit(amendOrder.encodedLength());
    }

    /** Reconciliation: ask the order's venue what it knows of the order. */
    void orderStatusRequest(final Order order, final long round, final long nowNs)
    {
        orderStatusRequest.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, orderStatusRequest.offset() + io.sluice.sbe.OrderStatusRequestEncoder.clientOrderIdEncodingOffset(), order.key);
        orderStatusRequest
            .putVenueOrderId(order.venueOrderId, 0)
            .putAccount(accounts.padded(order.accountId), 0)
            .putVenue(venues.padded(order.venueId), 0)
            .putSymbol(instruments.padded(order.instrumentId), 0)
            .side(order.side)
            .quantity(order.quantity)
            .ordStatus(order.status)
            .attempt((short)order.attempt)
            .round(round)
            .timestampNs(nowNs);
        emit(orderStatusRequest.encodedLength());
    }

    void cancelOrder(final Order order, final long nowNs)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, cancelOrder.offset() + CancelOrderEncoder.clientOrderIdEncodingOffset(), order.key);
        cancelOrder
            .putAccount(accounts.padded(order.accountId), 0)
            .putVenue(venues.padded(order.venueId), 0)
            .putSymbol(instruments.padded(order.instrumentId), 0)
            .timestampNs(nowNs);
        emit(cancelOrder.encodedLength());
    }

    void riskReject(
        final RejectReason reason,
        final long limitValue,
        final long actualValue,
        final long orderKey,
        final int accountId,
        final int instrumentId,
        final long nowNs,
        final DirectBuffer signalId,
        final int signalIdOffset,
        final int signalIdLength,
        final String field,
        final AsciiText detail)
    {
        riskReject.wrapAndApplyHeader(buffer, 0, header)
            .reason(reason)
            .limitValue(limitValue)
            .actualValue(actualValue);
        if (orderKey != 0)
        {
            putClientOrderId(buffer, riskReject.offset() + RiskRejectEncoder.clientOrderIdEncodingOffset(), orderKey);
        }
        else
        {
            clear(riskReject.offset() + RiskRejectEncoder.clientOrderIdEncodingOffset(), CLIENT_ORDER_ID_FIELD_LENGTH);
        }
        if (accountId >= 0)
        {
            riskReject.putAccount(accounts.padded(accountId), 0);
        }
        else
        {
            clear(riskReject.offset() + RiskRejectEncoder.accountEncodingOffset(), RiskRejectEncoder.accountLength());
        }
        if (instrumentId >= 0)
        {
            riskReject.putSymbol(instruments.padded(instrumentId), 0);
        }
        else
        {
            clear(riskReject.offset() + RiskRejectEncoder.symbolEncodingOffset(), RiskRejectEncoder.symbolLength());
        }
        riskReject.timestampNs(nowNs);
        riskReject.putSignalId(signalId, signalIdOffset, signalIdLength);
        fieldText.clear();
        if (field != null)
        {
            fieldText.append(field);
        }
        riskReject.putField(fieldText.buffer(), 0, fieldText.length());
        riskReject.putDetail(detail.buffer(), 0, detail.length());
        emit(riskReject.encodedLength());
    }

    void orderUpdate(final Order order, final DirectBuffer text, final int textOffset, final int textLength, final long nowNs)
    {
        orderUpdate.wrapAndApplyHeader(buffer, 0, header);
        putClientOrderId(buffer, orderUpdate.offset() + OrderUpdateEncoder.clientOrderIdEncodingOffset(), order.key);
        orderUpdate
            .putVenueOrderId(order.venueOrderId, 0)
            .putAccount(accounts.padded(order.accountId), 0)
            .putVenue(venues.padded(order.venueId), 0)
            .putSymbol(instruments.padded(order.instrumentId), 0)
            .side(order.side)
            .ordType(order.ordType)
            .ordStatus(order.status)
            .quantity(order.quantity)
            .price(order.price)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty())
            .avgPrice(order.avgPrice)
            .timestampNs(nowNs)
            .putText(text, textOffset, textLength);
        emit(orderUpdate.encodedLength());
    }

    void positionUpdate(final int accountId, final int venueId, final int instrumentId, final Position position, final long nowNs)
    {
        positionUpdate.wrapAndApplyHeader(buffer, 0, header)
            .putAccount(accounts.padded(accountId), 0)
            .putVenue(venues.padded(venueId), 0)
            .putSymbol(instruments.padded(instrumentId), 0)
            .quantity(position.quantity)
            .avgPrice(position.avgPrice)
            .realizedPnl(position.realizedPnl)
            .timestampNs(nowNs);
        emit(positionUpdate.encodedLength());
    }

    void tradingStateUpdate(
        final AdminScope scope,
        final int accountId,
        final int venueId,
        final int instrumentId,
        final TradingState state,
        final long nowNs,
        final DirectBuffer actor,
        final int actorLength,
        final DirectBuffer reason,
        final int reasonLength)
    {
        tradingStateUpdate.wrapAndApplyHeader(buffer, 0, header).scope(scope);
        final int offset = tradingStateUpdate.offset();
        putName(accounts, accountId, offset + TradingStateUpdateEncoder.accountEncodingOffset(), TradingStateUpdateEncoder.accountLength());
        tradingStateUpdate
            .state(state)
            .timestampNs(nowNs);
        putName(venues, venueId, offset + TradingStateUpdateEncoder.venueEncodingOffset(), TradingStateUpdateEncoder.venueLength());
        putName(instruments, instrumentId, offset + TradingStateUpdateEncoder.symbolEncodingOffset(), TradingStateUpdateEncoder.symbolLength());
        tradingStateUpdate
            .putActor(actor, 0, actorLength)
            .putReason(reason, 0, reasonLength);
        emit(tradingStateUpdate.encodedLength());
    }

    void alert(
        final AlertType type,
        final Severity severity,
        final int accountId,
        final int venueId,
        final int instrumentId,
        final long nowNs,
        final AsciiText text)
    {
        alert.wrapAndApplyHeader(buffer, 0, header).alertType(type).severity(severity);
        final int offset = alert.offset();
        putName(accounts, accountId, offset + AlertEncoder.accountEncodingOffset(), AlertEncoder.accountLength());
        putName(venues, venueId, offset + AlertEncoder.venueEncodingOffset(), AlertEncoder.venueLength());
        putName(instruments, instrumentId, offset + AlertEncoder.symbolEncodingOffset(), AlertEncoder.symbolLength());
        alert.timestampNs(nowNs).putText(text.buffer(), 0, text.length());
        emit(alert.encodedLength());
    }

    /**
     * RiskUsage of one account: every enabled limit with its value and, where the engine measures it, the
     * amount used.
     */
    void riskUsage(final int accountId, final TradingState state, final long nowNs, final RiskLimits limits, final long[] used)
    {
        riskUsage.wrapAndApplyHeader(buffer, 0, header)
            .putAccount(accounts.padded(accountId), 0)
            .state(state)
            .timestampNs(nowNs);
        int count = 0;
        for (final Limit limit : Limit.VALUES)
        {
            if (limits.account(accountId, limit) != Fixed.NULL || used[limit.ordinal()] != Fixed.NULL)
            {
                count++;
            }
        }
        final RiskUsageEncoder.LimitsEncoder group = riskUsage.limitsCount(count);
        for (final Limit limit : Limit.VALUES)
        {
            if (limits.account(accountId, limit) != Fixed.NULL || used[limit.ordinal()] != Fixed.NULL)
            {
                final byte[] name = LIMIT_NAMES[limit.ordinal()];
                group.next()
                    .limitValue(limits.account(accountId, limit))
                    .usedValue(used[limit.ordinal()])
                    .putName(name, 0, name.length);
            }
        }
        emit(riskUsage.encodedLength());
    }

    private void putName(final NameIndex index, final int id, final int fieldOffset, final int fieldLength)
    {
        if (id >= 0)
        {
            buffer.putBytes(fieldOffset, index.padded(id), 0, fieldLength);
        }
        else
        {
            clear(fieldOffset, fieldLength);
        }
    }

    /** AccountStatus: an account as the engine holds it after an operator's AccountConfig. */
    void accountStatus(
        final io.sluice.sbe.AccountOperation operation,
        final int accountId,
        final int venueId,
        final byte[] currency,
        final boolean enabled,
        final long maxOrderQty,
        final long maxNotional,
        final long nowNs,
        final DirectBuffer actor,
        final DirectBuffer credentialRef)
    {
        accountStatus.wrapAndApplyHeader(buffer, 0, header)
            .operation(operation)
            .putAccount(accounts.padded(accountId), 0)
            .putVenue(venues.padded(venueId), 0);
        final int currencyOffset = accountStatus.offset() + io.sluice.sbe.AccountStatusEncoder.currencyEncodingOffset();
        clear(currencyOffset, io.sluice.sbe.AccountStatusEncoder.currencyLength());
        if (currency != null)
        {
            buffer.putBytes(currencyOffset, currency, 0, Math.min(currency.length, io.sluice.sbe.AccountStatusEncoder.currencyLength()));
        }
        accountStatus.enabled(enabled ? io.sluice.sbe.BooleanType.TRUE : io.sluice.sbe.BooleanType.FALSE)
            .maxOrderQty(maxOrderQty)
            .maxNotional(maxNotional)
            .timestampNs(nowNs)
            .putActor(actor, 0, actor.capacity())
            .putCredentialRef(credentialRef, 0, credentialRef.capacity());
        emit(accountStatus.encodedLength());
    }

    void gatewayStatus(final int venueId, final GatewayState state, final long nowNs, final AsciiText detail)
    {
        gatewayStatus.wrapAndApplyHeader(buffer, 0, header)
            .putVenue(venues.padded(venueId), 0)
            .state(state)
            .timestampNs(nowNs)
            .putDetail(detail.buffer(), 0, detail.length());
        emit(gatewayStatus.encodedLength());
    }

    /**
     * The answer to a dry run (allocates nothing itself; its caller, the dry run, may).
     */
    void parseResult(
        final long requestTimeNs,
        final long nowNs,
        final io.sluice.sbe.ParseOutcome outcome,
        final RejectReason reason,
        final io.sluice.sbe.SignalFormat format,
        final int accountId,
        final long limitValue,
        final long actualValue,
        final DirectBuffer signalId,
        final int signalIdOffset,
        final int signalIdLength,
        final String field,
        final AsciiText detail,
        final byte[] intents)
    {
        parseResult.wrapAndApplyHeader(buffer, 0, header)
            .requestTimeNs(requestTimeNs)
            .timestampNs(nowNs)
            .outcome(outcome)
            .reason(reason == null ? RejectReason.NULL_VAL : reason)
            .format(format == null ? io.sluice.sbe.SignalFormat.NULL_VAL : format);
        putName(accounts, accountId, parseResult.offset() + io.sluice.sbe.ParseResultEncoder.accountEncodingOffset(),
            io.sluice.sbe.ParseResultEncoder.accountLength());
        parseResult.limitValue(limitValue).actualValue(actualValue);
        parseResult.putSignalId(signalId, signalIdOffset, signalIdLength);
        fieldText.clear();
        if (field != null)
        {
            fieldText.append(field);
        }
        parseResult.putField(fieldText.buffer(), 0, fieldText.length());
        parseResult.putDetail(detail.buffer(), 0, detail.length());
        parseResult.putIntents(intents, 0, intents.length);
        emit(parseResult.encodedLength());
    }

    void engineError(final int inputTemplateId, final long nowNs, final AsciiText detail)
    {
        engineError.wrapAndApplyHeader(buffer, 0, header)
            .inputTemplateId(inputTemplateId)
            .timestampNs(nowNs)
            .putDetail(detail.buffer(), 0, detail.length());
        emit(engineError.encodedLength());
    }

    private void emit(final int bodyLength)
    {
        port.onOutput(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private void clear(final int offset, final int length)
    {
        buffer.setMemory(offset, length, (byte)0);
    }

    static void putClientOrderId(final MutableDirectBuffer buffer, final int fieldOffset, final long key)
    {
        ClientOrderIds.put(key, buffer, fieldOffset);
        buffer.setMemory(fieldOffset + ClientOrderIds.LENGTH, CLIENT_ORDER_ID_FIELD_LENGTH - ClientOrderIds.LENGTH, (byte)0);
    }
}
