package io.sluice.gateway.india.angel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.india.AccountSession;
import io.sluice.gateway.india.BrokerCall;
import io.sluice.gateway.india.BrokerDefaults;
import io.sluice.gateway.india.BrokerException;
import io.sluice.gateway.india.BrokerOrder;
import io.sluice.gateway.india.BrokerPosition;
import io.sluice.gateway.india.BrokerStatus;
import io.sluice.gateway.india.Endpoint;
import io.sluice.gateway.india.FailureKind;
import io.sluice.gateway.india.Funds;
import io.sluice.gateway.india.HttpAnswer;
import io.sluice.gateway.india.IndiaConfig;
import io.sluice.gateway.india.Json;
import io.sluice.gateway.india.LoginStep;
import io.sluice.gateway.india.OrderSpec;
import io.sluice.gateway.india.PlaceAnswer;
import io.sluice.gateway.india.Quote;
import io.sluice.gateway.india.RestBroker;
import io.sluice.gateway.india.SessionTokens;
import io.sluice.gateway.india.Totp;
import io.sluice.gateway.india.instruments.AngelMasterParser;
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.MasterParser;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Angel One SmartAPI: JSON requests with its headers ({@code X-PrivateKey} = API key, {@code X-UserType: USER},
 * {@code X-SourceID: WEB}, client local/public IP and MAC address, {@code Authorization: Bearer <jwt>}), answers
 * {@code {"status":true,"message","errorcode","data"}}; error codes AG8001/AG8002/AG8003 mean the JWT is invalid,
 * expired or missing. Orders are {@code placeOrder} with string fields, {@code symboltoken} from the scrip master and
 * {@code ordertag} set to our client order id; unknown places are resolved from {@code getOrderBook} by ordertag.
 * <p>
 * Login is unattended: client code, PIN and a TOTP computed here per RFC 6238 from the configured base32 secret;
 * an expired JWT is first renewed with the refresh token ({@code generateTokens}), then by a fresh login.
 * <table>
 * <caption>Angel settings and secrets</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.angel.<acct>.clientCode}</td><td>(required)</td><td>Angel One client code</td></tr>
 * <tr><td>{@code sluice.angel.localIp}</td><td>127.0.0.1</td><td>{@code X-ClientLocalIP}</td></tr>
 * <tr><td>{@code sluice.angel.publicIp}</td><td>127.0.0.1</td><td>{@code X-ClientPublicIP}: the registered static IP</td></tr>
 * <tr><td>{@code sluice.angel.macAddress}</td><td>00:00:00:00:00:00</td><td>{@code X-MACAddress}</td></tr>
 * <tr><td>secret {@code apiKey}</td><td>(required)</td><td>SmartAPI key sent as X-PrivateKey</td></tr>
 * <tr><td>secret {@code password}</td><td>(required)</td><td>trading PIN</td></tr>
 * <tr><td>secret {@code totpSecret}</td><td>(required)</td><td>base32 TOTP secret shown when enabling TOTP</td></tr>
 * </table>
 */
public final class AngelApi extends RestBroker
{
    /** Venue name. */
    public static final String VENUE = "angel";

    /** Production addresses and the published per-user limits (orders 20/s, 500/min, 1000/h; order book 1/s; ...). */
    public static final BrokerDefaults DEFAULTS = new BrokerDefaults(
        "https://apiconnect.angelone.in",
        "https://margincalculator.angelbroking.com/OpenAPI_File/files/OpenAPIScripMaster.json",
        Map.of(
            "place", "20/1s,500/60s,1000/1h",
            "modify", "20/1s,500/60s,1000/1h",
            "cancel", "20/1s,500/60s,1000/1h",
            "orderbook", "1/1s",
            "position", "1/1s",
            "rms", "2/1s",
            "login", "1/1s",
            "quote", "10/1s,500/60s,5000/1h"),
        Map.of(
            Endpoint.PLACE, "place",
            Endpoint.MODIFY, "modify",
            Endpoint.CANCEL, "cancel",
            Endpoint.ORDER_BOOK, "orderbook",
            Endpoint.ORDER_LOOKUP, "orderbook",
            Endpoint.POSITIONS, "position",
            Endpoint.FUNDS, "rms",
            Endpoint.LOGIN, "login",
            Endpoint.QUOTE, "quote"),
        Map.of("NIFTY", "NSE:99926000", "BANKNIFTY", "NSE:99926009", "FINNIFTY", "NSE:99926037", "SENSEX", "BSE:99919000"),
        1000);

