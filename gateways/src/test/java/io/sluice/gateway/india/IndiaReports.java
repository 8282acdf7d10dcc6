package io.sluice.gateway.india;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.MarketDataEvent;
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
 * Everything an Indian venue publishes on the reports stream, decoded with the real decoders (execution reports,
 * gateway status, market data, and the schema v1 instrument definitions and account updates), with waits that pump the
 * gateway first.
 */
public final class IndiaReports implements AutoCloseable
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

    IndiaReports(final Aeron aeron, final String channel, final int streamId)
    {
        subscription = aeron.addSubscription(channel, streamId);
    }

    IndiaReports pump(final Runnable pump)
    {
        this.pump = pump;
        return this;
    }

    void awaitConnected()
    {
        Await.until("reports publisher to connect", pump, subscription::isConnected);
    }

    /**
     * Every event so far, in arrival order.
     *
     * @return a copy.
     */
    public List<Object> events()
    {
        return new ArrayList<>(events);
    }

    /**
     * Events of a type.
     *
     * @param type record type.
     * @param <T>  type.
     * @return matching events in order.
     */
    public <T> List<T> ofType(final Class<T> type)
    {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /**
     * Execution reports of one order.
     *
     * @param clientOrderId the order.
     * @return reports in order.
     */
    public List<ExecutionReportEvent> executionReports(final String clientOrderId)
    {
        return ofType(ExecutionReportEvent.class).stream().filter((e) -> e.clientOrderId().equals(clientOrderId))
            .collect(Collectors.toList());
    }

    /**
     * Wait for a report of an order of a kind.
     *
     * @param clientOrderId the order.
     * @param execType      the kind.
     * @return the first such report.
     */
    public ExecutionReportEvent awaitExecutionReport(final String clientOrderId, final ExecType execType)
    {
        return await(ExecutionReportEvent.class, (e) -> e.clientOrderId().equals(clientOrderId) && e.execType() == execType,
            execType + " for " + clientOrderId);
    }

    /**
     * Wait for a gateway status of a state.
     *
     * @param state the state.
     * @return the first (since the last clear) with it.
     */
    public GatewayStatusEvent awaitStatus(final GatewayState state)
    {
        return await(GatewayStatusEvent.class, (s) -> s.state() == state, "GatewayStatus " + state);
    }

    /**
     * Wait for an event matching a condition.
     *
     * @param type      record type.
     * @param condition condition.
     * @param what      description for failures.
     * @param <T>       type.
     * @return the first match.
     */
    public <T> T await(final Class<T> type, final Predicate<T> condition, final String what)
    {
        Await.until(what, this::pumpAndPoll, () -> ofType(type).stream().anyMatch(condition), this::describe);
        return ofType(type).stream().filter(condition).findFirst().orElseThrow();
    }

    /**
     * Pump and poll for a while so late events (that must not come) would arrive.
     *
     * @param rounds pump rounds.
     */
    public void settle(final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            pumpAndPoll();
            Thread.yield();
        }
    }

    /**
     * Forget what was received.
     */
    public void clear()
    {
        events.clear();
    }

    public void close()
    {
        CloseHelper.close(subscription);
    }

    void pumpAndPoll()
    {
        pump.run();
        subscription.poll(assembler, 100);
    }

    private String describe()
    {
        final List<Object> interesting = events.stream()
            .filter((e) -> !(e instanceof InstrumentDefinitionEvent))
            .collect(Collectors.toList());
        return interesting.toString();
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
                events.add(new ExecutionReportEvent(
                    d.clientOrderId(), d.venueOrderId(), d.account(), d.venue(), d.symbol(), d.execType(), d.ordStatus(),
                    d.side(), d.lastQty(), d.lastPrice(), d.cumQty(), d.leavesQty(), d.avgPrice(), d.transactTimeNs(), d.text()));
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
            case MarketDataDecoder.TEMPLATE_ID:
            {
                final MarketDataDecoder d = marketData.wrap(buffer, body, blockLength, version);
                events.add(new MarketDataEvent(d.venue(), d.symbol(), d.bid(), d.ask(), d.last(), d.timestampNs()));
                break;
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
            {
                final InstrumentDefinitionDecoder d = instrument.wrap(buffer, body, blockLength, version);
                events.add(new InstrumentDefinitionEvent(d.venue(), d.symbol(), d.venueSymbol(), d.venueToken(), d.tickSize(),
                    d.lotSize(), d.freezeQty(), d.underlying(), d.instrumentKind().name(), d.expiryDate(), d.strike(),
                    d.exchangeSegment(), d.syncDate()));
                break;
            }
            case AccountUpdateDecoder.TEMPLATE_ID:
            {
                final AccountUpdateDecoder d = accountUpdate.wrap(buffer, body, blockLength, version);
                events.add(new AccountUpdateEvent(d.account(), d.venue(), d.currency(), d.balance(), d.equity(),
                    d.marginAvailable(), d.marginUsed()));
                break;
            }
            default:
                throw new AssertionError("unexpected template id on reports: " + header.templateId());
        }
    }
}
