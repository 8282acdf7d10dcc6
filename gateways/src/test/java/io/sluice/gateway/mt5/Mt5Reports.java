package io.sluice.gateway.mt5;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decodes everything a gateway publishes on the reports stream with schema v1 (ExecutionReport with trade id and
 * commission, MarketData, GatewayStatus, InstrumentDefinition, AccountUpdate); waits pump the gateway first.
 */
final class Mt5Reports implements AutoCloseable
{
    /** An ExecutionReport with every v1 field. */
    record Report(
        String clientOrderId, String venueOrderId, String account, String symbol, ExecType execType, OrdStatus ordStatus, Side side,
        long lastQty, long lastPrice, long cumQty, long leavesQty, long avgPrice, String tradeId, long commission,
        String commissionAsset, String text)
    {
        public String toString()
        {
            return "Report{" + clientOrderId + " " + venueOrderId + " " + account + " " + symbol + " " + execType + " " + ordStatus +
                " " + side + " last=" + Fixed.toString(lastQty) + "@" + Fixed.toString(lastPrice) + " cum=" + Fixed.toString(cumQty) +
                " leaves=" + Fixed.toString(leavesQty) + " avg=" + Fixed.toString(avgPrice) + " trade=" + tradeId +
                " commission=" + Fixed.toString(commission) + " " + commissionAsset + " text='" + text + "'}";
        }
    }

    /** An InstrumentDefinition. */
    record Instrument(String symbol, String venueSymbol, long tickSize, long lotSize, long minQty, long maxQty, long contractSize)
    {
    }

    /** An AccountUpdate. */
    record Account(String account, String currency, long balance, long equity, long marginAvailable, long marginUsed)
    {
    }

    private final Subscription subscription;
    private final Runnable pump;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final InstrumentDefinitionDecoder instrument = new InstrumentDefinitionDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final List<Object> events = new ArrayList<>();

    Mt5Reports(final Aeron aeron, final String channel, final int streamId, final Runnable pump)
    {
        this.subscription = aeron.addSubscription(channel, streamId);
        this.pump = pump;
    }

    Subscription subscription()
    {
        return subscription;
    }

    List<Object> events()
    {
        return new ArrayList<>(events);
    }

    List<Report> reports()
    {
        return ofType(Report.class);
    }

    List<Report> reports(final String clientOrderId)
    {
        return reports().stream().filter((r) -> r.clientOrderId().equals(clientOrderId)).collect(Collectors.toList());
    }

    List<GatewayStatusEvent> statuses()
    {
        return ofType(GatewayStatusEvent.class);
    }

    List<Instrument> instruments()
    {
        return ofType(Instrument.class);
    }

    List<Account> accounts()
    {
        return ofType(Account.class);
    }

    List<MarketDataEvent> marketData()
    {
        return ofType(MarketDataEvent.class);
    }

    void clear()
    {
        events.clear();
    }

    Report awaitReport(final String clientOrderId, final ExecType execType)
    {
        return await(Report.class, (r) -> r.clientOrderId().equals(clientOrderId) && r.execType() == execType,
            execType + " for " + clientOrderId);
    }

    GatewayStatusEvent awaitStatus(final GatewayState state, final String detailPart)
    {
        return await(GatewayStatusEvent.class, (s) -> s.state() == state && s.detail().contains(detailPart),
            "GatewayStatus " + state + " containing '" + detailPart + "'");
    }

    <T> T await(final Class<T> type, final Predicate<T> condition, final String what)
    {
        Await.until(what, this::pumpAndPoll, () -> ofType(type).stream().anyMatch(condition), this::events);
        return ofType(type).stream().filter(condition).findFirst().orElseThrow();
    }

    /**
     * Pump and poll until a few rounds bring nothing new.
     */
    void drain()
    {
        int quiet = 0;
        while (quiet < 20)
        {
            pump.run();
            quiet = subscription.poll(assembler, 100) == 0 ? quiet + 1 : 0;
            Thread.onSpinWait();
        }
    }

    public void close()
    {
        CloseHelper.close(subscription);
    }

    private void pumpAndPoll()
    {
        pump.run();
        subscription.poll(assembler, 100);
    }

    private <T> List<T> ofType(final Class<T> type)
    {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header frameHeader)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
            {
                final ExecutionReportDecoder d = executionReport.wrap(buffer, body, blockLength, version);
                events.add(new Report(d.clientOrderId(), d.venueOrderId(), d.account(), d.symbol(), d.execType(), d.ordStatus(),
                    d.side(), d.lastQty(), d.lastPrice(), d.cumQty(), d.leavesQty(), d.avgPrice(), d.tradeId(), d.commission(),
                    d.commissionAsset(), d.text()));
                break;
            }
            case MarketDataDecoder.TEMPLATE_ID:
            {
                final MarketDataDecoder d = marketData.wrap(buffer, body, blockLength, version);
                events.add(new MarketDataEvent(d.venue(), d.symbol(), d.bid(), d.ask(), d.last(), d.timestampNs()));
                break;
            }
            case GatewayStatusDecoder.TEMPLATE_ID:
            {
                final GatewayStatusDecoder d = gatewayStatus.wrap(buffer, body, blockLength, version);
                final String venue = d.venue();
                final GatewayState state = d.state();
                final long timestampNs = d.timestampNs();
                events.add(new GatewayStatusEvent(venue, state, timestampNs, d.detail()));
                break;
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
            {
                final InstrumentDefinitionDecoder d = instrument.wrap(buffer, body, blockLength, version);
                events.add(new Instrument(d.symbol(), d.venueSymbol(), d.tickSize(), d.lotSize(), d.minQty(), d.maxQty(), d.contractSize()));
                break;
            }
            case AccountUpdateDecoder.TEMPLATE_ID:
            {
                final AccountUpdateDecoder d = accountUpdate.wrap(buffer, body, blockLength, version);
                events.add(new Account(d.account(), d.currency(), d.balance(), d.equity(), d.marginAvailable(), d.marginUsed()));
                break;
            }
            default:
                throw new AssertionError("unexpected template id on reports: " + header.templateId());
        }
    }
}
