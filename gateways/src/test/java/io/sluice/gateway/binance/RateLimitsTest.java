package io.sluice.gateway.binance;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest
{
    private static final long MINUTE_MS = TimeUnit.MINUTES.toMillis(1);
    private static final long T0 = 1_704_067_200_000L;

    @Test
    void shouldReadHeadersAndThrottleBeforeTheLimitUntilTheWindowRolls()
    {
        final RateLimits limits = new RateLimits(10);
        limits.limit(RateLimits.WEIGHT, MINUTE_MS, 100);
        limits.limit(RateLimits.ORDERS, 10_000, 10);
        assertTrue(limits.observeHeader("x-mbx-used-weight-1m", "85", T0 + 5));
        assertTrue(limits.observeHeader("X-MBX-ORDER-COUNT-10S", "8", T0 + 5));
        assertFalse(limits.observeHeader("X-MBX-USED-WEIGHT", "85", T0 + 5), "no interval: not a window");
        assertEquals(85, limits.count(RateLimits.WEIGHT, MINUTE_MS));

        assertEquals(0, limits.blockedUntilMs(5, false, T0 + 6), "85 + 5 = 90: at the 90% line, allowed");
        assertEquals(T0 + MINUTE_MS, limits.blockedUntilMs(6, false, T0 + 6), "91 would cross the headroom");
        assertEquals(0, limits.blockedUntilMs(1, true, T0 + 6), "9th order of 10 is allowed");
        limits.onSent(1, true, T0 + 6);
        assertEquals(T0 + 10_000, limits.blockedUntilMs(1, true, T0 + 7), "10th would leave no headroom");
        assertEquals(0, limits.blockedUntilMs(1, true, T0 + 10_000), "next 10 s window");
        assertEquals(0, limits.blockedUntilMs(50, false, T0 + MINUTE_MS), "next minute");
    }

    @Test
    void shouldBackOffForRetryAfterAndRememberABan()
    {
        final RateLimits limits = new RateLimits(10);
        limits.onRefused(429, TimeUnit.SECONDS.toNanos(30), 1_000);
        assertTrue(limits.isBackingOff(1_000 + TimeUnit.SECONDS.toNanos(30) - 1));
        assertFalse(limits.isBanned());
        assertFalse(limits.isBackingOff(1_000 + TimeUnit.SECONDS.toNanos(30)));
        limits.onRefused(418, TimeUnit.MINUTES.toNanos(2), 5_000);
        assertTrue(limits.isBanned());
        assertEquals(5_000 + TimeUnit.MINUTES.toNanos(2), limits.backoffUntilNs());
        assertEquals(2, limits.refusals());
        assertEquals(TimeUnit.DAYS.toMillis(1), RateLimits.intervalMs("1D"));
        assertEquals(10_000, RateLimits.intervalMs("SECOND", 10));
    }

    @Test
    void shouldBackOffExponentiallyWithJitterAndRespectTheAttemptLimit()
    {
        final long baseNs = TimeUnit.MILLISECONDS.toNanos(100);
        final long maxNs = TimeUnit.SECONDS.toNanos(1);
        final Backoff backoff = new Backoff(baseNs, maxNs, 3, 42);
        long ceiling = baseNs;
        for (int failure = 0; failure < 6; failure++)
        {
            final long delayNs = backoff.nextAttemptNs(0);
            assertTrue(delayNs >= ceiling / 2 && delayNs <= ceiling, failure + ": " + delayNs + " outside [" + ceiling / 2 + "," + ceiling + "]");
            ceiling = Math.min(maxNs, ceiling * 2);
        }
        backoff.reset();
        assertTrue(backoff.nextAttemptNs(0) <= baseNs);

        backoff.onAttempt(0);
        backoff.onAttempt(10);
        backoff.onAttempt(20);
        assertTrue(backoff.nextAttemptNs(30) >= TimeUnit.MINUTES.toNanos(5), "3 attempts in 5 minutes used up");
    }
}
