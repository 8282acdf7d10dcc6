package io.sluice.gateway.india;

import io.aeron.Aeron;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.gateway.GatewayThreadingMode;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.ManualClock;
import io.sluice.gateway.test.OrderSender;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.AmendOrderEncoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Indian-broker gateway in INVOKER mode on an embedded driver, against a fake broker: settings pointing at the
 * fake, an owner-only secrets file in a temporary directory, an {@link OffsetClock} starting 2024-01-01 05:30 IST, the
 * engine's side of the orders stream and every report decoded. The test thread drives the gateway through the waits.
 */
public final class IndiaHarness implements AutoCloseable
{
    /** 2024-01-01T00:00:00Z, 05:30 in Asia/Kolkata: trading date 2024-01-01. */
    public static final long START_NS = ManualClock.DEFAULT_START_NS;

    private static final AtomicInteger NEXT_STREAM_ID = new AtomicInteger(40_000);

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final OffsetClock clock;
    private final Path secretsFile;
    private final Aeron aeron;
    private final IndiaReports reports;
    private final OrderSender orders;
    private final Gateway gateway;
    private final String venue;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final AmendOrderEncoder amendOrder = new AmendOrderEncoder();
    private boolean closed;

    private IndiaHarness(
        final EmbeddedMediaDriver driver,
        final String venue,
        final Path dir,
        final OffsetClock clock,
        final Map<String, String> overrides,
        final String secrets)
    {
        this.venue = venue;
        this.clock = clock;
        this.secretsFile = dir.resolve("secrets-" + venue + ".properties");
        writeSecrets(secrets);
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.home", dir.toString());
        values.put("sluice.aeron.dir", driver.aeronDirectoryName());
        values.put("sluice.stream.orders." + venue + ".id", Integer.toString(NEXT_STREAM_ID.getAndIncrement()));
        values.put("sluice.stream.reports.id", Integer.toString(NEXT_STREAM_ID.getAndIncrement()));
        final String prefix = "sluice." + venue + ".";
        values.put(prefix + "accounts", "ACC1");
        values.put(prefix + "secretsFile", secretsFile.toString());
        values.put(prefix + "dataDir", dir.resolve("data").toString());
        values.put(prefix + "pollIntervalMs", "50");
        values.put(prefix + "resolveIntervalMs", "50");
        values.put(prefix + "sessionRetryMs", "100");
        values.put(prefix + "reconcileRetryMs", "100");
        values.put(prefix + "orderTimeoutMs", "500");
        values.put(prefix + "readyTimeoutMs", "10000");
        values.putAll(overrides);
        final Settings settings = Settings.of(values);

        aeron = driver.connectClient();
        IndiaReports collector = null;
        OrderSender sender = null;
        try
        {
            collector = new IndiaReports(aeron, Streams.channel(settings, "reports"), Streams.streamId(settings, "reports", Streams.REPORTS_STREAM_ID));
            gateway = Gateway.launch(new GatewayContext()
                .settings(settings)
                .venueName(venue)
                .threadingMode(GatewayThreadingMode.INVOKER)
                .epochNanoClock(clock)
                .errorHandler(errors::add));
            sender = new OrderSender(aeron, Streams.channel(settings, "orders." + venue), Streams.ordersStreamId(settings, venue)).venue(venue);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(sender, collector, aeron);
            throw ex;
        }
        reports = collector.pump(this::step);
        orders = sender.pump(this::step);
        reports.awaitConnected();
        orders.awaitConnected();
        Await.until("venue to start", this::step, gateway.agent()::isVenueStarted);
    }

    /**
     * Launch a gateway.
     *
     * @param driver    embedded driver.
     * @param venue     kite, angel, upstox or dhan.
     * @param dir       temporary directory (home, data, secrets).
     * @param clock     the gateway's clock.
     * @param overrides settings (base URLs, account settings, ...).
     * @param secrets   content of the secrets file (written owner-only).
     * @return the harness.
     */
    public static IndiaHarness launch(
        final EmbeddedMediaDriver driver,
        final String venue,
        final Path dir,
        final OffsetClock clock,
        final Map<String, String> overrides,
        final String secrets)
    {
        return new IndiaHarness(driver, venue, dir, clock, overrides, secrets);
    }

