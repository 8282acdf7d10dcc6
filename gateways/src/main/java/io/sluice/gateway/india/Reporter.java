package io.sluice.gateway.india;

import io.sluice.gateway.AsciiField;
import io.sluice.gateway.Execution;
import io.sluice.gateway.InstrumentRules;
import io.sluice.gateway.OrderIdentity;
import io.sluice.gateway.ReportPublisher;
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.InstrumentKind;
import io.sluice.sbe.OrdStatus;

/**
 * Everything the Indian venues publish, in one place, on the agent thread: execution reports (always with the order's
 * aggregate quantities), gateway status, account updates, instrument definitions and underlying market data.
 */
final class Reporter
{
    private final Execution execution = new Execution();
    private final InstrumentRules rules = new InstrumentRules();
    private final AsciiField account = new AsciiField(AccountUpdateEncoder.accountLength());
    private final AsciiField currency = new AsciiField(AccountUpdateEncoder.currencyLength()).set("INR");
    private final AsciiField symbol = new AsciiField(ExecutionReportEncoder.symbolLength());
    private ReportPublisher publisher;

    void attach(final ReportPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Refuse a new order that never reached the broker.
     */
    void reject(final OrderIdentity order, final String text, final long nowNs)
    {
        execution.reset(order).execType(ExecType.REJECTED).ordStatus(OrdStatus.REJECTED).text(ascii(text));
        publisher.executionReport(execution, nowNs);
    }

    /**
     * An order canceled while it waited for its account, never sent to the broker.
     */
    void canceledUnsent(final OrderIdentity order, final String text, final long nowNs)
    {
        execution.reset(order).execType(ExecType.CANCELED).ordStatus(OrdStatus.CANCELED).text(ascii(text));
        publisher.executionReport(execution, nowNs);
    }

    /**
     * Refuse a cancel (or report an amend outcome) with the order's current aggregate.
     */
    void orderStatus(
        final TrackedOrder order, final ExecType execType, final OrdStatus status, final String text, final long nowNs)
    {
        final long cum = order.cumQty();
        execution.reset(order.identity)
            .execType(execType)
            .ordStatus(status)
            .cumQty(cum)
            .leavesQty(status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED || status == OrdStatus.UNKNOWN ?
                Math.max(0, order.quantity() - cum) : 0)
            .avgPrice(cum == 0 ? 0 : Fixed.mulDiv(order.notional(), Fixed.SCALE, cum))
            .text(ascii(text));
        publisher.executionReport(execution, nowNs);
    }

    /**
     * Answer the engine's reconciliation question from a tracked order (null: nothing placed yet).
     */
    void statusAnswer(
        final io.sluice.gateway.OrderStatusQuery query, final TrackedOrder order, final OrdStatus status, final long nowNs)
    {
        final long cum = order == null ? 0 : order.cumQty();
        query.answer(execution, status, cum, cum == 0 ? 0 : Fixed.mulDiv(order.notional(), Fixed.SCALE, cum));
        if (order != null)
        {
            execution.order().venueOrderId().set(order.identity.venueOrderId());
        }
        publisher.executionReport(execution, nowNs);
    }

    /**
     * Tell the engine the broker has no order with the tag it asked about.
     */
    void statusNotFound(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        publisher.executionReport(query.notFound(execution), nowNs);
    }

    /**
     * A cancel refused for an order the gateway does not hold.
     */
    void cancelRejectUnknown(final OrderIdentity order, final String text, final long nowNs)
    {
        execution.reset(order).execType(ExecType.CANCEL_REJECTED).ordStatus(OrdStatus.REJECTED).text(ascii(text));
        publisher.executionReport(execution, nowNs);
    }

    /**
     * A fill: the order's total filled quantity grew.
     */
    void trade(
        final TrackedOrder order, final long lastQty, final long lastPrice, final long cumQty, final long avgPrice,
        final OrdStatus status, final String tradeId, final long nowNs)
    {
        execution.reset(order.identity)
            .execType(ExecType.TRADE)
            .ordStatus(status)
            .lastQty(lastQty)
            .lastPrice(lastPrice)
            .cumQty(cumQty)
            .leavesQty(status == OrdStatus.FILLED ? 0 : Math.max(0, order.quantity() - cumQty))
            .avgPrice(avgPrice);
        execution.tradeId().set(tradeId);
        publisher.executionReport(execution, nowNs);
    }

    void status(final GatewayState state, final String detail, final long nowNs)
    {
        publisher.gatewayStatus(state, nowNs, ascii(detail));
    }

    void funds(final String accountName, final Funds funds, final long nowNs)
    {
        account.set(accountName);
        publisher.accountUpdate(account, currency, funds.balance(), funds.equity(), funds.marginAvailable(), funds.marginUsed(), nowNs);
    }

    static long yyyymmdd(final java.time.LocalDate date)
    {
        return date.getYear() * 10_000L + date.getMonthValue() * 100L + date.getDayOfMonth();
    }

    void instrument(final Instrument instrument, final java.time.LocalDate syncDate, final long nowNs)
    {
        rules.reset();
        rules.symbol().set(instrument.symbol());
        rules.venueSymbol().set(instrument.venueSymbol());
        rules.venueToken().set(instrument.venueToken());
        rules.tickSize(instrument.tickSize())
            .lotSize(instrument.lotSize())
            .minQty(instrument.lotSize())
            .freezeQty(instrument.freezeQty())
            .kind(InstrumentKind.valueOf(instrument.kind().name()))
            .strike(instrument.strike())
            .syncDate(yyyymmdd(syncDate));
        if (instrument.expiry() != null)
        {
            rules.expiryDate(yyyymmdd(instrument.expiry()));
        }
        rules.underlying().set(instrument.underlying());
        rules.exchangeSegment().set(instrument.exchange());
        publisher.instrumentDefinition(rules, nowNs);
    }

    void underlying(final String underlying, final long last, final long nowNs)
    {
        symbol.set(underlying);
        publisher.marketData(symbol, Fixed.NULL, Fixed.NULL, last, nowNs);
    }

    /**
     * Broker messages may carry non-ASCII text; reports and status details are ASCII.
     */
    static String ascii(final String text)
    {
        if (text == null)
        {
            return "";
        }
        boolean clean = true;
        for (int i = 0; i < text.length() && clean; i++)
        {
            clean = text.charAt(i) < 128 && text.charAt(i) >= 32;
        }
        if (clean)
        {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            out.append(c < 128 && c >= 32 ? c : '?');
        }
        return out.toString();
    }
}
