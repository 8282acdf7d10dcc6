package io.sluice.gateway.binance;

import io.aeron.Aeron;
import io.sluice.gateway.binance.fake.FakeBinance;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.GatewayHarness;
import io.sluice.gateway.test.ManualClock;
import io.sluice.gateway.test.OrderSender;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import io.sluice.sbe.GatewayState;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Binance gateway (spot or futures) in INVOKER mode against a {@link FakeBinance} whose clock follows the
 * gateway's manual clock, with an Ed25519 (or HMAC) key in an owner-only secrets file, an {@link OrderSender} playing
 * the engine and a {@link BinanceReports} collector subscribed before the gateway starts.
 */
final class BinanceRig implements AutoCloseable
{
    static final String API_KEY = "sluiceTestApiKey0123456789";
    static final String HMAC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final AtomicInteger NEXT_REPORTS_STREAM = new AtomicInteger(41_000 + (int)(System.nanoTime() & 0xFFF));

    final FakeBinance fake;
    final GatewayHarness harness;
    final BinanceReports reports;
    final OrderSender orders;
    final String venueName;
    private final Aeron aeron;

    private BinanceRig(
        final EmbeddedMediaDriver driver, final Path dir, final boolean futures, final boolean hmac,
        final Map<String, String> extra, final java.util.function.Consumer<FakeBinance> fakeSetup)
    {
        venueName = futures ? "binance-futures" : "binance";
        final GatewayHarness[] harnessRef = new GatewayHarness[1];
        fake = FakeBinance.start(() -> TimeUnit.NANOSECONDS.toMillis(
            harnessRef[0] == null ? ManualClock.DEFAULT_START_NS : harnessRef[0].clock().nanoTime()));
        final String prefix = "sluice." + venueName + ".";
        final Map<String, String> settings = new HashMap<>();
        settings.put(prefix + "restUrl", fake.restUrl());
        settings.put(prefix + "wsApiUrl", fake.wsApiUrl());
        settings.put(prefix + "streamUrl", fake.streamUrl());
        settings.put(prefix + "symbols", "BTCUSDT,ETHUSDT");
        settings.put(prefix + "secretsFile", secretsFile(dir, hmac).toString());
        settings.put(prefix + "requestTimeoutMs", "2000");
        settings.put(prefix + "reconnectBackoffMs", "100");
        settings.put(prefix + "reconnectBackoffMaxMs", "1000");
        settings.put(prefix + "accountRefreshMs", "3600000");
        settings.put("sluice.gateway.heartbeatMs", "86400000");
        final int reportsStreamId = NEXT_REPORTS_STREAM.getAndIncrement();
        settings.put("sluice.stream.reports.id", Integer.toString(reportsStreamId));
        settings.putAll(extra);
        fakeSetup.accept(fake);

        aeron = driver.connectClient();
        BinanceReports collector = null;
        try
        {
            collector = new BinanceReports(aeron, Streams.channel(Settings.of(settings), "reports"), reportsStreamId);
            harnessRef[0] = GatewayHarness.launch(driver, venueName, settings);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(collector, aeron, fake);
            throw ex;
        }
        harness = harnessRef[0];
        reports = collector.pump(harness::step);
        orders = harness.orders();
    }

    private Path secretsFile(final Path dir, final boolean hmac)
    {
        try
        {
            final Path file = Files.createTempFile(dir, venueName, ".secrets");
            final String content;
            if (hmac)
            {
                fake.hmacKey(API_KEY, HMAC_SECRET);
                content = "apiKey=" + API_KEY + "\nsecretKey=" + HMAC_SECRET + "\n";
            }
            else
            {
                final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                fake.ed25519Key(API_KEY, pair.getPublic());
                content = "apiKey=" + API_KEY + "\ned25519PrivateKey=" +
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n";
            }
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static BinanceRig spot(final EmbeddedMediaDriver driver, final Path dir, final Map<String, String> extra)
    {
        return spot(driver, dir, extra, (fake) -> { });
    }

    /** A spot rig whose fake is set up before the gateway starts (so its first exchangeInfo already sees it). */
    static BinanceRig spot(
        final EmbeddedMediaDriver driver, final Path dir, final Map<String, String> extra,
        final java.util.function.Consumer<FakeBinance> fakeSetup)
    {
        return new BinanceRig(driver, dir, false, false, extra, fakeSetup);
    }

    static BinanceRig spotHmac(final EmbeddedMediaDriver driver, final Path dir, final Map<String, String> extra)
    {
        return new BinanceRig(driver, dir, false, true, extra, (fake) -> { });
    }

    static BinanceRig futures(
        final EmbeddedMediaDriver driver, final Path dir, final Map<String, String> extra,
        final java.util.function.Consumer<FakeBinance> fakeSetup)
    {
        return new BinanceRig(driver, dir, true, false, extra, fakeSetup);
    }

    BinanceVenue venue()
    {
        return harness.venue(BinanceVenue.class);
    }

    /** Step until the gateway reports UP after a reconciliation, and return that status. */
    Reported.Status awaitUp()
    {
        return reports.await(Reported.Status.class, (s) -> s.state() == GatewayState.UP && s.detail().startsWith("reconciled"),
            "gateway UP after reconciliation");
    }

    /** Step until the gateway has no request waiting for an answer (start-up requests all answered). */
    void awaitQuiet()
    {
        awaitTrue("no request in flight", () -> venue().requests().pendingCount() == 0);
    }

    /** Step until a condition about the gateway holds. */
    void awaitTrue(final String what, final java.util.function.BooleanSupplier condition)
    {
        Await.until(what, () ->
        {
            harness.step();
            reports.poll();
        }, condition, reports::events);
    }

    /** Advance the gateway's (and the fake venue's) clock. */
    void advance(final long amount, final TimeUnit unit)
    {
        harness.clock().advance(amount, unit);
    }

    public void close()
    {
        CloseHelper.closeAll(harness, reports, aeron, fake);
    }
}
