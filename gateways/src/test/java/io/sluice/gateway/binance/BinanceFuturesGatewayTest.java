package io.sluice.gateway.binance;

import io.sluice.gateway.binance.fake.FakeOrder;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceFuturesGatewayTest
{
    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
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
    void shouldApplyPositionModeLeverageAndMarginTypeBeforeComingUp()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of(
            "sluice.binance-futures.hedgeMode", "true",
            "sluice.binance-futures.leverage.BTCUSDT", "10",
            "sluice.binance-futures.marginType.BTCUSDT", "ISOLATED",
            "sluice.binance-futures.marginType.ETHUSDT", "CROSSED"), (fake) -> { });
        rig.awaitUp();
        assertTrue(rig.fake.hedgeMode());
        assertEquals(10, rig.fake.leverage("BTCUSDT"));
        assertEquals("ISOLATED", rig.fake.marginType("BTCUSDT"));
        assertTrue(rig.fake.requestLog().contains("rest marginType 400/-4046"), "already CROSSED: accepted as is");
        final Reported.Instrument btc = rig.reports.await(Reported.Instrument.class, (i) -> i.symbol().equals("BTCUSDT"), "rules");
        assertEquals(Fixed.parse("0.1"), btc.tickSize());
        assertEquals(Fixed.parse("0.001"), btc.lotSize());
        assertEquals(Fixed.parse("100"), btc.minNotional());
        assertEquals(Fixed.of(1), btc.contractSize());
        assertEquals(1, rig.fake.openSockets("user"));
    }

    @Test
    void shouldHoldALongAndAShortOnOneSymbolInHedgeModeAndCloseTheLong()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of("sluice.binance-futures.hedgeMode", "true"), (fake) -> { });
        rig.awaitUp();
        send("hl1", Side.BUY, Fixed.parse("0.010"), false, PositionSide.LONG);
        send("hs1", Side.SELL, Fixed.parse("0.020"), false, PositionSide.BOTH);
        final Reported.Execution longFill = rig.reports.awaitExecution("hl1", ExecType.TRADE);
        final Reported.Execution shortFill = rig.reports.awaitExecution("hs1", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, longFill.ordStatus());
        assertEquals(Fixed.parse("50000"), longFill.avgPrice());
        assertEquals(Fixed.parse("0.2"), longFill.commission());
        assertEquals(Fixed.parse("0.02"), shortFill.cumQty());
        assertEquals(new BigDecimal("0.010"), rig.fake.position("BTCUSDT", "LONG"));
        assertEquals(new BigDecimal("-0.020"), rig.fake.position("BTCUSDT", "SHORT"));
        assertEquals("SHORT", rig.fake.orders("hs1").get(0).positionSide(), "hedge mode derives SHORT for an opening sell");
        rig.awaitTrue("positions from ACCOUNT_UPDATE", () ->
            rig.venue().accounts().findPosition("BTCUSDT", "SHORT") != null &&
            rig.venue().accounts().findPosition("BTCUSDT", "SHORT").amount == Fixed.parse("-0.02"));
        rig.reports.await(Reported.Account.class, (a) -> a.currency().equals("USDT") && a.equity() != Fixed.NULL, "USDT balance");

        send("hc1", Side.SELL, Fixed.parse("0.010"), true, PositionSide.BOTH);
        rig.reports.awaitExecution("hc1", ExecType.TRADE);
        final FakeOrder close = rig.fake.orders("hc1").get(0);
        assertEquals("LONG", close.positionSide(), "a reduce-only sell in hedge mode closes the long");
        assertFalse(close.reduceOnly(), "reduceOnly is not sent in hedge mode");
        assertEquals(0, rig.fake.position("BTCUSDT", "LONG").signum());
        assertEquals(new BigDecimal("-0.020"), rig.fake.position("BTCUSDT", "SHORT"));
    }

    @Test
    void shouldCloseWithReduceOnlyInOneWayModeAndReportTheVenuesRefusal()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of("sluice.binance-futures.hedgeMode", "false"), (fake) -> { });
        rig.awaitUp();
        send("ow1", Side.BUY, Fixed.parse("0.005"), false, PositionSide.BOTH);
        rig.reports.awaitExecution("ow1", ExecType.TRADE);
        send("ow2", Side.SELL, Fixed.parse("0.005"), true, PositionSide.BOTH);
        final Reported.Execution closed = rig.reports.awaitExecution("ow2", ExecType.TRADE);
        assertEquals(OrdStatus.FILLED, closed.ordStatus());
        assertTrue(rig.fake.orders("ow2").get(0).reduceOnly());
        assertEquals(0, rig.fake.position("BTCUSDT", "BOTH").signum());

        send("ow3", Side.SELL, Fixed.parse("0.005"), true, PositionSide.BOTH);
        final Reported.Execution refused = rig.reports.awaitExecution("ow3", ExecType.REJECTED);
        assertTrue(refused.text().contains("-2022"), refused::toString);
        assertEquals(0, rig.fake.position("BTCUSDT", "BOTH").signum());
    }

    @Test
    void shouldReconnectTheListenKeyStreamAndReconcileMissedFills()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of(), (fake) -> { });
        rig.awaitUp();
        rig.orders.limit("fl1", "ETHUSDT", Side.BUY, Fixed.parse("0.1"), Fixed.parse("2900"));
        rig.reports.awaitExecution("fl1", ExecType.NEW);
        final int before = rig.reports.size();
        rig.fake.disconnectWebSockets();
        rig.reports.awaitAfter(before, Reported.Status.class, (s) -> s.state() == GatewayState.DEGRADED, "DEGRADED");
        rig.fake.fill("fl1", "0.04", "2899.5");

        rig.advance(1100, TimeUnit.MILLISECONDS);
        rig.reports.awaitAfter(before, Reported.Status.class,
            (s) -> s.state() == GatewayState.UP && s.detail().startsWith("reconciled #2"), "UP after reconnect");
        final Reported.Execution fill = rig.reports.awaitExecution("fl1", ExecType.TRADE);
        assertEquals(OrdStatus.PARTIALLY_FILLED, fill.ordStatus());
        assertEquals(Fixed.parse("0.04"), fill.cumQty());
        assertEquals(Fixed.parse("0.06"), fill.leavesQty());
        assertEquals(Fixed.parse("2899.5"), fill.avgPrice());

        rig.fake.fill("fl1", "0.06", "2899.5");
        final Reported.Execution rest = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("fl1") && e.ordStatus() == OrdStatus.FILLED, "rest of the fill over the new stream");
        assertEquals(Fixed.parse("0.06"), rest.lastQty());
        assertFalse(rest.tradeId().isEmpty());
        assertEquals(1, rig.fake.orders("fl1").size());
    }

    @Test
    void shouldRenewAnExpiredListenKeyAndKeepItAlive()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of(), (fake) -> { });
        rig.awaitUp();
        final int before = rig.reports.size();
        rig.fake.expireListenKey();
        rig.reports.awaitAfter(before, Reported.Status.class,
            (s) -> s.state() == GatewayState.UP && s.detail().startsWith("reconciled #2"), "UP on a new listenKey");
        assertEquals(2, rig.fake.requests("listenKey.create"));
        assertEquals(1, rig.fake.openSockets("user"));

        rig.advance(31, TimeUnit.MINUTES);
        rig.awaitTrue("listenKey kept alive", () -> rig.fake.requests("listenKey.keepalive") == 1);
        rig.reports.drain();
        assertEquals(2, rig.fake.requests("listenKey.create"), "a live key is kept, not replaced");
    }

    private void send(final String clientOrderId, final Side side, final long quantity, final boolean reduceOnly,
        final PositionSide positionSide)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .account("main")
            .venue(rig.venueName)
            .symbol("BTCUSDT")
            .side(side)
            .ordType(OrdType.MARKET)
            .timeInForce(TimeInForce.GTC)
            .quantity(quantity)
            .price(Fixed.NULL)
            .stopPrice(Fixed.NULL)
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(0)
            .leg((short)0)
            .attempt((short)0)
            .reduceOnly(reduceOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .positionSide(positionSide)
            .product(Product.DEFAULT)
            .signalId("sig-" + clientOrderId);
        rig.orders.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    @Test
    void shouldAnswerTheEnginesStatusRequestsByOrigClientOrderId()
    {
        rig = BinanceRig.futures(driver, tempDir, Map.of(), (fake) -> { });
        rig.awaitUp();
        rig.fake.marketPrice("BTCUSDT", "50000");
        rig.fake.placeUnseen(true, "unseenF1", "BTCUSDT", "SELL", "0.01");
        rig.orders.statusRequest("unseenF1", "", "BTCUSDT", Side.SELL, Fixed.parse("0.01"));
        final Reported.Execution filled = rig.reports.await(Reported.Execution.class,
            (e) -> e.clientOrderId().equals("unseenF1") && e.execType() == ExecType.ORDER_STATUS && e.text().startsWith("reconciled"),
            "answer about unseenF1");
        assertEquals(OrdStatus.FILLED, filled.ordStatus());
        assertEquals(Fixed.parse("0.01"), filled.cumQty());
        assertEquals(Fixed.parse("50000"), filled.avgPrice());

        rig.orders.statusRequest("neverSentF1", "", "BTCUSDT", Side.BUY, Fixed.parse("0.01"));
        assertEquals(OrdStatus.NOT_FOUND, rig.reports.awaitExecution("neverSentF1", ExecType.ORDER_STATUS).ordStatus());
        assertEquals(0, rig.fake.orders("neverSentF1").size());
        assertEquals(1, rig.fake.orders("unseenF1").size());
    }
}
