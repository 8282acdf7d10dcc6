package io.sluice.engine.core;

import io.sluice.protocol.Ascii;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.Severity;
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
    private static final long TRADE_SALT = 0x7ade1d5L;

    private final CoreConfig config;
    private final NameIndex accounts;
    private final NameIndex instruments;
    private final NameIndex venues;
    private final int[] accountVenue;
    private final GatewayState[] venueStates;
    private final long[] venueHeartbeatNs;
    private final Positions positions;
    private final PositionTickets tickets;
    private final StopAmends stopAmends = new StopAmends(256);
    private final ReleasedOrders released = new ReleasedOrders(1024);
    private final MarketPrices prices;
    private final SessionCalendars calendars;
    private final InstrumentRules rules;
    private final RiskLimits limits;
    private final AccountRisk accountRisk;
    private final CircuitBreaker breaker;
    private final OrderCheck orderCheck = new OrderCheck();
    private final long[] used = new long[Limit.VALUES.length];
    private final boolean[] flattenPending;
    private boolean globalFlattenPending;
    private long lastUsageNs;
    private final DedupWindow dedup;
    private final OrderBook orders;
    private final PreTradeRisk risk;
    private final CanonicalSignalParser parser = new CanonicalSignalParser();
    private final io.sluice.engine.parse.SignalParsers parsers = new io.sluice.engine.parse.SignalParsers();
    private final io.sluice.engine.parse.ParsedSignal parsed = new io.sluice.engine.parse.ParsedSignal();
    private final io.sluice.engine.parse.SignalCompleter completer = new io.sluice.engine.parse.SignalCompleter();
    private final CoreMarketFacts marketFacts = new CoreMarketFacts();
    private final io.sluice.engine.parse.ParseContexts parseContexts;
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
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final io.sluice.sbe.AccountConfigDecoder accountConfig = new io.sluice.sbe.AccountConfigDecoder();
    private final UnsafeBuffer credentialRefView = new UnsafeBuffer(0, 0);
    private final long[] configLimits = new long[Limit.VALUES.length];
    private final boolean[] configLimitSet = new boolean[Limit.VALUES.length];

    private final UnsafeBuffer signalIdView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer savedIdView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer approvalIdView = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder approvalHeader = new MessageHeaderDecoder();
    private final io.sluice.sbe.RawSignalDecoder approvalSignal = new io.sluice.sbe.RawSignalDecoder();
    private final UnsafeBuffer accountView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer keyView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer bodyView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer channelView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer textView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer actorView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer reasonView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer flattenId = new UnsafeBuffer(new byte[32]);
    private final UnsafeBuffer targetView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer engineActor = new UnsafeBuffer("risk-engine".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private long sequence;
    private long nowNs;
    private DirectBuffer frameBuffer;
    private int frameOffset;
    private int frameLength;
    private boolean approvedReplay;
    private final ApprovalQueue approvals = new ApprovalQueue(64);
    private final PendingPairs pairs = new PendingPairs(64);
    private boolean[] pairBlocked;
    private long lastPlacedKey;
    private long framesProcessed;
    private long errors;
    private boolean instrumentTableFullReported;
    private final Reconciliation recon;

    /**
     * @param config accounts, instruments, venues and sizing.
     * @param port   where outputs go.
     */
    public EngineCore(final CoreConfig config, final OutputPort port)
    {
        this.config = config;
        this.accounts = new NameIndex(config.accounts.stream().map(a -> a.name).toList(), 16,
            Math.max(0, config.maxAccounts - config.accounts.size()));
        this.instruments = new NameIndex(config.instruments, 32, config.dynamicInstruments());
        this.venues = new NameIndex(config.venues, 16);
        this.accountVenue = new int[accounts.capacity()];
        for (int i = 0; i < accounts.size(); i++)
        {
            accountVenue[i] = venueId(config.accounts.get(i).venue);
        }
        this.venueStates = new GatewayState[venues.size()];
        this.venueHeartbeatNs = new long[venues.size()];
        this.positions = new Positions(accounts.capacity(), instruments.capacity());
        this.tickets = newPositionTickets(config, accounts.capacity(), instruments.capacity());
        this.positions.tickets(tickets);
        this.prices = new MarketPrices(instruments.capacity());
        this.positions.instrumentsInUse(instruments.size());
        this.dedup = new DedupWindow(config.dedupCapacity, config.dedupWindowNs);
        this.orders = new OrderBook(config.maxLiveOrders);
        this.calendars = new SessionCalendars(config.settings);
        this.rules = new InstrumentRules(config.settings, instruments, calendars);
        this.limits = config.limits(accounts, instruments);
        this.accountRisk = new AccountRisk(config.settings, accounts);
        this.breaker = new CircuitBreaker(venues.size(), config.breakerFaults, config.breakerWindowNs);
        this.flattenPending = new boolean[accounts.capacity()];
        this.risk = new PreTradeRisk(config, accounts, venues, instruments, limits, rules, calendars);
        this.parseContexts = io.sluice.engine.parse.ParseContexts.load(config.settings);
        this.pairBlocked = new boolean[accounts.capacity()];
        this.out = new CoreOutputs(accounts, instruments, venues);
        this.out.port(port);
        this.recon = new Reconciliation(venues.size(), config.maxLiveOrders,
            config.settings.getLong("sluice.engine.reconcileTimeoutMs", 10_000L) * 1_000_000L);
    }

    private static PositionTickets newPositionTickets(final CoreConfig config, final int accountCount, final int instrumentCount)
    {
        final boolean[] hedging = new boolean[accountCount];
        // Accounts created at runtime (past the configured ones) net: their mode is not part of AccountConfig yet.
        for (int a = 0; a < config.accounts.size(); a++)
        {
            hedging[a] = config.settings.getBoolean("sluice.account." + config.accounts.get(a).name + ".hedging", false);
        }
        return new PositionTickets(hedging, instrumentCount, config.settings.getInt("sluice.engine.positionsPerSymbol", 16));
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
        this.frameBuffer = buffer;
        this.frameOffset = offset;
        this.frameLength = length;
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
                    instrumentDefinition.wrap(buffer, bodyOffset, blockLength, version);
                    onInstrumentDefinition();
                    break;
                case AccountUpdateDecoder.TEMPLATE_ID:
                    accountUpdate.wrap(buffer, bodyOffset, blockLength, version);
                    onAccountUpdate();
                    break;
                case io.sluice.sbe.EngineStartedDecoder.TEMPLATE_ID:
                    onEngineStarted();
                    break;
                case io.sluice.sbe.AccountConfigDecoder.TEMPLATE_ID:
                    accountConfig.wrap(buffer, bodyOffset, blockLength, version);
                    onAccountConfig();
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
        if (rawSignal.actingVersion() >= 2)
        {
            rawSignal.wrapChannel(channelView);
        }
        else
        {
            channelView.wrap(bodyView, 0, 0);
        }

        if (dryRun)
        {
            // A dry run never trades: it is judged without changing state and answered with a ParseResult.
            dryRun();
            return;
        }
        if (rawSignal.format() != SignalFormat.CANONICAL_JSON)
        {
            onParsedSignal(rawSignal.format());
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

        if (intent.quantity == Fixed.NULL && !sizeFromRisk(accountId, instrumentId))
        {
            reject(RejectReason.INVALID_FIELD, sizingField, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }

        placeOrders(accountId, instrumentId, venueId, 0, intent.side, intent.ordType, intent.timeInForce, intent.quantity,
            intent.price, intent.stopPrice, intent.takeProfit, intent.stopLoss, intent.reduceOnly, intent.positionSide,
            intent.product, accountHash, signalIdBuffer, signalIdOffset, signalIdLength);
    }

    // Gates, then one order per freeze-quantity slice. Leg keys: (leg << 8) | slice, so multi-leg signals and
    // slicing never share a client order id. Returns false after journaling the refusal.
    private boolean placeOrders(
        final int accountId,
        final int instrumentId,
        final int venueId,
        final int legIndex,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long quantity,
        final long price,
        final long stopPrice,
        final long takeProfit,
        final long stopLoss,
        final boolean reduceOnly,
        final io.sluice.sbe.PositionSide positionSide,
        final io.sluice.sbe.Product product,
        final long accountHash,
        final DirectBuffer signalIdBuffer,
        final int signalIdOffset,
        final int signalIdLength)
    {
        if (recon.holds(venueId))
        {
            text.clear().append("venue ").append(venues.name(venueId))
                .append(" is reconciling in-doubt orders with its gateway; new orders wait until it has answered");
            reject(RejectReason.ORDER_UNKNOWN_PENDING, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        final int slices = rules.slices(instrumentId, quantity);
        orderCheck.set(accountId, instrumentId, venueId, side, ordType, quantity, price,
            stopPrice, reduceOnly, slices, nowNs);
        if (tickets.hedging(accountId))
        {
            orderCheck.hedgedOpposite = side == Side.SELL ? tickets.total(accountId, instrumentId, PositionTickets.LONG) :
                -tickets.total(accountId, instrumentId, PositionTickets.SHORT);
            orderCheck.hedgedSame = side == Side.BUY ? tickets.total(accountId, instrumentId, PositionTickets.LONG) :
                -tickets.total(accountId, instrumentId, PositionTickets.SHORT);
        }
        if (!risk.check(orderCheck, venueStates[venueId], prices, positions, accountRisk))
        {
            reject(risk.reason, risk.field, accountId, instrumentId, 0, risk.limitValue, risk.actualValue, risk.detail);
            return false;
        }
        if (orders.capacity() - orders.size() < slices)
        {
            text.clear().append("live order capacity ").appendLong(orders.capacity()).append(" reached");
            reject(RejectReason.ORDER_CAPACITY, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return false;
        }

        long remaining = quantity;
        final long sliceQty = slices == 1 ? quantity : rules.freezeQty(instrumentId);
        for (int slice = 0; slice < slices; slice++)
        {
            final int leg = (legIndex << 8) | slice;
            final Order order = orders.acquire();
            order.key = ClientOrderIds.key(accountHash, signalIdBuffer, signalIdOffset, signalIdLength, leg, 0);
            order.accountId = accountId;
            order.instrumentId = instrumentId;
            order.venueId = venueId;
            order.side = side;
            order.ordType = ordType;
            order.timeInForce = timeInForce;
            order.quantity = Math.min(sliceQty, remaining);
            order.price = price;
            order.stopPrice = stopPrice;
            order.takeProfit = takeProfit;
            order.stopLoss = stopLoss;
            order.reduceOnly = reduceOnly;
            order.positionSide = positionSide;
            order.product = product;
            order.leg = leg & 0xFF;
            order.signalId(signalIdBuffer, signalIdOffset, signalIdLength);
            order.status = OrdStatus.PENDING_NEW;
            order.createdNs = nowNs;
            order.updatedNs = nowNs;
            orders.add(order);
            positions.addPending(accountId, instrumentId, order.side, order.quantity);
            remaining -= order.quantity;

            out.newOrder(order, signalIdBuffer, signalIdOffset, signalIdLength, nowNs);
            out.orderUpdate(order, textView, 0, 0, nowNs);
            lastPlacedKey = order.key;
        }
        accountRisk.onOrdersPlaced(accountId, slices);
        return true;
    }

    // Every other format: the parse package's parsers, completion rules, then each leg in its (margin-safe)
    // order through the same gates.
    private void onParsedSignal(final SignalFormat format)
    {
        final io.sluice.engine.parse.ParseContext context = parseContexts.forChannel(channelView, 0, channelView.capacity());
        if (parsers.parse(format, bodyView, 0, bodyView.capacity(), context, parsed))
        {
            final io.sluice.engine.parse.AsciiSlot named = parsed.account();
            final int factsAccount = accountView.capacity() > 0 ? accounts.lookup(accountView, 0, accountView.capacity()) :
                named.length() > 0 ? accounts.lookup(named.buffer(), 0, named.length()) : 0;
            marketFacts.accountId = Math.max(0, factsAccount);
            completer.complete(parsed, context, marketFacts);
        }
        if (!parsed.isParsed())
        {
            rejectSignal(parsed.rejectReason() == null ? RejectReason.UNPARSEABLE : parsed.rejectReason(),
                parsed.errorField(), -1, -1, parsed.errorDetail() == null ? "unparseable" : parsed.errorDetail());
            return;
        }
        if (!parsed.mayAct())
        {
            rejectSignal(RejectReason.NOT_A_SIGNAL, null, -1, -1,
                parsed.errorDetail() == null ? "not a new trade" : parsed.errorDetail());
            return;
        }
        if (signalIdView.capacity() == 0)
        {
            rejectSignal(RejectReason.INVALID_FIELD, "id", -1, -1, "signal has no id");
            return;
        }
        final io.sluice.engine.parse.AsciiSlot parsedAccount = parsed.account();
        final int accountId = accountView.capacity() > 0 ? accounts.lookup(accountView, 0, accountView.capacity()) :
            parsedAccount.length() > 0 ? accounts.lookup(parsedAccount.buffer(), 0, parsedAccount.length()) :
            accounts.size() == 1 ? 0 : NameIndex.MISSING;
        if (accountId == NameIndex.MISSING)
        {
            rejectSignal(RejectReason.UNKNOWN_ACCOUNT, "account", -1, -1, "no such account, or none given by the signal or its source");
            return;
        }
        final long accountHash = accounts.hash(accountId);
        final DirectBuffer key = keyView.capacity() > 0 ? keyView : signalIdView;
        if (!approvedReplay && dedup.isDuplicate(Ascii.hash(accountHash, key, 0, key.capacity()), nowNs))
        {
            text.clear().append("signal id already seen for account ").append(accounts.name(accountId));
            reject(RejectReason.DUPLICATE, "id", accountId, -1, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        final long minConfidence = limits.account(accountId, Limit.MIN_CONFIDENCE);
        // A cancellation only takes risk away (pending entries, or a signal still waiting here): it never waits.
        if (!approvedReplay && minConfidence != Fixed.NULL && Fixed.of(parsed.confidence()) < minConfidence &&
            parsed.kind() != io.sluice.engine.parse.MessageKind.CANCELLATION)
        {
            final io.sluice.engine.parse.AsciiSlot firstSymbol = parsed.legCount() > 0 ? parsed.leg(0).symbol() : null;
            final int queuedInstrument = firstSymbol == null || firstSymbol.length() == 0 ? -1 :
                instruments.lookup(firstSymbol.buffer(), 0, firstSymbol.length());
            final boolean queued = approvals.add(Ascii.hash(0, signalIdView, 0, signalIdView.capacity()),
                frameBuffer, frameOffset, frameLength, accountId, queuedInstrument, sequence);
            text.clear().append("completed with confidence ").appendLong(parsed.confidence())
                .append(", below minConfidence ").appendFixed(minConfidence)
                .append(queued ? ": waiting for an operator's approval" : ": the approval queue is full, refused");
            reject(queued ? RejectReason.AWAITING_APPROVAL : RejectReason.APPROVAL_REJECTED,
                null, accountId, -1, 0, minConfidence, Fixed.of(parsed.confidence()), text);
            if (queued)
            {
                text.clear().append("signal ").append(signalIdView, 0, signalIdView.capacity()).append(" waits for approval");
                out.alert(AlertType.APPROVAL_WAITING, Severity.WARN, accountId, -1, -1, nowNs, text);
            }
            return;
        }

        final boolean hedgePair = parsed.pairEvent() != io.sluice.engine.parse.PairEvent.NONE && parsed.legCount() == 2;
        if (hedgePair && parsed.pairEvent() == io.sluice.engine.parse.PairEvent.ENTRY && pairBlocked[accountId])
        {
            text.clear().append("a previous hedge pair of account ").append(accounts.name(accountId))
                .append(" failed a leg; an operator must clear the flag (CLEAR_PAIR_FLAG) before new pair entries");
            reject(RejectReason.PAIR_BLOCKED, null, accountId, -1, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        // Hedge pairs go one leg at a time in the margin-safe order the parser gave: the second leg is held
        // until the first has filled, so margin is never exposed by the short leg alone.
        final int legsNow = hedgePair ? 1 : parsed.legCount();
        lastPlacedKey = 0;
        if (hedgePair && !holdSecondLeg(accountId, parsed.leg(1)))
        {
            return;
        }
        for (int legIndex = 0; legIndex < legsNow; legIndex++)
        {
            final io.sluice.engine.parse.ParsedLeg leg = parsed.leg(legIndex);
            final io.sluice.engine.parse.AsciiSlot symbol = leg.symbol();
            final int instrumentId = symbol.length() > 0 ? instruments.lookup(symbol.buffer(), 0, symbol.length()) : NameIndex.MISSING;
            if (symbol.length() == 0 && managesPending(leg.action()))
            {
                lastPlacedKey = 0;
                managePending(accountId, -1, leg); // "change entry" / "cancel" of the previous signal
                continue;
            }
            if (instrumentId == NameIndex.MISSING)
            {
                text.clear().append("unknown symbol ").append(symbol.buffer(), 0, symbol.length());
                reject(RejectReason.UNKNOWN_SYMBOL, "symbol", accountId, -1, 0, Fixed.NULL, Fixed.NULL, text);
                continue;
            }
            final io.sluice.engine.parse.AsciiSlot venueHint = leg.venue();
            final int hinted = venueHint.length() > 0 ? venues.lookup(venueHint.buffer(), 0, venueHint.length()) : NameIndex.MISSING;
            final int venueId = hinted != NameIndex.MISSING ? hinted : accountVenue[accountId];
            switch (leg.action())
            {
                case OPEN:
                    if (leg.quantity() == Fixed.NULL || leg.quantity() <= 0)
                    {
                        text.clear().append("no quantity: the signal gives none and no rule could complete it");
                        reject(RejectReason.INVALID_FIELD, "qty", accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
                        continue;
                    }
                    lastPlacedKey = 0;
                    placeOrders(accountId, instrumentId, venueId, legIndex, leg.side(),
                        leg.ordType() == null ? OrdType.MARKET : leg.ordType(),
                        leg.timeInForce() == null ? TimeInForce.GTC : leg.timeInForce(), leg.quantity(),
                        leg.price(), leg.stopPrice(), leg.takeProfit(), leg.stopLoss(), leg.reduceOnly(),
                        io.sluice.sbe.PositionSide.BOTH, leg.product() == null ? io.sluice.sbe.Product.DEFAULT : leg.product(),
                        accountHash, signalIdView, 0, signalIdView.capacity());
                    break;
                case CLOSE_LONG:
                case CLOSE_SHORT:
                case CLOSE_ALL:
                case CLOSE_PART:
                    lastPlacedKey = 0;
                    closeFromSignal(accountId, instrumentId, venueId, legIndex, leg.action(), leg.quantity(), leg.closePercent(),
                        accountHash, signalIdView, 0, signalIdView.capacity());
                    break;
                case NEW_SL:
                case NEW_TP:
                case NEW_SLTP:
                case MOVE_SL_TO_BREAKEVEN:
                    lastPlacedKey = 0;
                    amendStops(accountId, instrumentId, venueId, leg);
                    break;
                case NEW_ENTRY:
                case CANCEL:
                case CANCEL_LONG:
                case CANCEL_SHORT:
                    lastPlacedKey = 0;
                    managePending(accountId, instrumentId, leg);
                    break;
                default:
                    lastPlacedKey = 0;
                    text.clear().append("management action ").append(leg.action().name())
                        .append(" is recognised but this engine does not act on it yet");
                    reject(RejectReason.NOT_A_SIGNAL, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
                    break;
            }
        }
        if (hedgePair)
        {
            final int slot = pairs.find(PENDING_PAIR_KEY);
            if (lastPlacedKey != 0)
            {
                pairs.orderKey[slot] = lastPlacedKey; // wait for this order to fill
            }
            else
            {
                pairs.clear(slot); // the first leg was refused: nothing is exposed, nothing follows
            }
        }
    }

    private static final long PENDING_PAIR_KEY = -1;

    // Copy the second leg of a hedge pair aside until the first leg fills.
    private boolean holdSecondLeg(final int accountId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final int slot = pairs.free();
        final io.sluice.engine.parse.AsciiSlot symbol = leg.symbol();
        final int instrumentId = symbol.length() > 0 ? instruments.lookup(symbol.buffer(), 0, symbol.length()) : NameIndex.MISSING;
        if (slot < 0 || instrumentId == NameIndex.MISSING)
        {
            text.clear().append(slot < 0 ? "too many hedge pairs in flight" : "unknown symbol in the second leg: ")
                .append(symbol.buffer(), 0, symbol.length());
            reject(slot < 0 ? RejectReason.ORDER_CAPACITY : RejectReason.UNKNOWN_SYMBOL, slot < 0 ? null : "symbol",
                accountId, -1, 0, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        pairs.state[slot] = PendingPairs.WAITING_FOR_FIRST;
        pairs.orderKey[slot] = PENDING_PAIR_KEY;
        pairs.accountId[slot] = accountId;
        pairs.instrumentId[slot] = instrumentId;
        pairs.venueId[slot] = accountVenue[accountId];
        pairs.side[slot] = leg.side();
        pairs.ordType[slot] = leg.ordType() == null ? OrdType.MARKET : leg.ordType();
        pairs.action[slot] = leg.action();
        pairs.quantity[slot] = leg.quantity();
        pairs.price[slot] = leg.price();
        pairs.takeProfit[slot] = leg.takeProfit();
        pairs.stopLoss[slot] = leg.stopLoss();
        pairs.reduceOnly[slot] = leg.reduceOnly();
        pairs.setSignalId(slot, signalIdView, 0, signalIdView.capacity());
        return true;
    }

    // A hedge pair's watched order reached a terminal state: send the second leg after a fill, or flag the pair.
    private void onPairOrderDone(final int slot, final OrdStatus status)
    {
        final int accountId = pairs.accountId[slot];
        if (pairs.state[slot] == PendingPairs.WAITING_FOR_FIRST && status == OrdStatus.FILLED)
        {
            final long accountHash = accounts.hash(accountId);
            final UnsafeBuffer id = pairs.signalId[slot];
            final int idLength = pairs.signalIdLength[slot];
            lastPlacedKey = 0;
            if (pairs.action[slot] == io.sluice.engine.parse.LegAction.OPEN)
            {
                placeOrders(accountId, pairs.instrumentId[slot], pairs.venueId[slot], 1, pairs.side[slot], pairs.ordType[slot],
                    TimeInForce.DAY, pairs.quantity[slot], pairs.price[slot], Fixed.NULL, pairs.takeProfit[slot],
                    pairs.stopLoss[slot], pairs.reduceOnly[slot], io.sluice.sbe.PositionSide.BOTH, io.sluice.sbe.Product.DEFAULT,
                    accountHash, id, 0, idLength);
            }
            else
            {
                closeFromSignal(accountId, pairs.instrumentId[slot], pairs.venueId[slot], 1, pairs.action[slot],
                    pairs.quantity[slot], Fixed.NULL, accountHash, id, 0, idLength);
            }
            if (lastPlacedKey != 0)
            {
                pairs.state[slot] = PendingPairs.WATCHING_SECOND;
                pairs.orderKey[slot] = lastPlacedKey;
                return;
            }
            flagPair(slot, "the second leg was refused");
            return;
        }
        if (status == OrdStatus.FILLED)
        {
            pairs.clear(slot); // the second leg filled: the pair is complete
            return;
        }
        flagPair(slot, pairs.state[slot] == PendingPairs.WAITING_FOR_FIRST ? "the first leg failed" : "the second leg failed");
    }

    private void flagPair(final int slot, final String why)
    {
        final int accountId = pairs.accountId[slot];
        pairBlocked[accountId] = true;
        text.clear().append("hedge pair ").append(pairs.signalId[slot], 0, pairs.signalIdLength[slot]).append(": ").append(why)
            .append("; new pair entries of account ").append(accounts.name(accountId)).append(" are blocked until cleared");
        out.alert(AlertType.PAIR_FLAGGED, Severity.CRITICAL, accountId, -1, pairs.instrumentId[slot], nowNs, text);
        pairs.clear(slot);
    }

    // A close command (PineConnector closelong/closeshort/closeall, "close half"): a reduce-only market order
    // against the current position, never more than it.
    private void closeFromSignal(
        final int accountId,
        final int instrumentId,
        final int venueId,
        final int legIndex,
        final io.sluice.engine.parse.LegAction action,
        final long legQuantity,
        final long closePercent,
        final long accountHash,
        final DirectBuffer signalId,
        final int signalIdOffset,
        final int signalIdLength)
    {
        if (tickets.hedging(accountId))
        {
            closeHedged(accountId, instrumentId, venueId, legIndex, action, legQuantity, closePercent,
                accountHash, signalId, signalIdOffset, signalIdLength);
            return;
        }
        final long position = positions.quantity(accountId, instrumentId);
        final boolean closesLong = position > 0 && action != io.sluice.engine.parse.LegAction.CLOSE_SHORT;
        final boolean closesShort = position < 0 && action != io.sluice.engine.parse.LegAction.CLOSE_LONG;
        if (!closesLong && !closesShort)
        {
            text.clear().append("nothing to close: position is ").appendFixed(position);
            reject(RejectReason.NOT_A_SIGNAL, null, accountId, instrumentId, 0, Fixed.NULL, position, text);
            return;
        }
        final long quantity = closeQuantity(instrumentId, Math.abs(position), action, legQuantity, closePercent);
        placeOrders(accountId, instrumentId, venueId, legIndex, closesLong ? Side.SELL : Side.BUY, OrdType.MARKET,
            TimeInForce.IOC, quantity, Fixed.NULL, Fixed.NULL, Fixed.NULL, Fixed.NULL, true,
            io.sluice.sbe.PositionSide.BOTH, io.sluice.sbe.Product.DEFAULT, accountHash, signalId, signalIdOffset, signalIdLength);
    }

    // How much a close takes of what is held: a percentage for "close part" (rounded down to the lot), else the
    // quantity the signal names, never more than held.
    private long closeQuantity(
        final int instrumentId, final long held, final io.sluice.engine.parse.LegAction action, final long legQuantity,
        final long closePercent)
    {
        if (action == io.sluice.engine.parse.LegAction.CLOSE_PART && closePercent != Fixed.NULL)
        {
            return roundDownToLot(instrumentId, Fixed.mulDiv(held, closePercent, Fixed.of(100)));
        }
        return legQuantity != Fixed.NULL && legQuantity > 0 ? Math.min(held, legQuantity) : held;
    }

    // A close on a hedging account, where longs and shorts are open side by side: closelong sells what the long
    // tickets hold, closeshort buys back the short ones, closeall does both (two reduce-only orders; the short
    // side's leg key is offset so the ids differ). The gateway closes each ticket, oldest first.
    private void closeHedged(
        final int accountId,
        final int instrumentId,
        final int venueId,
        final int legIndex,
        final io.sluice.engine.parse.LegAction action,
        final long legQuantity,
        final long closePercent,
        final long accountHash,
        final DirectBuffer signalId,
        final int signalIdOffset,
        final int signalIdLength)
    {
        final long longs = action == io.sluice.engine.parse.LegAction.CLOSE_SHORT ? 0 :
            tickets.total(accountId, instrumentId, PositionTickets.LONG);
        final long shorts = action == io.sluice.engine.parse.LegAction.CLOSE_LONG ? 0 :
            tickets.total(accountId, instrumentId, PositionTickets.SHORT);
        if (longs == 0 && shorts == 0)
        {
            text.clear().append("nothing to close: no ").append(action == io.sluice.engine.parse.LegAction.CLOSE_LONG ? "long " :
                action == io.sluice.engine.parse.LegAction.CLOSE_SHORT ? "short " : "").append("position open in ")
                .append(instruments.name(instrumentId));
            reject(RejectReason.NOT_A_SIGNAL, null, accountId, instrumentId, 0, Fixed.NULL,
                positions.quantity(accountId, instrumentId), text);
            return;
        }
        for (int side = PositionTickets.LONG; side <= PositionTickets.SHORT; side++)
        {
            final long held = side == PositionTickets.LONG ? longs : shorts;
            if (held == 0)
            {
                continue;
            }
            final long quantity = closeQuantity(instrumentId, held, action, legQuantity, closePercent);
            placeOrders(accountId, instrumentId, venueId, side == PositionTickets.LONG ? legIndex : legIndex | 0x40,
                side == PositionTickets.LONG ? Side.SELL : Side.BUY, OrdType.MARKET, TimeInForce.IOC, quantity,
                Fixed.NULL, Fixed.NULL, Fixed.NULL, Fixed.NULL, true, io.sluice.sbe.PositionSide.BOTH,
                io.sluice.sbe.Product.DEFAULT, accountHash, signalId, signalIdOffset, signalIdLength);
        }
    }

    // New stop-loss / take-profit, or stop-loss to breakeven, for open positions (PineConnector newsltp*): one
    // AmendOrder per position, addressed to the order that opened it (MT5 applies it to that ticket). A hedging
    // account amends every ticket of the side; a netting account has one position, amended through its newest
    // opening order. The gateway's answers come back for released orders: see onStopsReply.
    private void amendStops(final int accountId, final int instrumentId, final int venueId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final boolean hedging = tickets.hedging(accountId);
        final int longs = tickets.count(accountId, instrumentId, PositionTickets.LONG);
        final int shorts = tickets.count(accountId, instrumentId, PositionTickets.SHORT);
        final int side;
        if (leg.side() != null)
        {
            side = PositionTickets.sideOf(leg.side());
        }
        else if (longs > 0 && shorts > 0)
        {
            text.clear().append("long and short positions are open in ").append(instruments.name(instrumentId))
                .append(": say which side's stops change (newsltplong / newsltpshort)");
            reject(RejectReason.NOT_A_SIGNAL, "side", accountId, instrumentId, 0, Fixed.NULL,
                positions.quantity(accountId, instrumentId), text);
            return;
        }
        else
        {
            side = shorts > 0 ? PositionTickets.SHORT : PositionTickets.LONG;
        }
        final int count = side == PositionTickets.LONG ? longs : shorts;
        if (count == 0)
        {
            text.clear().append("no open ").append(side == PositionTickets.LONG ? "long" : "short")
                .append(" position to change stops on for ").append(instruments.name(instrumentId));
            reject(RejectReason.NOT_A_SIGNAL, null, accountId, instrumentId, 0, Fixed.NULL,
                positions.quantity(accountId, instrumentId), text);
            return;
        }
        final boolean breakeven = leg.action() == io.sluice.engine.parse.LegAction.MOVE_SL_TO_BREAKEVEN;
        for (int n = hedging ? 0 : count - 1; n < count; n++)
        {
            final int entry = tickets.entry(accountId, instrumentId, side, n);
            final long stopLoss = !breakeven ? leg.stopLoss() :
                hedging ? tickets.price(entry) : positions.get(accountId, instrumentId).avgPrice;
            stopAmends.sent(tickets.key(entry), accountId, instrumentId, venueId, stopLoss, leg.takeProfit());
            out.amendOrder(tickets.key(entry), accountId, venueId, instrumentId, stopLoss, leg.takeProfit(), nowNs);
        }
    }

    // A fill of an engine order moves the tickets behind the net position; a full side is an operator's matter.
    private void onTicketFill(final Order order, final long fillQty, final long fillPrice)
    {
        if (tickets.onFill(order.accountId, order.instrumentId, order.key, order.side, fillQty, fillPrice, order.reduceOnly,
            order.stopLoss, order.takeProfit))
        {
            text.clear().append("more than ").appendLong(tickets.count(order.accountId, order.instrumentId,
                PositionTickets.sideOf(order.side))).append(" positions of ").append(instruments.name(order.instrumentId))
                .append(" on one side: the newest ones are managed together (sluice.engine.positionsPerSymbol)");
            out.alert(AlertType.POSITIONS_MERGED, Severity.WARN, order.accountId, order.venueId, order.instrumentId, nowNs, text);
        }
    }

    // A report about an order the engine already finished. A fill the venue made after all (its cumulative quantity
    // is above what the engine saw) moves the position like any fill, with a WARN alert; a repeated or stale report
    // (a duplicate fill, a late cancel reject) changes nothing: the journal keeps the input, no output follows.
    // Returns false when the order is not among the recently finished ones.
    private boolean onReleasedOrderReport(final long key, final DirectBuffer buffer, final int idOffset, final int idLength)
    {
        final int slot = released.find(key);
        if (slot < 0)
        {
            return false;
        }
        final long cumQty = executionReport.cumQty();
        if (executionReport.execType() != ExecType.TRADE || cumQty <= released.cumQty(slot) || executionReport.lastQty() <= 0)
        {
            return true;
        }
        final long fillQty = cumQty - released.cumQty(slot);
        final long price = executionReport.lastPrice();
        released.cumQty(slot, cumQty);
        final int accountId = released.accountId(slot);
        final int instrumentId = released.instrumentId(slot);
        final int venueId = released.venueId(slot);
        final Side side = released.side(slot);
        final Position position = positions.get(accountId, instrumentId);
        position.onFill(side == Side.BUY ? fillQty : -fillQty, price, nowNs);
        tickets.onFill(accountId, instrumentId, key, side, fillQty, price, released.reduceOnly(slot), Fixed.NULL, Fixed.NULL);
        positions.filledAt(accountId, instrumentId, venueId);
        out.positionUpdate(accountId, venueId, instrumentId, position, nowNs);
        accountRisk.dirty[accountId] = true;
        text.clear().append("late fill of finished order ").append(buffer, idOffset, idLength).append(": ")
            .append(side == Side.BUY ? "bought " : "sold ").appendFixed(fillQty).append(" ")
            .append(instruments.name(instrumentId)).append(" at ").appendFixed(price).append("; the position follows the venue");
        out.alert(AlertType.LATE_FILL, Severity.WARN, accountId, venueId, instrumentId, nowNs, text);
        checkDailyLoss(accountId);
        return true;
    }

    // The gateway's answer to a stop-loss/take-profit amend of a released order: ORDER_STATUS when the venue took
    // it (recorded on the ticket, INFO alert), CANCEL_REJECTED when it refused (WARN alert with the venue's reason).
    // Returns false when no such amend was sent: then the report is unexpected.
    private boolean onStopsReply(final long key, final DirectBuffer buffer, final int idOffset, final int idLength)
    {
        final ExecType execType = executionReport.execType();
        final int slot = execType == ExecType.ORDER_STATUS || execType == ExecType.CANCEL_REJECTED ? stopAmends.find(key) : -1;
        if (slot < 0)
        {
            return false;
        }
        final int accountId = stopAmends.accountId(slot);
        final int instrumentId = stopAmends.instrumentId(slot);
        final boolean done = execType == ExecType.ORDER_STATUS;
        executionReport.wrapText(textView);
        text.clear().append("stops of the ").append(instruments.name(instrumentId)).append(" position opened by ")
            .append(buffer, idOffset, idLength).append(done ? " changed: sl=" : " not changed (sl=");
        appendLevel(stopAmends.stopLoss(slot)).append(" tp=");
        appendLevel(stopAmends.takeProfit(slot)).append(done ? "; " : "): ").append(textView, 0, textView.capacity());
        if (done)
        {
            final int entry = tickets.find(accountId, instrumentId, key);
            if (entry >= 0)
            {
                tickets.stops(entry, stopAmends.stopLoss(slot), stopAmends.takeProfit(slot));
            }
        }
        out.alert(done ? AlertType.STOPS_CHANGED : AlertType.STOPS_REJECTED, done ? Severity.INFO : Severity.WARN,
            accountId, stopAmends.venueId(slot), instrumentId, nowNs, text);
        return true;
    }

    private AsciiText appendLevel(final long level)
    {
        return level == Fixed.NULL ? text.append("unchanged") : text.appendFixed(level);
    }

    /** Market facts for the completion rules, from the engine's own state; no allocation. */
    private final class CoreMarketFacts implements io.sluice.engine.parse.MarketFacts
    {
        private int accountId;

        private int instrument(final io.sluice.engine.parse.AsciiSlot symbol)
        {
            return symbol.length() == 0 ? NameIndex.MISSING : instruments.lookup(symbol.buffer(), 0, symbol.length());
        }

        public long lastPrice(final io.sluice.engine.parse.AsciiSlot symbol)
        {
            final int i = instrument(symbol);
            return i < 0 ? Fixed.NULL : prices.mark(i);
        }

        public long atr(final io.sluice.engine.parse.AsciiSlot symbol)
        {
            return Fixed.NULL;
        }

        public long pipSize(final io.sluice.engine.parse.AsciiSlot symbol)
        {
            final int i = instrument(symbol);
            return i < 0 ? Fixed.NULL : rules.tickSize(i);
        }

        public long contractSize(final io.sluice.engine.parse.AsciiSlot symbol)
        {
            final int i = instrument(symbol);
            return i < 0 ? Fixed.NULL : rules.contractSize(i);
        }

        public long balance()
        {
            return accountRisk.equity(accountId, limits);
        }
    }

    private String sizingField;

    // Quantity from risk (the PineConnector and Cornix conventions): lots as given, or money at risk (or a
    // percentage of equity) divided by the stop distance times the contract size, rounded down to the lot.
    private boolean sizeFromRisk(final int accountId, final int instrumentId)
    {
        sizingField = "risk";
        if (intent.riskType == SignalIntent.RISK_LOTS)
        {
            intent.quantity = roundDownToLot(instrumentId, intent.risk);
        }
        else
        {
            if (intent.stopLoss == Fixed.NULL)
            {
                sizingField = "sl";
                text.clear().append("sl is required to size the order from risk");
                return false;
            }
            final long entry = intent.price != Fixed.NULL ? intent.price : prices.reference(instrumentId, intent.side);
            if (entry == Fixed.NULL)
            {
                text.clear().append("no price to size from: no limit price and no quote yet");
                return false;
            }
            long money = intent.risk;
            if (intent.riskType == SignalIntent.RISK_PERCENT)
            {
                final long equity = accountRisk.equity(accountId, limits);
                if (equity == Fixed.NULL)
                {
                    text.clear().append("risk in percent needs the account's equity (AccountUpdate or the equity limit)");
                    return false;
                }
                money = Fixed.mulDiv(equity, intent.risk, Fixed.of(100));
            }
            final long perUnit = Fixed.multiply(Math.abs(entry - intent.stopLoss), rules.contractSize(instrumentId));
            if (perUnit <= 0)
            {
                text.clear().append("the stop-loss equals the entry price: nothing at risk per unit");
                return false;
            }
            intent.quantity = roundDownToLot(instrumentId, Fixed.mulDiv(money, Fixed.SCALE, perUnit));
        }
        if (intent.quantity <= 0)
        {
            text.clear().append("risk ").appendFixed(intent.risk).append(" sizes to less than one lot");
            return false;
        }
        return true;
    }

    private long roundDownToLot(final int instrumentId, final long quantity)
    {
        final long lot = rules.lotSize(instrumentId);
        return lot == Fixed.NULL || lot <= 0 ? quantity : quantity - quantity % lot;
    }

    // ---- Pending-signal management: "change entry" and "cancel the BTC signal" ------------------------------------
    // They address the account's still-pending entry orders (live, not reducing, not already being cancelled): in the
    // leg's symbol, or, when the message names none (it refers to the previous signal), in the symbol of the account's
    // most recently placed pending entry order. Orders are visited in key order, so the outputs never depend on the
    // order book's iteration order.
    private final PendingEntryFilter pendingEntry = new PendingEntryFilter();

    private static final class PendingEntryFilter implements OrderBook.OrderFilter
    {
        private int accountId;
        private int instrumentId;
        private Side side;
        private boolean repriceable;

        public boolean accepts(final Order order)
        {
            return order.accountId == accountId && (instrumentId < 0 || order.instrumentId == instrumentId) &&
                !order.reduceOnly && (side == null || order.side == side) &&
                (order.status == OrdStatus.PENDING_NEW || order.status == OrdStatus.NEW || order.status == OrdStatus.PARTIALLY_FILLED) &&
                (!repriceable || order.ordType != OrdType.MARKET);
        }
    }

    private static boolean managesPending(final io.sluice.engine.parse.LegAction action)
    {
        return action == io.sluice.engine.parse.LegAction.NEW_ENTRY || action == io.sluice.engine.parse.LegAction.CANCEL ||
            action == io.sluice.engine.parse.LegAction.CANCEL_LONG || action == io.sluice.engine.parse.LegAction.CANCEL_SHORT;
    }

    // Point the filter at the leg's pending entry orders; false when there are none.
    private boolean selectPendingEntries(final int accountId, final int instrumentId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final io.sluice.engine.parse.LegAction action = leg.action();
        pendingEntry.accountId = accountId;
        pendingEntry.instrumentId = instrumentId;
        pendingEntry.side = action == io.sluice.engine.parse.LegAction.CANCEL_LONG ? Side.BUY :
            action == io.sluice.engine.parse.LegAction.CANCEL_SHORT ? Side.SELL : leg.side();
        pendingEntry.repriceable = action == io.sluice.engine.parse.LegAction.NEW_ENTRY;
        if (instrumentId < 0)
        {
            final Order latest = orders.latestCreated(pendingEntry);
            if (latest == null)
            {
                return false;
            }
            pendingEntry.instrumentId = latest.instrumentId;
        }
        return orders.nextInKeyOrder(0, true, pendingEntry) != null;
    }

    private void managePending(final int accountId, final int instrumentId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final boolean newEntry = leg.action() == io.sluice.engine.parse.LegAction.NEW_ENTRY;
        if (newEntry && (leg.price() == Fixed.NULL || leg.price() <= 0))
        {
            text.clear().append("a change of entry without a new price");
            reject(RejectReason.INVALID_FIELD, "entry", accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        if (!selectPendingEntries(accountId, instrumentId, leg))
        {
            if (!newEntry && cancelAwaitingApproval(accountId, instrumentId))
            {
                return;
            }
            text.clear().append(newEntry ? "no pending entry order to change" : "no pending order to cancel");
            if (instrumentId >= 0)
            {
                text.append(" in ").append(instruments.name(instrumentId));
            }
            reject(RejectReason.NOT_A_SIGNAL, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        // A new entry price passes the price gates (halt, tick size, collar) before any order changes.
        final Order first = orders.nextInKeyOrder(0, true, pendingEntry);
        if (newEntry && !risk.checkNewPrice(accountId, first.instrumentId, first.venueId, leg.price(), nowNs, prices))
        {
            reject(risk.reason, risk.field, accountId, first.instrumentId, 0, risk.limitValue, risk.actualValue, risk.detail);
            return;
        }
        for (Order order = orders.nextInKeyOrder(0, true, pendingEntry); order != null;
            order = orders.nextInKeyOrder(order.key, false, pendingEntry))
        {
            order.updatedNs = nowNs;
            if (newEntry)
            {
                // A LIMIT order gets the new price, a STOP order the new trigger; the venue's answer follows as usual.
                final boolean trigger = order.ordType == OrdType.STOP;
                if (trigger)
                {
                    order.stopPrice = leg.price();
                }
                else
                {
                    order.price = leg.price();
                }
                out.amendEntry(order, trigger ? Fixed.NULL : leg.price(), trigger ? leg.price() : Fixed.NULL, nowNs);
                text.clear().append("entry changed to ").appendFixed(leg.price()).append(" by signal ")
                    .append(signalIdView, 0, signalIdView.capacity());
                out.orderUpdate(order, text.buffer(), 0, text.length(), nowNs);
            }
            else
            {
                order.status = OrdStatus.PENDING_CANCEL;
                out.cancelOrder(order, nowNs);
                text.clear().append("cancelled by signal ").append(signalIdView, 0, signalIdView.capacity());
                out.orderUpdate(order, text.buffer(), 0, text.length(), nowNs);
            }
        }
    }

    // A cancelled signal that has no live order may still wait for approval: the newest one of the account (in the
    // named instrument) leaves the queue, answered APPROVAL_REJECTED under its own signal id. Returns false when none waits.
    private boolean cancelAwaitingApproval(final int accountId, final int instrumentId)
    {
        final int slot = approvals.latest(accountId, instrumentId);
        if (slot < 0)
        {
            return false;
        }
        final DirectBuffer frame = approvals.frame(slot);
        approvalHeader.wrap(frame, 0);
        approvalSignal.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, approvalHeader.blockLength(), approvalHeader.version());
        approvalSignal.wrapSignalId(approvalIdView);
        text.clear().append("cancelled by signal ").append(signalIdView, 0, signalIdView.capacity())
            .append(" while waiting for approval");
        savedIdView.wrap(signalIdView);
        signalIdView.wrap(approvalIdView);
        reject(RejectReason.APPROVAL_REJECTED, null, accountId, instrumentId, 0, Fixed.NULL, Fixed.NULL, text);
        signalIdView.wrap(savedIdView);
        approvals.remove(slot);
        return true;
    }

    // The dry run of a "change entry" or "cancel": would it find pending orders?
    private boolean dryRunPending(final int accountId, final int instrumentId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final boolean newEntry = leg.action() == io.sluice.engine.parse.LegAction.NEW_ENTRY;
        if (newEntry && (leg.price() == Fixed.NULL || leg.price() <= 0))
        {
            text.clear().append("a change of entry without a new price");
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.INVALID_FIELD, "entry", accountId, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        if (!selectPendingEntries(accountId, instrumentId, leg))
        {
            if (!newEntry && approvals.latest(accountId, instrumentId) >= 0)
            {
                return true; // it would cancel the signal that waits for approval
            }
            text.clear().append(newEntry ? "no pending entry order to change" : "no pending order to cancel");
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.NOT_A_SIGNAL, null, accountId, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        final Order first = orders.nextInKeyOrder(0, true, pendingEntry);
        if (newEntry && !risk.checkNewPrice(accountId, first.instrumentId, first.venueId, leg.price(), nowNs, prices))
        {
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, risk.reason, risk.field, accountId, risk.limitValue, risk.actualValue, risk.detail);
            return false;
        }
        return true;
    }

    // ---- Dry run (POST /api/v1/signals/parse) ------------------------------------------------------------------
    // A RawSignal with dryRun=TRUE is parsed, completed and judged like a real one — its format, the channel's
    // settings, the completion rules, the account, the dedup verdict, the approval threshold, the hedge-pair flag
    // and the pre-trade gates of each leg that would be routed now, against the current state — and answered with
    // one ParseResult. Nothing changes: no dedup record, no order, no approval, no pair, no rate token. The intents
    // are rendered as JSON text, so a dry run allocates: it is a user's test, not the trading path.
    private static final byte[] NO_INTENTS = new byte[0];
    private static final int MAX_INTENTS_BYTES = 4000;
    private byte[] dryIntents = NO_INTENTS;
    private SignalFormat dryFormat;

    private void dryRun()
    {
        dryFormat = rawSignal.format();
        dryIntents = NO_INTENTS;
        intent.idLength = 0;
        final boolean canonical = dryFormat == SignalFormat.CANONICAL_JSON;
        final io.sluice.engine.parse.ParseContext context = parseContexts.forChannel(channelView, 0, channelView.capacity());
        final boolean canonicalParsed = canonical && parser.parse(bodyView, 0, bodyView.capacity(), intent);
        if (parsers.parse(dryFormat, bodyView, 0, bodyView.capacity(), context, parsed) && !canonical)
        {
            final io.sluice.engine.parse.AsciiSlot named = parsed.account();
            final int factsAccount = accountView.capacity() > 0 ? accounts.lookup(accountView, 0, accountView.capacity()) :
                named.length() > 0 ? accounts.lookup(named.buffer(), 0, named.length()) : 0;
            marketFacts.accountId = Math.max(0, factsAccount);
            completer.complete(parsed, context, marketFacts);
        }
        final byte[] rendered = io.sluice.engine.parse.ParsedSignalFormatter.format(parsed)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dryIntents = rendered.length <= MAX_INTENTS_BYTES ? rendered : java.util.Arrays.copyOf(rendered, MAX_INTENTS_BYTES);
        if (canonical)
        {
            if (!canonicalParsed)
            {
                dryRefuse(parser.errorReason, parser.errorField, -1, parser.errorDetail);
                return;
            }
            dryRunCanonical();
            return;
        }
        if (!parsed.isParsed())
        {
            dryRefuse(parsed.rejectReason() == null ? RejectReason.UNPARSEABLE : parsed.rejectReason(), parsed.errorField(), -1,
                parsed.errorDetail() == null ? "unparseable" : parsed.errorDetail());
            return;
        }
        if (!parsed.mayAct())
        {
            dryRefuse(RejectReason.NOT_A_SIGNAL, null, -1, parsed.errorDetail() == null ? "not a new trade" : parsed.errorDetail());
            return;
        }
        if (signalIdView.capacity() == 0)
        {
            dryRefuse(RejectReason.INVALID_FIELD, "id", -1, "signal has no id");
            return;
        }
        final io.sluice.engine.parse.AsciiSlot parsedAccount = parsed.account();
        final int accountId = accountView.capacity() > 0 ? accounts.lookup(accountView, 0, accountView.capacity()) :
            parsedAccount.length() > 0 ? accounts.lookup(parsedAccount.buffer(), 0, parsedAccount.length()) :
            accounts.size() == 1 ? 0 : NameIndex.MISSING;
        if (accountId == NameIndex.MISSING)
        {
            dryRefuse(RejectReason.UNKNOWN_ACCOUNT, "account", -1, "no such account, or none given by the signal or its source");
            return;
        }
        final DirectBuffer key = keyView.capacity() > 0 ? keyView : signalIdView;
        if (dedup.contains(Ascii.hash(accounts.hash(accountId), key, 0, key.capacity()), nowNs))
        {
            text.clear().append("signal id already seen for account ").append(accounts.name(accountId));
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.DUPLICATE, "id", accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        final long minConfidence = limits.account(accountId, Limit.MIN_CONFIDENCE);
        if (minConfidence != Fixed.NULL && Fixed.of(parsed.confidence()) < minConfidence &&
            parsed.kind() != io.sluice.engine.parse.MessageKind.CANCELLATION)
        {
            text.clear().append("completed with confidence ").appendLong(parsed.confidence())
                .append(", below minConfidence ").appendFixed(minConfidence).append(": would wait for an operator's approval");
            dryAnswer(io.sluice.sbe.ParseOutcome.AWAIT_APPROVAL, RejectReason.AWAITING_APPROVAL, null, accountId,
                minConfidence, Fixed.of(parsed.confidence()), text);
            return;
        }
        final boolean hedgePair = parsed.pairEvent() != io.sluice.engine.parse.PairEvent.NONE && parsed.legCount() == 2;
        if (hedgePair && parsed.pairEvent() == io.sluice.engine.parse.PairEvent.ENTRY && pairBlocked[accountId])
        {
            text.clear().append("a previous hedge pair of account ").append(accounts.name(accountId))
                .append(" failed a leg; an operator must clear the flag (CLEAR_PAIR_FLAG) before new pair entries");
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.PAIR_BLOCKED, null, accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        if (hedgePair)
        {
            final io.sluice.engine.parse.AsciiSlot second = parsed.leg(1).symbol();
            if (pairs.free() < 0 || second.length() == 0 || instruments.lookup(second.buffer(), 0, second.length()) == NameIndex.MISSING)
            {
                text.clear().append(pairs.free() < 0 ? "too many hedge pairs in flight" : "unknown symbol in the second leg: ")
                    .append(second.buffer(), 0, second.length());
                dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, pairs.free() < 0 ? RejectReason.ORDER_CAPACITY : RejectReason.UNKNOWN_SYMBOL,
                    pairs.free() < 0 ? null : "symbol", accountId, Fixed.NULL, Fixed.NULL, text);
                return;
            }
        }
        // Hedge pairs route their first leg now (the second after it fills); other signals route every leg.
        final int legsNow = hedgePair ? 1 : parsed.legCount();
        for (int legIndex = 0; legIndex < legsNow; legIndex++)
        {
            if (!dryRunLeg(accountId, parsed.leg(legIndex)))
            {
                return;
            }
        }
        text.clear();
        dryAnswer(io.sluice.sbe.ParseOutcome.ROUTE, null, null, accountId, Fixed.NULL, Fixed.NULL, text);
    }

    // One leg of a parsed signal through the checks and gates it would meet; false after answering its refusal.
    private boolean dryRunLeg(final int accountId, final io.sluice.engine.parse.ParsedLeg leg)
    {
        final io.sluice.engine.parse.AsciiSlot symbol = leg.symbol();
        final int instrumentId = symbol.length() > 0 ? instruments.lookup(symbol.buffer(), 0, symbol.length()) : NameIndex.MISSING;
        if (symbol.length() == 0 && managesPending(leg.action()))
        {
            return dryRunPending(accountId, -1, leg);
        }
        if (instrumentId == NameIndex.MISSING)
        {
            text.clear().append("unknown symbol ").append(symbol.buffer(), 0, symbol.length());
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.UNKNOWN_SYMBOL, "symbol", accountId, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        final io.sluice.engine.parse.AsciiSlot venueHint = leg.venue();
        final int hinted = venueHint.length() > 0 ? venues.lookup(venueHint.buffer(), 0, venueHint.length()) : NameIndex.MISSING;
        final int venueId = hinted != NameIndex.MISSING ? hinted : accountVenue[accountId];
        final long position = positions.quantity(accountId, instrumentId);
        switch (leg.action())
        {
            case OPEN:
                if (leg.quantity() == Fixed.NULL || leg.quantity() <= 0)
                {
                    text.clear().append("no quantity: the signal gives none and no rule could complete it");
                    dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.INVALID_FIELD, "qty", accountId, Fixed.NULL, Fixed.NULL, text);
                    return false;
                }
                return dryGates(accountId, instrumentId, venueId, leg.side(), leg.ordType() == null ? OrdType.MARKET : leg.ordType(),
                    leg.quantity(), leg.price(), leg.stopPrice(), leg.reduceOnly());
            case CLOSE_LONG:
            case CLOSE_SHORT:
            case CLOSE_ALL:
            case CLOSE_PART:
            {
                final boolean closesLong = position > 0 && leg.action() != io.sluice.engine.parse.LegAction.CLOSE_SHORT;
                final boolean closesShort = position < 0 && leg.action() != io.sluice.engine.parse.LegAction.CLOSE_LONG;
                if (!closesLong && !closesShort)
                {
                    text.clear().append("nothing to close: position is ").appendFixed(position);
                    dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.NOT_A_SIGNAL, null, accountId, Fixed.NULL, position, text);
                    return false;
                }
                final long quantity = closeQuantity(instrumentId, Math.abs(position), leg.action(), leg.quantity(), leg.closePercent());
                return dryGates(accountId, instrumentId, venueId, closesLong ? Side.SELL : Side.BUY, OrdType.MARKET, quantity,
                    Fixed.NULL, Fixed.NULL, true);
            }
            case NEW_SL:
            case NEW_TP:
            case NEW_SLTP:
            case MOVE_SL_TO_BREAKEVEN:
            {
                // As amendStops decides: the named side's tickets, or the only side open.
                final int longs = tickets.count(accountId, instrumentId, PositionTickets.LONG);
                final int shorts = tickets.count(accountId, instrumentId, PositionTickets.SHORT);
                final int stopsOn = leg.side() != null ? (leg.side() == Side.BUY ? longs : shorts) :
                    longs > 0 && shorts > 0 ? 0 : longs + shorts;
                if (stopsOn == 0)
                {
                    text.clear().append("no open position to change stops on for ").append(instruments.name(instrumentId));
                    dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.NOT_A_SIGNAL, null, accountId, Fixed.NULL, position, text);
                    return false;
                }
                return true;
            }
            case NEW_ENTRY:
            case CANCEL:
            case CANCEL_LONG:
            case CANCEL_SHORT:
                return dryRunPending(accountId, instrumentId, leg);
            default:
                text.clear().append("management action ").append(leg.action().name())
                    .append(" is recognised but this engine does not act on it yet");
                dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.NOT_A_SIGNAL, null, accountId, Fixed.NULL, Fixed.NULL, text);
                return false;
        }
    }

    // The canonical format's checks in the engine's order: id, account, symbol, venue, dedup, sizing, gates.
    private void dryRunCanonical()
    {
        if (signalIdView.capacity() == 0 && intent.idLength == 0)
        {
            dryRefuse(RejectReason.INVALID_FIELD, "id", -1, "signal has no id");
            return;
        }
        final int accountId;
        if (accountView.capacity() > 0)
        {
            if (intent.accountLength > 0 &&
                !Ascii.equals(bodyView, intent.accountOffset, intent.accountLength, accountView, 0, accountView.capacity()))
            {
                dryRefuse(RejectReason.INVALID_FIELD, "account", -1, "account differs from the source's account");
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
            dryRefuse(RejectReason.INVALID_FIELD, "account", -1, "account is required");
            return;
        }
        if (accountId == NameIndex.MISSING)
        {
            dryRefuse(RejectReason.UNKNOWN_ACCOUNT, "account", -1, "no such account");
            return;
        }
        final int instrumentId = instruments.lookup(bodyView, intent.symbolOffset, intent.symbolLength);
        if (instrumentId == NameIndex.MISSING)
        {
            text.clear().append("unknown symbol ").append(bodyView, intent.symbolOffset, intent.symbolLength);
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.UNKNOWN_SYMBOL, "symbol", accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        final int venueId = intent.venueLength > 0 ?
            venues.lookup(bodyView, intent.venueOffset, intent.venueLength) : accountVenue[accountId];
        if (venueId == NameIndex.MISSING)
        {
            text.clear().append("unknown venue ").append(bodyView, intent.venueOffset, intent.venueLength);
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.UNKNOWN_VENUE, "venue", accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        final long accountHash = accounts.hash(accountId);
        final boolean seen;
        if (keyView.capacity() > 0)
        {
            seen = dedup.contains(Ascii.hash(accountHash, keyView, 0, keyView.capacity()), nowNs);
        }
        else
        {
            seen = intent.idLength > 0 && dedup.contains(Ascii.hash(accountHash, bodyView, intent.idOffset, intent.idLength), nowNs);
        }
        final DirectBuffer idBuffer = signalIdView.capacity() > 0 ? signalIdView : bodyView;
        final int idOffset = signalIdView.capacity() > 0 ? 0 : intent.idOffset;
        final int idLength = signalIdView.capacity() > 0 ? signalIdView.capacity() : intent.idLength;
        if (seen || orders.contains(ClientOrderIds.key(accountHash, idBuffer, idOffset, idLength, 0, 0)))
        {
            text.clear().append("signal id already seen for account ").append(accounts.name(accountId));
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.DUPLICATE, "id", accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        if (intent.quantity == Fixed.NULL && !sizeFromRisk(accountId, instrumentId))
        {
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.INVALID_FIELD, sizingField, accountId, Fixed.NULL, Fixed.NULL, text);
            return;
        }
        if (dryGates(accountId, instrumentId, venueId, intent.side, intent.ordType, intent.quantity, intent.price,
            intent.stopPrice, intent.reduceOnly))
        {
            text.clear();
            dryAnswer(io.sluice.sbe.ParseOutcome.ROUTE, null, null, accountId, Fixed.NULL, Fixed.NULL, text);
        }
    }

    // The pre-trade gates and the order capacity, spending nothing; false after answering the refusal.
    private boolean dryGates(
        final int accountId, final int instrumentId, final int venueId, final Side side, final OrdType ordType,
        final long quantity, final long price, final long stopPrice, final boolean reduceOnly)
    {
        final int slices = rules.slices(instrumentId, quantity);
        orderCheck.set(accountId, instrumentId, venueId, side, ordType, quantity, price, stopPrice, reduceOnly, slices, nowNs);
        final boolean passed;
        risk.probe = true;
        try
        {
            passed = risk.check(orderCheck, venueStates[venueId], prices, positions, accountRisk);
        }
        finally
        {
            risk.probe = false;
        }
        if (!passed)
        {
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, risk.reason, risk.field, accountId, risk.limitValue, risk.actualValue, risk.detail);
            return false;
        }
        if (orders.capacity() - orders.size() < slices)
        {
            text.clear().append("live order capacity ").appendLong(orders.capacity()).append(" reached");
            dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, RejectReason.ORDER_CAPACITY, null, accountId, Fixed.NULL, Fixed.NULL, text);
            return false;
        }
        return true;
    }

    private void dryRefuse(final RejectReason reason, final String field, final int accountId, final String detail)
    {
        text.clear().append(detail == null ? "" : detail);
        dryAnswer(io.sluice.sbe.ParseOutcome.REFUSE, reason, field, accountId, Fixed.NULL, Fixed.NULL, text);
    }

    private void dryAnswer(
        final io.sluice.sbe.ParseOutcome outcome, final RejectReason reason, final String field, final int accountId,
        final long limitValue, final long actualValue, final AsciiText detail)
    {
        final boolean bodyId = signalIdView.capacity() == 0 && intent.idLength > 0;
        out.parseResult(rawSignal.ingressTimeNs(), nowNs, outcome, reason, dryFormat, accountId, limitValue, actualValue,
            bodyId ? bodyView : signalIdView, bodyId ? intent.idOffset : 0, bodyId ? intent.idLength : signalIdView.capacity(),
            field, detail, dryIntents);
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
            if (idLength == 0 && executionReport.execType() == ExecType.TRADE)
            {
                onVenueInitiatedFill(buffer);
                return;
            }
            if (onStopsReply(key, buffer, idOffset, idLength))
            {
                return;
            }
            if (onReleasedOrderReport(key, buffer, idOffset, idLength))
            {
                return;
            }
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
                final long fillQty = Math.min(cumQty, order.quantity) - order.cumQty;
                order.cumQty += fillQty;
                order.avgPrice += Fixed.mulDiv(lastPrice - order.avgPrice, fillQty, order.cumQty);
                order.status = order.cumQty >= order.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
                positions.addPending(order.accountId, order.instrumentId, order.side, -fillQty);
                final Position position = positions.get(order.accountId, order.instrumentId);
                position.onFill(order.side == Side.BUY ? fillQty : -fillQty, lastPrice, nowNs);
                onTicketFill(order, fillQty, lastPrice);
                positions.filledAt(order.accountId, order.instrumentId, order.venueId);
                out.positionUpdate(order.accountId, order.venueId, order.instrumentId, position, nowNs);
                accountRisk.dirty[order.accountId] = true;
                checkDailyLoss(order.accountId);
                break;
            case CANCELED:
                order.status = OrdStatus.CANCELED;
                break;
            case REJECTED:
                order.status = OrdStatus.REJECTED;
                onVenueFault(order.venueId);
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
                if (reportedStatus == null || reportedStatus == OrdStatus.NULL_VAL)
                {
                    break;
                }
                if (reportedStatus == OrdStatus.UNKNOWN)
                {
                    if (order.status != OrdStatus.UNKNOWN)
                    {
                        onVenueFault(order.venueId); // a lost answer (timeout) counts toward the breaker
                    }
                    order.status = OrdStatus.UNKNOWN;
                    break;
                }
                if (reportedStatus == OrdStatus.NOT_FOUND && !order.statusRequested)
                {
                    break; // a second answer to a request already settled: no news, and never a second re-send
                }
                // Requested or not, a status brings the fills the engine has not seen (a status the venue sends
                // on its own, or the late answer of an earlier round, must not skip them).
                if (!onStatusAnswer(order, reportedStatus, cumQty, executionReport.avgPrice()))
                {
                    return; // NOT_FOUND: replaced by its next attempt or given up, already reported
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
            positions.addPending(order.accountId, order.instrumentId, order.side, -(order.quantity - order.cumQty));
            final int accountId = order.accountId;
            final OrdStatus finalStatus = order.status;
            final int pairSlot = pairs.find(order.key);
            recon.settle(order);
            released.released(order);
            orders.release(order);
            if (pairSlot >= 0)
            {
                onPairOrderDone(pairSlot, finalStatus);
            }
            checkFlat(accountId);
        }
    }

    // A fill the venue made on its own (stop-loss or take-profit hit, stop-out): no client order id, so it
    // moves the position directly. Deduplicated by the venue's trade id: gateways re-report fills after a
    // reconnect.
    private void onVenueInitiatedFill(final DirectBuffer buffer)
    {
        final int base = executionReport.offset();
        final int accountOffset = base + ExecutionReportDecoder.accountEncodingOffset();
        final int symbolOffset = base + ExecutionReportDecoder.symbolEncodingOffset();
        final int accountId = accounts.lookup(buffer, accountOffset, Ascii.fixedLength(buffer, accountOffset, ExecutionReportDecoder.accountLength()));
        final int instrumentId = instruments.lookup(buffer, symbolOffset, Ascii.fixedLength(buffer, symbolOffset, ExecutionReportDecoder.symbolLength()));
        final int venueOffset = base + ExecutionReportDecoder.venueEncodingOffset();
        final int venueId = venues.lookup(buffer, venueOffset, Ascii.fixedLength(buffer, venueOffset, ExecutionReportDecoder.venueLength()));
        final int tradeIdOffset = base + ExecutionReportDecoder.tradeIdEncodingOffset();
        final int tradeIdLength = executionReport.actingVersion() >= 1 ?
            Ascii.fixedLength(buffer, tradeIdOffset, ExecutionReportDecoder.tradeIdLength()) : 0;
        final Side side = executionReport.side();
        final long quantity = executionReport.lastQty();
        if (accountId < 0 || instrumentId < 0 || venueId < 0 || tradeIdLength == 0 || quantity <= 0 ||
            (side != Side.BUY && side != Side.SELL))
        {
            text.clear().append("venue-initiated fill without account, symbol, venue, side, quantity or trade id: ignored");
            out.engineError(ExecutionReportDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        if (dedup.isDuplicate(Ascii.hash(venues.hash(venueId) ^ TRADE_SALT, buffer, tradeIdOffset, tradeIdLength), nowNs))
        {
            return;
        }
        final Position position = positions.get(accountId, instrumentId);
        position.onFill(side == Side.BUY ? quantity : -quantity, executionReport.lastPrice(), nowNs);
        tickets.onVenueFill(accountId, instrumentId, side, quantity);
        positions.filledAt(accountId, instrumentId, venueId);
        out.positionUpdate(accountId, venueId, instrumentId, position, nowNs);
        accountRisk.dirty[accountId] = true;
        checkDailyLoss(accountId);
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
            for (int accountId = 0; accountId < accounts.size(); accountId++)
            {
                if (positions.quantity(accountId, instrumentId) != 0)
                {
                    accountRisk.dirty[accountId] = true;
                    checkDailyLoss(accountId);
                }
            }
        }
    }

    private void onGatewayStatus()
    {
        final int venueOffset = gatewayStatus.offset() + GatewayStatusDecoder.venueEncodingOffset();
        final DirectBuffer buffer = gatewayStatus.buffer();
        final int venueId = venues.lookup(
            buffer, venueOffset, Ascii.fixedLength(buffer, venueOffset, GatewayStatusDecoder.venueLength()));
        if (venueId == NameIndex.MISSING)
        {
            return;
        }
        final GatewayState state = gatewayStatus.state() == GatewayState.NULL_VAL ? GatewayState.DOWN : gatewayStatus.state();
        final GatewayState previous = venueStates[venueId];
        venueStates[venueId] = state;
        venueHeartbeatNs[venueId] = nowNs;
        // A gateway that has never been UP (still connecting to its venue) is not an outage.
        if (state == GatewayState.DOWN && previous != null && previous != GatewayState.DOWN)
        {
            onVenueDown(venueId, "gateway reported DOWN");
        }
        else if (state == GatewayState.UP && previous != null && previous != GatewayState.UP)
        {
            text.clear().append("gateway ").append(venues.name(venueId)).append(" is up");
            out.alert(AlertType.GATEWAY_UP, Severity.INFO, -1, venueId, -1, nowNs, text);
        }
        if (state == GatewayState.UP && (previous != GatewayState.UP || recon.awaitingUp[venueId]))
        {
            reconcileVenue(venueId);
        }
    }

    // ---- Reconciliation of in-doubt orders (recovery, gateway back up) ----

    private final java.util.function.Consumer<Order> reconCollector = this::collectForReconciliation;
    private final UnsafeBuffer resendSignalId = new UnsafeBuffer(0, 0);

    private void collectForReconciliation(final Order order)
    {
        recon.collect(order);
    }

    // First input after a restart that recovered in-doubt orders: query each venue about them.
    private void onEngineStarted()
    {
        for (int venueId = 0; venueId < venues.size(); venueId++)
        {
            reconcileVenue(venueId);
        }
    }

    // The venue's live orders (or only those with a request outstanding) into recon.scratch, oldest first.
    private void collect(final int venueId, final boolean requestedOnly)
    {
        recon.clearScratch();
        recon.collectVenue = venueId;
        recon.collectRequestedOnly = requestedOnly;
        orders.forEach(reconCollector);
    }

    // Ask the venue about every live order of it, oldest first; when its gateway is not up, ask as soon as it is.
    // Not only the in-doubt ones: an acknowledged order's fill report may have died with the engine (read from
    // Aeron, not yet journaled) or with the gateway's connection.
    private void reconcileVenue(final int venueId)
    {
        collect(venueId, false);
        final int count = recon.scratchSize;
        recon.asked[venueId] = 0;
        recon.outstanding[venueId] = 0;
        if (count == 0)
        {
            recon.awaitingUp[venueId] = false;
            return;
        }
        if (venueStates[venueId] != GatewayState.UP)
        {
            // New orders wait for the gateway only when some order's outcome is unknown; it is asked when UP.
            boolean inDoubt = false;
            for (int i = 0; i < count; i++)
            {
                final Order order = recon.scratch[i];
                inDoubt |= Reconciliation.inDoubt(order.status);
                order.statusRequested = false;
                order.statusGates = false;
            }
            recon.awaitingUp[venueId] = inDoubt;
            recon.clearScratch();
            return;
        }
        recon.awaitingUp[venueId] = false;
        final long round = ++recon.round[venueId];
        for (int i = 0; i < count; i++)
        {
            final Order order = recon.scratch[i];
            recon.ask(order);
            out.orderStatusRequest(order, round, nowNs);
        }
        recon.deadlineNs[venueId] = nowNs + recon.timeoutNs;
        recon.clearScratch();
    }

    // The venue's answer to a status request. Returns false when the order was finished here (NOT_FOUND).
    private boolean onStatusAnswer(final Order order, final OrdStatus status, final long cumQty, final long avgPrice)
    {
        recon.settle(order);
        if (status == OrdStatus.NOT_FOUND)
        {
            onOrderNotFound(order);
            return false;
        }
        if (cumQty > order.cumQty)
        {
            catchUpFill(order, Math.min(cumQty, order.quantity), avgPrice);
        }
        if (status == OrdStatus.NEW && order.cumQty > 0)
        {
            order.status = OrdStatus.PARTIALLY_FILLED;
        }
        else if (status != OrdStatus.PENDING_NEW || order.status == OrdStatus.UNKNOWN)
        {
            order.status = status;
        }
        return true;
    }

    // Fills the venue made that the engine never saw a TRADE for: the difference between the venue's cumulative
    // quantity and the engine's, at the price that makes the venue's average.
    private void catchUpFill(final Order order, final long cumQty, final long avgPrice)
    {
        final long fillQty = cumQty - order.cumQty;
        final long price = order.cumQty == 0 ? avgPrice :
            Fixed.mulDiv(Fixed.multiply(avgPrice, cumQty) - Fixed.multiply(order.avgPrice, order.cumQty), Fixed.SCALE, fillQty);
        order.cumQty = cumQty;
        order.avgPrice += Fixed.mulDiv(price - order.avgPrice, fillQty, order.cumQty);
        order.status = order.cumQty >= order.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        positions.addPending(order.accountId, order.instrumentId, order.side, -fillQty);
        final Position position = positions.get(order.accountId, order.instrumentId);
        position.onFill(order.side == Side.BUY ? fillQty : -fillQty, price, nowNs);
        onTicketFill(order, fillQty, price);
        out.positionUpdate(order.accountId, order.venueId, order.instrumentId, position, nowNs);
        accountRisk.dirty[order.accountId] = true;
        checkDailyLoss(order.accountId);
    }

    // The venue does not know the order: it never got there. A cancel in flight is done; an order is re-sent
    // once as its next attempt (a new, deterministic client order id), unless its attempts are used up.
    private void onOrderNotFound(final Order order)
    {
        if (order.status == OrdStatus.PENDING_CANCEL || order.cumQty > 0)
        {
            text.clear().append("venue does not know this order: nothing left to cancel");
            finishOrder(order, OrdStatus.CANCELED, 0);
            return;
        }
        final long nextKey = ClientOrderIds.nextAttempt(order.key, order.attempt);
        final Order next = order.attempt + 1 > Reconciliation.MAX_ATTEMPT || orders.contains(nextKey) ? null : orders.acquire();
        if (next == null)
        {
            text.clear().append("venue does not know order ").appendClientOrderId(order.key)
                .append(" (attempt ").appendLong(order.attempt).append("); not re-sent: attempts used up or no capacity");
            out.alert(AlertType.RECONCILE_GAVE_UP, Severity.CRITICAL, order.accountId, order.venueId, order.instrumentId, nowNs, text);
            finishOrder(order, OrdStatus.REJECTED, 0);
            return;
        }
        next.key = nextKey;
        next.accountId = order.accountId;
        next.instrumentId = order.instrumentId;
        next.venueId = order.venueId;
        next.side = order.side;
        next.ordType = order.ordType;
        next.timeInForce = order.timeInForce;
        next.quantity = order.quantity;
        next.price = order.price;
        next.stopPrice = order.stopPrice;
        next.takeProfit = order.takeProfit;
        next.stopLoss = order.stopLoss;
        next.reduceOnly = order.reduceOnly;
        next.positionSide = order.positionSide;
        next.product = order.product;
        next.leg = order.leg;
        next.attempt = order.attempt + 1;
        System.arraycopy(order.signalId, 0, next.signalId, 0, order.signalIdLength);
        next.signalIdLength = order.signalIdLength;
        next.status = OrdStatus.PENDING_NEW;
        next.createdNs = nowNs;
        next.updatedNs = nowNs;

        text.clear().append("venue does not know this order: re-sent as attempt ").appendLong(next.attempt)
            .append(" ").appendClientOrderId(nextKey);
        finishOrder(order, OrdStatus.REJECTED, nextKey);
        orders.add(next);
        positions.addPending(next.accountId, next.instrumentId, next.side, next.quantity);
        resendSignalId.wrap(next.signalId, 0, next.signalIdLength);
        out.newOrder(next, resendSignalId, 0, next.signalIdLength, nowNs);
        out.orderUpdate(next, textView, 0, 0, nowNs);
        text.clear().append("order ").appendClientOrderId(next.key).append(" re-sent as attempt ").appendLong(next.attempt)
            .append(": the venue did not know attempt ").appendLong(next.attempt - 1);
        out.alert(AlertType.RECONCILE_RESENT, Severity.WARN, next.accountId, next.venueId, next.instrumentId, nowNs, text);
    }

    // End an order here with the status given and the text in {@code text}; a hedge pair watching it follows
    // its replacement when there is one.
    private void finishOrder(final Order order, final OrdStatus status, final long replacementKey)
    {
        order.status = status;
        order.updatedNs = nowNs;
        out.orderUpdate(order, text.buffer(), 0, text.length(), nowNs);
        positions.addPending(order.accountId, order.instrumentId, order.side, -(order.quantity - order.cumQty));
        final int accountId = order.accountId;
        final int pairSlot = pairs.find(order.key);
        recon.settle(order);
        released.released(order);
        orders.release(order);
        if (pairSlot >= 0)
        {
            if (replacementKey != 0)
            {
                pairs.orderKey[pairSlot] = replacementKey;
            }
            else
            {
                onPairOrderDone(pairSlot, status);
            }
        }
        checkFlat(accountId);
    }

    // Requests unanswered past the timeout: an alert each, the order left as it is (never re-sent blindly), and
    // the venue takes new orders again.
    private void reconcileTimeouts()
    {
        for (int venueId = 0; venueId < recon.outstanding.length; venueId++)
        {
            if (recon.asked[venueId] == 0 || nowNs < recon.deadlineNs[venueId])
            {
                continue;
            }
            collect(venueId, true);
            for (int i = 0; i < recon.scratchSize; i++)
            {
                final Order order = recon.scratch[i];
                order.statusRequested = false;
                order.statusGates = false;
                text.clear().append("order ").appendClientOrderId(order.key).append(" (").append(order.status.name())
                    .append("): venue ").append(venues.name(venueId)).append(" did not answer the status request within ")
                    .appendLong(recon.timeoutNs / 1_000_000).append(" ms; left as it is, not re-sent - check the venue");
                out.alert(AlertType.RECONCILE_TIMEOUT, Severity.CRITICAL, order.accountId, venueId, order.instrumentId, nowNs, text);
            }
            recon.clearScratch();
            recon.outstanding[venueId] = 0;
            recon.asked[venueId] = 0;
        }
    }

    /** True while some venue has unanswered status requests: the engine holds new signals back meanwhile. */
    public boolean reconciling()
    {
        return recon.anyOutstanding();
    }


    // A gateway went down (reported or silent): counts as a venue fault and, by default, halts the venue
    // until an operator resumes it.
    private void onVenueDown(final int venueId, final String why)
    {
        text.clear().append("gateway ").append(venues.name(venueId)).append(": ").append(why);
        out.alert(AlertType.GATEWAY_DOWN, Severity.CRITICAL, -1, venueId, -1, nowNs, text);
        if (config.haltOnGatewayDown && risk.venueState(venueId) != TradingState.HALTED)
        {
            risk.venueState(venueId, TradingState.HALTED);
            risk.venueHaltedByGateway[venueId] = true;
            text.clear().append("gateway down: ").append(why);
            out.tradingStateUpdate(AdminScope.VENUE, -1, venueId, -1, TradingState.HALTED, nowNs,
                engineActor, engineActor.capacity(), text.buffer(), text.length());
        }
        onVenueFault(venueId);
    }

    private void onVenueFault(final int venueId)
    {
        if (!breaker.onFault(venueId, nowNs))
        {
            return;
        }
        text.clear().append("circuit breaker: ").appendLong(breaker.threshold()).append(" venue faults within ")
            .appendLong(breaker.windowNs() / 1_000_000).append(" ms at ").append(venues.name(venueId));
        out.alert(AlertType.CIRCUIT_BREAKER, Severity.CRITICAL, -1, venueId, -1, nowNs, text);
        if (config.breakerHaltsAll)
        {
            if (risk.globalState() != TradingState.HALTED)
            {
                risk.globalState(TradingState.HALTED);
                out.tradingStateUpdate(AdminScope.GLOBAL, -1, -1, -1, TradingState.HALTED, nowNs,
                    engineActor, engineActor.capacity(), text.buffer(), text.length());
            }
        }
        else
        {
            risk.venueBreakerTripped[venueId] = true;
            if (risk.venueState(venueId) != TradingState.HALTED)
            {
                risk.venueState(venueId, TradingState.HALTED);
            }
            out.tradingStateUpdate(AdminScope.VENUE, -1, venueId, -1, TradingState.HALTED, nowNs,
                engineActor, engineActor.capacity(), text.buffer(), text.length());
        }
    }

    private void onInstrumentDefinition()
    {
        final DirectBuffer buffer = instrumentDefinition.buffer();
        final int symbolOffset = instrumentDefinition.offset() + InstrumentDefinitionDecoder.symbolEncodingOffset();
        final int symbolLength = Ascii.fixedLength(buffer, symbolOffset, InstrumentDefinitionDecoder.symbolLength());
        int instrumentId = instruments.lookup(buffer, symbolOffset, symbolLength);
        if (instrumentId == NameIndex.MISSING)
        {
            instrumentId = learnInstrument(buffer, symbolOffset, symbolLength);
        }
        if (instrumentId != NameIndex.MISSING)
        {
            rules.onDefinition(instrumentId, instrumentDefinition.tickSize(), instrumentDefinition.lotSize(),
                instrumentDefinition.minQty(), instrumentDefinition.maxQty(), instrumentDefinition.minNotional(),
                instrumentDefinition.freezeQty(), instrumentDefinition.contractSize());
        }
    }

    // A definition of a symbol not configured (a broker's synced option) adds it to the instrument table while there is
    // room: definitions are journaled inputs, so replay adds the same instruments with the same ids.
    private int learnInstrument(final DirectBuffer buffer, final int symbolOffset, final int symbolLength)
    {
        final int instrumentId = instruments.add(buffer, symbolOffset, symbolLength);
        if (instrumentId == NameIndex.MISSING)
        {
            if (symbolLength > 0 && !instrumentTableFullReported && instruments.capacity() > config.instruments.size())
            {
                instrumentTableFullReported = true;
                error(InstrumentDefinitionDecoder.TEMPLATE_ID,
                    "instrument table full (sluice.engine.dynamicInstruments): definitions of new symbols are ignored");
            }
            return NameIndex.MISSING;
        }
        int underlyingId = NameIndex.MISSING;
        if (instrumentDefinition.actingVersion() >= 3)
        {
            final int underlyingOffset = instrumentDefinition.offset() + InstrumentDefinitionDecoder.underlyingEncodingOffset();
            final int underlyingLength = Ascii.fixedLength(buffer, underlyingOffset, InstrumentDefinitionDecoder.underlyingLength());
            underlyingId = underlyingLength > 0 ? instruments.lookup(buffer, underlyingOffset, underlyingLength) : NameIndex.MISSING;
        }
        rules.onLearned(instrumentId, underlyingId);
        positions.instrumentsInUse(instruments.size());
        return instrumentId;
    }

    private void onAccountUpdate()
    {
        final DirectBuffer buffer = accountUpdate.buffer();
        final int accountOffset = accountUpdate.offset() + AccountUpdateDecoder.accountEncodingOffset();
        final int accountId = accounts.lookup(
            buffer, accountOffset, Ascii.fixedLength(buffer, accountOffset, AccountUpdateDecoder.accountLength()));
        final int currencyOffset = accountUpdate.offset() + AccountUpdateDecoder.currencyEncodingOffset();
        final int currencyLength = Ascii.fixedLength(buffer, currencyOffset, AccountUpdateDecoder.currencyLength());
        // Venues report one update per asset (Binance spot: USDT, BTC, ...): only the account's own currency counts.
        if (accountId != NameIndex.MISSING && accountRisk.isAccountCurrency(accountId, buffer, currencyOffset, currencyLength))
        {
            accountRisk.onAccountUpdate(accountId, accountUpdate.balance(), accountUpdate.equity(), accountUpdate.marginAvailable());
        }
    }

    private void onAdminCommand()
    {
        final AdminAction action = adminCommand.action();
        final AdminScope scope = adminCommand.scope();
        final DirectBuffer buffer = adminCommand.buffer();
        final int base = adminCommand.offset();
        final int accountOffset = base + AdminCommandDecoder.accountEncodingOffset();
        final int accountLength = Ascii.fixedLength(buffer, accountOffset, AdminCommandDecoder.accountLength());
        final boolean v2 = adminCommand.actingVersion() >= 2;
        final int venueOffset = base + AdminCommandDecoder.venueEncodingOffset();
        final int venueLength = v2 ? Ascii.fixedLength(buffer, venueOffset, AdminCommandDecoder.venueLength()) : 0;
        final int symbolOffset = base + AdminCommandDecoder.symbolEncodingOffset();
        final int symbolLength = v2 ? Ascii.fixedLength(buffer, symbolOffset, AdminCommandDecoder.symbolLength()) : 0;
        final long value = v2 ? adminCommand.value() : Fixed.NULL;
        adminCommand.wrapActor(actorView);
        adminCommand.wrapReason(reasonView);
        if (v2)
        {
            adminCommand.wrapTarget(targetView);
        }
        else
        {
            targetView.wrap(actorView, 0, 0);
        }

        final int accountId = accountLength > 0 ? accounts.lookup(buffer, accountOffset, accountLength) : -1;
        final int venueId = venueLength > 0 ? venues.lookup(buffer, venueOffset, venueLength) : -1;
        final int instrumentId = symbolLength > 0 ? instruments.lookup(buffer, symbolOffset, symbolLength) : -1;
        if ((accountLength > 0 && accountId < 0) || (venueLength > 0 && venueId < 0) || (symbolLength > 0 && instrumentId < 0))
        {
            text.clear().append("admin command names an unknown account, venue or symbol");
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        if ((scope == AdminScope.ACCOUNT && accountId < 0) || (scope == AdminScope.VENUE && venueId < 0) ||
            (scope == AdminScope.INSTRUMENT && instrumentId < 0) || scope == AdminScope.NULL_VAL)
        {
            text.clear().append("admin command scope needs its account, venue or symbol");
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }

        switch (action)
        {
            case KILL:
                setState(scope, accountId, venueId, instrumentId, TradingState.HALTED);
                break;
            case REDUCE:
                setState(scope, accountId, venueId, instrumentId, TradingState.REDUCING);
                break;
            case RESUME:
                setState(scope, accountId, venueId, instrumentId, TradingState.ACTIVE);
                if (scope == AdminScope.VENUE)
                {
                    breaker.reset(venueId);
                    risk.venueBreakerTripped[venueId] = false;
                    risk.venueHaltedByGateway[venueId] = false;
                }
                else if (scope == AdminScope.GLOBAL)
                {
                    for (int v = 0; v < venues.size(); v++)
                    {
                        breaker.reset(v);
                    }
                }
                break;
            case FLATTEN:
                setState(scope, accountId, venueId, instrumentId, TradingState.HALTED);
                flatten(scope == AdminScope.ACCOUNT ? accountId : -1);
                return;
            case SET_LIMIT:
                setLimit(accountId, instrumentId, value);
                return;
            case APPROVE:
            case REJECT:
                decideApproval(action == AdminAction.APPROVE);
                return;
            case CANCEL_ORDER:
                cancelByOperator(accountId);
                return;
            case CLEAR_PAIR_FLAG:
                if (accountId < 0)
                {
                    text.clear().append("CLEAR_PAIR_FLAG needs an account");
                    out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
                    return;
                }
                pairBlocked[accountId] = false;
                text.clear().append("hedge pair flag of account ").append(accounts.name(accountId)).append(" cleared by ")
                    .append(actorView, 0, actorView.capacity());
                out.alert(AlertType.PAIR_FLAGGED, Severity.INFO, accountId, -1, -1, nowNs, text);
                return;
            default:
                text.clear().append("admin action ").append(action.name()).append(" is not supported by this engine yet");
                out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
        }
    }

    // An operator cancels one live order (target = its client order id): a CancelOrder to the order's venue, or a
    // journaled refusal when the order is not live or a cancel is already pending.
    private void cancelByOperator(final int accountId)
    {
        final long key = ClientOrderIds.parse(targetView, 0, targetView.capacity());
        final Order order = key == ClientOrderIds.INVALID ? null : orders.get(key);
        if (order == null || (accountId >= 0 && order.accountId != accountId))
        {
            text.clear().append("cancel refused: order ").append(targetView, 0, targetView.capacity())
                .append(" is not live (unknown, or already filled, canceled, rejected or expired); asked by ")
                .append(actorView, 0, actorView.capacity());
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        if (order.status == OrdStatus.PENDING_CANCEL)
        {
            text.clear().append("cancel refused: a cancel of order ").append(targetView, 0, targetView.capacity())
                .append(" is already pending; asked by ").append(actorView, 0, actorView.capacity());
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        order.status = OrdStatus.PENDING_CANCEL;
        order.updatedNs = nowNs;
        out.cancelOrder(order, nowNs);
        text.clear().append("cancel requested by ").append(actorView, 0, actorView.capacity());
        out.orderUpdate(order, text.buffer(), 0, text.length(), nowNs);
    }

    // An operator creates, updates, disables or enables an account (admin API). Validated as a whole before
    // anything changes; a refusal is an EngineError naming the problem. Allocates when an account is created
    // (names, calendars): operator actions are rare and never on the signal path.
    private void onAccountConfig()
    {
        final io.sluice.sbe.AccountOperation operation = accountConfig.operation();
        final DirectBuffer buffer = accountConfig.buffer();
        final int base = accountConfig.offset();
        final int accountOffset = base + io.sluice.sbe.AccountConfigDecoder.accountEncodingOffset();
        final int accountLength = Ascii.fixedLength(buffer, accountOffset, io.sluice.sbe.AccountConfigDecoder.accountLength());
        final int venueOffset = base + io.sluice.sbe.AccountConfigDecoder.venueEncodingOffset();
        final int venueLength = Ascii.fixedLength(buffer, venueOffset, io.sluice.sbe.AccountConfigDecoder.venueLength());
        final int currencyOffset = base + io.sluice.sbe.AccountConfigDecoder.currencyEncodingOffset();
        final int currencyLength = Ascii.fixedLength(buffer, currencyOffset, io.sluice.sbe.AccountConfigDecoder.currencyLength());
        java.util.Arrays.fill(configLimitSet, false);
        boolean badLimit = false;
        for (final io.sluice.sbe.AccountConfigDecoder.LimitsDecoder entry : accountConfig.limits())
        {
            final long value = entry.value();
            entry.wrapName(targetView);
            final Limit limit = Limit.of(targetView, 0, targetView.capacity());
            if (limit == null)
            {
                badLimit = true;
                continue;
            }
            configLimits[limit.ordinal()] = value;
            configLimitSet[limit.ordinal()] = true;
        }
        accountConfig.wrapActor(actorView);
        accountConfig.wrapCredentialRef(credentialRefView);

        final int existing = accountLength > 0 ? accounts.lookup(buffer, accountOffset, accountLength) : NameIndex.MISSING;
        final int venueId = venueLength > 0 ? venues.lookup(buffer, venueOffset, venueLength) : NameIndex.MISSING;
        text.clear();
        if (accountLength == 0 || operation == io.sluice.sbe.AccountOperation.NULL_VAL)
        {
            text.append("account config refused: it needs an account and an operation");
        }
        else if (venueLength > 0 && venueId == NameIndex.MISSING)
        {
            text.append("account config refused: unknown venue ").append(buffer, venueOffset, venueLength)
                .append(" (venues with a gateway come from configuration)");
        }
        else if (badLimit)
        {
            text.append("account config refused: unknown limit name");
        }
        else if (operation == io.sluice.sbe.AccountOperation.CREATE && existing != NameIndex.MISSING)
        {
            text.append("account config refused: account ").append(buffer, accountOffset, accountLength).append(" exists");
        }
        else if (operation == io.sluice.sbe.AccountOperation.CREATE && venueId == NameIndex.MISSING)
        {
            text.append("account config refused: a new account needs a venue");
        }
        else if (operation == io.sluice.sbe.AccountOperation.CREATE && accounts.size() == accounts.capacity())
        {
            text.append("account config refused: sluice.engine.maxAccounts (").appendLong(accounts.capacity()).append(") reached");
        }
        else if (operation != io.sluice.sbe.AccountOperation.CREATE && existing == NameIndex.MISSING)
        {
            text.append("account config refused: no such account ").append(buffer, accountOffset, accountLength);
        }
        if (text.length() > 0)
        {
            out.engineError(io.sluice.sbe.AccountConfigDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        final int accountId;
        if (operation == io.sluice.sbe.AccountOperation.CREATE)
        {
            accountId = accounts.add(buffer, accountOffset, accountLength);
            accountRisk.define(accountId, config.settings, accounts.nameString(accountId));
            for (final Limit limit : Limit.VALUES)
            {
                limits.setAccount(accountId, limit, CoreConfig.defaultLimit(limit));
            }
        }
        else
        {
            accountId = existing;
        }
        if (venueId != NameIndex.MISSING)
        {
            accountVenue[accountId] = venueId;
        }
        if (currencyLength > 0)
        {
            accountRisk.currency(accountId, buffer, currencyOffset, currencyLength);
        }
        for (final Limit limit : Limit.VALUES)
        {
            if (configLimitSet[limit.ordinal()])
            {
                limits.setAccount(accountId, limit, configLimits[limit.ordinal()]);
            }
        }
        if (operation == io.sluice.sbe.AccountOperation.DISABLE)
        {
            risk.accountDisabled[accountId] = true;
        }
        else if (operation == io.sluice.sbe.AccountOperation.ENABLE)
        {
            risk.accountDisabled[accountId] = false;
        }
        out.accountStatus(operation, accountId, accountVenue[accountId], accountRisk.currency(accountId),
            !risk.accountDisabled[accountId], limits.account(accountId, Limit.MAX_ORDER_QTY),
            limits.account(accountId, Limit.MAX_NOTIONAL), nowNs, actorView, credentialRefView);
        text.clear().append("account ").append(accounts.name(accountId)).append(" ").append(operation.name())
            .append(" by ").append(actorView, 0, actorView.capacity()).append(": venue ").append(venues.name(accountVenue[accountId]))
            .append(risk.accountDisabled[accountId] ? ", disabled (only reducing orders)" : ", enabled");
        out.alert(AlertType.ACCOUNT_CHANGED, operation == io.sluice.sbe.AccountOperation.DISABLE ? Severity.WARN : Severity.INFO,
            accountId, accountVenue[accountId], -1, nowNs, text);
        emitUsage(accountId);
    }

    // An operator's decision on a signal waiting for approval (target = its signal id). Approved, the signal is
    // processed again as if it had just arrived, past the confidence and dedup checks it already went through.
    private void decideApproval(final boolean approve)
    {
        final int slot = approvals.find(Ascii.hash(0, targetView, 0, targetView.capacity()));
        if (slot < 0)
        {
            text.clear().append("no signal waits for approval with id ").append(targetView, 0, targetView.capacity());
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        if (!approve)
        {
            signalIdView.wrap(targetView, 0, targetView.capacity());
            intent.idLength = 0;
            text.clear().append("rejected by ").append(actorView, 0, actorView.capacity());
            reject(RejectReason.APPROVAL_REJECTED, null, -1, -1, 0, Fixed.NULL, Fixed.NULL, text);
            approvals.remove(slot);
            return;
        }
        final DirectBuffer frame = approvals.frame(slot);
        final int length = approvals.length(slot);
        header.wrap(frame, 0);
        rawSignal.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        approvedReplay = true;
        try
        {
            onRawSignal();
        }
        finally
        {
            approvedReplay = false;
            approvals.remove(slot);
        }
        assert length > 0;
    }

    private void setState(final AdminScope scope, final int accountId, final int venueId, final int instrumentId, final TradingState state)
    {
        switch (scope)
        {
            case GLOBAL:
                risk.globalState(state);
                break;
            case ACCOUNT:
                risk.accountState(accountId, state);
                if (state != TradingState.HALTED)
                {
                    risk.dayLocked[accountId] = risk.dayLocked[accountId] && state == TradingState.HALTED;
                }
                accountRisk.dirty[accountId] = true;
                break;
            case VENUE:
                risk.venueState(venueId, state);
                break;
            default:
                risk.instrumentState(instrumentId, state);
                break;
        }
        out.tradingStateUpdate(scope, scope == AdminScope.ACCOUNT ? accountId : -1, scope == AdminScope.VENUE ? venueId : -1,
            scope == AdminScope.INSTRUMENT ? instrumentId : -1, state, nowNs,
            actorView, actorView.capacity(), reasonView, reasonView.capacity());
    }

    private void setLimit(final int accountId, final int instrumentId, final long value)
    {
        final Limit limit = Limit.of(targetView, 0, targetView.capacity());
        if (limit == null || accountId < 0)
        {
            text.clear().append("SET_LIMIT needs an account and a known limit name; got '")
                .append(targetView, 0, targetView.capacity()).append("'");
            out.engineError(AdminCommandDecoder.TEMPLATE_ID, nowNs, text);
            return;
        }
        final long before = instrumentId >= 0 ? limits.get(accountId, instrumentId, limit) : limits.account(accountId, limit);
        if (instrumentId >= 0)
        {
            limits.setOverride(accountId, instrumentId, limit, value);
        }
        else
        {
            limits.setAccount(accountId, limit, value);
        }
        text.clear().append(limit.key).append(" ").appendFixed(before).append(" -> ").appendFixed(value).append(" by ")
            .append(actorView, 0, actorView.capacity());
        out.alert(AlertType.LIMIT_CHANGED, Severity.WARN, accountId, -1, instrumentId, nowNs, text);
        emitUsage(accountId);
    }

    // Cancel every live order and close every position in scope (one account, or all when -1).
    // Closing orders bypass the gates: they only ever reduce exposure. An alert says when the scope is flat.
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
        closePositions(scopeAccountId, false);
        if (scopeAccountId < 0)
        {
            globalFlattenPending = true;
        }
        else
        {
            flattenPending[scopeAccountId] = true;
        }
        checkFlat(scopeAccountId < 0 ? 0 : scopeAccountId);
    }

    private void closePositions(final int scopeAccountId, final boolean intradayOnly)
    {
        flattenId.putStringWithoutLengthAscii(0, intradayOnly ? "squareoff" : "flatten-");
        final int prefix = intradayOnly ? 9 : 8;
        final int idLength = prefix + flattenId.putLongAscii(prefix, sequence);
        for (int accountId = 0; accountId < positions.accounts(); accountId++)
        {
            if (scopeAccountId >= 0 && accountId != scopeAccountId)
            {
                continue;
            }
            for (int instrumentId = 0; instrumentId < positions.instruments(); instrumentId++)
            {
                // A hedging account closes its long and its short tickets with one reduce-only order each.
                final boolean hedged = tickets.hedging(accountId);
                for (int side = PositionTickets.LONG; side <= (hedged ? PositionTickets.SHORT : PositionTickets.LONG); side++)
                {
                    final long quantity = hedged ? (side == PositionTickets.LONG ? 1 : -1) * tickets.total(accountId, instrumentId, side) :
                        positions.quantity(accountId, instrumentId);
                    if (quantity == 0 || (intradayOnly && !calendars.isExchangeSession(rules.calendar(instrumentId))))
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
                    order.key = ClientOrderIds.key(accounts.hash(accountId) ^ FLATTEN_SALT, flattenId, 0, idLength, instrumentId, side);
                    order.accountId = accountId;
                    order.instrumentId = instrumentId;
                    // Close where the position was filled, not at the account's default venue.
                    final int filledAt = positions.venue(accountId, instrumentId);
                    order.venueId = filledAt >= 0 ? filledAt : accountVenue[accountId];
                    order.side = quantity > 0 ? Side.SELL : Side.BUY;
                    order.ordType = OrdType.MARKET;
                    order.timeInForce = TimeInForce.IOC;
                    order.quantity = Math.abs(quantity);
                    order.reduceOnly = true;
                    order.signalId(flattenId, 0, idLength);
                    order.status = OrdStatus.PENDING_NEW;
                    order.createdNs = nowNs;
                    order.updatedNs = nowNs;
                    orders.add(order);
                    positions.addPending(accountId, instrumentId, order.side, order.quantity);
                    out.newOrder(order, flattenId, 0, idLength, nowNs);
                    out.orderUpdate(order, textView, 0, 0, nowNs);
                }
            }
        }
    }

    // After a flatten, say once when its scope has no position and no live order left.
    private void checkFlat(final int accountId)
    {
        if (flattenPending[accountId] && positions.isFlat(accountId) && tickets.isFlat(accountId))
        {
            flattenPending[accountId] = false;
            text.clear().append("account ").append(accounts.name(accountId)).append(" is flat");
            out.alert(AlertType.FLAT, Severity.INFO, accountId, -1, -1, nowNs, text);
        }
        if (globalFlattenPending)
        {
            for (int a = 0; a < accounts.size(); a++)
            {
                if (!positions.isFlat(a) || !tickets.isFlat(a))
                {
                    return;
                }
            }
            globalFlattenPending = false;
            text.clear().append("all accounts are flat");
            out.alert(AlertType.FLAT, Severity.INFO, -1, -1, -1, nowNs, text);
        }
    }

    // Daily loss (realized since the day reset plus unrealized) and drawdown from the day's peak lock the
    // account until its next day reset.
    private void checkDailyLoss(final int accountId)
    {
        final long unrealized = positions.unrealized(accountId, prices, rules);
        final long dailyPnl = accountRisk.dailyPnl(accountId, positions.realized(accountId), unrealized);
        final long drawdown = accountRisk.drawdown(accountId, dailyPnl);
        if (risk.dayLocked[accountId])
        {
            return;
        }
        final long maxLoss = limits.account(accountId, Limit.MAX_DAILY_LOSS);
        final long maxDrawdown = limits.account(accountId, Limit.MAX_DRAWDOWN);
        final boolean lossBreached = maxLoss != Fixed.NULL && -dailyPnl >= maxLoss;
        final boolean drawdownBreached = maxDrawdown != Fixed.NULL && drawdown >= maxDrawdown;
        if (lossBreached || drawdownBreached)
        {
            risk.dayLocked[accountId] = true;
            risk.accountState(accountId, TradingState.HALTED);
            text.clear().append(lossBreached ? "daily loss " : "drawdown ").appendFixed(lossBreached ? -dailyPnl : drawdown)
                .append(lossBreached ? " reached maxDailyLoss " : " reached maxDrawdown ")
                .appendFixed(lossBreached ? maxLoss : maxDrawdown).append("; account locked until the next day reset");
            out.alert(AlertType.DAY_LOCK, Severity.CRITICAL, accountId, -1, -1, nowNs, text);
            out.tradingStateUpdate(AdminScope.ACCOUNT, accountId, -1, -1, TradingState.HALTED, nowNs,
                engineActor, engineActor.capacity(), text.buffer(), text.length());
            emitUsage(accountId);
        }
    }

    private void onTick()
    {
        dedup.expire(nowNs);
        reconcileTimeouts();
        for (int venueId = 0; venueId < venueStates.length; venueId++)
        {
            if ((venueStates[venueId] == GatewayState.UP || venueStates[venueId] == GatewayState.DEGRADED) &&
                nowNs - venueHeartbeatNs[venueId] > config.gatewayTimeoutNs)
            {
                venueStates[venueId] = GatewayState.DOWN;
                text.clear().append("no heartbeat for ").appendLong(config.gatewayTimeoutNs / 1_000_000).append(" ms");
                out.gatewayStatus(venueId, GatewayState.DOWN, nowNs, text);
                onVenueDown(venueId, "no heartbeat");
            }
        }
        final boolean usageDue = nowNs - lastUsageNs >= config.usageIntervalNs;
        for (int accountId = 0; accountId < accounts.size(); accountId++)
        {
            if (accountRisk.dayRolled(accountId, nowNs))
            {
                accountRisk.resetDay(accountId, positions.realized(accountId), positions.unrealized(accountId, prices, rules));
                if (risk.dayLocked[accountId])
                {
                    risk.dayLocked[accountId] = false;
                    risk.accountState(accountId, TradingState.ACTIVE);
                    text.clear().append("day reset: account ").append(accounts.name(accountId)).append(" unlocked");
                    out.tradingStateUpdate(AdminScope.ACCOUNT, accountId, -1, -1, TradingState.ACTIVE, nowNs,
                        engineActor, engineActor.capacity(), text.buffer(), text.length());
                }
            }
            if (accountRisk.squareOffDue(accountId, nowNs))
            {
                text.clear().append("square-off: closing intraday positions of ").append(accounts.name(accountId));
                out.alert(AlertType.SQUARE_OFF, Severity.WARN, accountId, -1, -1, nowNs, text);
                closePositions(accountId, true);
            }
            if (usageDue && accountRisk.dirty[accountId])
            {
                emitUsage(accountId);
            }
        }
        if (usageDue)
        {
            lastUsageNs = nowNs;
        }
    }

    private void emitUsage(final int accountId)
    {
        accountRisk.dirty[accountId] = false;
        java.util.Arrays.fill(used, Fixed.NULL);
        final long unrealized = positions.unrealized(accountId, prices, rules);
        final long dailyPnl = accountRisk.dailyPnl(accountId, positions.realized(accountId), unrealized);
        used[Limit.MAX_DAILY_LOSS.ordinal()] = Math.max(0, -dailyPnl);
        used[Limit.MAX_DRAWDOWN.ordinal()] = accountRisk.drawdown(accountId, dailyPnl);
        used[Limit.MAX_TRADES_PER_DAY.ordinal()] = Fixed.of(accountRisk.tradesToday(accountId));
        used[Limit.MAX_GROSS_EXPOSURE.ordinal()] = positions.grossExposure(accountId, prices, rules);
        used[Limit.MAX_NET_EXPOSURE.ordinal()] = Math.abs(positions.netExposure(accountId, prices, rules));
        used[Limit.MAX_OPEN_POSITIONS.ordinal()] = Fixed.of(positions.openPositions(accountId));
        used[Limit.EQUITY.ordinal()] = accountRisk.equity(accountId, limits);
        out.riskUsage(accountId, risk.dayLocked[accountId] ? TradingState.HALTED : risk.accountState(accountId), nowNs, limits, used);
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

    /**
     * The core's state as readable text (investigation; allocates, never called on the hot path):
     * trading states, each account's positions, risk usage and live orders.
     *
     * @return multi-line description.
     */
    public String describe()
    {
        final StringBuilder out = new StringBuilder();
        out.append("global: ").append(risk.globalState()).append('\n');
        for (int v = 0; v < venues.size(); v++)
        {
            out.append("venue ").append(venues.nameString(v)).append(": trading ").append(risk.venueState(v))
                .append(", gateway ").append(venueStates[v] == null ? "never reported" : venueStates[v]).append('\n');
        }
        for (int a = 0; a < accounts.size(); a++)
        {
            final long unrealized = positions.unrealized(a, prices, rules);
            out.append("account ").append(accounts.nameString(a)).append(": ").append(risk.accountState(a))
                .append(risk.dayLocked[a] ? " (day lock)" : "")
                .append(", daily P&L ").append(Fixed.toString(accountRisk.dailyPnl(a, positions.realized(a), unrealized)))
                .append(", orders today ").append(accountRisk.tradesToday(a))
                .append(", gross exposure ").append(Fixed.toString(positions.grossExposure(a, prices, rules))).append('\n');
            for (int i = 0; i < instruments.size(); i++)
            {
                final Position position = positions.get(a, i);
                if (position.quantity != 0 || position.realizedPnl != 0)
                {
                    out.append("  position ").append(instruments.nameString(i)).append(" qty ").append(Fixed.toString(position.quantity))
                        .append(" avg ").append(Fixed.toString(position.avgPrice))
                        .append(" realized ").append(Fixed.toString(position.realizedPnl)).append('\n');
                }
                for (int side = PositionTickets.LONG; side <= PositionTickets.SHORT && tickets.hedging(a); side++)
                {
                    for (int n = 0; n < tickets.count(a, i, side); n++)
                    {
                        final int entry = tickets.entry(a, i, side, n);
                        out.append("    ticket ").append(side == PositionTickets.LONG ? "long " : "short ")
                            .append(Fixed.toString(tickets.quantity(entry))).append(" @ ").append(Fixed.toString(tickets.price(entry)))
                            .append(" sl ").append(Fixed.toString(tickets.stopLoss(entry)))
                            .append(" tp ").append(Fixed.toString(tickets.takeProfit(entry)))
                            .append(" opened by ").append(ClientOrderIds.toString(tickets.key(entry))).append('\n');
                    }
                }
            }
            final int accountId = a;
            orders.forEach(order ->
            {
                if (order.accountId == accountId)
                {
                    out.append("  live order ").append(ClientOrderIds.toString(order.key)).append(' ')
                        .append(order.side).append(' ').append(Fixed.toString(order.quantity)).append(' ')
                        .append(instruments.nameString(order.instrumentId)).append(' ').append(order.ordType)
                        .append(order.price == Fixed.NULL ? "" : " @ " + Fixed.toString(order.price))
                        .append(' ').append(order.status).append(" filled ").append(Fixed.toString(order.cumQty)).append('\n');
                }
            });
        }
        return out.toString();
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
        hash = 31 * hash + instruments.addedHash();
        hash = 31 * hash + accounts.addedHash();
        hash = 31 * hash + (instrumentTableFullReported ? 1 : 0);
        hash = 31 * hash + dedup.stateHash();
        hash = 31 * hash + risk.stateHash();
        hash = 31 * hash + prices.stateHash();
        hash = 31 * hash + positions.stateHash();
        hash = 31 * hash + tickets.stateHash();
        hash = 31 * hash + stopAmends.stateHash();
        hash = 31 * hash + limits.stateHash();
        hash = 31 * hash + rules.stateHash();
        hash = 31 * hash + accountRisk.stateHash();
        hash = 31 * hash + breaker.stateHash();
        hash = 31 * hash + approvals.stateHash();
        hash = 31 * hash + pairs.stateHash();
        hash = 31 * hash + java.util.Arrays.hashCode(pairBlocked);
        hash = 31 * hash + recon.stateHash();
        hash = 31 * hash + released.stateHash();
        hash = 31 * hash + accounts.size();
        hash = 31 * hash + java.util.Arrays.hashCode(accountVenue);
        for (int i = 0; i < venueStates.length; i++)
        {
            hash = 31 * hash + (venueStates[i] == null ? 0 : venueStates[i].value());
            hash = 31 * hash + venueHeartbeatNs[i];
        }
        hash = 31 * hash + java.util.Arrays.hashCode(flattenPending);
        hash = 31 * hash + (globalFlattenPending ? 1 : 0);
        hash = 31 * hash + lastUsageNs;
        return hash;
    }

    /**
     * Write every piece of state that decides future outputs (snapshots; allocates a little, so it runs between
     * events, never per event). The free-text and other parsers keep no memory between messages (their settings
     * come from configuration), so the parse contexts have nothing to write. Any new field or component that decides
     * outputs must be written here, read in {@link #readState}, and hashed in {@link #stateHash()}
     * (SnapshotRestoreTest and ComponentSnapshotTest check the round trip).
     *
     * @param out reusable writer.
     */
    public void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.section(0x5C01).putLong(sequence).putLong(nowNs).putLong(framesProcessed).putLong(errors)
            .putLong(lastUsageNs).putBoolean(globalFlattenPending)
            .putBooleans(flattenPending).putBooleans(pairBlocked).putLongs(venueHeartbeatNs).putInt(venueStates.length);
        for (final GatewayState state : venueStates)
        {
            out.putInt(state == null ? io.sluice.engine.snapshot.StateWriter.NULL_ENUM : state.value());
        }
        // Accounts an operator created (AccountConfig), first: the sections after this one are sized and keyed by them.
        out.section(0x5C11);
        accounts.writeAdded(out);
        out.putInts(accountVenue);
        out.section(0x5C02);
        orders.writeState(out);
        out.section(0x5C03);
        dedup.writeState(out);
        out.section(0x5C04);
        risk.writeState(out);
        out.section(0x5C05);
        prices.writeState(out);
        out.section(0x5C06);
        positions.writeState(out);
        out.section(0x5C07);
        limits.writeState(out);
        out.section(0x5C08);
        rules.writeState(out);
        out.section(0x5C09);
        accountRisk.writeState(out);
        out.section(0x5C0A);
        breaker.writeState(out);
        out.section(0x5C0B);
        approvals.writeState(out);
        out.section(0x5C0C);
        pairs.writeState(out);
        out.section(0x5C0D).putBoolean(instrumentTableFullReported);
        instruments.writeAdded(out);
        out.section(0x5C0E);
        tickets.writeState(out);
        out.section(0x5C0F);
        stopAmends.writeState(out);
        out.section(0x5C10);
        recon.writeState(out);
        out.section(0x5C12);
        released.writeState(out);
        out.section(0x5CFF);
    }

    /**
     * Replace this core's state with one {@link #writeState written} by a core of the same configuration.
     *
     * @param in reader over exactly the written bytes.
     * @throws io.sluice.engine.snapshot.SnapshotException when the state does not fit this core.
     */
    public void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.section(0x5C01);
        sequence = in.getLong();
        nowNs = in.getLong();
        framesProcessed = in.getLong();
        errors = in.getLong();
        lastUsageNs = in.getLong();
        globalFlattenPending = in.getBoolean();
        in.getBooleans(flattenPending);
        in.getBooleans(pairBlocked);
        in.getLongs(venueHeartbeatNs);
        if (in.getInt() != venueStates.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("gateway states of another number of venues");
        }
        for (int i = 0; i < venueStates.length; i++)
        {
            final int value = in.getInt();
            venueStates[i] = value == io.sluice.engine.snapshot.StateWriter.NULL_ENUM ? null : GatewayState.get((short)value);
        }
        in.section(0x5C11);
        // Accounts created by operators, re-added in id order with their configuration-derived day and money settings
        // (define); what changed since (currency, limits, disabled) is restored by its component below.
        accounts.readAdded(in);
        for (int a = config.accounts.size(); a < accounts.size(); a++)
        {
            accountRisk.define(a, config.settings, accounts.nameString(a));
        }
        in.getInts(accountVenue);
        in.section(0x5C02);
        orders.readState(in);
        in.section(0x5C03);
        dedup.readState(in);
        in.section(0x5C04);
        risk.readState(in);
        in.section(0x5C05);
        prices.readState(in);
        in.section(0x5C06);
        positions.readState(in);
        in.section(0x5C07);
        limits.readState(in);
        in.section(0x5C08);
        rules.readState(in);
        in.section(0x5C09);
        accountRisk.readState(in);
        in.section(0x5C0A);
        breaker.readState(in);
        in.section(0x5C0B);
        approvals.readState(in);
        in.section(0x5C0C);
        pairs.readState(in);
        in.section(0x5C0D);
        instrumentTableFullReported = in.getBoolean();
        // Instruments learned from definitions; rules, calendars and positions are restored with their components.
        instruments.readAdded(in);
        in.section(0x5C0E);
        tickets.readState(in);
        in.section(0x5C0F);
        stopAmends.readState(in);
        in.section(0x5C10);
        recon.readState(in);
        in.section(0x5C12);
        released.readState(in);
        in.section(0x5CFF);
        if (!in.atEnd())
        {
            throw new io.sluice.engine.snapshot.SnapshotException("snapshot has bytes after the core's state");
        }
    }
}
