package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.InstrumentRules;
import io.sluice.gateway.ReportPublisher;
import io.sluice.gateway.Venue;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Binance gateway (spot {@code binance}, USD-M futures {@code binance-futures}): order entry over the WebSocket
 * API with REST as the fallback (futures: REST), execution reports from the user-data stream, market data from the
 * public streams, exchangeInfo filters as InstrumentDefinition, clock offset, rate limits, reconciliation.
 * <p>
 * Threading: every callback and {@link #doWork} run on the gateway's agent thread and never block on the venue.
 * OkHttp's threads (REST callbacks, WebSocket readers) parse what arrives and hand it over through a queue that
 * {@link #doWork} drains; only the agent thread publishes reports.
 * <p>
 * Settings, under {@code sluice.binance.} for spot and {@code sluice.binance-futures.} for futures
 * (written {@code P} below):
 * <table>
 * <caption>Binance gateway settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code P.restUrl}</td><td>spot {@code https://api.binance.com}, futures {@code https://fapi.binance.com}</td>
 *     <td>REST base; testnet: {@code https://testnet.binance.vision}, futures {@code https://testnet.binancefuture.com}</td></tr>
 * <tr><td>{@code P.wsApiUrl}</td><td>{@code wss://ws-api.binance.com:443/ws-api/v3}</td>
 *     <td>spot WebSocket API; testnet: {@code wss://ws-api.testnet.binance.vision/ws-api/v3}</td></tr>
 * <tr><td>{@code P.streamUrl}</td><td>spot {@code wss://stream.binance.com:9443}, futures {@code wss://fstream.binance.com}</td>
 *     <td>market streams ({@code /stream?streams=}) and the futures user stream ({@code /ws/<listenKey>}); testnet:
 *     {@code wss://stream.testnet.binance.vision}, futures {@code wss://fstream.binancefuture.com}</td></tr>
 * <tr><td>{@code P.symbols}</td><td>{@code BTCUSDT}</td><td>symbols traded and quoted; venue symbol = canonical symbol</td></tr>
 * <tr><td>{@code P.account}</td><td>{@code main}</td><td>Sluice account of this API key: AccountUpdate, and orders found at the
 *     venue that this gateway did not place</td></tr>
 * <tr><td>{@code P.secretsFile}</td><td>(none)</td><td>owner-only properties file with the credentials; without it the
 *     environment is read; see {@link Credentials}</td></tr>
 * <tr><td>{@code P.useWsApi}</td><td>true</td><td>spot: order entry and user data over the WebSocket API (false: REST and polling)</td></tr>
 * <tr><td>{@code P.marketData}</td><td>true</td><td>subscribe to bookTicker and trade streams and publish MarketData</td></tr>
 * <tr><td>{@code P.checkFilters}</td><td>true</td><td>refuse orders exchangeInfo filters would refuse, before sending</td></tr>
 * <tr><td>{@code P.recvWindowMs}</td><td>5000</td><td>recvWindow of signed requests (max 60000)</td></tr>
 * <tr><td>{@code P.requestTimeoutMs}</td><td>10000</td><td>an unanswered request's outcome becomes unknown after this</td></tr>
 * <tr><td>{@code P.connectTimeoutMs}</td><td>5000</td><td>TCP/TLS connect timeout</td></tr>
 * <tr><td>{@code P.timeSyncIntervalMs}</td><td>600000</td><td>clock offset refresh from {@code GET /time}</td></tr>
 * <tr><td>{@code P.exchangeInfoRefreshMs}</td><td>86400000</td><td>filters reloaded and InstrumentDefinition republished</td></tr>
 * <tr><td>{@code P.reconnectBackoffMs}, {@code P.reconnectBackoffMaxMs}</td><td>500, 30000</td>
 *     <td>exponential back-off with jitter between connection attempts</td></tr>
 * <tr><td>{@code P.maxConnectAttemptsPer5Min}</td><td>60</td><td>connection attempts per socket in any five minutes</td></tr>
 * <tr><td>{@code P.connectionMaxAgeMs}</td><td>82800000 (23 h)</td><td>planned reconnect before Binance's 24 h limit</td></tr>
 * <tr><td>{@code P.pingIntervalMs}</td><td>20000</td><td>client pings (server pings are answered with pongs always)</td></tr>
 * <tr><td>{@code P.rateLimitHeadroomPct}</td><td>10</td><td>percent of each rate limit left unused: requests wait instead</td></tr>
 * <tr><td>{@code P.maxHoldMs}</td><td>5000</td><td>a new order not sent within this (venue not ready, throttled) is REJECTED</td></tr>
 * <tr><td>{@code P.statusPollMs}</td><td>5000</td><td>order status polling while the user-data stream is down</td></tr>
 * <tr><td>{@code P.terminalGraceMs}</td><td>1000</td><td>how long a cancel/expiry waits for fills it counted before querying</td></tr>
 * <tr><td>{@code P.hedgeMode}</td><td>(leave as is)</td><td>futures: true/false sets the account's position mode at start</td></tr>
 * <tr><td>{@code P.leverage.<SYMBOL>}</td><td>(leave as is)</td><td>futures: leverage set at start</td></tr>
 * <tr><td>{@code P.marginType.<SYMBOL>}</td><td>(leave as is)</td><td>futures: ISOLATED or CROSSED set at start</td></tr>
 * <tr><td>{@code P.listenKeyKeepAliveMs}</td><td>1800000</td><td>futures: listenKey keep-alive interval</td></tr>
 * <tr><td>{@code P.accountRefreshMs}</td><td>60000</td><td>account snapshot → AccountUpdate interval</td></tr>
 * </table>
 */
public final class BinanceVenue implements Venue
{
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long ACCOUNT_AFTER_EVENT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int EVENT_LIMIT = 256;

    /** Session of the spot WebSocket API. */
    enum ApiSession
    {
        NONE,
        LOGON,
        SUBSCRIBE,
        READY
    }

    private final String name;
    private final BinanceConfig config;
    private final Credentials credentials;
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http;
    private final ManyToOneConcurrentLinkedQueue<Object> events = new ManyToOneConcurrentLinkedQueue<>();
    private final RateLimits rateLimits;
    private final Requests requests;
    private final BinanceOrders orders;
    private final OrderEntry entry;
    private final MarketDataBoard board;
    private final AccountBook accounts;
    private final Map<String, SymbolRules> rules = new HashMap<>();
    private final InstrumentRules instrumentRules = new InstrumentRules();
    private final OrderEvent event = new OrderEvent();
    private final Backoff restBackoff;
    private final WsConnection api;
    private final WsConnection market;
    private final WsConnection user;

    private ReportPublisher publisher;
    private ApiSession apiSession = ApiSession.NONE;
    private boolean userDataUp;
    private boolean needReconcile = true;
    private boolean timeSyncInFlight;
    private long nextTimeSyncNs;
    private int bootstrapFailures;
    private boolean exchangeInfoLoaded;
    private boolean exchangeInfoInFlight;
    private long nextExchangeInfoNs;
    private String unknownSymbols = "";
    private boolean setupStarted;
    private int setupOutstanding;
    private String setupErrors = "";
    private String listenKey;
    private boolean listenKeyInFlight;
    private int listenKeyFailures;
    private long nextListenKeyNs;
    private long nextKeepAliveNs;
    private boolean accountInFlight;
    private long nextAccountNs;
    private long nextHousekeepingNs;
    private final String expiredText;
    private final Consumer<PendingRequest> onExpired = this::onExpired;
    private long cycleNowNs;
    private long publishedKey = Long.MIN_VALUE;
    private GatewayState publishedState;
    private String publishedDetail = "";
    private String lastDisconnect = "";
    private int apiConnects;

    /**
     * A Binance venue configured from settings, with credentials from the secrets file or the environment.
     *
     * @param name     venue name ("binance" or "binance-futures").
     * @param market   spot or USD-M futures.
     * @param settings configuration (keys in the class javadoc).
     * @throws IllegalArgumentException when a setting or the credentials are invalid.
     */
    public BinanceVenue(final String name, final BinanceMarket market, final Settings settings)
    {
        this(name, new BinanceConfig(name, market, settings), Credentials.load(name, settings, System.getenv()));
    }

    BinanceVenue(final String name, final BinanceConfig config, final Credentials credentials)
    {
        this.name = name;
        this.config = config;
        this.credentials = credentials;
        final Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(64);
        dispatcher.setMaxRequestsPerHost(64);
        http = new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
            .connectTimeout(config.connectTimeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            // Requests are given up on the duty cycle's clock (and their calls cancelled); this is only a backstop.
            .callTimeout(Math.max(30_000, TimeUnit.NANOSECONDS.toMillis(config.requestTimeoutNs) * 3), TimeUnit.MILLISECONDS)
            .pingInterval(config.pingIntervalMs, TimeUnit.MILLISECONDS)
            .build();
        expiredText = "no answer within " + TimeUnit.NANOSECONDS.toMillis(config.requestTimeoutNs) + " ms";
        rateLimits = new RateLimits(config.rateLimitHeadroomPct);
        if (config.market == BinanceMarket.SPOT)
        {
            rateLimits.limit(RateLimits.WEIGHT, TimeUnit.MINUTES.toMillis(1), 6000);
            rateLimits.limit(RateLimits.ORDERS, TimeUnit.SECONDS.toMillis(10), 50);
            rateLimits.limit(RateLimits.ORDERS, TimeUnit.DAYS.toMillis(1), 160_000);
        }
        else
        {
            rateLimits.limit(RateLimits.WEIGHT, TimeUnit.MINUTES.toMillis(1), 2400);
            rateLimits.limit(RateLimits.ORDERS, TimeUnit.SECONDS.toMillis(10), 300);
            rateLimits.limit(RateLimits.ORDERS, TimeUnit.MINUTES.toMillis(1), 1200);
        }
        final RestTransport rest = new RestTransport(http, config.restUrl, credentials.apiKey(), events, mapper);
        requests = new Requests(config, credentials, rest, rateLimits);
        orders = new BinanceOrders(name, config.account, config.terminalGraceNs);
        board = config.marketData ? new MarketDataBoard(config.symbols) : null;
        entry = new OrderEntry(config, requests, orders, rules, board);
        accounts = new AccountBook(config.account);
        final long seed = ThreadLocalRandom.current().nextLong();
        restBackoff = newBackoff(seed);
        api = config.useWsApi ? new WsConnection(http, WsConnection.Kind.API, events, null, mapper, newBackoff(seed + 1)) : null;
        market = config.marketData ? new WsConnection(http, WsConnection.Kind.MARKET, events, board, mapper, newBackoff(seed + 2)) : null;
        user = config.market == BinanceMarket.USDM ?
            new WsConnection(http, WsConnection.Kind.USER, events, null, mapper, newBackoff(seed + 3)) : null;
        requests.api(api);
    }

    private Backoff newBackoff(final long seed)
    {
        return new Backoff(config.reconnectBackoffNs, config.reconnectBackoffMaxNs, config.maxConnectAttemptsPer5Min, seed);
    }

    public String name()
    {
        return name;
    }

    public void onStart(final ReportPublisher publisher, final long nowNs)
    {
        this.publisher = publisher;
        orders.publisher(publisher);
        accounts.publisher(publisher);
        publishStatus(nowNs);
    }

    public void onNewOrder(final NewOrderDecoder order, final long nowNs)
    {
        entry.onNewOrder(order, nowNs);
    }

    public void onCancelOrder(final CancelOrderDecoder cancel, final long nowNs)
    {
        entry.onCancelOrder(cancel, nowNs);
    }

    /**
     * Reconciliation: look the order up by origClientOrderId (order.status) and answer with the venue's state.
     *
     * @param query the engine's question.
     * @param nowNs time now.
     */
    public void onOrderStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        entry.onOrderStatusRequest(query, nowNs);
    }

    /**
     * One duty cycle: answers and events from the venue, deadlines, start-up requests, connections, housekeeping,
     * held orders, market data, status.
     *
     * @param nowNs epoch nanoseconds of this duty cycle.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        int work = drainEvents(nowNs);
        cycleNowNs = nowNs;
        work += requests.expire(nowNs, onExpired);
        work += bootstrap(nowNs);
        work += maintainConnections(nowNs);
        work += startReconcileWhenReady(nowNs);
        if (entry.takeHousekeepingWanted() || nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += entry.housekeeping(nowNs) + accountHousekeeping(nowNs);
        }
        work += entry.sendHeld(isBootstrapped(), notReadyReason(), nowNs);
        if (board != null)
        {
            work += board.publishChanged(publisher, nowNs);
        }
        return work + publishStatus(nowNs);
    }

    public void onClose()
    {
        if (api != null)
        {
            api.close("gateway closing", Long.MAX_VALUE);
        }
        if (market != null)
        {
            market.close("gateway closing", Long.MAX_VALUE);
        }
        if (user != null)
        {
            user.close("gateway closing", Long.MAX_VALUE);
        }
        requests.cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ----- events from the I/O threads -----

    private int drainEvents(final long nowNs)
    {
        int drained = 0;
        Object next;
        while (drained < EVENT_LIMIT && (next = events.poll()) != null)
        {
            drained++;
            if (next instanceof Reply)
            {
                onReply((Reply)next, nowNs);
            }
            else if (next instanceof StreamMessage)
            {
                onStreamMessage((StreamMessage)next, nowNs);
            }
            else if (next instanceof ConnectionEvent)
            {
                onConnectionEvent((ConnectionEvent)next, nowNs);
            }
        }
        return drained;
    }

    private void onReply(final Reply reply, final long nowNs)
    {
        final PendingRequest request = requests.onReply(reply, nowNs);
        if (request == null)
        {
            return;
        }
        switch (request.op)
        {
            case PLACE:
            case CANCEL:
            case STATUS:
            case OPEN_ORDERS:
                entry.onReply(request, reply, nowNs);
                break;
            case TIME:
                onTimeReply(request, reply, nowNs);
                break;
            case EXCHANGE_INFO:
                onExchangeInfoReply(reply, nowNs);
                break;
            case LOGON:
            case SUBSCRIBE:
                onSessionReply(request, reply, nowNs);
                break;
            case LISTEN_KEY:
                onListenKeyReply(reply, nowNs);
                break;
            case LISTEN_KEY_KEEPALIVE:
                if (!reply.ok() && reply.errorCode() == -1125)
                {
                    listenKey = null;
                    user.close("listenKey expired", nowNs);
                    onUserStreamDown("listenKey expired", nowNs);
                }
                break;
            case POSITION_MODE:
            case LEVERAGE:
            case MARGIN_TYPE:
                onSetupReply(request, reply);
                break;
            case ACCOUNT:
                accountInFlight = false;
                if (reply.ok() && reply.result() != null)
                {
                    if (config.market == BinanceMarket.USDM)
                    {
                        accounts.onFuturesSnapshot(reply.result(), nowNs);
                    }
                    else
                    {
                        onSpotAccountSnapshot(reply.result(), nowNs);
                    }
                }
                break;
            default:
                break;
        }
    }

    private void onExpired(final PendingRequest request)
    {
        onLost(request, expiredText, cycleNowNs);
    }

    private void onLost(final PendingRequest request, final String why, final long nowNs)
    {
        switch (request.op)
        {
            case PLACE:
            case CANCEL:
            case STATUS:
            case OPEN_ORDERS:
                entry.onLost(request, why, nowNs);
                break;
            case TIME:
                onReply(Reply.failed(request.id, Reply.Failure.TRANSPORT, why), nowNs);
                break;
            default:
                // Start-up and session requests are answered by failing them: the normal failure path retries.
                onReplyFor(request, Reply.failed(request.id, Reply.Failure.TRANSPORT, why), nowNs);
                break;
        }
    }

    private void onReplyFor(final PendingRequest request, final Reply reply, final long nowNs)
    {
        switch (request.op)
        {
            case EXCHANGE_INFO:
                onExchangeInfoReply(reply, nowNs);
                break;
            case LOGON:
            case SUBSCRIBE:
                onSessionReply(request, reply, nowNs);
                break;
            case LISTEN_KEY:
                onListenKeyReply(reply, nowNs);
                break;
            case POSITION_MODE:
            case LEVERAGE:
            case MARGIN_TYPE:
                onSetupReply(request, reply);
                break;
            case ACCOUNT:
                accountInFlight = false;
                break;
            default:
                break;
        }
    }

    private void onStreamMessage(final StreamMessage message, final long nowNs)
    {
        final WsConnection connection = message.kind() == WsConnection.Kind.API ? api : user;
        if (connection == null || !connection.isCurrent(message.connId()))
        {
            return;
        }
        final JsonNode e = message.event();
        switch (e.path("e").asText(""))
        {
            case "executionReport":
                entry.onOrderEvent(event.parseExecutionReport(e), nowNs);
                break;
            case "ORDER_TRADE_UPDATE":
                entry.onOrderEvent(event.parseOrderTradeUpdate(e.path("o")), nowNs);
                break;
            case "outboundAccountPosition":
                accounts.onSpotAccountPosition(e, nowNs);
                break;
            case "ACCOUNT_UPDATE":
                accounts.onFuturesAccountUpdate(e, nowNs);
                nextAccountNs = Math.min(nextAccountNs, nowNs + ACCOUNT_AFTER_EVENT_NS);
                break;
            case "listenKeyExpired":
                listenKey = null;
                user.close("listenKey expired", nowNs);
                onUserStreamDown("listenKey expired", nowNs);
                break;
            case "eventStreamTerminated":
                dropApi("user data stream terminated by the venue", nowNs, nowNs);
                break;
            default:
                break;
        }
    }

    private void onConnectionEvent(final ConnectionEvent connectionEvent, final long nowNs)
    {
        final WsConnection connection = connectionEvent.kind() == WsConnection.Kind.API ? api :
            connectionEvent.kind() == WsConnection.Kind.MARKET ? market : user;
        if (connection == null || !connection.onEvent(connectionEvent, nowNs))
        {
            return;
        }
        if (!connectionEvent.open())
        {
            lastDisconnect = connectionEvent.kind() + " " + connectionEvent.reason();
        }
        switch (connectionEvent.kind())
        {
            case API:
                if (connectionEvent.open())
                {
                    apiConnects++;
                    startApiSession(nowNs);
                }
                else
                {
                    onApiDown(connectionEvent.reason(), nowNs);
                }
                break;
            case USER:
                if (connectionEvent.open())
                {
                    user.backoff().reset();
                    setUserDataUp(true, nowNs);
                }
                else
                {
                    onUserStreamDown(connectionEvent.reason(), nowNs);
                }
                break;
            case MARKET:
                if (connectionEvent.open())
                {
                    market.backoff().reset();
                }
                break;
            default:
                break;
        }
    }

    // ----- start-up: clock, exchangeInfo, futures account settings -----

    private int bootstrap(final long nowNs)
    {
        int work = 0;
        if (!timeSyncInFlight && (entry.resyncWanted() || nowNs - nextTimeSyncNs >= 0) && requests.mayRequest(1, false, nowNs))
        {
            timeSyncInFlight = true;
            requests.send(PendingRequest.Op.TIME, null, null, "GET", config.market.path("time"), new Params(),
                false, false, 1, false, "", nowNs);
            work++;
        }
        if (requests.clockSynced() && !exchangeInfoInFlight && nowNs - nextExchangeInfoNs >= 0 &&
            requests.mayRequest(20, false, nowNs))
        {
            exchangeInfoInFlight = true;
            final Params params = new Params();
            if (config.market == BinanceMarket.SPOT)
            {
                final StringJoiner symbols = new StringJoiner("\",\"", "[\"", "\"]");
                config.symbols.forEach(symbols::add);
                params.add("symbols", symbols.toString());
            }
            requests.send(PendingRequest.Op.EXCHANGE_INFO, null, null, "GET", config.market.path("exchangeInfo"), params,
                false, false, 20, false, "", nowNs);
            work++;
        }
        if (config.market == BinanceMarket.USDM)
        {
            work += futuresBootstrap(nowNs);
        }
        return work;
    }

    private int futuresBootstrap(final long nowNs)
    {
        int work = 0;
        if (requests.clockSynced() && !setupStarted)
        {
            setupStarted = true;
            if (!config.hedgeMode.isEmpty())
            {
                setupOutstanding++;
                requests.send(PendingRequest.Op.POSITION_MODE, null, null, "POST", "/fapi/v1/positionSide/dual",
                    new Params().add("dualSidePosition", config.hedgeMode), true, true, 1, false, "position mode", nowNs);
            }
            for (final Map.Entry<String, String> margin : config.marginType.entrySet())
            {
                setupOutstanding++;
                requests.send(PendingRequest.Op.MARGIN_TYPE, null, null, "POST", "/fapi/v1/marginType",
                    new Params().add("symbol", margin.getKey()).add("marginType", margin.getValue()), true, true, 1, false,
                    "margin type " + margin.getKey(), nowNs);
            }
            for (final Map.Entry<String, Integer> leverage : config.leverage.entrySet())
            {
                setupOutstanding++;
                requests.send(PendingRequest.Op.LEVERAGE, null, null, "POST", "/fapi/v1/leverage",
                    new Params().add("symbol", leverage.getKey()).add("leverage", leverage.getValue()), true, true, 1, false,
                    "leverage " + leverage.getKey(), nowNs);
            }
            work++;
        }
        if (listenKey == null && !listenKeyInFlight && nowNs - nextListenKeyNs >= 0 && requests.mayRequest(1, false, nowNs))
        {
            listenKeyInFlight = true;
            requests.send(PendingRequest.Op.LISTEN_KEY, null, null, "POST", "/fapi/v1/listenKey", new Params(),
                false, true, 1, false, "", nowNs);
            work++;
        }
        return work;
    }

    private boolean isBootstrapped()
    {
        return requests.clockSynced() && exchangeInfoLoaded && setupOutstanding == 0;
    }

    private String notReadyReason()
    {
        if (!requests.clockSynced())
        {
            return "clock not synchronised with the venue";
        }
        if (!exchangeInfoLoaded)
        {
            return "exchangeInfo not loaded";
        }
        if (setupOutstanding > 0)
        {
            return "futures account settings not applied";
        }
        return "reconciling orders with the venue";
    }

    private void onTimeReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        timeSyncInFlight = false;
        if (reply.ok() && reply.result() != null && reply.result().has("serverTime"))
        {
            requests.onServerTime(reply.result().path("serverTime").asLong(), request.sentNs, nowNs);
            nextTimeSyncNs = nowNs + config.timeSyncIntervalNs;
            bootstrapFailures = 0;
            restBackoff.reset();
        }
        else
        {
            bootstrapFailures++;
            nextTimeSyncNs = restBackoff.nextAttemptNs(nowNs);
        }
        if (entry.resyncWanted())
        {
            // Orders refused with -1021 go out once more either way; a second refusal rejects them.
            entry.onClockResynced(nowNs);
        }
    }

    private void onExchangeInfoReply(final Reply reply, final long nowNs)
    {
        exchangeInfoInFlight = false;
        if (!reply.ok() || reply.result() == null)
        {
            bootstrapFailures++;
            nextExchangeInfoNs = restBackoff.nextAttemptNs(nowNs);
            return;
        }
        final JsonNode body = reply.result();
        for (final JsonNode limit : body.path("rateLimits"))
        {
            final String type = limit.path("rateLimitType").asText("");
            final long intervalMs = RateLimits.intervalMs(limit.path("interval").asText(""), limit.path("intervalNum").asLong(1));
            if (intervalMs > 0 && (RateLimits.WEIGHT.equals(type) || RateLimits.ORDERS.equals(type)))
            {
                rateLimits.limit(type, intervalMs, limit.path("limit").asLong(0));
            }
        }
        final Map<String, SymbolRules> loaded = new HashMap<>();
        for (final JsonNode symbol : body.path("symbols"))
        {
            final String venueSymbol = symbol.path("symbol").asText("");
            if (config.symbols.contains(venueSymbol))
            {
                loaded.put(venueSymbol, SymbolRules.fromJson(symbol));
            }
        }
        final StringJoiner missing = new StringJoiner(",");
        for (final String symbol : config.symbols)
        {
            final SymbolRules symbolRules = loaded.get(symbol);
            if (symbolRules == null)
            {
                missing.add(symbol);
                continue;
            }
            rules.put(symbol, symbolRules);
            publisher.instrumentDefinition(
                symbolRules.toInstrumentRules(instrumentRules, config.market == BinanceMarket.USDM ? Fixed.of(1) : Fixed.NULL),
                nowNs);
        }
        unknownSymbols = missing.toString();
        exchangeInfoLoaded = true;
        nextExchangeInfoNs = nowNs + config.exchangeInfoRefreshNs;
    }

    private void onSetupReply(final PendingRequest request, final Reply reply)
    {
        setupOutstanding--;
        // -4059: position mode already so; -4046: margin type already so.
        if (!reply.ok() && reply.errorCode() != -4059 && reply.errorCode() != -4046)
        {
            setupErrors += (setupErrors.isEmpty() ? "futures setting refused: " : "; ") + request.detail + " (binance " +
                reply.errorCode() + ": " + reply.errorMsg() + ")";
        }
    }

    // ----- connections -----

    private int maintainConnections(final long nowNs)
    {
        int work = 0;
        if (api != null)
        {
            if (api.state() == WsConnection.State.DOWN && requests.clockSynced() && nowNs - api.nextAttemptNs() >= 0 &&
                !rateLimits.isBackingOff(nowNs))
            {
                api.connect(config.wsApiUrl, nowNs);
                work++;
            }
            else if (api.isOpen() && nowNs - api.openedNs() - config.connectionMaxAgeNs >= 0)
            {
                dropApi("planned reconnect before the 24 h connection limit", nowNs, nowNs);
                work++;
            }
        }
        if (market != null)
        {
            if (market.state() == WsConnection.State.DOWN && nowNs - market.nextAttemptNs() >= 0)
            {
                market.connect(marketStreamUrl(), nowNs);
                work++;
            }
            else if (market.isOpen() && nowNs - market.openedNs() - config.connectionMaxAgeNs >= 0)
            {
                market.close("planned reconnect", nowNs);
                work++;
            }
        }
        if (user != null)
        {
            if (user.state() == WsConnection.State.DOWN && listenKey != null && nowNs - user.nextAttemptNs() >= 0)
            {
                user.connect(config.streamUrl + "/ws/" + listenKey, nowNs);
                work++;
            }
            else if (user.isOpen() && nowNs - user.openedNs() - config.connectionMaxAgeNs >= 0)
            {
                user.close("planned reconnect", nowNs);
                onUserStreamDown("planned reconnect before the 24 h connection limit", nowNs);
                work++;
            }
        }
        return work;
    }

    private String marketStreamUrl()
    {
        final StringJoiner streams = new StringJoiner("/");
        for (final String symbol : config.symbols)
        {
            final String lower = symbol.toLowerCase(Locale.ROOT);
            streams.add(lower + "@bookTicker").add(lower + config.market.tradeStreamSuffix());
        }
        return config.streamUrl + "/stream?streams=" + streams;
    }

    private void startApiSession(final long nowNs)
    {
        if (credentials.signingKey().kind() == SigningKey.Kind.ED25519)
        {
            apiSession = ApiSession.LOGON;
            final Params params = new Params().add("apiKey", credentials.apiKey()).add("timestamp", requests.venueMs(nowNs));
            params.add("signature", credentials.signingKey().sign(params.toSortedPayload()));
            if (requests.sendWs(PendingRequest.Op.LOGON, "session.logon", params, nowNs) == null)
            {
                dropApi("could not send session.logon", nowNs, api.backoff().nextAttemptNs(nowNs));
            }
        }
        else
        {
            // An HMAC key cannot log a session on: each request is signed, user data by subscribe.signature.
            apiSession = ApiSession.SUBSCRIBE;
            final Params params = new Params().add("apiKey", credentials.apiKey()).add("timestamp", requests.venueMs(nowNs));
            params.add("signature", credentials.signingKey().sign(params.toSortedPayload()));
            if (requests.sendWs(PendingRequest.Op.SUBSCRIBE, "userDataStream.subscribe.signature", params, nowNs) == null)
            {
                dropApi("could not subscribe to user data", nowNs, api.backoff().nextAttemptNs(nowNs));
            }
        }
    }

    private void onSessionReply(final PendingRequest request, final Reply reply, final long nowNs)
    {
        if (api == null || !api.isOpen() || apiSession == ApiSession.NONE)
        {
            return;
        }
        if (!reply.ok())
        {
            if (reply.errorCode() == -1021)
            {
                nextTimeSyncNs = nowNs;
            }
            lastDisconnect = "WebSocket API " + (request.op == PendingRequest.Op.LOGON ? "session.logon" : "subscription") +
                " refused (binance " + reply.errorCode() + ": " + reply.errorMsg() + ")";
            dropApi(lastDisconnect, nowNs, api.backoff().nextAttemptNs(nowNs));
            return;
        }
        if (request.op == PendingRequest.Op.LOGON)
        {
            apiSession = ApiSession.SUBSCRIBE;
            requests.wsSession(false, true);
            if (requests.sendWs(PendingRequest.Op.SUBSCRIBE, "userDataStream.subscribe", new Params(), nowNs) == null)
            {
                dropApi("could not subscribe to user data", nowNs, api.backoff().nextAttemptNs(nowNs));
            }
            return;
        }
        apiSession = ApiSession.READY;
        requests.wsSession(true, credentials.signingKey().kind() == SigningKey.Kind.ED25519);
        api.backoff().reset();
        setUserDataUp(true, nowNs);
    }

    private void dropApi(final String reason, final long nowNs, final long nextAttemptNs)
    {
        lastDisconnect = "API " + reason;
        api.close(reason, nextAttemptNs);
        onApiDown(reason, nowNs);
    }

    private void onApiDown(final String reason, final long nowNs)
    {
        apiSession = ApiSession.NONE;
        requests.wsSession(false, false);
        requests.failWs((request) -> onLost(request, "WebSocket API connection lost: " + reason, nowNs));
        setUserDataUp(false, nowNs);
    }

    private void onUserStreamDown(final String reason, final long nowNs)
    {
        lastDisconnect = "user data stream: " + reason;
        setUserDataUp(false, nowNs);
    }

    private void setUserDataUp(final boolean up, final long nowNs)
    {
        if (up && !userDataUp)
        {
            needReconcile = true;
        }
        userDataUp = up;
        entry.userDataUp(up, nowNs);
    }

    private int startReconcileWhenReady(final long nowNs)
    {
        if (!needReconcile || !isBootstrapped())
        {
            return 0;
        }
        final boolean userDataFailed = config.market == BinanceMarket.SPOT ?
            api == null || api.backoff().failures() > 0 : user.backoff().failures() > 0 || listenKeyFailures > 0;
        if (!userDataUp && !userDataFailed)
        {
            return 0;
        }
        needReconcile = false;
        entry.startReconcile(nowNs);
        return 1;
    }

    // ----- futures listenKey and account -----

    private void onListenKeyReply(final Reply reply, final long nowNs)
    {
        listenKeyInFlight = false;
        if (reply.ok() && reply.result() != null && reply.result().hasNonNull("listenKey"))
        {
            final String key = reply.result().path("listenKey").asText();
            if (!key.equals(listenKey))
            {
                final boolean wasOpen = user.isOpen();
                listenKey = key;
                user.close("new listenKey", nowNs);
                if (wasOpen)
                {
                    onUserStreamDown("new listenKey", nowNs);
                }
            }
            nextKeepAliveNs = nowNs + config.listenKeyKeepAliveNs;
        }
        else
        {
            listenKeyFailures++;
            nextListenKeyNs = restBackoff.nextAttemptNs(nowNs);
        }
    }

    private int accountHousekeeping(final long nowNs)
    {
        int work = 0;
        if (user != null && listenKey != null && nowNs - nextKeepAliveNs >= 0 && requests.mayRequest(1, false, nowNs))
        {
            nextKeepAliveNs = nowNs + config.listenKeyKeepAliveNs;
            requests.send(PendingRequest.Op.LISTEN_KEY_KEEPALIVE, null, null, "PUT", "/fapi/v1/listenKey", new Params(),
                false, true, 1, false, "", nowNs);
            work++;
        }
        if (requests.clockSynced() && !accountInFlight && nowNs - nextAccountNs >= 0 && requests.mayRequest(20, false, nowNs))
        {
            accountInFlight = true;
            nextAccountNs = nowNs + config.accountRefreshNs;
            if (config.market == BinanceMarket.USDM)
            {
                requests.send(PendingRequest.Op.ACCOUNT, null, null, "GET", "/fapi/v3/account", new Params(),
                    true, true, 5, false, "", nowNs);
            }
            else
            {
                requests.send(PendingRequest.Op.ACCOUNT, null, null, "GET", config.market.path("account"),
                    new Params().add("omitZeroBalances", "true"), true, true, 20, false, "", nowNs);
            }
            work++;
        }
        return work;
    }

    private void onSpotAccountSnapshot(final JsonNode account, final long nowNs)
    {
        final com.fasterxml.jackson.databind.node.ObjectNode asEvent = mapper.createObjectNode();
        final com.fasterxml.jackson.databind.node.ArrayNode balances = asEvent.putArray("B");
        for (final JsonNode balance : account.path("balances"))
        {
            balances.addObject()
                .put("a", balance.path("asset").asText(""))
                .put("f", balance.path("free").asText("0"))
                .put("l", balance.path("locked").asText("0"));
        }
        accounts.onSpotAccountPosition(asEvent, nowNs);
    }

    // ----- status -----

    private int publishStatus(final long nowNs)
    {
        // The status text is rebuilt only when something it depends on changed, so an idle duty cycle allocates nothing.
        final long key = statusKey(nowNs);
        if (key == publishedKey)
        {
            return 0;
        }
        final GatewayState state;
        final String detail;
        if (!isBootstrapped())
        {
            state = bootstrapFailures >= 3 ? GatewayState.DOWN : GatewayState.RECONCILING;
            detail = (bootstrapFailures >= 3 ? "venue unreachable: " : "starting: ") + notReadyReason();
        }
        else if (rateLimits.isBackingOff(nowNs))
        {
            state = GatewayState.DEGRADED;
            detail = rateLimits.isBanned() ? "IP banned by the venue (HTTP 418); no requests until Retry-After passes" :
                "rate limited by the venue (HTTP 429); no requests until Retry-After passes";
        }
        else if (entry.reconcileState() != OrderEntry.ReconcileState.DONE)
        {
            state = GatewayState.RECONCILING;
            detail = "reconciling orders with the venue";
        }
        else if (!setupErrors.isEmpty())
        {
            state = GatewayState.DEGRADED;
            detail = setupErrors;
        }
        else if (!userDataUp)
        {
            state = GatewayState.DEGRADED;
            detail = config.market == BinanceMarket.SPOT ?
                "WebSocket API down (" + lastDisconnect + "): REST order entry, polling order status" :
                "user data stream down (" + lastDisconnect + "): polling order status";
        }
        else
        {
            state = GatewayState.UP;
            detail = "reconciled #" + entry.reconciliations() + ": " + entry.reconcileSummary() +
                (unknownSymbols.isEmpty() ? "" : "; unknown symbols " + unknownSymbols);
        }
        if (state == publishedState && detail.equals(publishedDetail))
        {
            publishedKey = key;
            return 0;
        }
        if (publisher.gatewayStatus(state, nowNs, detail))
        {
            publishedState = state;
            publishedDetail = detail;
            publishedKey = key;
        }
        return 1;
    }

    private long statusKey(final long nowNs)
    {
        long key = requests.clockSynced() ? 1 : 0;
        key = key * 31 + (exchangeInfoLoaded ? 1 : 0);
        key = key * 31 + setupOutstanding;
        key = key * 31 + Math.min(bootstrapFailures, 3);
        key = key * 31 + (rateLimits.isBackingOff(nowNs) ? (rateLimits.isBanned() ? 2 : 1) : 0);
        key = key * 31 + entry.reconcileState().ordinal();
        key = key * 31 + entry.reconciliations();
        key = key * 31 + (userDataUp ? 1 : 0);
        key = key * 31 + System.identityHashCode(setupErrors);
        key = key * 31 + System.identityHashCode(lastDisconnect);
        key = key * 31 + System.identityHashCode(entry.reconcileSummary());
        return key * 31 + System.identityHashCode(unknownSymbols);
    }

    /**
     * The state this venue last published (what a gateway heartbeat should repeat instead of UP).
     *
     * @return the state, null before the first status.
     */
    public GatewayState state()
    {
        return publishedState;
    }

    /**
     * The detail of the state this venue last published.
     *
     * @return the detail text, never containing credentials.
     */
    public String stateDetail()
    {
        return publishedDetail;
    }

    // ----- diagnostics for tests and operators -----

    RateLimits rateLimits()
    {
        return rateLimits;
    }

    Requests requests()
    {
        return requests;
    }

    BinanceOrders orders()
    {
        return orders;
    }

    OrderEntry entry()
    {
        return entry;
    }

    AccountBook accounts()
    {
        return accounts;
    }

    int apiConnects()
    {
        return apiConnects;
    }
}
