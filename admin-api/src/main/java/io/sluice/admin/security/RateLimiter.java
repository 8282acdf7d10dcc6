package io.sluice.admin.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.agrona.concurrent.EpochNanoClock;

/**
 * Token buckets per client (a user name, or the remote address before authentication): {@code burst} requests at
 * once, refilled at {@code perSecond}. The number of clients tracked is bounded; idle full buckets are dropped first.
 */
public final class RateLimiter
{
    private static final int MAX_CLIENTS = 10_000;
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final EpochNanoClock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket
    {
        double tokens;
        long lastNs;

        Bucket(final double tokens, final long lastNs)
        {
            this.tokens = tokens;
            this.lastNs = lastNs;
        }
    }

    /**
     * A limiter.
     *
     * @param clock     time source.
     * @param perSecond sustained requests per second per client.
     * @param burst     requests allowed at once.
     */
    public RateLimiter(final EpochNanoClock clock, final double perSecond, final int burst)
    {
        if (perSecond <= 0 || burst < 1)
        {
            throw new IllegalArgumentException("rate limit must be positive with a burst of at least 1");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /**
     * Take one request's token.
     *
     * @param client the client key.
     * @return 0 when allowed, else the whole seconds to wait before retrying (at least 1).
     */
    public long acquire(final String client)
    {
        final long nowNs = clock.nanoTime();
        if (buckets.size() >= MAX_CLIENTS)
        {
            evict(nowNs);
        }
        final Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNs));
        synchronized (bucket)
        {
            final long elapsedNs = Math.max(0, nowNs - bucket.lastNs);
            bucket.tokens = Math.min(burst, bucket.tokens + elapsedNs * perSecond / NS_PER_SECOND);
            bucket.lastNs = nowNs;
            if (bucket.tokens >= 1)
            {
                bucket.tokens -= 1;
                return 0;
            }
            final double missing = 1 - bucket.tokens;
            return Math.max(1, (long)Math.ceil(missing / perSecond));
        }
    }

    private void evict(final long nowNs)
    {
        final Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
        while (it.hasNext())
        {
            final Bucket bucket = it.next().getValue();
            synchronized (bucket)
            {
                if (bucket.tokens + (nowNs - bucket.lastNs) * perSecond / NS_PER_SECOND >= burst)
                {
                    it.remove();
                }
            }
        }
        if (buckets.size() >= MAX_CLIENTS)
        {
            buckets.clear();
        }
    }
}
