package io.sluice.gateway.binance;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.gateway.test.Await;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Subscribes to a reports stream (before the gateway starts, so nothing is missed) and decodes every message a Binance
 * gateway publishes, including InstrumentDefinition, AccountUpdate and the ExecutionReport v1 fields.
 */
final class BinanceReports implements AutoCloseable
{
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final InstrumentDefinitionDecoder instrument = new InstrumentDefinitionDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final List<Object> events = new ArrayList<>();
    private Runnable pump = () -> {};

    BinanceReports(final Aeron aeron, final String channel, final int streamId)
    {
        subscription = aeron.addSubscription(channel, streamId);
    }

    BinanceReports pump(final Runnable pump)
    {
        this.pump = pump;
        return this;
    }

    void poll()
    {
        subscription.poll(assembler, 256);
    }

    /** Step the gateway and read until nothing new arrives for a few rounds. */
    void drain()
    {
        int quiet = 0;
        while (quiet < 5)
        {
            pump.run();
            quiet = subscription.poll(assembler, 256) == 0 ? quiet + 1 : 0;
        }
    }

    List<Object> events()
    {
        return new ArrayList<>(events);
    }

    <T> List<T> of(final Class<T> type)
    {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<Reported.Execution> executions(final String clientOrderId)
    {
        return of(Reported.Execution.class).stream().filter((e) -> e.clientOrderId().equals(clientOrderId))
            .collect(Collectors.toList());
    }

    <T> T await(final Class<T> type, final Predicate<T> condition, final String what)
    {
        Await.until(what, this::pumpAndPoll, () -> of(type).stream().anyMatch(condition), this::events);
        return of(type).stream().filter(condition).findFirst().orElseThrow();
    }

    /** Wait for an event matching a condition that arrives after the given number of events. */
    <T> T awaitAfter(final int index, final Class<T> type, final Predicate<T> condition, final String what)
    {
        Await.until(what, this::pumpAndPoll, () -> after(index, type).stream().anyMatch(condition), this::events);
        return after(index, type).stream().filter(condition).findFirst().orElseThrow();
    }

    private <T> List<T> after(final int index, final Class<T> type)
    {
        return events.subList(Math.min(index, events.size()), events.size()).stream().filter(type::isInstance).map(type::cast)
            .collect(Collectors.toList());
    }

    Reported.Execution awaitExecution(final String clientOrderId, final ExecType execType)
    {
        return await(Reported.Execution.class, (e) -> e.clientOrderId().equals(clientOrderId) && e.execType() == execType,
            execType + " for " + clientOrderId);
    }

    Reported.Status awaitStatus(final GatewayState state)
    {
        return await(Reported.Status.class, (s) -> s.state() == state, "GatewayStatus " + state);
    }

    int size()
    {
        return events.size();
    }

    private void pumpAndPoll()
    {
        pump.run();
        subscription.poll(assembler, 256);
    }

    public void close()
    {
        CloseHelper.close(subscription);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
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
                events.add(new Reported.Execution(d.clientOrderId(), d.venueOrderId(), d.account(), d.symbol(), d.execType(),
                    d.ordStatus(), d.side(), d.lastQty(), d.lastPrice(), d.cumQty(), d.leavesQty(), d.avgPrice(), d.tradeId(),
                    d.commission(), d.commissionAsset(), d.text()));
                break;
            }
            case GatewayStatusDecoder.TEMPLATE_ID:
            {
                final GatewayStatusDecoder d = gatewayStatus.wrap(buffer, body, blockLength, version);
                final GatewayState state = d.state();
                events.add(new Reported.Status(state, d.detail()));
                break;
            }
            case MarketDataDecoder.TEMPLATE_ID:
            {
                final MarketDataDecoder d = marketData.wrap(buffer, body, blockLength, version);
                events.add(new Reported.Quote(d.symbol(), d.bid(), d.ask(), d.last()));
                break;
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
            {
                final InstrumentDefinitionDecoder d = instrument.wrap(buffer, body, blockLength, version);
                events.add(new Reported.Instrument(d.symbol(), d.venueSymbol(), d.tickSize(), d.lotSize(), d.minQty(), d.maxQty(),
                    d.minNotional(), d.contractSize()));
                break;
            }
            case AccountUpdateDecoder.TEMPLATE_ID:
            {
                final AccountUpdateDecoder d = accountUpdate.wrap(buffer, body, blockLength, version);
                events.add(new Reported.Account(d.account(), d.currency(), d.balance(), d.equity(), d.marginAvailable(),
                    d.marginUsed()));
                break;
            }
            default:
                throw new AssertionError("unexpected template on reports: " + header.templateId());
        }
    }
}
