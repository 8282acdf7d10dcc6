package io.sluice.admin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.sluice.protocol.Settings;

/**
 * Security settings of the admin API, each with its property name and default here. Secrets (bootstrap password,
 * token signing key, credentials key) come from the environment or from key files, never from the properties file.
 */
public final class SecurityConfig
{
    /** Require authentication; default true. May be false only when the listener is bound to a loopback address. */
    public static final String AUTH_ENABLED_PROP = "sluice.admin.auth.enabled";
    /** Users file (JSON, Argon2id hashes, owner-only permissions). */
    public static final String USERS_FILE_PROP = "sluice.admin.users.file";
    /** Name of the admin created at start when the users file has no users and the bootstrap password is set. */
    public static final String BOOTSTRAP_USER_PROP = "sluice.admin.bootstrap.user";
    /** Environment variable holding the bootstrap admin's password. */
    public static final String BOOTSTRAP_PASSWORD_ENV = "SLUICE_ADMIN_PASSWORD";
    /** File holding the token signing key (32+ bytes); else the environment variable below; else random per start. */
    public static final String JWT_KEY_FILE_PROP = "sluice.admin.jwt.keyFile";
    /** Environment variable holding the token signing key. */
    public static final String JWT_SECRET_ENV = "SLUICE_JWT_SECRET";
    /** Access token lifetime in seconds. */
    public static final String ACCESS_TTL_PROP = "sluice.admin.auth.accessTtlSeconds";
    /** Refresh token lifetime in seconds. */
    public static final String REFRESH_TTL_PROP = "sluice.admin.auth.refreshTtlSeconds";
    /** Argon2id memory cost in KiB. */
    public static final String ARGON2_MEMORY_PROP = "sluice.admin.password.memoryKib";
    /** Argon2id iterations. */
    public static final String ARGON2_ITERATIONS_PROP = "sluice.admin.password.iterations";
    /** Requests per second per client, sustained. */
    public static final String RATE_PER_SECOND_PROP = "sluice.http.rateLimit.perSecond";
    /** Requests per client allowed at once. */
    public static final String RATE_BURST_PROP = "sluice.http.rateLimit.burst";
    /** Origins allowed to call the API from a browser (comma separated); empty: CORS off. */
    public static final String CORS_ORIGINS_PROP = "sluice.http.cors.origins";
    /** PEM certificate chain of the HTTPS listener; TLS is on when this and the key are set. */
    public static final String TLS_CERT_PROP = "sluice.http.tls.certFile";
    /** PEM PKCS#8 private key of the HTTPS listener. */
    public static final String TLS_KEY_PROP = "sluice.http.tls.keyFile";
    /** PEM CA certificates that client certificates must chain to (enables client certificate requests). */
    public static final String TLS_CLIENT_CA_PROP = "sluice.http.tls.clientCaFile";
    /** Common name TradingView's webhook client certificate must carry. */
    public static final String TLS_TRADINGVIEW_CN_PROP = "sluice.http.tls.tradingViewCn";
    /** Encrypted broker credentials file. */
    public static final String CREDENTIALS_FILE_PROP = "sluice.admin.credentials.file";
    /** File holding the credentials key (base64 of 32 bytes); else the environment variable below. */
    public static final String CREDENTIALS_KEY_FILE_PROP = "sluice.admin.credentials.keyFile";
    /** Environment variable holding the credentials key (base64 of 32 bytes). */
    public static final String CREDENTIALS_KEY_ENV = "SLUICE_CREDENTIALS_KEY";
    /** Audit log file (JSON lines). */
    public static final String AUDIT_FILE_PROP = "sluice.admin.audit.file";
    /** Serve /metrics without authentication (for scrapers on a private network); default false. */
    public static final String METRICS_PUBLIC_PROP = "sluice.metrics.public";

    final boolean authEnabled;
    final Path usersFile;
    final String bootstrapUser;
    final char[] bootstrapPassword;
    final byte[] jwtSecret;
    final long accessTtlSeconds;
    final long refreshTtlSeconds;
    final int argon2MemoryKib;
    final int argon2Iterations;
    final double ratePerSecond;
    final int rateBurst;
    final List<String> corsOrigins;
    final Path tlsCert;
    final Path tlsKey;
    final Path tlsClientCa;
    final String tradingViewCn;
    final Path credentialsFile;
    final byte[] credentialsKey;
    final Path auditFile;
    final boolean metricsPublic;

