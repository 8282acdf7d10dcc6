package io.sluice.admin.security;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;

/**
 * Sits next to the HTTP codec so it sees every answer (including 413s from the aggregator and 401/429s from the
 * gate): adds the security headers (a strict Content-Security-Policy unless the dashboard set its own, no sniffing,
 * no framing, no referrer, no caching of API answers, HSTS under TLS), the CORS allow header for configured origins
 * only, and reports each answer's status to the HTTP metrics.
 */
@ChannelHandler.Sharable
public final class ResponseHeadersHandler extends ChannelDuplexHandler
{
    private static final AttributeKey<String> ALLOWED_ORIGIN = AttributeKey.valueOf("sluice.allowedOrigin");
    private static final AttributeKey<String> AREA = AttributeKey.valueOf("sluice.area");

    // Metric labels come from these fixed sets only, so clients cannot create unbounded label values.
    private static final Set<String> API_RESOURCES = Set.of("signals", "orders", "positions", "state", "kill", "resume",
        "flatten", "reduce", "limits", "auth", "users", "credentials", "audit", "risk", "alerts", "executions", "accounts",
        "marketdata", "pnl", "stream", "engine", "approvals", "gateways");
    private static final Set<String> AREAS = Set.of("api", "webhook", "dashboard", "metrics", "health", "ready");

    private final List<String> corsOrigins;
    private final boolean tls;
    private final BiConsumer<String, Integer> statusObserver;

    /**
     * A decorator.
     *
     * @param corsOrigins    origins allowed cross-origin access (empty: none).
     * @param tls            whether the listener is HTTPS.
     * @param statusObserver receives (area, status) of every answer.
     */
    public ResponseHeadersHandler(final List<String> corsOrigins, final boolean tls, final BiConsumer<String, Integer> statusObserver)
    {
        this.corsOrigins = corsOrigins;
        this.tls = tls;
        this.statusObserver = statusObserver;
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof HttpRequest)
        {
            final HttpRequest request = (HttpRequest)msg;
            final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            ctx.channel().attr(ALLOWED_ORIGIN).set(origin != null && corsOrigins.contains(origin) ? origin : null);
            ctx.channel().attr(AREA).set(area(request.uri()));
        }
        ctx.fireChannelRead(msg);
    }

    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
    {
        if (msg instanceof HttpResponse)
        {
            final HttpResponse response = (HttpResponse)msg;
            final HttpHeaders headers = response.headers();
            if (!headers.contains("Content-Security-Policy"))
            {
                headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.contains(HttpHeaderNames.CACHE_CONTROL))
            {
                headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            }
            if (tls)
            {
                headers.set("Strict-Transport-Security", "max-age=31536000");
            }
            final String origin = ctx.channel().attr(ALLOWED_ORIGIN).get();
            if (origin != null)
            {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                headers.add(HttpHeaderNames.VARY, "Origin");
            }
            final String area = ctx.channel().attr(AREA).get();
            statusObserver.accept(area != null ? area : "other", response.status().code());
        }
        ctx.write(msg, promise);
    }

    /**
     * A coarse, bounded label for a request path, for metrics: the first segment, or the API resource.
     *
     * @param uri request URI.
     * @return e.g. "api/orders", "webhook", "dashboard", or "other".
     */
    static String area(final String uri)
    {
        String path = uri;
        final int query = path.indexOf('?');
        if (query >= 0)
        {
            path = path.substring(0, query);
        }
        final String[] s = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (s.length >= 3 && s[0].equals("api") && s[1].equals("v1") && API_RESOURCES.contains(s[2]))
        {
            return "api/" + s[2];
        }
        return s.length >= 1 && AREAS.contains(s[0]) ? s[0] : "other";
    }
}
