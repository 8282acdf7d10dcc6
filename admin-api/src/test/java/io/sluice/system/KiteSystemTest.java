package io.sluice.system;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeKite;
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
 * Zerodha Kite through the whole topology: HTTP signal → engine → the real Kite gateway (checksum login, instrument
 * master sync, form-encoded orders) → a fake Kite Connect, and its order book back into the engine's orders and
 * positions as admin-api reads them from the journal.
 */
@Timeout(60)
class KiteSystemTest
{
    private static final String API_KEY = "kitefront";
    private static final String API_SECRET = "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj";

    @TempDir
    Path dir;

    private FakeKite kite;
    private SystemHarness sluice;

    @BeforeEach
    void setUp()
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        kite = new FakeKite(API_KEY, API_SECRET, brokerDay::epochMillis);
        final Map<String, String> settings = IndiaSystemFlow.settings(dir, "kite", kite,
            ACCOUNT + ".apiSecret=" + API_SECRET + "\n" + ACCOUNT + ".requestToken=rt-1\n");
        settings.put("sluice.kite." + ACCOUNT + ".apiKey", API_KEY);
        settings.put("sluice.kite." + ACCOUNT + ".userId", "AB1234");
        sluice = new SystemHarness(dir, settings, "kite", brokerDay);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, kite);
    }

    @Test
    void shouldPlaceAnNseOptionOrderThatIsAcknowledgedThenFilledIntoAPosition()
    {
        final FakeOrder booked = IndiaSystemFlow.placeAcknowledged(sluice, kite, "kt-1", "102.35");
        assertEquals("NIFTY2410421750CE", booked.symbol, "Kite's trading symbol for " + CALL);
        assertEquals("NFO", booked.exchange);
        assertEquals("LIMIT", booked.orderType);
        assertEquals("NRML", booked.product, "the default product");

        kite.fill(booked.tag, "102.35");
        IndiaSystemFlow.awaitFilledPosition(sluice, kite, "kite", booked.tag, "102.35");
    }
}
