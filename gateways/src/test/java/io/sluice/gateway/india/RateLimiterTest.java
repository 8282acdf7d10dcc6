package io.sluice.gateway.india;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldAllowKitesTenOrdersPerSecondAndFourHundredPerMinute()
    {
        final RateLimiter limiter = RateLimiter.parse("kite.orders", "10/1s,400/60s,5000/1d");
        long now = 0;
        int sent = 0;
        // One attempt every 10 ms for 70 s: the per-second window allows 10 of every 100 attempts...
        for (int attempt = 0; attempt < 7_000; attempt++, now += SECOND / 100)
        {
            if (limiter.tryAcquire(now))
            {
                sent++;
            }
            if (attempt == 99)
            {
                assertEquals(10, sent, "per second");
            }
        }
        // ...and the per-minute window caps the first 60 s at 400, refilling as the oldest sends leave the window.
        assertEquals(400 + 100, sent);
    }

    @Test
    void shouldCountASlidingWindowNotAlignedSeconds()
    {
        final RateLimiter limiter = RateLimiter.parse("angel.orderbook", "1/1s");
        assertTrue(limiter.tryAcquire(SECOND / 2));
        assertFalse(limiter.tryAcquire(SECOND + SECOND / 4), "a second has not passed since the last send");
        assertTrue(limiter.tryAcquire(SECOND + SECOND / 2));
    }

    @Test
    void shouldRejectMalformedLimits()
    {
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.parse("x", "10"));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.parse("x", "0/1s"));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.parse("x", "10/1w"));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.parse("x", ""));
    }
}
