package io.sluice.gateway.india.kite;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.AccountSession;
import io.sluice.gateway.india.BrokerCall;
import io.sluice.gateway.india.BrokerDefaults;
import io.sluice.gateway.india.BrokerException;
import io.sluice.gateway.india.BrokerOrder;
import io.sluice.gateway.india.BrokerPosition;
import io.sluice.gateway.india.BrokerStatus;
import io.sluice.gateway.india.Checksums;
import io.sluice.gateway.india.Endpoint;
import io.sluice.gateway.india.FailureKind;
import io.sluice.gateway.india.Funds;
import io.sluice.gateway.india.HttpAnswer;
import io.sluice.gateway.india.IndiaConfig;
import io.sluice.gateway.india.Json;
import io.sluice.gateway.india.LoginStep;
import io.sluice.gateway.india.OrderSpec;
import io.sluice.gateway.india.OrderUpdateSink;
import io.sluice.gateway.india.PlaceAnswer;
import io.sluice.gateway.india.Quote;
import io.sluice.gateway.india.RestBroker;
import io.sluice.gateway.india.SessionTokens;
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.KiteMasterParser;
import io.sluice.gateway.india.instruments.MasterParser;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zerodha Kite Connect v3: form-encoded requests with {@code X-Kite-Version: 3} and
 * {@code Authorization: token api_key:access_token}; {@code {"status":"success","data":...}} answers and
 * {@code {"status":"error","message","error_type"}} errors ({@code TokenException} means the session is gone).
 * Orders go to {@code POST /orders/:variety} (regular, or amo outside market hours when enabled) with {@code tag} set to
 * our client order id; there is no idempotency key, so an unknown place is resolved from {@code GET /orders} by tag.
 * <p>
 * Login needs a browser: the operator opens the login link, and the {@code request_token} from the redirect goes into the
 * secrets ({@code <acct>.requestToken}); the gateway exchanges it at {@code POST /session/token} with
 * {@code checksum = sha256(api_key + request_token + api_secret)}. An access token obtained elsewhere can be supplied as
 * {@code <acct>.accessToken} instead. Sessions end around 06:00 IST; until a new token arrives the account is EXPIRED.
 * <table>
 * <caption>Kite settings and secrets</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.kite.<acct>.apiKey}</td><td>(required)</td><td>the Kite Connect app's api_key</td></tr>
 * <tr><td>{@code sluice.kite.<acct>.userId}</td><td>(none)</td><td>Kite user id, to route postbacks of several accounts</td></tr>
 * <tr><td>{@code sluice.kite.loginUrl}</td><td>https://kite.zerodha.com/connect/login</td><td>login link shown to the operator</td></tr>
 * <tr><td>{@code sluice.kite.marketProtection}</td><td>(not sent)</td><td>{@code market_protection} of MARKET and SL-M orders</td></tr>
 * <tr><td>{@code sluice.kite.postbackPort}</td><td>-1 (off)</td><td>port of the postback listener (0 = any free port)</td></tr>
 * <tr><td>{@code sluice.kite.postbackHost}</td><td>127.0.0.1</td><td>address it binds (behind the HTTPS proxy Kite calls)</td></tr>
 * <tr><td>{@code sluice.kite.postbackPath}</td><td>/kite/postback</td><td>path it serves</td></tr>
 * <tr><td>secret {@code apiSecret}</td><td>(required)</td><td>api_secret: session checksum and postback checksums</td></tr>
 * <tr><td>secret {@code requestToken}</td><td>(none)</td><td>today's request_token from the login redirect (used once)</td></tr>
 * <tr><td>secret {@code accessToken}</td><td>(none)</td><td>an access token obtained elsewhere</td></tr>
 * </table>
 */
public final class KiteApi extends RestBroker
{
    /** Venue name. */
    public static final String VENUE = "kite";

