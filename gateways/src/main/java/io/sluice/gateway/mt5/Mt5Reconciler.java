package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.sbe.ExecType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the gateway's view of an account in line with a terminal snapshot (at start, after every reconnect, and
 * whenever an order's outcome is unknown), reporting each difference as an ExecutionReport: deals not yet
 * reported become fills, resting orders it did not know are announced, orders that ended at the terminal end
 * here, and orders whose request was lost but that the terminal never saw are rejected. Orders, deals and
 * positions are matched by this account's magic and by the client order id carried in their comment.
 */
final class Mt5Reconciler
{
    private static final Comparator<JsonNode> BY_TIME_THEN_TICKET = Comparator
        .comparingLong((JsonNode deal) -> BridgeJson.longValue(deal, "time_msc"))
        .thenComparingLong((deal) -> BridgeJson.longValue(deal, "ticket"));

    private final Mt5Book book;
    private final Mt5Trading trading;
    private final Mt5Reporter reporter;

    Mt5Reconciler(final Mt5Book book, final Mt5Trading trading, final Mt5Reporter reporter)
    {
        this.book = book;
        this.trading = trading;
        this.reporter = reporter;
    }

    /**
     * Apply a snapshot reply.
     *
     * @param snapshot          the {@code rep} of a snapshot command.
     * @param publishReferences true to publish InstrumentDefinitions (after a connect) as well.
     * @param nowNs             gateway time.
     * @return one line saying what was found, for the gateway status.
     */
    String apply(final JsonNode snapshot, final boolean publishReferences, final long nowNs)
    {
        applyAccount(snapshot.path("account"), nowNs);
        applySymbols(snapshot.path("symbols"), publishReferences, nowNs);
        book.replacePositions(snapshot.path("positions"));

        final Set<Mt5Order> resting = new HashSet<>();
        int pendingCount = 0;
        for (final JsonNode pending : snapshot.path("orders"))
        {
            if (book.isOurs(BridgeJson.longValue(pending, "magic")))
            {
                pendingCount++;
                final Mt5Order order = applyResting(pending, nowNs);
                if (order != null)
                {
                    resting.add(order);
                }
            }
        }

        final Map<Long, JsonNode> historyOrders = new HashMap<>();
        for (final JsonNode order : snapshot.path("history_orders"))
        {
            if (book.isOurs(BridgeJson.longValue(order, "magic")))
            {
                historyOrders.put(BridgeJson.longValue(order, "ticket"), order);
            }
        }
        final List<JsonNode> deals = new ArrayList<>();
        snapshot.path("deals").forEach(deals::add);
        deals.sort(BY_TIME_THEN_TICKET);
        for (final JsonNode deal : deals)
        {
            trading.onDeal(deal, historyOrders, nowNs);
        }
        for (final JsonNode historyOrder : historyOrders.values())
        {
            final Mt5Order order = find(BridgeJson.longValue(historyOrder, "ticket"), BridgeJson.text(historyOrder, "comment"));
            if (order != null && !order.isTerminal() && !resting.contains(order))
            {
                endedAtTerminal(order, BridgeJson.text(historyOrder, "state"), nowNs);
            }
        }
        for (final Mt5Order order : book.liveOrders())
        {
            if (order.state == Mt5Order.State.UNKNOWN && !resting.contains(order))
            {
                resolveNotFound(order, nowNs);
            }
        }
        return book.positions.size() + " position(s), " + pendingCount + " pending order(s), " + deals.size() + " recent deal(s)";
    }

    private void applyAccount(final JsonNode account, final long nowNs)
    {
        if (account.isMissingNode())
        {
            return;
        }
        book.login = BridgeJson.longValue(account, "login");
        book.hedging = "ACCOUNT_MARGIN_MODE_RETAIL_HEDGING".equals(BridgeJson.text(account, "margin_mode"));
        book.currency = BridgeJson.text(account, "currency");
        publishAccount(account, nowNs);
    }

