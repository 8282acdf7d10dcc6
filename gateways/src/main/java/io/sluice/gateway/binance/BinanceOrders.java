package io.sluice.gateway.binance;

import io.sluice.gateway.Execution;
import io.sluice.gateway.ReportPublisher;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gateway's book of Binance orders and the one place that turns venue observations into ExecutionReports.
 * <p>
 * Rules that keep the engine's view exact whatever order the venue's messages arrive in:
 * <ul>
 * <li>A fill is reported once per trade id; a fill whose cumulative quantity ({@code z}) a status snapshot already
 *     covered is dropped. Fills are reported with the gateway's own running cumulative quantity, so the engine
 *     always sees it grow; the average price is the venue's {@code Z/z} whenever everything up to {@code z} has
 *     been counted, else the running sum of {@code l·L}.</li>
 * <li>A status snapshot (order.status, openOrders, after a lost answer or a reconnect) that shows more filled than
 *     reported is reported as one TRADE for the difference (no trade id), at the average price of the difference.</li>
 * <li>A terminal event (CANCELED, EXPIRED) that shows fills not yet seen waits a grace period for them; if they do
 *     not come, the order is queried and the snapshot rule applies. The engine never sees a fill after a terminal.</li>
 * <li>An order whose place outcome was lost is reported ORDER_STATUS / UNKNOWN and resolved by order.status with its
 *     client order id; it is never resent.</li>
 * </ul>
 * Agent thread only.
 */
final class BinanceOrders
{
    private static final int DONE_RETAINED = 4096;

    private final Map<String, TrackedOrder> orders = new HashMap<>();
    private final ArrayList<TrackedOrder> doneOrder = new ArrayList<>();
    private final Execution execution = new Execution();
    private final String venueName;
    private final String account;
    private final long terminalGraceNs;
    private ReportPublisher publisher;

    private long duplicateFills;
    private long staleFills;
    private long reports;

    BinanceOrders(final String venueName, final String account, final long terminalGraceNs)
    {
        this.venueName = venueName;
        this.account = account;
        this.terminalGraceNs = terminalGraceNs;
    }

    void publisher(final ReportPublisher publisher)
    {
        this.publisher = publisher;
    }

    TrackedOrder get(final String clientOrderId)
    {
        return orders.get(clientOrderId);
    }

    void add(final TrackedOrder order)
    {
        orders.put(order.clientOrderId, order);
    }

    /**
     * Orders the engine may still expect reports about.
     *
     * @return a snapshot list.
     */
    List<TrackedOrder> openOrders()
    {
        final List<TrackedOrder> open = new ArrayList<>();
        for (final TrackedOrder order : orders.values())
        {
            if (order.isOpen())
            {
                open.add(order);
            }
        }
        return open;
    }

    /**
     * An order first seen at the venue (reconciliation, a pushed event): track it under the configured account.
     *
     * @param event what the venue said.
     * @return the new order.
     */
    TrackedOrder adopt(final OrderEvent event)
    {
        final TrackedOrder order = new TrackedOrder();
        order.clientOrderId = event.clientOrderId;
        order.symbol = event.symbol;
        order.identity.clear();
        order.identity.clientOrderId().set(event.clientOrderId);
        order.identity.account().set(account);
        order.identity.venue().set(venueName);
        order.identity.symbol().set(event.symbol);
        order.identity.side(event.side);
        order.ordType = event.ordType;
        order.quantity = event.quantity;
        order.price = event.price;
        order.positionSide = event.positionSide;
        order.stage = TrackedOrder.Stage.LIVE;
        orders.put(order.clientOrderId, order);
        return order;
    }

    // ----- answers to this gateway's own requests -----