    /** Production addresses and the published limits: orders 10/s, 400/min, 5000/day; other endpoints 10/s; quotes 1/s. */
    public static final BrokerDefaults DEFAULTS = new BrokerDefaults(
        "https://api.kite.trade",
        "https://api.kite.trade/instruments",
        Map.of("orders", "10/1s,400/60s,5000/1d", "api", "10/1s", "quote", "1/1s"),
        Map.of(
            Endpoint.PLACE, "orders",
            Endpoint.MODIFY, "api",
            Endpoint.CANCEL, "api",
            Endpoint.ORDER_BOOK, "api",
            Endpoint.ORDER_LOOKUP, "api",
            Endpoint.POSITIONS, "api",
            Endpoint.FUNDS, "api",
            Endpoint.LOGIN, "api",
            Endpoint.QUOTE, "quote"),
        Map.of(
            "NIFTY", "NSE:NIFTY 50",
            "BANKNIFTY", "NSE:NIFTY BANK",
            "FINNIFTY", "NSE:NIFTY FIN SERVICE",
            "MIDCPNIFTY", "NSE:NIFTY MID SELECT",
            "SENSEX", "BSE:SENSEX"),
        1000);

    private static final String[] SESSION_SECRETS = {"apiSecret", "requestToken", "accessToken"};

    private final MasterParser parser = new KiteMasterParser();
    private KitePostbackServer postbacks;

    /**
     * The Kite mapping.
     *
     * @param config the venue's configuration.
     */
    public KiteApi(final IndiaConfig config)
    {
        super(config);
        for (final String account : config.accounts())
        {
            config.requireAccount(account, "apiKey");
        }
    }

    /**
     * Session checksum of Kite's token exchange.
     *
     * @param apiKey       api_key.
     * @param requestToken request_token.
     * @param apiSecret    api_secret.
     * @return hex SHA-256 of the concatenation.
     */
    public static String sessionChecksum(final String apiKey, final String requestToken, final String apiSecret)
    {
        return Checksums.sha256Hex(apiKey, requestToken, apiSecret);
    }

    /**
     * Checksum of a postback.
     *
     * @param orderId        order_id.
     * @param orderTimestamp order_timestamp as sent.
     * @param apiSecret      api_secret.
     * @return hex SHA-256 of the concatenation.
     */
    public static String postbackChecksum(final String orderId, final String orderTimestamp, final String apiSecret)
    {
        return Checksums.sha256Hex(orderId, orderTimestamp, apiSecret);
    }

    /**
     * {@inheritDoc}
     */
    public LoginStep login(final AccountSession session, final long nowNs)
    {
        final String account = session.account();
        final String apiKey = config.requireAccount(account, "apiKey");
        final String requestToken = config.secrets().get(account, "requestToken");
        if (requestToken != null && !session.isSpent(requestToken))
        {
            session.spend(requestToken);
            final String checksum = sessionChecksum(apiKey, requestToken, config.secrets().require(account, "apiSecret"));
            final Map<String, String> fields = new LinkedHashMap<>();
            fields.put("api_key", apiKey);
            fields.put("request_token", requestToken);
            fields.put("checksum", checksum);
            final Request request = new Request.Builder().url(url("/session/token"))
                .header("X-Kite-Version", "3")
                .post(form(fields))
                .build();
            return LoginStep.call(BrokerCall.of(Endpoint.LOGIN, request, (answer) ->
            {
                final JsonNode data = check(answer).path("data");
                return new SessionTokens(Json.text(data, "access_token", null), Json.text(data, "refresh_token", null),
                    Json.text(data, "user_id", null));
            }));
        }
        final String accessToken = config.secrets().get(account, "accessToken");
        if (accessToken != null && !session.isSpent(accessToken))
        {
            return LoginStep.adopt(new SessionTokens(accessToken, null, config.account(account, "userId", null)));
        }
        return LoginStep.manual("log in at " + config.get("loginUrl", "https://kite.zerodha.com/connect/login") + "?v=3&api_key=" +
            apiKey + " and put the request_token as " + account + ".requestToken in " + config.secrets().file() + " (or " +
            config.secrets().environmentName(account, "requestToken") + ")");
    }

    /**
     * {@inheritDoc}
     */
    public String[] sessionSecrets()
    {
        return SESSION_SECRETS.clone();
    }

