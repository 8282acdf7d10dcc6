package io.sluice.system;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeAngel;
import io.sluice.gateway.india.fake.FakeOrder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.IndiaSystemFlow.ACCOUNT;
import static io.sluice.system.IndiaSystemFlow.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Angel One SmartAPI through the whole topology: HTTP signal → engine → the real Angel gateway (password and TOTP
 * login, scrip master sync, JSON orders by symbol token) → a fake SmartAPI, and its order book back into the engine's
 * orders and positions as admin-api reads them from the journal.
 */
@Timeout(60)
class AngelSystemTest
{
    private static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @TempDir
    Path dir;

    private FakeAngel angel;
    private SystemHarness sluice;

    @BeforeEach
    void setUp()
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        angel = new FakeAngel("smartkey", "A123456", "4321", TOTP_SECRET, brokerDay::epochMillis);
        final Map<String, String> settings = IndiaSystemFlow.settings(dir, "angel", angel,
            ACCOUNT + ".apiKey=smartkey\n" + ACCOUNT + ".password=4321\n" + ACCOUNT + ".totpSecret=" + TOTP_SECRET + "\n");
        settings.put("sluice.angel." + ACCOUNT + ".clientCode", "A123456");
        settings.put("sluice.angel.publicIp", "203.0.113.7");
        settings.put("sluice.angel.rateLimit.orderbook", "50/1s"); // the published 1/s would slow the test's polling
        sluice = new SystemHarness(dir, settings, "angel", brokerDay);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, angel);
    }

    @Test
    void shouldPlaceAnNseOptionOrderThatIsAcknowledgedThenFilledIntoAPosition()
    {
        final FakeOrder booked = IndiaSystemFlow.placeAcknowledged(sluice, angel, "an-1", "88.4");
        assertEquals(CALL, booked.symbol, "Angel's trading symbol");
        assertEquals("35213", booked.token, "Angel's symbol token for " + CALL);

        angel.fill(booked.tag, "88.4");
        IndiaSystemFlow.awaitFilledPosition(sluice, angel, "angel", booked.tag, "88.4");
    }
}
