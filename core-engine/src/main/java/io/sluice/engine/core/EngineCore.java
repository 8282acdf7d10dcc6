package io.sluice.engine.core;

import io.sluice.protocol.Ascii;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.TickDecoder;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The deterministic core: one entry point per input frame, all effects through an {@link OutputPort}.
 * <p>
 * A signal goes parse → deduplicate → risk → route; execution reports drive the order state machine
 * and positions; operator commands change trading states; market data and gateway status feed the
 * gates; Ticks drive timers. Time is only ever the frame's timestamp, so the same frames give the same
 * outputs byte for byte — the basis of replay, recovery and investigation. No threads, no I/O, no
 * allocation in steady state.
 */
public final class EngineCore
{
    private static final long FLATTEN_SALT = 0x5f1a77e2L;

    private final CoreConfig config;
    private final NameIndex accounts;
    private final NameIndex instruments;
    private final NameIndex venues;
    private final int[] accountVenue;
    private final GatewayState[] venueStates;
    private final long[] venueHeartbeatNs;
    private final Position[][] positions;
    private final MarketPrices prices;
    private final DedupWindow dedup;
    private final OrderBook orders;
    private final PreTradeRisk risk;
    private final CanonicalSignalParser parser = new CanonicalSignalParser();
    private final SignalIntent intent = new SignalIntent();
    private final CoreOutputs out;
    private final AsciiText text = new AsciiText();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final TickDecoder tick = new TickDecoder();

    private final UnsafeBuffer signalIdView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer accountView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer keyView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer bodyView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer textView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer actorView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer reasonView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer flattenId = new UnsafeBuffer(new byte[32]);

    private long sequence;
    private long nowNs;
    private long framesProcessed;
    private long errors;

    /**
     * @param config accounts, instruments, venues and sizing.
     * @param port   where outputs go.
     */
    public EngineCore(final CoreConfig config, final OutputPort port)
    {
        this.config = config;
        this.accounts = new NameIndex(config.accounts.stream().map(a -> a.name).toList(), 16);
        this.instruments = new NameIndex(config.instruments, 32);
        this.venues = new NameIndex(config.venues, 16);
        this.accountVenue = new int[accounts.size()];
        for (int i = 0; i < accountVenue.length; i++)
        {
            accountVenue[i] = venueId(config.accounts.get(i).venue);
        }
        this.venueStates = new GatewayState[venues.size()];
        this.venueHeartbeatNs = new long[venues.size()];
        this.positions = new Position[accounts.size()][instruments.size()];
        for (final Position[] row : positions)
        {
            for (int i = 0; i < row.length; i++)
            {
                row[i] = new Position();
            }
        }
        this.prices = new MarketPrices(instruments.size());
        this.dedup = new DedupWindow(config.dedupCapacity, config.dedupWindowNs);
        this.orders = new OrderBook(config.maxLiveOrders);
        this.risk = new PreTradeRisk(config, accounts, venues);
        this.out = new CoreOutputs(accounts, instruments, venues);
        this.out.port(port);
    }

