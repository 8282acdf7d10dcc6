package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * New orders of one MT5 account, and everything the terminal says about them: maps NewOrder onto MqlTradeRequests
 * and the answers, deals and order events back onto ExecutionReports ({@link Mt5OrderChanges} does cancels and
 * amends).
 * <p>
 * Mapping: MARKET → TRADE_ACTION_DEAL at the current ask/bid with the account's deviation and the symbol's filling
 * mode, SL/TP set on the resulting position; LIMIT/STOP/STOP_LIMIT → TRADE_ACTION_PENDING; a reduce-only order →
 * one TRADE_ACTION_DEAL per opposite position ticket, oldest first ("legs"); hedged pairs are collapsed with
 * TRADE_ACTION_CLOSE_BY when the account asks for it. Every retcode has an outcome ({@link TradeRetcode}); fills are
 * reported once per deal ticket however often they are seen. Agent thread only.
 */
final class Mt5Trading
{
    /** How the trading logic reaches the terminal; implemented by the session that owns the connection. */
    interface Link
    {
        /**
         * Send one order_send command.
         *
         * @param kind         what the answer is for.
         * @param order        the order concerned, or null.
         * @param tradeRequest the MqlTradeRequest object.
         * @param nowNs        gateway time.
         * @return the pending request, or null when it could not be sent (nothing reached the terminal).
         */
        Mt5Request send(Mt5Request.Kind kind, Mt5Order order, ObjectNode tradeRequest, long nowNs);

        /**
         * Ask the terminal for a fresh snapshot to resolve orders whose outcome is unknown.
         *
         * @param nowNs gateway time.
         */
        void resync(long nowNs);
    }

    private final Mt5Book book;
    private final Mt5Config.Account account;
    private final Mt5Reporter reporter;
    private final Link link;
    private final OrderIdentity venueInitiated = new OrderIdentity();
    private final Set<String> closeByInFlight = new HashSet<>();
    private final Mt5OrderChanges changes;

    Mt5Trading(final Mt5Book book, final Mt5Reporter reporter, final Link link)
    {
        this.book = book;
        this.account = book.config;
        this.reporter = reporter;
        this.link = link;
        this.changes = new Mt5OrderChanges(book, reporter, link, this);
    }

    /**
     * Cancels and amends of this account's orders and positions.
     *
     * @return the changes.
     */
    Mt5OrderChanges changes()
    {
        return changes;
    }

    /**
     * Send a new order to the terminal, or reject it with the reason.
     *
     * @param order a tracked order, state HELD.
     * @param nowNs gateway time.
     */
    void onNewOrder(final Mt5Order order, final long nowNs)
    {
        final Mt5Symbol symbol = book.symbol(order.identity.symbol());
        if (symbol == null)
        {
            reject(order, "symbol " + order.identity.symbol() + " is not configured for MT5 account " + account.name +
                " (" + Mt5Config.ACCOUNT_PREFIX + account.name + ".symbols)", nowNs);
            return;
        }
        if (!symbol.available)
        {
            reject(order, "symbol " + symbol.venueName + " is not available in the terminal of MT5 account " + account.name, nowNs);
            return;
        }
        order.symbol = symbol;
        final String problem = order.reduceOnly ? planClose(order) : openProblem(order);
        if (problem != null)
        {
            reject(order, problem, nowNs);
            return;
        }
        if (order.reduceOnly)
        {
            sendNextLeg(order, 0, nowNs);
        }
        else
        {
            sendOpen(order, 0, nowNs);
        }
    }

