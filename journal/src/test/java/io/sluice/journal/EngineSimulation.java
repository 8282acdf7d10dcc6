package io.sluice.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.sluice.protocol.Ascii;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.EngineErrorEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateEncoder;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.PositionUpdateEncoder;
import io.sluice.sbe.Product;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TickEncoder;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes a journal the way the engine does, with the real encoders: every input with its sequence and event time,
 * then its outputs with the same sequence, sometimes after later inputs (the journal and egress stages run apart);
 * a venue answers each routed order with an acknowledgement, fills (sometimes a duplicate fill the engine ignores)
 * or a rejection. Signals are accepted, refused by a gate (unknown symbol, quantity limit, kill switch) or refused
 * as duplicates; operators kill and resume globally and per account. It records what a projection of the journal
 * must contain, and every record it wrote, for tests.
 */
public final class EngineSimulation
{
    /** 2024-05-31T23:59:59Z: longer runs cross a month boundary, so executions fall in two monthly partitions. */
    public static final long START_NS = 1_717_199_999_000_000_000L;
    public static final long MAX_QTY = Fixed.of(10);
    public static final String[] ACCOUNTS = { "acct-1", "acct-2" };
    public static final String[] SYMBOLS = { "BTCUSDT", "ETHUSDT" };
    public static final String VENUE = "paper";

    /** A record as written. */
    public static final class Written
    {
        public final long index;
        public final int kind;
        public final long sequence;
        public final long timestampNs;
        public final byte[] frame;

        Written(final long index, final int kind, final long sequence, final long timestampNs, final byte[] frame)
        {
            this.index = index;
            this.kind = kind;
            this.sequence = sequence;
            this.timestampNs = timestampNs;
            this.frame = frame;
        }
    }

    /** What a signal input became. */
    public static final class ExpectedSignal
    {
        public long sequence;
        public long rawIndex;
        public long timeNs;
        public String signalId;
        public String account;
        public String outcome = "PENDING";
        public final List<String> clientOrderIds = new ArrayList<>();
        public String symbol;
        public String side;
        public long quantity = Fixed.NULL;
        public long price = Fixed.NULL;
        public String reason;
        public String field;
        public String detail;
        public long limitValue = Fixed.NULL;
        public long actualValue = Fixed.NULL;
        public long outcomeIndex = -1;
        /** Every record of this signal's decision and of its orders' lives, in journal order. */
        public final List<Long> traceIndexes = new ArrayList<>();
    }

    /** An order's final state. */
    public static final class ExpectedOrder
    {
        public String clientOrderId;
        public String signalId;
        public long signalSequence;
        public String account;
        public String symbol;
        public String side;
        public long quantity;
        public long price;
        public String status;
        public String venueOrderId;
        public long cumQty;
        public long leavesQty;
        public long avgPrice;
        public long createdIndex;
        public long updatedIndex;
        public long lastPrice;
        boolean terminal;
    }

    /** A position's final state. */
    public static final class ExpectedPosition
    {
        public String account;
        public String symbol;
        public long quantity;
        public long avgPrice;
        public long realizedPnl;
        public long index;
    }

    /** A refusal. */
    public static final class ExpectedReject
    {
        public long index;
        public String reason;
        public String account;
        public String signalId;
    }

    /** An operator command and its effect. */
    public static final class ExpectedAdmin
    {
        public long commandIndex;
        public long outcomeIndex;
        public String actor;
        public String action;
        public String scope;
        public String target;
        public String reason;
        public String before;
        public String after;
    }

    /** Latest balances of an account. */
    public static final class ExpectedAccount
    {
        public String account;
        public long balance = Fixed.NULL;
        public long balanceIndex = -1;
        public String tradingState;
    }