    /**
     * Publish an AccountUpdate from an account object.
     *
     * @param account the EA's account object.
     * @param nowNs   gateway time.
     */
    void publishAccount(final JsonNode account, final long nowNs)
    {
        final String currency = BridgeJson.text(account, "currency");
        reporter.account(book.template.account(), currency.isEmpty() ? book.currency : currency,
            BridgeJson.fixed(account, "balance"), BridgeJson.fixed(account, "equity"),
            BridgeJson.fixed(account, "margin_free"), BridgeJson.fixed(account, "margin"), nowNs);
    }

    private void applySymbols(final JsonNode symbols, final boolean publishReferences, final long nowNs)
    {
        for (final JsonNode info : symbols)
        {
            final Mt5Symbol symbol = book.symbolsByVenue.get(BridgeJson.text(info, "name"));
            if (symbol == null)
            {
                continue;
            }
            symbol.update(info);
            if (symbol.available)
            {
                if (publishReferences)
                {
                    reporter.instrument(symbol, nowNs);
                }
                if (symbol.bid > 0 || symbol.ask > 0)
                {
                    reporter.marketData(symbol, nowNs);
                }
            }
        }
    }

    private Mt5Order applyResting(final JsonNode pending, final long nowNs)
    {
        final long ticket = BridgeJson.longValue(pending, "ticket");
        final String comment = BridgeJson.text(pending, "comment");
        final Mt5Order order = find(ticket, comment);
        if (order == null)
        {
            if (!comment.isEmpty())
            {
                trading.adoptPending(pending, nowNs);
                return book.orderByTicket(ticket);
            }
            return null;
        }
        if (order.isTerminal())
        {
            return order;
        }
        order.orderTicket(ticket);
        book.indexTicket(ticket, order);
        if (order.state == Mt5Order.State.UNKNOWN || order.state == Mt5Order.State.SENDING)
        {
            order.state = Mt5Order.State.WORKING;
            if (order.newReported)
            {
                reporter.status(order, "resting at the terminal as order " + ticket, nowNs);
            }
            else
            {
                reporter.accepted(order, nowNs);
            }
        }
        return order;
    }

    private void endedAtTerminal(final Mt5Order order, final String state, final long nowNs)
    {
        switch (state)
        {
            case "ORDER_STATE_CANCELED":
                trading.finish(order, Mt5Order.State.CANCELED, ExecType.CANCELED, "canceled at the terminal", nowNs);
                break;
            case "ORDER_STATE_EXPIRED":
                trading.finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, "expired at the terminal", nowNs);
                break;
            case "ORDER_STATE_REJECTED":
                trading.finish(order, Mt5Order.State.REJECTED, ExecType.REJECTED, "rejected by the trade server", nowNs);
                break;
            default:
                if (order.state == Mt5Order.State.UNKNOWN && order.cumQty > 0)
                {
                    resolveNotFound(order, nowNs);
                }
                break;
        }
    }

    // The terminal holds no resting order for it: what filled is final, the rest never happened.
    private void resolveNotFound(final Mt5Order order, final long nowNs)
    {
        if (order.cumQty > 0)
        {
            trading.finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, "reconciled: " +
                io.sluice.protocol.Fixed.toString(order.cumQty) + " of " + io.sluice.protocol.Fixed.toString(order.quantity) +
                " lots filled at the terminal; the rest was not executed", nowNs);
        }
        else
        {
            trading.reject(order, "reconciled: no order, deal or position at the terminal carries this client order id; " +
                "the request never executed", nowNs);
        }
    }

    private Mt5Order find(final long ticket, final String comment)
    {
        final Mt5Order byTicket = book.orderByTicket(ticket);
        if (byTicket != null)
        {
            return byTicket;
        }
        return comment.isEmpty() ? null : book.orderByCid(comment);
    }
}
