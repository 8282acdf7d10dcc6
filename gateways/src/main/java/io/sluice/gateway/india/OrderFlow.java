package io.sluice.gateway.india;

import io.sluice.gateway.OrderIdentity;
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.InstrumentSnapshot;
import io.sluice.gateway.india.instruments.SymbolResolver;
import io.sluice.protocol.Ascii;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Orders of one venue from the engine to the broker and back: resolve the symbol, validate against lot and tick,
 * slice above the freeze quantity (slices placed one after another, each acknowledged before the next), place,
 * cancel, amend, and turn broker order books, lookups and postbacks into execution reports about the engine's order as
 * a whole. A place whose outcome is unknown is resolved by its tag and never sent twice; orders wait while their
 * account logs in and reconciles, and are refused with a reason when it cannot.
 * <p>
 * Reject texts start with a code: {@code UNKNOWN_SYMBOL}, {@code UNKNOWN_ACCOUNT}, {@code SESSION_EXPIRED},
 * {@code NOT_READY}, {@code INVALID_ORDER}, {@code UNSUPPORTED}, {@code DUPLICATE_ORDER_ID}, {@code BROKER_REJECTED},
 * {@code RATE_LIMITED}, {@code BROKER_UNREACHABLE}, {@code PLACE_UNCONFIRMED}, {@code INSTRUMENTS_UNAVAILABLE}.
 */
final class OrderFlow
{
    private static final Pattern OUR_TAG = Pattern.compile("^[0-9A-Z]{13}(S\\d{2})?$");
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[A-Za-z0-9]{1,17}$");
    private static final int MAX_SLICES = 99;

    private final IndiaConfig config;
    private final RestBroker broker;
    private final Reporter reporter;
    private final SessionManager sessions;
    private final InstrumentSync instruments;
    private final Map<String, TrackedOrder> orders = new HashMap<>();
    private final List<TrackedOrder> open = new ArrayList<>();
    private final OrderIdentity scratch = new OrderIdentity();
    // Engine reconciliation questions waiting for an answer, by client order id, oldest first.
    private final Map<String, EngineQuery> engineQueries = new java.util.LinkedHashMap<>();
    private final Set<AccountSession> booksInFlight = new HashSet<>();

    /** One engine question: answered once the gateway's view of the order is settled by a fresh order book. */
    private static final class EngineQuery
    {
        final io.sluice.gateway.OrderStatusQuery query;
        final AccountSession session;
        final long askedNs;
        boolean bookChecked;

        EngineQuery(final io.sluice.gateway.OrderStatusQuery query, final AccountSession session, final long askedNs)
        {
            this.query = query;
            this.session = session;
            this.askedNs = askedNs;
        }
    }

    OrderFlow(
        final IndiaConfig config,
        final RestBroker broker,
        final Reporter reporter,
        final SessionManager sessions,
        final InstrumentSync instruments)
    {
        this.config = config;
        this.broker = broker;
        this.reporter = reporter;
        this.sessions = sessions;
        this.instruments = instruments;
    }

    void onNewOrder(final NewOrderDecoder decoder, final long nowNs)
    {
        final QueuedOrder order = new QueuedOrder(decoder, nowNs);
        final String account = order.identity.account().toString();
        final String clientOrderId = order.identity.clientOrderId().toString();
        final AccountSession session = sessions.get(account);
        if (session == null)
        {
            reporter.reject(order.identity, "UNKNOWN_ACCOUNT: " + account + " is not a " + config.venue() + " account (accounts: " +
                config.accounts() + ")", nowNs);
            return;
        }
        if (orders.containsKey(clientOrderId) || isQueued(session, clientOrderId))
        {
            reporter.reject(order.identity, "DUPLICATE_ORDER_ID: " + clientOrderId + " was already sent to " + config.venue() +
                " today; not placed again", nowNs);
            return;
        }
        if (session.state == AccountSession.State.EXPIRED)
        {
            reporter.reject(order.identity, sessionExpired(session), nowNs);
            return;
        }
        if (session.state == AccountSession.State.READY && instruments.isReady(nowNs) && session.queued().isEmpty())
        {
            place(order, session, nowNs);
            return;
        }
        if (session.queued().size() >= config.maxQueuedOrders())
        {
            reporter.reject(order.identity, "NOT_READY: " + config.maxQueuedOrders() + " orders already wait for " + config.venue() +
                " account " + account + " (" + waitReason(session, nowNs) + ")", nowNs);
            return;
        }
        session.queued().addLast(order);
    }

