package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.OrderIdentity;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The link to one account's terminal, driven by the gateway's agent: connects (on a {@link BridgeConnection}'s
 * own threads), reconciles, serves orders, pings, and on any failure fails what was in flight, backs off and
 * reconnects. Everything the connection's threads produce arrives through one queue drained in {@link #doWork};
 * only the agent thread touches the session's state and publishes.
 * <p>
 * States: CONNECTING → RECONCILING (snapshot requested) → READY; any loss → BACKOFF → CONNECTING. Orders,
 * cancels and amends that arrive while not READY wait (bounded, up to {@code sluice.mt5.holdTimeoutMs}) and are
 * sent in arrival order once reconciliation has reported every difference.
 */
final class Mt5Session implements Mt5Trading.Link, AutoCloseable
{
    /** Where the link is. */
    enum State
    {
        IDLE,
        CONNECTING,
        RECONCILING,
        READY,
        BACKOFF,
        CLOSED
    }

    private static final int INBOUND_CAPACITY = 16_384;
    private static final int DRAIN_LIMIT = 256;
    private static final int HELD_LIMIT = 1_024;

    /** Told about every change of a session's state, so the gateway status follows each step. */
    interface Listener
    {
        /**
         * A session changed state or detail.
         *
         * @param nowNs gateway time.
         */
        void onSessionChange(long nowNs);
    }

    private final Mt5Config config;
    private final Mt5Config.Account account;
    private final Listener listener;
    private final Mt5Book book;
    private final Mt5Reporter reporter;
    private final Mt5Trading trading;
    private final Mt5Reconciler reconciler;
    private final SecureRandom random;
    private final ArrayBlockingQueue<BridgeEvent> inbound = new ArrayBlockingQueue<>(INBOUND_CAPACITY);
    private final Map<Long, Mt5Request> requests = new LinkedHashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    private BridgeConnection connection;
    private long generation;
    private State state = State.IDLE;
    private String detail = "not started";
    private long backoffNs;
    private long nextConnectNs;
    private long lastInboundNs;
    private long nextRequestId = 1;
    private long lastSeq;
    private Mt5Request ping;
    private Mt5Request snapshot;
    // Engine reconciliation questions: answered by the snapshot in flight, or by the next one.
    private final List<io.sluice.gateway.OrderStatusQuery> queriesForSnapshot = new ArrayList<>();
    private final List<io.sluice.gateway.OrderStatusQuery> queriesForNextSnapshot = new ArrayList<>();
    private boolean snapshotPublishesReferences;
    private boolean snapshotAgain;
    private String brokenReason;

    private long connectCount;
    private long duplicateEventCount;
    private long sequenceGapCount;
    private long staleReplyCount;
    private long protocolErrorCount;

    Mt5Session(
        final Mt5Config config, final Mt5Config.Account account, final String venueName, final Mt5Reporter reporter,
        final SecureRandom random, final Listener listener)
    {
        this.config = config;
        this.listener = listener;
        this.account = account;
        this.reporter = reporter;
        this.random = random;
        this.book = new Mt5Book(account, venueName);
        this.trading = new Mt5Trading(book, reporter, this);
        this.reconciler = new Mt5Reconciler(book, trading, reporter);
        this.backoffNs = config.reconnectMinNs;
    }

    /**
     * Start connecting.
     *
     * @param nowNs gateway time.
     */
    void start(final long nowNs)
    {
        connect(nowNs);
    }

    /**
     * Drain what the connection delivered, then run the timers: reconnect, request deadlines, ping, held orders.
     *
     * @param nowNs gateway time.
     * @return work done.
     */
    int doWork(final long nowNs)
    {
        return drainInbound(nowNs) +
            reconnectWhenDue(nowNs) +
            expireRequests(nowNs) +
            pingWhenIdle(nowNs) +
            expireHeld(nowNs) +
            dropBrokenConnection(nowNs);
    }