    /**
     * order.place was accepted: the order exists at the venue.
     *
     * @param order        the order.
     * @param venueOrderId Binance orderId.
     * @param nowNs        time now.
     */
    void onPlaceAccepted(final TrackedOrder order, final String venueOrderId, final long nowNs)
    {
        setVenueOrderId(order, venueOrderId);
        if (order.stage == TrackedOrder.Stage.SENT || order.stage == TrackedOrder.Stage.UNKNOWN)
        {
            final boolean wasUnknown = order.stage == TrackedOrder.Stage.UNKNOWN;
            order.stage = TrackedOrder.Stage.LIVE;
            if (!order.acknowledged)
            {
                order.acknowledged = true;
                if (wasUnknown)
                {
                    report(order, ExecType.ORDER_STATUS, OrdStatus.NEW, "resolved: accepted by venue", nowNs);
                }
                else
                {
                    report(order, ExecType.NEW, OrdStatus.NEW, "", nowNs);
                }
            }
        }
    }

    /**
     * The venue refused the order (or the gateway did, before sending): it does not exist.
     *
     * @param order the order.
     * @param text  reason, e.g. "binance -1013: Filter failure: LOT_SIZE".
     * @param nowNs time now.
     */
    void onRejected(final TrackedOrder order, final String text, final long nowNs)
    {
        if (order.stage == TrackedOrder.Stage.DONE)
        {
            return;
        }
        markDone(order, nowNs);
        report(order, ExecType.REJECTED, OrdStatus.REJECTED, text, nowNs);
    }

    /**
     * A held order was canceled before it was sent: it never reached the venue.
     *
     * @param order the order.
     * @param nowNs time now.
     */
    void onCanceledUnsent(final TrackedOrder order, final long nowNs)
    {
        markDone(order, nowNs);
        report(order, ExecType.CANCELED, OrdStatus.CANCELED, "canceled before it was sent", nowNs);
    }

    /**
     * The answer to order.place was lost (timeout, -1007, 5xx, broken connection): report UNKNOWN once and query.
     *
     * @param order the order.
     * @param text  what happened.
     * @param nowNs time now.
     */
    void onUnknown(final TrackedOrder order, final String text, final long nowNs)
    {
        if (order.stage != TrackedOrder.Stage.SENT)
        {
            return;
        }
        order.stage = TrackedOrder.Stage.UNKNOWN;
        order.statusQueryAtNs = nowNs;
        report(order, ExecType.ORDER_STATUS, OrdStatus.UNKNOWN, text, nowNs);
    }

    /**
     * A cancel was refused (e.g. -2011 unknown order): tell the engine, then check the order's real state.
     *
     * @param order the order.
     * @param text  reason.
     * @param nowNs time now.
     */
    void onCancelRejected(final TrackedOrder order, final String text, final long nowNs)
    {
        order.cancelInFlight = false;
        order.cancelWanted = false;
        report(order, ExecType.CANCEL_REJECTED, order.status == OrdStatus.NULL_VAL ? OrdStatus.NEW : order.status, text, nowNs);
        order.statusQueryAtNs = nowNs;
    }

    /**
     * order.status found no such order.
     *
     * @param order       the order.
     * @param neverPlaced true when the place request can no longer execute (its recvWindow has passed).
     * @param nowNs       time now.
     * @return true when the order is settled, false when it should be queried again later.
     */
    boolean onNotFound(final TrackedOrder order, final boolean neverPlaced, final long nowNs)
    {
        if (order.stage == TrackedOrder.Stage.UNKNOWN || order.stage == TrackedOrder.Stage.SENT)
        {
            if (!neverPlaced)
            {
                return false;
            }
            onRejected(order, "not at the venue after an unknown outcome; its recvWindow has passed, so it never will be",
                nowNs);
            return true;
        }
        if (order.stage != TrackedOrder.Stage.DONE)
        {
            report(order, ExecType.ORDER_STATUS, OrdStatus.UNKNOWN, "venue has no such order", nowNs);
        }
        return true;
    }

    // ----- venue observations -----

