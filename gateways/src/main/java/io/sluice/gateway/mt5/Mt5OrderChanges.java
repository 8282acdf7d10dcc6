package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;

import java.util.List;

/**
 * Cancels and amends of one account's orders and positions: CancelOrder → TRADE_ACTION_REMOVE of a resting
 * order; AmendOrder → TRADE_ACTION_MODIFY of a resting order, or TRADE_ACTION_SLTP of each position the order
 * opened (how a stop-loss moves to breakeven). Success is an ORDER_STATUS (CANCELED for a cancel); refusal is a
 * CANCEL_REJECTED with the reason, as FIX answers a refused cancel or replace. Agent thread only.
 */
final class Mt5OrderChanges
{
    private final Mt5Book book;
    private final Mt5Config.Account account;
    private final Mt5Reporter reporter;
    private final Mt5Trading.Link link;
    private final Mt5Trading trading;

    Mt5OrderChanges(final Mt5Book book, final Mt5Reporter reporter, final Mt5Trading.Link link, final Mt5Trading trading)
    {
        this.book = book;
        this.account = book.config;
        this.reporter = reporter;
        this.link = link;
        this.trading = trading;
    }

    /**
     * Remove a resting order, or refuse with the reason.
     *
     * @param identity the CancelOrder's order.
     * @param nowNs    gateway time.
     */
    void onCancel(final OrderIdentity identity, final long nowNs)
    {
        final String clientOrderId = identity.clientOrderId().toString();
        final Mt5Order order = book.orderByCid(clientOrderId);
        if (order == null)
        {
            reporter.cancelRejected(identity, OrdStatus.REJECTED, 0, 0, "unknown order: " + clientOrderId, nowNs);
            return;
        }
        if (order.isTerminal())
        {
            reporter.cancelRejected(order, "order is already " + order.state, nowNs);
            return;
        }
        if (order.state != Mt5Order.State.WORKING || order.isMarket() || order.orderTicket == 0)
        {
            reporter.cancelRejected(order, "order is " + order.state + "; it can be canceled once it rests at the terminal", nowNs);
            return;
        }
        if (link.send(Mt5Request.Kind.CANCEL, order, Mt5Requests.remove(order.orderTicket), nowNs) == null)
        {
            reporter.cancelRejected(order, "the terminal connection is not available; nothing was sent", nowNs);
        }
    }

    /**
     * Change a pending order (TRADE_ACTION_MODIFY) or the stop-loss/take-profit of the positions an order opened
     * (TRADE_ACTION_SLTP), or refuse with the reason.
     *
     * @param amend the AmendOrder.
     * @param nowNs gateway time.
     */
    void onAmend(final Mt5Amend amend, final long nowNs)
    {
        final String clientOrderId = amend.identity.clientOrderId().toString();
        Mt5Order order = book.orderByCid(clientOrderId);
        if (order != null && order.state == Mt5Order.State.WORKING && !order.isMarket() && order.orderTicket != 0)
        {
            modifyPending(order, amend, nowNs);
            return;
        }

        final List<Mt5Position> positions = book.positionsOf(clientOrderId, order);
        final String problem;
        if (positions.isEmpty())
        {
            problem = "no resting order or open position for " + clientOrderId;
        }
        else if (amend.quantity != Fixed.NULL || amend.price != Fixed.NULL || amend.stopPrice != Fixed.NULL)
        {
            problem = "only stopLoss and takeProfit of an open position can be amended";
        }
        else if (amend.stopLoss == Fixed.NULL && amend.takeProfit == Fixed.NULL)
        {
            problem = "neither stopLoss nor takeProfit given";
        }
        else
        {
            problem = null;
        }
        if (problem != null)
        {
            if (order == null)
            {
                reporter.cancelRejected(amend.identity, OrdStatus.REJECTED, 0, 0, "amend rejected: " + problem, nowNs);
            }
            else
            {
                reporter.cancelRejected(order, "amend rejected: " + problem, nowNs);
            }
            return;
        }

        if (order == null)
        {
            order = adoptPosition(clientOrderId, positions.get(0));
        }
        for (final Mt5Position position : positions)
        {
            final long sl = amend.stopLoss == Fixed.NULL ? position.sl : amend.stopLoss;
            final long tp = amend.takeProfit == Fixed.NULL ? position.tp : amend.takeProfit;
            final Mt5Request request = link.send(
                Mt5Request.Kind.SLTP, order, Mt5Requests.sltp(account.magic, position.symbol, position.ticket, sl, tp), nowNs);
            if (request == null)
            {
                reporter.cancelRejected(order, "amend rejected: the terminal connection is not available; nothing was sent", nowNs);
                return;
            }
            request.position = position.ticket;
            request.sl = sl;
            request.tp = tp;
        }
    }


