package io.sluice.gateway.india;

import io.sluice.gateway.india.instruments.MasterFilter;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.Product;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Configuration of one Indian broker venue, read once from {@link Settings}; {@code <v>} is the venue (kite, angel,
 * upstox, dhan) and {@code <acct>} an account name as it appears in orders. Broker-specific keys (API keys, client
 * codes, ...) are listed on each broker's class.
 * <table>
 * <caption>Settings common to the Indian brokers</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.<v>.accounts}</td><td>(required)</td><td>comma-separated accounts this gateway trades</td></tr>
 * <tr><td>{@code sluice.<v>.baseUrl}</td><td>the broker's production API</td><td>REST base address</td></tr>
 * <tr><td>{@code sluice.<v>.instrumentsUrl}</td><td>the broker's published master</td><td>instrument master address</td></tr>
 * <tr><td>{@code sluice.<v>.secretsFile}</td><td>{@code <home>/secrets/<v>.properties}</td>
 *     <td>owner-only properties file of secrets ({@code <acct>.<name>}); environment {@code SLUICE_<V>_<ACCT>_<NAME>} wins</td></tr>
 * <tr><td>{@code sluice.<v>.dataDir}</td><td>{@code <home>/data/<v>}</td><td>where instrument snapshots are written</td></tr>
 * <tr><td>{@code sluice.<v>.underlyings}</td><td>NIFTY</td><td>underlyings whose derivatives are synced</td></tr>
 * <tr><td>{@code sluice.<v>.equities}</td><td>(none)</td><td>NSE cash equities synced as well</td></tr>
 * <tr><td>{@code sluice.<v>.optionExpiries}</td><td>2</td><td>option expiries kept (current and next)</td></tr>
 * <tr><td>{@code sluice.<v>.futureExpiries}</td><td>2</td><td>future expiries kept</td></tr>
 * <tr><td>{@code sluice.<v>.strikeBand}</td><td>20</td><td>listed strikes kept either side of the previous close</td></tr>
 * <tr><td>{@code sluice.<v>.freezeQty.<U>}</td><td>NIFTY 1800, BANKNIFTY 900, FINNIFTY 1800, MIDCPNIFTY 2800,
 *     SENSEX 1000</td><td>largest quantity of one order; larger orders are sliced (a master's own value wins)</td></tr>
 * <tr><td>{@code sluice.<v>.previousClose.<U>}</td><td>(none)</td>
 *     <td>previous close used when the broker's quote is unavailable</td></tr>
 * <tr><td>{@code sluice.<v>.indexKey.<U>}</td><td>the broker's key for NIFTY/BANKNIFTY</td><td>quote key of the underlying's index</td></tr>
 * <tr><td>{@code sluice.<v>.defaultProduct}</td><td>NRML</td><td>product of orders that name none (MIS, NRML, CNC)</td></tr>
 * <tr><td>{@code sluice.<v>.amoOutsideMarketHours}</td><td>false</td><td>place orders outside market hours as AMO</td></tr>
 * <tr><td>{@code sluice.<v>.marketHours}</td><td>09:15-15:30</td><td>regular session in the zone</td></tr>
 * <tr><td>{@code sluice.<v>.zone}</td><td>Asia/Kolkata</td><td>zone of every time of day</td></tr>
 * <tr><td>{@code sluice.<v>.morningJob}</td><td>08:15</td><td>daily master refresh, logins and reconciliation</td></tr>
 * <tr><td>{@code sluice.<v>.cleanupWindow}</td><td>08:00-09:15</td><td>window for deleting old snapshot files (only those)</td></tr>
 * <tr><td>{@code sluice.<v>.retainDays}</td><td>7</td><td>snapshot files kept</td></tr>
 * <tr><td>{@code sluice.<v>.orderTimeoutMs}</td><td>5000</td><td>call timeout of place/modify/cancel; a place that times out
 *     is resolved by its tag, never resent</td></tr>
 * <tr><td>{@code sluice.<v>.queryTimeoutMs}</td><td>10000</td><td>call timeout of other requests</td></tr>
 * <tr><td>{@code sluice.<v>.downloadTimeoutMs}</td><td>120000</td><td>call timeout of master downloads</td></tr>
 * <tr><td>{@code sluice.<v>.pollIntervalMs}</td><td>broker's (1000 or 2000)</td><td>order-book polling while orders are open</td></tr>
 * <tr><td>{@code sluice.<v>.fundsIntervalMs}</td><td>60000</td><td>AccountUpdate refresh</td></tr>
 * <tr><td>{@code sluice.<v>.quoteIntervalMs}</td><td>60000</td><td>underlying quote refresh (ATM reference, MarketData)</td></tr>
 * <tr><td>{@code sluice.<v>.optionQuoteIntervalMs}</td><td>2000</td><td>LTP poll of the options that matter in market hours
 *     (one request; the brokers allow about one quote request per second), published as MarketData</td></tr>
 * <tr><td>{@code sluice.<v>.optionQuoteStrikes}</td><td>3</td><td>strikes each side of ATM polled (calls and puts of the
 *     nearest expiry); 0 polls only the options below</td></tr>
 * <tr><td>{@code sluice.<v>.optionQuoteSymbols}</td><td></td><td>more canonical symbols always polled; options with open
 *     orders or positions are always polled</td></tr>
 * <tr><td>{@code sluice.<v>.resolveIntervalMs}</td><td>1000</td><td>between lookups of a place whose outcome is unknown</td></tr>
 * <tr><td>{@code sluice.<v>.resolveAttempts}</td><td>3</td><td>successful lookups without the order before it is reported
 *     not placed</td></tr>
 * <tr><td>{@code sluice.<v>.reconcileRetryMs}</td><td>5000</td><td>retry of a failed reconciliation (after a connection
 *     failure the account reconciles before it takes new orders)</td></tr>
 * <tr><td>{@code sluice.<v>.sessionRetryMs}</td><td>60000</td><td>re-read of secrets while a session is missing</td></tr>
 * <tr><td>{@code sluice.<v>.readyTimeoutMs}</td><td>30000</td><td>how long an order waits for login and reconciliation</td></tr>
 * <tr><td>{@code sluice.<v>.maxQueuedOrders}</td><td>256</td><td>orders waiting per account</td></tr>
 * <tr><td>{@code sluice.<v>.rateLimit.<group>}</td><td>the broker's published limits</td><td>e.g. {@code 10/1s,400/60s,5000/1d}</td></tr>
 * </table>
 */
public final class IndiaConfig
{
    /** Default freeze quantities per underlying (units); exchange circulars change them, so they are settings. */
    public static final Map<String, String> FREEZE_QTY_DEFAULTS = Map.of(
        "NIFTY", "1800", "BANKNIFTY", "900", "FINNIFTY", "1800", "MIDCPNIFTY", "2800", "SENSEX", "1000");

    private final Settings settings;
    private final String venue;
    private final String prefix;
    private final BrokerDefaults defaults;
    private final List<String> accounts;
    private final Secrets secrets;
    private final Path dataDir;
    private final Set<String> underlyings;
    private final Set<String> equities;
    private final int optionExpiries;
    private final int futureExpiries;
    private final int strikeBand;
    private final Product defaultProduct;
    private final boolean amoOutsideMarketHours;
    private final DailySchedule.Window marketHours;
    private final DailySchedule schedule;
    private final LocalTime morningJob;
    private final DailySchedule.Window cleanupWindow;
    private final int retainDays;
    private final long orderTimeoutMs;
    private final long queryTimeoutMs;
    private final long downloadTimeoutMs;
    private final long pollIntervalNs;
    private final long fundsIntervalNs;
    private final long quoteIntervalNs;
    private final long optionQuoteIntervalNs;
    private final int optionQuoteStrikes;
    private final List<String> optionQuoteSymbols;
    private final long resolveIntervalNs;
    private final int resolveAttempts;
    private final long sessionRetryNs;
    private final long reconcileRetryNs;
    private final long readyTimeoutNs;
    private final int maxQueuedOrders;
    private final Map<String, String> rateLimits = new HashMap<>();

    /**
     * Read a venue's configuration.
     *
     * @param venue       venue name.
     * @param settings    settings.
     * @param defaults    the broker's defaults.
     * @param environment environment lookup for secrets (System::getenv in production).
     * @throws IllegalArgumentException naming the first invalid setting.
     */
    public IndiaConfig(final String venue, final Settings settings, final BrokerDefaults defaults, final UnaryOperator<String> environment)
    {
        this.settings = settings;
        this.venue = venue;
        this.prefix = "sluice." + venue + ".";
        this.defaults = defaults;
        this.accounts = settings.getList(prefix + "accounts", "");
        if (accounts.isEmpty())
        {
            throw new IllegalArgumentException(prefix + "accounts must name at least one account");
        }
        this.secrets = new Secrets(venue, Path.of(get("secretsFile", settings.home().resolve("secrets").resolve(venue + ".properties").toString())),
            environment);
        this.dataDir = Path.of(get("dataDir", settings.home().resolve("data").resolve(venue).toString()));
        this.underlyings = upper(settings.getList(prefix + "underlyings", "NIFTY"));
        this.equities = upper(settings.getList(prefix + "equities", ""));
        this.optionExpiries = positive("optionExpiries", 2);
        this.futureExpiries = positive("futureExpiries", 2);
        this.strikeBand = positive("strikeBand", 20);
        this.defaultProduct = product(get("defaultProduct", "NRML"));
        this.amoOutsideMarketHours = settings.getBoolean(prefix + "amoOutsideMarketHours", false);
        this.marketHours = DailySchedule.Window.parse(prefix + "marketHours", get("marketHours", "09:15-15:30"));
        final String zone = get("zone", "Asia/Kolkata");
        try
        {
            this.schedule = new DailySchedule(ZoneId.of(zone));
        }
        catch (final java.time.DateTimeException ex)
        {
            throw new IllegalArgumentException(prefix + "zone is not a time zone: '" + zone + "'");
        }
        this.morningJob = DailySchedule.time(prefix + "morningJob", get("morningJob", "08:15"));
        this.cleanupWindow = DailySchedule.Window.parse(prefix + "cleanupWindow", get("cleanupWindow", "08:00-09:15"));
        this.retainDays = positive("retainDays", 7);
        this.orderTimeoutMs = positive("orderTimeoutMs", 5_000);
        this.queryTimeoutMs = positive("queryTimeoutMs", 10_000);
        this.downloadTimeoutMs = positive("downloadTimeoutMs", 120_000);
        this.pollIntervalNs = millis("pollIntervalMs", defaults.pollIntervalMs());
        this.fundsIntervalNs = millis("fundsIntervalMs", 60_000);
        this.quoteIntervalNs = millis("quoteIntervalMs", 60_000);
        this.optionQuoteIntervalNs = millis("optionQuoteIntervalMs", 2_000);
        this.optionQuoteStrikes = settings.getInt(prefix + "optionQuoteStrikes", 3);
        if (optionQuoteStrikes < 0)
        {
            throw new IllegalArgumentException(prefix + "optionQuoteStrikes must not be negative, was " + optionQuoteStrikes);
        }
        this.optionQuoteSymbols = settings.getList(prefix + "optionQuoteSymbols", "");
        this.resolveIntervalNs = millis("resolveIntervalMs", 1_000);
        this.resolveAttempts = positive("resolveAttempts", 3);
        this.sessionRetryNs = millis("sessionRetryMs", 60_000);
        this.reconcileRetryNs = millis("reconcileRetryMs", 5_000);
        this.readyTimeoutNs = millis("readyTimeoutMs", 30_000);
        this.maxQueuedOrders = positive("maxQueuedOrders", 256);
        for (final String group : defaults.rateLimits().keySet())
        {
            final String spec = get("rateLimit." + group, defaults.rateLimits().get(group));
            RateLimiter.parse(prefix + "rateLimit." + group, spec);
            rateLimits.put(group, spec);
        }
        for (final String underlying : underlyings)
        {
            freezeQty(underlying);
            previousClose(underlying);
        }
    }

    /**
     * A venue-level setting {@code sluice.<v>.<key>}.
     *
     * @param key          key after the venue prefix.
     * @param defaultValue default.
     * @return the value.
     */
    public String get(final String key, final String defaultValue)
    {
        return settings.get(prefix + key, defaultValue);
    }

    /**
     * An account-level setting {@code sluice.<v>.<acct>.<key>} (not a secret: API keys, client codes, user ids).
     *
     * @param account      account.
     * @param key          key.
     * @param defaultValue default.
     * @return the value.
     */
    public String account(final String account, final String key, final String defaultValue)
    {
        return settings.get(prefix + account + "." + key, defaultValue);
    }

    /**
     * An account-level setting that must be present.
     *
     * @param account account.
     * @param key     key.
     * @return the value.
     * @throws IllegalArgumentException naming the key.
     */
    public String requireAccount(final String account, final String key)
    {
        final String value = account(account, key, null);
        if (value == null)
        {
            throw new IllegalArgumentException(prefix + account + "." + key + " must be set");
        }
        return value;
    }

    /**
     * Venue name.
     *
     * @return e.g. "kite".
     */
    public String venue()
    {
        return venue;
    }

    /**
     * Accounts traded.
     *
     * @return account names.
     */
    public List<String> accounts()
    {
        return accounts;
    }

    /**
     * REST base address without a trailing slash.
     *
     * @return the address.
     */
    public String baseUrl()
    {
        final String url = get("baseUrl", defaults.baseUrl());
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Instrument master address.
     *
     * @return the address.
     */
    public String instrumentsUrl()
    {
        return get("instrumentsUrl", defaults.instrumentsUrl());
    }

    /**
     * Secrets of the venue's accounts.
     *
     * @return the secrets.
     */
    public Secrets secrets()
    {
        return secrets;
    }

    /**
     * Where instrument snapshots are written.
     *
     * @return the directory.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * Underlyings whose derivatives are synced.
     *
     * @return the names.
     */
    public Set<String> underlyings()
    {
        return underlyings;
    }

    /**
     * The master filter for a trading date.
     *
     * @param tradingDate the date.
     * @return the filter.
     */
    public MasterFilter filter(final LocalDate tradingDate)
    {
        return new MasterFilter(underlyings, equities, optionExpiries, futureExpiries, strikeBand, tradingDate);
    }

    /**
     * Freeze quantity of an underlying's derivatives.
     *
     * @param underlying underlying.
     * @return fixed-point quantity, or {@link Fixed#NULL} when none is configured.
     */
    public long freezeQty(final String underlying)
    {
        return settings.getFixed(prefix + "freezeQty." + underlying,
            FREEZE_QTY_DEFAULTS.containsKey(underlying) ? Fixed.parse(FREEZE_QTY_DEFAULTS.get(underlying)) : Fixed.NULL);
    }

    /**
     * Configured previous close of an underlying (fallback for the broker's quote).
     *
     * @param underlying underlying.
     * @return fixed point or {@link Fixed#NULL}.
     */
    public long previousClose(final String underlying)
    {
        return settings.getFixed(prefix + "previousClose." + underlying, Fixed.NULL);
    }

    /**
     * Quote key of an underlying's index at this broker.
     *
     * @param underlying underlying.
     * @return the key, or null when unknown.
     */
    public String indexKey(final String underlying)
    {
        return get("indexKey." + underlying, defaults.indexKeys().get(underlying));
    }

    /**
     * Product of orders that name none.
     *
     * @return MIS, NRML or CNC.
     */
    public Product defaultProduct()
    {
        return defaultProduct;
    }

    /**
     * Whether orders outside market hours go as AMO.
     *
     * @return true when enabled.
     */
    public boolean amoOutsideMarketHours()
    {
        return amoOutsideMarketHours;
    }

    /**
     * The regular session.
     *
     * @return the window.
     */
    public DailySchedule.Window marketHours()
    {
        return marketHours;
    }

    /**
     * Schedule in the market's zone.
     *
     * @return the schedule.
     */
    public DailySchedule schedule()
    {
        return schedule;
    }

    /**
     * Time of the morning job.
     *
     * @return local time.
     */
    public LocalTime morningJob()
    {
        return morningJob;
    }

    /**
     * Cleanup window.
     *
     * @return the window.
     */
    public DailySchedule.Window cleanupWindow()
    {
        return cleanupWindow;
    }

    /**
     * Snapshot files kept.
     *
     * @return days.
     */
    public int retainDays()
    {
        return retainDays;
    }

    /**
     * Call timeout of order entry.
     *
     * @return milliseconds.
     */
    public long orderTimeoutMs()
    {
        return orderTimeoutMs;
    }

    /**
     * Call timeout of queries.
     *
     * @return milliseconds.
     */
    public long queryTimeoutMs()
    {
        return queryTimeoutMs;
    }

    /**
     * Call timeout of master downloads.
     *
     * @return milliseconds.
     */
    public long downloadTimeoutMs()
    {
        return downloadTimeoutMs;
    }

    /**
     * Order-book polling interval.
     *
     * @return nanoseconds.
     */
    public long pollIntervalNs()
    {
        return pollIntervalNs;
    }

    /**
     * Funds refresh interval.
     *
     * @return nanoseconds.
     */
    public long fundsIntervalNs()
    {
        return fundsIntervalNs;
    }

    /**
     * Quote refresh interval.
     *
     * @return nanoseconds.
     */
    public long quoteIntervalNs()
    {
        return quoteIntervalNs;
    }

    /**
     * Interval between LTP polls of options.
     *
     * @return nanoseconds.
     */
    public long optionQuoteIntervalNs()
    {
        return optionQuoteIntervalNs;
    }

    /**
     * Strikes polled each side of ATM.
     *
     * @return count, 0 for none.
     */
    public int optionQuoteStrikes()
    {
        return optionQuoteStrikes;
    }

    /**
     * Canonical symbols always polled.
     *
     * @return symbols.
     */
    public List<String> optionQuoteSymbols()
    {
        return optionQuoteSymbols;
    }

    /**
     * Interval between lookups of an unknown place.
     *
     * @return nanoseconds.
     */
    public long resolveIntervalNs()
    {
        return resolveIntervalNs;
    }

    /**
     * Successful lookups without the order before it counts as not placed.
     *
     * @return count.
     */
    public int resolveAttempts()
    {
        return resolveAttempts;
    }

    /**
     * Re-read interval of secrets while a session is missing.
     *
     * @return nanoseconds.
     */
    public long sessionRetryNs()
    {
        return sessionRetryNs;
    }

    /**
     * Retry interval of a failed reconciliation.
     *
     * @return nanoseconds.
     */
    public long reconcileRetryNs()
    {
        return reconcileRetryNs;
    }

    /**
     * How long an order may wait for its account to become ready.
     *
     * @return nanoseconds.
     */
    public long readyTimeoutNs()
    {
        return readyTimeoutNs;
    }

    /**
     * Orders waiting per account.
     *
     * @return count.
     */
    public int maxQueuedOrders()
    {
        return maxQueuedOrders;
    }

    /**
     * Fresh limiters for one account: one per group, shared by the group's endpoints.
     *
     * @param account account name for the limiter names.
     * @return endpoint to limiter.
     */
    public Map<Endpoint, RateLimiter> newLimiters(final String account)
    {
        final Map<String, RateLimiter> byGroup = new HashMap<>();
        final Map<Endpoint, RateLimiter> byEndpoint = new EnumMap<>(Endpoint.class);
        for (final Map.Entry<Endpoint, String> entry : defaults.endpointGroups().entrySet())
        {
            final String group = entry.getValue();
            final RateLimiter limiter = byGroup.computeIfAbsent(group,
                (g) -> RateLimiter.parse(venue + "." + account + "." + g, rateLimits.get(g)));
            byEndpoint.put(entry.getKey(), limiter);
        }
        return byEndpoint;
    }

    private int positive(final String key, final int defaultValue)
    {
        final int value = settings.getInt(prefix + key, defaultValue);
        if (value <= 0)
        {
            throw new IllegalArgumentException(prefix + key + " must be positive, was " + value);
        }
        return value;
    }

    private long millis(final String key, final long defaultMs)
    {
        final long value = settings.getLong(prefix + key, defaultMs);
        if (value <= 0)
        {
            throw new IllegalArgumentException(prefix + key + " must be positive, was " + value);
        }
        return TimeUnit.MILLISECONDS.toNanos(value);
    }

    private Product product(final String text)
    {
        switch (text.trim().toUpperCase(Locale.ROOT))
        {
            case "MIS":
                return Product.MIS;
            case "NRML":
                return Product.NRML;
            case "CNC":
                return Product.CNC;
            default:
                throw new IllegalArgumentException(prefix + "defaultProduct must be MIS, NRML or CNC, was '" + text + "'");
        }
    }

    private static Set<String> upper(final List<String> names)
    {
        final Set<String> set = new LinkedHashSet<>();
        for (final String name : names)
        {
            set.add(name.toUpperCase(Locale.ROOT));
        }
        return set;
    }
}
