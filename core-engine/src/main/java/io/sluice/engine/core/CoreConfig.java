package io.sluice.engine.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;

/**
 * What the deterministic core knows before the first frame: accounts with their limits, instruments,
 * venues and sizing of its pre-allocated state. Built once from {@link Settings}; immutable.
 * <pre>
 * sluice.accounts=main                          account names (default "main")
 * sluice.account.NAME.venue=paper               default venue of the account
 * sluice.account.NAME.maxOrderQty=1000          largest quantity of one order
 * sluice.account.NAME.maxNotional=1000000       largest price × quantity of one order
 * sluice.instruments=BTCUSDT,ETHUSDT,...        tradable symbols
 * sluice.venues=paper                           venues with a gateway (default: the accounts' venues)
 * sluice.dedup.capacity=100000                  idempotency keys remembered
 * sluice.dedup.windowMs=86400000                and for how long (event time)
 * sluice.engine.maxLiveOrders=65536             live order pool
 * sluice.engine.gatewayTimeoutMs=5000           no heartbeat for this long = venue DOWN
 * </pre>
 */
public final class CoreConfig
{
    /** Instruments known by default: the paper venue's symbols. */
    public static final String DEFAULT_INSTRUMENTS = "BTCUSDT,ETHUSDT,EURUSD,XAUUSD,INFY,NIFTY";

    final List<Account> accounts;
    final List<String> instruments;
    final List<String> venues;
    final int dedupCapacity;
    final long dedupWindowNs;
    final int maxLiveOrders;
    final long gatewayTimeoutNs;

    /** Limits and routing of one account. */
    public static final class Account
    {
        final String name;
        final String venue;
        final long maxOrderQty;
        final long maxNotional;

        public Account(final String name, final String venue, final long maxOrderQty, final long maxNotional)
        {
            this.name = name;
            this.venue = venue;
            this.maxOrderQty = maxOrderQty;
            this.maxNotional = maxNotional;
        }
    }

    private CoreConfig(
        final List<Account> accounts,
        final List<String> instruments,
        final List<String> venues,
        final int dedupCapacity,
        final long dedupWindowNs,
        final int maxLiveOrders,
        final long gatewayTimeoutNs)
    {
        this.accounts = List.copyOf(accounts);
        this.instruments = List.copyOf(instruments);
        this.venues = List.copyOf(venues);
        this.dedupCapacity = dedupCapacity;
        this.dedupWindowNs = dedupWindowNs;
        this.maxLiveOrders = maxLiveOrders;
        this.gatewayTimeoutNs = gatewayTimeoutNs;
    }

    /**
     * Read and validate the core's configuration.
     *
     * @param settings configuration.
     * @return the config.
     */
    public static CoreConfig from(final Settings settings)
    {
        final List<Account> accounts = new ArrayList<>();
        final Set<String> venues = new LinkedHashSet<>();
        for (final String name : settings.getList("sluice.accounts", "main"))
        {
            final String prefix = "sluice.account." + name + ".";
            final String venue = settings.get(prefix + "venue", "paper");
            final long maxOrderQty = settings.getFixed(prefix + "maxOrderQty", Fixed.of(1000));
            final long maxNotional = settings.getFixed(prefix + "maxNotional", Fixed.of(1_000_000));
            if (maxOrderQty <= 0 || maxNotional <= 0)
            {
                throw new IllegalArgumentException(prefix + "maxOrderQty and maxNotional must be positive");
            }
            accounts.add(new Account(name, venue, maxOrderQty, maxNotional));
            venues.add(venue);
        }
        final List<String> configuredVenues = settings.getList("sluice.venues", "");
        if (!configuredVenues.isEmpty())
        {
            venues.addAll(configuredVenues);
        }
        final int dedupCapacity = settings.getInt("sluice.dedup.capacity", 100_000);
        final long dedupWindowNs = settings.getLong("sluice.dedup.windowMs", 86_400_000L) * 1_000_000L;
        final int maxLiveOrders = settings.getInt("sluice.engine.maxLiveOrders", 65_536);
        final long gatewayTimeoutNs = settings.getLong("sluice.engine.gatewayTimeoutMs", 5_000L) * 1_000_000L;
        if (maxLiveOrders <= 0 || gatewayTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("sluice.engine.maxLiveOrders and gatewayTimeoutMs must be positive");
        }
        return new CoreConfig(
            accounts,
            settings.getList("sluice.instruments", DEFAULT_INSTRUMENTS),
            new ArrayList<>(venues),
            dedupCapacity,
            dedupWindowNs,
            maxLiveOrders,
            gatewayTimeoutNs);
    }

    /** Venue names with a gateway, in order. */
    public List<String> venues()
    {
        return venues;
    }
}
