package io.sluice.journal.projection;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntFunction;

import io.sluice.journal.EngineOrders;
import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalRecord;
import io.sluice.journal.RejectGates;
import io.sluice.journal.projection.ProjectionBatch.AccountRow;
import io.sluice.journal.projection.ProjectionBatch.InstrumentTokenRow;
import io.sluice.journal.projection.ProjectionBatch.OrderRow;
import io.sluice.journal.projection.ProjectionBatch.PositionRow;
import io.sluice.journal.projection.ProjectionBatch.SignalRow;
import io.sluice.journal.projection.ProjectionBatch.TradingStateRow;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.InstrumentKind;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns journal records into the rows of a {@link ProjectionBatch}: the projection's rules in one place,
 * without any database access.
 * <p>
 * Outputs carry the sequence of the input that caused them and may follow later inputs, so signal and admin
 * inputs wait in a small in-flight list until an output of a later sequence shows their outputs are complete
 * (the engine journals outputs in sequence order). Records at or below {@link #warmUpTo(long)} are read only to
 * rebuild that list after a restart: they were projected before and write nothing.
 */
final class JournalProjection implements JournalHandler
{
    static final String RAW_SIGNAL_COLUMNS =
        "journal_index, sequence, time, time_ns, source, format, ingress_time, signal_id, account, idempotency_key, body, dry_run, channel";
    static final String EXECUTION_COLUMNS = "journal_index, sequence, time, time_ns, client_order_id, venue_order_id," +
        " account, venue, symbol, exec_type, ord_status, side, last_qty, last_price, cum_qty, leaves_qty, avg_price," +
        " transact_time, trade_id, commission, commission_asset, text";
    static final String RISK_EVENT_COLUMNS = "journal_index, sequence, time, time_ns, gate, reason, limit_value," +
        " actual_value, client_order_id, account, symbol, signal_id, field, detail";
    static final String ADMIN_ACTION_COLUMNS = "journal_index, sequence, time, actor, action, scope, target, reason," +
        " issued_time, before_state, after_state, outcome, detail, outcome_index";
    static final String GLOBAL_TARGET = "GLOBAL";

    private static final int KIND_SIGNAL = 1;
    private static final int KIND_ADMIN = 2;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final io.sluice.sbe.AccountStatusDecoder accountStatus = new io.sluice.sbe.AccountStatusDecoder();
    private final io.sluice.sbe.CancelOrderDecoder cancelOrder = new io.sluice.sbe.CancelOrderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final OrderUpdateDecoder orderUpdate = new OrderUpdateDecoder();
    private final PositionUpdateDecoder positionUpdate = new PositionUpdateDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final TradingStateUpdateDecoder tradingStateUpdate = new TradingStateUpdateDecoder();
    private final EngineErrorDecoder engineError = new EngineErrorDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final UnsafeBuffer body = new UnsafeBuffer(0, 0);

    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final Map<String, String> tradingStates = new HashMap<>();
    private ProjectionBatch batch;
    private long warmUpTo = -1;
    private long firstInputSequence = Long.MAX_VALUE;
    private long malformed;
    private long warmRecords;

    /** An input whose outputs may still come. */
    private static final class InFlight
    {
        int kind;
        long sequence;
        long index;
        long timeNs;
        String action;
        String scope;
        String target;
        String actor;
        String reason;
        long issuedTimeNs;
        boolean done;
    }

    JournalProjection(final ProjectionBatch batch)
    {
        this.batch = batch;
    }

    /**
     * Write the rows of the records that follow into this batch.
     *
     * @param batch an empty batch.
     */
    void batch(final ProjectionBatch batch)
    {
        this.batch = batch;
    }

    /**
     * Records at or below this index were projected before: read them only to rebuild in-flight inputs.
     *
     * @param index last index already projected, -1 for none.
     */
    void warmUpTo(final long index)
    {
        this.warmUpTo = index;
    }

    /**
     * The trading states already in the database, to record each admin action's state before it.
     *
     * @param states target ('GLOBAL' or account) to state.
     */
    void tradingStates(final Map<String, String> states)
    {
        tradingStates.putAll(states);
    }

    /** The first index that must be re-read after a restart to rebuild in-flight inputs, or -1. */
    long warmIndex()
    {
        return inFlight.isEmpty() ? -1 : inFlight.peekFirst().index;
    }

    long malformed()
    {
        return malformed;
    }

    long warmRecords()
    {
        return warmRecords;
    }

    public void onRecord(
        final long index, final int kind, final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final boolean warm = index <= warmUpTo;
        if (warm)
        {
            warmRecords++;
        }
        else
        {
            batch.records++;
            batch.lastIndex = index;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed += warm ? 0 : 1;
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            if (kind == JournalRecord.KIND_INPUT)
            {
                firstInputSequence = Math.min(firstInputSequence, sequence);
                onInput(warm, templateId, index, sequence, timestampNs, buffer, bodyOffset, blockLength, version);
            }
            else if (kind == JournalRecord.KIND_OUTPUT)
            {
                onOutput(warm, templateId, index, sequence, timestampNs, buffer, bodyOffset, blockLength, version);
            }
        }
        catch (final RuntimeException ex)
        {
            // A frame the decoders cannot read: counted and skipped, so one bad record never stops the projection.
            malformed += warm ? 0 : 1;
        }
    }

    private void onInput(
        final boolean warm, final int templateId, final long index, final long sequence, final long timeNs,
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case RawSignalDecoder.TEMPLATE_ID:
                rawSignal.wrap(buffer, offset, blockLength, version);
                inFlight(KIND_SIGNAL, sequence, index, timeNs);
                if (!warm)
                {
                    onRawSignal(index, sequence, timeNs);
                }
                break;
            case AdminCommandDecoder.TEMPLATE_ID:
                adminCommand.wrap(buffer, offset, blockLength, version);
                onAdminCommand(inFlight(KIND_ADMIN, sequence, index, timeNs));
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                if (!warm)
                {
                    onExecutionReport(executionReport.wrap(buffer, offset, blockLength, version), index, sequence, timeNs);
                }
                break;
            case AccountUpdateDecoder.TEMPLATE_ID:
                if (!warm)
                {
                    onAccountUpdate(accountUpdate.wrap(buffer, offset, blockLength, version), index);
                }
                break;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                if (!warm)
                {
                    onInstrumentDefinition(instrumentDefinition.wrap(buffer, offset, blockLength, version), index, timeNs);
                }
                break;
            default:
                break;
        }
    }

    private void onOutput(
        final boolean warm, final int templateId, final long index, final long sequence, final long timeNs,
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        completeBefore(sequence, warm);
        final InFlight cause = inFlight(sequence);
        if (warm)
        {
            if (cause != null && cause.kind == KIND_ADMIN &&
                (templateId == TradingStateUpdateDecoder.TEMPLATE_ID || templateId == EngineErrorDecoder.TEMPLATE_ID))
            {
                cause.done = true;
            }
            return;
        }
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                onNewOrder(newOrder.wrap(buffer, offset, blockLength, version), cause, index, sequence, timeNs);
                break;
            case OrderUpdateDecoder.TEMPLATE_ID:
                onOrderUpdate(orderUpdate.wrap(buffer, offset, blockLength, version), index, timeNs);
                break;
            case PositionUpdateDecoder.TEMPLATE_ID:
                onPositionUpdate(positionUpdate.wrap(buffer, offset, blockLength, version), index, timeNs);
                break;
            case RiskRejectDecoder.TEMPLATE_ID:
                onRiskReject(riskReject.wrap(buffer, offset, blockLength, version), cause, index, sequence, timeNs);
                break;
            case TradingStateUpdateDecoder.TEMPLATE_ID:
                onTradingStateUpdate(tradingStateUpdate.wrap(buffer, offset, blockLength, version), cause, index, sequence, timeNs);
                break;
            case EngineErrorDecoder.TEMPLATE_ID:
                onEngineError(engineError.wrap(buffer, offset, blockLength, version), cause, index, sequence, timeNs);
                break;
            case io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID:
                onAccountStatus(accountStatus.wrap(buffer, offset, blockLength, version), index);
                break;
            case io.sluice.sbe.CancelOrderDecoder.TEMPLATE_ID:
                if (cause != null && cause.kind == KIND_ADMIN && !cause.done)
                {
                    // An operator's CANCEL_ORDER reached the venue's stream.
                    cause.done = true;
                    final String cancelled = cancelOrder.wrap(buffer, offset, blockLength, version).clientOrderId();
                    adminAction(cause.index, sequence, cause.timeNs, cause.actor, cause.action, cause.scope, cause.target, cause.reason,
                        cause.issuedTimeNs, tradingStates.get(cause.target), null, "APPLIED", "cancel sent for " + cancelled.trim(), index);
                }
                break;
            default:
                break;
        }
    }

    private void onRawSignal(final long index, final long sequence, final long timeNs)
    {
        final String source = enumName(rawSignal.sourceRaw(), raw -> SignalSource.get((short)raw));
        final String format = enumName(rawSignal.formatRaw(), raw -> SignalFormat.get((short)raw));
        final long ingressTimeNs = rawSignal.ingressTimeNs();
        final boolean v2 = rawSignal.actingVersion() >= RawSignalDecoder.dryRunSinceVersion();
        final String dryRun = v2 ? enumName(rawSignal.dryRunRaw(), raw -> BooleanType.get((short)raw)) : null;
        final String signalId = nullIfEmpty(rawSignal.signalId());
        final String account = nullIfEmpty(rawSignal.account());
        final String idempotencyKey = nullIfEmpty(rawSignal.idempotencyKey());
        rawSignal.wrapBody(body);

        batch.rawSignals.longValue(index).longValue(sequence).timestamp(timeNs).longValue(timeNs)
            .text(source).text(format).timestampOrNull(ingressTimeNs).text(signalId).text(account).text(idempotencyKey)
            .bytea(body, 0, body.capacity());
        if (dryRun == null)
        {
            batch.rawSignals.nul();
        }
        else
        {
            batch.rawSignals.text("TRUE".equals(dryRun) ? "true" : "false");
        }
        batch.rawSignals.text(v2 ? nullIfEmpty(rawSignal.channel()) : null).endRow();

        final SignalRow signal = batch.signal(sequence);
        signal.created = signal.outcomeIndex < 0 && signal.rawIndex < 0;
        signal.rawIndex = index;
        signal.identity(timeNs, signalId, account);
    }

    private void onAdminCommand(final InFlight command)
    {
        command.action = enumName(adminCommand.actionRaw(), raw -> AdminAction.get((short)raw));
        command.scope = enumName(adminCommand.scopeRaw(), raw -> AdminScope.get((short)raw));
        final String account = nullIfEmpty(adminCommand.account());
        command.issuedTimeNs = adminCommand.issuedTimeNs();
        final boolean v2 = adminCommand.actingVersion() >= AdminCommandDecoder.venueSinceVersion();
        command.target = target(command.scope, account, v2 ? nullIfEmpty(adminCommand.venue()) : null,
            v2 ? nullIfEmpty(adminCommand.symbol()) : null);
        command.actor = nullIfEmpty(adminCommand.actor());
        command.reason = nullIfEmpty(adminCommand.reason());
    }

    private void onExecutionReport(final ExecutionReportDecoder d, final long index, final long sequence, final long timeNs)
    {
        final DirectBuffer buffer = d.buffer();
        final int offset = d.offset();
        final CopyBuffer out = batch.executions;
        out.longValue(index).longValue(sequence).timestamp(timeNs).longValue(timeNs)
            .fixedChars(buffer, offset + ExecutionReportDecoder.clientOrderIdEncodingOffset(), ExecutionReportDecoder.clientOrderIdLength())
            .fixedChars(buffer, offset + ExecutionReportDecoder.venueOrderIdEncodingOffset(), ExecutionReportDecoder.venueOrderIdLength())
            .fixedChars(buffer, offset + ExecutionReportDecoder.accountEncodingOffset(), ExecutionReportDecoder.accountLength())
            .fixedChars(buffer, offset + ExecutionReportDecoder.venueEncodingOffset(), ExecutionReportDecoder.venueLength())
            .fixedChars(buffer, offset + ExecutionReportDecoder.symbolEncodingOffset(), ExecutionReportDecoder.symbolLength())
            .text(enumName(d.execTypeRaw(), raw -> ExecType.get((short)raw)))
            .text(enumName(d.ordStatusRaw(), raw -> OrdStatus.get((short)raw)))
            .text(enumName(d.sideRaw(), raw -> Side.get((short)raw)))
            .fixed(d.lastQty()).fixed(d.lastPrice()).fixed(d.cumQty()).fixed(d.leavesQty()).fixed(d.avgPrice())
            .timestampOrNull(d.transactTimeNs());
        if (d.actingVersion() >= ExecutionReportDecoder.tradeIdSinceVersion())
        {
            out.fixedChars(buffer, offset + ExecutionReportDecoder.tradeIdEncodingOffset(), ExecutionReportDecoder.tradeIdLength());
        }
        else
        {
            out.nul();
        }
        out.fixed(d.actingVersion() >= ExecutionReportDecoder.commissionSinceVersion() ? d.commission() : Fixed.NULL);
        if (d.actingVersion() >= ExecutionReportDecoder.commissionAssetSinceVersion())
        {
            out.fixedChars(buffer, offset + ExecutionReportDecoder.commissionAssetEncodingOffset(),
                ExecutionReportDecoder.commissionAssetLength());
        }
        else
        {
            out.nul();
        }
        out.text(nullIfEmpty(d.text())).endRow();
        batch.executionMonths.add(ProjectionWriter.month(timeNs));
    }

    private void onAccountUpdate(final AccountUpdateDecoder d, final long index)
    {
        final String account = nullIfEmpty(d.account());
        if (account == null)
        {
            return;
        }
        final AccountRow row = batch.account(account, index);
        if (index > row.balanceIndex)
        {
            row.venue = nullIfEmpty(d.venue());
            row.currency = nullIfEmpty(d.currency());
            row.balance = d.balance();
            row.equity = d.equity();
            row.marginAvailable = d.marginAvailable();
            row.marginUsed = d.marginUsed();
            row.balanceIndex = index;
            row.balanceTimeNs = d.timestampNs();
        }
    }

    // A broker master's instrument (schema v3, with its sync date) becomes its day's row of instrument_tokens; other
    // venues' definitions (exchange rules without a master) are not a token snapshot.
    private void onInstrumentDefinition(final InstrumentDefinitionDecoder d, final long index, final long timeNs)
    {
        if (d.actingVersion() < InstrumentDefinitionDecoder.syncDateSinceVersion() ||
            d.syncDate() == InstrumentDefinitionDecoder.syncDateNullValue())
        {
            return;
        }
        final String venue = nullIfEmpty(d.venue());
        final String symbol = nullIfEmpty(d.symbol());
        if (venue == null || symbol == null)
        {
            return;
        }
        final String syncDate = isoDate(d.syncDate());
        final InstrumentTokenRow row = batch.instrumentTokens.computeIfAbsent(
            venue + '\u0000' + symbol + '\u0000' + syncDate, key -> new InstrumentTokenRow());
        row.venue = venue;
        row.symbol = symbol;
        row.syncDate = syncDate;
        row.brokerSymbol = nullIfEmpty(d.venueSymbol());
        row.token = nullIfEmpty(d.venueToken());
        row.tickSize = d.tickSize();
        row.lotSize = d.lotSize();
        row.freezeQty = d.freezeQty();
        row.underlying = nullIfEmpty(d.underlying());
        row.instrumentType = enumName(d.instrumentKindRaw(), raw -> InstrumentKind.get((short)raw));
        row.expiry = d.expiryDate() == InstrumentDefinitionDecoder.expiryDateNullValue() ? null : isoDate(d.expiryDate());
        row.strike = d.strike();
        row.exchangeSegment = nullIfEmpty(d.exchangeSegment());
        row.index = index;
        row.timeNs = timeNs;
    }

    private static String isoDate(final long yyyymmdd)
    {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    // An operator's account change as the engine applied it: the account's configuration columns.
    private void onAccountStatus(final io.sluice.sbe.AccountStatusDecoder d, final long index)
    {
        final String operation = d.operation().name();
        final String account = nullIfEmpty(d.account());
        final String venue = nullIfEmpty(d.venue());
        final String currency = nullIfEmpty(d.currency());
        final boolean enabled = d.enabled() == io.sluice.sbe.BooleanType.TRUE;
        final long maxOrderQty = d.maxOrderQty();
        final long maxNotional = d.maxNotional();
        final long timeNs = d.timestampNs();
        final String actor = nullIfEmpty(d.actor());
        final String credentialRef = nullIfEmpty(d.credentialRef());
        if (account == null)
        {
            return;
        }
        final AccountRow row = batch.account(account, index);
        if (index > row.configIndex)
        {
            row.defaultVenue = venue;
            row.configCurrency = currency;
            row.enabled = enabled ? "t" : "f";
            row.maxOrderQty = maxOrderQty;
            row.maxNotional = maxNotional;
            row.credentialRef = credentialRef;
            row.configOperation = operation;
            row.configActor = actor;
            row.configIndex = index;
            row.configTimeNs = timeNs;
        }
    }

    private void onNewOrder(final NewOrderDecoder d, final InFlight cause, final long index, final long sequence, final long timeNs)
    {
        final String clientOrderId = d.clientOrderId();
        final String account = nullIfEmpty(d.account());
        final String venue = nullIfEmpty(d.venue());
        final String symbol = nullIfEmpty(d.symbol());
        final String side = enumName(d.sideRaw(), raw -> Side.get((short)raw));
        final String ordType = enumName(d.ordTypeRaw(), raw -> OrdType.get((short)raw));
        final String timeInForce = enumName(d.timeInForceRaw(), raw -> TimeInForce.get((short)raw));
        final long quantity = d.quantity();
        final long price = d.price();
        final long stopPrice = d.stopPrice();
        final long takeProfit = d.takeProfit();
        final long stopLoss = d.stopLoss();
        final String signalId = nullIfEmpty(d.signalId());

        final OrderRow order = batch.order(clientOrderId);
        if (order.createdIndex < 0)
        {
            order.created = order.lastIndex < 0;
            order.account = account;
            order.venue = venue;
            order.symbol = symbol;
            order.side = side;
            order.ordType = ordType;
            order.timeInForce = timeInForce;
            order.quantity = quantity;
            order.price = price;
            order.stopPrice = stopPrice;
            order.takeProfit = takeProfit;
            order.stopLoss = stopLoss;
            order.signalId = signalId;
            order.signalSequence = sequence;
            order.createdIndex = index;
            order.createdTimeNs = timeNs;
        }
        order.lastIndex = Math.max(order.lastIndex, index);
        if (account != null)
        {
            final AccountRow row = batch.account(account, index);
            row.venue = row.venue == null ? venue : row.venue;
        }

        if (isSignal(cause, sequence, signalId))
        {
            final SignalRow signal = batch.signal(sequence);
            signal.identity(timeNs, signalId, account);
            signal.outcome(ProjectionBatch.OUTCOME_ORDERED, index, timeNs);
            if (!signal.clientOrderIds.contains(clientOrderId))
            {
                signal.clientOrderIds.add(clientOrderId);
            }
            // The intent of the first order; a refusal may have named the symbol already.
            signal.symbol = signal.symbol == null ? symbol : signal.symbol;
            if (signal.side == null)
            {
                signal.venue = venue;
                signal.side = side;
                signal.ordType = ordType;
                signal.timeInForce = timeInForce;
                signal.quantity = quantity;
                signal.price = price;
                signal.stopPrice = stopPrice;
                signal.takeProfit = takeProfit;
                signal.stopLoss = stopLoss;
            }
        }
    }

    private void onOrderUpdate(final OrderUpdateDecoder d, final long index, final long timeNs)
    {
        final OrderRow order = batch.order(d.clientOrderId());
        final String venueOrderId = nullIfEmpty(d.venueOrderId());
        final String account = nullIfEmpty(d.account());
        final String venue = nullIfEmpty(d.venue());
        final String symbol = nullIfEmpty(d.symbol());
        final String side = enumName(d.sideRaw(), raw -> Side.get((short)raw));
        final String ordType = enumName(d.ordTypeRaw(), raw -> OrdType.get((short)raw));
        final String status = enumName(d.ordStatusRaw(), raw -> OrdStatus.get((short)raw));
        final long quantity = d.quantity();
        final long price = d.price();
        final long cumQty = d.cumQty();
        final long leavesQty = d.leavesQty();
        final long avgPrice = d.avgPrice();
        final String text = nullIfEmpty(d.text());
        if (order.account == null)
        {
            order.account = account;
            order.venue = venue;
            order.symbol = symbol;
            order.side = side;
            order.ordType = ordType;
            order.quantity = quantity;
            order.price = price;
        }
        if (index > order.updatedIndex)
        {
            order.status = status;
            order.venueOrderId = venueOrderId;
            order.cumQty = cumQty;
            order.leavesQty = leavesQty;
            order.avgPrice = avgPrice;
            order.text = text;
            order.updatedIndex = index;
            order.updatedTimeNs = timeNs;
        }
        order.lastIndex = Math.max(order.lastIndex, index);
    }

    private void onPositionUpdate(final PositionUpdateDecoder d, final long index, final long timeNs)
    {
        final String account = d.account();
        final String venue = d.venue();
        final String symbol = d.symbol();
        final PositionRow row = batch.positions.computeIfAbsent(account + '\u0000' + venue + '\u0000' + symbol, key -> new PositionRow());
        row.account = account;
        row.venue = venue;
        row.symbol = symbol;
        row.quantity = d.quantity();
        row.avgPrice = d.avgPrice();
        row.realizedPnl = d.realizedPnl();
        row.index = index;
        row.timeNs = timeNs;
        if (!account.isEmpty())
        {
            final AccountRow accountRow = batch.account(account, index);
            accountRow.venue = accountRow.venue == null ? nullIfEmpty(venue) : accountRow.venue;
        }
    }

    private void onRiskReject(final RiskRejectDecoder d, final InFlight cause, final long index, final long sequence, final long timeNs)
    {
        final RejectReason reason = rejectReason(d.reasonRaw());
        final String reasonName = reason == null ? "UNKNOWN(" + d.reasonRaw() + ")" : reason.name();
        final long limitValue = d.limitValue();
        final long actualValue = d.actualValue();
        final String clientOrderId = nullIfEmpty(d.clientOrderId());
        final String account = nullIfEmpty(d.account());
        final String symbol = nullIfEmpty(d.symbol());
        final String signalId = nullIfEmpty(d.signalId());
        final String field = nullIfEmpty(d.field());
        final String detail = nullIfEmpty(d.detail());

        batch.riskEvents.longValue(index).longValue(sequence).timestamp(timeNs).longValue(timeNs)
            .text(RejectGates.gate(reason)).text(reasonName).fixed(limitValue).fixed(actualValue)
            .text(clientOrderId).text(account).text(symbol).text(signalId).text(field).text(detail).endRow();

        if (account != null)
        {
            batch.account(account, index);
        }
        if (isSignal(cause, sequence, signalId))
        {
            final SignalRow signal = batch.signal(sequence);
            signal.identity(timeNs, signalId, account);
            signal.outcome(ProjectionBatch.OUTCOME_REJECTED, index, timeNs);
            if (signal.reason == null)
            {
                signal.reason = reasonName;
                signal.field = field;
                signal.detail = detail;
                signal.limitValue = limitValue;
                signal.actualValue = actualValue;
            }
            if (signal.symbol == null)
            {
                signal.symbol = symbol;
            }
        }
    }

    private void onTradingStateUpdate(
        final TradingStateUpdateDecoder d, final InFlight cause, final long index, final long sequence, final long timeNs)
    {
        final String scope = enumName(d.scopeRaw(), raw -> AdminScope.get((short)raw));
        final String account = nullIfEmpty(d.account());
        final String state = enumName(d.stateRaw(), raw -> TradingState.get((short)raw));
        final boolean v2 = d.actingVersion() >= TradingStateUpdateDecoder.venueSinceVersion();
        final String venue = v2 ? nullIfEmpty(d.venue()) : null;
        final String symbol = v2 ? nullIfEmpty(d.symbol()) : null;
        final String actor = nullIfEmpty(d.actor());
        final String reason = nullIfEmpty(d.reason());
        final String target = target(scope, account, venue, symbol);
        final String before = tradingStates.get(target);

        if (cause != null && cause.kind == KIND_ADMIN)
        {
            if (!cause.done)
            {
                cause.done = true;
                adminAction(cause.index, sequence, cause.timeNs, cause.actor != null ? cause.actor : actor, cause.action,
                    cause.scope != null ? cause.scope : scope, target, cause.reason != null ? cause.reason : reason,
                    cause.issuedTimeNs, before, state, "APPLIED", null, index);
            }
        }
        else
        {
            adminAction(index, sequence, timeNs, actor, null, scope, target, reason, 0, before, state, "APPLIED", null, index);
        }

        tradingStates.put(target, state);
        final TradingStateRow row = batch.tradingStates.computeIfAbsent(target, key -> new TradingStateRow());
        row.target = target;
        row.scope = scope;
        row.state = state;
        row.actor = actor;
        row.reason = reason;
        row.index = index;
        row.timeNs = timeNs;
        if (AdminScope.ACCOUNT.name().equals(scope) && account != null)
        {
            final AccountRow accountRow = batch.account(target, index);
            accountRow.tradingState = state;
            accountRow.tradingStateIndex = index;
            accountRow.tradingStateTimeNs = timeNs;
        }
    }

    private void onEngineError(
        final EngineErrorDecoder d, final InFlight cause, final long index, final long sequence, final long timeNs)
    {
        if (cause == null)
        {
            return;
        }
        final String detail = nullIfEmpty(d.detail());
        if (cause.kind == KIND_ADMIN)
        {
            if (!cause.done)
            {
                cause.done = true;
                adminAction(cause.index, sequence, cause.timeNs, cause.actor, cause.action, cause.scope, cause.target, cause.reason,
                    cause.issuedTimeNs, tradingStates.get(cause.target), null, "ERROR", detail, index);
            }
        }
        else
        {
            final SignalRow signal = batch.signal(sequence);
            signal.identity(timeNs, null, null);
            signal.outcome(ProjectionBatch.OUTCOME_ERROR, index, timeNs);
            if (signal.reason == null)
            {
                signal.reason = RejectReason.ENGINE_ERROR.name();
                signal.detail = detail;
            }
        }
    }

    private void adminAction(
        final long index, final long sequence, final long timeNs, final String actor, final String action, final String scope,
        final String target, final String reason, final long issuedTimeNs, final String before, final String after,
        final String outcome, final String detail, final long outcomeIndex)
    {
        batch.adminActions.longValue(index).longValue(sequence).timestamp(timeNs).text(actor).text(action).text(scope)
            .text(target).text(reason).timestampOrNull(issuedTimeNs).text(before).text(after).text(outcome).text(detail)
            .indexOrNull(outcomeIndex).endRow();
    }

    // What a trading state applies to: GLOBAL, an account, or (schema v2) a venue or an instrument.
    static String target(final String scope, final String account, final String venue, final String symbol)
    {
        if (scope == null || AdminScope.GLOBAL.name().equals(scope))
        {
            return GLOBAL_TARGET;
        }
        if (AdminScope.ACCOUNT.name().equals(scope))
        {
            return account == null ? GLOBAL_TARGET : account;
        }
        if (venue == null && symbol == null)
        {
            return scope.toLowerCase(java.util.Locale.ROOT);
        }
        return scope.toLowerCase(java.util.Locale.ROOT) + ':' + (symbol != null ? symbol : venue);
    }

    private InFlight inFlight(final int kind, final long sequence, final long index, final long timeNs)
    {
        final InFlight input = new InFlight();
        input.kind = kind;
        input.sequence = sequence;
        input.index = index;
        input.timeNs = timeNs;
        inFlight.addLast(input);
        return input;
    }

    private InFlight inFlight(final long sequence)
    {
        for (final InFlight input : inFlight)
        {
            if (input.sequence == sequence)
            {
                return input;
            }
        }
        return null;
    }

    // An output of a later sequence: every earlier input has all its outputs in the journal.
    private void completeBefore(final long sequence, final boolean warm)
    {
        final Iterator<InFlight> it = inFlight.iterator();
        while (it.hasNext())
        {
            final InFlight input = it.next();
            if (input.sequence >= sequence)
            {
                break;
            }
            it.remove();
            if (!warm && input.kind == KIND_ADMIN && !input.done)
            {
                adminAction(input.index, input.sequence, input.timeNs, input.actor, input.action, input.scope, input.target,
                    input.reason, input.issuedTimeNs, tradingStates.get(input.target), null, "NO_OUTCOME", null, -1);
            }
        }
    }

    // Whether the input of an output was a signal. Every signal input read is in flight until its outputs are
    // complete, so an output of a later input without one came from something else (a tick's square-off); only for
    // inputs before the first one read (a journal trimmed by retention, a --from) does the order's signal id decide.
    private boolean isSignal(final InFlight cause, final long sequence, final String signalId)
    {
        if (cause != null)
        {
            return cause.kind == KIND_SIGNAL;
        }
        return sequence < firstInputSequence && !EngineOrders.isEngineMade(signalId);
    }

    private static RejectReason rejectReason(final int raw)
    {
        try
        {
            final RejectReason reason = RejectReason.get(raw);
            return reason == RejectReason.NULL_VAL ? null : reason;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    static String enumName(final int raw, final IntFunction<Enum<?>> lookup)
    {
        try
        {
            final Enum<?> value = lookup.apply(raw);
            return "NULL_VAL".equals(value.name()) ? null : value.name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "UNKNOWN(" + raw + ")";
        }
    }

    static String nullIfEmpty(final String value)
    {
        return value == null || value.isEmpty() ? null : value;
    }
}
