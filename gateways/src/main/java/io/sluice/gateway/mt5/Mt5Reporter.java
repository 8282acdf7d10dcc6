package io.sluice.gateway.mt5;

import io.sluice.gateway.AsciiField;
import io.sluice.gateway.Execution;
import io.sluice.gateway.InstrumentRules;
import io.sluice.gateway.OrderIdentity;
import io.sluice.gateway.ReportPublisher;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;

/**
 * Turns what happened at a terminal into the gateway's reports: ExecutionReports about orders, MarketData,
 * InstrumentDefinitions and AccountUpdates. Agent thread only; reuses one {@link Execution}.
 */
final class Mt5Reporter
{
    private final ReportPublisher publisher;
    private final Execution execution = new Execution();
    private final InstrumentRules rules = new InstrumentRules();
    private final AsciiField currency = new AsciiField(AccountUpdateEncoder.currencyLength());
    private long failedPublishCount;

    Mt5Reporter(final ReportPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * The order was accepted by the terminal (NEW), with its ticket as venue order id.
     *
     * @param order the order.
     * @param nowNs gateway time.
     */
    void accepted(final Mt5Order order, final long nowNs)
    {
        order.newReported = true;
        execution.reset(order.identity)
            .execType(ExecType.NEW)
            .ordStatus(OrdStatus.NEW)
            .leavesQty(order.quantity);
        publish(nowNs);
    }

    /**
     * A deal filled (part of) the order; the order's cumulative fields are already updated.
     *
     * @param order      the order.
     * @param deal       deal ticket, reported as the trade id.
     * @param volume     lots of this deal.
     * @param price      price of this deal.
     * @param commission commission as the terminal reports it (negative when charged), or 0.
     * @param ccy        account currency, may be empty.
     * @param nowNs      gateway time.
     */
    void trade(
        final Mt5Order order, final long deal, final long volume, final long price, final long commission, final String ccy, final long nowNs)
    {
        execution.reset(order.identity)
            .execType(ExecType.TRADE)
            .ordStatus(order.ordStatus())
            .lastQty(volume)
            .lastPrice(price)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty())
            .avgPrice(order.avgPrice)
            .commission(commission == 0 ? Fixed.NULL : -commission);
        execution.tradeId().set("", deal);
        execution.commissionAsset().set(ccy);
        publish(nowNs);
    }

