package io.sluice.gateway.binance;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Order entry at Binance: places, cancels and queries orders (WebSocket API first, REST when the socket is down),
 * holds new orders while the venue is not ready or a rate limit is near, resolves lost outcomes by order.status
 * and reconciles every order with the venue on start and after every reconnect before new orders go out.
 * Agent thread only.
 */
final class OrderEntry
{
    private static final Pattern SPOT_CLIENT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,36}$");
    private static final Pattern FUTURES_CLIENT_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    private static final long RETRY_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long NOT_FOUND_MARGIN_MS = 1000;

    /** Where a reconciliation is. */
    enum ReconcileState
    {
        /** Never started. */
        IDLE,
        /** Open orders asked for, per symbol. */
        OPEN_ORDERS,
        /** Status of every other order the engine may believe live asked for. */
        STATUS,
        /** Finished: new orders may go out. */
        DONE
    }

    private final BinanceConfig config;
    private final Requests requests;
    private final BinanceOrders orders;
    private final Map<String, SymbolRules> rules;
    private final MarketDataBoard board;
    private final OrderEvent event = new OrderEvent();
    private final ArrayDeque<TrackedOrder> held = new ArrayDeque<>();
    private final List<TrackedOrder> awaitingClock = new ArrayList<>();
    private final List<String> openOrdersToSend = new ArrayList<>();
    private final Set<String> seenAtVenue = new HashSet<>();
    private final Set<TrackedOrder> reconcileQueries = new HashSet<>();

    private ReconcileState reconcileState = ReconcileState.IDLE;
    private int openOrdersOutstanding;
    private long openOrdersRetryAtNs;
    private int reconciliations;
    private String reconcileSummary = "";
    private boolean resyncWanted;
    private boolean userDataUp;
    private long nextPollNs;
    private boolean housekeepingWanted;
    // Engine reconciliation questions waiting for an answer, by client order id.
    private final Map<String, io.sluice.gateway.OrderStatusQuery> engineQueries = new java.util.LinkedHashMap<>();

    OrderEntry(
        final BinanceConfig config,
        final Requests requests,
        final BinanceOrders orders,
        final Map<String, SymbolRules> rules,
        final MarketDataBoard board)
    {
        this.config = config;
        this.requests = requests;
        this.orders = orders;
        this.rules = rules;
        this.board = board;
    }

    // ----- engine inputs -----

    /**
     * A NewOrder from the engine: refused at once when it cannot be a Binance order, otherwise held until it can be
     * sent; the exchangeInfo filters are checked as it leaves.
     *
     * @param decoder the message.
     * @param nowNs   time now.
     */
    void onNewOrder(final NewOrderDecoder decoder, final long nowNs)
    {
        final TrackedOrder order = new TrackedOrder().set(decoder, nowNs);
        final TrackedOrder existing = orders.get(order.clientOrderId);
        if (existing != null)
        {
            // Same client order id again: never a second order. Tell the engine where the first one is.
            orders.report(existing, ExecType.ORDER_STATUS,
                existing.status == OrdStatus.NULL_VAL ? OrdStatus.PENDING_NEW : existing.status,
                "duplicate NewOrder for an existing client order id ignored", nowNs);
            return;
        }
        orders.add(order);
        final String refusal = refusal(order);
        if (refusal != null)
        {
            orders.onRejected(order, refusal, nowNs);
            return;
        }
        held.add(order);
    }

    /**
     * Reconciliation: the engine asks about one of its in-doubt orders. An order this gateway tracks is answered
     * once its state is settled (a live one after a fresh order.status); one it does not track (sent before a
     * gateway restart, or never received) is looked up by origClientOrderId: adopted when the venue has it,
     * NOT_FOUND when it does not. An order still held here is answered PENDING_NEW: it will be sent.
     *
     * @param query the engine's question.
     * @param nowNs time now.
     */
    void onOrderStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        final String clientOrderId = query.order().clientOrderId().toString();
        final TrackedOrder tracked = orders.get(clientOrderId);
        engineQueries.put(clientOrderId, query.copy());
        housekeepingWanted = true;
        if (tracked == null)
        {
            final TrackedOrder probe = new TrackedOrder();
            probe.clientOrderId = clientOrderId;
            probe.symbol = query.order().symbol().toString();
            probe.identity.set(query.order());
            probe.quantity = query.quantity();
            probe.stage = TrackedOrder.Stage.DONE; // never in the book: only asked about
            probe.reconcileProbe = true;
            sendStatus(probe, nowNs);
        }
        else if (tracked.stage == TrackedOrder.Stage.LIVE && !tracked.statusInFlight)
        {
            tracked.statusQueryAtNs = nowNs;
        }
    }

    // Answer the engine's questions about tracked orders whose state is settled (no status query pending).
    private void answerEngineQueries(final long nowNs)
    {
        for (final Iterator<Map.Entry<String, io.sluice.gateway.OrderStatusQuery>> it = engineQueries.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<String, io.sluice.gateway.OrderStatusQuery> entry = it.next();
            final TrackedOrder order = orders.get(entry.getKey());
            if (order == null || order.statusInFlight || order.statusQueryAtNs != 0 ||
                order.stage == TrackedOrder.Stage.SENT || order.stage == TrackedOrder.Stage.UNKNOWN)
            {
                continue;
            }
            final OrdStatus status = order.stage == TrackedOrder.Stage.HELD ? OrdStatus.PENDING_NEW :
                order.status == OrdStatus.NULL_VAL || order.status == OrdStatus.PENDING_NEW ?
                (order.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW) : order.status;
            orders.answer(entry.getValue(), order, status, nowNs);
            it.remove();
        }
    }

    // The venue's answer about an order this gateway does not track.
    private void onProbeReply(final TrackedOrder probe, final Reply reply, final long nowNs)
    {
        final io.sluice.gateway.OrderStatusQuery query = engineQueries.get(probe.clientOrderId);
        if (reply.ok())
        {
            final TrackedOrder adopted = orders.onSnapshot(orders.get(probe.clientOrderId), event.parseStatus(reply.result()), nowNs);
            adopted.identity.account().set(probe.identity.account());
            return; // answered by the sweep, now that the order is tracked and settled
        }
        if (reply.errorCode() == -2013 && query != null && orders.get(probe.clientOrderId) == null)
        {
            engineQueries.remove(probe.clientOrderId);
            orders.notFound(query, nowNs);
        }
        // Any other failure: no answer; the engine's reconciliation timeout raises an alert.
    }

    private String refusal(final TrackedOrder order)
    {
        final Pattern clientIds = config.market == BinanceMarket.SPOT ? SPOT_CLIENT_ID : FUTURES_CLIENT_ID;
        if (!clientIds.matcher(order.clientOrderId).matches())
        {
            return "client order id '" + order.clientOrderId + "' is not valid at Binance";
        }
        if (order.identity.side() != Side.BUY && order.identity.side() != Side.SELL)
        {
            return "side must be BUY or SELL";
        }
        if (order.ordType == OrdType.NULL_VAL || order.ordType == null)
        {
            return "order type missing";
        }
        if (order.ordType != OrdType.MARKET && order.ordType != OrdType.STOP && order.timeInForce == TimeInForce.DAY)
        {
            return "timeInForce DAY is not offered by Binance (GTC, IOC or FOK)";
        }
        if ((order.ordType == OrdType.LIMIT || order.ordType == OrdType.STOP_LIMIT) && order.price == Fixed.NULL)
        {
            return "a " + order.ordType + " order needs a price";
        }
        if ((order.ordType == OrdType.STOP || order.ordType == OrdType.STOP_LIMIT) && order.stopPrice == Fixed.NULL)
        {
            return "a " + order.ordType + " order needs a stop price";
        }
        if (config.market == BinanceMarket.SPOT && (order.reduceOnly || order.positionSide != PositionSide.BOTH))
        {
            return "reduceOnly and positionSide are futures fields; venue " + config.venueName + " is spot";
        }
        if (!config.symbols.contains(order.symbol))
        {
            return "symbol " + order.symbol + " is not configured for " + config.venueName + " (" + config.prefix + "symbols)";
        }
        return null;
    }

    // Checked when the order is about to leave, against the filters loaded (or refreshed) by then.
    private String filterRefusal(final TrackedOrder order)
    {
        final SymbolRules symbolRules = rules.get(order.symbol);
        if (symbolRules == null)
        {
            return "symbol " + order.symbol + " is not in the venue's exchangeInfo";
        }
        if (!config.checkFilters)
        {
            return null;
        }
        final long reference = board == null ? Fixed.NULL : board.reference(order.symbol);
        return symbolRules.check(order.ordType, order.price, order.stopPrice, order.quantity, reference);
    }

    /**
     * A CancelOrder from the engine.
     *
     * @param decoder the message.
     * @param nowNs   time now.
     */
    void onCancelOrder(final CancelOrderDecoder decoder, final long nowNs)
    {
        final String clientOrderId = decoder.clientOrderId().trim();
        TrackedOrder order = orders.get(clientOrderId);
        if (order == null)
        {
            // Not seen by this gateway (placed before a restart): the venue knows it by its client order id.
            order = new TrackedOrder();
            order.identity.set(decoder);
            order.clientOrderId = order.identity.clientOrderId().toString();
            order.symbol = order.identity.symbol().toString();
            order.stage = TrackedOrder.Stage.LIVE;
            orders.add(order);
        }
        switch (order.stage)
        {
            case HELD:
                held.remove(order);
                orders.onCanceledUnsent(order, nowNs);
                break;
            case SENT:
            case UNKNOWN:
                order.cancelWanted = true;
                break;
            case LIVE:
                if (!order.cancelInFlight)
                {
                    order.cancelWanted = true;
                    order.cancelAttempts = 0;
                    housekeepingWanted = true;
                }
                break;
            default:
                orders.report(order, ExecType.CANCEL_REJECTED, order.status, "order is already " + order.status, nowNs);
                break;
        }
    }

    // ----- duty cycle -----

    /**
     * Send held orders when the venue is ready and the rate limits allow; refuse those held too long.
     *
     * @param accepting whether new orders may go out (clock, rules and reconciliation ready).
     * @param whyNot    why not, for the refusal text.
     * @param nowNs     time now.
     * @return orders sent or refused.
     */
    int sendHeld(final boolean accepting, final String whyNot, final long nowNs)
    {
        if (held.isEmpty())
        {
            return 0;
        }
        int work = 0;
        final boolean ready = accepting && reconcileState == ReconcileState.DONE && awaitingClock.isEmpty() && !resyncWanted;
        while (ready && !held.isEmpty() && requests.mayRequest(1, true, nowNs))
        {
            final TrackedOrder order = held.poll();
            if (order.stage == TrackedOrder.Stage.HELD)
            {
                final String refusal = filterRefusal(order);
                if (refusal != null)
                {
                    orders.onRejected(order, refusal, nowNs);
                }
                else
                {
                    sendPlace(order, nowNs);
                }
                work++;
            }
        }
        for (final Iterator<TrackedOrder> it = held.iterator(); it.hasNext(); )
        {
            final TrackedOrder order = it.next();
            if (nowNs - order.heldSinceNs - config.maxHoldNs >= 0)
            {
                it.remove();
                orders.onRejected(order, "not sent within " + TimeUnit.NANOSECONDS.toMillis(config.maxHoldNs) + " ms: " +
                    (!ready ? whyNot : requests.rateLimits().isBackingOff(nowNs) ? "venue rate limit back-off" :
                    "rate limit headroom reached"), nowNs);
                work++;
            }
        }
        return work;
    }

    /**
     * Status queries, cancels waiting for an answer, polling while user data is down, reconciliation steps.
     *
     * @param nowNs time now.
     * @return requests sent.
     */
    int housekeeping(final long nowNs)
    {
        int work = 0;
        orders.expireTerminalWaits(nowNs);
        if (!engineQueries.isEmpty())
        {
            answerEngineQueries(nowNs);
        }
        if (reconcileState == ReconcileState.OPEN_ORDERS && !openOrdersToSend.isEmpty() && nowNs - openOrdersRetryAtNs >= 0)
        {
            for (final Iterator<String> it = openOrdersToSend.iterator(); it.hasNext() && requests.mayRequest(6, false, nowNs); )
            {
                sendOpenOrders(it.next(), nowNs);
                it.remove();
                work++;
            }
        }
        if (!userDataUp && nowNs - nextPollNs >= 0)
        {
            nextPollNs = nowNs + config.statusPollNs;
            for (final TrackedOrder order : orders.openOrders())
            {
                if (order.stage == TrackedOrder.Stage.LIVE && order.statusQueryAtNs == 0)
                {
                    order.statusQueryAtNs = nowNs;
                }
            }
        }
        if (!awaitingClock.isEmpty() || resyncWanted)
        {
            return work;
        }
        for (final TrackedOrder order : orders.openOrders())
        {
            if (order.statusQueryAtNs != 0 && nowNs - order.statusQueryAtNs >= 0 && !order.statusInFlight &&
                requests.mayRequest(4, false, nowNs))
            {
                sendStatus(order, nowNs);
                work++;
            }
            else if (order.cancelWanted && !order.cancelInFlight && order.stage == TrackedOrder.Stage.LIVE &&
                order.statusQueryAtNs == 0 && !order.statusInFlight && requests.mayRequest(1, false, nowNs))
            {
                if (order.cancelAttempts >= 3)
                {
                    order.cancelWanted = false;
                    orders.report(order, ExecType.CANCEL_REJECTED, order.status,
                        "cancel outcome unknown after 3 attempts; order still open at venue", nowNs);
                }
                else
                {
                    sendCancel(order, nowNs);
                }
                work++;
            }
        }
        orders.evictDone();
        return work;
    }

    /**
     * Whether a reply or input asked for housekeeping before its periodic turn; reading clears it.
     *
     * @return true once after a request.
     */
    boolean takeHousekeepingWanted()
    {
        final boolean wanted = housekeepingWanted;
        housekeepingWanted = false;
        return wanted;
    }

    // ----- requests -----

    private void sendPlace(final TrackedOrder order, final long nowNs)
    {
        final SymbolRules symbolRules = rules.get(order.symbol);
        final Params params = new Params()
            .add("symbol", order.symbol)
            .add("side", order.identity.side().name());
        if (config.market == BinanceMarket.USDM)
        {
            addFuturesSide(order, params);
        }
        params.add("type", venueType(order.ordType));
        if (order.ordType == OrdType.LIMIT || order.ordType == OrdType.STOP_LIMIT)
        {
            params.add("timeInForce", order.timeInForce == null || order.timeInForce == TimeInForce.NULL_VAL ?
                "GTC" : order.timeInForce.name());
        }
        params.add("quantity", symbolRules != null ? symbolRules.formatQuantity(order.quantity) :
            Decimals.format(order.quantity, Fixed.DECIMALS));
        if (order.price != Fixed.NULL && (order.ordType == OrdType.LIMIT || order.ordType == OrdType.STOP_LIMIT))
        {
            params.add("price", symbolRules != null ? symbolRules.formatPrice(order.price) : Decimals.format(order.price, Fixed.DECIMALS));
        }
        if (order.stopPrice != Fixed.NULL && (order.ordType == OrdType.STOP || order.ordType == OrdType.STOP_LIMIT))
        {
            params.add("stopPrice", symbolRules != null ? symbolRules.formatPrice(order.stopPrice) :
                Decimals.format(order.stopPrice, Fixed.DECIMALS));
        }
        params.add("newClientOrderId", order.clientOrderId).add("newOrderRespType", "ACK");
        order.stage = TrackedOrder.Stage.SENT;
        order.placeAttempts++;
        final PendingRequest request = requests.send(
            PendingRequest.Op.PLACE, order, "order.place", "POST", config.market.path("order"), params, true, true, 1, true, "",
            nowNs);
        order.placeTimestampMs = request.timestampMs;
    }

    private void addFuturesSide(final TrackedOrder order, final Params params)
    {
        PositionSide side = order.positionSide;
        final boolean hedge = "true".equals(config.hedgeMode) || side != PositionSide.BOTH;
        if (hedge && side == PositionSide.BOTH)
        {
            // Hedge mode needs LONG or SHORT: buying opens a long or closes a short, selling the reverse.
            final boolean buy = order.identity.side() == Side.BUY;
            side = buy != order.reduceOnly ? PositionSide.LONG : PositionSide.SHORT;
        }
        if (hedge)
        {
            // reduceOnly is not allowed in hedge mode: the position side already says which position is reduced.
            params.add("positionSide", side.name());
        }
        else if (order.reduceOnly)
        {
            params.add("reduceOnly", "true");
        }
    }

    private String venueType(final OrdType type)
    {
        final boolean spot = config.market == BinanceMarket.SPOT;
        switch (type)
        {
            case MARKET:
                return "MARKET";
            case LIMIT:
                return "LIMIT";
            case STOP:
                return spot ? "STOP_LOSS" : "STOP_MARKET";
            case STOP_LIMIT:
                return spot ? "STOP_LOSS_LIMIT" : "STOP";
            default:
                throw new IllegalArgumentException("order type " + type + " has no Binance equivalent");
        }
    }

    private void sendCancel(final TrackedOrder order, final long nowNs)
    {
        order.cancelInFlight = true;
        order.cancelAttempts++;
        final Params params = new Params().add("symbol", order.symbol).add("origClientOrderId", order.clientOrderId);
        requests.send(PendingRequest.Op.CANCEL, order, "order.cancel", "DELETE", config.market.path("order"), params,
            true, true, 1, false, "", nowNs);
    }

    private void sendStatus(final TrackedOrder order, final long nowNs)
    {
        order.statusQueryAtNs = 0;
        order.statusInFlight = true;
        final Params params = new Params().add("symbol", order.symbol).add("origClientOrderId", order.clientOrderId);
        requests.send(PendingRequest.Op.STATUS, order, "order.status", "GET", config.market.path("order"), params,
            true, true, 4, false, "", nowNs);
    }

    private void sendOpenOrders(final String symbol, final long nowNs)
    {
        requests.send(PendingRequest.Op.OPEN_ORDERS, null, "openOrders.status", "GET", config.market.path("openOrders"),
            new Params().add("symbol", symbol), true, true, 6, false, symbol, nowNs);
    }

    // ----- reconciliation -----

    /**
     * Start (or restart) reconciling: open orders per symbol, then the status of every other order the engine may
     * believe live. New orders wait until it is done.
     *
     * @param nowNs time now.
     */
    void startReconcile(final long nowNs)
    {
        reconcileState = ReconcileState.OPEN_ORDERS;
        seenAtVenue.clear();
        reconcileQueries.clear();
        openOrdersToSend.clear();
        openOrdersToSend.addAll(config.symbols);
        openOrdersOutstanding = config.symbols.size();
        openOrdersRetryAtNs = nowNs;
        reconcileSummary = "";
        housekeepingWanted = true;
    }

    private void onOpenOrders(final PendingRequest request, final Reply reply, final long nowNs)
    {
        if (reconcileState != ReconcileState.OPEN_ORDERS)
        {
            return;
        }
        if (!reply.ok())
        {
            openOrdersToSend.add(request.detail);
            openOrdersRetryAtNs = nowNs + RETRY_NS;
            return;
        }
        int open = 0;
        for (final com.fasterxml.jackson.databind.JsonNode entry : reply.result())
        {
            event.parseStatus(entry);
            seenAtVenue.add(event.clientOrderId);
            orders.onSnapshot(orders.get(event.clientOrderId), event, nowNs);
            open++;
        }
        reconcileSummary += (reconcileSummary.isEmpty() ? "" : ", ") + request.detail + " " + open + " open";
        if (--openOrdersOutstanding > 0)
        {
            return;
        }
        reconcileState = ReconcileState.STATUS;
        for (final TrackedOrder order : orders.openOrders())
        {
            if ((order.stage == TrackedOrder.Stage.LIVE || order.stage == TrackedOrder.Stage.UNKNOWN) &&
                !seenAtVenue.contains(order.clientOrderId) && config.symbols.contains(order.symbol))
            {
                reconcileQueries.add(order);
                if (!order.statusInFlight)
                {
                    order.statusQueryAtNs = nowNs;
                }
            }
        }
        finishReconcileIfSettled();
        housekeepingWanted = true;
    }

    private void reconcileSettled(final TrackedOrder order)
    {
        if (reconcileQueries.remove(order))
        {
            finishReconcileIfSettled();
        }
    }

    private void finishReconcileIfSettled()
    {
        if (reconcileState == ReconcileState.STATUS && reconcileQueries.isEmpty())
        {
            reconcileState = ReconcileState.DONE;
            reconciliations++;
        }
    }

    ReconcileState reconcileState()
    {
        return reconcileState;
    }

    int reconciliations()
    {
        return reconciliations;
    }

    String reconcileSummary()
    {
        return reconcileSummary;
    }

    // ----- answers -----

    /**
     * The answer to an order request.
     *
     * @param request the request.
     * @param reply   its answer.
     * @param nowNs   time now.
     */
    void onReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        housekeepingWanted = true;
        switch (request.op)
        {
            case PLACE:
                onPlaceReply(request, reply, nowNs);
                break;
            case CANCEL:
                onCancelReply(request, reply, nowNs);
                break;
            case STATUS:
                onStatusReply(request, reply, nowNs);
                break;
            case OPEN_ORDERS:
                onOpenOrders(request, reply, nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * A request that will get no answer (deadline passed, WebSocket dropped): its outcome is unknown.
     *
     * @param request the request.
     * @param why     what happened.
     * @param nowNs   time now.
     */
    void onLost(final PendingRequest request, final String why, final long nowNs)
    {
        housekeepingWanted = true;
        final TrackedOrder order = request.order;
        switch (request.op)
        {
            case PLACE:
                orders.onUnknown(order, "outcome unknown (" + why + "); resolving by order.status, not resending", nowNs);
                break;
            case CANCEL:
                order.cancelInFlight = false;
                if (order.isOpen())
                {
                    order.statusQueryAtNs = nowNs;
                }
                break;
            case STATUS:
                order.statusInFlight = false;
                if (order.isOpen() && order.statusQueryAtNs == 0)
                {
                    order.statusQueryAtNs = nowNs + RETRY_NS;
                }
                break;
            case OPEN_ORDERS:
                if (reconcileState == ReconcileState.OPEN_ORDERS)
                {
                    openOrdersToSend.add(request.detail);
                    openOrdersRetryAtNs = nowNs + RETRY_NS;
                }
                break;
            default:
                break;
        }
    }

    private void onPlaceReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        final TrackedOrder order = request.order;
        if (request.timedOut && order.stage != TrackedOrder.Stage.UNKNOWN)
        {
            // A late answer about an order its status query has settled already.
            return;
        }
        if (reply.ok())
        {
            orders.onPlaceAccepted(order, reply.result() == null ? "" : reply.result().path("orderId").asText(""), nowNs);
            afterSettled(order);
            return;
        }
        if (isUnknownOutcome(reply))
        {
            if (!request.timedOut)
            {
                onLost(request, describe(reply), nowNs);
            }
            return;
        }
        if (reply.failure() == Reply.Failure.CONNECT)
        {
            orders.onRejected(order, "venue unreachable (" + reply.errorMsg() + "); not sent", nowNs);
            return;
        }
        if (reply.errorCode() == -1021 && order.placeAttempts < 2 && !request.timedOut)
        {
            // Outside recvWindow: refused, so sending once more after a clock resync cannot duplicate it.
            awaitingClock.add(order);
            resyncWanted = true;
            return;
        }
        if (isDuplicate(reply))
        {
            order.stage = TrackedOrder.Stage.UNKNOWN;
            order.statusQueryAtNs = nowNs;
            return;
        }
        orders.onRejected(order, describe(reply), nowNs);
    }

    private void onCancelReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        final TrackedOrder order = request.order;
        order.cancelInFlight = false;
        if (order.stage == TrackedOrder.Stage.DONE)
        {
            order.cancelWanted = false;
            return;
        }
        if (reply.ok())
        {
            order.cancelWanted = false;
            event.parseStatus(reply.result());
            orders.onTerminal(order, OrdStatus.CANCELED, event.cumQty, "", nowNs);
            return;
        }
        if (isUnknownOutcome(reply))
        {
            if (!request.timedOut)
            {
                onLost(request, describe(reply), nowNs);
            }
            return;
        }
        if (reply.errorCode() == -1021 && order.cancelAttempts < 2)
        {
            resyncWanted = true;
            return;
        }
        orders.onCancelRejected(order, describe(reply), nowNs);
    }

    private void onStatusReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        final TrackedOrder order = request.order;
        order.statusInFlight = false;
        if (order.reconcileProbe)
        {
            onProbeReply(order, reply, nowNs);
            return;
        }
        if (reply.ok())
        {
            orders.onSnapshot(order, event.parseStatus(reply.result()), nowNs);
            reconcileSettled(order);
            afterSettled(order);
            return;
        }
        if (reply.errorCode() == -2013)
        {
            final long venueNowMs = requests.venueMs(nowNs);
            final long neverAfterMs = order.placeTimestampMs + config.recvWindowMs + NOT_FOUND_MARGIN_MS;
            final boolean neverPlaced = order.placeTimestampMs == 0 || venueNowMs >= neverAfterMs;
            if (!orders.onNotFound(order, neverPlaced, nowNs))
            {
                order.statusQueryAtNs = nowNs + TimeUnit.MILLISECONDS.toNanos(neverAfterMs - venueNowMs);
            }
            reconcileSettled(order);
            return;
        }
        if (reply.errorCode() == -1021)
        {
            resyncWanted = true;
        }
        if (order.isOpen() && order.statusQueryAtNs == 0)
        {
            order.statusQueryAtNs = nowNs + (reply.errorCode() == -1021 ? 0 : RETRY_NS);
        }
    }

    private void afterSettled(final TrackedOrder order)
    {
        if (order.cancelWanted && order.stage == TrackedOrder.Stage.LIVE)
        {
            housekeepingWanted = true;
        }
    }

    /**
     * The clock was resynchronised: orders refused with -1021 go out once more.
     *
     * @param nowNs time now.
     */
    void onClockResynced(final long nowNs)
    {
        resyncWanted = false;
        final List<TrackedOrder> retry = new ArrayList<>(awaitingClock);
        awaitingClock.clear();
        for (final TrackedOrder order : retry)
        {
            if (order.stage == TrackedOrder.Stage.SENT)
            {
                sendPlace(order, nowNs);
            }
        }
        housekeepingWanted = true;
    }

    /**
     * Whether a -1021 asked for a clock resync; the venue sends GET /time and calls {@link #onClockResynced}.
     *
     * @return true while a resync is wanted.
     */
    boolean resyncWanted()
    {
        return resyncWanted;
    }

    /**
     * Whether pushed order events are flowing (spot WebSocket API subscription, futures listenKey stream); while they
     * are not, live orders are polled.
     *
     * @param up    true when flowing.
     * @param nowNs time now.
     */
    void userDataUp(final boolean up, final long nowNs)
    {
        if (userDataUp && !up)
        {
            nextPollNs = nowNs + config.statusPollNs;
        }
        userDataUp = up;
    }

    /**
     * A pushed order event.
     *
     * @param parsed the event.
     * @param nowNs  time now.
     */
    void onOrderEvent(final OrderEvent parsed, final long nowNs)
    {
        orders.onEvent(parsed, nowNs);
        final TrackedOrder order = orders.get(parsed.clientOrderId);
        if (order != null)
        {
            afterSettled(order);
        }
    }

    private static boolean isUnknownOutcome(final Reply reply)
    {
        return reply.failure() == Reply.Failure.TRANSPORT || reply.status() >= 500 || reply.errorCode() == -1007;
    }

    private static boolean isDuplicate(final Reply reply)
    {
        return reply.errorCode() == -4116 || (reply.errorCode() == -2010 && reply.errorMsg().contains("Duplicate"));
    }

    private static String describe(final Reply reply)
    {
        if (reply.failure() != Reply.Failure.NONE)
        {
            return reply.failure() == Reply.Failure.CONNECT ? "connect failed: " + reply.errorMsg() : "no answer: " + reply.errorMsg();
        }
        if (reply.status() == 429 || reply.status() == 418)
        {
            return "rate limited (HTTP " + reply.status() + ", binance " + reply.errorCode() + ": " + reply.errorMsg() + ")";
        }
        return "binance " + reply.errorCode() + ": " + reply.errorMsg() + " (HTTP " + reply.status() + ")";
    }
}
