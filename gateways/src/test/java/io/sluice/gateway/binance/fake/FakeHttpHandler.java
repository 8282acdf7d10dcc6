package io.sluice.gateway.binance.fake;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The fake venue's HTTP side: REST endpoints (with the rate-limit headers and {@code Retry-After}) and the
 * WebSocket upgrades for the WebSocket API, market streams and listenKey streams.
 */
final class FakeHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final FakeBinance venue;

    FakeHttpHandler(final FakeBinance venue)
    {
        this.venue = venue;
    }

    /** A REST endpoint. */
    private record Route(String op, boolean futures, FakeRequest.Security security, int weight)
    {
    }

    private static final Map<String, Route> ROUTES = new HashMap<>();

    static
    {
        route("GET /api/v3/time", "time", false, FakeRequest.Security.NONE, 1);
        route("GET /api/v3/exchangeInfo", "exchangeInfo", false, FakeRequest.Security.NONE, 20);
        route("POST /api/v3/order", "order.place", false, FakeRequest.Security.SIGNED, 1);
        route("DELETE /api/v3/order", "order.cancel", false, FakeRequest.Security.SIGNED, 1);
        route("GET /api/v3/order", "order.status", false, FakeRequest.Security.SIGNED, 4);
        route("GET /api/v3/openOrders", "openOrders.status", false, FakeRequest.Security.SIGNED, 6);
        route("GET /api/v3/account", "account.status", false, FakeRequest.Security.SIGNED, 20);
        route("GET /fapi/v1/time", "time", true, FakeRequest.Security.NONE, 1);
        route("GET /fapi/v1/exchangeInfo", "exchangeInfo", true, FakeRequest.Security.NONE, 1);
        route("POST /fapi/v1/order", "order.place", true, FakeRequest.Security.SIGNED, 1);
        route("DELETE /fapi/v1/order", "order.cancel", true, FakeRequest.Security.SIGNED, 1);
        route("GET /fapi/v1/order", "order.status", true, FakeRequest.Security.SIGNED, 1);
        route("GET /fapi/v1/openOrders", "openOrders.status", true, FakeRequest.Security.SIGNED, 1);
        route("GET /fapi/v3/account", "account.status", true, FakeRequest.Security.SIGNED, 5);
        route("POST /fapi/v1/positionSide/dual", "positionSide.dual", true, FakeRequest.Security.SIGNED, 1);
        route("POST /fapi/v1/leverage", "leverage", true, FakeRequest.Security.SIGNED, 1);
        route("POST /fapi/v1/marginType", "marginType", true, FakeRequest.Security.SIGNED, 1);
        route("POST /fapi/v1/listenKey", "listenKey.create", true, FakeRequest.Security.USER_STREAM, 1);
        route("PUT /fapi/v1/listenKey", "listenKey.keepalive", true, FakeRequest.Security.USER_STREAM, 1);
        route("DELETE /fapi/v1/listenKey", "listenKey.close", true, FakeRequest.Security.USER_STREAM, 1);
    }

    private static void route(final String key, final String op, final boolean futures, final FakeRequest.Security security, final int weight)
    {
        ROUTES.put(key, new Route(op, futures, security, weight));
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
        {
            upgrade(ctx, request, uri);
            return;
        }
        final Route route = ROUTES.get(request.method().name() + " " + uri.path());
        if (route == null)
        {
            write(ctx, request, FakeResponse.error(404, -1000, "no such endpoint " + request.method() + " " + uri.path()), false);
            return;
        }
        final String rawQuery = uri.rawQuery();
        final String rawBody = request.content().toString(StandardCharsets.UTF_8);
        final Map<String, String> params = new HashMap<>();
        decode(rawQuery, params);
        decode(rawBody, params);
        final FakeRequest fakeRequest = new FakeRequest(route.op(), route.futures(), route.security(), route.weight(), params,
            request.headers().get("X-MBX-APIKEY"), FakeAuth.restPayload(rawQuery, rawBody), null);
        final FakeFaults.Fault fault = venue.faultSwitches().take(route.op());
        final FakeResponse response = venue.dispatch(fakeRequest, fault, "rest");
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (fault != null && fault.kind() == FakeFaults.Kind.DROP)
        {
            if (fault.withEvents())
            {
                venue.publishUserData(response.userEvents, response.futuresEvents);
            }
            return;
        }
        if (fault != null && fault.kind() == FakeFaults.Kind.DELAY)
        {
            venue.publishUserData(response.userEvents, response.futuresEvents);
            final FullHttpRequest retained = request.retainedDuplicate();
            ctx.executor().schedule(() ->
            {
                write(ctx, retained, response, keepAlive);
                retained.release();
            }, fault.delayMs(), TimeUnit.MILLISECONDS);
            return;
        }
        write(ctx, request, response, keepAlive);
        venue.publishUserData(response.userEvents, response.futuresEvents);
    }

    private void write(final ChannelHandlerContext ctx, final FullHttpRequest request, final FakeResponse response, final boolean keepAlive)
    {
        final byte[] body = response.body.toString().getBytes(StandardCharsets.UTF_8);
        final FullHttpResponse http = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status), Unpooled.wrappedBuffer(body));
        http.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set("X-MBX-USED-WEIGHT-1M", venue.limiter().usedWeight(venue.nowMs()));
        if (response.countedOrder)
        {
            http.headers()
                .set("X-MBX-ORDER-COUNT-10S", venue.limiter().orders10s(venue.nowMs()))
                .set("X-MBX-ORDER-COUNT-1D", venue.limiter().ordersDay(venue.nowMs()));
        }
        if (response.retryAfterSeconds >= 0)
        {
            http.headers().set(HttpHeaderNames.RETRY_AFTER, response.retryAfterSeconds);
        }
        if (keepAlive)
        {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        }
        else
        {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request, final QueryStringDecoder uri)
    {
        final String path = uri.path();
        final String kind;
        final Set<String> streams = new LinkedHashSet<>();
        if ("/ws-api/v3".equals(path))
        {
            kind = "api";
        }
        else if ("/stream".equals(path))
        {
            kind = "market";
            final List<String> names = uri.parameters().get("streams");
            if (names != null)
            {
                for (final String name : names)
                {
                    streams.addAll(List.of(name.split("/")));
                }
            }
        }
        else if (path.startsWith("/ws/") && path.contains("@"))
        {
            kind = "market";
            streams.add(path.substring("/ws/".length()));
        }
        else if (path.startsWith("/ws/") && venue.isListenKey(path.substring("/ws/".length())))
        {
            kind = "user";
        }
        else
        {
            write(ctx, request, FakeResponse.error(400, -1125, "This listenKey does not exist."), false);
            return;
        }
        final WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            "ws://127.0.0.1" + path, null, true, 1 << 20).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final FakeWsHandler socket = new FakeWsHandler(venue, kind, streams, handshaker, kind.equals("market") && "/stream".equals(path));
        ctx.pipeline().replace(this, "ws", socket);
        handshaker.handshake(ctx.channel(), request);
    }

    private static void decode(final String raw, final Map<String, String> params)
    {
        if (raw == null || raw.isEmpty())
        {
            return;
        }
        new QueryStringDecoder(raw, StandardCharsets.UTF_8, false).parameters()
            .forEach((name, values) -> params.put(name, values.get(values.size() - 1)));
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
