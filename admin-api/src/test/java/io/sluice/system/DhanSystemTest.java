package io.sluice.system;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeDhan;
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
 * Dhan through the whole topology: HTTP signal → engine → the real Dhan gateway (access token, scrip master sync,
 * orders by security id with our correlation id) → a fake Dhan API, and its order book back into the engine's orders
 * and positions as admin-api reads them from the journal.
 */
@Timeout(60)
class DhanSystemTest
{
    @TempDir
    Path dir;

    private FakeDhan dhan;
    private SystemHarness sluice;

    @BeforeEach
    void setUp()
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        dhan = new FakeDhan("1000000132", "dhan-token-1", brokerDay::epochMillis);
        final Map<String, String> settings = IndiaSystemFlow.settings(dir, "dhan", dhan, ACCOUNT + ".accessToken=dhan-token-1\n");
        settings.put("sluice.dhan." + ACCOUNT + ".clientId", "1000000132");
        sluice = new SystemHarness(dir, settings, "dhan", brokerDay);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, dhan);
    }

    @Test
    void shouldPlaceAnNseOptionOrderThatIsAcknowledgedThenFilledIntoAPosition()
    {
        final FakeOrder booked = IndiaSystemFlow.placeAcknowledged(sluice, dhan, "dh-1", "60.05");
        assertEquals("35213", booked.token, "Dhan's security id for " + CALL);

        dhan.fill(booked.tag, "60.05");
        IndiaSystemFlow.awaitFilledPosition(sluice, dhan, "dhan", booked.tag, "60.05");
    }
}