    /**
     * A pushed order event (spot executionReport, futures ORDER_TRADE_UPDATE).
     *
     * @param event the parsed event.
     * @param nowNs time now.
     */
    void onEvent(final OrderEvent event, final long nowNs)
    {
        TrackedOrder order = orders.get(event.clientOrderId);
        if (order == null)
        {
            order = adopt(event);
        }
        setVenueOrderId(order, event.venueOrderId);
        if (order.quantity <= 0 && event.quantity > 0)
        {
            order.quantity = event.quantity;
        }
        switch (event.execType)
        {
            case "NEW":
                if (order.stage == TrackedOrder.Stage.SENT || order.stage == TrackedOrder.Stage.UNKNOWN ||
                    (order.stage == TrackedOrder.Stage.LIVE && !order.acknowledged))
                {
                    onPlaceAccepted(order, event.venueOrderId, nowNs);
                }
                break;
            case "TRADE":
                acknowledgeSilently(order);
                onTrade(order, event, nowNs);
                break;
            case "CANCELED":
            case "EXPIRED":
            case "TRADE_PREVENTION":
            case "REJECTED":
            {
                acknowledgeSilently(order);
                final OrdStatus terminal = "REJECTED".equals(event.execType) ? OrdStatus.REJECTED :
                    "CANCELED".equals(event.execType) ? OrdStatus.CANCELED : OrdStatus.EXPIRED;
                final String text = event.rejectReason.isEmpty() || "NONE".equals(event.rejectReason) ? "" : event.rejectReason;
                onTerminal(order, terminal, event.cumQty, text, nowNs);
                break;
            }
            default:
                break;
        }
    }

    /**
     * A status snapshot of an order (order.status, openOrders, a cancel reply during reconciliation).
     *
     * @param order the order, or null to adopt one first seen now.
     * @param event the parsed snapshot.
     * @param nowNs time now.
     * @return the order.
     */
    TrackedOrder onSnapshot(final TrackedOrder order, final OrderEvent event, final long nowNs)
    {
        final boolean adopted = order == null;
        final TrackedOrder target = adopted ? adopt(event) : order;
        if (target.stage == TrackedOrder.Stage.DONE)
        {
            return target;
        }
        setVenueOrderId(target, event.venueOrderId);
        if (target.quantity <= 0 && event.quantity > 0)
        {
            target.quantity = event.quantity;
        }
        final boolean wasUnsettled = target.stage == TrackedOrder.Stage.UNKNOWN || target.stage == TrackedOrder.Stage.SENT;
        if (event.cumQty > target.cumQty)
        {
            final long lastQty = event.cumQty - target.cumQty;
            final long quoteDelta = event.cumQuote - target.cumQuote;
            final long lastPrice = quoteDelta > 0 ? Fixed.mulDiv(quoteDelta, Fixed.SCALE, lastQty) : event.price;
            target.cumQty = event.cumQty;
            target.cumQuote = event.cumQuote;
            target.acknowledged = true;
            target.stage = TrackedOrder.Stage.LIVE;
            final OrdStatus status = filledStatus(target);
            if (status == OrdStatus.FILLED)
            {
                markDone(target, nowNs);
            }
            fill(target, status, lastQty, lastPrice, -1, Fixed.NULL, "", "fill found by order status", nowNs);
        }
        target.syncedCum = Math.max(target.syncedCum, event.cumQty);
        target.maxEventCum = Math.max(target.maxEventCum, event.cumQty);

        final OrdStatus venueStatus = OrderEvent.ordStatus(event.status);
        switch (venueStatus)
        {
            case NEW:
            case PARTIALLY_FILLED:
                target.acknowledged = true;
                if (target.stage != TrackedOrder.Stage.DONE)
                {
                    target.stage = TrackedOrder.Stage.LIVE;
                    final OrdStatus live = target.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
                    if (adopted || wasUnsettled || target.status != live)
                    {
                        report(target, ExecType.ORDER_STATUS, live,
                            adopted ? "open at venue" : wasUnsettled ? "resolved by order status" : "status from venue", nowNs);
                    }
                }
                break;
            case FILLED:
                if (target.stage != TrackedOrder.Stage.DONE)
                {
                    markDone(target, nowNs);
                    report(target, ExecType.ORDER_STATUS, OrdStatus.FILLED, "filled at venue", nowNs);
                }
                break;
            case CANCELED:
            case EXPIRED:
            case REJECTED:
                if (target.stage != TrackedOrder.Stage.DONE)
                {
                    target.terminalDeadlineNs = 0;
                    markDone(target, nowNs);
                    report(target, terminalExecType(venueStatus), venueStatus, "status from venue", nowNs);
                }
                break;
            default:
                break;
        }
        return target;
    }

