package io.sluice.gateway.mt5;

import io.aeron.Aeron;
import io.sluice.gateway.mt5.fake.FakeTerminal;
import io.sluice.gateway.test.Await;
import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.GatewayHarness;
import io.sluice.protocol.Streams;
import io.sluice.sbe.GatewayState;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The whole MT5 topology for a test: one {@link FakeTerminal} per account, the real gateway ({@code --venue mt5})
 * in a {@link GatewayHarness} on an embedded driver, the engine's side of the orders stream ({@link Mt5Orders}) and
 * a v1 reports decoder ({@link Mt5Reports}) subscribed before the gateway starts so its first status is seen.
 */
final class Mt5Rig implements AutoCloseable
{
    static final String SECRET = "s3cret-shared-with-the-EA-0123456789";
    static final String SYMBOLS = "XAUUSD:XAUUSD.m,EURUSD";
    static final long FIRST_LOGIN = 5001;

    private static final AtomicInteger NEXT_REPORTS_STREAM_ID = new AtomicInteger(41_000);

    private final Map<String, FakeTerminal> terminals;
    private final Aeron aeron;
    private boolean ownsTerminals = true;
    private GatewayHarness harness;
    private Mt5Reports reports;
    private Mt5Orders orders;

    private Mt5Rig(final Map<String, FakeTerminal> terminals, final Aeron aeron)
    {
        this.terminals = terminals;
        this.aeron = aeron;
    }

    static Builder builder(final EmbeddedMediaDriver driver, final Path dir)
    {
        return new Builder(driver, dir);
    }

    /** Choose accounts (hedging or netting), settings and the gateway's secret, then launch. */
    static final class Builder
    {
        private final EmbeddedMediaDriver driver;
        private final Path dir;
        private final Map<String, Boolean> accounts = new LinkedHashMap<>();
        private final Map<String, String> settings = new HashMap<>();
        private final Map<String, FakeTerminal> existing = new HashMap<>();
        private String gatewaySecret = SECRET;

        private Builder(final EmbeddedMediaDriver driver, final Path dir)
        {
            this.driver = driver;
            this.dir = dir;
        }

        Builder account(final String name, final boolean hedging)
        {
            accounts.put(name, hedging);
            return this;
        }

        /**
         * Serve an account with a terminal that is already running (e.g. one a previous gateway traded on).
         *
         * @param name     account.
         * @param terminal the terminal; the rig does not close it.
         * @return this.
         */
        Builder terminal(final String name, final FakeTerminal terminal)
        {
            accounts.put(name, true);
            existing.put(name, terminal);
            return this;
        }

        Builder setting(final String key, final String value)
        {
            settings.put(key, value);
            return this;
        }

        Builder gatewaySecret(final String secret)
        {
            gatewaySecret = secret;
            return this;
        }

        Mt5Rig launch()
        {
            return launchWith((terminal) -> {});
        }

        /**
         * Launch, preparing each fake terminal before the gateway connects.
         *
         * @param prepare what to do to each terminal first (e.g. make it impersonate).
         * @return the rig.
         */
        Mt5Rig launchWith(final java.util.function.Consumer<FakeTerminal> prepare)
        {
            if (accounts.isEmpty())
            {
                accounts.put("ACC1", true);
            }
            final Map<String, FakeTerminal> terminals = new LinkedHashMap<>();
            final Map<String, String> values = new HashMap<>();
            long login = FIRST_LOGIN;
            for (final Map.Entry<String, Boolean> account : accounts.entrySet())
            {
                final FakeTerminal terminal = existing.containsKey(account.getKey()) ? existing.get(account.getKey()) :
                    FakeTerminal.start(SECRET, account.getValue(), login, System::currentTimeMillis);
                terminals.put(account.getKey(), terminal);
                prepare.accept(terminal);
                values.put("sluice.mt5.account." + account.getKey() + ".port", Integer.toString(terminal.port()));
                values.put("sluice.mt5.account." + account.getKey() + ".login", Long.toString(login));
                login++;
            }
            values.put("sluice.mt5.accounts", String.join(",", accounts.keySet()));
            values.put("sluice.mt5.symbols", SYMBOLS);
            values.put("sluice.mt5.secretFile", writeSecret(dir, gatewaySecret).toString());
            final int reportsStreamId = NEXT_REPORTS_STREAM_ID.getAndIncrement();
            values.put("sluice.stream.reports.id", Integer.toString(reportsStreamId));
            values.putAll(settings);

            final Mt5Rig rig = new Mt5Rig(terminals, driver.connectClient());
            rig.ownsTerminals = existing.isEmpty();
            try
            {
                rig.reports = new Mt5Reports(rig.aeron, Streams.DEFAULT_CHANNEL, reportsStreamId, rig::step);
                rig.harness = GatewayHarness.launch(driver, "mt5", values);
                rig.orders = new Mt5Orders(rig.harness.orders());
            }
            catch (final RuntimeException | Error ex)
            {
                rig.close();
                throw ex;
            }
            return rig;
        }
    }

    /**
     * Write a secrets file readable by its owner only.
     *
     * @param dir    directory.
     * @param secret content.
     * @return the file.
     */
    static Path writeSecret(final Path dir, final String secret)
    {
        try
        {
            final Path file = Files.createTempFile(dir, "mt5-", ".secret");
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    FakeTerminal terminal()
    {
        return terminals.values().iterator().next();
    }

    FakeTerminal terminal(final String account)
    {
        return terminals.get(account);
    }

    GatewayHarness harness()
    {
        return harness;
    }

    Mt5Reports reports()
    {
        return reports;
    }

    Mt5Orders orders()
    {
        return orders;
    }

    Mt5Venue venue()
    {
        return harness.venue(Mt5Venue.class);
    }

    Mt5Session session(final String account)
    {
        return venue().session(account);
    }

    void step()
    {
        if (harness != null)
        {
            harness.step();
        }
    }

    /**
     * Wait until every terminal is reconciled and the gateway is UP.
     */
    void awaitUp()
    {
        reports.await(io.sluice.gateway.test.GatewayStatusEvent.class,
            (s) -> s.state() == GatewayState.UP && s.detail().contains("ready"), "GatewayStatus UP after reconciliation");
    }

    /**
     * Step the gateway until a condition holds (e.g. about the fake terminal's state).
     *
     * @param what      description.
     * @param condition condition.
     */
    void awaitThat(final String what, final BooleanSupplier condition)
    {
        Await.until(what, this::step, condition, reports::events);
    }

    /**
     * Move the gateway's clock.
     *
     * @param ms milliseconds.
     */
    void advanceMs(final long ms)
    {
        harness.clock().advance(ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Stop the gateway and the test's streams but keep the terminals running for another gateway.
     *
     * @return the terminals by account; the caller closes them.
     */
    Map<String, FakeTerminal> stopGatewayKeepTerminals()
    {
        ownsTerminals = false;
        close();
        return terminals;
    }

    public void close()
    {
        final List<AutoCloseable> closeables = new ArrayList<>();
        closeables.add(harness);
        closeables.add(reports);
        closeables.add(aeron);
        if (ownsTerminals)
        {
            closeables.addAll(terminals.values());
        }
        CloseHelper.closeAll(closeables);
    }
}