    /**
     * {@inheritDoc}
     */
    public String variety(final OrderSpec spec)
    {
        return spec.amo() ? "amo" : "regular";
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<PlaceAnswer> place(final AccountSession session, final OrderSpec spec)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradingsymbol", spec.instrument().venueSymbol());
        fields.put("exchange", spec.instrument().exchange());
        fields.put("transaction_type", spec.side() == Side.BUY ? "BUY" : "SELL");
        fields.put("order_type", orderType(spec.ordType()));
        fields.put("quantity", Long.toString(spec.units()));
        fields.put("product", spec.product().name());
        fields.put("validity", spec.validity());
        if (spec.price() != Fixed.NULL)
        {
            fields.put("price", Fixed.toString(spec.price()));
        }
        if (spec.triggerPrice() != Fixed.NULL)
        {
            fields.put("trigger_price", Fixed.toString(spec.triggerPrice()));
        }
        final String protection = config.get("marketProtection", null);
        if (protection != null && (spec.ordType() == OrdType.MARKET || spec.ordType() == OrdType.STOP))
        {
            fields.put("market_protection", protection);
        }
        fields.put("tag", spec.tag());
        final Request request = authorized(session).url(url("/orders/" + variety(spec))).post(form(fields)).build();
        return BrokerCall.of(Endpoint.PLACE, request, (answer) ->
            new PlaceAnswer(Json.text(check(answer).path("data"), "order_id", null), null, ""));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> modify(final AccountSession session, final String orderId, final String variety, final OrderSpec spec)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("order_type", orderType(spec.ordType()));
        fields.put("quantity", Long.toString(spec.units()));
        fields.put("validity", spec.validity());
        if (spec.price() != Fixed.NULL)
        {
            fields.put("price", Fixed.toString(spec.price()));
        }
        if (spec.triggerPrice() != Fixed.NULL)
        {
            fields.put("trigger_price", Fixed.toString(spec.triggerPrice()));
        }
        final Request request = authorized(session).url(url("/orders/" + orEmpty(variety) + "/" + orderId)).put(form(fields)).build();
        return BrokerCall.of(Endpoint.MODIFY, request, (answer) -> Json.text(check(answer).path("data"), "order_id", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> cancel(final AccountSession session, final String orderId, final String variety)
    {
        final Request request = authorized(session).url(url("/orders/" + orEmpty(variety) + "/" + orderId)).delete().build();
        return BrokerCall.of(Endpoint.CANCEL, request, (answer) -> Json.text(check(answer).path("data"), "order_id", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerOrder>> orderBook(final AccountSession session)
    {
        final Request request = authorized(session).url(url("/orders")).get().build();
        return BrokerCall.of(Endpoint.ORDER_BOOK, request, (answer) ->
        {
            final List<BrokerOrder> orders = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data"))
            {
                orders.add(order(row));
            }
            return orders;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerPosition>> positions(final AccountSession session)
    {
        final Request request = authorized(session).url(url("/portfolio/positions")).get().build();
        return BrokerCall.of(Endpoint.POSITIONS, request, (answer) ->
        {
            final List<BrokerPosition> positions = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data").path("net"))
            {
                positions.add(new BrokerPosition(Json.text(row, "tradingsymbol", ""), Json.text(row, "instrument_token", ""),
                    Json.text(row, "product", ""), Json.fixed(row, "quantity"), Json.fixed(row, "average_price")));
            }
            return positions;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Funds> funds(final AccountSession session)
    {
        final Request request = authorized(session).url(url("/user/margins")).get().build();
        return BrokerCall.of(Endpoint.FUNDS, request, (answer) ->
        {
            final JsonNode equity = check(answer).path("data").path("equity");
            return new Funds(Json.fixed(equity.path("available"), "cash"), Fixed.NULL, Json.fixed(equity, "net"),
                Json.fixed(equity.path("utilised"), "debits"));
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Quote> quote(final AccountSession session, final String indexKey)
    {
        final HttpUrl address = HttpUrl.get(url("/quote/ohlc")).newBuilder().addQueryParameter("i", indexKey).build();
        final Request request = authorized(session).url(address).get().build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final JsonNode quote = check(answer).path("data").path(indexKey);
            return new Quote(Json.fixed(quote, "last_price"), Json.fixed(quote.path("ohlc"), "close"));
        });
    }

    /**
     * {@inheritDoc} {@code GET /quote/ltp?i=NFO:SYMBOL&i=...}; the answer is keyed by {@code exchange:tradingsymbol}.
     */
    public BrokerCall<Map<String, Long>> lastPrices(final AccountSession session, final List<Instrument> instruments)
    {
        final HttpUrl.Builder address = HttpUrl.get(url("/quote/ltp")).newBuilder();
        final Map<String, String> symbols = new LinkedHashMap<>();
        for (final Instrument instrument : instruments)
        {
            final String key = instrument.exchange() + ":" + instrument.venueSymbol();
            symbols.put(key, instrument.symbol());
            address.addQueryParameter("i", key);
        }
        final Request request = authorized(session).url(address.build()).get().build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final JsonNode data = check(answer).path("data");
            final Map<String, Long> prices = new LinkedHashMap<>();
            symbols.forEach((key, symbol) ->
            {
                final long last = Json.fixed(data.path(key), "last_price");
                if (last != Fixed.NULL && last > 0)
                {
                    prices.put(symbol, last);
                }
            });
            return prices;
        });
    }

    /**
     * {@inheritDoc} Kite answers up to 1000 instruments per LTP request.
     */
    public int lastPriceBatch()
    {
        return 1000;
    }

    /**
     * {@inheritDoc}
     */
    public MasterParser masterParser()
    {
        return parser;
    }

    /**
     * The dump is served with the usual Kite headers, authorised when a session exists.
     *
     * @param request the request being built.
     * @param session a logged-in account, or null.
     */
    protected void addInstrumentHeaders(final Request.Builder request, final AccountSession session)
    {
        request.header("X-Kite-Version", "3");
        if (session != null && session.accessToken() != null)
        {
            request.header("Authorization", "token " + config.requireAccount(session.account(), "apiKey") + ":" + session.accessToken());
        }
    }

    /**
     * Start the postback listener when {@code sluice.kite.postbackPort} is set.
     *
     * @param sink receives verified updates.
     */
    public void start(final OrderUpdateSink sink)
    {
        final int port = Integer.parseInt(config.get("postbackPort", "-1"));
        if (port >= 0)
        {
            postbacks = new KitePostbackServer(config, sink, config.get("postbackHost", "127.0.0.1"), port,
                config.get("postbackPath", "/kite/postback"));
        }
    }

    /**
     * Stop the postback listener.
     */
    public void close()
    {
        if (postbacks != null)
        {
            postbacks.close();
            postbacks = null;
        }
    }

    /**
     * The postback listener, when started.
     *
     * @return the listener or null.
     */
    public KitePostbackServer postbacks()
    {
        return postbacks;
    }

    /**
     * An order of the order book or a postback payload.
     *
     * @param row the JSON object.
     * @return the order.
     */
    static BrokerOrder order(final JsonNode row)
    {
        final String status = Json.text(row, "status", "");
        return new BrokerOrder(
            Json.text(row, "order_id", ""),
            Json.text(row, "tag", ""),
            BrokerStatus.of(status),
            status,
            Json.fixed(row, "quantity"),
            Json.fixed(row, "filled_quantity"),
            Json.fixed(row, "average_price"),
            Json.text(row, "tradingsymbol", ""),
            Json.text(row, "instrument_token", ""),
            "SELL".equals(Json.text(row, "transaction_type", "")) ? Side.SELL : Side.BUY,
            Json.text(row, "status_message", ""),
            Json.text(row, "variety", ""));
    }

    /**
     * {@inheritDoc}
     */
    protected boolean isSuccess(final JsonNode body)
    {
        return "success".equals(Json.text(body, "status", ""));
    }

    /**
     * {@inheritDoc}
     */
    protected BrokerException failure(final HttpAnswer answer, final JsonNode body)
    {
        final String type = Json.text(body, "error_type", "GeneralException");
        final String text = "kite " + type + ": " + Json.text(body, "message", answer.snippet());
        switch (type)
        {
            case "TokenException":
                return new BrokerException(FailureKind.SESSION_EXPIRED, text);
            case "NetworkException":
            case "GeneralException":
                return new BrokerException(byStatus(answer.code(), FailureKind.UNKNOWN), text);
            default:
                return new BrokerException(byStatus(answer.code(), FailureKind.REJECTED), text);
        }
    }

    private Request.Builder authorized(final AccountSession session)
    {
        return new Request.Builder()
            .header("X-Kite-Version", "3")
            .header("Authorization", "token " + config.requireAccount(session.account(), "apiKey") + ":" + session.accessToken());
    }

    private static String orderType(final OrdType ordType)
    {
        switch (ordType)
        {
            case LIMIT:
                return "LIMIT";
            case STOP:
                return "SL-M";
            case STOP_LIMIT:
                return "SL";
            default:
                return "MARKET";
        }
    }

    private static String orEmpty(final String variety)
    {
        return variety == null || variety.isEmpty() ? "regular" : variety;
    }
}