    /**
     * The EA answered an order_send.
     *
     * @param request what was sent.
     * @param reply   the {@code rep} message.
     * @param nowNs   gateway time.
     */
    void onTradeReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        for (final JsonNode position : reply.path("positions"))
        {
            book.onPosition(position);
        }
        switch (request.kind)
        {
            case OPEN:
            case CLOSE_LEG:
                onOrderReply(request, reply, nowNs);
                break;
            case CANCEL:
            case MODIFY:
            case SLTP:
                changes.onReply(request, reply, nowNs);
                break;
            case CLOSE_BY:
                onCloseByReply(request, reply, nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * An order_send got no answer: the connection dropped or the request timed out. An order whose request was
     * lost becomes UNKNOWN until reconciliation; a lost cancel or amend is refused and reconciled.
     *
     * @param request what was sent.
     * @param reason  what happened.
     * @param nowNs   gateway time.
     */
    void onRequestLost(final Mt5Request request, final String reason, final long nowNs)
    {
        final Mt5Order order = request.order;
        switch (request.kind)
        {
            case OPEN:
            case CLOSE_LEG:
                if (!order.isTerminal())
                {
                    unknown(order, reason + " while the order was in flight; reconciling", nowNs);
                }
                break;
            case CANCEL:
            case MODIFY:
            case SLTP:
                reporter.cancelRejected(order, reason + "; the outcome will be reconciled", nowNs);
                break;
            case CLOSE_BY:
                closeByInFlight.remove(request.venueSymbol);
                break;
            default:
                break;
        }
    }

    /**
     * A deal from a DEAL_ADD transaction or a snapshot's history: report it once, as a fill of the engine order
     * whose ticket or client order id (comment) it carries, or as a venue-initiated fill (stop-loss, take-profit,
     * stop-out, manual close) on one of this account's positions.
     *
     * @param deal          the deal object.
     * @param historyOrders orders of a snapshot's history by ticket (volumes of orders met for the first time), or null.
     * @param nowNs         gateway time.
     */
    void onDeal(final JsonNode deal, final Map<Long, JsonNode> historyOrders, final long nowNs)
    {
        final long ticket = BridgeJson.longValue(deal, "ticket");
        final long positionId = BridgeJson.longValue(deal, "position_id");
        final String type = BridgeJson.text(deal, "type");
        final boolean trade = "DEAL_TYPE_BUY".equals(type) || "DEAL_TYPE_SELL".equals(type);
        if (ticket == 0 || !trade || !(book.isOurs(BridgeJson.longValue(deal, "magic")) || book.positions.containsKey(positionId)))
        {
            return;
        }
        if (!book.firstSightOfDeal(ticket))
        {
            return;
        }
        final String comment = BridgeJson.text(deal, "comment");
        if (Mt5Book.CLOSE_BY_COMMENT.equals(comment) || "DEAL_ENTRY_OUT_BY".equals(BridgeJson.text(deal, "entry")))
        {
            return;
        }

        final long orderTicket = BridgeJson.longValue(deal, "order");
        final long volume = BridgeJson.fixed(deal, "volume");
        final long price = BridgeJson.fixed(deal, "price");
        final String reason = BridgeJson.text(deal, "reason");
        Mt5Order order = book.orderByTicket(orderTicket);
        if (order == null && !comment.isEmpty())
        {
            order = book.orderByCid(comment);
        }
        if (order == null && !comment.isEmpty() && (reason.isEmpty() || "DEAL_REASON_EXPERT".equals(reason)))
        {
            final JsonNode historyOrder = historyOrders == null ? null : historyOrders.get(orderTicket);
            final long initial = BridgeJson.fixed(historyOrder, "volume_initial");
            order = book.adopt(comment, BridgeJson.text(deal, "symbol"), "DEAL_TYPE_BUY".equals(type), initial > 0 ? initial : volume);
            order.ordType = OrdType.MARKET;
            order.orderTicket(orderTicket);
            book.indexTicket(orderTicket, order);
            order.state = Mt5Order.State.WORKING;
        }
        if (order == null)
        {
            reportVenueInitiated(deal, "DEAL_TYPE_BUY".equals(type), volume, price, positionId, nowNs);
            return;
        }
        order.orderTicket(orderTicket);
        book.indexTicket(orderTicket, order);
        fill(order, ticket, volume, price, BridgeJson.fixed(deal, "commission"), positionId, nowNs);
    }

    /**
     * An order moved to the terminal's history (HISTORY_ADD transaction): a resting order canceled, expired or
     * rejected at the terminal ends here unless its end is already known.
     *
     * @param orderTicket the order's ticket.
     * @param orderState  ORDER_STATE_* name.
     * @param nowNs       gateway time.
     */
    void onOrderHistory(final long orderTicket, final String orderState, final long nowNs)
    {
        final Mt5Order order = book.orderByTicket(orderTicket);
        if (order == null || order.isTerminal() || order.orderTicket != orderTicket)
        {
            return;
        }
        switch (orderState)
        {
            case "ORDER_STATE_CANCELED":
                finish(order, Mt5Order.State.CANCELED, ExecType.CANCELED, "canceled at the terminal", nowNs);
                break;
            case "ORDER_STATE_EXPIRED":
                finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, "expired at the terminal", nowNs);
                break;
            case "ORDER_STATE_REJECTED":
                finish(order, Mt5Order.State.REJECTED, ExecType.REJECTED, "rejected by the trade server", nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * Report a terminal state for an order.
     *
     * @param order    the order.
     * @param state    CANCELED, EXPIRED or REJECTED.
     * @param execType the matching exec type.
     * @param text     reason.
     * @param nowNs    gateway time.
     */
    void finish(final Mt5Order order, final Mt5Order.State state, final ExecType execType, final String text, final long nowNs)
    {
        order.state = state;
        reporter.done(order, execType, text, nowNs);
        book.finished(order);
    }

    /**
     * Refuse an order that never reached the terminal.
     *
     * @param order the order.
     * @param text  reason.
     * @param nowNs gateway time.
     */
    void reject(final Mt5Order order, final String text, final long nowNs)
    {
        finish(order, Mt5Order.State.REJECTED, ExecType.REJECTED, text, nowNs);
    }

    /**
     * An order found resting at the terminal (its comment is a client order id this gateway did not know).
     *
     * @param json    the {@code orders[]} entry.
     * @param nowNs   gateway time.
     */
    void adoptPending(final JsonNode json, final long nowNs)
    {
        final String type = BridgeJson.text(json, "type");
        final Mt5Order order = book.adopt(
            BridgeJson.text(json, "comment"), BridgeJson.text(json, "symbol"), type.startsWith("ORDER_TYPE_BUY"),
            BridgeJson.fixed(json, "volume_initial"));
        order.ordType = type.endsWith("STOP_LIMIT") ? OrdType.STOP_LIMIT : type.endsWith("LIMIT") ? OrdType.LIMIT : OrdType.STOP;
        final long priceOpen = BridgeJson.fixed(json, "price_open");
        order.price = order.ordType == OrdType.STOP ? Fixed.NULL : order.ordType == OrdType.LIMIT ? priceOpen : BridgeJson.fixed(json, "price_stoplimit");
        order.stopPrice = order.ordType == OrdType.LIMIT ? Fixed.NULL : priceOpen;
        order.stopLoss = BridgeJson.fixed(json, "sl");
        order.takeProfit = BridgeJson.fixed(json, "tp");
        order.timeInForce = "ORDER_TIME_DAY".equals(BridgeJson.text(json, "type_time")) ? TimeInForce.DAY : TimeInForce.GTC;
        final long ticket = BridgeJson.longValue(json, "ticket");
        order.orderTicket(ticket);
        book.indexTicket(ticket, order);
        order.state = Mt5Order.State.WORKING;
        order.newReported = true;
        reporter.status(order, "found resting at the terminal as order " + ticket, nowNs);
    }

    private String openProblem(final Mt5Order order)
    {
        final Mt5Symbol symbol = order.symbol;
        if (order.identity.side() != Side.BUY && order.identity.side() != Side.SELL)
        {
            return "side must be BUY or SELL";
        }
        final String volumeProblem = symbol.volumeProblem(order.quantity);
        if (volumeProblem != null)
        {
            return volumeProblem;
        }
        switch (order.ordType)
        {
            case MARKET:
                return symbol.marketFilling(order.timeInForce) == null ?
                    "INVALID_FILL: " + symbol.venueName + " does not allow " + order.timeInForce + " filling" : null;
            case LIMIT:
                if (order.price == Fixed.NULL || order.price <= 0)
                {
                    return "LIMIT order needs a positive price";
                }
                break;
            case STOP:
                if (order.stopPrice == Fixed.NULL || order.stopPrice <= 0)
                {
                    return "STOP order needs a positive stop price";
                }
                break;
            case STOP_LIMIT:
                if (order.price == Fixed.NULL || order.price <= 0 || order.stopPrice == Fixed.NULL || order.stopPrice <= 0)
                {
                    return "STOP_LIMIT order needs a positive price and stop price";
                }
                break;
            default:
                return "order type must be MARKET, LIMIT, STOP or STOP_LIMIT";
        }
        if (order.timeInForce == TimeInForce.IOC || order.timeInForce == TimeInForce.FOK)
        {
            return order.timeInForce + " applies to market orders only at MT5; a pending order rests until filled, removed or expired";
        }
        return null;
    }

    // A reduce-only order closes opposite positions oldest first, one TRADE_ACTION_DEAL per ticket, never opening one.
    private String planClose(final Mt5Order order)
    {
        final Mt5Symbol symbol = order.symbol;
        if (order.ordType != OrdType.MARKET)
        {
            return "reduce-only orders close at market on MT5 (TRADE_ACTION_DEAL with a position ticket); " +
                "use take-profit or stop-loss for price targets";
        }
        final boolean closeAll = order.quantity <= 0;
        if (!closeAll)
        {
            final String volumeProblem = symbol.volumeProblem(order.quantity);
            if (volumeProblem != null)
            {
                return volumeProblem;
            }
        }
        if (symbol.marketFilling(order.timeInForce) == null)
        {
            return "INVALID_FILL: " + symbol.venueName + " does not allow " + order.timeInForce + " filling";
        }
        final boolean closeBuys = !order.isBuy();
        final List<Mt5Position> open = book.positions(symbol.venueName, closeBuys);
        if (open.isEmpty())
        {
            return "reduce-only: no open " + (closeBuys ? "BUY" : "SELL") + " position on " + symbol.venueName + " to close";
        }
        long remaining = closeAll ? Long.MAX_VALUE : order.quantity;
        long planned = 0;
        for (final Mt5Position position : open)
        {
            if (remaining <= 0)
            {
                break;
            }
            final long volume = Math.min(remaining, position.volume);
            order.closeLegs.addLast(new long[]{position.ticket, volume});
            remaining -= volume;
            planned += volume;
        }
        if (closeAll)
        {
            order.quantity = planned;
        }
        return null;
    }

    private void sendOpen(final Mt5Order order, final long retryPrice, final long nowNs)
    {
        final Mt5Symbol symbol = order.symbol;
        final ObjectNode request;
        final long price;
        if (order.isMarket())
        {
            price = retryPrice > 0 ? retryPrice : symbol.marketPrice(order.isBuy());
            if (retryPrice == 0)
            {
                order.referencePrice = price;
            }
            request = Mt5Requests.deal(
                account.magic, order, order.quantity, price, account.deviationPoints, symbol.marketFilling(order.timeInForce), 0);
        }
        else
        {
            price = 0;
            request = Mt5Requests.pending(account.magic, order);
        }
        order.state = Mt5Order.State.SENDING;
        final Mt5Request sent = link.send(Mt5Request.Kind.OPEN, order, request, nowNs);
        if (sent == null)
        {
            reject(order, "the terminal connection is not available; the order was not sent", nowNs);
            return;
        }
        sent.volume = order.quantity;
        sent.price = price;
    }

    private void sendNextLeg(final Mt5Order order, final long retryPrice, final long nowNs)
    {
        final long[] leg = order.closeLegs.peekFirst();
        final Mt5Symbol symbol = order.symbol;
        final long price = retryPrice > 0 ? retryPrice : symbol.marketPrice(order.isBuy());
        if (retryPrice == 0)
        {
            order.referencePrice = price;
            order.retried = false;
        }
        final ObjectNode request = Mt5Requests.deal(
            account.magic, order, leg[1], price, account.deviationPoints, symbol.marketFilling(order.timeInForce), leg[0]);
        order.state = Mt5Order.State.SENDING;
        final Mt5Request sent = link.send(Mt5Request.Kind.CLOSE_LEG, order, request, nowNs);
        if (sent == null)
        {
            failed(order, Mt5Request.Kind.CLOSE_LEG, "the terminal connection is not available; the close was not sent", nowNs);
            return;
        }
        sent.position = leg[0];
        sent.volume = leg[1];
        sent.price = price;
    }

    private void onOrderReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        final Mt5Order order = request.order;
        if (order.isTerminal())
        {
            return;
        }
        if (!reply.path("ok").asBoolean(false))
        {
            failed(order, request.kind, "the terminal refused the request: " + errorText(reply), nowNs);
            return;
        }
        final JsonNode result = reply.path("result");
        final long retcode = BridgeJson.longValue(result, "retcode");
        switch (TradeRetcode.outcomeOf(retcode))
        {
            case ACCEPTED:
                onAccepted(request, reply, result, retcode, nowNs);
                break;
            case PRICE_MOVED:
                onPriceMoved(request, result, retcode, nowNs);
                break;
            case UNKNOWN:
                unknown(order, describe(retcode, result) + "; reconciling", nowNs);
                link.resync(nowNs);
                break;
            default:
                failed(order, request.kind, describe(retcode, result), nowNs);
                break;
        }
    }

    private void onAccepted(final Mt5Request request, final JsonNode reply, final JsonNode result, final long retcode, final long nowNs)
    {
        final Mt5Order order = request.order;
        final long orderTicket = BridgeJson.longValue(result, "order");
        order.orderTicket(orderTicket);
        book.indexTicket(orderTicket, order);
        if (!order.newReported)
        {
            reporter.accepted(order, nowNs);
        }

        final long deal = BridgeJson.longValue(result, "deal");
        final long volume = BridgeJson.fixed(result, "volume");
        if (deal != 0 && volume > 0 && book.firstSightOfDeal(deal))
        {
            final JsonNode dealInfo = reply.path("deal_info");
            fill(order, deal, volume, BridgeJson.fixed(result, "price"), BridgeJson.fixed(dealInfo, "commission"),
                BridgeJson.longValue(dealInfo, "position_id"), nowNs);
        }
        if (!order.isTerminal())
        {
            if (request.kind == Mt5Request.Kind.CLOSE_LEG)
            {
                order.closeLegs.pollFirst();
                if (deal == 0)
                {
                    order.state = Mt5Order.State.WORKING;
                }
                else if (!order.closeLegs.isEmpty())
                {
                    sendNextLeg(order, 0, nowNs);
                }
                else
                {
                    finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, "reduce-only: closed " + Fixed.toString(order.cumQty) +
                        " of " + Fixed.toString(order.quantity) + " lots; no more open position volume", nowNs);
                }
            }
            else if (order.isMarket() && deal != 0)
            {
                finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, TradeRetcode.nameOf(retcode) + ": filled " +
                    Fixed.toString(order.cumQty) + " of " + Fixed.toString(order.quantity) + " lots; the rest was canceled", nowNs);
            }
            else
            {
                order.state = Mt5Order.State.WORKING;
            }
        }
        if (order.symbol != null && request.kind == Mt5Request.Kind.OPEN)
        {
            collapseHedges(order.symbol.venueName, nowNs);
        }
    }

    private void onPriceMoved(final Mt5Request request, final JsonNode result, final long retcode, final long nowNs)
    {
        final Mt5Order order = request.order;
        final Mt5Symbol symbol = order.symbol;
        final String name = describe(retcode, result);
        symbol.quote(BridgeJson.fixed(result, "bid"), BridgeJson.fixed(result, "ask"));
        if (!order.isMarket())
        {
            failed(order, request.kind, name, nowNs);
            return;
        }
        if (order.retried)
        {
            failed(order, request.kind, name + " again after one retry at " + Fixed.toString(request.price), nowNs);
            return;
        }
        final long newPrice = symbol.marketPrice(order.isBuy());
        if (order.referencePrice <= 0 || newPrice <= 0)
        {
            failed(order, request.kind, name + "; no reference price to apply the collar to", nowNs);
            return;
        }
        final long collar = account.collarPoints * symbol.point;
        final long adverse = order.isBuy() ? newPrice - order.referencePrice : order.referencePrice - newPrice;
        if (adverse > collar)
        {
            failed(order, request.kind, name + "; new price " + Fixed.toString(newPrice) + " is beyond the collar of " +
                Fixed.toString(collar) + " from " + Fixed.toString(order.referencePrice), nowNs);
            return;
        }
        order.retried = true;
        if (request.kind == Mt5Request.Kind.OPEN)
        {
            sendOpen(order, newPrice, nowNs);
        }
        else
        {
            sendNextLeg(order, newPrice, nowNs);
        }
    }

    // A hedging account that asks for it holds no opposite pair of this gateway's positions: CLOSE_BY costs no spread.
    private void collapseHedges(final String venueSymbol, final long nowNs)
    {
        if (!book.hedging || !account.netHedges || closeByInFlight.contains(venueSymbol))
        {
            return;
        }
        final List<Mt5Position> buys = book.positions(venueSymbol, true);
        final List<Mt5Position> sells = book.positions(venueSymbol, false);
        if (buys.isEmpty() || sells.isEmpty())
        {
            return;
        }
        final long position = buys.get(0).ticket;
        final long positionBy = sells.get(0).ticket;
        final Mt5Request request = link.send(
            Mt5Request.Kind.CLOSE_BY, null, Mt5Requests.closeBy(account.magic, venueSymbol, position, positionBy), nowNs);
        if (request != null)
        {
            request.venueSymbol = venueSymbol;
            request.position = position;
            closeByInFlight.add(venueSymbol);
        }
    }

    private void onCloseByReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        closeByInFlight.remove(request.venueSymbol);
        if (problem(reply, false) == null)
        {
            collapseHedges(request.venueSymbol, nowNs);
        }
    }

