package io.sluice.gateway.mt5;

import io.sluice.protocol.Settings;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The MT5 gateway's settings, read and validated once: timings shared by every terminal, and one
 * {@link Account} per configured account (keys and defaults in {@link Mt5Venue}'s javadoc).
 */
final class Mt5Config
{
    static final String PREFIX = "sluice.mt5.";
    static final String ACCOUNTS = PREFIX + "accounts";
    static final String ACCOUNT_PREFIX = PREFIX + "account.";

    static final int DEFAULT_PORT = 18812;
    static final long DEFAULT_MAGIC = 7101;
    static final String FILLING_AUTO = "AUTO";
    private static final List<String> FILLINGS = List.of(FILLING_AUTO, "FOK", "IOC", "RETURN");

    final List<Account> accounts;
    final int connectTimeoutMs;
    final long requestTimeoutNs;
    final long pingIntervalNs;
    final long pingTimeoutNs;
    final long reconnectMinNs;
    final long reconnectMaxNs;
    final long holdTimeoutNs;
    final long historyLookbackMs;

    private Mt5Config(final Settings settings, final Function<String, String> environment)
    {
        connectTimeoutMs = (int)positive(settings, PREFIX + "connectTimeoutMs", 3_000);
        requestTimeoutNs = millis(settings, PREFIX + "requestTimeoutMs", 10_000);
        pingIntervalNs = millis(settings, PREFIX + "pingIntervalMs", 2_000);
        pingTimeoutNs = millis(settings, PREFIX + "pingTimeoutMs", 5_000);
        reconnectMinNs = millis(settings, PREFIX + "reconnectMinMs", 500);
        reconnectMaxNs = millis(settings, PREFIX + "reconnectMaxMs", 30_000);
        holdTimeoutNs = millis(settings, PREFIX + "holdTimeoutMs", 5_000);
        historyLookbackMs = positive(settings, PREFIX + "historyLookbackMs", TimeUnit.DAYS.toMillis(1));
        if (reconnectMaxNs < reconnectMinNs)
        {
            throw new IllegalArgumentException(PREFIX + "reconnectMaxMs must not be below " + PREFIX + "reconnectMinMs");
        }

        final List<String> names = settings.getList(ACCOUNTS, "");
        if (names.isEmpty())
        {
            throw new IllegalArgumentException(ACCOUNTS + " must name at least one MT5 account (one terminal with the SluiceBridge EA each)");
        }
        final List<Account> list = new ArrayList<>();
        for (final String name : names)
        {
            if (list.stream().anyMatch((a) -> a.name.equals(name)))
            {
                throw new IllegalArgumentException(ACCOUNTS + " lists account " + name + " twice");
            }
            list.add(new Account(settings, name, environment));
        }
        accounts = List.copyOf(list);
    }

    /**
     * Read the settings.
     *
     * @param settings    configuration.
     * @param environment environment lookup for secrets (System::getenv in production).
     * @return the validated configuration.
     * @throws IllegalArgumentException naming the first invalid or missing setting; never containing a secret.
     */
    static Mt5Config from(final Settings settings, final Function<String, String> environment)
    {
        return new Mt5Config(settings, environment);
    }

    /** One MT5 account: the terminal that serves it and how orders for it are shaped. */
    static final class Account
    {
        final String name;
        final String host;
        final int port;
        final BridgeSecret secret;
        final long login;
        final long magic;
        final long deviationPoints;
        final long collarPoints;
        final String filling;
        final Map<String, String> fillingBySymbol = new LinkedHashMap<>();
        final boolean netHedges;
        final Map<String, String> venueSymbols = new LinkedHashMap<>();

        private Account(final Settings settings, final String name, final Function<String, String> environment)
        {
            if (!name.matches("[A-Za-z0-9_.-]{1,16}"))
            {
                throw new IllegalArgumentException("MT5 account name '" + name + "' must be 1-16 of A-Z a-z 0-9 _ . -");
            }
            this.name = name;
            host = value(settings, "host", "127.0.0.1");
            requirePrivate(host);
            port = (int)positive(settings, key("port"), settings.getLong(PREFIX + "port", DEFAULT_PORT));
            if (port > 65_535)
            {
                throw new IllegalArgumentException(key("port") + " must be a TCP port, was " + port);
            }
            secret = secret(settings, environment);
            login = settings.getLong(key("login"), 0);
            magic = positive(settings, key("magic"), settings.getLong(PREFIX + "magic", DEFAULT_MAGIC));
            deviationPoints = nonNegative(settings, key("deviation"), settings.getLong(PREFIX + "deviation", 10));
            collarPoints = nonNegative(settings, key("collarPoints"), settings.getLong(PREFIX + "collarPoints", 50));
            filling = parseFilling(key("filling"), value(settings, "filling", FILLING_AUTO));
            netHedges = settings.getBoolean(key("netHedges"), settings.getBoolean(PREFIX + "netHedges", false));

            for (final String entry : settings.getList(key("symbols"), settings.get(PREFIX + "symbols", "")))
            {
                final int colon = entry.indexOf(':');
                final String canonical = (colon < 0 ? entry : entry.substring(0, colon)).trim();
                final String venue = (colon < 0 ? entry : entry.substring(colon + 1)).trim();
                if (canonical.isEmpty() || venue.isEmpty() || canonical.length() > 32 || venue.length() > 32)
                {
                    throw new IllegalArgumentException(key("symbols") + " entry '" + entry + "' must be SYMBOL or SYMBOL:TERMINAL_SYMBOL");
                }
                if (venueSymbols.put(canonical, venue) != null)
                {
                    throw new IllegalArgumentException(key("symbols") + " maps " + canonical + " twice");
                }
                final String symbolFilling = settings.get(key("filling." + canonical), null);
                if (symbolFilling != null)
                {
                    fillingBySymbol.put(canonical, parseFilling(key("filling." + canonical), symbolFilling));
                }
            }
            if (venueSymbols.isEmpty())
            {
                throw new IllegalArgumentException(key("symbols") + " must list the account's symbols, e.g. XAUUSD:XAUUSD.m,EURUSD");
            }
        }

        /**
         * Filling rule for a canonical symbol: FOK, IOC, RETURN or AUTO (the first the symbol allows of FOK, IOC, RETURN).
         *
         * @param canonical Sluice symbol.
         * @return the rule.
         */
        String filling(final String canonical)
        {
            return fillingBySymbol.getOrDefault(canonical, filling);
        }

        private String key(final String suffix)
        {
            return ACCOUNT_PREFIX + name + "." + suffix;
        }

        private String value(final Settings settings, final String suffix, final String defaultValue)
        {
            return settings.get(key(suffix), settings.get(PREFIX + suffix, defaultValue));
        }

        private BridgeSecret secret(final Settings settings, final Function<String, String> environment)
        {
            final String file = value(settings, "secretFile", null);
            if (file != null)
            {
                return BridgeSecret.fromFile(Path.of(file));
            }
            final String variable = value(settings, "secretEnv", "SLUICE_MT5_SECRET_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            try
            {
                return BridgeSecret.fromEnvironment(variable, environment);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("no shared secret for MT5 account " + name + ": " + ex.getMessage() +
                    "; set " + key("secretFile") + " (a file readable by its owner only) or the environment variable " + variable, ex);
            }
        }

        private void requirePrivate(final String host)
        {
            final InetAddress address;
            try
            {
                address = InetAddress.getByName(host);
            }
            catch (final UnknownHostException ex)
            {
                throw new IllegalArgumentException(key("host") + " '" + host + "' does not resolve", ex);
            }
            final boolean uniqueLocalV6 = address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
            if (!(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || uniqueLocalV6))
            {
                throw new IllegalArgumentException(key("host") + " '" + host + "' is a public address; the bridge is not encrypted " +
                    "and must run on loopback or a private network (use a VPN or SSH tunnel)");
            }
        }
    }

    private static String parseFilling(final String key, final String value)
    {
        final String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!FILLINGS.contains(upper))
        {
            throw new IllegalArgumentException(key + " must be one of " + FILLINGS + ", was '" + value + "'");
        }
        return upper;
    }

    private static long millis(final Settings settings, final String key, final long defaultMs)
    {
        return TimeUnit.MILLISECONDS.toNanos(positive(settings, key, defaultMs));
    }

    private static long positive(final Settings settings, final String key, final long defaultValue)
    {
        final long value = settings.getLong(key, defaultValue);
        if (value <= 0)
        {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
        return value;
    }

    private static long nonNegative(final Settings settings, final String key, final long defaultValue)
    {
        final long value = settings.getLong(key, defaultValue);
        if (value < 0)
        {
            throw new IllegalArgumentException(key + " must not be negative, was " + value);
        }
        return value;
    }
}
