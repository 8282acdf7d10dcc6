package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several positions of one symbol on a hedging account, as the engine manages them: an amend addresses the ticket
 * its order opened and no other, a reduce-only close leg meets a requote and is retried once within the collar, and
 * an amend of a position that no longer exists is refused with the reason.
 */
@Timeout(60)
class Mt5HedgingTicketsTest
{
    private static final String ACC1 = "ACC1";
    private static final String GOLD = "XAUUSD";

    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private Mt5Rig rig;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @AfterEach
    void closeRig()
    {
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldAmendOnlyTheTicketTheAddressedOrderOpened()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "H1", GOLD, Side.BUY, "0.10");
        rig.reports().awaitReport("H1", ExecType.TRADE);
        rig.orders().market(ACC1, "H2", GOLD, Side.BUY, "0.20");
        rig.reports().awaitReport("H2", ExecType.TRADE);
        final long first = ticketOpenedBy("H1");
        final long second = ticketOpenedBy("H2");

        rig.orders().amendStops(ACC1, "H2", GOLD, "2340", "2380");
        final Mt5Reports.Report amended = rig.reports().awaitReport("H2", ExecType.ORDER_STATUS);
        assertEquals("position " + second + ": sl=2340 tp=2380", amended.text());
        assertEquals(OrdStatus.FILLED, amended.ordStatus());
        assertStops(second, "2340", "2380");
        assertStops(first, "0", "0");

        rig.orders().amendStops(ACC1, "H1", GOLD, "2345", null);
        final Mt5Reports.Report firstAmended = rig.reports().awaitReport("H1", ExecType.ORDER_STATUS);
        assertEquals("position " + first + ": sl=2345 tp=0", firstAmended.text());
        assertStops(first, "2345", "0");
        assertStops(second, "2340", "2380");
        final List<JsonNode> requests = rig.terminal().orderRequests();
        assertEquals(List.of(second, first), List.of(requests.get(2).get("position").asLong(), requests.get(3).get("position").asLong()));
    }

    @Test
    void shouldRetryARequotedCloseLegOnceAtTheNewPriceWithinTheCollar()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "O1", GOLD, Side.BUY, "0.10");
        rig.reports().awaitReport("O1", ExecType.TRADE);
        final long ticket = ticketOpenedBy("O1");

        // The bid drops 0.30 (beyond the 10-point deviation, inside the 50-point collar) before the close executes.
        rig.terminal().requoteNextDeal("XAUUSD.m", "2349.70", "2349.95");
        rig.orders().close(ACC1, "X1", GOLD, Side.SELL, "0.10");
        final Mt5Reports.Report closed = rig.reports().awaitReport("X1", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, closed.ordStatus());
        assertEquals(Fixed.parse("2349.70"), closed.lastPrice());
        final List<JsonNode> requests = rig.terminal().orderRequests();
        assertEquals(3, requests.size(), requests::toString);
        assertEquals(ticket, requests.get(1).get("position").asLong());
        assertEquals(ticket, requests.get(2).get("position").asLong(), "the retry closes the same ticket");
        assertEquals(0, new BigDecimal("2350").compareTo(requests.get(1).get("price").decimalValue()));
        assertEquals(0, new BigDecimal("2349.70").compareTo(requests.get(2).get("price").decimalValue()));
        assertEquals(0, rig.terminal().positions().size());
    }

    @Test
    void shouldRefuseAnAmendOfAPositionThatWasClosedWithTheReason()
    {
        rig = Mt5Rig.builder(driver, tempDir).launch();
        rig.awaitUp();
        rig.orders().market(ACC1, "P1", GOLD, Side.BUY, "0.10");
        rig.reports().awaitReport("P1", ExecType.TRADE);
        rig.orders().close(ACC1, "P1X", GOLD, Side.SELL, "0.10");
        rig.reports().awaitReport("P1X", ExecType.TRADE);

        rig.orders().amendStops(ACC1, "P1", GOLD, "2340", null);
        final Mt5Reports.Report refused = rig.reports().awaitReport("P1", ExecType.CANCEL_REJECTED);
        assertEquals("amend rejected: no resting order or open position for P1", refused.text());
        assertEquals(2, rig.terminal().orderRequests().size(), "nothing was sent for it");
    }

    private long ticketOpenedBy(final String clientOrderId)
    {
        for (final JsonNode position : rig.terminal().positions())
        {
            if (clientOrderId.equals(position.get("comment").asText()))
            {
                return position.get("ticket").asLong();
            }
        }
        throw new AssertionError("no position opened by " + clientOrderId + ": " + rig.terminal().positions());
    }

    private void assertStops(final long ticket, final String sl, final String tp)
    {
        for (final JsonNode position : rig.terminal().positions())
        {
            if (position.get("ticket").asLong() == ticket)
            {
                assertEquals(0, new BigDecimal(sl).compareTo(position.path("sl").decimalValue()), position::toString);
                assertEquals(0, new BigDecimal(tp).compareTo(position.path("tp").decimalValue()), position::toString);
                return;
            }
        }
        throw new AssertionError("no position " + ticket);
    }
}