    /**
     * Replace the secrets file (an operator dropping in a new token).
     *
     * @param secrets new content.
     */
    public void writeSecrets(final String secrets)
    {
        try
        {
            final Path temporary = secretsFile.resolveSibling(secretsFile.getFileName() + ".tmp");
            Files.writeString(temporary, secrets);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            Files.move(temporary, secretsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One duty cycle; fails on any error the gateway reported.
     */
    public void step()
    {
        if (!closed)
        {
            gateway.invoker().invoke();
        }
        if (!errors.isEmpty())
        {
            final AssertionError failure = new AssertionError("gateway reported " + errors.size() + " error(s)", errors.get(0));
            errors.clear();
            throw failure;
        }
    }

    /**
     * Decoded reports.
     *
     * @return the collector.
     */
    public IndiaReports reports()
    {
        return reports;
    }

    /**
     * The venue.
     *
     * @return the Indian venue.
     */
    public IndiaVenue venue()
    {
        return (IndiaVenue)gateway.venue();
    }

    /**
     * The gateway's clock.
     *
     * @return the clock.
     */
    public OffsetClock clock()
    {
        return clock;
    }

    /**
     * Send a NewOrder for account ACC1.
     *
     * @param clientOrderId id.
     * @param symbol        symbol as the engine sends it.
     * @param side          side.
     * @param ordType       order type.
     * @param quantity      units as decimal text.
     * @param price         price text or null.
     * @param stopPrice     trigger text or null.
     * @param product       product.
     */
    public void newOrder(
        final String clientOrderId,
        final String symbol,
        final Side side,
        final OrdType ordType,
        final String quantity,
        final String price,
        final String stopPrice,
        final Product product)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId)
            .account("ACC1")
            .venue(venue)
            .symbol(symbol)
            .side(side)
            .ordType(ordType)
            .timeInForce(TimeInForce.DAY)
            .quantity(Fixed.parse(quantity))
            .price(price == null ? Fixed.NULL : Fixed.parse(price))
            .stopPrice(stopPrice == null ? Fixed.NULL : Fixed.parse(stopPrice))
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(clock.nanoTime())
            .leg((short)0)
            .attempt((short)0)
            .reduceOnly(BooleanType.FALSE)
            .positionSide(PositionSide.BOTH)
            .product(product)
            .signalId("sig-" + clientOrderId);
        orders.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    /**
     * Send a MARKET order with the default product.
     *
     * @param clientOrderId id.
     * @param symbol        symbol.
     * @param side          side.
     * @param quantity      units text.
     */
    public void market(final String clientOrderId, final String symbol, final Side side, final String quantity)
    {
        newOrder(clientOrderId, symbol, side, OrdType.MARKET, quantity, null, null, Product.DEFAULT);
    }

    /**
     * Send an AmendOrder.
     *
     * @param clientOrderId the order.
     * @param symbol        its symbol.
     * @param quantity      new quantity text or null.
     * @param price         new price text or null.
     */
    public void amend(final String clientOrderId, final String symbol, final String quantity, final String price)
    {
        amendOrder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId(clientOrderId)
            .account("ACC1")
            .venue(venue)
            .symbol(symbol)
            .quantity(quantity == null ? Fixed.NULL : Fixed.parse(quantity))
            .price(price == null ? Fixed.NULL : Fixed.parse(price))
            .stopPrice(Fixed.NULL)
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(clock.nanoTime());
        orders.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + amendOrder.encodedLength());
    }

    /**
     * Send an OrderStatusRequest (reconciliation) for an order of ACC1.
     *
     * @param clientOrderId the order asked about.
     * @param symbol        its symbol.
     * @param side          its side.
     * @param quantity      units text.
     */
    public void statusRequest(final String clientOrderId, final String symbol, final Side side, final String quantity)
    {
        orders.statusRequest(clientOrderId, "", symbol, side, Fixed.parse(quantity));
    }

    /**
     * Send a CancelOrder.
     *
     * @param clientOrderId the order.
     * @param symbol        its symbol.
     */
    public void cancel(final String clientOrderId, final String symbol)
    {
        orders.cancel(clientOrderId, symbol);
    }

    /**
     * Close the gateway (publishing DOWN), then the streams.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            gateway.close();
        }
        CloseHelper.closeAll(orders, reports, aeron);
    }
}
