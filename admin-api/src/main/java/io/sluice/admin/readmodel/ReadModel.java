package io.sluice.admin.readmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.RiskUsageDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;

/**
 * The API's view of signals, orders, positions, trading and gateway states, built only from the journal.
 * <p>
 * One writer (the journal tail thread) calls {@link #onRecord}; any number of HTTP threads read. Every view
 * is an immutable record replaced as a whole in a concurrent map, so readers see either the old or the new
 * value. Signals and orders are bounded by the capacity (oldest created evicted first); executions and engine
 * errors keep the last few; positions, trading states and gateways are bounded by the engine's configured
 * accounts, instruments and venues.
 * <p>
 * It also keeps what the operator's dashboard shows: the last alerts, each account's risk usage and balances, the
 * latest price of each instrument with a bounded price series, and an intraday P&L series (realized plus positions
 * marked at the latest prices), all bounded.
 */
public final class ReadModel implements JournalHandler
{
    /** Execution reports kept for inspection. */
    public static final int EXECUTIONS_KEPT = 1000;
    /** Engine errors kept for inspection. */
    public static final int ENGINE_ERRORS_KEPT = 100;
    /** Alerts kept for inspection. */
    public static final int ALERTS_KEPT = 500;
    /** Instruments whose prices are tracked; MarketData of further instruments is ignored. */
    public static final int MAX_INSTRUMENTS = 1000;
    /** Points of each instrument's price series (one per second at most). */
    public static final int PRICE_POINTS = 3600;
    /** Points of the P&L series (one per second at most: eight hours). */
    public static final int PNL_POINTS = 28_800;
    private static final long SECOND_NS = 1_000_000_000L;

    private final int capacity;

    private final ConcurrentHashMap<String, SignalView> signals = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> signalsByCreation = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, OrderView> orders = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> ordersByCreation = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, PositionView> positions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TradingStateView> accountTradingStates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GatewayView> gateways = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<ExecutionView> executions = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<EngineErrorView> engineErrors = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<AlertView> alerts = new ConcurrentLinkedDeque<>();
    private final ConcurrentHashMap<String, RiskUsageView> riskUsage = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccountView> accountBalances = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccountDefinitionView> accountDefinitions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PriceView> prices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TimeSeries> priceSeries = new ConcurrentHashMap<>();
    private final TimeSeries pnlSeries = new TimeSeries(PNL_POINTS, SECOND_NS);
    private final ParseResults parseResults = new ParseResults();
    private final io.sluice.sbe.ParseResultDecoder parseResultDecoder = new io.sluice.sbe.ParseResultDecoder();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignalDecoder = new RawSignalDecoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final RiskRejectDecoder riskRejectDecoder = new RiskRejectDecoder();
    private final OrderUpdateDecoder orderUpdateDecoder = new OrderUpdateDecoder();
    private final PositionUpdateDecoder positionUpdateDecoder = new PositionUpdateDecoder();
    private final TradingStateUpdateDecoder tradingStateUpdateDecoder = new TradingStateUpdateDecoder();
    private final GatewayStatusDecoder gatewayStatusDecoder = new GatewayStatusDecoder();
    private final ExecutionReportDecoder executionReportDecoder = new ExecutionReportDecoder();
    private final EngineErrorDecoder engineErrorDecoder = new EngineErrorDecoder();
    private final AlertDecoder alertDecoder = new AlertDecoder();
    private final RiskUsageDecoder riskUsageDecoder = new RiskUsageDecoder();
    private final MarketDataDecoder marketDataDecoder = new MarketDataDecoder();
    private final AccountUpdateDecoder accountUpdateDecoder = new AccountUpdateDecoder();
    private final io.sluice.sbe.AccountStatusDecoder accountStatusDecoder = new io.sluice.sbe.AccountStatusDecoder();

