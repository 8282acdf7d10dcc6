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
 * sluice.engine.maxAccounts=configured+32       accounts the engine holds, counting those created by operators
 * sluice.account.NAME.LIMIT=value               any {@link Limit} key, e.g. maxDailyLoss=5000
 * sluice.account.NAME.instrument.SYMBOL.LIMIT   per-instrument override
 * sluice.venue.VENUE.ordersPerSecond / orderBurst   venue order rate (default kite 10/s)
 * sluice.risk.circuitBreaker.faults=5           venue faults (rejects, timeouts, disconnects) ...
 * sluice.risk.circuitBreaker.windowMs=60000     ... inside this window trip the breaker
 * sluice.risk.circuitBreaker.scope=venue        venue | global: what the breaker halts
 * sluice.risk.haltOnGatewayDown=true            a gateway reporting DOWN halts its venue until resumed
 * sluice.risk.usageIntervalMs=5000              RiskUsage at most this often when only prices moved
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
    final Settings settings;
    final int breakerFaults;
    final long breakerWindowNs;
    final boolean breakerHaltsAll;
    final boolean haltOnGatewayDown;
    final long usageIntervalNs;
    final int maxAccounts;

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
        final long gatewayTimeoutNs,
        final Settings settings)
    {
        this.accounts = List.copyOf(accounts);
        this.instruments = List.copyOf(instruments);
        this.venues = List.copyOf(venues);
        this.dedupCapacity = dedupCapacity;
        this.dedupWindowNs = dedupWindowNs;
        this.maxLiveOrders = maxLiveOrders;
        this.gatewayTimeoutNs = gatewayTimeoutNs;
        this.settings = settings;
        this.breakerFaults = settings.getInt("sluice.risk.circuitBreaker.faults", 5);
        this.breakerWindowNs = settings.getLong("sluice.risk.circuitBreaker.windowMs", 60_000) * 1_000_000L;
        final String scope = settings.get("sluice.risk.circuitBreaker.scope", "venue");
        if (!scope.equals("venue") && !scope.equals("global"))
        {
            throw new IllegalArgumentException("sluice.risk.circuitBreaker.scope must be venue or global, was " + scope);
        }
        this.breakerHaltsAll = scope.equals("global");
        this.haltOnGatewayDown = settings.getBoolean("sluice.risk.haltOnGatewayDown", true);
        this.usageIntervalNs = settings.getLong("sluice.risk.usageIntervalMs", 5_000) * 1_000_000L;
        this.maxAccounts = settings.getInt("sluice.engine.maxAccounts", this.accounts.size() + 32);
        if (maxAccounts < this.accounts.size())
        {
            throw new IllegalArgumentException("sluice.engine.maxAccounts must be at least the configured accounts");
        }
    }

    /** Default limits of every account; configuration overrides any of them. */
    static long defaultLimit(final Limit limit)
    {
        switch (limit)
        {
            case MAX_ORDER_QTY: return Fixed.of(1000);
            case MAX_NOTIONAL: return Fixed.of(1_000_000);
            case MAX_QUOTE_AGE_MS: return Fixed.of(60_000);
            case ORDERS_PER_SECOND: return Fixed.of(20);
            case ORDER_BURST: return Fixed.of(40);
            default: return Fixed.NULL;
        }
    }

    /** Order rate of a venue: configured, or the venue's published limit where one is known. */
    long venueOrdersPerSecond(final String venue)
    {
        return settings.getLong("sluice.venue." + venue + ".ordersPerSecond", "kite".equals(venue) ? 10 : 0);
    }

    long venueOrderBurst(final String venue)
    {
        return settings.getLong("sluice.venue." + venue + ".orderBurst", "kite".equals(venue) ? 10 : 1);
    }

    /** The account's configured limits (defaults where not configured) and per-instrument overrides. */
    RiskLimits limits(final NameIndex accountIndex, final NameIndex instrumentIndex)
    {
        final RiskLimits limits = new RiskLimits(accountIndex.capacity(), instrumentIndex.capacity());
        for (int a = 0; a < accountIndex.size(); a++)
        {
            final String prefix = "sluice.account." + accountIndex.nameString(a) + ".";
            for (final Limit limit : Limit.VALUES)
            {
                limits.setAccount(a, limit, settings.getFixed(prefix + limit.key, defaultLimit(limit)));
                for (int i = 0; i < instrumentIndex.size(); i++)
                {
                    limits.setOverride(a, i, limit,
                        settings.getFixed(prefix + "instrument." + instrumentIndex.nameString(i) + "." + limit.key, Fixed.NULL));
                }
            }
        }
        return limits;
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
            final long maxOrderQty = settings.getFixed(prefix + "maxOrderQty", defaultLimit(Limit.MAX_ORDER_QTY));
            final long maxNotional = settings.getFixed(prefix + "maxNotional", defaultLimit(Limit.MAX_NOTIONAL));
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
            gatewayTimeoutNs,
            settings);
    }

    /**
     * Room for instruments the engine learns from venues' InstrumentDefinitions (a broker's synced options), on top of
     * {@code sluice.instruments}: {@code sluice.engine.dynamicInstruments}, default 1024, 0 turns learning off.
     */
    int dynamicInstruments()
    {
        final int spare = settings.getInt("sluice.engine.dynamicInstruments", 1024);
        if (spare < 0)
        {
            throw new IllegalArgumentException("sluice.engine.dynamicInstruments must not be negative");
        }
        return spare;
    }

    /** Venue names with a gateway, in order. */
    public List<String> venues()
    {
        return venues;
    }
}