    /**
     * Read the settings and the environment, and validate them against the bind address.
     *
     * @param settings configuration.
     * @param env      environment lookup (System::getenv in production).
     * @param host     the address the listener binds to.
     */
    public SecurityConfig(final Settings settings, final Function<String, String> env, final String host)
    {
        final Path adminHome = settings.home().resolve("admin");
        authEnabled = settings.getBoolean(AUTH_ENABLED_PROP, true);
        if (!authEnabled && !isLoopback(host))
        {
            throw new IllegalArgumentException(AUTH_ENABLED_PROP + "=false is allowed only on a loopback address, not " + host);
        }
        usersFile = Path.of(settings.get(USERS_FILE_PROP, adminHome.resolve("users.json").toString()));
        bootstrapUser = settings.get(BOOTSTRAP_USER_PROP, "admin");
        final String bootstrap = env.apply(BOOTSTRAP_PASSWORD_ENV);
        bootstrapPassword = bootstrap == null || bootstrap.isEmpty() ? null : bootstrap.toCharArray();
        jwtSecret = secret(settings.get(JWT_KEY_FILE_PROP, ""), env.apply(JWT_SECRET_ENV));
        accessTtlSeconds = settings.getLong(ACCESS_TTL_PROP, 900);
        refreshTtlSeconds = settings.getLong(REFRESH_TTL_PROP, 8 * 3600);
        argon2MemoryKib = settings.getInt(ARGON2_MEMORY_PROP, PasswordHasher.DEFAULT_MEMORY_KIB);
        argon2Iterations = settings.getInt(ARGON2_ITERATIONS_PROP, PasswordHasher.DEFAULT_ITERATIONS);
        ratePerSecond = Double.parseDouble(settings.get(RATE_PER_SECOND_PROP, "20"));
        rateBurst = settings.getInt(RATE_BURST_PROP, 60);
        corsOrigins = settings.getList(CORS_ORIGINS_PROP, "");
        tlsCert = path(settings.get(TLS_CERT_PROP, ""));
        tlsKey = path(settings.get(TLS_KEY_PROP, ""));
        tlsClientCa = path(settings.get(TLS_CLIENT_CA_PROP, ""));
        tradingViewCn = settings.get(TLS_TRADINGVIEW_CN_PROP, "TradingView Webhooks");
        credentialsFile = Path.of(settings.get(CREDENTIALS_FILE_PROP, adminHome.resolve("credentials.json").toString()));
        credentialsKey = credentialsKey(settings.get(CREDENTIALS_KEY_FILE_PROP, ""), env.apply(CREDENTIALS_KEY_ENV));
        auditFile = Path.of(settings.get(AUDIT_FILE_PROP, adminHome.resolve("audit.jsonl").toString()));
        metricsPublic = settings.getBoolean(METRICS_PUBLIC_PROP, false);
        if ((tlsCert == null) != (tlsKey == null))
        {
            throw new IllegalArgumentException(TLS_CERT_PROP + " and " + TLS_KEY_PROP + " must be set together");
        }
        if (tlsClientCa != null && tlsCert == null)
        {
            throw new IllegalArgumentException(TLS_CLIENT_CA_PROP + " needs TLS (" + TLS_CERT_PROP + ")");
        }
        if (accessTtlSeconds < 1 || refreshTtlSeconds < accessTtlSeconds)
        {
            throw new IllegalArgumentException("token lifetimes must be positive and the refresh one at least the access one");
        }
        for (final String origin : corsOrigins)
        {
            if (origin.equals("*"))
            {
                throw new IllegalArgumentException(CORS_ORIGINS_PROP + " must list origins; '*' is not allowed");
            }
        }
    }

    /**
     * Whether requests must authenticate.
     *
     * @return true when on.
     */
    public boolean authEnabled()
    {
        return authEnabled;
    }

    /**
     * Origins allowed cross-origin access.
     *
     * @return the list, empty when CORS is off.
     */
    public java.util.List<String> corsOrigins()
    {
        return corsOrigins;
    }

    /**
     * Whether the listener serves HTTPS.
     *
     * @return true when a certificate is configured.
     */
    public boolean tlsEnabled()
    {
        return tlsCert != null;
    }

    /**
     * Whether an address is loopback (127.0.0.0/8, ::1, localhost).
     *
     * @param host name or address.
     * @return true when loopback.
     */
    public static boolean isLoopback(final String host)
    {
        try
        {
            for (final InetAddress address : InetAddress.getAllByName(host))
            {
                if (!address.isLoopbackAddress())
                {
                    return false;
                }
            }
            return true;
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    private static Path path(final String text)
    {
        return text == null || text.isBlank() ? null : Path.of(text.strip());
    }

    private static byte[] secret(final String keyFile, final String envValue)
    {
        if (!keyFile.isBlank())
        {
            final byte[] bytes = read(Path.of(keyFile.strip()));
            if (bytes.length < 32)
            {
                throw new IllegalArgumentException(JWT_KEY_FILE_PROP + " must hold at least 32 bytes");
            }
            return bytes;
        }
        if (envValue != null && !envValue.isEmpty())
        {
            final byte[] bytes = envValue.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32)
            {
                throw new IllegalArgumentException(JWT_SECRET_ENV + " must be at least 32 bytes");
            }
            return bytes;
        }
        return null;
    }

    private static byte[] credentialsKey(final String keyFile, final String envValue)
    {
        if (!keyFile.isBlank())
        {
            return CredentialVault.decodeKey(new String(read(Path.of(keyFile.strip())), StandardCharsets.US_ASCII));
        }
        if (envValue != null && !envValue.isEmpty())
        {
            return CredentialVault.decodeKey(envValue);
        }
        return null;
    }

    private static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read key file " + file, ex);
        }
    }
}