    /**
     * A deal this gateway did not order (stop-loss, take-profit, stop-out, a manual close) on a position it tracks;
     * reported with an empty client order id so the engine can apply it to the position.
     *
     * @param identity account, venue, symbol and side of the deal; venue order id is the terminal's order ticket.
     * @param deal     deal ticket.
     * @param volume   lots.
     * @param price    deal price.
     * @param text     why the deal happened.
     * @param nowNs    gateway time.
     */
    void venueInitiatedTrade(
        final OrderIdentity identity, final long deal, final long volume, final long price, final String text, final long nowNs)
    {
        execution.reset(identity)
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.FILLED)
            .lastQty(volume)
            .lastPrice(price)
            .cumQty(volume)
            .leavesQty(0)
            .avgPrice(price)
            .text(text);
        execution.tradeId().set("", deal);
        publish(nowNs);
    }

    /**
     * The order ended without (more) fills: REJECTED, CANCELED or EXPIRED, per its state.
     *
     * @param order    the order, already in its terminal state.
     * @param execType REJECTED, CANCELED or EXPIRED.
     * @param text     reason.
     * @param nowNs    gateway time.
     */
    void done(final Mt5Order order, final ExecType execType, final String text, final long nowNs)
    {
        execution.reset(order.identity)
            .execType(execType)
            .ordStatus(order.ordStatus())
            .cumQty(order.cumQty)
            .leavesQty(0)
            .avgPrice(order.avgPrice)
            .text(text);
        publish(nowNs);
    }

    /**
     * Answer the engine's reconciliation question from the gateway's book after a snapshot.
     *
     * @param query the question.
     * @param order the order it is about.
     * @param nowNs gateway time.
     */
    void statusAnswer(final io.sluice.gateway.OrderStatusQuery query, final Mt5Order order, final long nowNs)
    {
        query.answer(execution, order.ordStatus(), order.cumQty, order.avgPrice).order().venueOrderId().set(order.identity.venueOrderId());
        publish(nowNs);
    }

    /**
     * Tell the engine the terminal has no order, deal or history order with the client order id it asked about.
     *
     * @param query the question.
     * @param nowNs gateway time.
     */
    void statusNotFound(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        query.notFound(execution);
        publish(nowNs);
    }

    /**
     * The order's status without a trade: UNKNOWN after a lost answer, or the result of an amend.
     *
     * @param order the order.
     * @param text  what happened.
     * @param nowNs gateway time.
     */
    void status(final Mt5Order order, final String text, final long nowNs)
    {
        execution.reset(order.identity)
            .execType(ExecType.ORDER_STATUS)
            .ordStatus(order.ordStatus())
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty())
            .avgPrice(order.avgPrice)
            .text(text);
        publish(nowNs);
    }

    /**
     * A cancel or amend was refused (FIX answers both with an order cancel reject).
     *
     * @param identity  the order asked about.
     * @param ordStatus its status now.
     * @param cumQty    filled so far.
     * @param avgPrice  average price so far.
     * @param text      why.
     * @param nowNs     gateway time.
     */
    void cancelRejected(
        final OrderIdentity identity, final OrdStatus ordStatus, final long cumQty, final long avgPrice, final String text, final long nowNs)
    {
        execution.reset(identity)
            .execType(ExecType.CANCEL_REJECTED)
            .ordStatus(ordStatus)
            .cumQty(cumQty)
            .avgPrice(avgPrice)
            .text(text);
        publish(nowNs);
    }

    /**
     * A cancel or amend of a known order was refused.
     *
     * @param order the order.
     * @param text  why.
     * @param nowNs gateway time.
     */
    void cancelRejected(final Mt5Order order, final String text, final long nowNs)
    {
        cancelRejected(order.identity, order.ordStatus(), order.cumQty, order.avgPrice, text, nowNs);
    }

    /**
     * A NewOrder refused before any order existed at the terminal.
     *
     * @param identity the order.
     * @param text     reason.
     * @param nowNs    gateway time.
     */
    void rejected(final OrderIdentity identity, final String text, final long nowNs)
    {
        execution.reset(identity)
            .execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED)
            .text(text);
        publish(nowNs);
    }

    /**
     * Best bid and ask of a symbol, under Sluice's symbol.
     *
     * @param symbol the symbol.
     * @param nowNs  gateway time.
     */
    void marketData(final Mt5Symbol symbol, final long nowNs)
    {
        if (!publisher.marketData(
            symbol.canonicalField, nullIfZero(symbol.bid), nullIfZero(symbol.ask), Fixed.NULL, nowNs))
        {
            failedPublishCount++;
        }
    }

    /**
     * The terminal's rules for a symbol: tick size, volume step/min/max, contract size.
     *
     * @param symbol the symbol.
     * @param nowNs  gateway time.
     */
    void instrument(final Mt5Symbol symbol, final long nowNs)
    {
        rules.reset();
        rules.symbol().set(symbol.canonicalField);
        rules.venueSymbol().set(symbol.venueField);
        rules.tickSize(nullIfZero(symbol.tickSize))
            .lotSize(nullIfZero(symbol.volumeStep))
            .minQty(nullIfZero(symbol.volumeMin))
            .maxQty(nullIfZero(symbol.volumeMax))
            .contractSize(nullIfZero(symbol.contractSize));
        if (!publisher.instrumentDefinition(rules, nowNs))
        {
            failedPublishCount++;
        }
    }

    /**
     * Balance, equity and margin of an account.
     *
     * @param account    Sluice account name.
     * @param ccy        account currency.
     * @param balance    balance.
     * @param equity     equity.
     * @param marginFree free margin.
     * @param margin     margin in use.
     * @param nowNs      gateway time.
     */
    void account(
        final AsciiField account, final String ccy, final long balance, final long equity, final long marginFree, final long margin,
        final long nowNs)
    {
        currency.set(ccy);
        if (!publisher.accountUpdate(account, currency, balance, equity, marginFree, margin, nowNs))
        {
            failedPublishCount++;
        }
    }

    /**
     * Reports the publisher could not deliver (no subscriber, back pressure).
     *
     * @return count.
     */
    long failedPublishCount()
    {
        return failedPublishCount;
    }

    private void publish(final long nowNs)
    {
        if (!publisher.executionReport(execution, nowNs))
        {
            failedPublishCount++;
        }
    }

    private static long nullIfZero(final long value)
    {
        return value == 0 ? Fixed.NULL : value;
    }
}