    private void onTrade(final TrackedOrder order, final OrderEvent event, final long nowNs)
    {
        if (event.tradeId >= 0 && !order.tradeIds.add(event.tradeId))
        {
            duplicateFills++;
            return;
        }
        if (event.cumQty <= order.syncedCum || event.lastQty <= 0 || order.stage == TrackedOrder.Stage.DONE)
        {
            staleFills++;
            return;
        }
        order.cumQty += event.lastQty;
        // Z is exact for what was counted only when this trade is the venue's latest so far and the counts agree:
        // then every earlier trade, and nothing later, has been counted.
        final boolean latest = event.cumQty >= order.maxEventCum;
        order.maxEventCum = Math.max(order.maxEventCum, event.cumQty);
        if (latest && event.cumQty == order.cumQty && event.cumQuote > 0)
        {
            order.cumQuote = event.cumQuote;
        }
        else
        {
            order.cumQuote += Fixed.multiply(event.lastQty, event.lastPrice);
        }
        final OrdStatus status = filledStatus(order);
        if (status == OrdStatus.FILLED)
        {
            markDone(order, nowNs);
        }
        fill(order, status, event.lastQty, event.lastPrice, event.tradeId, event.commission, event.commissionAsset, "", nowNs);
        if (order.terminalDeadlineNs != 0 && order.cumQty >= order.terminalWaitCum && order.stage != TrackedOrder.Stage.DONE)
        {
            final OrdStatus terminal = order.terminalStatus;
            order.terminalDeadlineNs = 0;
            markDone(order, nowNs);
            report(order, terminalExecType(terminal), terminal, order.terminalText, nowNs);
        }
    }

    /**
     * The order ended at the venue (CANCELED, EXPIRED, REJECTED); held back while fills it counted are missing.
     *
     * @param order    the order.
     * @param terminal its final status.
     * @param venueCum cumulative quantity the venue reported with it.
     * @param text     reason text.
     * @param nowNs    time now.
     */
    void onTerminal(
        final TrackedOrder order, final OrdStatus terminal, final long venueCum, final String text, final long nowNs)
    {
        if (order.stage == TrackedOrder.Stage.DONE)
        {
            return;
        }
        order.cancelInFlight = false;
        if (venueCum > order.cumQty)
        {
            order.terminalStatus = terminal;
            order.terminalWaitCum = Math.max(order.terminalWaitCum, venueCum);
            order.terminalText = text;
            if (order.terminalDeadlineNs == 0)
            {
                // The first sighting starts the grace period; later sightings (reply and event) never extend it.
                order.terminalDeadlineNs = nowNs + terminalGraceNs;
            }
            return;
        }
        markDone(order, nowNs);
        report(order, terminalExecType(terminal), terminal, text, nowNs);
    }

    /**
     * Orders whose terminal event is still waiting for fills after the grace period: they need an order.status.
     *
     * @param nowNs time now.
     */
    void expireTerminalWaits(final long nowNs)
    {
        for (final TrackedOrder order : orders.values())
        {
            if (order.terminalDeadlineNs != 0 && nowNs - order.terminalDeadlineNs >= 0)
            {
                order.terminalDeadlineNs = 0;
                order.statusQueryAtNs = nowNs;
            }
        }
    }

    /**
     * Forget the oldest terminal orders beyond the retained number (late duplicates of them are then adopted and
     * reported again only if the venue still calls them open).
     */
    void evictDone()
    {
        if (doneOrder.size() <= DONE_RETAINED)
        {
            return;
        }
        final int excess = doneOrder.size() - DONE_RETAINED;
        final Iterator<TrackedOrder> it = doneOrder.iterator();
        for (int i = 0; i < excess && it.hasNext(); i++)
        {
            final TrackedOrder order = it.next();
            if (orders.get(order.clientOrderId) == order && order.stage == TrackedOrder.Stage.DONE)
            {
                orders.remove(order.clientOrderId);
            }
            it.remove();
        }
    }