    private final JournalAppender appender;
    private final Random random;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ArrayDeque<Written> pendingOutputs = new ArrayDeque<>();
    private final ArrayDeque<VenueEvent> venueEvents = new ArrayDeque<>();
    private final Set<String> seenSignalIds = new HashSet<>();
    private final Map<String, TradingState> states = new HashMap<>();
    private final Map<Long, ExpectedSignal> signalsBySequence = new HashMap<>();
    private final Map<String, ExpectedSignal> traceOfOrder = new HashMap<>();
    private final Map<Long, ExpectedSignal> traceOfSequence = new HashMap<>();
    private long nowNs = START_NS;
    private long nextSequence = 1;
    private int signalCount;
    private int venueOrderCount;
    private int tradeCount;
    private final FrameFields fields = new FrameFields();
    private boolean keepRecords = true;
    private long written;
    private long lastIndex = -1;
    private int rejectsJournaled;
    private int adminOutcomesJournaled;

    public final List<Written> records = new ArrayList<>();
    public final List<ExpectedSignal> signals = new ArrayList<>();
    public final Map<String, ExpectedOrder> orders = new LinkedHashMap<>();
    public final Map<String, ExpectedPosition> positions = new LinkedHashMap<>();
    public final List<ExpectedReject> rejects = new ArrayList<>();
    public final List<ExpectedAdmin> adminActions = new ArrayList<>();
    public final Map<String, ExpectedAccount> accounts = new LinkedHashMap<>();
    public final List<Long> executionIndexes = new ArrayList<>();
    public final Set<String> tradingStateTargets = new HashSet<>();

    /** A venue's answer due later. */
    private static final class VenueEvent
    {
        ExpectedOrder order;
        ExecType execType;
        long fillQty;
        long fillPrice;
        boolean duplicate;
    }

    /**
     * A simulation appending to a journal.
     *
     * @param appender journal appender.
     * @param seed     random seed: the same seed writes the same journal.
     */
    public EngineSimulation(final JournalAppender appender, final long seed)
    {
        this.appender = appender;
        this.random = new Random(seed);
    }

    /**
     * Append inputs until at least this many records were written, then every output still due.
     *
     * @param minRecords records to write at least.
     * @return this.
     */
    public EngineSimulation run(final int minRecords)
    {
        final long target = written + minRecords;
        while (written < target)
        {
            step();
        }
        flushOutputs();
        return this;
    }

    /**
     * Whether to keep a copy of every record written in {@link #records} (off for large benchmark journals).
     *
     * @param keep true to keep them.
     * @return this.
     */
    public EngineSimulation keepRecords(final boolean keep)
    {
        this.keepRecords = keep;
        return this;
    }

    /** Records written so far. */
    public long written()
    {
        return written;
    }

    /** One random input and the engine's outputs for it. */
    public void step()
    {
        nowNs += 1_000_000L + random.nextInt(2_000_000);
        final int dice = random.nextInt(100);
        if (dice < 40)
        {
            signal();
        }
        else if (dice < 75 && !venueEvents.isEmpty())
        {
            venueEvent(venueEvents.removeFirst());
        }
        else if (dice < 84)
        {
            tick();
        }
        else if (dice < 92)
        {
            marketData();
        }
        else if (dice < 93)
        {
            admin();
        }
        else if (dice < 96)
        {
            tick();
        }
        else if (dice < 98)
        {
            accountUpdate();
        }
        else
        {
            gatewayStatus();
        }
        // The egress stage lags the journal stage by a few inputs at random.
        if (random.nextInt(3) == 0)
        {
            flushOutputs();
        }
    }

    /** Journal every output still held back (the egress stage catching up). */
    public void flushOutputs()
    {
        while (!pendingOutputs.isEmpty())
        {
            final Written output = pendingOutputs.removeFirst();
            final long index = appender.append(output.kind, output.sequence, output.timestampNs, new UnsafeBuffer(output.frame), 0,
                output.frame.length);
            final Written journaled = new Written(index, output.kind, output.sequence, output.timestampNs, output.frame);
            record(journaled);
            onOutputJournaled(journaled);
        }
    }

    /**
     * Append an operator command whose outputs never reach the journal (the engine died), then a tick.
     *
     * @param actor  who issued it.
     * @param reason why.
     * @return the command's index.
     */
    public long adminCommandWithoutOutcome(final String actor, final String reason)
    {
        flushOutputs();
        final long sequence = nextSequence++;
        final AdminCommandEncoder encoder = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .action(AdminAction.KILL).scope(AdminScope.GLOBAL).account("").issuedTimeNs(nowNs).venue("").symbol("").value(Fixed.NULL)
            .actor(actor).reason(reason).target("");
        final long index = input(sequence, encoder.encodedLength());
        final ExpectedAdmin admin = new ExpectedAdmin();
        admin.commandIndex = index;
        admin.actor = actor;
        admin.action = "KILL";
        admin.scope = "GLOBAL";
        admin.target = "GLOBAL";
        admin.reason = reason;
        admin.before = stateName("GLOBAL");
        admin.outcomeIndex = -1;
        adminActions.add(admin);
        return index;
    }

