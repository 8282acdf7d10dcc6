package io.sluice.admin.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.sluice.admin.dashboard.DashboardAssets;
import io.sluice.admin.http.ApiException;
import io.sluice.admin.security.HttpReplies;
import io.sluice.admin.security.Principal;
import io.sluice.admin.security.SecurityHandler;
import io.sluice.admin.stream.StreamAgent;
import io.sluice.admin.stream.StreamFrameHandler;
import org.agrona.ErrorHandler;

/**
 * The operator side of the API, in front of the signal and read endpoints: dashboard, OpenAPI document, metrics,
 * readiness, login and users, credentials, audit, operations views, limits, manual orders, cancels and the
 * WebSocket stream. Requests it does not own go on, untouched, to the next handler.
 * <pre>
 *   GET  /  → /dashboard/            GET /dashboard/{file}          GET /api/openapi.json
 *   GET  /metrics                    GET /ready
 *   POST /api/v1/auth/login          POST /api/v1/auth/refresh      POST /api/v1/auth/logout    GET /api/v1/auth/me
 *   GET  /api/v1/users               POST /api/v1/users             DELETE /api/v1/users/{name}
 *   POST /api/v1/users/{name}/apikeys                              DELETE /api/v1/users/{name}/apikeys/{id}
 *   GET  /api/v1/credentials         PUT/DELETE /api/v1/credentials/{account}/{name}
 *   GET  /api/v1/audit  /risk  /alerts  /executions  /accounts  /engine  /marketdata  /marketdata/{venue}/{symbol}  /pnl
 *   POST /api/v1/accounts            PUT /api/v1/accounts/{account}  POST /api/v1/accounts/{account}/disable|enable (admin)
 *   POST /api/v1/limits              POST /api/v1/orders            POST /api/v1/orders/{clientOrderId}/cancel
 *   GET  /api/v1/stream (WebSocket; ?after=&lt;journal index&gt;&amp;prices=true)
 * </pre>
 */
@ChannelHandler.Sharable
public final class OperatorHandler extends ChannelInboundHandlerAdapter
{
    private final OperatorServices services;
    private final OperatorEndpoints endpoints;
    private final DashboardAssets assets = new DashboardAssets();
    private final byte[] openApi;
    private final ErrorHandler errorHandler;

