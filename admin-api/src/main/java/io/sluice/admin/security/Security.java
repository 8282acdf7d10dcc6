package io.sluice.admin.security;

import java.security.SecureRandom;

import io.netty.handler.ssl.SslContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The admin API's security services, made once at start from {@link SecurityConfig}: users and API keys, tokens,
 * rate limits, the credentials vault, the audit log and the TLS context.
 */
public final class Security implements AutoCloseable
{
    private final SecurityConfig config;
    private final UserStore users;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;
    private final CredentialVault vault;
    private final AuditLog audit;
    private final SslContext sslContext;
    private final boolean ephemeralSigningKey;

    /**
     * Build the services; creates the bootstrap admin when there are no users and its password is set.
     *
     * @param config settings.
     * @param clock  wall clock, epoch ns.
     */
    public Security(final SecurityConfig config, final EpochNanoClock clock)
    {
        this.config = config;
        final PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKib, config.argon2Iterations);
        users = new UserStore(config.usersFile, hasher);
        if (users.size() == 0 && config.bootstrapPassword != null)
        {
            users.put(config.bootstrapUser, Role.ADMIN, config.bootstrapPassword);
        }
        ephemeralSigningKey = config.jwtSecret == null;
        final byte[] secret = config.jwtSecret != null ? config.jwtSecret : new byte[32];
        if (ephemeralSigningKey)
        {
            new SecureRandom().nextBytes(secret);
        }
        tokens = new TokenService(secret, clock, config.accessTtlSeconds, config.refreshTtlSeconds, users);
        rateLimiter = new RateLimiter(clock, config.ratePerSecond, config.rateBurst);
        vault = config.credentialsKey != null ? new CredentialVault(config.credentialsFile, config.credentialsKey) : null;
        audit = new AuditLog(config.auditFile);
        sslContext = config.tlsEnabled() ? TlsSupport.serverContext(config) : null;
    }

    /**
     * Settings.
     *
     * @return the config.
     */
    public SecurityConfig config()
    {
        return config;
    }

    /**
     * Users and API keys.
     *
     * @return the store.
     */
    public UserStore users()
    {
        return users;
    }

    /**
     * Access and refresh tokens.
     *
     * @return the service.
     */
    public TokenService tokens()
    {
        return tokens;
    }

    /**
     * Per-client rate limits.
     *
     * @return the limiter.
     */
    public RateLimiter rateLimiter()
    {
        return rateLimiter;
    }

    /**
     * The credentials vault.
     *
     * @return the vault, or null when no credentials key is configured.
     */
    public CredentialVault vault()
    {
        return vault;
    }

    /**
     * The audit log.
     *
     * @return the log.
     */
    public AuditLog audit()
    {
        return audit;
    }

    /**
     * TLS context of the listener.
     *
     * @return the context, or null when TLS is off.
     */
    public SslContext sslContext()
    {
        return sslContext;
    }

    /**
     * Whether the token signing key was made at random for this run (tokens end with the process).
     *
     * @return true when no key was configured.
     */
    public boolean ephemeralSigningKey()
    {
        return ephemeralSigningKey;
    }

    /**
     * Resolve the credentials of a request.
     *
     * @param bearer the token of an {@code Authorization: Bearer} header, an access token (JWT) or an API key; or null.
     * @param apiKey an {@code X-API-Key} header, or null.
     * @return the principal, or null when no valid credentials were given.
     */
    public Principal authenticate(final String bearer, final String apiKey)
    {
        if (apiKey != null)
        {
            return users.authenticateApiKey(apiKey);
        }
        if (bearer == null)
        {
            return null;
        }
        return bearer.startsWith(UserStore.API_KEY_PREFIX) ? users.authenticateApiKey(bearer) : tokens.verify(bearer);
    }

    public void close()
    {
        CloseHelper.quietClose(audit);
    }
}
