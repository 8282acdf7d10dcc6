package io.sluice.gateway;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ExecutionReportEvent;
import io.sluice.gateway.test.GatewayStatusEvent;
import io.sluice.gateway.test.ReportsCollector;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPublisherTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;
    private static Aeron aeron;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
        aeron = driver.connectClient();
    }

    @AfterAll
    static void closeDriver()
    {
        aeron.close();
        driver.close();
    }

    @Test
    void shouldReturnFalseAndCountWhenNoSubscriberIsConnected()
    {
        try (Publication publication = aeron.addPublication("aeron:ipc?term-length=64k", 40_001))
        {
            final ReportPublisher publisher = new ReportPublisher(publication, "paper", new BackoffIdleStrategy(), 3);
            final AsciiField symbol = new AsciiField(32).set("BTCUSDT");

            assertFalse(publisher.marketData(symbol, 1, 2, 3, 4));
            assertFalse(publisher.gatewayStatus(GatewayState.UP, 5, ""));
            assertEquals(2, publisher.notConnectedCount());
            assertEquals(0, publisher.publishedCount());
        }
    }

    @Test
    void shouldEncodeEveryExecutionReportFieldAndOfferMessagesLargerThanOneFrame()
    {
        final String channel = "aeron:ipc?term-length=64k|mtu=128";
        try (ReportsCollector reports = new ReportsCollector(aeron, channel, 40_002);
            Publication publication = aeron.addPublication(channel, 40_002))
        {
            reports.awaitConnected();
            final ReportPublisher publisher = new ReportPublisher(publication, "paper", new BackoffIdleStrategy(), 3);
            assertTrue(publication.maxPayloadLength() < 200, "the report must not fit one frame: " + publication.maxPayloadLength());

            final OrderIdentity order = new OrderIdentity().side(Side.SELL);
            order.clientOrderId().set("0123456789ABC");
            order.venueOrderId().set("P", 77);
            order.account().set("ACC1");
            order.venue().set("paper");
            order.symbol().set("XAUUSD");
            final String text = "x".repeat(300);
            final Execution execution = new Execution().reset(order)
                .execType(ExecType.TRADE)
                .ordStatus(OrdStatus.PARTIALLY_FILLED)
                .lastQty(Fixed.parse("1.5"))
                .lastPrice(Fixed.parse("2350.25"))
                .cumQty(Fixed.parse("2"))
                .leavesQty(Fixed.parse("3"))
                .avgPrice(Fixed.parse("2350.125"))
                .text(text);

            assertTrue(publisher.executionReport(execution, 123_456_789L));
            assertTrue(publisher.gatewayStatus(GatewayState.DEGRADED, 99, "venue slow"));

            final ExecutionReportEvent report = reports.awaitExecutionReport("0123456789ABC", ExecType.TRADE);
            assertEquals(new ExecutionReportEvent(
                "0123456789ABC", "P77", "ACC1", "paper", "XAUUSD", ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.SELL,
                Fixed.parse("1.5"), Fixed.parse("2350.25"), Fixed.parse("2"), Fixed.parse("3"), Fixed.parse("2350.125"),
                123_456_789L, text), report);
            assertEquals(
                new GatewayStatusEvent("paper", GatewayState.DEGRADED, 99, "venue slow"),
                reports.awaitStatus(GatewayState.DEGRADED));
            assertEquals(2, publisher.publishedCount());
        }
    }
}
