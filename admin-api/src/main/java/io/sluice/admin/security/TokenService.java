package io.sluice.admin.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Issues and checks short-lived access tokens (JWT, HMAC-SHA256, via java-jwt) and opaque refresh tokens.
 * Refresh tokens are random 256-bit strings kept only as SHA-256 hashes in memory, single use (each refresh returns
 * a new one), so a restart or a logout ends every session.
 */
public final class TokenService
{
    static final String ISSUER = "sluice";
    private static final int MAX_REFRESH_TOKENS = 10_000;

    /**
     * A login's tokens.
     *
     * @param accessToken    the JWT.
     * @param refreshToken   opaque refresh token.
     * @param expiresInSeconds access token lifetime.
     * @param principal      who it is for.
     */
    public record Tokens(String accessToken, String refreshToken, long expiresInSeconds, Principal principal)
    {
    }

    private record Refresh(String user, long expiresAtNs)
    {
    }

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final EpochNanoClock clock;
    private final long accessTtlSeconds;
    private final long refreshTtlNs;
    private final UserStore users;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

    /**
     * A token service.
     *
     * @param secret            HMAC key, at least 32 bytes.
     * @param clock             wall clock, epoch ns.
     * @param accessTtlSeconds  access token lifetime.
     * @param refreshTtlSeconds refresh token lifetime.
     * @param users             where current roles and disabled flags are looked up.
     */
    public TokenService(
        final byte[] secret, final EpochNanoClock clock, final long accessTtlSeconds, final long refreshTtlSeconds, final UserStore users)
    {
        if (secret.length < 32)
        {
            throw new IllegalArgumentException("the token signing key must be at least 32 bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.accessTtlSeconds = accessTtlSeconds;
        this.refreshTtlNs = refreshTtlSeconds * 1_000_000_000L;
        this.users = users;
        this.verifier = ((JWTVerifier.BaseVerification)JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence("role"))
            .build(new NanoClock(clock));
    }

    /**
     * Tokens for a user who just proved who they are.
     *
     * @param user the user.
     * @return access and refresh tokens.
     */
    public Tokens issue(final UserStore.User user)
    {
        final long nowNs = clock.nanoTime();
        final Instant now = Instant.ofEpochSecond(0, nowNs);
        final byte[] id = new byte[12];
        random.nextBytes(id);
        final String access = JWT.create()
            .withIssuer(ISSUER)
            .withSubject(user.name())
            .withClaim("role", user.role().label())
            .withIssuedAt(now)
            .withExpiresAt(now.plusSeconds(accessTtlSeconds))
            .withJWTId(Base64.getUrlEncoder().withoutPadding().encodeToString(id))
            .sign(algorithm);
        final byte[] refreshBytes = new byte[32];
        random.nextBytes(refreshBytes);
        final String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(refreshBytes);
        pruneRefreshTokens(nowNs);
        refreshTokens.put(UserStore.sha256Hex(refresh), new Refresh(user.name(), nowNs + refreshTtlNs));
        return new Tokens(access, refresh, accessTtlSeconds, new Principal(user.name(), user.role(), "token"));
    }

    /**
     * Exchange a refresh token for new tokens; the old refresh token stops working.
     *
     * @param refreshToken the token.
     * @return new tokens, or null when unknown, expired or the user is gone or disabled.
     */
    public Tokens refresh(final String refreshToken)
    {
        if (refreshToken == null)
        {
            return null;
        }
        final Refresh entry = refreshTokens.remove(UserStore.sha256Hex(refreshToken));
        if (entry == null || clock.nanoTime() > entry.expiresAtNs())
        {
            return null;
        }
        final UserStore.User user = users.user(entry.user());
        return user == null || user.disabled() ? null : issue(user);
    }

    /**
     * Forget a refresh token (logout).
     *
     * @param refreshToken the token.
     * @return true when it was known.
     */
    public boolean revoke(final String refreshToken)
    {
        return refreshToken != null && refreshTokens.remove(UserStore.sha256Hex(refreshToken)) != null;
    }

    /**
     * Check an access token: signature, issuer, expiry, and that its user still exists and is enabled. The role is
     * the lower of the token's and the user's current one, so a demotion takes effect at once.
     *
     * @param token the JWT.
     * @return the principal, or null when the token is not valid.
     */
    public Principal verify(final String token)
    {
        try
        {
            final DecodedJWT jwt = verifier.verify(token);
            final UserStore.User user = users.user(jwt.getSubject());
            if (user == null || user.disabled())
            {
                return null;
            }
            return new Principal(user.name(), Role.min(Role.parse(jwt.getClaim("role").asString()), user.role()), "token");
        }
        catch (final JWTVerificationException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    private void pruneRefreshTokens(final long nowNs)
    {
        if (refreshTokens.size() < MAX_REFRESH_TOKENS)
        {
            return;
        }
        refreshTokens.values().removeIf(refresh -> refresh.expiresAtNs() < nowNs);
        final Iterator<String> it = refreshTokens.keySet().iterator();
        while (refreshTokens.size() >= MAX_REFRESH_TOKENS && it.hasNext())
        {
            it.next();
            it.remove();
        }
    }

    /** java.time view of the API's clock, so token expiry follows the same (testable) time. */
    private static final class NanoClock extends Clock
    {
        private final EpochNanoClock clock;

        NanoClock(final EpochNanoClock clock)
        {
            this.clock = clock;
        }

        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        public Clock withZone(final ZoneId zone)
        {
            return this;
        }

        public Instant instant()
        {
            return Instant.ofEpochSecond(0, clock.nanoTime());
        }
    }
}