    private void fill(
        final Mt5Order order, final long deal, final long volume, final long price, final long commission, final long positionId,
        final long nowNs)
    {
        order.addFill(volume, price);
        if (positionId != 0 && !order.reduceOnly)
        {
            order.positionTicket = positionId;
        }
        if (order.cumQty >= order.quantity)
        {
            order.state = Mt5Order.State.FILLED;
        }
        reporter.trade(order, deal, volume, price, commission, book.currency, nowNs);
        if (order.state == Mt5Order.State.FILLED)
        {
            book.finished(order);
        }
    }

    private void failed(final Mt5Order order, final Mt5Request.Kind kind, final String text, final long nowNs)
    {
        if (kind == Mt5Request.Kind.CLOSE_LEG && order.cumQty > 0)
        {
            finish(order, Mt5Order.State.EXPIRED, ExecType.EXPIRED, text + "; closed " + Fixed.toString(order.cumQty) + " of " +
                Fixed.toString(order.quantity) + " lots", nowNs);
        }
        else
        {
            reject(order, text, nowNs);
        }
    }

    private void unknown(final Mt5Order order, final String text, final long nowNs)
    {
        order.state = Mt5Order.State.UNKNOWN;
        reporter.status(order, text, nowNs);
    }

    private void reportVenueInitiated(
        final JsonNode deal, final boolean buy, final long volume, final long price, final long positionId, final long nowNs)
    {
        final String venueSymbol = BridgeJson.text(deal, "symbol");
        final Mt5Symbol symbol = book.symbolsByVenue.get(venueSymbol);
        final Mt5Position position = book.positions.get(positionId);
        venueInitiated.set(book.template).side(buy ? Side.BUY : Side.SELL);
        venueInitiated.symbol().set(symbol != null ? symbol.canonical : venueSymbol);
        venueInitiated.venueOrderId().set("", BridgeJson.longValue(deal, "order"));
        final String reason = BridgeJson.text(deal, "reason");
        reporter.venueInitiatedTrade(venueInitiated, BridgeJson.longValue(deal, "ticket"), volume, price,
            "venue-initiated " + (reason.isEmpty() ? "deal" : reason) + " on position " + positionId +
            (position != null && !position.comment.isEmpty() ? " opened by " + position.comment : ""), nowNs);
    }