    private int venueId(final String name)
    {
        final byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return venues.lookup(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * Redirect outputs (e.g. to suppress them while replaying the journal).
     *
     * @param port new output port.
     */
    public void outputPort(final OutputPort port)
    {
        out.port(port);
    }

    /**
     * Process one input frame. Never throws: a failure becomes an EngineError output for that frame.
     *
     * @param sequence    engine sequence of the frame.
     * @param timestampNs engine event time of the frame: the core's only clock.
     * @param buffer      holding one SBE message (header first).
     * @param offset      of the message.
     * @param length      of the message.
     */
    public void onFrame(final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        this.sequence = sequence;
        this.nowNs = timestampNs;
        framesProcessed++;
        int templateId = 0;
        try
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                error(0, "frame shorter than an SBE header");
                return;
            }
            header.wrap(buffer, offset);
            templateId = header.templateId();
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                error(templateId, "frame of an unknown schema");
                return;
            }
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (templateId)
            {
                case RawSignalDecoder.TEMPLATE_ID:
                    rawSignal.wrap(buffer, bodyOffset, blockLength, version);
                    onRawSignal();
                    break;
                case ExecutionReportDecoder.TEMPLATE_ID:
                    executionReport.wrap(buffer, bodyOffset, blockLength, version);
                    onExecutionReport();
                    break;
                case MarketDataDecoder.TEMPLATE_ID:
                    marketData.wrap(buffer, bodyOffset, blockLength, version);
                    onMarketData();
                    break;
                case GatewayStatusDecoder.TEMPLATE_ID:
                    gatewayStatus.wrap(buffer, bodyOffset, blockLength, version);
                    onGatewayStatus();
                    break;
                case AdminCommandDecoder.TEMPLATE_ID:
                    adminCommand.wrap(buffer, bodyOffset, blockLength, version);
                    onAdminCommand();
                    break;
                case TickDecoder.TEMPLATE_ID:
                    tick.wrap(buffer, bodyOffset, blockLength, version);
                    onTick();
                    break;
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                case AccountUpdateDecoder.TEMPLATE_ID:
                    // Reference data from gateways: journaled for the read model; the risk stage's
                    // instrument rules and buying-power gates consume them.
                    break;
                default:
                    error(templateId, "unexpected message type");
            }
        }
        catch (final Exception ex)
        {
            // Caught, counted and journaled as this input's outcome; the ring moves on.
            error(templateId, ex.getClass().getSimpleName());
        }
    }

    private void onRawSignal()
    {
        final boolean dryRun = rawSignal.dryRun() == BooleanType.TRUE;
        rawSignal.wrapSignalId(signalIdView);
        rawSignal.wrapAccount(accountView);
        rawSignal.wrapIdempotencyKey(keyView);
        rawSignal.wrapBody(bodyView);

        if (dryRun)
        {
            // Safety first: a dry run must never trade. Until dry-run outcomes have their own output,
            // it is answered with a refusal that says so.
            rejectSignal(RejectReason.NOT_A_SIGNAL, null, -1, -1, "dry run: decided nothing, routed nothing");
            return;
        }
        if (rawSignal.format() != SignalFormat.CANONICAL_JSON)
        {
            rejectSignal(RejectReason.UNPARSEABLE, null, -1, -1, "signal format not supported");
            return;
        }
        if (!parser.parse(bodyView, 0, bodyView.capacity(), intent))
        {
            rejectSignal(parser.errorReason, parser.errorField, -1, -1, parser.errorDetail);
            return;
        }

        DirectBuffer signalIdBuffer = signalIdView;
        int signalIdOffset = 0;
        int signalIdLength = signalIdView.capacity();
        if (signalIdLength == 0)
        {
            signalIdBuffer = bodyView;
            signalIdOffset = intent.idOffset;
            signalIdLength = intent.idLength;
            if (signalIdLength == 0)
            {
                rejectSignal(RejectReason.INVALID_FIELD, "id", -1, -1, "signal has no id");
                return;
            }
        }

        final int accountId;
        if (accountView.capacity() > 0)
        {
            if (intent.accountLength > 0 &&
                !Ascii.equals(bodyView, intent.accountOffset, intent.accountLength, accountView, 0, accountView.capacity()))
            {
                rejectSignal(RejectReason.INVALID_FIELD, "account", -1, -1, "account differs from the source's account");
                return;
            }
            accountId = accounts.lookup(accountView, 0, accountView.capacity());
        }
        else if (intent.accountLength > 0)
        {
            accountId = accounts.lookup(bodyView, intent.accountOffset, intent.accountLength);
        }
        else
        {
            rejectSignal(RejectReason.INVALID_FIELD, "account", -1, -1, "account is required");
            return;
        }
        if (accountId == NameIndex.MISSING)
        {
            rejectSignal(RejectReason.UNKNOWN_ACCOUNT, "account", -1, -1, "no such account");
            return;
        }

        final int instrumentId = instruments.lookup(bodyView, intent.symbolOffset, intent.symbolLength);
        if (instrumentId == NameIndex.MISSING)
        {
            text.clear().append("unknown symbol ").append(bodyView, intent.symbolOffset, intent.symbolLength);
            reject(RejectReason.UNKNOWN_SYMBOL, "symbol", accountId, -1, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }

        final int venueId = intent.venueLength > 0 ?
            venues.lookup(bodyView, intent.venueOffset, intent.venueLength) : accountVenue[accountId];
        if (venueId == NameIndex.MISSING)
        {
            text.clear().append("unknown venue ").append(bodyView, intent.venueOffset, intent.venueLength);
            reject(RejectReason.UNKNOWN_VENUE, "venue", accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }

        final long accountHash = accounts.hash(accountId);
        final long dedupKey;
        if (keyView.capacity() > 0)
        {
            dedupKey = Ascii.hash(accountHash, keyView, 0, keyView.capacity());
        }
        else if (intent.idLength > 0)
        {
            dedupKey = Ascii.hash(accountHash, bodyView, intent.idOffset, intent.idLength);
        }
        else
        {
            dedupKey = 0;
        }
        final long orderKey = ClientOrderIds.key(accountHash, signalIdBuffer, signalIdOffset, signalIdLength, 0, 0);
        if ((dedupKey != 0 && dedup.isDuplicate(dedupKey, nowNs)) || orders.contains(orderKey))
        {
            text.clear().append("signal id already seen for account ").append(accounts.name(accountId));
            reject(RejectReason.DUPLICATE, "id", accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }

        if (!risk.check(accountId, venueId, venueStates[venueId], intent.side, intent.ordType, intent.quantity,
            intent.price, intent.stopPrice, prices, instrumentId))
        {
            reject(risk.reason, risk.field, accountId, instrumentId, 0, risk.limitValue, risk.actualValue, risk.detail);
            return;
        }

        final Order order = orders.acquire();
        if (order == null)
        {
            text.clear().append("live order capacity ").appendLong(orders.capacity()).append(" reached");
            reject(RejectReason.ORDER_CAPACITY, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        order.key = orderKey;
        order.accountId = accountId;
        order.instrumentId = instrumentId;
        order.venueId = venueId;
        order.side = intent.side;
        order.ordType = intent.ordType;
        order.timeInForce = intent.timeInForce;
        order.quantity = intent.quantity;
        order.price = intent.price;
        order.stopPrice = intent.stopPrice;
        order.takeProfit = intent.takeProfit;
        order.stopLoss = intent.stopLoss;
        order.status = OrdStatus.PENDING_NEW;
        order.createdNs = nowNs;
        order.updatedNs = nowNs;
        orders.add(order);

        out.newOrder(order, signalIdBuffer, signalIdOffset, signalIdLength, nowNs);
        out.orderUpdate(order, textView, 0, 0, nowNs);
    }

    private void onExecutionReport()
    {
        final DirectBuffer buffer = executionReport.buffer();
        final int idOffset = executionReport.offset() + ExecutionReportDecoder.clientOrderIdEncodingOffset();
        final int idLength = Ascii.fixedLength(buffer, idOffset, ExecutionReportDecoder.clientOrderIdLength());
        final long key = ClientOrderIds.parse(buffer, idOffset, idLength);
        final Order order = key == ClientOrderIds.INVALID ? null : orders.get(key);
        if (order == null)
        {
            text.clear().append("execution report for an order that is not live: ").append(buffer, idOffset, idLength);
            out.engineError(ExecutionReportDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }

        final int venueIdOffset = executionReport.offset() + ExecutionReportDecoder.venueOrderIdEncodingOffset();
        if (buffer.getByte(venueIdOffset) != 0)
        {
            buffer.getBytes(venueIdOffset, order.venueOrderId, 0, Order.VENUE_ORDER_ID_LENGTH);
        }
        final ExecType execType = executionReport.execType();
        final OrdStatus reportedStatus = executionReport.ordStatus();
        final long cumQty = executionReport.cumQty();
        final long lastQty = executionReport.lastQty();
        final long lastPrice = executionReport.lastPrice();
        executionReport.wrapText(textView);

        switch (execType)
        {
            case NEW:
                if (order.status == OrdStatus.PENDING_NEW || order.status == OrdStatus.UNKNOWN)
                {
                    order.status = OrdStatus.NEW;
                }
                break;
            case TRADE:
                if (cumQty <= order.cumQty || lastQty <= 0)
                {
                    // A duplicate or stale fill: cumulative quantity has not grown. Nothing changes.
                    return;
                }
                final long fillQty = cumQty - order.cumQty;
                order.cumQty = cumQty;
                order.avgPrice += Fixed.mulDiv(lastPrice - order.avgPrice, fillQty, cumQty);
                order.status = order.cumQty >= order.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
                final Position position = positions[order.accountId][order.instrumentId];
                position.onFill(order.side == Side.BUY ? fillQty : -fillQty, lastPrice, nowNs);
                out.positionUpdate(order.accountId, order.venueId, order.instrumentId, position, nowNs);
                break;
            case CANCELED:
                order.status = OrdStatus.CANCELED;
                break;
            case REJECTED:
                order.status = OrdStatus.REJECTED;
                break;
            case EXPIRED:
                order.status = OrdStatus.EXPIRED;
                break;
            case CANCEL_REJECTED:
                if (order.status == OrdStatus.PENDING_CANCEL)
                {
                    order.status = order.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
                }
                break;
            case ORDER_STATUS:
                if (reportedStatus != null && reportedStatus != OrdStatus.NULL_VAL)
                {
                    order.status = reportedStatus;
                }
                break;
            default:
                text.clear().append("execution report with an unknown exec type");
                out.engineError(ExecutionReportDecoder.TEMPLATE_ID, nowNs, text);
                return;
        }
        order.updatedNs = nowNs;
        out.orderUpdate(order, textView, 0, textView.capacity(), nowNs);
        if (Order.isTerminal(order.status))
        {
            orders.release(order);
        }
    }

    private void onMarketData()
    {
        final int symbolOffset = marketData.offset() + MarketDataDecoder.symbolEncodingOffset();
        final DirectBuffer buffer = marketData.buffer();
        final int instrumentId = instruments.lookup(
            buffer, symbolOffset, Ascii.fixedLength(buffer, symbolOffset, MarketDataDecoder.symbolLength()));
        if (instrumentId != NameIndex.MISSING)
        {
            prices.update(instrumentId, marketData.bid(), marketData.ask(), marketData.last(), nowNs);
        }
    }

    private void onGatewayStatus()
    {
        final int venueOffset = gatewayStatus.offset() + GatewayStatusDecoder.venueEncodingOffset();
        final DirectBuffer buffer = gatewayStatus.buffer();
        final int venueId = venues.lookup(
            buffer, venueOffset, Ascii.fixedLength(buffer, venueOffset, GatewayStatusDecoder.venueLength()));
        if (venueId != NameIndex.MISSING)
        {
            final GatewayState state = gatewayStatus.state();
            venueStates[venueId] = state == GatewayState.NULL_VAL ? GatewayState.DOWN : state;
            venueHeartbeatNs[venueId] = nowNs;
        }
    }

    private void onAdminCommand()
    {
        final AdminAction action = adminCommand.action();
        final AdminScope scope = adminCommand.scope();
        final int accountOffset = adminCommand.offset() + AdminCommandDecoder.accountEncodingOffset();
        final DirectBuffer buffer = adminCommand.buffer();
        final int accountLength = Ascii.fixedLength(buffer, accountOffset, AdminCommandDecoder.accountLength());
        adminCommand.wrapActor(actorView);
        adminCommand.wrapReason(reasonView);

        int accountId = -1;
        if (scope == AdminScope.ACCOUNT)
        {
            accountId = accounts.lookup(buffer, accountOffset, accountLength);
            if (accountId == NameIndex.MISSING)
            {
                text.clear().append("admin command for unknown account ").append(buffer, accountOffset, accountLength);
                out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
                return;
            }
        }
        else if (scope != AdminScope.GLOBAL)
        {
            text.clear().append("admin command with an unknown scope");
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }

        final TradingState state;
        switch (action)
        {
            case KILL:
            case FLATTEN:
                state = TradingState.HALTED;
                break;
            case RESUME:
                state = TradingState.ACTIVE;
                break;
            default:
                text.clear().append("admin command with an unknown action");
                out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
                return;
        }
        if (accountId >= 0)
        {
            risk.accountState(accountId, state);
        }
        else
        {
            risk.globalState(state);
        }
        out.tradingStateUpdate(scope, accountId, state, nowNs,
            actorView, actorView.capacity(), reasonView, reasonView.capacity());
        if (action == AdminAction.FLATTEN)
        {
            flatten(accountId);
        }
    }

    // Cancel every live order and close every position in scope (one account, or all when -1).
    // Closing orders bypass the gates: they only ever reduce exposure.
    private void flatten(final int scopeAccountId)
    {
        orders.forEach(order ->
        {
            if ((scopeAccountId < 0 || order.accountId == scopeAccountId) && order.status != OrdStatus.PENDING_CANCEL)
            {
                order.status = OrdStatus.PENDING_CANCEL;
                out.cancelOrder(order, nowNs);
                out.orderUpdate(order, textView, 0, 0, nowNs);
            }
        });

        flattenId.putStringWithoutLengthAscii(0, "flatten-");
        final int idLength = 8 + flattenId.putLongAscii(8, sequence);
        for (int accountId = 0; accountId < positions.length; accountId++)
        {
            if (scopeAccountId >= 0 && accountId != scopeAccountId)
            {
                continue;
            }
            for (int instrumentId = 0; instrumentId < positions[accountId].length; instrumentId++)
            {
                final long quantity = positions[accountId][instrumentId].quantity;
                if (quantity == 0)
                {
                    continue;
                }
                final Order order = orders.acquire();
                if (order == null)
                {
                    text.clear().append("flatten: live order capacity reached");
                    out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
                    return;
                }
                order.key = ClientOrderIds.key(accounts.hash(accountId) ^ FLATTEN_SALT, flattenId, 0, idLength, instrumentId, 0);
                order.accountId = accountId;
                order.instrumentId = instrumentId;
                order.venueId = accountVenue[accountId];
                order.side = quantity > 0 ? Side.SELL : Side.BUY;
                order.ordType = OrdType.MARKET;
                order.timeInForce = TimeInForce.IOC;
                order.quantity = Math.abs(quantity);
                order.status = OrdStatus.PENDING_NEW;
                order.createdNs = nowNs;
                order.updatedNs = nowNs;
                orders.add(order);
                out.newOrder(order, flattenId, 0, idLength, nowNs);
                out.orderUpdate(order, textView, 0, 0, nowNs);
            }
        }
    }

    private void onTick()
    {
        dedup.expire(nowNs);
        for (int venueId = 0; venueId < venueStates.length; venueId++)
        {
            if (venueStates[venueId] == GatewayState.UP && nowNs - venueHeartbeatNs[venueId] > config.gatewayTimeoutNs)
            {
                venueStates[venueId] = GatewayState.DOWN;
                text.clear().append("no heartbeat for ").appendLong(config.gatewayTimeoutNs / 1_000_000).append(" ms");
                out.gatewayStatus(venueId, GatewayState.DOWN, nowNs, text);
            }
        }
    }

    private void rejectSignal(
        final RejectReason reason, final String field, final int accountId, final int instrumentId, final String detail)
    {
        text.clear().append(detail);
        reject(reason, field, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
    }

    private void reject(
        final RejectReason reason,
        final String field,
        final int accountId,
        final int instrumentId,
        final long orderKey,
        final long limitValue,
        final long actualValue,
        final AsciiText detail)
    {
        final int signalIdLength = signalIdView.capacity();
        final DirectBuffer signalId = signalIdLength > 0 || intent.idLength == 0 ? signalIdView : bodyView;
        final int signalIdOffset = signalIdLength > 0 || intent.idLength == 0 ? 0 : intent.idOffset;
        final int length = signalIdLength > 0 || intent.idLength == 0 ? signalIdLength : intent.idLength;
        out.riskReject(reason, limitValue, actualValue, orderKey, accountId, instrumentId, nowNs,
            signalId, signalIdOffset, length, field, detail);
    }

    private void error(final int templateId, final String detail)
    {
        errors++;
        text.clear().append(detail);
        out.engineError(templateId, nowNs, text);
    }

    /** Frames processed since construction. */
    public long framesProcessed()
    {
        return framesProcessed;
    }

    /** Inputs that ended in an EngineError because processing failed. */
    public long errors()
    {
        return errors;
    }

    /** Live orders. */
    public int liveOrders()
    {
        return orders.size();
    }

    /**
     * A hash of all state that decides future outputs: equal hashes after replay prove the replay.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = orders.stateHash();
        hash = 31 * hash + dedup.stateHash();
        hash = 31 * hash + risk.stateHash();
        hash = 31 * hash + prices.stateHash();
        for (final Position[] row : positions)
        {
            for (final Position position : row)
            {
                hash = 31 * hash + position.stateHash();
            }
        }
        for (int i = 0; i < venueStates.length; i++)
        {
            hash = 31 * hash + (venueStates[i] == null ? 0 : venueStates[i].value());
            hash = 31 * hash + venueHeartbeatNs[i];
        }
        return hash;
    }
}
