package io.sluice.gateway.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket of the fake venue: the spot WebSocket API (requests, session.logon, user-data subscription), a market
 * stream, or a futures listenKey stream. Answers pings with pongs and counts the client's pongs.
 */
final class FakeWsHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final Map<String, Integer> WEIGHTS = Map.of(
        "order.place", 1, "order.cancel", 1, "order.status", 4, "openOrders.status", 6, "account.status", 20,
        "time", 1, "exchangeInfo", 20, "session.logon", 2, "userDataStream.subscribe", 2,
        "userDataStream.subscribe.signature", 2);

    private final FakeBinance venue;
    private final String kind;
    private final Set<String> streams;
    private final WebSocketServerHandshaker handshaker;
    private final boolean combined;
    private volatile Channel channel;
    private volatile String sessionKey;
    private volatile int subscriptionId = -1;
    private int nextSubscriptionId;

    FakeWsHandler(
        final FakeBinance venue, final String kind, final Set<String> streams, final WebSocketServerHandshaker handshaker,
        final boolean combined)
    {
        this.venue = venue;
        this.kind = kind;
        this.streams = streams;
        this.handshaker = handshaker;
        this.combined = combined;
    }

    String kind()
    {
        return kind;
    }

    boolean isOpen()
    {
        final Channel current = channel;
        return current != null && current.isActive();
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        venue.register(this);
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        venue.unregister(this);
        ctx.fireChannelInactive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof PongWebSocketFrame)
        {
            venue.onPong();
        }
        else if (frame instanceof CloseWebSocketFrame)
        {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
        }
        else if (frame instanceof TextWebSocketFrame && "api".equals(kind))
        {
            onRequest(ctx, ((TextWebSocketFrame)frame).text());
        }
    }

    private void onRequest(final ChannelHandlerContext ctx, final String text)
    {
        final JsonNode request;
        try
        {
            request = FakeBinance.JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            send(ctx, error(null, FakeResponse.error(400, -1100, "Malformed request")));
            return;
        }
        final JsonNode id = request.get("id");
        final String method = request.path("method").asText("");
        final Map<String, String> params = new HashMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = request.path("params").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> param = it.next();
            params.put(param.getKey(), param.getValue().asText());
        }
        final int weight = WEIGHTS.getOrDefault(method, 1);
        final String payload = FakeAuth.wsPayload(params);
        switch (method)
        {
            case "session.logon":
            {
                final String apiKey = params.get("apiKey");
                if (apiKey == null || !venue.isEd25519Key(apiKey))
                {
                    send(ctx, error(id, FakeResponse.error(400, -2015, "session.logon supports Ed25519 API keys only.")));
                    return;
                }
                final FakeResponse response = venue.authorize(new FakeRequest(method, false, FakeRequest.Security.SIGNED,
                    weight, params, apiKey, payload, null), "ws");
                if (response.isOk())
                {
                    sessionKey = apiKey;
                    final long now = venue.nowMs();
                    ((ObjectNode)response.body).put("apiKey", apiKey).put("authorizedSince", now).put("connectedSince", now)
                        .put("returnRateLimits", false).put("serverTime", now).put("userDataStream", false);
                }
                send(ctx, response.isOk() ? ok(id, response, false) : error(id, response));
                return;
            }
            case "userDataStream.subscribe":
            case "userDataStream.subscribe.signature":
            {
                final boolean signedSubscribe = method.endsWith(".signature");
                if (!signedSubscribe && sessionKey == null)
                {
                    send(ctx, error(id, FakeResponse.error(400, -2015, "Session is not authenticated: use session.logon.")));
                    return;
                }
                final FakeResponse response = signedSubscribe ?
                    venue.authorize(new FakeRequest(method, false, FakeRequest.Security.SIGNED, weight, params,
                        params.get("apiKey"), payload, null), "ws") :
                    venue.authorize(new FakeRequest(method, false, FakeRequest.Security.NONE, weight, params, null, payload, null), "ws");
                if (response.isOk())
                {
                    subscriptionId = nextSubscriptionId++;
                    ((ObjectNode)response.body).put("subscriptionId", subscriptionId);
                }
                send(ctx, response.isOk() ? ok(id, response, false) : error(id, response));
                return;
            }
            default:
                break;
        }
        final FakeRequest.Security security = "time".equals(method) || "exchangeInfo".equals(method) || "ping".equals(method) ?
            FakeRequest.Security.NONE : FakeRequest.Security.SIGNED;
        final FakeFaults.Fault fault = venue.faultSwitches().take(method);
        final FakeResponse response = venue.dispatch(
            new FakeRequest(method, false, security, weight, params, params.get("apiKey"), payload, sessionKey), fault, "ws");
        final ObjectNode answer = response.isOk() ? ok(id, response, "order.place".equals(method)) : error(id, response);
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
            ctx.executor().schedule(() -> send(ctx, answer), fault.delayMs(), TimeUnit.MILLISECONDS);
            return;
        }
        send(ctx, answer);
        venue.publishUserData(response.userEvents, response.futuresEvents);
    }

    private ObjectNode ok(final JsonNode id, final FakeResponse response, final boolean order)
    {
        final ObjectNode answer = FakeBinance.JSON.createObjectNode();
        answer.set("id", id);
        answer.put("status", response.status);
        answer.set("result", response.body);
        rateLimits(answer, order || response.countedOrder);
        return answer;
    }

    private ObjectNode error(final JsonNode id, final FakeResponse response)
    {
        final ObjectNode answer = FakeBinance.JSON.createObjectNode();
        answer.set("id", id);
        answer.put("status", response.status);
        final ObjectNode error = answer.putObject("error").put("code", response.code).put("msg", response.msg);
        if (response.retryAfterSeconds >= 0)
        {
            final long now = venue.nowMs();
            error.putObject("data").put("serverTime", now).put("retryAfter", now + response.retryAfterSeconds * 1000);
        }
        rateLimits(answer, false);
        return answer;
    }

    private void rateLimits(final ObjectNode answer, final boolean orders)
    {
        final long now = venue.nowMs();
        final ArrayNode limits = answer.putArray("rateLimits");
        limits.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1)
            .put("limit", venue.limiter().weightLimit()).put("count", venue.limiter().usedWeight(now));
        if (orders)
        {
            limits.addObject().put("rateLimitType", "ORDERS").put("interval", "SECOND").put("intervalNum", 10)
                .put("limit", venue.limiter().orderLimit10s()).put("count", venue.limiter().orders10s(now));
            limits.addObject().put("rateLimitType", "ORDERS").put("interval", "DAY").put("intervalNum", 1)
                .put("limit", venue.limiter().orderLimitDay()).put("count", venue.limiter().ordersDay(now));
        }
    }

    private static void send(final ChannelHandlerContext ctx, final ObjectNode message)
    {
        ctx.channel().writeAndFlush(new TextWebSocketFrame(message.toString()));
    }

    void sendSpotUserData(final ObjectNode event)
    {
        final Channel current = channel;
        if ("api".equals(kind) && subscriptionId >= 0 && current != null && current.isActive())
        {
            final ObjectNode message = FakeBinance.JSON.createObjectNode().put("subscriptionId", subscriptionId);
            message.set("event", event);
            current.writeAndFlush(new TextWebSocketFrame(message.toString()));
        }
    }

    void sendFuturesUserData(final ObjectNode event)
    {
        final Channel current = channel;
        if ("user".equals(kind) && current != null && current.isActive())
        {
            current.writeAndFlush(new TextWebSocketFrame(event.toString()));
        }
    }

    void sendStream(final String stream, final ObjectNode data)
    {
        final Channel current = channel;
        if ("market".equals(kind) && streams.contains(stream) && current != null && current.isActive())
        {
            final ObjectNode message;
            if (combined)
            {
                message = FakeBinance.JSON.createObjectNode().put("stream", stream);
                message.set("data", data);
            }
            else
            {
                message = data;
            }
            current.writeAndFlush(new TextWebSocketFrame(message.toString()));
        }
    }

    void ping()
    {
        final Channel current = channel;
        if (current != null && current.isActive())
        {
            current.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{1, 2, 3})));
        }
    }

    void disconnect()
    {
        final Channel current = channel;
        if (current != null)
        {
            current.close();
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