    // Null when the terminal did the request (DONE/PLACED, or NO_CHANGES where nothing needed doing), else why not.
    static String problem(final JsonNode reply, final boolean noChangesIsDone)
    {
        if (!reply.path("ok").asBoolean(false))
        {
            return "the terminal refused the request: " + errorText(reply);
        }
        final JsonNode result = reply.path("result");
        final long retcode = BridgeJson.longValue(result, "retcode");
        if (TradeRetcode.outcomeOf(retcode) == TradeRetcode.Outcome.ACCEPTED ||
            (noChangesIsDone && retcode == TradeRetcode.NO_CHANGES.code()))
        {
            return null;
        }
        return describe(retcode, result);
    }

    /**
     * A retcode as reports show it, e.g. "NO_MONEY (10019): No money".
     *
     * @param retcode the code.
     * @param result  the MqlTradeResult object.
     * @return the text.
     */
    static String describe(final long retcode, final JsonNode result)
    {
        final String comment = BridgeJson.text(result, "comment");
        final long external = BridgeJson.longValue(result, "retcode_external");
        return TradeRetcode.nameOf(retcode) + " (" + retcode + ")" + (comment.isEmpty() ? "" : ": " + comment) +
            (external != 0 ? " [retcode_external " + external + "]" : "");
    }

    static String errorText(final JsonNode reply)
    {
        final JsonNode error = reply.path("error");
        return BridgeJson.text(error, "code") + " " + BridgeJson.text(error, "message");
    }
}