    /**
     * A NewOrder for this account.
     *
     * @param order the order copied from the NewOrder.
     * @param nowNs gateway time.
     */
    /**
     * Reconciliation: the engine asks about one of its in-doubt orders. A fresh snapshot (orders, deals and history
     * orders of this account's magic since the history lookback) is applied first, which adopts an order carrying
     * the client order id in its comment that this gateway did not track; then the order is answered from the
     * book, or NOT_FOUND when the terminal has nothing with that comment.
     *
     * @param query a copy of the question.
     * @param nowNs gateway time.
     */
    void onStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        queriesForNextSnapshot.add(query);
        if (state == State.READY)
        {
            requestSnapshot(false, nowNs);
        }
    }

    private void answerStatusQueries(final long nowNs)
    {
        for (final io.sluice.gateway.OrderStatusQuery query : queriesForSnapshot)
        {
            final Mt5Order order = book.orderByCid(query.order().clientOrderId().toString());
            if (order == null)
            {
                reporter.statusNotFound(query, nowNs);
            }
            else if (order.state != Mt5Order.State.UNKNOWN) // UNKNOWN: unresolved; the engine's timeout alerts
            {
                reporter.statusAnswer(query, order, nowNs);
            }
        }
        queriesForSnapshot.clear();
    }

    void onNewOrder(final Mt5Order order, final long nowNs)
    {
        final Mt5Order existing = book.orderByCid(order.clientOrderId);
        if (existing != null)
        {
            reporter.rejected(order.identity, "duplicate clientOrderId " + order.clientOrderId + ": an order with this id is " +
                existing.state, nowNs);
            return;
        }
        book.track(order);
        if (isAcceptingNow())
        {
            trading.onNewOrder(order, nowNs);
        }
        else
        {
            hold(new Held(order, null, null, nowNs + config.holdTimeoutNs), nowNs);
        }
    }

    /**
     * A CancelOrder for this account.
     *
     * @param identity the order to cancel (a copy this session may keep).
     * @param nowNs    gateway time.
     */
    void onCancel(final OrderIdentity identity, final long nowNs)
    {
        if (isAcceptingNow())
        {
            trading.changes().onCancel(identity, nowNs);
            return;
        }
        final String clientOrderId = identity.clientOrderId().toString();
        for (final Iterator<Held> it = held.iterator(); it.hasNext(); )
        {
            final Held waiting = it.next();
            if (waiting.order != null && waiting.order.clientOrderId.equals(clientOrderId))
            {
                it.remove();
                trading.finish(waiting.order, Mt5Order.State.CANCELED, ExecType.CANCELED, "canceled before it was sent", nowNs);
                return;
            }
        }
        hold(new Held(null, identity, null, nowNs + config.holdTimeoutNs), nowNs);
    }

    /**
     * An AmendOrder for this account.
     *
     * @param amend the amend.
     * @param nowNs gateway time.
     */
    void onAmend(final Mt5Amend amend, final long nowNs)
    {
        if (isAcceptingNow())
        {
            trading.changes().onAmend(amend, nowNs);
        }
        else
        {
            hold(new Held(null, null, amend, nowNs + config.holdTimeoutNs), nowNs);
        }
    }

    /**
     * Send one order_send command; see {@link Mt5Trading.Link#send}.
     */
    public Mt5Request send(final Mt5Request.Kind kind, final Mt5Order order, final ObjectNode tradeRequest, final long nowNs)
    {
        final ObjectNode arguments = BridgeJson.object();
        if (order != null)
        {
            arguments.put("cid", order.clientOrderId);
        }
        arguments.set("request", tradeRequest);
        return command(BridgeProtocol.CMD_ORDER_SEND, kind, order, arguments, nowNs + config.requestTimeoutNs);
    }

    /**
     * Ask for a snapshot to resolve unknown outcomes; see {@link Mt5Trading.Link#resync}.
     */
    public void resync(final long nowNs)
    {
        if (state == State.READY)
        {
            requestSnapshot(false, nowNs);
        }
    }

    /**
     * The state this session contributes to the gateway's status.
     *
     * @return UP when ready, DEGRADED when ready with configured symbols missing at the terminal, RECONCILING while
     * reconciling, DOWN otherwise.
     */
    GatewayState gatewayState()
    {
        switch (state)
        {
            case READY:
                return missingSymbols().isEmpty() ? GatewayState.UP : GatewayState.DEGRADED;
            case RECONCILING:
                return GatewayState.RECONCILING;
            default:
                return GatewayState.DOWN;
        }
    }

    /**
     * What the session is doing, for the gateway status.
     *
     * @return e.g. "ACC1: ready: login 5001, HEDGING, 1 position(s), ...".
     */
    String detail()
    {
        return account.name + ": " + detail;
    }

    State state()
    {
        return state;
    }

    String accountName()
    {
        return account.name;
    }

    Mt5Book book()
    {
        return book;
    }

    long connectCount()
    {
        return connectCount;
    }

    long duplicateEventCount()
    {
        return duplicateEventCount;
    }

    long sequenceGapCount()
    {
        return sequenceGapCount;
    }

    long staleReplyCount()
    {
        return staleReplyCount;
    }

    long protocolErrorCount()
    {
        return protocolErrorCount;
    }

    /**
     * Close the connection (the gateway is closing; orders still waiting are not sent).
     */
    public void close()
    {
        state = State.CLOSED;
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
    }

    private boolean isAcceptingNow()
    {
        return state == State.READY && held.isEmpty();
    }

    private void connect(final long nowNs)
    {
        generation++;
        connectCount++;
        connection = new BridgeConnection(
            account.name, account.host, account.port, account.secret, config.connectTimeoutMs, generation, inbound, random);
        connection.start();
        transition(State.CONNECTING, "connecting to " + account.host + ":" + account.port, nowNs);
    }

    private int drainInbound(final long nowNs)
    {
        int work = 0;
        BridgeEvent event;
        while (work < DRAIN_LIMIT && (event = inbound.poll()) != null)
        {
            work++;
            if (event.generation() != generation || connection == null)
            {
                continue;
            }
            try
            {
                switch (event.kind())
                {
                    case CONNECTED:
                        onConnected(event.message(), nowNs);
                        break;
                    case MESSAGE:
                        lastInboundNs = nowNs;
                        onMessage(event.message(), nowNs);
                        break;
                    default:
                        connectionLost((event.authenticationFailed() ? "authentication failed: " : "") + event.reason(), nowNs);
                        break;
                }
            }
            catch (final RuntimeException ex)
            {
                protocolErrorCount++;
                connectionLost("protocol error: " + ex.getMessage(), nowNs);
            }
        }
        return work;
    }

    private void onConnected(final JsonNode session, final long nowNs)
    {
        final JsonNode hello = session.path("hello");
        final long login = BridgeJson.longValue(hello, "login");
        if (account.login != 0 && login != account.login)
        {
            connectionLost("the terminal is logged into account " + login + ", not the configured " + account.login, nowNs);
            return;
        }
        lastSeq = BridgeJson.longValue(session.path("welcome"), "seq");
        lastInboundNs = nowNs;
        transition(State.RECONCILING, "connected to login " + login + " (" + BridgeJson.text(hello, "server") + "); reconciling", nowNs);

        final ObjectNode subscribe = BridgeJson.object();
        subscribe.set("symbols", venueSymbols());
        command(BridgeProtocol.CMD_SUBSCRIBE, Mt5Request.Kind.SUBSCRIBE, null, subscribe, nowNs + config.requestTimeoutNs);
        requestSnapshot(true, nowNs);
    }

    private void requestSnapshot(final boolean publishReferences, final long nowNs)
    {
        if (snapshot != null)
        {
            snapshotAgain = true;
            return;
        }
        final ObjectNode arguments = BridgeJson.object()
            .put("magic", account.magic)
            .put("from_msc", TimeUnit.NANOSECONDS.toMillis(nowNs) - config.historyLookbackMs);
        arguments.set("symbols", venueSymbols());
        snapshotPublishesReferences = publishReferences;
        queriesForSnapshot.addAll(queriesForNextSnapshot);
        queriesForNextSnapshot.clear();
        snapshot = command(BridgeProtocol.CMD_SNAPSHOT, Mt5Request.Kind.SNAPSHOT, null, arguments, nowNs + config.requestTimeoutNs);
    }

    private void onMessage(final JsonNode message, final long nowNs)
    {
        switch (BridgeJson.text(message, "type"))
        {
            case "rep":
                onReply(message, nowNs);
                break;
            case "evt":
                onEvent(message, nowNs);
                break;
            case "error":
                connectionLost("the terminal reported " + BridgeJson.text(message, "code") + ": " +
                    BridgeJson.text(message, "message"), nowNs);
                break;
            default:
                protocolErrorCount++;
                break;
        }
    }

    private void onReply(final JsonNode reply, final long nowNs)
    {
        final Mt5Request request = requests.remove(BridgeJson.longValue(reply, "id"));
        if (request == null)
        {
            staleReplyCount++;
            return;
        }
        switch (request.kind)
        {
            case PING:
                ping = null;
                break;
            case SUBSCRIBE:
                break;
            case SNAPSHOT:
                onSnapshot(reply, nowNs);
                break;
            default:
                trading.onTradeReply(request, reply, nowNs);
                break;
        }
    }

    private void onSnapshot(final JsonNode reply, final long nowNs)
    {
        snapshot = null;
        if (!reply.path("ok").asBoolean(false))
        {
            connectionLost("the terminal could not take a snapshot: " + BridgeJson.text(reply.path("error"), "message"), nowNs);
            return;
        }
        final String found = reconciler.apply(reply, snapshotPublishesReferences, nowNs);
        answerStatusQueries(nowNs);
        if (state == State.RECONCILING)
        {
            backoffNs = config.reconnectMinNs;
            final List<String> missing = missingSymbols();
            transition(State.READY, "ready: login " + book.login + ", " + (book.hedging ? "HEDGING" : "NETTING") + ", " + found +
                (missing.isEmpty() ? "" : "; not in the terminal: " + missing), nowNs);
            releaseHeld(nowNs);
        }
        if (snapshotAgain)
        {
            snapshotAgain = false;
            requestSnapshot(false, nowNs);
        }
    }

    private void onEvent(final JsonNode event, final long nowNs)
    {
        final long seq = BridgeJson.longValue(event, "seq");
        if (seq <= lastSeq)
        {
            duplicateEventCount++;
            return;
        }
        if (seq != lastSeq + 1)
        {
            sequenceGapCount++;
            resync(nowNs);
        }
        lastSeq = seq;
        switch (BridgeJson.text(event, "event"))
        {
            case BridgeProtocol.EVT_TRADE_TRANSACTION:
                onTransaction(event, nowNs);
                break;
            case BridgeProtocol.EVT_POSITION:
                book.onPosition(event.path("position"));
                break;
            case BridgeProtocol.EVT_ACCOUNT:
                reconciler.publishAccount(event.path("account"), nowNs);
                break;
            case BridgeProtocol.EVT_QUOTE:
                final Mt5Symbol symbol = book.symbolsByVenue.get(BridgeJson.text(event, "symbol"));
                if (symbol != null)
                {
                    symbol.quote(BridgeJson.fixed(event, "bid"), BridgeJson.fixed(event, "ask"));
                    reporter.marketData(symbol, nowNs);
                }
                break;
            default:
                break;
        }
    }

    private void onTransaction(final JsonNode event, final long nowNs)
    {
        final JsonNode transaction = event.path("transaction");
        switch (BridgeJson.text(transaction, "type"))
        {
            case "TRADE_TRANSACTION_DEAL_ADD":
                final JsonNode deal = event.get("deal_info");
                if (deal != null)
                {
                    trading.onDeal(deal, null, nowNs);
                }
                break;
            case "TRADE_TRANSACTION_HISTORY_ADD":
                trading.onOrderHistory(
                    BridgeJson.longValue(transaction, "order"), BridgeJson.text(transaction, "order_state"), nowNs);
                break;
            default:
                break;
        }
    }

    private int reconnectWhenDue(final long nowNs)
    {
        if (state != State.BACKOFF || nowNs - nextConnectNs < 0)
        {
            return 0;
        }
        connect(nowNs);
        return 1;
    }

    private int expireRequests(final long nowNs)
    {
        if (requests.isEmpty())
        {
            return 0;
        }
        List<Mt5Request> expired = null;
        for (final Iterator<Mt5Request> it = requests.values().iterator(); it.hasNext(); )
        {
            final Mt5Request request = it.next();
            if (nowNs - request.deadlineNs >= 0)
            {
                it.remove();
                if (expired == null)
                {
                    expired = new ArrayList<>();
                }
                expired.add(request);
            }
        }
        if (expired == null)
        {
            return 0;
        }
        String lossReason = null;
        for (final Mt5Request request : expired)
        {
            switch (request.kind)
            {
                case PING:
                    lossReason = "no answer to ping within " + TimeUnit.NANOSECONDS.toMillis(config.pingTimeoutNs) + " ms";
                    break;
                case SNAPSHOT:
                    snapshot = null;
                    lossReason = "no snapshot within " + TimeUnit.NANOSECONDS.toMillis(config.requestTimeoutNs) + " ms";
                    break;
                case SUBSCRIBE:
                    break;
                default:
                    trading.onRequestLost(
                        request, "no answer within " + TimeUnit.NANOSECONDS.toMillis(config.requestTimeoutNs) + " ms", nowNs);
                    break;
            }
        }
        if (lossReason != null)
        {
            connectionLost(lossReason, nowNs);
        }
        else
        {
            resync(nowNs);
        }
        return expired.size();
    }

    private int pingWhenIdle(final long nowNs)
    {
        if ((state != State.READY && state != State.RECONCILING) || ping != null || nowNs - lastInboundNs < config.pingIntervalNs)
        {
            return 0;
        }
        ping = command(BridgeProtocol.CMD_PING, Mt5Request.Kind.PING, null, BridgeJson.object(), nowNs + config.pingTimeoutNs);
        return 1;
    }

    private int expireHeld(final long nowNs)
    {
        int work = 0;
        while (!held.isEmpty() && nowNs - held.peekFirst().deadlineNs >= 0)
        {
            refuse(held.pollFirst(), "MT5 account " + account.name + " is not ready (" + detail + "); nothing was sent", nowNs);
            work++;
        }
        return work;
    }

    // A send that found the connection stuck is turned into a disconnection here, outside the caller's logic.
    private int dropBrokenConnection(final long nowNs)
    {
        if (brokenReason == null)
        {
            return 0;
        }
        final String reason = brokenReason;
        brokenReason = null;
        if (connection != null)
        {
            connectionLost(reason, nowNs);
        }
        return 1;
    }

    private Mt5Request command(
        final String name, final Mt5Request.Kind kind, final Mt5Order order, final ObjectNode arguments, final long deadlineNs)
    {
        if (connection == null || brokenReason != null)
        {
            return null;
        }
        final long id = nextRequestId++;
        final ObjectNode message = BridgeJson.object()
            .put("type", "req")
            .put("id", id)
            .put("cmd", name);
        message.setAll(arguments);
        if (!connection.send(message))
        {
            brokenReason = "the connection to the terminal is stuck: " + BridgeConnection.OUTBOUND_CAPACITY + " messages unsent";
            return null;
        }
        final Mt5Request request = new Mt5Request(id, kind, order, deadlineNs);
        requests.put(id, request);
        return request;
    }

    private void connectionLost(final String reason, final long nowNs)
    {
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
        final List<Mt5Request> lost = new ArrayList<>(requests.values());
        requests.clear();
        ping = null;
        snapshot = null;
        snapshotAgain = false;
        queriesForNextSnapshot.addAll(0, queriesForSnapshot); // asked again by the reconnect's snapshot
        queriesForSnapshot.clear();
        for (final Mt5Request request : lost)
        {
            if (request.isTrade())
            {
                trading.onRequestLost(request, "connection lost (" + reason + ")", nowNs);
            }
        }
        if (state == State.CLOSED)
        {
            return;
        }
        nextConnectNs = nowNs + backoffNs;
        final long delayMs = TimeUnit.NANOSECONDS.toMillis(backoffNs);
        backoffNs = Math.min(backoffNs * 2, config.reconnectMaxNs);
        transition(State.BACKOFF, reason + "; reconnecting in " + delayMs + " ms", nowNs);
    }

    private void transition(final State newState, final String newDetail, final long nowNs)
    {
        state = newState;
        detail = newDetail;
        listener.onSessionChange(nowNs);
    }

    private void hold(final Held waiting, final long nowNs)
    {
        if (held.size() >= HELD_LIMIT)
        {
            refuse(waiting, HELD_LIMIT + " requests already wait for MT5 account " + account.name + " (" + detail + ")", nowNs);
            return;
        }
        held.addLast(waiting);
    }

    private void releaseHeld(final long nowNs)
    {
        while (state == State.READY && !held.isEmpty())
        {
            final Held waiting = held.pollFirst();
            if (waiting.order != null)
            {
                trading.onNewOrder(waiting.order, nowNs);
            }
            else if (waiting.cancel != null)
            {
                trading.changes().onCancel(waiting.cancel, nowNs);
            }
            else
            {
                trading.changes().onAmend(waiting.amend, nowNs);
            }
        }
    }

    private void refuse(final Held waiting, final String text, final long nowNs)
    {
        if (waiting.order != null)
        {
            trading.reject(waiting.order, text, nowNs);
            return;
        }
        final OrderIdentity identity = waiting.cancel != null ? waiting.cancel : waiting.amend.identity;
        final Mt5Order order = book.orderByCid(identity.clientOrderId().toString());
        if (order == null)
        {
            reporter.cancelRejected(identity, OrdStatus.REJECTED, 0, 0, text, nowNs);
        }
        else
        {
            reporter.cancelRejected(order, text, nowNs);
        }
    }

    private ArrayNode venueSymbols()
    {
        final ArrayNode symbols = BridgeJson.MAPPER.createArrayNode();
        for (final Mt5Symbol symbol : book.symbolsByCanonical.values())
        {
            symbols.add(symbol.venueName);
        }
        return symbols;
    }

    private List<String> missingSymbols()
    {
        final List<String> missing = new ArrayList<>();
        for (final Mt5Symbol symbol : book.symbolsByCanonical.values())
        {
            if (!symbol.available)
            {
                missing.add(symbol.venueName);
            }
        }
        return missing;
    }

    /** A NewOrder, CancelOrder or AmendOrder waiting for the terminal to be ready. */
    private static final class Held
    {
        final Mt5Order order;
        final OrderIdentity cancel;
        final Mt5Amend amend;
        final long deadlineNs;

        Held(final Mt5Order order, final OrderIdentity cancel, final Mt5Amend amend, final long deadlineNs)
        {
            this.order = order;
            this.cancel = cancel;
            this.amend = amend;
            this.deadlineNs = deadlineNs;
        }
    }
}