    public long lastIndex()
    {
        return lastIndex;
    }

    private void record(final Written record)
    {
        written++;
        lastIndex = record.index;
        if (keepRecords)
        {
            records.add(record);
        }
    }

    public long nowNs()
    {
        return nowNs;
    }

    private void signal()
    {
        final String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        final boolean duplicate = !seenSignalIds.isEmpty() && random.nextInt(10) == 0;
        final String signalId = duplicate ? "sig-" + (1 + random.nextInt(signalCount)) : "sig-" + (++signalCount);
        final boolean unknownSymbol = random.nextInt(20) == 0;
        final String symbol = unknownSymbol ? "DOGEUSDT" : SYMBOLS[random.nextInt(SYMBOLS.length)];
        final boolean tooBig = random.nextInt(10) == 0;
        final long quantity = tooBig ? Fixed.of(25) : Fixed.of(1 + random.nextInt(5));
        final long price = Fixed.parse((symbol.startsWith("BTC") ? 65_000 : 3_000) + random.nextInt(100) + ".5");
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final String body = "{\"id\":\"" + signalId + "\",\"account\":\"" + account + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" +
            side + "\",\"type\":\"LIMIT\",\"quantity\":\"" + Fixed.toString(quantity) + "\",\"price\":\"" + Fixed.toString(price) +
            "\",\"note\":\"tab\\there, ünïcödé ✓\"}";

        final long sequence = nextSequence++;
        final byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, header)
            .source(SignalSource.TRADINGVIEW).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(nowNs - 500_000)
            .dryRun(BooleanType.FALSE).signalId(signalId).account(account).idempotencyKey("")
            .putBody(bodyBytes, 0, bodyBytes.length).channel("tv-main");
        final long index = input(sequence, encoder.encodedLength());

        final ExpectedSignal expected = new ExpectedSignal();
        expected.sequence = sequence;
        expected.rawIndex = index;
        expected.timeNs = nowNs;
        expected.signalId = signalId;
        expected.account = account;
        expected.traceIndexes.add(index);
        signals.add(expected);
        signalsBySequence.put(sequence, expected);

        // parse → lookup → dedup → risk → route, as the core does.
        if (unknownSymbol)
        {
            reject(expected, RejectReason.UNKNOWN_SYMBOL, "symbol", Fixed.NULL, Fixed.NULL, null, "unknown symbol " + symbol);
            return;
        }
        expected.symbol = symbol;
        if (!seenSignalIds.add(account + "/" + signalId))
        {
            reject(expected, RejectReason.DUPLICATE, "id", Fixed.NULL, Fixed.NULL, symbol,
                "signal id already seen for account " + account);
            return;
        }
        if (state("GLOBAL") == TradingState.HALTED || state(account) == TradingState.HALTED)
        {
            reject(expected, RejectReason.KILL_SWITCH, null, Fixed.NULL, Fixed.NULL, symbol, "trading is halted");
            return;
        }
        if (quantity > MAX_QTY)
        {
            reject(expected, RejectReason.MAX_ORDER_QTY, "quantity", MAX_QTY, quantity, symbol,
                "quantity " + Fixed.toString(quantity) + " > max " + Fixed.toString(MAX_QTY));
            return;
        }