    private static final String ORDER_PATH = "/rest/secure/angelbroking/order/v1/";
    private static final String[] SESSION_SECRETS = {"apiKey", "password", "totpSecret"};

    private final MasterParser parser = new AngelMasterParser();
    // The API key of each account as read at its last login, so later requests never touch the secrets file.
    private final Map<String, String> apiKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The Angel mapping.
     *
     * @param config the venue's configuration.
     */
    public AngelApi(final IndiaConfig config)
    {
        super(config);
        for (final String account : config.accounts())
        {
            config.requireAccount(account, "clientCode");
        }
    }

    /**
     * {@inheritDoc}
     */
    public LoginStep login(final AccountSession session, final long nowNs)
    {
        final String account = session.account();
        apiKeys.put(account, config.secrets().require(account, "apiKey"));
        final ObjectNode body = Json.object()
            .put("clientcode", config.requireAccount(account, "clientCode"))
            .put("password", config.secrets().require(account, "password"))
            .put("totp", Totp.code(config.secrets().require(account, "totpSecret"), TimeUnit.NANOSECONDS.toSeconds(nowNs)));
        final Request request = headers(account, null).url(url("/rest/auth/angelbroking/user/v1/loginByPassword")).post(json(body)).build();
        return LoginStep.call(BrokerCall.of(Endpoint.LOGIN, request, this::tokens));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<SessionTokens> refresh(final AccountSession session)
    {
        final ObjectNode body = Json.object().put("refreshToken", session.refreshToken());
        final Request request = headers(session.account(), session.accessToken())
            .url(url("/rest/auth/angelbroking/jwt/v1/generateTokens")).post(json(body)).build();
        return BrokerCall.of(Endpoint.LOGIN, request, this::tokens);
    }

    /**
     * {@inheritDoc}
     */
    public boolean renewsUnattended()
    {
        return true;
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
        if (spec.amo())
        {
            return "AMO";
        }
        return spec.isStop() ? "STOPLOSS" : "NORMAL";
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<PlaceAnswer> place(final AccountSession session, final OrderSpec spec)
    {
        final ObjectNode body = orderFields(spec, variety(spec))
            .put("transactiontype", spec.side() == Side.BUY ? "BUY" : "SELL")
            .put("squareoff", "0")
            .put("stoploss", "0")
            .put("ordertag", spec.tag());
        final Request request = headers(session.account(), session.accessToken()).url(url(ORDER_PATH + "placeOrder")).post(json(body)).build();
        return BrokerCall.of(Endpoint.PLACE, request, (answer) ->
            new PlaceAnswer(Json.text(check(answer).path("data"), "orderid", null), null, ""));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> modify(final AccountSession session, final String orderId, final String variety, final OrderSpec spec)
    {
        final ObjectNode body = orderFields(spec, variety.isEmpty() ? variety(spec) : variety).put("orderid", orderId);
        final Request request = headers(session.account(), session.accessToken()).url(url(ORDER_PATH + "modifyOrder")).post(json(body)).build();
        return BrokerCall.of(Endpoint.MODIFY, request, (answer) -> Json.text(check(answer).path("data"), "orderid", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> cancel(final AccountSession session, final String orderId, final String variety)
    {
        final ObjectNode body = Json.object().put("variety", variety.isEmpty() ? "NORMAL" : variety).put("orderid", orderId);
        final Request request = headers(session.account(), session.accessToken()).url(url(ORDER_PATH + "cancelOrder")).post(json(body)).build();
        return BrokerCall.of(Endpoint.CANCEL, request, (answer) -> Json.text(check(answer).path("data"), "orderid", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerOrder>> orderBook(final AccountSession session)
    {
        final Request request = headers(session.account(), session.accessToken()).url(url(ORDER_PATH + "getOrderBook")).get().build();
        return BrokerCall.of(Endpoint.ORDER_BOOK, request, (answer) ->
        {
            final List<BrokerOrder> orders = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data"))
            {
                final String status = Json.text(row, "orderstatus", Json.text(row, "status", ""));
                orders.add(new BrokerOrder(
                    Json.text(row, "orderid", ""),
                    Json.text(row, "ordertag", ""),
                    BrokerStatus.of(status),
                    status,
                    Json.fixed(row, "quantity"),
                    Json.fixed(row, "filledshares"),
                    Json.fixed(row, "averageprice"),
                    Json.text(row, "tradingsymbol", ""),
                    Json.text(row, "symboltoken", ""),
                    "SELL".equals(Json.text(row, "transactiontype", "")) ? Side.SELL : Side.BUY,
                    Json.text(row, "text", ""),
                    Json.text(row, "variety", "")));
            }
            return orders;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerPosition>> positions(final AccountSession session)
    {
        final Request request = headers(session.account(), session.accessToken()).url(url(ORDER_PATH + "getPosition")).get().build();
        return BrokerCall.of(Endpoint.POSITIONS, request, (answer) ->
        {
            final List<BrokerPosition> positions = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data"))
            {
                positions.add(new BrokerPosition(Json.text(row, "tradingsymbol", ""), Json.text(row, "symboltoken", ""),
                    Json.text(row, "producttype", ""), Json.fixed(row, "netqty"), Json.fixed(row, "avgnetprice")));
            }
            return positions;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Funds> funds(final AccountSession session)
    {
        final Request request = headers(session.account(), session.accessToken())
            .url(url("/rest/secure/angelbroking/user/v1/getRMS")).get().build();
        return BrokerCall.of(Endpoint.FUNDS, request, (answer) ->
        {
            final JsonNode data = check(answer).path("data");
            return new Funds(Json.fixed(data, "availablecash"), Fixed.NULL, Json.fixed(data, "net"), Json.fixed(data, "utiliseddebits"));
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Quote> quote(final AccountSession session, final String indexKey)
    {
        final int colon = indexKey.indexOf(':');
        final ObjectNode body = Json.object().put("mode", "OHLC");
        body.putObject("exchangeTokens").putArray(indexKey.substring(0, colon)).add(indexKey.substring(colon + 1));
        final Request request = headers(session.account(), session.accessToken())
            .url(url("/rest/secure/angelbroking/market/v1/quote")).post(json(body)).build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final JsonNode quote = check(answer).path("data").path("fetched").path(0);
            return new Quote(Json.fixed(quote, "ltp"), Json.fixed(quote, "close"));
        });
    }

    /**
     * {@inheritDoc} Market data API in LTP mode: {@code POST /rest/secure/angelbroking/market/v1/quote} with
     * {@code {"mode":"LTP","exchangeTokens":{"NFO":["43650",...]}}}; the answer lists {@code data.fetched[]} with
     * {@code exchange}, {@code symbolToken} and {@code ltp}.
     */
    public BrokerCall<Map<String, Long>> lastPrices(final AccountSession session, final List<Instrument> instruments)
    {
        final ObjectNode body = Json.object().put("mode", "LTP");
        final ObjectNode tokens = body.putObject("exchangeTokens");
        final Map<String, String> symbols = new java.util.HashMap<>();
        for (final Instrument instrument : instruments)
        {
            final com.fasterxml.jackson.databind.node.ArrayNode exchange = tokens.has(instrument.exchange()) ?
                (com.fasterxml.jackson.databind.node.ArrayNode)tokens.get(instrument.exchange()) : tokens.putArray(instrument.exchange());
            exchange.add(instrument.venueToken());
            symbols.put(instrument.exchange() + ":" + instrument.venueToken(), instrument.symbol());
        }
        final Request request = headers(session.account(), session.accessToken())
            .url(url("/rest/secure/angelbroking/market/v1/quote")).post(json(body)).build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final Map<String, Long> prices = new java.util.LinkedHashMap<>();
            for (final JsonNode quote : check(answer).path("data").path("fetched"))
            {
                final String symbol = symbols.get(quote.path("exchange").asText() + ":" + quote.path("symbolToken").asText());
                final long last = Json.fixed(quote, "ltp");
                if (symbol != null && last != Fixed.NULL && last > 0)
                {
                    prices.put(symbol, last);
                }
            }
            return prices;
        });
    }

    /**
     * {@inheritDoc} Angel's market data API takes 50 symbols per request.
     */
    public int lastPriceBatch()
    {
        return 50;
    }

    /**
     * {@inheritDoc}
     */
    public MasterParser masterParser()
    {
        return parser;
    }

    /**
     * {@inheritDoc}
     */
    protected boolean isSuccess(final JsonNode body)
    {
        return body.path("status").asBoolean(false);
    }

    /**
     * {@inheritDoc}
     */
    protected BrokerException failure(final HttpAnswer answer, final JsonNode body)
    {
        // SmartAPI spells it "errorcode" in answers and "errorCode" on its gateway's token errors.
        final String code = Json.text(body, "errorcode", Json.text(body, "errorCode", ""));
        final String text = "angel " + (code.isEmpty() ? "HTTP " + answer.code() : code) + ": " + Json.text(body, "message", answer.snippet());
        switch (code)
        {
            case "AG8001":
            case "AG8002":
            case "AG8003":
                return new BrokerException(FailureKind.SESSION_EXPIRED, text);
            default:
                return new BrokerException(answer.code() == 401 ? FailureKind.SESSION_EXPIRED : byStatus(answer.code(), FailureKind.REJECTED), text);
        }
    }

    /**
     * {@inheritDoc}
     */
    protected JsonNode check(final HttpAnswer answer) throws BrokerException
    {
        // Angel's rate limiter answers plain text, not JSON.
        if (answer.body().contains("exceeding access rate"))
        {
            throw new BrokerException(FailureKind.RATE_LIMITED, "angel: " + answer.snippet());
        }
        return super.check(answer);
    }

    private SessionTokens tokens(final HttpAnswer answer) throws BrokerException
    {
        final JsonNode data = check(answer).path("data");
        return new SessionTokens(Json.text(data, "jwtToken", null), Json.text(data, "refreshToken", null), null);
    }

    private ObjectNode orderFields(final OrderSpec spec, final String variety)
    {
        return Json.object()
            .put("variety", variety)
            .put("tradingsymbol", spec.instrument().venueSymbol())
            .put("symboltoken", spec.instrument().venueToken())
            .put("exchange", spec.instrument().exchange())
            .put("ordertype", orderType(spec.ordType()))
            .put("producttype", product(spec))
            .put("duration", spec.validity())
            .put("price", spec.priceText())
            .put("triggerprice", spec.triggerText())
            .put("quantity", Long.toString(spec.units()));
    }

    private Request.Builder headers(final String account, final String jwt)
    {
        final Request.Builder builder = new Request.Builder()
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-UserType", "USER")
            .header("X-SourceID", "WEB")
            .header("X-ClientLocalIP", config.get("localIp", "127.0.0.1"))
            .header("X-ClientPublicIP", config.get("publicIp", "127.0.0.1"))
            .header("X-MACAddress", config.get("macAddress", "00:00:00:00:00:00"))
            .header("X-PrivateKey", apiKeys.computeIfAbsent(account, (a) -> config.secrets().require(a, "apiKey")));
        if (jwt != null)
        {
            builder.header("Authorization", "Bearer " + jwt);
        }
        return builder;
    }

    private static String orderType(final OrdType ordType)
    {
        switch (ordType)
        {
            case LIMIT:
                return "LIMIT";
            case STOP:
                return "STOPLOSS_MARKET";
            case STOP_LIMIT:
                return "STOPLOSS_LIMIT";
            default:
                return "MARKET";
        }
    }

    private static String product(final OrderSpec spec)
    {
        switch (spec.product())
        {
            case MIS:
                return "INTRADAY";
            case CNC:
                return "DELIVERY";
            default:
                return "CARRYFORWARD";
        }
    }
}
