package io.sluice.gateway.india;

/**
 * Receives order updates a broker pushes (Kite postbacks), on any thread; the venue queues them for its agent.
 */
@FunctionalInterface
public interface OrderUpdateSink
{
    /**
     * One verified update.
     *
     * @param account account the update belongs to.
     * @param order   the order as the broker reports it.
     */
    void onOrderUpdate(String account, BrokerOrder order);
}