    private void acknowledgeSilently(final TrackedOrder order)
    {
        if (order.stage == TrackedOrder.Stage.SENT || order.stage == TrackedOrder.Stage.UNKNOWN)
        {
            order.stage = TrackedOrder.Stage.LIVE;
        }
        order.acknowledged = true;
    }

    private void markDone(final TrackedOrder order, final long nowNs)
    {
        if (order.stage != TrackedOrder.Stage.DONE)
        {
            order.stage = TrackedOrder.Stage.DONE;
            order.doneAtNs = nowNs;
            order.cancelWanted = false;
            order.statusQueryAtNs = 0;
            doneOrder.add(order);
        }
    }

    private static OrdStatus filledStatus(final TrackedOrder order)
    {
        return order.quantity > 0 && order.cumQty >= order.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
    }

    private static ExecType terminalExecType(final OrdStatus status)
    {
        switch (status)
        {
            case CANCELED:
                return ExecType.CANCELED;
            case REJECTED:
                return ExecType.REJECTED;
            default:
                return ExecType.EXPIRED;
        }
    }

    private static void setVenueOrderId(final TrackedOrder order, final String venueOrderId)
    {
        if (venueOrderId != null && !venueOrderId.isEmpty() && order.identity.venueOrderId().length() == 0)
        {
            order.identity.venueOrderId().set(venueOrderId);
        }
    }

    /**
     * Report the order's current state without a fill.
     *
     * @param order    the order.
     * @param execType what happened.
     * @param status   status after it.
     * @param text     reason text, may be empty.
     * @param nowNs    time now.
     */
    void report(final TrackedOrder order, final ExecType execType, final OrdStatus status, final String text, final long nowNs)
    {
        if (status != OrdStatus.UNKNOWN)
        {
            order.status = status;
        }
        execution.reset(order.identity)
            .execType(execType)
            .ordStatus(status)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty())
            .avgPrice(order.avgPrice())
            .text(text);
        publish(nowNs);
    }

    /**
     * Answer the engine's reconciliation question with the order's settled state.
     *
     * @param query  the question.
     * @param order  the tracked order.
     * @param status its status to report.
     * @param nowNs  time now.
     */
    void answer(final io.sluice.gateway.OrderStatusQuery query, final TrackedOrder order, final OrdStatus status, final long nowNs)
    {
        query.answer(execution, status, order.cumQty, order.avgPrice()).order().venueOrderId().set(order.identity.venueOrderId());
        publish(nowNs);
    }

    /**
     * Tell the engine the venue does not know the order it asked about.
     *
     * @param query the question.
     * @param nowNs time now.
     */
    void notFound(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        query.notFound(execution);
        publish(nowNs);
    }

    private void fill(
        final TrackedOrder order,
        final OrdStatus status,
        final long lastQty,
        final long lastPrice,
        final long tradeId,
        final long commission,
        final String commissionAsset,
        final String text,
        final long nowNs)
    {
        order.status = status;
        execution.reset(order.identity)
            .execType(ExecType.TRADE)
            .ordStatus(status)
            .lastQty(lastQty)
            .lastPrice(lastPrice)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty())
            .avgPrice(order.avgPrice())
            .commission(commission)
            .text(text);
        if (tradeId >= 0)
        {
            execution.tradeId().set("", tradeId);
        }
        execution.commissionAsset().set(commissionAsset);
        publish(nowNs);
    }

    private void publish(final long nowNs)
    {
        reports++;
        if (publisher != null)
        {
            publisher.executionReport(execution, nowNs);
        }
    }

    long duplicateFills()
    {
        return duplicateFills;
    }

    long staleFills()
    {
        return staleFills;
    }

    long reports()
    {
        return reports;
    }

    int size()
    {
        return orders.size();
    }
}
