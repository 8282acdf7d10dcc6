package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.AsciiField;
import io.sluice.gateway.OrderIdentity;
import io.sluice.sbe.Side;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows about one MT5 account: its symbols, the engine orders sent to it (by client order id and
 * by order ticket), its open positions (by ticket, this gateway's magic only), the deals already reported, and
 * the account's margin mode. Agent thread only.
 */
final class Mt5Book
{
    /** Comment of the gateway's own CLOSE_BY requests; their deals change no net position and are not reported. */
    static final String CLOSE_BY_COMMENT = "sluice-closeby";

    private static final int DEALS_REMEMBERED = 100_000;
    private static final int FINISHED_ORDERS_KEPT = 10_000;
    private static final Comparator<Mt5Position> OLDEST_FIRST =
        Comparator.comparingLong((Mt5Position p) -> p.timeMsc).thenComparingLong((p) -> p.ticket);

    final Mt5Config.Account config;
    final OrderIdentity template = new OrderIdentity();
    final Map<String, Mt5Symbol> symbolsByCanonical = new LinkedHashMap<>();
    final Map<String, Mt5Symbol> symbolsByVenue = new HashMap<>();
    final Map<Long, Mt5Position> positions = new LinkedHashMap<>();

    private final Map<String, Mt5Order> ordersByCid = new HashMap<>();
    private final Map<Long, Mt5Order> ordersByTicket = new HashMap<>();
    private final ArrayDeque<Mt5Order> finished = new ArrayDeque<>();
    private final LinkedHashSet<Long> seenDeals = new LinkedHashSet<>();

    boolean hedging;
    String currency = "";
    long login;

    Mt5Book(final Mt5Config.Account config, final String venueName)
    {
        this.config = config;
        template.account().set(config.name);
        template.venue().set(venueName);
        for (final Map.Entry<String, String> entry : config.venueSymbols.entrySet())
        {
            final Mt5Symbol symbol = new Mt5Symbol(entry.getKey(), entry.getValue(), config.filling(entry.getKey()));
            symbolsByCanonical.put(symbol.canonical, symbol);
            symbolsByVenue.put(symbol.venueName, symbol);
        }
    }

    /**
     * The symbol the engine calls by this name.
     *
     * @param canonical Sluice symbol.
     * @return the symbol, or null when the account does not map it.
     */
    Mt5Symbol symbol(final AsciiField canonical)
    {
        return symbolsByCanonical.get(canonical.toString());
    }

    /**
     * Track an order under its client order id.
     *
     * @param order the order.
     */
    void track(final Mt5Order order)
    {
        ordersByCid.put(order.clientOrderId, order);
        indexTicket(order.orderTicket, order);
    }

    /**
     * Index an order under a ticket of the terminal: its own, or that of one of its close requests.
     *
     * @param ticket order ticket, ignored when 0.
     * @param order  the order.
     */
    void indexTicket(final long ticket, final Mt5Order order)
    {
        if (ticket != 0 && ordersByTicket.put(ticket, order) != order)
        {
            order.indexedTickets.add(ticket);
        }
    }

    Mt5Order orderByCid(final String clientOrderId)
    {
        return ordersByCid.get(clientOrderId);
    }

    Mt5Order orderByTicket(final long ticket)
    {
        return ordersByTicket.get(ticket);
    }

    /**
     * Orders not yet finished.
     *
     * @return a copy, in no particular order.
     */
    List<Mt5Order> liveOrders()
    {
        final List<Mt5Order> live = new ArrayList<>();
        for (final Mt5Order order : ordersByCid.values())
        {
            if (!order.isTerminal())
            {
                live.add(order);
            }
        }
        return live;
    }

    /**
     * Keep a finished order for late cancels and amends, forgetting the oldest beyond the bound.
     *
     * @param order an order in a terminal state.
     */
    void finished(final Mt5Order order)
    {
        finished.addLast(order);
        while (finished.size() > FINISHED_ORDERS_KEPT)
        {
            final Mt5Order evicted = finished.pollFirst();
            ordersByCid.remove(evicted.clientOrderId, evicted);
            for (final Long ticket : evicted.indexedTickets)
            {
                ordersByTicket.remove(ticket, evicted);
            }
        }
    }

    /**
     * Record a deal as reported.
     *
     * @param deal deal ticket.
     * @return true the first time, false for a deal already seen (a replayed or duplicate transaction).
     */
    boolean firstSightOfDeal(final long deal)
    {
        if (!seenDeals.add(deal))
        {
            return false;
        }
        if (seenDeals.size() > DEALS_REMEMBERED)
        {
            final Iterator<Long> oldest = seenDeals.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * Track an order found at the terminal under a client order id this gateway did not send (its comment).
     *
     * @param clientOrderId the comment.
     * @param venueSymbol   terminal symbol; reported under its Sluice symbol when mapped.
     * @param buy           side.
     * @param quantity      lots.
     * @return the tracked order, state HELD until the caller sets it.
     */
    Mt5Order adopt(final String clientOrderId, final String venueSymbol, final boolean buy, final long quantity)
    {
        final Mt5Symbol symbol = symbolsByVenue.get(venueSymbol);
        final Mt5Order order = Mt5Order.adopted(clientOrderId, template, buy ? Side.BUY : Side.SELL, quantity);
        order.identity.symbol().set(symbol != null ? symbol.canonical : venueSymbol);
        order.symbol = symbol;
        order.newReported = true;
        track(order);
        return order;
    }

    /**
     * Whether a magic number is this account's.
     *
     * @param magic magic of an order, deal or position.
     * @return true when ours.
     */
    boolean isOurs(final long magic)
    {
        return magic == config.magic;
    }

    /**
     * Apply a position object: upsert an open one of ours, remove a closed one.
     *
     * @param json position object, with {@code closed: true} when it no longer exists.
     */
    void onPosition(final JsonNode json)
    {
        final long ticket = BridgeJson.longValue(json, "ticket");
        if (json.path("closed").asBoolean(false))
        {
            positions.remove(ticket);
            return;
        }
        final Mt5Position position = Mt5Position.from(json);
        if (isOurs(position.magic))
        {
            positions.put(ticket, position);
        }
    }

    /**
     * Replace every position with the terminal's list.
     *
     * @param list {@code positions} array of a snapshot.
     */
    void replacePositions(final JsonNode list)
    {
        positions.clear();
        for (final JsonNode json : list)
        {
            onPosition(json);
        }
    }

    /**
     * Positions of one symbol and direction, oldest first: what a reduce-only order closes.
     *
     * @param venueSymbol terminal symbol.
     * @param buys        true for BUY positions.
     * @return the positions.
     */
    List<Mt5Position> positions(final String venueSymbol, final boolean buys)
    {
        final List<Mt5Position> list = new ArrayList<>();
        for (final Mt5Position position : positions.values())
        {
            if (position.buy == buys && position.symbol.equals(venueSymbol))
            {
                list.add(position);
            }
        }
        list.sort(OLDEST_FIRST);
        return list;
    }

    /**
     * Open positions an order opened or added to: the ticket its deal reported, else positions whose comment is
     * its client order id (how MT5 carries the opening order's comment).
     *
     * @param clientOrderId the order's id.
     * @param order         the tracked order, or null.
     * @return the positions.
     */
    List<Mt5Position> positionsOf(final String clientOrderId, final Mt5Order order)
    {
        final List<Mt5Position> list = new ArrayList<>();
        if (order != null && order.positionTicket != 0)
        {
            final Mt5Position position = positions.get(order.positionTicket);
            if (position != null)
            {
                list.add(position);
                return list;
            }
        }
        for (final Mt5Position position : positions.values())
        {
            if (position.comment.equals(clientOrderId))
            {
                list.add(position);
            }
        }
        return list;
    }
}