    // Written only by the tail thread; volatile so HTTP threads see progress.
    private volatile TradingStateView globalTradingState;
    private volatile long lastIndex = -1;
    private volatile long recordsRead;
    private volatile long undecodableRecords;
    private volatile long engineErrorCount;
    private long creationSequence;
    private int executionCount;
    private int engineErrorKept;
    private int alertsKept;

    /**
     * An empty read model.
     *
     * @param capacity signals and orders kept each.
     */
    public ReadModel(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * Apply one journal record; records of other schemas, unknown templates and undecodable bytes are counted
     * and skipped so one bad record never stops the tail.
     */
    public void onRecord(
        final long index,
        final int kind,
        final long sequence,
        final long timestampNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        try
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                undecodableRecords++;
                return;
            }
            headerDecoder.wrap(buffer, offset);
            if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                undecodableRecords++;
                return;
            }
            final int templateId = headerDecoder.templateId();
            final int blockLength = headerDecoder.blockLength();
            final int version = headerDecoder.version();
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (kind == JournalRecord.KIND_INPUT)
            {
                onInput(index, templateId, buffer, bodyOffset, blockLength, version);
            }
            else if (kind == JournalRecord.KIND_OUTPUT)
            {
                onOutput(index, templateId, buffer, bodyOffset, blockLength, version);
            }
        }
        catch (final RuntimeException ex)
        {
            undecodableRecords++;
        }
        finally
        {
            recordsRead++;
            lastIndex = index;
        }
    }

    private void onInput(
        final long index, final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case RawSignalDecoder.TEMPLATE_ID:
                rawSignalDecoder.wrap(buffer, offset, blockLength, version);
                onRawSignal(index, rawSignalDecoder);
                break;
            case GatewayStatusDecoder.TEMPLATE_ID:
                gatewayStatusDecoder.wrap(buffer, offset, blockLength, version);
                onGatewayStatus(index, gatewayStatusDecoder);
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                executionReportDecoder.wrap(buffer, offset, blockLength, version);
                onExecutionReport(index, executionReportDecoder);
                break;
            case MarketDataDecoder.TEMPLATE_ID:
                marketDataDecoder.wrap(buffer, offset, blockLength, version);
                onMarketData(index, marketDataDecoder);
                break;
            case AccountUpdateDecoder.TEMPLATE_ID:
                accountUpdateDecoder.wrap(buffer, offset, blockLength, version);
                onAccountUpdate(index, accountUpdateDecoder);
                break;
            default:
                break;
        }
    }

    private void onOutput(
        final long index, final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrderDecoder.wrap(buffer, offset, blockLength, version);
                onNewOrder(index, newOrderDecoder);
                break;
            case GatewayStatusDecoder.TEMPLATE_ID:
                // The engine's own verdict, e.g. DOWN after missed heartbeats.
                gatewayStatusDecoder.wrap(buffer, offset, blockLength, version);
                onGatewayStatus(index, gatewayStatusDecoder);
                break;
            case RiskRejectDecoder.TEMPLATE_ID:
                riskRejectDecoder.wrap(buffer, offset, blockLength, version);
                onRiskReject(index, riskRejectDecoder);
                break;
            case OrderUpdateDecoder.TEMPLATE_ID:
                orderUpdateDecoder.wrap(buffer, offset, blockLength, version);
                onOrderUpdate(index, orderUpdateDecoder);
                break;
            case PositionUpdateDecoder.TEMPLATE_ID:
                positionUpdateDecoder.wrap(buffer, offset, blockLength, version);
                onPositionUpdate(index, positionUpdateDecoder);
                break;
            case TradingStateUpdateDecoder.TEMPLATE_ID:
                tradingStateUpdateDecoder.wrap(buffer, offset, blockLength, version);
                onTradingStateUpdate(index, tradingStateUpdateDecoder);
                break;
            case EngineErrorDecoder.TEMPLATE_ID:
                engineErrorDecoder.wrap(buffer, offset, blockLength, version);
                onEngineError(index, engineErrorDecoder);
                break;
            case AlertDecoder.TEMPLATE_ID:
                alertDecoder.wrap(buffer, offset, blockLength, version);
                onAlert(index, alertDecoder);
                break;
            case RiskUsageDecoder.TEMPLATE_ID:
                riskUsageDecoder.wrap(buffer, offset, blockLength, version);
                onRiskUsage(index, riskUsageDecoder);
                break;
            case io.sluice.sbe.ParseResultDecoder.TEMPLATE_ID:
                parseResultDecoder.wrap(buffer, offset, blockLength, version);
                onParseResult(parseResultDecoder);
                break;
            case io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID:
                accountStatusDecoder.wrap(buffer, offset, blockLength, version);
                onAccountStatus(index, accountStatusDecoder);
                break;
            default:
                break;
        }
    }

    private void onRawSignal(final long index, final RawSignalDecoder decoder)
    {
        final String source = decoder.source().name();
        decoder.format();
        final long ingressTimeNs = decoder.ingressTimeNs();
        if (decoder.actingVersion() >= RawSignalDecoder.dryRunSinceVersion() && decoder.dryRun() == io.sluice.sbe.BooleanType.TRUE)
        {
            return; // a dry run (POST /api/v1/signals/parse) is no signal: its answer is a ParseResult
        }
        final String signalId = decoder.signalId();
        final String account = decoder.account();
        final String idempotencyKey = decoder.idempotencyKey();
        if (signalId.isEmpty())
        {
            return;
        }
        final SignalView current = signals.get(signalId);
        if (current != null && current.decided() && current.source() != null)
        {
            return; // a repeat of a decided signal; its DUPLICATE refusal is counted in onRiskReject
        }
        final SignalView base = current != null ? current : createSignal(signalId);
        signals.put(signalId, base.received(source, account, emptyToNull(idempotencyKey), ingressTimeNs, index));
    }

    // The answer to a dry run: handed to the request waiting for it, kept nowhere else.
    private void onParseResult(final io.sluice.sbe.ParseResultDecoder d)
    {
        final long requestTimeNs = d.requestTimeNs();
        d.timestampNs();
        final String outcome = d.outcome().name();
        final io.sluice.sbe.RejectReason reason = d.reason();
        final io.sluice.sbe.SignalFormat format = d.format();
        final String account = d.account().trim();
        final long limitValue = d.limitValue();
        final long actualValue = d.actualValue();
        final String signalId = d.signalId();
        final String field = d.field();
        final String detail = d.detail();
        final String intents = d.intents();
        parseResults.complete(new ParseResultView(requestTimeNs, outcome,
            reason == io.sluice.sbe.RejectReason.NULL_VAL ? null : reason.name(),
            format == io.sluice.sbe.SignalFormat.NULL_VAL ? null : format.name(), emptyToNull(account), limitValue, actualValue,
            signalId, emptyToNull(field), emptyToNull(detail), intents));
    }

    /**
     * Requests waiting for the answers to their dry runs.
     *
     * @return the waiters, completed by this read model's tail.
     */
    public ParseResults parseResults()
    {
        return parseResults;
    }

    private void onNewOrder(final long index, final NewOrderDecoder decoder)
    {
        final String clientOrderId = decoder.clientOrderId();
        final String account = decoder.account();
        final String venue = decoder.venue();
        final String symbol = decoder.symbol();
        final String side = decoder.side().name();
        final String type = decoder.ordType().name();
        final String timeInForce = decoder.timeInForce().name();
        final long quantity = decoder.quantity();
        final long price = decoder.price();
        final long stopPrice = decoder.stopPrice();
        final long takeProfit = decoder.takeProfit();
        final long stopLoss = decoder.stopLoss();
        final long timestampNs = decoder.timestampNs();
        decoder.leg();
        decoder.attempt();
        final String signalId = emptyToNull(decoder.signalId());

        final OrderView existing = orders.get(clientOrderId);
        if (existing == null)
        {
            addOrder(new OrderView(clientOrderId, null, signalId, account, venue, symbol, side, type, timeInForce,
                OrdStatus.PENDING_NEW, quantity, price, stopPrice, takeProfit, stopLoss, 0, quantity, 0, null, timestampNs,
                index, null));
        }
        else
        {
            // A resend of a known order (e.g. replayed): keep the state the updates built, fill what was unknown.
            orders.put(clientOrderId, new OrderView(clientOrderId, existing.venueOrderId(), signalId, account, venue, symbol,
                side, type, timeInForce, existing.status(), quantity, price, stopPrice, takeProfit, stopLoss, existing.cumQty(),
                existing.leavesQty(), existing.avgPrice(), existing.text(), existing.updatedAtNs(), index, existing.reject()));
        }

        if (signalId != null)
        {
            final SignalView current = signals.get(signalId);
            final SignalView base = current != null ? current : createSignal(signalId);
            signals.put(signalId, base.ordered(clientOrderId));
        }
    }

    private void onRiskReject(final long index, final RiskRejectDecoder decoder)
    {
        final String reason = decoder.reason().name();
        final long limitValue = decoder.limitValue();
        final long actualValue = decoder.actualValue();
        final String clientOrderId = emptyToNull(decoder.clientOrderId());
        decoder.account();
        decoder.symbol();
        final long timestampNs = decoder.timestampNs();
        final String signalId = decoder.signalId();
        final String field = decoder.field();
        final String detail = decoder.detail();
        final RejectView reject = new RejectView(reason, emptyToNull(detail), emptyToNull(field), limitValue, actualValue,
            clientOrderId, timestampNs, index);

        if (!signalId.isEmpty())
        {
            final SignalView current = signals.get(signalId);
            if (current != null && current.decided() && "DUPLICATE".equals(reason))
            {
                signals.put(signalId, current.repeated());
            }
            else
            {
                final SignalView base = current != null ? current : createSignal(signalId);
                signals.put(signalId, base.rejected(reject));
            }
        }
        if (clientOrderId != null)
        {
            orders.computeIfPresent(clientOrderId, (id, order) -> order.withReject(reject));
        }
    }

    private void onOrderUpdate(final long index, final OrderUpdateDecoder decoder)
    {
        final String clientOrderId = decoder.clientOrderId();
        final String venueOrderId = emptyToNull(decoder.venueOrderId());
        final String account = decoder.account();
        final String venue = decoder.venue();
        final String symbol = decoder.symbol();
        final String side = decoder.side().name();
        final String type = decoder.ordType().name();
        final OrdStatus status = decoder.ordStatus();
        final long quantity = decoder.quantity();
        final long price = decoder.price();
        final long cumQty = decoder.cumQty();
        final long leavesQty = decoder.leavesQty();
        final long avgPrice = decoder.avgPrice();
        final long timestampNs = decoder.timestampNs();
        final String text = emptyToNull(decoder.text());

        final OrderView existing = orders.get(clientOrderId);
        if (existing == null)
        {
            addOrder(new OrderView(clientOrderId, venueOrderId, null, account, venue, symbol, side, type, null, status,
                quantity, price, Fixed.NULL, Fixed.NULL, Fixed.NULL, cumQty, leavesQty, avgPrice, text, timestampNs, index, null));
        }
        else
        {
            orders.put(clientOrderId, new OrderView(clientOrderId,
                venueOrderId != null ? venueOrderId : existing.venueOrderId(), existing.signalId(), account, venue, symbol,
                side, type, existing.timeInForce(), status, quantity, price, existing.stopPrice(), existing.takeProfit(),
                existing.stopLoss(), cumQty, leavesQty, avgPrice, text != null ? text : existing.text(), timestampNs, index,
                existing.reject()));
        }
    }

    private void onPositionUpdate(final long index, final PositionUpdateDecoder decoder)
    {
        final String account = decoder.account();
        final String venue = decoder.venue();
        final String symbol = decoder.symbol();
        final PositionView position = new PositionView(account, venue, symbol, decoder.quantity(), decoder.avgPrice(),
            decoder.realizedPnl(), decoder.timestampNs(), index);
        positions.put(positionKey(account, symbol), position);
        samplePnl(position.updatedAtNs());
    }

    private void onAlert(final long index, final AlertDecoder decoder)
    {
        final String alertType = decoder.alertType().name();
        final String severity = decoder.severity().name();
        final String account = emptyToNull(decoder.account());
        final String venue = emptyToNull(decoder.venue());
        final String symbol = emptyToNull(decoder.symbol());
        final long timestampNs = decoder.timestampNs();
        final String text = emptyToNull(decoder.text());
        alerts.addLast(new AlertView(alertType, severity, account, venue, symbol, text, timestampNs, index));
        if (++alertsKept > ALERTS_KEPT)
        {
            alerts.pollFirst();
            alertsKept--;
        }
    }

    private void onRiskUsage(final long index, final RiskUsageDecoder decoder)
    {
        final String account = decoder.account();
        final String state = decoder.state().name();
        final long timestampNs = decoder.timestampNs();
        final List<RiskUsageView.LimitUsage> limits = new ArrayList<>();
        for (final RiskUsageDecoder.LimitsDecoder limit : decoder.limits())
        {
            final long limitValue = limit.limitValue();
            final long usedValue = limit.usedValue();
            limits.add(new RiskUsageView.LimitUsage(limit.name(), limitValue, usedValue));
        }
        if (!account.isEmpty())
        {
            riskUsage.put(account, new RiskUsageView(account, state, List.copyOf(limits), timestampNs, index));
        }
    }

    private void onMarketData(final long index, final MarketDataDecoder decoder)
    {
        final String venue = decoder.venue();
        final String symbol = decoder.symbol();
        final String key = instrumentKey(venue, symbol);
        if (!prices.containsKey(key) && prices.size() >= MAX_INSTRUMENTS)
        {
            return;
        }
        final PriceView price = new PriceView(venue, symbol, decoder.bid(), decoder.ask(), decoder.last(), decoder.timestampNs(), index);
        prices.put(key, price);
        final long mark = price.mark();
        if (mark != Fixed.NULL)
        {
            priceSeries.computeIfAbsent(key, k -> new TimeSeries(PRICE_POINTS, SECOND_NS)).add(price.timestampNs(), mark);
        }
        samplePnl(price.timestampNs());
    }

    private void onAccountUpdate(final long index, final AccountUpdateDecoder decoder)
    {
        final String account = decoder.account();
        final String venue = decoder.venue();
        final String currency = decoder.currency();
        final AccountView view = new AccountView(account, venue, currency, decoder.balance(), decoder.equity(),
            decoder.marginAvailable(), decoder.marginUsed(), decoder.timestampNs(), index);
        accountBalances.put(instrumentKey(account, venue), view);
    }

    private void onAccountStatus(final long index, final io.sluice.sbe.AccountStatusDecoder decoder)
    {
        final String operation = decoder.operation().name();
        final String account = decoder.account();
        final String venue = decoder.venue();
        final String currency = decoder.currency();
        final boolean enabled = decoder.enabled() == io.sluice.sbe.BooleanType.TRUE;
        final long maxOrderQty = decoder.maxOrderQty();
        final long maxNotional = decoder.maxNotional();
        final long timestampNs = decoder.timestampNs();
        final String actor = decoder.actor();
        final String credentialRef = decoder.credentialRef();
        accountDefinitions.put(account, new AccountDefinitionView(account, venue, currency, enabled, maxOrderQty, maxNotional,
            credentialRef, operation, actor, timestampNs, index));
    }

    // Adds the current total (realized plus unrealized at the latest marks) to the P&L series, when any position exists.
    private void samplePnl(final long timeNs)
    {
        if (!positions.isEmpty())
        {
            final long[] pnl = pnl();
            pnlSeries.add(timeNs, pnl[0] + pnl[1]);
        }
    }

    /**
     * Realized and unrealized P&L over all positions, unrealized marked at each instrument's latest price.
     *
     * @return {realized, unrealized}, fixed point.
     */
    public long[] pnl()
    {
        long realized = 0;
        long unrealized = 0;
        for (final PositionView position : positions.values())
        {
            realized += position.realizedPnl();
            final long unrealizedOne = unrealizedPnl(position);
            if (unrealizedOne != Fixed.NULL)
            {
                unrealized += unrealizedOne;
            }
        }
        return new long[]{realized, unrealized};
    }

    /**
     * A position's unrealized P&L at the latest price of its instrument.
     *
     * @param position the position.
     * @return fixed point, or Fixed.NULL when no price is known.
     */
    public long unrealizedPnl(final PositionView position)
    {
        final PriceView price = prices.get(instrumentKey(position.venue(), position.symbol()));
        final long mark = price != null ? price.mark() : Fixed.NULL;
        if (mark == Fixed.NULL || position.quantity() == 0)
        {
            return position.quantity() == 0 ? 0 : Fixed.NULL;
        }
        return Fixed.multiply(position.quantity(), mark - position.avgPrice());
    }

    private void onTradingStateUpdate(final long index, final TradingStateUpdateDecoder decoder)
    {
        final AdminScope scope = decoder.scope();
        final String account = decoder.account();
        final String state = decoder.state().name();
        final long timestampNs = decoder.timestampNs();
        final String actor = emptyToNull(decoder.actor());
        final String reason = emptyToNull(decoder.reason());
        if (scope == AdminScope.ACCOUNT && !account.isEmpty())
        {
            accountTradingStates.put(account,
                new TradingStateView(scope.name(), account, state, actor, reason, timestampNs, index));
        }
        else if (scope == AdminScope.GLOBAL)
        {
            globalTradingState = new TradingStateView(scope.name(), null, state, actor, reason, timestampNs, index);
        }
    }

    private void onGatewayStatus(final long index, final GatewayStatusDecoder decoder)
    {
        final String venue = decoder.venue();
        final String state = decoder.state().name();
        final long timestampNs = decoder.timestampNs();
        final String detail = emptyToNull(decoder.detail());
        gateways.put(venue, new GatewayView(venue, state, detail, timestampNs, index));
    }

    private void onExecutionReport(final long index, final ExecutionReportDecoder decoder)
    {
        final ExecutionView execution = new ExecutionView(
            decoder.clientOrderId(),
            emptyToNull(decoder.venueOrderId()),
            decoder.account(),
            decoder.venue(),
            decoder.symbol(),
            decoder.execType().name(),
            decoder.ordStatus().name(),
            decoder.side().name(),
            decoder.lastQty(),
            decoder.lastPrice(),
            decoder.cumQty(),
            decoder.leavesQty(),
            decoder.avgPrice(),
            decoder.transactTimeNs(),
            emptyToNull(decoder.text()),
            index);
        executions.addLast(execution);
        if (++executionCount > EXECUTIONS_KEPT)
        {
            executions.pollFirst();
            executionCount--;
        }
    }

    private void onEngineError(final long index, final EngineErrorDecoder decoder)
    {
        final int inputTemplateId = decoder.inputTemplateId();
        final long timestampNs = decoder.timestampNs();
        final String detail = decoder.detail();
        engineErrors.addLast(new EngineErrorView(inputTemplateId, timestampNs, detail, index));
        if (++engineErrorKept > ENGINE_ERRORS_KEPT)
        {
            engineErrors.pollFirst();
            engineErrorKept--;
        }
        engineErrorCount++;
    }

    private SignalView createSignal(final String signalId)
    {
        signalsByCreation.put(++creationSequence, signalId);
        while (signalsByCreation.size() > capacity)
        {
            final Map.Entry<Long, String> eldest = signalsByCreation.pollFirstEntry();
            signals.remove(eldest.getValue());
        }
        return SignalView.unseen(signalId);
    }

    private void addOrder(final OrderView order)
    {
        orders.put(order.clientOrderId(), order);
        ordersByCreation.put(++creationSequence, order.clientOrderId());
        while (ordersByCreation.size() > capacity)
        {
            final Map.Entry<Long, String> eldest = ordersByCreation.pollFirstEntry();
            orders.remove(eldest.getValue());
        }
    }

    private static String instrumentKey(final String venue, final String symbol)
    {
        return venue + '\u0000' + symbol;
    }

    private static String positionKey(final String account, final String symbol)
    {
        return account + '\u0000' + symbol;
    }

    private static String emptyToNull(final String value)
    {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * A signal by id.
     *
     * @param signalId id.
     * @return the view, or null when unknown (or evicted).
     */
    public SignalView signal(final String signalId)
    {
        return signals.get(signalId);
    }

    /**
     * An order by client order id.
     *
     * @param clientOrderId id.
     * @return the view, or null when unknown (or evicted).
     */
    public OrderView order(final String clientOrderId)
    {
        return orders.get(clientOrderId);
    }

    /**
     * Signals newest first (by when the read model first saw them).
     *
     * @param filter which signals to return.
     * @param limit  maximum returned.
     * @return the matching signals.
     */
    public List<SignalView> signals(final Predicate<SignalView> filter, final int limit)
    {
        final List<SignalView> result = new ArrayList<>(Math.min(limit, 64));
        for (final String signalId : signalsByCreation.descendingMap().values())
        {
            if (result.size() >= limit)
            {
                break;
            }
            final SignalView signal = signals.get(signalId);
            if (signal != null && filter.test(signal))
            {
                result.add(signal);
            }
        }
        return result;
    }

    /**
     * Orders newest first (by when the read model first saw them).
     *
     * @param filter which orders to return.
     * @param limit  maximum returned.
     * @return the matching orders.
     */
    public List<OrderView> orders(final Predicate<OrderView> filter, final int limit)
    {
        final List<OrderView> result = new ArrayList<>(Math.min(limit, 64));
        for (final String clientOrderId : ordersByCreation.descendingMap().values())
        {
            if (result.size() >= limit)
            {
                break;
            }
            final OrderView order = orders.get(clientOrderId);
            if (order != null && filter.test(order))
            {
                result.add(order);
            }
        }
        return result;
    }

    /**
     * Signals newest first (by when the read model first saw them).
     *
     * @param filter which signals to return.
     * @param offset matching signals to skip.
     * @param limit  maximum returned.
     * @return the matching signals.
     */
    public List<SignalView> signals(final Predicate<SignalView> filter, final int offset, final int limit)
    {
        final List<SignalView> result = new ArrayList<>(Math.min(limit, 64));
        int skipped = 0;
        for (final String signalId : signalsByCreation.descendingMap().values())
        {
            if (result.size() >= limit)
            {
                break;
            }
            final SignalView signal = signals.get(signalId);
            if (signal != null && filter.test(signal))
            {
                if (skipped < offset)
                {
                    skipped++;
                }
                else
                {
                    result.add(signal);
                }
            }
        }
        return result;
    }

    /**
     * Positions sorted by account then symbol.
     *
     * @param account only this account, or null for all.
     * @return the positions.
     */
    public List<PositionView> positions(final String account)
    {
        final List<PositionView> result = new ArrayList<>();
        for (final PositionView position : positions.values())
        {
            if (account == null || account.equals(position.account()))
            {
                result.add(position);
            }
        }
        result.sort(Comparator.comparing(PositionView::account).thenComparing(PositionView::symbol));
        return result;
    }

    /**
     * The global trading state.
     *
     * @return the last global TradingStateUpdate, or null when none was journaled.
     */
    public TradingStateView globalTradingState()
    {
        return globalTradingState;
    }

    /**
     * Per-account trading states.
     *
     * @return account to state, sorted by account.
     */
    public Map<String, TradingStateView> accountTradingStates()
    {
        return new TreeMap<>(accountTradingStates);
    }

    /**
     * Gateway states.
     *
     * @return venue to last status, sorted by venue.
     */
    public Map<String, GatewayView> gateways()
    {
        return new TreeMap<>(gateways);
    }

    /**
     * The last {@link #EXECUTIONS_KEPT} execution reports, oldest first.
     *
     * @return the executions.
     */
    public List<ExecutionView> executions()
    {
        return new ArrayList<>(executions);
    }

    /**
     * The last {@link #ENGINE_ERRORS_KEPT} engine errors, oldest first.
     *
     * @return the errors.
     */
    public List<EngineErrorView> engineErrors()
    {
        return new ArrayList<>(engineErrors);
    }

    /**
     * The last {@link #ALERTS_KEPT} alerts, oldest first.
     *
     * @return the alerts.
     */
    public List<AlertView> alerts()
    {
        return new ArrayList<>(alerts);
    }

    /**
     * Each account's latest risk usage.
     *
     * @return account to usage, sorted by account.
     */
    public Map<String, RiskUsageView> riskUsage()
    {
        return new TreeMap<>(riskUsage);
    }

    /**
     * Balances and margin reported by the gateways.
     *
     * @return one per account and venue, sorted by account.
     */
    public List<AccountView> accountBalances()
    {
        final List<AccountView> result = new ArrayList<>(accountBalances.values());
        result.sort(Comparator.comparing(AccountView::account).thenComparing(AccountView::venue));
        return result;
    }

    /**
     * Accounts created or changed by operators, as the engine applied them.
     *
     * @return account to definition, sorted by account.
     */
    public Map<String, AccountDefinitionView> accountDefinitions()
    {
        return new TreeMap<>(accountDefinitions);
    }

    /**
     * The latest price of every instrument seen.
     *
     * @return prices sorted by symbol then venue.
     */
    public List<PriceView> prices()
    {
        final List<PriceView> result = new ArrayList<>(prices.values());
        result.sort(Comparator.comparing(PriceView::symbol).thenComparing(PriceView::venue));
        return result;
    }

    /**
     * The price series of one instrument.
     *
     * @param venue  venue.
     * @param symbol symbol.
     * @param limit  at most this many newest points.
     * @return points oldest first; empty when unknown.
     */
    public List<TimeSeries.Point> priceSeries(final String venue, final String symbol, final int limit)
    {
        final TimeSeries series = priceSeries.get(instrumentKey(venue, symbol));
        return series == null ? List.of() : series.points(limit);
    }

    /**
     * The intraday P&L series (realized plus unrealized).
     *
     * @param limit at most this many newest points.
     * @return points oldest first.
     */
    public List<TimeSeries.Point> pnlSeries(final int limit)
    {
        return pnlSeries.points(limit);
    }

    /**
     * Engine errors journaled since the start of the journal.
     *
     * @return the count.
     */
    public long engineErrorCount()
    {
        return engineErrorCount;
    }

    /**
     * Index of the last journal record applied.
     *
     * @return the index, or -1 before the first.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Journal records read.
     *
     * @return the count.
     */
    public long recordsRead()
    {
        return recordsRead;
    }

    /**
     * Records that were not Sluice SBE messages or failed to decode.
     *
     * @return the count.
     */
    public long undecodableRecords()
    {
        return undecodableRecords;
    }

    /**
     * Signals currently held.
     *
     * @return the count.
     */
    public int signalCount()
    {
        return signals.size();
    }

    /**
     * Orders currently held.
     *
     * @return the count.
     */
    public int orderCount()
    {
        return orders.size();
    }
}
