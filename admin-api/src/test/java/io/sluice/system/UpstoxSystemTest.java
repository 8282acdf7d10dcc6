package io.sluice.system;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeOrder;
import io.sluice.gateway.india.fake.FakeUpstox;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.IndiaSystemFlow.ACCOUNT;
import static io.sluice.system.IndiaSystemFlow.CALL;
import static io.sluice.system.SystemHarness.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upstox through the whole topology: HTTP signal → engine → the real Upstox gateway (auth-code exchange, instrument
 * master sync, orders by instrument key) → a fake Upstox API, and its order book, a partial fill first, back into the
 * engine's orders and positions as admin-api reads them from the journal.
 */
@Timeout(60)
class UpstoxSystemTest
{
    private static final String REDIRECT = "https://sluice.example/upstox";

    @TempDir
    Path dir;

    private FakeUpstox upstox;
    private SystemHarness sluice;

    @BeforeEach
    void setUp()
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        upstox = new FakeUpstox("upkey", "upsecret", REDIRECT, brokerDay::epochMillis);
        final Map<String, String> settings = IndiaSystemFlow.settings(dir, "upstox", upstox,
            ACCOUNT + ".clientSecret=upsecret\n" + ACCOUNT + ".authCode=code-1\n");
        settings.put("sluice.upstox." + ACCOUNT + ".clientId", "upkey");
        settings.put("sluice.upstox." + ACCOUNT + ".redirectUri", REDIRECT);
        sluice = new SystemHarness(dir, settings, "upstox", brokerDay);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, upstox);
    }

    @Test
    void shouldPlaceAnNseOptionOrderThatIsAcknowledgedThenFilledInTwoPartsIntoAPosition()
    {
        final FakeOrder booked = IndiaSystemFlow.placeAcknowledged(sluice, upstox, "up-1", "95.5");
        assertEquals("NSE_FO|35213", booked.token, "Upstox's instrument key for " + CALL);

        upstox.fillPart(booked.tag, 25, "95.5");
        final var partial = sluice.awaitJson("/api/v1/orders/" + booked.tag,
            o -> "PARTIALLY_FILLED".equals(o.path("status").asText()), "order partially filled");
        assertDecimal("25", partial.path("cumQty"), "units filled so far");
        assertDecimal("25", partial.path("leavesQty"), "units still working");

        upstox.fill(booked.tag, "95.4");
        IndiaSystemFlow.awaitFilledPosition(sluice, upstox, "upstox", booked.tag, "95.45");
    }
}