    /**
     * The EA answered a cancel or amend.
     *
     * @param request what was sent.
     * @param reply   the {@code rep} message.
     * @param nowNs   gateway time.
     */
    void onReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        switch (request.kind)
        {
            case CANCEL:
                onCancelReply(request, reply, nowNs);
                break;
            case MODIFY:
                onModifyReply(request, reply, nowNs);
                break;
            default:
                onSltpReply(request, reply, nowNs);
                break;
        }
    }

    private void onCancelReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        final Mt5Order order = request.order;
        if (order.isTerminal())
        {
            if (order.state != Mt5Order.State.CANCELED)
            {
                reporter.cancelRejected(order, "order is already " + order.state, nowNs);
            }
            return;
        }
        final String problem = Mt5Trading.problem(reply, false);
        if (problem != null)
        {
            reporter.cancelRejected(order, "cancel rejected: " + problem, nowNs);
            return;
        }
        trading.finish(order, Mt5Order.State.CANCELED, ExecType.CANCELED, "", nowNs);
    }

    private void modifyPending(final Mt5Order order, final Mt5Amend amend, final long nowNs)
    {
        if (amend.quantity != Fixed.NULL && amend.quantity != order.quantity)
        {
            reporter.cancelRejected(order, "amend rejected: MT5 cannot change the volume of a pending order; cancel it and place a new one", nowNs);
            return;
        }
        final long limit = amend.price != Fixed.NULL ? amend.price : order.price;
        final long stop = amend.stopPrice != Fixed.NULL ? amend.stopPrice : order.stopPrice;
        final long price = order.ordType == OrdType.LIMIT ? limit : stop;
        final long stopLimit = order.ordType == OrdType.STOP_LIMIT ? limit : 0;
        final long sl = Mt5Requests.orZero(amend.stopLoss != Fixed.NULL ? amend.stopLoss : order.stopLoss);
        final long tp = Mt5Requests.orZero(amend.takeProfit != Fixed.NULL ? amend.takeProfit : order.takeProfit);
        final Mt5Request request = link.send(Mt5Request.Kind.MODIFY, order, Mt5Requests.modify(order, price, stopLimit, sl, tp), nowNs);
        if (request == null)
        {
            reporter.cancelRejected(order, "amend rejected: the terminal connection is not available; nothing was sent", nowNs);
            return;
        }
        request.price = price;
        request.stopLimit = stopLimit;
        request.sl = sl;
        request.tp = tp;
    }

    private void onModifyReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        final Mt5Order order = request.order;
        final String problem = order.isTerminal() ? "order is already " + order.state : Mt5Trading.problem(reply, true);
        if (problem != null)
        {
            reporter.cancelRejected(order, "amend rejected: " + problem, nowNs);
            return;
        }
        if (order.ordType == OrdType.LIMIT)
        {
            order.price = request.price;
        }
        else
        {
            order.stopPrice = request.price;
            if (order.ordType == OrdType.STOP_LIMIT)
            {
                order.price = request.stopLimit;
            }
        }
        order.stopLoss = request.sl;
        order.takeProfit = request.tp;
        reporter.status(order, "modified order " + order.orderTicket + ": price=" + Fixed.toString(request.price) +
            " sl=" + Fixed.toString(request.sl) + " tp=" + Fixed.toString(request.tp), nowNs);
    }

    private void onSltpReply(final Mt5Request request, final JsonNode reply, final long nowNs)
    {
        final Mt5Order order = request.order;
        final String problem = Mt5Trading.problem(reply, true);
        if (problem != null)
        {
            reporter.cancelRejected(order, "amend rejected: " + problem, nowNs);
            return;
        }
        reporter.status(order, "position " + request.position + ": sl=" + Fixed.toString(request.sl) +
            " tp=" + Fixed.toString(request.tp), nowNs);
    }

    private Mt5Order adoptPosition(final String clientOrderId, final Mt5Position position)
    {
        final Mt5Order order = book.adopt(clientOrderId, position.symbol, position.buy, position.volume);
        order.addFill(position.volume, position.priceOpen);
        order.positionTicket = position.ticket;
        order.state = Mt5Order.State.FILLED;
        book.finished(order);
        return order;
    }
}