    /**
     * A handler over the services.
     *
     * @param services     what the endpoints use.
     * @param errorHandler unexpected failures (answered 500).
     */
    public OperatorHandler(final OperatorServices services, final ErrorHandler errorHandler)
    {
        this.services = services;
        this.endpoints = new OperatorEndpoints(services);
        this.errorHandler = errorHandler;
        try (InputStream in = OperatorHandler.class.getResourceAsStream("/io/sluice/admin/openapi.json"))
        {
            if (in == null)
            {
                throw new IllegalStateException("openapi.json missing from the jar");
            }
            openApi = in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)msg;
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path = uri.path();
        final String method = request.method().name();
        final Principal principal = ctx.channel().attr(SecurityHandler.PRINCIPAL).get();
        if ("GET".equals(method) && "/api/v1/stream".equals(path))
        {
            try
            {
                upgrade(ctx, request, uri);
            }
            finally
            {
                ReferenceCountUtil.release(request);
            }
            return;
        }
        Reply reply;
        try
        {
            reply = route(method, path, uri.parameters(), request, principal);
        }
        catch (final OpsException ex)
        {
            reply = Reply.error(ex);
        }
        catch (final ApiException ex)
        {
            reply = Reply.json(ex.status(), HttpReplies.error(ex.code(), ex.getMessage(), ex.field()));
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            reply = Reply.json(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                HttpReplies.error("INTERNAL_ERROR", "the request could not be processed", null));
        }
        if (reply == null)
        {
            ctx.fireChannelRead(request);
            return;
        }
        try
        {
            Map<String, String> headers = reply.headers();
            if (reply.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE) && !headers.containsKey("Retry-After") &&
                !path.equals("/ready"))
            {
                headers = new HashMap<>(headers);
                headers.put("Retry-After", "1");
            }
            HttpReplies.bytes(ctx, request, reply.status(), reply.contentType(), reply.body(), headers);
        }
        finally
        {
            ReferenceCountUtil.release(request);
        }
    }

    // Returns null for requests this handler does not own.
    private Reply route(
        final String method, final String path, final Map<String, List<String>> query, final FullHttpRequest request,
        final Principal principal)
    {
        final String[] s = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        final boolean get = "GET".equals(method) || "HEAD".equals(method);
        final boolean post = "POST".equals(method);
        final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (path.equals("/") && get)
        {
            return new Reply(HttpResponseStatus.FOUND, "text/plain", new byte[0], Map.of("Location", "/dashboard/"));
        }
        if (s[0].equals("dashboard") && get)
        {
            return dashboard(s);
        }
        if (path.equals("/api/openapi.json") && get)
        {
            return new Reply(HttpResponseStatus.OK, "application/json", openApi, Map.of());
        }
        if (path.equals("/metrics") && get)
        {
            return new Reply(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                OperatorEndpoints.utf8(services.metrics().scrape()), Map.of());
        }
        if (path.equals("/ready") && get)
        {
            return endpoints.ready();
        }
        if (s.length < 3 || !s[0].equals("api") || !s[1].equals("v1"))
        {
            return null;
        }
        final byte[] body = ByteBufUtil.getBytes(request.content());
        final String resource = s[2];
        final int n = s.length;
        switch (resource)
        {
            case "auth":
                if (n == 4 && post && s[3].equals("login"))
                {
                    return endpoints.login(contentType, body);
                }
                if (n == 4 && post && s[3].equals("refresh"))
                {
                    return endpoints.refresh(contentType, body);
                }
                if (n == 4 && post && s[3].equals("logout"))
                {
                    return endpoints.logout(contentType, body);
                }
                if (n == 4 && get && s[3].equals("me") && principal != null)
                {
                    return endpoints.me(principal);
                }
                throw OpsException.notFound("no resource at " + path);
            case "users":
                if (n == 3 && get)
                {
                    return endpoints.users();
                }
                if (n == 3 && post)
                {
                    return endpoints.putUser(contentType, body);
                }
                if (n == 4 && "DELETE".equals(method))
                {
                    return endpoints.deleteUser(s[3], principal);
                }
                if (n == 5 && post && s[4].equals("apikeys"))
                {
                    return endpoints.createApiKey(s[3], contentType, body);
                }
                if (n == 6 && "DELETE".equals(method) && s[4].equals("apikeys"))
                {
                    return endpoints.revokeApiKey(s[3], s[5]);
                }
                throw OpsException.notFound("no resource at " + path);
            case "credentials":
                if (n == 3 && get)
                {
                    return endpoints.credentials();
                }
                if (n == 5 && "PUT".equals(method))
                {
                    return endpoints.putCredential(s[3], s[4], contentType, body);
                }
                if (n == 5 && "DELETE".equals(method))
                {
                    return endpoints.deleteCredential(s[3], s[4]);
                }
                throw OpsException.notFound("no resource at " + path);
            case "audit":
                return n == 3 && get ? endpoints.audit(first(query, "limit")) : null;
            case "risk":
                return n == 3 && get ? endpoints.risk() : null;
            case "alerts":
                return n == 3 && get ? endpoints.alerts(first(query, "limit")) : null;
            case "executions":
                return n == 3 && get ? endpoints.executions(first(query, "limit")) : null;
            case "accounts":
                if (n == 3 && get)
                {
                    return endpoints.accounts();
                }
                if (n == 3 && post)
                {
                    return endpoints.createAccount(actor(principal), contentType, body);
                }
                if (n == 4 && "PUT".equals(method))
                {
                    return endpoints.updateAccount(actor(principal), s[3], contentType, body);
                }
                if (n == 5 && post && (s[4].equals("disable") || s[4].equals("enable")))
                {
                    return endpoints.enableAccount(actor(principal), s[3], s[4].equals("enable"), contentType, body);
                }
                throw OpsException.notFound("no resource at " + path);
            case "engine":
                return n == 3 && get ? endpoints.engine() : null;
            case "pnl":
                return n == 3 && get ? endpoints.pnl(first(query, "limit")) : null;
            case "marketdata":
                if (n == 3 && get)
                {
                    return endpoints.prices();
                }
                return n == 5 && get ? endpoints.priceSeries(s[3], s[4], first(query, "limit")) : null;
            case "limits":
                return n == 3 && post ? endpoints.setLimit(actor(principal), contentType, body) : null;
            case "orders":
                if (n == 3 && post)
                {
                    return endpoints.manualOrder(actor(principal), contentType, body);
                }
                return n == 5 && post && s[4].equals("cancel") ? endpoints.cancel(actor(principal), s[3]) : null;
            default:
                return null;
        }
    }

    private Reply dashboard(final String[] s)
    {
        if (s.length == 1)
        {
            return new Reply(HttpResponseStatus.FOUND, "text/plain", new byte[0], Map.of("Location", "/dashboard/"));
        }
        final DashboardAssets.Asset asset = s.length == 2 ? assets.get(s[1]) : null;
        if (asset == null)
        {
            throw OpsException.notFound("no dashboard file");
        }
        return new Reply(HttpResponseStatus.OK, asset.contentType(), asset.bytes(),
            Map.of("Content-Security-Policy", DashboardAssets.CSP, "Cache-Control", "no-cache"));
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request, final QueryStringDecoder uri)
    {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, "WEBSOCKET_REQUIRED",
                "the stream is a WebSocket: send an Upgrade: websocket request", Map.of());
            return;
        }
        final long after;
        try
        {
            final String text = first(uri.parameters(), "after");
            after = text == null ? -1 : Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, "INVALID_FIELD", "after must be a journal index", Map.of());
            return;
        }
        final boolean prices = "true".equals(first(uri.parameters(), "prices"));
        final String scheme = ctx.pipeline().get(SslHandler.class) != null ? "wss://" : "ws://";
        final WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            scheme + request.headers().get(HttpHeaderNames.HOST) + "/api/v1/stream", null, false, 64 * 1024).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ctx.pipeline().addLast("streamFrames", new StreamFrameHandler(handshaker));
        handshaker.handshake(ctx.channel(), request).addListener(future ->
        {
            if (future.isSuccess())
            {
                services.stream().subscribe(new StreamAgent.Subscription(ctx.channel(), after, prices));
            }
            else
            {
                ctx.close();
            }
        });
    }

    private static Principal actor(final Principal principal)
    {
        return principal != null ? principal : SecurityHandler.LOCAL;
    }

    private static String first(final Map<String, List<String>> query, final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
