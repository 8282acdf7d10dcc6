package io.sluice.gateway.india;

import io.sluice.gateway.Venues;
import io.sluice.gateway.india.kite.KiteApi;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndiaConfigTest
{
    @TempDir
    Path home;

    @Test
    void shouldServeTheFourBrokersUnderTheirVenueNames()
    {
        for (final String venue : new String[]{"kite", "angel", "upstox", "dhan"})
        {
            assertTrue(Venues.isKnown(venue), venue);
        }
    }

    @Test
    void shouldFillDefaultsFromTheBrokerAndTheSettings()
    {
        final IndiaConfig config = new IndiaConfig("kite", settings(Map.of("sluice.kite.accounts", "ACC1, ACC2")), KiteApi.DEFAULTS,
            (name) -> null);
        assertEquals(java.util.List.of("ACC1", "ACC2"), config.accounts());
        assertEquals("https://api.kite.trade", config.baseUrl());
        assertEquals(home.resolve("secrets").resolve("kite.properties"), config.secrets().file());
        assertEquals(home.resolve("data").resolve("kite"), config.dataDir());
        assertEquals(java.util.Set.of("NIFTY"), config.underlyings());
        assertEquals(Fixed.of(1800), config.freezeQty("NIFTY"));
        assertEquals(Fixed.NULL, config.freezeQty("TCS"));
        assertEquals("NSE:NIFTY 50", config.indexKey("NIFTY"));
        assertEquals(Product.NRML, config.defaultProduct());
        assertEquals("Asia/Kolkata", config.schedule().zone().getId());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5000), config.orderTimeoutMs() * 1_000_000);
        final Map<Endpoint, RateLimiter> limiters = config.newLimiters("ACC1");
        assertSame(limiters.get(Endpoint.MODIFY), limiters.get(Endpoint.ORDER_BOOK), "one group shares one limiter");
        assertTrue(limiters.get(Endpoint.PLACE) != limiters.get(Endpoint.MODIFY), "orders have their own limiter");
    }

    @Test
    void shouldNameTheInvalidSetting()
    {
        assertMessage(Map.of(), "sluice.kite.accounts must name at least one account");
        assertMessage(Map.of("sluice.kite.accounts", "ACC1", "sluice.kite.rateLimit.orders", "ten per second"), "sluice.kite.rateLimit.orders");
        assertMessage(Map.of("sluice.kite.accounts", "ACC1", "sluice.kite.defaultProduct", "BO"), "sluice.kite.defaultProduct");
        assertMessage(Map.of("sluice.kite.accounts", "ACC1", "sluice.kite.marketHours", "15:30-09:15"), "sluice.kite.marketHours");
        assertMessage(Map.of("sluice.kite.accounts", "ACC1", "sluice.kite.zone", "Mars/Olympus"), "sluice.kite.zone");
        final IllegalArgumentException noApiKey = assertThrows(IllegalArgumentException.class, () -> IndiaVenue.create("kite",
            settings(Map.of("sluice.kite.accounts", "ACC1")), (name) -> null));
        assertEquals("sluice.kite.ACC1.apiKey must be set", noApiKey.getMessage());
    }

    private void assertMessage(final Map<String, String> values, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new IndiaConfig("kite", settings(values), KiteApi.DEFAULTS, (name) -> null));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    private Settings settings(final Map<String, String> values)
    {
        final Map<String, String> all = new HashMap<>(values);
        all.put("sluice.home", home.toString());
        return Settings.of(all);
    }
}
