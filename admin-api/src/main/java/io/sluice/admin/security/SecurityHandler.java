package io.sluice.admin.security;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSession;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * The gate every request passes before any endpoint: DNS-rebinding check when auth is off, CORS preflights,
 * authentication (access token, API key), per-client rate limits (429 with Retry-After), TradingView's client
 * certificate on its webhook when TLS is on, and the role the {@link AccessPolicy} asks for (401/403). Requests
 * that pass carry the principal in a channel attribute and in the trusted {@link #ACTOR_HEADER} (any such header a
 * client sent is removed first).
 */
@ChannelHandler.Sharable
public final class SecurityHandler extends ChannelInboundHandlerAdapter
{
    /** Header carrying the authenticated user to the endpoints; never taken from clients. */
    public static final String ACTOR_HEADER = "X-Sluice-Actor";
    /** The principal of the request being handled on a connection. */
    public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("sluice.principal");
    /** Principal of every request when authentication is off. */
    public static final Principal LOCAL = new Principal("local", Role.ADMIN, "none");
    private static final String TRADINGVIEW_PATH = "/webhook/tradingview";
    private static final String STREAM_PATH = "/api/v1/stream";

    private final Security security;

    /**
     * A gate over the security services.
     *
     * @param security services and settings.
     */
    public SecurityHandler(final Security security)
    {
        this.security = security;
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)msg;
        boolean passed = false;
        try
        {
            passed = check(ctx, request);
        }
        finally
        {
            if (passed)
            {
                ctx.fireChannelRead(request);
            }
            else
            {
                ReferenceCountUtil.release(request);
            }
        }
    }

    private boolean check(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final SecurityConfig config = security.config();
        request.headers().remove(ACTOR_HEADER);
        ctx.channel().attr(PRINCIPAL).set(null);
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path = uri.path();
        final String method = request.method().name();
        final String remote = remote(ctx);

        if (!config.authEnabled && !loopbackHost(request.headers().get(HttpHeaderNames.HOST)))
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, "HOST_NOT_ALLOWED",
                "with authentication off only loopback host names are served", Map.of());
            return false;
        }
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (request.method().equals(HttpMethod.OPTIONS) && origin != null &&
            request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD))
        {
            preflight(ctx, request, origin, remote);
            return false;
        }

        Principal principal = null;
        boolean presentedCredentials = false;
        if (config.authEnabled)
        {
            String bearer = null;
            final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            {
                bearer = authorization.substring(7).strip();
            }
            else if (authorization != null)
            {
                presentedCredentials = true;
            }
            if (bearer == null && STREAM_PATH.equals(path))
            {
                // Browsers cannot set headers on a WebSocket: the stream takes its token as a query parameter.
                final List<String> token = uri.parameters().get("access_token");
                bearer = token == null || token.isEmpty() ? null : token.get(0);
            }
            final String apiKey = request.headers().get("X-API-Key");
            presentedCredentials |= bearer != null || apiKey != null;
            principal = security.authenticate(bearer, apiKey);
        }
        else
        {
            principal = LOCAL;
        }

        final String client = principal != null && principal != LOCAL ? "user:" + principal.name() : "ip:" + remote;
        final long retryAfterSeconds = security.rateLimiter().acquire(client);
        if (retryAfterSeconds > 0)
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after " + retryAfterSeconds + " s", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
            return false;
        }

        if (config.tlsEnabled() && (path.equals(TRADINGVIEW_PATH) || path.startsWith(TRADINGVIEW_PATH + "/")))
        {
            final SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            final SSLSession session = ssl != null ? ssl.engine().getSession() : null;
            final String cn = session != null ? TlsSupport.clientCommonName(session) : null;
            if (!config.tradingViewCn.equals(cn))
            {
                HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, "CLIENT_CERTIFICATE_REQUIRED",
                    "this endpoint needs TradingView's client certificate", Map.of());
                return false;
            }
        }

        final Role required = config.metricsPublic && path.equals("/metrics") ? null : AccessPolicy.required(method, path);
        if (required != null)
        {
            if (principal == null)
            {
                HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, presentedCredentials ? "INVALID_CREDENTIALS" : "UNAUTHENTICATED",
                    presentedCredentials ? "the token or API key is not valid (or has expired)" : "authentication required",
                    Map.of("WWW-Authenticate", "Bearer realm=\"sluice\""));
                return false;
            }
            if (!principal.role().includes(required))
            {
                HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, "FORBIDDEN",
                    "this needs the " + required.label() + " role; you have " + principal.role().label(), Map.of());
                return false;
            }
        }
        ctx.channel().attr(PRINCIPAL).set(principal);
        if (principal != null && principal != LOCAL)
        {
            request.headers().set(ACTOR_HEADER, principal.name());
        }
        return true;
    }

    private void preflight(final ChannelHandlerContext ctx, final FullHttpRequest request, final String origin, final String remote)
    {
        final long retryAfterSeconds = security.rateLimiter().acquire("ip:" + remote);
        if (retryAfterSeconds > 0)
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
            return;
        }
        if (!security.config().corsOrigins.contains(origin))
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, "CORS_REJECTED", "cross-origin requests are not allowed", Map.of());
            return;
        }
        HttpReplies.bytes(ctx, request, HttpResponseStatus.NO_CONTENT, "text/plain", new byte[0], Map.of(
            "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE",
            "Access-Control-Allow-Headers", "Authorization, Content-Type, X-API-Key",
            "Access-Control-Max-Age", "600"));
    }

    private static String remote(final ChannelHandlerContext ctx)
    {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress ?
            ((InetSocketAddress)ctx.channel().remoteAddress()).getAddress().getHostAddress() : "unknown";
    }

    static boolean loopbackHost(final String hostHeader)
    {
        if (hostHeader == null)
        {
            return false;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT).strip();
        if (host.startsWith("["))
        {
            final int end = host.indexOf(']');
            host = end > 0 ? host.substring(1, end) : host;
        }
        else if (host.indexOf(':') >= 0)
        {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}
