package io.sluice.gateway.binance;

import io.sluice.gateway.binance.fake.FakeBinance;
import io.sluice.gateway.binance.fake.FakeOrder;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.OrderSender;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceSpotGatewayTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private BinanceRig rig;

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
    void close()
    {
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldStartReconcilingThenPublishFiltersAndComeUp()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        final Reported.Status up = rig.awaitUp();
        assertTrue(up.detail().startsWith("reconciled #1"), up.detail());

        final List<Object> events = rig.reports.events();
        final int reconciling = indexOf(events, (e) -> e instanceof Reported.Status && ((Reported.Status)e).state() == GatewayState.RECONCILING);
        final int upIndex = events.indexOf(up);
        assertTrue(reconciling >= 0 && reconciling < upIndex, events::toString);

        final Reported.Instrument btc = rig.reports.await(Reported.Instrument.class, (i) -> i.symbol().equals("BTCUSDT"), "BTCUSDT rules");
        assertEquals(Fixed.parse("0.01"), btc.tickSize());
        assertEquals(Fixed.parse("0.00001"), btc.lotSize());
        assertEquals(Fixed.parse("0.00001"), btc.minQty());
        assertEquals(Fixed.parse("9000"), btc.maxQty());
        assertEquals(Fixed.parse("5"), btc.minNotional());
        assertEquals("BTCUSDT", btc.venueSymbol());
        assertEquals(Fixed.NULL, btc.contractSize());
        rig.reports.await(Reported.Instrument.class, (i) -> i.symbol().equals("ETHUSDT") && i.lotSize() == Fixed.parse("0.0001"),
            "ETHUSDT rules");
    }

    @Test
    void shouldReportNewPartialAndFillWithAveragePriceCommissionAndTradeIds()
    {
        rig = BinanceRig.spot(driver, tempDir, Map.of());
        rig.awaitUp();
        final OrderSender orders = rig.orders;
        orders.limit("fill1", "BTCUSDT", Side.BUY, Fixed.parse("0.01"), Fixed.parse("50000"));

        final Reported.Execution accepted = rig.reports.awaitExecution("fill1", ExecType.NEW);
        assertEquals(OrdStatus.NEW, accepted.ordStatus());
        final FakeOrder atVenue = rig.fake.orders("fill1").get(0);
        assertEquals(Long.toString(atVenue.orderId()), accepted.venueOrderId());
        assertEquals("0.01000", atVenue.origQty().toPlainString());
        assertEquals("50000.00", atVenue.price().toPlainString());

        rig.fake.fill("fill1", "0.004", "49999.5");
        final Reported.Execution partial = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("fill1") && e.execType() == ExecType.TRADE, "partial fill");
        assertEquals(OrdStatus.PARTIALLY_FILLED, partial.ordStatus());
        assertEquals(Fixed.parse("0.004"), partial.lastQty());
        assertEquals(Fixed.parse("49999.5"), partial.lastPrice());
        assertEquals(Fixed.parse("0.004"), partial.cumQty());
        assertEquals(Fixed.parse("0.006"), partial.leavesQty());
        assertEquals(Fixed.parse("49999.5"), partial.avgPrice());
        assertEquals(Fixed.parse("0.199998"), partial.commission());
        assertEquals("USDT", partial.commissionAsset());
        assertTrue(!partial.tradeId().isEmpty(), partial::toString);

        rig.fake.fill("fill1", "0.006", "50000");
        final Reported.Execution filled = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("fill1") && e.ordStatus() == OrdStatus.FILLED, "fill");
        assertEquals(ExecType.TRADE, filled.execType());
        assertEquals(Fixed.parse("0.01"), filled.cumQty());
        assertEquals(0, filled.leavesQty());
        assertEquals(Fixed.parse("49999.8"), filled.avgPrice());
        assertEquals(Fixed.parse("0.3"), filled.commission());
        assertTrue(Long.parseLong(filled.tradeId()) > Long.parseLong(partial.tradeId()));
        rig.reports.drain();
        assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.TRADE),
            rig.reports.executions("fill1").stream().map(Reported.Execution::execType).toList());
    }

    private static int indexOf(final List<Object> events, final java.util.function.Predicate<Object> condition)
    {
        for (int i = 0; i < events.size(); i++)
        {
            if (condition.test(events.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    static FakeBinance unused()
    {
        return null;
    }
}
