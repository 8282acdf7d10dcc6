package io.sluice.gateway.binance.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A Binance venue for tests, built from Binance's documentation: REST ({@code /api/v3}, {@code /fapi/v1},
 * {@code /fapi/v3}), the spot WebSocket API ({@code /ws-api/v3}), market streams ({@code /stream?streams=}) and the
 * futures listenKey stream ({@code /ws/<listenKey>}), on 127.0.0.1 with an ephemeral port, speaking plain HTTP/WS.
 * <p>
 * It checks what Binance checks: HMAC-SHA256 and Ed25519 signatures with the documented payload rules (REST: query
 * then body as sent; WebSocket API: sorted, unencoded parameters), {@code timestamp} within {@code recvWindow}
 * (and not more than 1 s ahead), filters ({@code -1013}), duplicate client order ids among open orders
 * ({@code -2010}, futures {@code -4116}), futures position-side and reduce-only rules, request-weight and order-count
 * limits with the documented headers and {@code rateLimits}, 429 then 418 with {@code Retry-After}. It pushes the
 * documented user-data events for new orders, fills, cancels and expiries.
 * <p>
 * Tests drive it: {@link #fill}, {@link #expire}, {@link #quote}, {@link #trade}, clock shifts, rate limits, and
 * {@link #faults()} (drop or delay an answer, 5xx / -1007, reject, duplicate or reorder user data) and
 * {@link #disconnectWebSockets()}. Reusable by any test: {@code FakeBinance.start(clock)}.
 */
public final class FakeBinance implements AutoCloseable
{
    /** Shared JSON mapper. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final LongSupplier clockMs;
    private final AtomicLong clockShiftMs = new AtomicLong();
    private final Map<String, String> hmacKeys = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> ed25519Keys = new ConcurrentHashMap<>();
    private final FakeExchange exchange = new FakeExchange(this);
    private final FakeRateLimiter limiter = new FakeRateLimiter();
    private final FakeFaults faults = new FakeFaults();
    private final List<FakeWsHandler> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;
    private ObjectNode heldUserEvent;
    private int orderEventsPublished;
    private boolean heldFutures;

    private FakeBinance(final LongSupplier clockMs)
    {
        this.clockMs = clockMs;
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try
        {
            serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel channel)
                    {
                        channel.pipeline()
                            .addLast("http", new HttpServerCodec())
                            .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                            .addLast("handler", new FakeHttpHandler(FakeBinance.this));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
        }
        catch (final InterruptedException ex)
        {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the fake venue", ex);
        }
        port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Start a fake venue on 127.0.0.1 with an ephemeral port.
     *
     * @param clockMs the venue's clock in epoch milliseconds (tests tie it to the gateway's manual clock).
     * @return the running venue; close it.
     */
    public static FakeBinance start(final LongSupplier clockMs)
    {
        return new FakeBinance(clockMs);
    }

    /** Base URL for REST, e.g. {@code http://127.0.0.1:41234}. */
    public String restUrl()
    {
        return "http://127.0.0.1:" + port;
    }

    /** URL of the spot WebSocket API. */
    public String wsApiUrl()
    {
        return "ws://127.0.0.1:" + port + "/ws-api/v3";
    }

    /** Base URL of the market and listenKey streams. */
    public String streamUrl()
    {
        return "ws://127.0.0.1:" + port;
    }

    /**
     * Register an HMAC API key.
     *
     * @param apiKey API key.
     * @param secret its secret.
     * @return this.
     */
    public FakeBinance hmacKey(final String apiKey, final String secret)
    {
        hmacKeys.put(apiKey, secret);
        return this;
    }

    /**
     * Register an Ed25519 API key by its public key.
     *
     * @param apiKey    API key.
     * @param publicKey Ed25519 public key.
     * @return this.
     */
    public FakeBinance ed25519Key(final String apiKey, final PublicKey publicKey)
    {
        ed25519Keys.put(apiKey, publicKey);
        return this;
    }

    /**
     * Set the limits (a 429 follows when crossed; requests before its Retry-After get 418 and a ban).
     *
     * @param weightPerMinute request weight per minute.
     * @param ordersPer10s    orders per 10 seconds.
     * @param banMs           length of a 418 ban.
     * @return this.
     */
    public FakeBinance rateLimits(final long weightPerMinute, final long ordersPer10s, final long banMs)
    {
        limiter.limits(weightPerMinute, ordersPer10s, banMs);
        return this;
    }

    /**
     * Use request weight as another client on the same IP would (the next request over the limit gets 429).
     *
     * @param weight weight to add to the current minute.
     * @return this.
     */
    public FakeBinance consumeWeight(final int weight)
    {
        limiter.consume(weight, nowMs());
        return this;
    }

    /**
     * Ban this IP (418 with Retry-After) for a while, as Binance does after ignored 429s.
     *
     * @param banMs length of the ban.
     * @return this.
     */
    public FakeBinance ban(final long banMs)
    {
        limiter.ban(nowMs() + banMs);
        return this;
    }

    /**
     * Move the venue's clock relative to the one it was started with (e.g. to provoke -1021).
     *
     * @param shiftMs milliseconds added to every reading.
     * @return this.
     */
    public FakeBinance clockShift(final long shiftMs)
    {
        clockShiftMs.set(shiftMs);
        return this;
    }

    /**
     * Switch futures hedge mode (dual position side) directly.
     *
     * @param on hedge mode.
     * @return this.
     */
    public FakeBinance hedgeMode(final boolean on)
    {
        exchange.hedgeMode(on);
        return this;
    }

    /**
     * Price at which MARKET orders of a symbol fill.
     *
     * @param symbol symbol.
     * @param price  decimal price.
     * @return this.
     */
    public FakeBinance marketPrice(final String symbol, final String price)
    {
        exchange.marketPrice(symbol, new BigDecimal(price));
        return this;
    }

    /**
     * A MARKET order placed at the venue by someone else, e.g. a previous gateway process that died before it saw
     * the answer: it executes at the market price, and no user-data event reaches the connected gateway.
     *
     * @param futures       USD-M futures rather than spot.
     * @param clientOrderId its newClientOrderId.
     * @param symbol        symbol.
     * @param side          BUY or SELL.
     * @param quantity      decimal quantity.
     */
    public void placeUnseen(final boolean futures, final String clientOrderId, final String symbol, final String side, final String quantity)
    {
        final FakeResponse response = exchange.handle("order.place", futures, Map.of("symbol", symbol, "side", side, "type", "MARKET",
            "quantity", quantity, "newClientOrderId", clientOrderId), nowMs());
        if (response.status != 200)
        {
            throw new IllegalStateException("fake venue refused the order: " + response.status);
        }
    }

    /**
     * Fill part or all of an open order (spot or futures), pushing the TRADE event(s).
     *
     * @param clientOrderId the order.
     * @param quantity      decimal quantity.
     * @param price         decimal price.
     */
    public void fill(final String clientOrderId, final String quantity, final String price)
    {
        final boolean futures = isFutures(clientOrderId);
        publishUserData(exchange.fill(clientOrderId, new BigDecimal(quantity), new BigDecimal(price), nowMs()), futures);
    }

    /**
     * Expire an open order, pushing the EXPIRED event.
     *
     * @param clientOrderId the order.
     */
    public void expire(final String clientOrderId)
    {
        final boolean futures = isFutures(clientOrderId);
        publishUserData(exchange.expire(clientOrderId, nowMs()), futures);
    }

    /**
     * Push a bookTicker to market-stream subscribers of the symbol.
     *
     * @param symbol symbol.
     * @param bid    decimal bid.
     * @param ask    decimal ask.
     */
    public void quote(final String symbol, final String bid, final String ask)
    {
        final ObjectNode data = JSON.createObjectNode().put("u", nowMs()).put("s", symbol)
            .put("b", bid).put("B", "1.00000000").put("a", ask).put("A", "1.00000000");
        for (final FakeWsHandler socket : sockets)
        {
            socket.sendStream(symbol.toLowerCase(java.util.Locale.ROOT) + "@bookTicker", data);
        }
    }

    /**
     * Push a trade to market-stream subscribers of the symbol (spot {@code @trade}, futures {@code @aggTrade}).
     *
     * @param symbol   symbol.
     * @param price    decimal price.
     * @param quantity decimal quantity.
     */
    public void trade(final String symbol, final String price, final String quantity)
    {
        final String lower = symbol.toLowerCase(java.util.Locale.ROOT);
        final long now = nowMs();
        for (final FakeWsHandler socket : sockets)
        {
            socket.sendStream(lower + "@trade", JSON.createObjectNode().put("e", "trade").put("E", now).put("s", symbol)
                .put("t", now).put("p", price).put("q", quantity).put("T", now).put("m", false));
            socket.sendStream(lower + "@aggTrade", JSON.createObjectNode().put("e", "aggTrade").put("E", now).put("s", symbol)
                .put("a", now).put("p", price).put("q", quantity).put("T", now).put("m", false));
        }
    }

    /**
     * Fault switches.
     *
     * @return the switches.
     */
    public FakeFaults faults()
    {
        return faults;
    }

    /**
     * Drop every WebSocket (API, market and user streams) without a close handshake, as a network failure would.
     */
    public void disconnectWebSockets()
    {
        for (final FakeWsHandler socket : sockets)
        {
            socket.disconnect();
        }
    }

    /**
     * Ping every WebSocket; pongs are counted by {@link #pongs()}.
     */
    public void pingWebSockets()
    {
        for (final FakeWsHandler socket : sockets)
        {
            socket.ping();
        }
    }

    /**
     * Expire the futures listenKey, pushing {@code listenKeyExpired} to its streams.
     */
    public void expireListenKey()
    {
        final String key = exchange.listenKey();
        exchange.expireListenKey();
        final ObjectNode event = JSON.createObjectNode().put("e", "listenKeyExpired").put("E", nowMs()).put("listenKey", key);
        for (final FakeWsHandler socket : sockets)
        {
            socket.sendFuturesUserData(event);
        }
    }

    /** Orders at the venue, spot and futures, in placement order. */
    public List<FakeOrder> orders()
    {
        return exchange.orders();
    }

    /**
     * Orders with a client order id.
     *
     * @param clientOrderId the id.
     * @return matching orders (more than one means a duplicate reached the venue).
     */
    public List<FakeOrder> orders(final String clientOrderId)
    {
        final List<FakeOrder> matching = new ArrayList<>();
        for (final FakeOrder order : exchange.orders())
        {
            if (order.clientOrderId.equals(clientOrderId))
            {
                matching.add(order);
            }
        }
        return matching;
    }

    /** Futures position amount of a symbol and position side (BOTH, LONG, SHORT). */
    public BigDecimal position(final String symbol, final String positionSide)
    {
        return exchange.position(symbol, positionSide);
    }

    /** Futures hedge mode. */
    public boolean hedgeMode()
    {
        return exchange.hedgeMode();
    }

    /** Futures leverage set for a symbol, or null. */
    public Integer leverage(final String symbol)
    {
        return exchange.leverage(symbol);
    }

    /** Futures margin type set for a symbol, or null. */
    public String marginType(final String symbol)
    {
        return exchange.marginType(symbol);
    }

    /** Place requests that reached order validation. */
    public int placeRequests()
    {
        return exchange.placeRequests();
    }

    /** Every request as "transport op outcome", in arrival order. */
    public List<String> requestLog()
    {
        return new ArrayList<>(requestLog);
    }

    /**
     * Requests of one operation.
     *
     * @param op operation, e.g. "order.status".
     * @return count.
     */
    public long requests(final String op)
    {
        return requestLog.stream().filter((line) -> line.split(" ")[1].equals(op)).count();
    }

    /** 429 answers given. */
    public int count429()
    {
        return limiter.count429();
    }

    /** 418 answers given. */
    public int count418()
    {
        return limiter.count418();
    }

    /** Pongs received from clients. */
    public int pongs()
    {
        return pongs.get();
    }

    /** Open WebSockets of a kind ("api", "market", "user"). */
    public long openSockets(final String kind)
    {
        return sockets.stream().filter((socket) -> socket.kind().equals(kind) && socket.isOpen()).count();
    }

    /** Stop the server. */
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ----- used by the handlers -----

    long nowMs()
    {
        return clockMs.getAsLong() + clockShiftMs.get();
    }

    FakeRateLimiter limiter()
    {
        return limiter;
    }

    FakeFaults faultSwitches()
    {
        return faults;
    }

    void onPong()
    {
        pongs.incrementAndGet();
    }

    void register(final FakeWsHandler socket)
    {
        sockets.add(socket);
    }

    void unregister(final FakeWsHandler socket)
    {
        sockets.remove(socket);
    }

    boolean isListenKey(final String key)
    {
        return key != null && key.equals(exchange.listenKey());
    }

    boolean isEd25519Key(final String apiKey)
    {
        return ed25519Keys.containsKey(apiKey);
    }

    /**
     * Run one request through the venue's checks in Binance's order: rate limit, API key, signature and timestamp,
     * order-count limit, then the exchange.
     *
     * @param request  the decoded request.
     * @param fault    armed fault for it, or null.
     * @param transport "rest" or "ws", for the request log.
     * @return the answer.
     */
    FakeResponse dispatch(final FakeRequest request, final FakeFaults.Fault fault, final String transport)
    {
        final long now = nowMs();
        final FakeResponse response = check(request, fault, now);
        requestLog.add(transport + " " + request.op() + " " + (response.isOk() ? "ok" : response.status + "/" + response.code));
        return response;
    }

    private FakeResponse check(final FakeRequest request, final FakeFaults.Fault fault, final long now)
    {
        final FakeRateLimiter.Verdict verdict = limiter.onRequest(request.weight(), now);
        if (!verdict.allowed())
        {
            final FakeResponse refused = FakeResponse.error(verdict.status(), verdict.code(), verdict.msg());
            refused.retryAfterSeconds = verdict.retryAfterSeconds();
            return refused;
        }
        if (request.security() != FakeRequest.Security.NONE)
        {
            final FakeResponse refused = authenticate(request, now);
            if (refused != null)
            {
                return refused;
            }
        }
        if (fault != null && fault.kind() == FakeFaults.Kind.DROP && !fault.execute())
        {
            return FakeResponse.error(504, 0, "lost");
        }
        if (fault != null && fault.kind() == FakeFaults.Kind.REJECT)
        {
            return FakeResponse.error(fault.status(), fault.code(), fault.msg());
        }
        if (fault != null && fault.kind() == FakeFaults.Kind.FAIL && !fault.execute())
        {
            return FakeResponse.error(fault.status(), fault.code(), fault.msg());
        }
        if ("order.place".equals(request.op()))
        {
            final FakeRateLimiter.Verdict orders = limiter.onOrder(now);
            if (!orders.allowed())
            {
                final FakeResponse refused = FakeResponse.error(orders.status(), orders.code(), orders.msg());
                refused.retryAfterSeconds = orders.retryAfterSeconds();
                return refused;
            }
        }
        final FakeResponse response = exchange.handle(request.op(), request.futures(), request.params(), now);
        if (fault != null && fault.kind() == FakeFaults.Kind.FAIL)
        {
            // Executed, but the client only learns "unknown": the events still flow.
            final FakeResponse failed = FakeResponse.error(fault.status(), fault.code(), fault.msg());
            failed.userEvents.addAll(response.userEvents);
            failed.futuresEvents = response.futuresEvents;
            return failed;
        }
        return response;
    }

    /**
     * Check a session request (session.logon, user-data subscriptions): rate limit and authentication only.
     *
     * @param request   the decoded request.
     * @param transport for the request log.
     * @return an empty success, or the refusal.
     */
    FakeResponse authorize(final FakeRequest request, final String transport)
    {
        final long now = nowMs();
        FakeResponse response;
        final FakeRateLimiter.Verdict verdict = limiter.onRequest(request.weight(), now);
        if (!verdict.allowed())
        {
            response = FakeResponse.error(verdict.status(), verdict.code(), verdict.msg());
            response.retryAfterSeconds = verdict.retryAfterSeconds();
        }
        else
        {
            final FakeResponse refused = request.security() == FakeRequest.Security.NONE ? null : authenticate(request, now);
            response = refused != null ? refused : FakeResponse.ok(JSON.createObjectNode());
        }
        requestLog.add(transport + " " + request.op() + " " + (response.isOk() ? "ok" : response.status + "/" + response.code));
        return response;
    }

    private FakeResponse authenticate(final FakeRequest request, final long now)
    {
        final Map<String, String> params = request.params();
        final boolean sessionAuthorized = request.sessionKey() != null && !params.containsKey("signature");
        final String apiKey = sessionAuthorized ? request.sessionKey() : request.apiKey();
        if (apiKey == null || apiKey.isEmpty())
        {
            return FakeResponse.error(401, -2014, "API-key format invalid.");
        }
        if (!hmacKeys.containsKey(apiKey) && !ed25519Keys.containsKey(apiKey))
        {
            return FakeResponse.error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        if (request.security() == FakeRequest.Security.USER_STREAM)
        {
            return null;
        }
        if (!sessionAuthorized)
        {
            final String signature = params.get("signature");
            if (signature == null || signature.isEmpty())
            {
                return FakeResponse.error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
            }
            final boolean valid = hmacKeys.containsKey(apiKey) ?
                FakeAuth.verifyHmac(hmacKeys.get(apiKey), request.payload(), signature) :
                FakeAuth.verifyEd25519(ed25519Keys.get(apiKey), request.payload(), signature);
            if (!valid)
            {
                return FakeResponse.error(400, -1022, "Signature for this request is not valid.");
            }
        }
        final String timestamp = params.get("timestamp");
        if (timestamp == null)
        {
            return FakeResponse.error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        final long recvWindow = Long.parseLong(params.getOrDefault("recvWindow", "5000"));
        if (recvWindow > 60_000)
        {
            return FakeResponse.error(400, -1131, "recvWindow must be less than 60000");
        }
        final long ts = Long.parseLong(timestamp);
        if (ts < now - recvWindow || ts > now + 1000)
        {
            return FakeResponse.error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return null;
    }

    /**
     * Push user-data events: spot to subscribed WebSocket API sessions, futures to listenKey streams; duplicated or
     * reordered (order events swapped in pairs, account events passing) when those faults are on.
     *
     * @param events  events in venue order.
     * @param futures whether they are futures events.
     */
    /**
     * Order events (executionReport, ORDER_TRADE_UPDATE) the venue has produced so far, delivered or dropped. The
     * WebSocket API answers an order before its event goes out, so a test that arms a fault for the next event waits
     * for this first.
     *
     * @return the count.
     */
    public synchronized int orderEventsPublished()
    {
        return orderEventsPublished;
    }

    synchronized void publishUserData(final List<ObjectNode> events, final boolean futures)
    {
        for (final ObjectNode event : events)
        {
            final String type = event.path("e").asText("");
            final boolean orderEvent = "executionReport".equals(type) || "ORDER_TRADE_UPDATE".equals(type);
            orderEventsPublished += orderEvent ? 1 : 0;
            if (orderEvent && faults.takeOrderEventDrop())
            {
                continue;
            }
            if (faults.reorderUserData() && orderEvent)
            {
                if (heldUserEvent == null)
                {
                    heldUserEvent = event;
                    heldFutures = futures;
                    continue;
                }
                deliver(event, futures);
                deliver(heldUserEvent, heldFutures);
                heldUserEvent = null;
                continue;
            }
            deliver(event, futures);
        }
    }

    /**
     * Send an event held back by the reorder fault (it has no partner to swap with).
     */
    public synchronized void flushUserData()
    {
        if (heldUserEvent != null)
        {
            deliver(heldUserEvent, heldFutures);
            heldUserEvent = null;
        }
    }

    private void deliver(final ObjectNode event, final boolean futures)
    {
        final int copies = faults.duplicateUserData() ? 2 : 1;
        for (int i = 0; i < copies; i++)
        {
            for (final FakeWsHandler socket : sockets)
            {
                if (futures)
                {
                    socket.sendFuturesUserData(event);
                }
                else
                {
                    socket.sendSpotUserData(event);
                }
            }
        }
    }

    private boolean isFutures(final String clientOrderId)
    {
        for (final FakeOrder order : exchange.orders())
        {
            if (order.clientOrderId.equals(clientOrderId) && order.isOpen())
            {
                return order.futures;
            }
        }
        return false;
    }
}
