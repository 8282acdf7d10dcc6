package io.sluice.gateway.binance.fake;

import java.util.concurrent.TimeUnit;

/**
 * Binance's request-weight (per IP, per minute) and order-count (per account, per 10 s and per day) limits, with
 * windows aligned to clock boundaries. Breaking a limit gets 429 with {@code Retry-After}; any request before that
 * time passes gets 418 (an IP ban) with a longer {@code Retry-After}, as the documentation warns.
 */
public final class FakeRateLimiter
{
    private static final long MINUTE_MS = TimeUnit.MINUTES.toMillis(1);
    private static final long TEN_SECONDS_MS = TimeUnit.SECONDS.toMillis(10);
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    private long weightLimit = 6000;
    private long orderLimit10s = 50;
    private long orderLimitDay = 160_000;
    private long banMs = TimeUnit.MINUTES.toMillis(2);

    private long weightWindow = Long.MIN_VALUE;
    private long weightUsed;
    private long orderWindow10s = Long.MIN_VALUE;
    private long orders10s;
    private long orderWindowDay = Long.MIN_VALUE;
    private long ordersDay;
    private long retryAfterUntilMs;
    private long bannedUntilMs;
    private int count429;
    private int count418;

    /** The outcome of a limit check. */
    public record Verdict(int status, int code, String msg, long retryAfterSeconds)
    {
        /** Whether the request may proceed. */
        public boolean allowed()
        {
            return status == 0;
        }
    }

    private static final Verdict ALLOWED = new Verdict(0, 0, "", 0);

    synchronized void limits(final long weightPerMinute, final long ordersPer10s, final long banMillis)
    {
        weightLimit = weightPerMinute;
        orderLimit10s = ordersPer10s;
        banMs = banMillis;
    }

    /**
     * Count a request's weight; refuse it (429/418) when over the limit or while a Retry-After is running.
     *
     * @param weight request weight.
     * @param nowMs  venue time.
     * @return the verdict.
     */
    synchronized Verdict onRequest(final int weight, final long nowMs)
    {
        if (nowMs < bannedUntilMs)
        {
            count418++;
            return new Verdict(418, -1003, "Way too much request weight used; IP banned until " + bannedUntilMs +
                ". Please use WebSocket Streams for live updates to avoid bans.", seconds(bannedUntilMs - nowMs));
        }
        if (nowMs < retryAfterUntilMs)
        {
            // Continuing after a 429 is what gets an IP banned.
            bannedUntilMs = nowMs + banMs;
            count418++;
            return new Verdict(418, -1003, "Way too much request weight used; IP banned until " + bannedUntilMs +
                ". Please use WebSocket Streams for live updates to avoid bans.", seconds(banMs));
        }
        rollWeight(nowMs);
        if (weightUsed + weight > weightLimit)
        {
            retryAfterUntilMs = (weightWindow + 1) * MINUTE_MS;
            count429++;
            return new Verdict(429, -1003, "Too much request weight used; current limit is " + weightLimit +
                " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
                seconds(retryAfterUntilMs - nowMs));
        }
        weightUsed += weight;
        return ALLOWED;
    }

    /**
     * Count a new order; refuse it (429, -1015) when over the order-count limits.
     *
     * @param nowMs venue time.
     * @return the verdict.
     */
    synchronized Verdict onOrder(final long nowMs)
    {
        rollOrders(nowMs);
        if (orders10s + 1 > orderLimit10s)
        {
            retryAfterUntilMs = (orderWindow10s + 1) * TEN_SECONDS_MS;
            count429++;
            return new Verdict(429, -1015, "Too many new orders; current limit is " + orderLimit10s + " orders per 10 SECOND.",
                seconds(retryAfterUntilMs - nowMs));
        }
        if (ordersDay + 1 > orderLimitDay)
        {
            count429++;
            return new Verdict(429, -1015, "Too many new orders; current limit is " + orderLimitDay + " orders per DAY.",
                seconds((orderWindowDay + 1) * DAY_MS - nowMs));
        }
        orders10s++;
        ordersDay++;
        return ALLOWED;
    }

    synchronized void consume(final long weight, final long nowMs)
    {
        rollWeight(nowMs);
        weightUsed += weight;
    }

    synchronized void ban(final long untilMs)
    {
        bannedUntilMs = untilMs;
    }

    synchronized long usedWeight(final long nowMs)
    {
        rollWeight(nowMs);
        return weightUsed;
    }

    synchronized long orders10s(final long nowMs)
    {
        rollOrders(nowMs);
        return orders10s;
    }

    synchronized long ordersDay(final long nowMs)
    {
        rollOrders(nowMs);
        return ordersDay;
    }

    synchronized long weightLimit()
    {
        return weightLimit;
    }

    synchronized long orderLimit10s()
    {
        return orderLimit10s;
    }

    synchronized long orderLimitDay()
    {
        return orderLimitDay;
    }

    synchronized int count429()
    {
        return count429;
    }

    synchronized int count418()
    {
        return count418;
    }

    private void rollWeight(final long nowMs)
    {
        final long window = Math.floorDiv(nowMs, MINUTE_MS);
        if (window != weightWindow)
        {
            weightWindow = window;
            weightUsed = 0;
        }
    }

    private void rollOrders(final long nowMs)
    {
        final long window10s = Math.floorDiv(nowMs, TEN_SECONDS_MS);
        if (window10s != orderWindow10s)
        {
            orderWindow10s = window10s;
            orders10s = 0;
        }
        final long windowDay = Math.floorDiv(nowMs, DAY_MS);
        if (windowDay != orderWindowDay)
        {
            orderWindowDay = windowDay;
            ordersDay = 0;
        }
    }

    private static long seconds(final long ms)
    {
        return Math.max(1, (ms + 999) / 1000);
    }
}
