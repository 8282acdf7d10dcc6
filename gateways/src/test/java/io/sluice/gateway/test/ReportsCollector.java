package io.sluice.gateway.test;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Subscribes to a reports stream and decodes every ExecutionReport, MarketData and GatewayStatus into records
 * with the real decoders. Waits run a pump first (e.g. a gateway's {@code invoker()::invoke}), so a test can
 * drive an INVOKER-mode gateway and its reports in lock step.
 */
public final class ReportsCollector implements AutoCloseable
{
    private final Subscription subscription;
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ExecutionReportDecoder executionReportDecoder = new ExecutionReportDecoder();
    private final MarketDataDecoder marketDataDecoder = new MarketDataDecoder();
    private final GatewayStatusDecoder gatewayStatusDecoder = new GatewayStatusDecoder();
    private final List<Object> events = new ArrayList<>();
    private Runnable pump = () -> {};

    /**
     * Subscribe to a reports stream.
     *
     * @param aeron    connected client.
     * @param channel  reports channel.
     * @param streamId reports stream id.
     */
    public ReportsCollector(final Aeron aeron, final String channel, final int streamId)
    {
        subscription = aeron.addSubscription(channel, streamId);
    }

    /**
     * Work to run before every poll in the waits, e.g. stepping a gateway.
     *
     * @param pump the work.
     * @return this for a fluent API.
     */
    public ReportsCollector pump(final Runnable pump)
    {
        this.pump = pump;
        return this;
    }

    /**
     * Read what has arrived.
     *
     * @return fragments read.
     */
    public int poll()
    {
        return subscription.poll(fragmentAssembler, 100);
    }

    /**
     * Pump and poll until nothing more arrives for a few rounds; with an INVOKER-mode gateway this is everything
     * the gateway had to say.
     */
    public void drain()
    {
        int quietRounds = 0;
        while (quietRounds < 3)
        {
            pump.run();
            quietRounds = poll() == 0 ? quietRounds + 1 : 0;
        }
    }

    /**
     * Every event in arrival order.
     *
     * @return a copy of the events.
     */
    public List<Object> events()
    {
        return new ArrayList<>(events);
    }

    /**
     * Execution reports received so far.
     *
     * @return reports in arrival order.
     */
    public List<ExecutionReportEvent> executionReports()
    {
        return ofType(ExecutionReportEvent.class);
    }

    /**
     * Execution reports about one client order id.
     *
     * @param clientOrderId the order.
     * @return reports in arrival order.
     */
    public List<ExecutionReportEvent> executionReports(final String clientOrderId)
    {
        return executionReports().stream().filter((e) -> e.clientOrderId().equals(clientOrderId)).collect(Collectors.toList());
    }

    /**
     * Market data received so far.
     *
     * @return messages in arrival order.
     */
    public List<MarketDataEvent> marketData()
    {
        return ofType(MarketDataEvent.class);
    }

    /**
     * Gateway statuses received so far.
     *
     * @return messages in arrival order.
     */
    public List<GatewayStatusEvent> statuses()
    {
        return ofType(GatewayStatusEvent.class);
    }

    /**
     * Forget what was received.
     */
    public void clear()
    {
        events.clear();
    }

    /**
     * Wait until the stream has a publisher.
     */
    public void awaitConnected()
    {
        Await.until("reports publisher to connect", pump, subscription::isConnected);
    }

    /**
     * Wait for a number of execution reports about one order.
     *
     * @param clientOrderId the order.
     * @param count         reports expected.
     * @return the first {@code count} reports for the order.
     */
    public List<ExecutionReportEvent> awaitExecutionReports(final String clientOrderId, final int count)
    {
        Await.until(
            count + " execution report(s) for " + clientOrderId,
            this::pumpAndPoll,
            () -> executionReports(clientOrderId).size() >= count,
            this::executionReports);
        return executionReports(clientOrderId).subList(0, count);
    }

    /**
     * Wait for an execution report about an order of a given type.
     *
     * @param clientOrderId the order.
     * @param execType      the kind of report.
     * @return the first such report.
     */
    public ExecutionReportEvent awaitExecutionReport(final String clientOrderId, final ExecType execType)
    {
        return await(
            ExecutionReportEvent.class,
            (e) -> e.clientOrderId().equals(clientOrderId) && e.execType() == execType,
            execType + " for " + clientOrderId);
    }

    /**
     * Wait for market data matching a condition.
     *
     * @param condition the condition.
     * @param what      description for the failure message.
     * @return the first matching message.
     */
    public MarketDataEvent awaitMarketData(final Predicate<MarketDataEvent> condition, final String what)
    {
        return await(MarketDataEvent.class, condition, what);
    }

    /**
     * Wait for a gateway status of a given state.
     *
     * @param state awaited state.
     * @return the first status with that state.
     */
    public GatewayStatusEvent awaitStatus(final GatewayState state)
    {
        return await(GatewayStatusEvent.class, (s) -> s.state() == state, "GatewayStatus " + state);
    }

    /**
     * Wait for an event of a type matching a condition (events already received count).
     *
     * @param type      event record type.
     * @param condition the condition.
     * @param what      description for the failure message.
     * @param <T>       event type.
     * @return the first matching event.
     */
    public <T> T await(final Class<T> type, final Predicate<T> condition, final String what)
    {
        Await.until(what, this::pumpAndPoll, () -> ofType(type).stream().anyMatch(condition), this::events);
        return ofType(type).stream().filter(condition).findFirst().orElseThrow();
    }

    /**
     * Close the subscription.
     */
    public void close()
    {
        CloseHelper.close(subscription);
    }

    private void pumpAndPoll()
    {
        pump.run();
        poll();
    }

    private <T> List<T> ofType(final Class<T> type)
    {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != ExecutionReportDecoder.SCHEMA_ID)
        {
            throw new AssertionError("unexpected schema id on reports: " + headerDecoder.schemaId());
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (headerDecoder.templateId())
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
            {
                final ExecutionReportDecoder d = executionReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                events.add(new ExecutionReportEvent(
                    d.clientOrderId(), d.venueOrderId(), d.account(), d.venue(), d.symbol(), d.execType(), d.ordStatus(),
                    d.side(), d.lastQty(), d.lastPrice(), d.cumQty(), d.leavesQty(), d.avgPrice(), d.transactTimeNs(),
                    d.text()));
                break;
            }
            case MarketDataDecoder.TEMPLATE_ID:
            {
                final MarketDataDecoder d = marketDataDecoder.wrap(buffer, bodyOffset, blockLength, version);
                events.add(new MarketDataEvent(d.venue(), d.symbol(), d.bid(), d.ask(), d.last(), d.timestampNs()));
                break;
            }
            case GatewayStatusDecoder.TEMPLATE_ID:
            {
                final GatewayStatusDecoder d = gatewayStatusDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final String venue = d.venue();
                final GatewayState state = d.state();
                final long timestampNs = d.timestampNs();
                events.add(new GatewayStatusEvent(venue, state, timestampNs, d.detail()));
                break;
            }
            default:
                throw new AssertionError("unexpected template id on reports: " + headerDecoder.templateId());
        }
    }
}