        final UnsafeBuffer accountBytes = new UnsafeBuffer(account.getBytes(StandardCharsets.US_ASCII));
        final UnsafeBuffer idBytes = new UnsafeBuffer(signalId.getBytes(StandardCharsets.US_ASCII));
        final String clientOrderId = ClientOrderIds.toString(
            ClientOrderIds.key(Ascii.hash(0, accountBytes, 0, accountBytes.capacity()), idBytes, 0, idBytes.capacity(), 0, 0));
        final ExpectedOrder order = new ExpectedOrder();
        order.clientOrderId = clientOrderId;
        order.signalId = signalId;
        order.signalSequence = sequence;
        order.account = account;
        order.symbol = symbol;
        order.side = side.name();
        order.quantity = quantity;
        order.price = price;
        order.status = "PENDING_NEW";
        order.leavesQty = quantity;
        orders.put(clientOrderId, order);
        traceOfOrder.put(clientOrderId, expected);
        expected.outcome = "ORDERED";
        expected.clientOrderIds.add(clientOrderId);
        expected.side = side.name();
        expected.quantity = quantity;
        expected.price = price;

        final NewOrderEncoder newOrder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId).account(account).venue(VENUE).symbol(symbol).side(side).ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC).quantity(quantity).price(price).stopPrice(Fixed.NULL).takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL).timestampNs(nowNs).leg((short)0).attempt((short)0).reduceOnly(BooleanType.FALSE)
            .positionSide(PositionSide.BOTH).product(Product.DEFAULT).signalId(signalId);
        output(sequence, newOrder.encodedLength());
        orderUpdate(sequence, order, "");
    }

    private void reject(
        final ExpectedSignal expected, final RejectReason reason, final String field, final long limit, final long actual,
        final String symbol, final String detail)
    {
        expected.outcome = "REJECTED";
        expected.reason = reason.name();
        expected.field = field;
        expected.detail = detail;
        expected.limitValue = limit;
        expected.actualValue = actual;
        expected.symbol = symbol;
        final RiskRejectEncoder encoder = new RiskRejectEncoder().wrapAndApplyHeader(buffer, 0, header)
            .reason(reason).limitValue(limit).actualValue(actual).clientOrderId("").account(expected.account)
            .symbol(symbol == null ? "" : symbol).timestampNs(nowNs).signalId(expected.signalId)
            .field(field == null ? "" : field).detail(detail);
        output(expected.sequence, encoder.encodedLength());
        final ExpectedReject reject = new ExpectedReject();
        reject.reason = reason.name();
        reject.account = expected.account;
        reject.signalId = expected.signalId;
        rejects.add(reject);
    }

    private void venueEvent(final VenueEvent event)
    {
        final ExpectedOrder order = event.order;
        final long sequence = nextSequence++;
        final ExecutionReportEncoder report = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(order.clientOrderId).venueOrderId(order.venueOrderId == null ? "" : order.venueOrderId)
            .account(order.account).venue(VENUE).symbol(order.symbol).execType(event.execType).side(Side.valueOf(order.side));
        boolean changes = !order.terminal;
        switch (event.execType)
        {
            case NEW:
                order.venueOrderId = "V-" + (++venueOrderCount);
                report.venueOrderId(order.venueOrderId).ordStatus(OrdStatus.NEW).lastQty(0).lastPrice(0).cumQty(0)
                    .leavesQty(order.quantity).avgPrice(0).tradeId("");
                break;
            case TRADE:
                final long cumQty = event.duplicate ? order.cumQty : order.cumQty + event.fillQty;
                changes &= !event.duplicate;
                report.ordStatus(cumQty >= order.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED)
                    .lastQty(event.fillQty).lastPrice(event.fillPrice).cumQty(cumQty).leavesQty(order.quantity - cumQty)
                    .avgPrice(event.fillPrice).tradeId("T-" + (event.duplicate ? tradeCount : ++tradeCount));
                break;
            default:
                report.ordStatus(OrdStatus.REJECTED).lastQty(0).lastPrice(0).cumQty(order.cumQty).leavesQty(0).avgPrice(0).tradeId("");
                break;
        }
        report.transactTimeNs(nowNs - 100_000).commission(event.execType == ExecType.TRADE ? Fixed.parse("0.01") : Fixed.NULL)
            .commissionAsset(event.execType == ExecType.TRADE ? "USDT" : "")
            .text(event.execType == ExecType.REJECTED ? "insufficient margin" : "");
        final long index = input(sequence, report.encodedLength());
        executionIndexes.add(index);
        traceOfOrder.get(order.clientOrderId).traceIndexes.add(index);
        traceOfSequence.put(sequence, traceOfOrder.get(order.clientOrderId));
        if (!changes)
        {
            // A duplicate fill (or a report for a finished order) changes nothing: the core journals no output.
            return;
        }
        switch (event.execType)
        {
            case NEW:
                order.status = "NEW";
                orderUpdate(sequence, order, "");
                break;
            case TRADE:
                order.avgPrice = order.cumQty == 0 ? event.fillPrice :
                    Fixed.mulDiv(Fixed.multiply(order.avgPrice, order.cumQty) + Fixed.multiply(event.fillPrice, event.fillQty),
                    Fixed.SCALE, order.cumQty + event.fillQty);
                order.cumQty += event.fillQty;
                order.leavesQty = order.quantity - order.cumQty;
                order.status = order.cumQty >= order.quantity ? "FILLED" : "PARTIALLY_FILLED";
                order.terminal = order.cumQty >= order.quantity;
                orderUpdate(sequence, order, "");
                positionUpdate(sequence, order, event.fillQty, event.fillPrice);
                break;
            default:
                order.status = "REJECTED";
                order.leavesQty = 0;
                order.terminal = true;
                orderUpdate(sequence, order, "insufficient margin");
                break;
        }
    }

    private void orderUpdate(final long sequence, final ExpectedOrder order, final String text)
    {
        final OrderUpdateEncoder encoder = new OrderUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(order.clientOrderId).venueOrderId(order.venueOrderId == null ? "" : order.venueOrderId)
            .account(order.account).venue(VENUE).symbol(order.symbol).side(Side.valueOf(order.side)).ordType(OrdType.LIMIT)
            .ordStatus(OrdStatus.valueOf(order.status)).quantity(order.quantity).price(order.price).cumQty(order.cumQty)
            .leavesQty(order.leavesQty).avgPrice(order.avgPrice).timestampNs(nowNs).text(text);
        output(sequence, encoder.encodedLength());
    }

    private void positionUpdate(final long sequence, final ExpectedOrder order, final long fillQty, final long fillPrice)
    {
        final String key = order.account + "|" + VENUE + "|" + order.symbol;
        final ExpectedPosition position = positions.computeIfAbsent(key, k -> new ExpectedPosition());
        position.account = order.account;
        position.symbol = order.symbol;
        position.quantity += "BUY".equals(order.side) ? fillQty : -fillQty;
        position.avgPrice = fillPrice;
        position.realizedPnl += Fixed.of(1);
        final PositionUpdateEncoder encoder = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .account(order.account).venue(VENUE).symbol(order.symbol).quantity(position.quantity).avgPrice(position.avgPrice)
            .realizedPnl(position.realizedPnl).timestampNs(nowNs);
        output(sequence, encoder.encodedLength());
    }

    private void admin()
    {
        final boolean global = random.nextBoolean();
        final String target = global ? "GLOBAL" : ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        // Operators halt now and then and resume soon after: trading is mostly active.
        final boolean kill = state(target) != TradingState.HALTED;
        if (kill && random.nextInt(8) != 0)
        {
            tick();
            return;
        }
        final String actor = random.nextBoolean() ? "alice" : "bob";
        final String reason = (kill ? "halt: " : "resume: ") + "drill #" + random.nextInt(1000);
        final long sequence = nextSequence++;
        final AdminCommandEncoder encoder = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .action(kill ? AdminAction.KILL : AdminAction.RESUME).scope(global ? AdminScope.GLOBAL : AdminScope.ACCOUNT)
            .account(global ? "" : target).issuedTimeNs(nowNs - 2_000_000).venue("").symbol("").value(Fixed.NULL)
            .actor(actor).reason(reason).target("");
        final long index = input(sequence, encoder.encodedLength());

        final ExpectedAdmin admin = new ExpectedAdmin();
        admin.commandIndex = index;
        admin.actor = actor;
        admin.action = kill ? "KILL" : "RESUME";
        admin.scope = global ? "GLOBAL" : "ACCOUNT";
        admin.target = target;
        admin.reason = reason;
        admin.before = stateName(target);
        final TradingState after = kill ? TradingState.HALTED : TradingState.ACTIVE;
        admin.after = after.name();
        adminActions.add(admin);
        states.put(target, after);
        tradingStateTargets.add(target);
        if (!global)
        {
            accounts.computeIfAbsent(target, this::newAccount).tradingState = after.name();
        }

        final TradingStateUpdateEncoder update = new TradingStateUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .scope(global ? AdminScope.GLOBAL : AdminScope.ACCOUNT).account(global ? "" : target).state(after).timestampNs(nowNs)
            .venue("").symbol("").actor(actor).reason(reason);
        output(sequence, update.encodedLength());
    }

    private void tick()
    {
        final long sequence = nextSequence++;
        final TickEncoder encoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(nowNs);
        input(sequence, encoder.encodedLength());
    }

    private void marketData()
    {
        final String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
        final long last = Fixed.of(symbol.startsWith("BTC") ? 65_000 + random.nextInt(100) : 3_000 + random.nextInt(50));
        final long sequence = nextSequence++;
        final MarketDataEncoder encoder = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(VENUE).symbol(symbol).bid(last - Fixed.of(1)).ask(last + Fixed.of(1)).last(last).timestampNs(nowNs);
        input(sequence, encoder.encodedLength());
    }

    private void accountUpdate()
    {
        final String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        final long balance = Fixed.of(10_000 + random.nextInt(1_000));
        final long sequence = nextSequence++;
        final AccountUpdateEncoder encoder = new AccountUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .account(account).venue(VENUE).currency("USDT").balance(balance).equity(balance).marginAvailable(balance)
            .marginUsed(0).timestampNs(nowNs);
        final long index = input(sequence, encoder.encodedLength());
        final ExpectedAccount expected = accounts.computeIfAbsent(account, this::newAccount);
        expected.balance = balance;
        expected.balanceIndex = index;
    }

    private void gatewayStatus()
    {
        final long sequence = nextSequence++;
        final GatewayStatusEncoder encoder = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(VENUE).state(GatewayState.UP).timestampNs(nowNs).detail("heartbeat");
        input(sequence, encoder.encodedLength());
    }

    /**
     * Append a Tick whose outputs square off an intraday position, as the engine does at the session's square-off time:
     * an order of its own (signal id "squareoff" and the tick's sequence), not a signal's.
     *
     * @param account the account.
     * @param symbol  the instrument.
     * @return the order's client order id.
     */
    public String squareOff(final String account, final String symbol)
    {
        flushOutputs();
        final long sequence = nextSequence++;
        final TickEncoder tickEncoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(nowNs);
        input(sequence, tickEncoder.encodedLength());
        final String clientOrderId = "SQOFF" + sequence;
        final NewOrderEncoder newOrder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId).account(account).venue(VENUE).symbol(symbol).side(Side.SELL).ordType(OrdType.MARKET)
            .timeInForce(TimeInForce.IOC).quantity(Fixed.of(1)).price(Fixed.NULL).stopPrice(Fixed.NULL).takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL).timestampNs(nowNs).leg((short)0).attempt((short)0).reduceOnly(BooleanType.TRUE)
            .positionSide(PositionSide.BOTH).product(Product.MIS).signalId("squareoff" + sequence);
        output(sequence, newOrder.encodedLength());
        return clientOrderId;
    }

    /**
     * Append an EngineError output for a new Tick input (tests of error handling).
     *
     * @param detail error text.
     */
    public void tickWithEngineError(final String detail)
    {
        final long sequence = nextSequence++;
        final TickEncoder tickEncoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(nowNs);
        input(sequence, tickEncoder.encodedLength());
        final EngineErrorEncoder encoder = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, header)
            .inputTemplateId(TickEncoder.TEMPLATE_ID).timestampNs(nowNs).detail(detail);
        output(sequence, encoder.encodedLength());
    }

    private ExpectedAccount newAccount(final String name)
    {
        final ExpectedAccount account = new ExpectedAccount();
        account.account = name;
        return account;
    }

    private TradingState state(final String target)
    {
        return states.get(target);
    }

    private String stateName(final String target)
    {
        final TradingState state = states.get(target);
        return state == null ? null : state.name();
    }

    private long input(final long sequence, final int bodyLength)
    {
        // The journal stage writes an input before any later output; earlier outputs may still be pending.
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        final long index = appender.append(JournalRecord.KIND_INPUT, sequence, nowNs, buffer, 0, length);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame, 0, length);
        record(new Written(index, JournalRecord.KIND_INPUT, sequence, nowNs, frame));
        return index;
    }

    private void output(final long sequence, final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame, 0, length);
        pendingOutputs.addLast(new Written(-1, JournalRecord.KIND_OUTPUT, sequence, nowNs, frame));
    }

    private void onOutputJournaled(final Written output)
    {
        fields.wrap(new UnsafeBuffer(output.frame), 0, output.frame.length);
        final int templateId = fields.templateId();
        final ExpectedSignal signal = signalsBySequence.get(output.sequence);
        if (signal != null)
        {
            signal.traceIndexes.add(output.index);
            if (signal.outcomeIndex < 0 && (templateId == NewOrderEncoder.TEMPLATE_ID || templateId == RiskRejectEncoder.TEMPLATE_ID))
            {
                signal.outcomeIndex = output.index;
            }
        }
        else if (traceOfSequence.containsKey(output.sequence))
        {
            // An order or position update caused by a venue report: part of that order's signal trace.
            traceOfSequence.get(output.sequence).traceIndexes.add(output.index);
        }

        switch (templateId)
        {
            case NewOrderEncoder.TEMPLATE_ID:
                onNewOrderJournaled(output, fields);
                break;
            case OrderUpdateEncoder.TEMPLATE_ID:
                final ExpectedOrder order = orders.get(fields.clientOrderId());
                order.updatedIndex = output.index;
                break;
            case PositionUpdateEncoder.TEMPLATE_ID:
                final ExpectedPosition position = positions.get(fields.account() + "|" + VENUE + "|" + fields.symbol());
                position.index = Math.max(position.index, output.index);
                accounts.computeIfAbsent(fields.account(), this::newAccount);
                break;
            case RiskRejectEncoder.TEMPLATE_ID:
                // Refusals are journaled in the order they were made.
                rejects.get(rejectsJournaled++).index = output.index;
                accounts.computeIfAbsent(fields.account(), this::newAccount);
                break;
            case TradingStateUpdateEncoder.TEMPLATE_ID:
                while (adminActions.get(adminOutcomesJournaled).outcomeIndex != 0)
                {
                    adminOutcomesJournaled++;
                }
                adminActions.get(adminOutcomesJournaled++).outcomeIndex = output.index;
                break;
            default:
                break;
        }
    }

    private void onNewOrderJournaled(final Written output, final FrameFields fields)
    {
        final ExpectedOrder order = orders.get(fields.clientOrderId());
        if (order == null)
        {
            // An order the engine made on its own (square-off): no venue answers in this simulation.
            return;
        }
        order.createdIndex = output.index;
        accounts.computeIfAbsent(order.account, this::newAccount);
        // The venue answers only once the order went out: ack, then fills or a rejection, at random later moments.
        final VenueEvent ack = new VenueEvent();
        ack.order = order;
        ack.execType = ExecType.NEW;
        venueEvents.add(ack);
        final int outcome = random.nextInt(10);
        if (outcome == 0)
        {
            final VenueEvent rejected = new VenueEvent();
            rejected.order = order;
            rejected.execType = ExecType.REJECTED;
            venueEvents.add(rejected);
            return;
        }
        if (outcome == 1)
        {
            return;
        }
        final long first = outcome < 5 ? order.quantity : Math.max(Fixed.of(1), order.quantity / 2);
        venueEvents.add(fill(order, first, order.price));
        if (outcome == 5)
        {
            final VenueEvent duplicate = fill(order, first, order.price);
            duplicate.duplicate = true;
            venueEvents.add(duplicate);
        }
        if (first < order.quantity && outcome != 6)
        {
            venueEvents.add(fill(order, order.quantity - first, order.price - Fixed.of(1)));
        }
    }

    private static VenueEvent fill(final ExpectedOrder order, final long quantity, final long price)
    {
        final VenueEvent event = new VenueEvent();
        event.order = order;
        event.execType = ExecType.TRADE;
        event.fillQty = quantity;
        event.fillPrice = price;
        return event;
    }
}
