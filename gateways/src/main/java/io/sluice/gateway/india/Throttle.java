package io.sluice.gateway.india;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The rate limits of one broker account in front of the {@link RestClient}: each endpoint belongs to a limiter
 * group (endpoints of a group share one {@link RateLimiter}); a call that finds its group's window full waits in that
 * group's FIFO and is sent by {@link #drain} as soon as the window has room, so nothing is dropped and each group keeps
 * its order. Single threaded (agent thread).
 */
public final class Throttle
{
    private final RestClient rest;
    private final Map<Endpoint, RateLimiter> limiters = new EnumMap<>(Endpoint.class);
    private final Map<RateLimiter, ArrayDeque<Pending<?>>> waiting = new IdentityHashMap<>();
    private int waitingCount;

    /**
     * A throttle.
     *
     * @param rest     where permitted calls go.
     * @param limiters limiter of each endpoint; endpoints mapped to the same instance share it; an endpoint without a
     *                 limiter is sent at once.
     */
    public Throttle(final RestClient rest, final Map<Endpoint, RateLimiter> limiters)
    {
        this.rest = rest;
        this.limiters.putAll(limiters);
        for (final RateLimiter limiter : limiters.values())
        {
            waiting.putIfAbsent(limiter, new ArrayDeque<>());
        }
    }

    /**
     * Send a call now if its group has room and nothing of its group is waiting, else queue it.
     *
     * @param call    the call.
     * @param handler its handler.
     * @param nowNs   epoch nanoseconds.
     * @param <T>     value type.
     */
    public <T> void submit(final BrokerCall<T> call, final RestClient.ResultHandler<T> handler, final long nowNs)
    {
        final RateLimiter limiter = limiters.get(call.endpoint());
        if (limiter == null)
        {
            rest.submit(call, handler);
            return;
        }
        final ArrayDeque<Pending<?>> queue = waiting.get(limiter);
        if (queue.isEmpty() && limiter.tryAcquire(nowNs))
        {
            rest.submit(call, handler);
            return;
        }
        queue.addLast(new Pending<>(call, handler));
        waitingCount++;
    }

    /**
     * Send waiting calls whose group now has room.
     *
     * @param nowNs epoch nanoseconds.
     * @return calls sent.
     */
    public int drain(final long nowNs)
    {
        if (waitingCount == 0)
        {
            return 0;
        }
        int sent = 0;
        for (final Map.Entry<RateLimiter, ArrayDeque<Pending<?>>> entry : waiting.entrySet())
        {
            final ArrayDeque<Pending<?>> queue = entry.getValue();
            while (!queue.isEmpty() && entry.getKey().tryAcquire(nowNs))
            {
                queue.pollFirst().send(rest);
                waitingCount--;
                sent++;
            }
        }
        return sent;
    }

    /**
     * Calls waiting for their window.
     *
     * @return count.
     */
    public int waiting()
    {
        return waitingCount;
    }

    private static final class Pending<T>
    {
        private final BrokerCall<T> call;
        private final RestClient.ResultHandler<T> handler;

        Pending(final BrokerCall<T> call, final RestClient.ResultHandler<T> handler)
        {
            this.call = call;
            this.handler = handler;
        }

        void send(final RestClient rest)
        {
            rest.submit(call, handler);
        }
    }
}