    /**
     * Reconciliation: the engine asks about one of its in-doubt orders. Answered after a fresh order book of the
     * account (which also adopts our tagged orders this gateway does not track, e.g. placed before a restart):
     * from the tracked order, PENDING_NEW while it still waits here, NOT_FOUND when the broker has no order with
     * its tag.
     */
    void onOrderStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        final AccountSession session = sessions.get(query.order().account().toString());
        if (session == null)
        {
            reporter.statusNotFound(query, nowNs); // not an account of this venue: nothing was ever placed for it
            return;
        }
        engineQueries.put(query.order().clientOrderId().toString(), new EngineQuery(query.copy(), session, nowNs));
    }

    private int answerEngineQueries(final long nowNs)
    {
        int work = 0;
        for (final EngineQuery pending : engineQueries.values())
        {
            final AccountSession session = pending.session;
            if (!pending.bookChecked && session.state == AccountSession.State.READY && session.accessToken() != null &&
                booksInFlight.add(session))
            {
                final long submittedNs = nowNs;
                session.throttle().submit(broker.orderBook(session), (result, now) ->
                {
                    booksInFlight.remove(session);
                    if (result.isOk())
                    {
                        onOrderBook(session, result.value(), true, submittedNs, now);
                        for (final EngineQuery query : engineQueries.values())
                        {
                            query.bookChecked |= query.session == session && query.askedNs - submittedNs <= 0;
                        }
                    }
                }, nowNs);
                work++;
            }
        }
        for (final Iterator<Map.Entry<String, EngineQuery>> it = engineQueries.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<String, EngineQuery> entry = it.next();
            final EngineQuery pending = entry.getValue();
            if (isQueued(pending.session, entry.getKey()))
            {
                reporter.statusAnswer(pending.query, null, OrdStatus.PENDING_NEW, nowNs); // waits here; will be sent
                it.remove();
                continue;
            }
            if (!pending.bookChecked)
            {
                continue;
            }
            final TrackedOrder order = orders.get(entry.getKey());
            if (order == null)
            {
                reporter.statusNotFound(pending.query, nowNs);
            }
            else if (order.hasSliceInFlightOrUnknown())
            {
                continue; // its own resolution by tag settles it first
            }
            else
            {
                final long cum = order.cumQty();
                final OrdStatus status = order.terminalReported || order.isDone() ? order.finalStatus() :
                    cum > 0 ? OrdStatus.PARTIALLY_FILLED : isAcknowledged(order) ? OrdStatus.NEW : OrdStatus.PENDING_NEW;
                reporter.statusAnswer(pending.query, order, status, nowNs);
            }
            it.remove();
            work++;
        }
        return work;
    }

    void onCancelOrder(final CancelOrderDecoder decoder, final long nowNs)
    {
        scratch.set(decoder);
        final String clientOrderId = scratch.clientOrderId().toString();
        final TrackedOrder order = orders.get(clientOrderId);
        if (order == null)
        {
            final AccountSession session = sessions.get(scratch.account().toString());
            final QueuedOrder queued = session == null ? null : removeQueued(session, clientOrderId);
            if (queued != null)
            {
                reporter.canceledUnsent(queued.identity, "CANCELED: canceled before it was sent to " + config.venue(), nowNs);
                return;
            }
            reporter.cancelRejectUnknown(scratch, "CANCEL_REJECTED: no " + config.venue() + " order " + clientOrderId, nowNs);
            return;
        }
        if (order.terminalReported)
        {
            reporter.orderStatus(order, ExecType.CANCEL_REJECTED, order.finalStatus(),
                "CANCEL_REJECTED: order is already " + order.finalStatus(), nowNs);
            return;
        }
        order.cancelRequested = true;
        for (final Slice slice : order.slices)
        {
            if (slice.isWorking() && !slice.cancelSent)
            {
                cancelSlice(order, slice, nowNs);
            }
        }
        afterChange(order, nowNs);
    }

    void onAmendOrder(final AmendOrderDecoder amend, final long nowNs)
    {
        final int idOffset = amend.offset() + AmendOrderDecoder.clientOrderIdEncodingOffset();
        final String clientOrderId = amend.buffer().getStringWithoutLengthAscii(
            idOffset, Ascii.fixedLength(amend.buffer(), idOffset, AmendOrderDecoder.clientOrderIdLength()));
        final TrackedOrder order = orders.get(clientOrderId);
        if (order == null || order.terminalReported)
        {
            if (order != null)
            {
                reporter.orderStatus(order, ExecType.ORDER_STATUS, order.finalStatus(), "AMEND_REJECTED: order is done", nowNs);
            }
            return;
        }
        final Slice slice = order.slices.size() == 1 ? order.slices.get(0) : null;
        if (slice == null || order.spec == null || !slice.isWorking())
        {
            reporter.orderStatus(order, ExecType.ORDER_STATUS, currentStatus(order), slice == null ?
                "AMEND_REJECTED: a sliced order cannot be amended; cancel and place again" :
                "AMEND_REJECTED: the order is not working at " + config.venue() + " (or was recovered without its details)", nowNs);
            return;
        }
        final long quantity = amend.quantity() == AmendOrderDecoder.quantityNullValue() ? slice.quantity : amend.quantity();
        final long price = amend.price() == AmendOrderDecoder.priceNullValue() ? order.spec.price() : amend.price();
        final long trigger = amend.stopPrice() == AmendOrderDecoder.stopPriceNullValue() ? order.spec.triggerPrice() : amend.stopPrice();
        final OrderSpec amended = order.spec.amended(quantity, price, trigger);
        final String invalid = validate(amended.instrument(), order.spec.side(), order.spec.ordType(), TimeInForce.DAY, quantity, price, trigger);
        if (invalid != null)
        {
            reporter.orderStatus(order, ExecType.ORDER_STATUS, currentStatus(order), "AMEND_REJECTED: " + invalid, nowNs);
            return;
        }
        final AccountSession session = order.session;
        final String token = session.accessToken();
        session.throttle().submit(broker.modify(session, slice.orderId, slice.variety, amended), (result, now) ->
        {
            if (result.isOk())
            {
                order.spec = amended;
                slice.quantity = quantity;
                reporter.orderStatus(order, ExecType.ORDER_STATUS, currentStatus(order), "AMENDED: quantity " +
                    Fixed.toString(quantity) + " price " + Fixed.toString(price) + " trigger " + Fixed.toString(trigger), now);
                sessions.pollSoon(session, now);
            }
            else
            {
                reporter.orderStatus(order, ExecType.ORDER_STATUS, currentStatus(order), "AMEND_REJECTED: " + result.text(), now);
                if (result.failure() == FailureKind.SESSION_EXPIRED)
                {
                    sessions.onSessionExpired(session, result.text(), now, token);
                }
            }
        }, nowNs);
    }

    /**
     * Apply an order book (reconciliation or polling): update our orders by tag, adopt our orders the gateway does not
     * know (after a restart) during reconciliation, and count unknown places the book does not show.
     */
    void onOrderBook(final AccountSession session, final List<BrokerOrder> book, final boolean reconcile, final long submittedNs,
        final long nowNs)
    {
        final Set<String> seen = new HashSet<>();
        for (final BrokerOrder entry : book)
        {
            if (entry.tag() == null || entry.tag().isEmpty())
            {
                continue;
            }
            seen.add(entry.tag());
            final TrackedOrder order = locate(entry.tag());
            if (order != null)
            {
                if (order.session == session)
                {
                    apply(order, order.sliceByTag(entry.tag()), entry, nowNs);
                }
            }
            else if (reconcile && OUR_TAG.matcher(entry.tag()).matches())
            {
                recover(session, entry, nowNs);
            }
        }
        for (final TrackedOrder order : new ArrayList<>(open))
        {
            if (order.session != session)
            {
                continue;
            }
            for (final Slice slice : order.slices)
            {
                if (slice.state == Slice.State.UNKNOWN && !seen.contains(slice.tag) && submittedNs - slice.unknownSinceNs >= 0)
                {
                    miss(order, slice, nowNs);
                }
            }
        }
    }

    /**
     * An order update pushed by the broker (Kite postback).
     */
    void onPushedUpdate(final String account, final BrokerOrder update, final long nowNs)
    {
        final TrackedOrder order = update.tag() == null ? null : locate(update.tag());
        if (order != null && order.session.account().equals(account))
        {
            apply(order, order.sliceByTag(update.tag()), update, nowNs);
        }
    }

    void onSessionReady(final AccountSession session, final long nowNs)
    {
        drainQueued(session, nowNs);
        for (final TrackedOrder order : new ArrayList<>(open))
        {
            if (order.session == session)
            {
                afterChange(order, nowNs);
            }
        }
    }

    void onInstrumentsReady(final long nowNs)
    {
        for (final AccountSession session : sessions.all())
        {
            if (session.state == AccountSession.State.READY)
            {
                drainQueued(session, nowNs);
            }
        }
    }

    void onSessionLost(final AccountSession session, final String reason, final long nowNs)
    {
        QueuedOrder queued;
        while ((queued = session.queued().pollFirst()) != null)
        {
            reporter.reject(queued.identity, sessionExpired(session), nowNs);
        }
        for (final TrackedOrder order : new ArrayList<>(open))
        {
            if (order.session == session && order.nextToSend() != null && !order.placingStopped)
            {
                order.placingStopped = true;
                if (order.failureText == null)
                {
                    order.failureText = sessionExpired(session) + " (remaining slices not placed)";
                }
                afterChange(order, nowNs);
            }
        }
    }

    boolean hasWorkingOrders(final AccountSession session)
    {
        for (final TrackedOrder order : open)
        {
            if (order.session == session && (order.isWorking() || order.hasUnknownSlice()))
            {
                return true;
            }
        }
        return false;
    }

    int doWork(final long nowNs)
    {
        int work = 0;
        for (final AccountSession session : sessions.all())
        {
            work += expireWaiting(session, nowNs);
        }
        if (!engineQueries.isEmpty())
        {
            work += answerEngineQueries(nowNs);
        }
        for (final TrackedOrder order : new ArrayList<>(open))
        {
            for (final Slice slice : order.slices)
            {
                if (slice.state == Slice.State.UNKNOWN && !slice.lookupInFlight && nowNs - slice.nextLookupNs >= 0)
                {
                    work += lookup(order, slice, nowNs);
                }
            }
        }
        return work;
    }

    /**
     * A new trading day: forget finished orders (client order ids are unique per day).
     */
    void onNewTradingDay()
    {
        orders.values().removeIf((order) -> order.terminalReported && !open.contains(order));
    }

    /**
     * Add the canonical symbols of the orders not yet finished.
     */
    void openSymbols(final java.util.Set<String> into)
    {
        for (final TrackedOrder order : open)
        {
            if (order.spec != null)
            {
                into.add(order.spec.instrument().symbol());
            }
        }
    }

    /**
     * Orders not yet finished, for diagnostics and tests.
     */
    int openOrderCount()
    {
        return open.size();
    }

    private void place(final QueuedOrder queued, final AccountSession session, final long nowNs)
    {
        final String clientOrderId = queued.identity.clientOrderId().toString();
        if (orders.containsKey(clientOrderId))
        {
            // Reconciliation found this id at the broker while the order waited: it was placed by an earlier run.
            reporter.reject(queued.identity, "DUPLICATE_ORDER_ID: " + clientOrderId + " is already at " + config.venue() +
                "; not placed again", nowNs);
            return;
        }
        final InstrumentSnapshot snapshot = instruments.snapshot();
        final SymbolResolver.Resolution resolution =
            SymbolResolver.resolve(queued.identity.symbol().toString(), snapshot, instruments::referencePrice);
        if (!resolution.isKnown())
        {
            reporter.reject(queued.identity, resolution.error(), nowNs);
            return;
        }
        final Instrument instrument = resolution.instrument();
        final OrdType ordType = queued.ordType;
        final long price = ordType == OrdType.LIMIT || ordType == OrdType.STOP_LIMIT ? queued.priceOrNull() : Fixed.NULL;
        final long trigger = ordType == OrdType.STOP || ordType == OrdType.STOP_LIMIT ? queued.stopPriceOrNull() : Fixed.NULL;
        String invalid = CLIENT_ORDER_ID.matcher(clientOrderId).matches() ? null :
            "INVALID_ORDER: client order id " + clientOrderId + " must be 1-17 letters or digits to fit the broker's tag";
        if (invalid == null)
        {
            invalid = validate(instrument, queued.identity.side(), ordType, queued.timeInForce, queued.quantity, price, trigger);
        }
        if (invalid != null)
        {
            reporter.reject(queued.identity, invalid, nowNs);
            return;
        }
        final long maxPerOrder = maxPerOrder(instrument);
        final int sliceCount = maxPerOrder == Fixed.NULL || queued.quantity <= maxPerOrder ? 1 :
            (int)Math.min(Integer.MAX_VALUE, (queued.quantity + maxPerOrder - 1) / maxPerOrder);
        if (sliceCount > MAX_SLICES)
        {
            reporter.reject(queued.identity, "INVALID_ORDER: quantity " + Fixed.toString(queued.quantity) + " needs " + sliceCount +
                " orders of at most the freeze quantity " + Fixed.toString(maxPerOrder) + "; at most " + MAX_SLICES, nowNs);
            return;
        }
        final Product product = queued.product == Product.DEFAULT ? config.defaultProduct() : queued.product;
        final boolean amo = config.amoOutsideMarketHours() && !config.schedule().inside(nowNs, config.marketHours());
        final OrderSpec spec = new OrderSpec(instrument, queued.identity.side(), ordType, queued.timeInForce, queued.quantity,
            price, trigger, product, amo, clientOrderId);
        final TrackedOrder order = new TrackedOrder(queued.identity, session, spec);
        long remaining = queued.quantity;
        for (int i = 0; i < sliceCount; i++)
        {
            final long quantity = sliceCount == 1 ? remaining : Math.min(remaining, maxPerOrder);
            final String tag = sliceCount == 1 ? clientOrderId : clientOrderId + "S" + (i < 9 ? "0" : "") + (i + 1);
            order.slices.add(new Slice(i, tag, quantity));
            remaining -= quantity;
        }
        orders.put(clientOrderId, order);
        open.add(order);
        sendNext(order, nowNs);
    }

    private String validate(
        final Instrument instrument,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long quantity,
        final long price,
        final long trigger)
    {
        if (side != Side.BUY && side != Side.SELL)
        {
            return "INVALID_ORDER: side must be BUY or SELL";
        }
        if (quantity <= 0 || quantity % Fixed.SCALE != 0)
        {
            return "INVALID_ORDER: quantity " + Fixed.toString(quantity) + " must be a positive whole number of units";
        }
        final long lot = instrument.lotSize();
        if (lot != Fixed.NULL && lot > 0 && quantity % lot != 0)
        {
            return "INVALID_ORDER: quantity " + Fixed.toString(quantity) + " is not a multiple of the lot size " + Fixed.toString(lot) +
                " of " + instrument.symbol();
        }
        if (timeInForce == TimeInForce.FOK)
        {
            return "UNSUPPORTED: FOK; " + config.venue() + " orders are DAY or IOC";
        }
        if (ordType == null || ordType == OrdType.NULL_VAL)
        {
            return "INVALID_ORDER: order type must be MARKET, LIMIT, STOP (SL-M) or STOP_LIMIT (SL)";
        }
        if ((ordType == OrdType.LIMIT || ordType == OrdType.STOP_LIMIT) && (price == Fixed.NULL || price <= 0))
        {
            return "INVALID_ORDER: " + ordType + " needs a positive price";
        }
        if ((ordType == OrdType.STOP || ordType == OrdType.STOP_LIMIT) && (trigger == Fixed.NULL || trigger <= 0))
        {
            return "INVALID_ORDER: " + ordType + " needs a positive stop (trigger) price";
        }
        final long tick = instrument.tickSize();
        if (tick != Fixed.NULL && tick > 0)
        {
            if (price != Fixed.NULL && price % tick != 0)
            {
                return "INVALID_ORDER: price " + Fixed.toString(price) + " is not a multiple of the tick " + Fixed.toString(tick);
            }
            if (trigger != Fixed.NULL && trigger % tick != 0)
            {
                return "INVALID_ORDER: trigger " + Fixed.toString(trigger) + " is not a multiple of the tick " + Fixed.toString(tick);
            }
        }
        return null;
    }

    // The freeze quantity rounded down to whole lots; NULL when the instrument has none.
    private static long maxPerOrder(final Instrument instrument)
    {
        final long freeze = instrument.freezeQty();
        if (freeze == Fixed.NULL || freeze <= 0 || instrument.kind() == Instrument.Kind.EQ)
        {
            return Fixed.NULL;
        }
        final long lot = instrument.lotSize();
        final long max = lot != Fixed.NULL && lot > 0 ? freeze - freeze % lot : freeze;
        return max > 0 ? max : Fixed.NULL;
    }

    private void sendNext(final TrackedOrder order, final long nowNs)
    {
        if (order.placingStopped || order.cancelRequested || order.hasSliceInFlightOrUnknown())
        {
            return;
        }
        final Slice slice = order.nextToSend();
        if (slice == null)
        {
            return;
        }
        final AccountSession session = order.session;
        if (session.state == AccountSession.State.EXPIRED || session.accessToken() == null)
        {
            order.placingStopped = true;
            order.failureText = sessionExpired(session) + (slice.index > 0 ? " (remaining slices not placed)" : "");
            afterChange(order, nowNs);
            return;
        }
        final OrderSpec spec = sliceSpec(order, slice);
        final BrokerCall<PlaceAnswer> call;
        try
        {
            call = broker.place(session, spec);
        }
        catch (final RuntimeException ex)
        {
            fail(order, slice, "INVALID_ORDER: cannot build the " + config.venue() + " request: " + ex.getMessage());
            afterChange(order, nowNs);
            return;
        }
        slice.state = Slice.State.PLACING;
        slice.variety = broker.variety(spec);
        final String token = session.accessToken();
        session.throttle().submit(call, (result, now) -> onPlaced(order, slice, result, now, token), nowNs);
    }

    private void onPlaced(
        final TrackedOrder order, final Slice slice, final CallResult<PlaceAnswer> result, final long nowNs, final String token)
    {
        final AccountSession session = order.session;
        if (result.isOk())
        {
            final PlaceAnswer answer = result.value();
            if (slice.state == Slice.State.PLACING || slice.state == Slice.State.UNKNOWN)
            {
                slice.state = Slice.State.PLACED;
            }
            if (slice.orderId == null)
            {
                slice.orderId = answer.orderId();
            }
            if (answer.status() != null && answer.status().isTerminal() && !slice.status.isTerminal())
            {
                slice.status = answer.status();
                slice.message = answer.message();
            }
            setVenueOrderId(order);
            if (order.cancelRequested && slice.isWorking() && !slice.cancelSent)
            {
                cancelSlice(order, slice, nowNs);
            }
            sessions.pollSoon(session, nowNs);
        }
        else if (slice.state == Slice.State.PLACING)
        {
            switch (result.failure())
            {
                case SESSION_EXPIRED:
                    fail(order, slice, "SESSION_EXPIRED: " + config.venue() + " account " + session.account() + ": " + result.text());
                    sessions.onSessionExpired(session, result.text(), nowNs, token);
                    break;
                case REJECTED:
                case NOT_FOUND:
                    fail(order, slice, "BROKER_REJECTED: " + result.text());
                    break;
                case RATE_LIMITED:
                    fail(order, slice, "RATE_LIMITED: " + result.text() + "; not retried");
                    break;
                case NOT_SENT:
                    fail(order, slice, "BROKER_UNREACHABLE: " + result.text());
                    sessions.onConnectionFailure(session, result.text(), nowNs);
                    break;
                default:
                    sessions.onConnectionFailure(session, result.text(), nowNs);
                    slice.state = Slice.State.UNKNOWN;
                    slice.message = result.text();
                    slice.unknownSinceNs = nowNs;
                    slice.nextLookupNs = nowNs + config.resolveIntervalNs();
                    slice.misses = 0;
                    if (!order.newReported)
                    {
                        reporter.orderStatus(order, ExecType.ORDER_STATUS, OrdStatus.UNKNOWN, "PLACE_UNKNOWN: " + result.text() +
                            "; resolving by tag " + slice.tag + ", never resent", nowNs);
                    }
                    break;
            }
        }
        afterChange(order, nowNs);
    }

    private int lookup(final TrackedOrder order, final Slice slice, final long nowNs)
    {
        final AccountSession session = order.session;
        if (session.accessToken() == null || session.state == AccountSession.State.EXPIRED ||
            session.state == AccountSession.State.LOGGING_IN)
        {
            return 0;
        }
        slice.lookupInFlight = true;
        final long submittedNs = nowNs;
        final String token = session.accessToken();
        session.throttle().submit(broker.lookup(session, slice.tag), (result, now) ->
        {
            slice.lookupInFlight = false;
            slice.nextLookupNs = now + config.resolveIntervalNs();
            if (result.isOk())
            {
                BrokerOrder found = null;
                for (final BrokerOrder entry : result.value())
                {
                    if (slice.tag.equals(entry.tag()))
                    {
                        found = entry;
                    }
                }
                if (found != null)
                {
                    apply(order, slice, found, now);
                }
                else if (slice.state == Slice.State.UNKNOWN && submittedNs - slice.unknownSinceNs >= 0)
                {
                    miss(order, slice, now);
                }
            }
            else if (result.failure() == FailureKind.NOT_FOUND)
            {
                if (slice.state == Slice.State.UNKNOWN)
                {
                    miss(order, slice, now);
                }
            }
            else if (result.failure() == FailureKind.SESSION_EXPIRED)
            {
                sessions.onSessionExpired(session, result.text(), now, token);
            }
        }, nowNs);
        return 1;
    }

    private void miss(final TrackedOrder order, final Slice slice, final long nowNs)
    {
        slice.misses++;
        if (slice.misses >= config.resolveAttempts())
        {
            fail(order, slice, "PLACE_UNCONFIRMED: no order tagged " + slice.tag + " at " + config.venue() + " after " + slice.misses +
                " lookups following '" + slice.message + "'; not resent");
            afterChange(order, nowNs);
        }
    }

    private void apply(final TrackedOrder order, final Slice slice, final BrokerOrder entry, final long nowNs)
    {
        if (slice == null)
        {
            return;
        }
        if (slice.state != Slice.State.PLACED)
        {
            // A place we thought failed or unknown is at the broker after all: it is the truth from now on.
            slice.state = Slice.State.PLACED;
            if (order.failureText != null && order.failureText.startsWith("PLACE_UNCONFIRMED"))
            {
                order.failureText = null;
            }
        }
        if (slice.orderId == null)
        {
            slice.orderId = entry.orderId();
        }
        if (entry.variety() != null && !entry.variety().isEmpty())
        {
            slice.variety = entry.variety();
        }
        if (!slice.status.isTerminal())
        {
            slice.status = entry.status();
        }
        if (entry.filledQty() != Fixed.NULL && entry.filledQty() >= slice.filledQty)
        {
            slice.filledQty = entry.filledQty();
            slice.avgPrice = entry.avgPrice() == Fixed.NULL ? 0 : entry.avgPrice();
        }
        if (entry.message() != null && !entry.message().isEmpty())
        {
            slice.message = entry.message();
        }
        setVenueOrderId(order);
        if (order.cancelRequested && slice.isWorking() && !slice.cancelSent)
        {
            cancelSlice(order, slice, nowNs);
        }
        afterChange(order, nowNs);
    }

    private void recover(final AccountSession session, final BrokerOrder entry, final long nowNs)
    {
        final String tag = entry.tag();
        final String clientOrderId = tag.length() > 13 ? tag.substring(0, 13) : tag;
        TrackedOrder order = orders.get(clientOrderId);
        if (order == null)
        {
            final InstrumentSnapshot snapshot = instruments.snapshot();
            // Tokens are unique; some brokers' symbols are not (Dhan's weekly options share a symbol per month).
            Instrument instrument = entry.venueToken() == null || entry.venueToken().isEmpty() ? null :
                snapshot.byVenueToken(entry.venueToken());
            if (instrument == null)
            {
                instrument = snapshot.byVenueSymbol(entry.venueSymbol());
            }
            scratch.clear();
            scratch.clientOrderId().set(clientOrderId);
            scratch.account().set(session.account());
            scratch.venue().set(config.venue());
            scratch.symbol().set(instrument != null ? instrument.symbol() : entry.venueSymbol());
            scratch.side(entry.side());
            order = new TrackedOrder(scratch, session, null);
            order.placingStopped = true;
            orders.put(clientOrderId, order);
            open.add(order);
        }
        else if (order.session != session)
        {
            return;
        }
        Slice slice = order.sliceByTag(tag);
        if (slice == null)
        {
            slice = new Slice(order.slices.size(), tag, entry.quantity());
            slice.state = Slice.State.PLACED;
            order.slices.add(slice);
            if (order.terminalReported)
            {
                order.terminalReported = false;
                if (!open.contains(order))
                {
                    open.add(order);
                }
            }
        }
        apply(order, slice, entry, nowNs);
    }

    private void cancelSlice(final TrackedOrder order, final Slice slice, final long nowNs)
    {
        final AccountSession session = order.session;
        slice.cancelSent = true;
        final String token = session.accessToken();
        session.throttle().submit(broker.cancel(session, slice.orderId, slice.variety), (result, now) ->
        {
            sessions.pollSoon(session, now);
            if (result.isOk())
            {
                return;
            }
            slice.cancelSent = false;
            final String code = result.failure() == FailureKind.SESSION_EXPIRED ? "SESSION_EXPIRED: " :
                result.failure() == FailureKind.REJECTED ? "CANCEL_REJECTED: " : "CANCEL_UNCONFIRMED: ";
            reporter.orderStatus(order, ExecType.CANCEL_REJECTED, currentStatus(order), code + result.text(), now);
            if (result.failure() == FailureKind.SESSION_EXPIRED)
            {
                sessions.onSessionExpired(session, result.text(), now, token);
            }
        }, nowNs);
    }

    /**
     * Report what changed about an order as a whole (NEW, fills, final status), then place its next slice.
     */
    private void afterChange(final TrackedOrder order, final long nowNs)
    {
        if (!order.newReported && isAcknowledged(order))
        {
            order.newReported = true;
            reporter.orderStatus(order, ExecType.NEW, OrdStatus.NEW, order.slices.size() > 1 ?
                "sliced into " + order.slices.size() + " orders at the freeze quantity" : "", nowNs);
        }
        final long cum = order.cumQty();
        if (cum > order.reportedCumQty)
        {
            final long notional = order.notional();
            final long lastQty = cum - order.reportedCumQty;
            final long lastPrice = Fixed.mulDiv(notional - order.reportedNotional, Fixed.SCALE, lastQty);
            final long avgPrice = Fixed.mulDiv(notional, Fixed.SCALE, cum);
            final OrdStatus status = cum >= order.quantity() ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
            final String orderId = order.firstOrderId();
            final String tradeId = (orderId == null ? order.clientOrderId() : orderId) + "-" + Fixed.toString(cum);
            reporter.trade(order, lastQty, lastPrice, cum, avgPrice, status, tradeId.length() > 32 ? tradeId.substring(0, 32) : tradeId, nowNs);
            order.reportedCumQty = cum;
            order.reportedNotional = notional;
            order.terminalReported |= status == OrdStatus.FILLED;
        }
        if (order.isDone())
        {
            if (!order.terminalReported)
            {
                order.terminalReported = true;
                final OrdStatus status = order.finalStatus();
                final ExecType execType = status == OrdStatus.REJECTED ? ExecType.REJECTED :
                    status == OrdStatus.EXPIRED ? ExecType.EXPIRED : ExecType.CANCELED;
                reporter.orderStatus(order, execType, status, terminalText(order), nowNs);
            }
            open.remove(order);
        }
        else
        {
            sendNext(order, nowNs);
        }
    }

    private static boolean isAcknowledged(final TrackedOrder order)
    {
        for (final Slice slice : order.slices)
        {
            if (slice.state == Slice.State.PLACED && (slice.status != BrokerStatus.REJECTED || slice.filledQty > 0))
            {
                return true;
            }
        }
        return false;
    }

    private String terminalText(final TrackedOrder order)
    {
        if (order.failureText != null)
        {
            return order.failureText;
        }
        for (final Slice slice : order.slices)
        {
            if (slice.status == BrokerStatus.REJECTED)
            {
                return "BROKER_REJECTED: " + (order.slices.size() > 1 ? "slice " + (slice.index + 1) + ": " : "") + slice.message;
            }
        }
        for (final Slice slice : order.slices)
        {
            if (slice.status.isTerminal() && !slice.message.isEmpty())
            {
                return slice.status + ": " + slice.message;
            }
        }
        return "";
    }

    private void fail(final TrackedOrder order, final Slice slice, final String text)
    {
        slice.state = Slice.State.FAILED;
        slice.message = text;
        order.placingStopped = true;
        if (order.failureText == null || order.failureText.startsWith("PLACE_UNCONFIRMED"))
        {
            order.failureText = order.slices.size() > 1 ?
                text + " (slice " + (slice.index + 1) + " of " + order.slices.size() + "; later slices not placed)" : text;
        }
    }

    private static OrdStatus currentStatus(final TrackedOrder order)
    {
        if (order.terminalReported)
        {
            return order.finalStatus();
        }
        if (order.reportedCumQty > 0)
        {
            return OrdStatus.PARTIALLY_FILLED;
        }
        if (order.newReported)
        {
            return OrdStatus.NEW;
        }
        return order.hasSliceInFlightOrUnknown() ? OrdStatus.UNKNOWN : OrdStatus.PENDING_NEW;
    }

    private static void setVenueOrderId(final TrackedOrder order)
    {
        if (order.identity.venueOrderId().length() == 0)
        {
            final String orderId = order.firstOrderId();
            if (orderId != null)
            {
                order.identity.venueOrderId().set(orderId);
            }
        }
    }

    private static OrderSpec sliceSpec(final TrackedOrder order, final Slice slice)
    {
        final OrderSpec spec = order.spec;
        return new OrderSpec(spec.instrument(), spec.side(), spec.ordType(), spec.timeInForce(), slice.quantity, spec.price(),
            spec.triggerPrice(), spec.product(), spec.amo(), slice.tag);
    }

    private TrackedOrder locate(final String tag)
    {
        TrackedOrder order = orders.get(tag);
        if (order != null && order.sliceByTag(tag) != null)
        {
            return order;
        }
        final int length = tag.length();
        if (length > 3 && tag.charAt(length - 3) == 'S' && Character.isDigit(tag.charAt(length - 2)) &&
            Character.isDigit(tag.charAt(length - 1)))
        {
            order = orders.get(tag.substring(0, length - 3));
            if (order != null && order.sliceByTag(tag) != null)
            {
                return order;
            }
        }
        return null;
    }

    private void drainQueued(final AccountSession session, final long nowNs)
    {
        while (!session.queued().isEmpty() && session.state == AccountSession.State.READY && instruments.isReady(nowNs))
        {
            place(session.queued().pollFirst(), session, nowNs);
        }
    }

    private int expireWaiting(final AccountSession session, final long nowNs)
    {
        int work = 0;
        final ArrayDeque<QueuedOrder> queue = session.queued();
        while (!queue.isEmpty() && nowNs - queue.peekFirst().receivedNs >= config.readyTimeoutNs())
        {
            final QueuedOrder queued = queue.pollFirst();
            reporter.reject(queued.identity, "NOT_READY: " + config.venue() + " account " + session.account() + " not ready after " +
                config.readyTimeoutNs() / 1_000_000 + " ms (" + waitReason(session, nowNs) + ")", nowNs);
            work++;
        }
        return work;
    }

    private String waitReason(final AccountSession session, final long nowNs)
    {
        if (session.state != AccountSession.State.READY)
        {
            return session.state + (session.reason.isEmpty() ? "" : ": " + session.reason);
        }
        final String failure = instruments.failure();
        return "INSTRUMENTS_UNAVAILABLE: " + (failure.isEmpty() ? "instrument sync in progress" : failure);
    }

    private String sessionExpired(final AccountSession session)
    {
        return "SESSION_EXPIRED: " + config.venue() + " account " + session.account() + ": " + session.reason;
    }

    private static boolean isQueued(final AccountSession session, final String clientOrderId)
    {
        for (final QueuedOrder queued : session.queued())
        {
            if (queued.identity.clientOrderId().toString().equals(clientOrderId))
            {
                return true;
            }
        }
        return false;
    }

    private static QueuedOrder removeQueued(final AccountSession session, final String clientOrderId)
    {
        final Iterator<QueuedOrder> iterator = session.queued().iterator();
        while (iterator.hasNext())
        {
            final QueuedOrder queued = iterator.next();
            if (queued.identity.clientOrderId().toString().equals(clientOrderId))
            {
                iterator.remove();
                return queued;
            }
        }
        return null;
    }
}
