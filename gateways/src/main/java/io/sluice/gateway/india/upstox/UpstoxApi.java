package io.sluice.gateway.india.upstox;

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
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.MasterParser;
import io.sluice.gateway.india.instruments.UpstoxMasterParser;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Product;
import io.sluice.sbe.Side;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstox API v2: JSON requests with {@code Authorization: Bearer <access_token>}, {@code Accept: application/json}
 * and {@code Api-Version: 2.0}; answers {@code {"status":"success","data":...}}, errors
 * {@code {"status":"error","errors":[{"errorCode","message"}]}} (UDAPI100050 or HTTP 401: the token is invalid).
 * Orders are {@code POST /v2/order/place} keyed by {@code instrument_token} (the master's instrument key, e.g.
 * {@code NSE_FO|43919}) with {@code tag} = our client order id; unknown places are resolved from
 * {@code GET /v2/order/retrieve-all} by tag.
 * <p>
 * Login is OAuth 2: the operator opens the authorization dialog and puts the {@code code} of the redirect into the
 * secrets ({@code <acct>.authCode}); the gateway exchanges it at {@code POST /v2/login/authorization/token}. An access
 * token obtained elsewhere can be supplied as {@code <acct>.accessToken}. Tokens end around 03:30 IST.
 * <table>
 * <caption>Upstox settings and secrets</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.upstox.<acct>.clientId}</td><td>(required)</td><td>the app's API key (client_id)</td></tr>
 * <tr><td>{@code sluice.upstox.<acct>.redirectUri}</td><td>(required for code exchange)</td><td>the app's redirect URI</td></tr>
 * <tr><td>{@code sluice.upstox.loginUrl}</td><td>https://api.upstox.com/v2/login/authorization/dialog</td><td>login link</td></tr>
 * <tr><td>secret {@code clientSecret}</td><td>(for code exchange)</td><td>the app's API secret</td></tr>
 * <tr><td>secret {@code authCode}</td><td>(none)</td><td>the authorization code of today's login (used once)</td></tr>
 * <tr><td>secret {@code accessToken}</td><td>(none)</td><td>an access token obtained elsewhere</td></tr>
 * </table>
 */
public final class UpstoxApi extends RestBroker
{
    /** Venue name. */
    public static final String VENUE = "upstox";

    private static final String LIMITS = "50/1s,500/60s,2000/30m";

    /** Production addresses and the published per-API limits (50/s, 500/min, 2000/30 min). */
    public static final BrokerDefaults DEFAULTS = new BrokerDefaults(
        "https://api.upstox.com",
        "https://assets.upstox.com/market-quote/instruments/exchange/complete.json.gz",
        Map.of("place", LIMITS, "modify", LIMITS, "cancel", LIMITS, "orders", LIMITS, "positions", LIMITS, "funds", LIMITS,
            "login", LIMITS, "quote", LIMITS),
        Map.of(
            Endpoint.PLACE, "place",
            Endpoint.MODIFY, "modify",
            Endpoint.CANCEL, "cancel",
            Endpoint.ORDER_BOOK, "orders",
            Endpoint.ORDER_LOOKUP, "orders",
            Endpoint.POSITIONS, "positions",
            Endpoint.FUNDS, "funds",
            Endpoint.LOGIN, "login",
            Endpoint.QUOTE, "quote"),
        Map.of("NIFTY", "NSE_INDEX|Nifty 50", "BANKNIFTY", "NSE_INDEX|Nifty Bank", "FINNIFTY", "NSE_INDEX|Nifty Fin Service",
            "SENSEX", "BSE_INDEX|SENSEX"),
        1000);

    private static final String[] SESSION_SECRETS = {"clientSecret", "authCode", "accessToken"};

    private final MasterParser parser = new UpstoxMasterParser();

    /**
     * The Upstox mapping.
     *
     * @param config the venue's configuration.
     */
    public UpstoxApi(final IndiaConfig config)
    {
        super(config);
        for (final String account : config.accounts())
        {
            config.requireAccount(account, "clientId");
        }
    }

    /**
     * {@inheritDoc}
     */
    public LoginStep login(final AccountSession session, final long nowNs)
    {
        final String account = session.account();
        final String clientId = config.requireAccount(account, "clientId");
        final String code = config.secrets().get(account, "authCode");
        if (code != null && !session.isSpent(code))
        {
            session.spend(code);
            final Map<String, String> fields = new LinkedHashMap<>();
            fields.put("code", code);
            fields.put("client_id", clientId);
            fields.put("client_secret", config.secrets().require(account, "clientSecret"));
            fields.put("redirect_uri", config.requireAccount(account, "redirectUri"));
            fields.put("grant_type", "authorization_code");
            final Request request = new Request.Builder().url(url("/v2/login/authorization/token"))
                .header("Accept", "application/json")
                .header("Api-Version", "2.0")
                .post(form(fields))
                .build();
            return LoginStep.call(BrokerCall.of(Endpoint.LOGIN, request, (answer) ->
            {
                final JsonNode body = Json.parseOrMissing(answer.body());
                final String token = Json.text(body, "access_token", null);
                if (!answer.isSuccess() || token == null)
                {
                    throw body.isContainerNode() ? failure(answer, body) :
                        new BrokerException(byStatus(answer.code(), FailureKind.REJECTED), "upstox HTTP " + answer.code());
                }
                return new SessionTokens(token, null, Json.text(body, "user_id", null));
            }));
        }
        final String accessToken = config.secrets().get(account, "accessToken");
        if (accessToken != null && !session.isSpent(accessToken))
        {
            return LoginStep.adopt(new SessionTokens(accessToken, null, null));
        }
        final HttpUrl link = HttpUrl.get(config.get("loginUrl", "https://api.upstox.com/v2/login/authorization/dialog")).newBuilder()
            .addQueryParameter("response_type", "code")
            .addQueryParameter("client_id", clientId)
            .addQueryParameter("redirect_uri", config.account(account, "redirectUri", ""))
            .build();
        return LoginStep.manual("log in at " + link + " and put the code as " + account + ".authCode in " + config.secrets().file() +
            " (or " + config.secrets().environmentName(account, "authCode") + ")");
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
    public BrokerCall<PlaceAnswer> place(final AccountSession session, final OrderSpec spec)
    {
        final ObjectNode body = Json.object()
            .put("quantity", spec.units())
            .put("product", spec.product() == Product.MIS ? "I" : "D")
            .put("validity", spec.validity())
            .put("price", Json.decimal(spec.price() == Fixed.NULL ? 0 : spec.price()))
            .put("tag", spec.tag())
            .put("instrument_token", spec.instrument().venueToken())
            .put("order_type", orderType(spec.ordType()))
            .put("transaction_type", spec.side() == Side.BUY ? "BUY" : "SELL")
            .put("disclosed_quantity", 0)
            .put("trigger_price", Json.decimal(spec.triggerPrice() == Fixed.NULL ? 0 : spec.triggerPrice()))
            .put("is_amo", spec.amo());
        final Request request = authorized(session).url(url("/v2/order/place")).post(json(body)).build();
        return BrokerCall.of(Endpoint.PLACE, request, (answer) ->
            new PlaceAnswer(Json.text(check(answer).path("data"), "order_id", null), null, ""));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> modify(final AccountSession session, final String orderId, final String variety, final OrderSpec spec)
    {
        final ObjectNode body = Json.object()
            .put("order_id", orderId)
            .put("quantity", spec.units())
            .put("price", Json.decimal(spec.price() == Fixed.NULL ? 0 : spec.price()))
            .put("order_type", orderType(spec.ordType()))
            .put("validity", spec.validity())
            .put("trigger_price", Json.decimal(spec.triggerPrice() == Fixed.NULL ? 0 : spec.triggerPrice()))
            .put("disclosed_quantity", 0);
        final Request request = authorized(session).url(url("/v2/order/modify")).put(json(body)).build();
        return BrokerCall.of(Endpoint.MODIFY, request, (answer) -> Json.text(check(answer).path("data"), "order_id", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<String> cancel(final AccountSession session, final String orderId, final String variety)
    {
        final HttpUrl address = HttpUrl.get(url("/v2/order/cancel")).newBuilder().addQueryParameter("order_id", orderId).build();
        final Request request = authorized(session).url(address).delete().build();
        return BrokerCall.of(Endpoint.CANCEL, request, (answer) -> Json.text(check(answer).path("data"), "order_id", orderId));
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerOrder>> orderBook(final AccountSession session)
    {
        final Request request = authorized(session).url(url("/v2/order/retrieve-all")).get().build();
        return BrokerCall.of(Endpoint.ORDER_BOOK, request, (answer) ->
        {
            final List<BrokerOrder> orders = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data"))
            {
                final String status = Json.text(row, "status", "");
                orders.add(new BrokerOrder(
                    Json.text(row, "order_id", ""),
                    Json.text(row, "tag", ""),
                    BrokerStatus.of(status),
                    status,
                    Json.fixed(row, "quantity"),
                    Json.fixed(row, "filled_quantity"),
                    Json.fixed(row, "average_price"),
                    Json.text(row, "trading_symbol", Json.text(row, "tradingsymbol", "")),
                    Json.text(row, "instrument_token", ""),
                    "SELL".equals(Json.text(row, "transaction_type", "")) ? Side.SELL : Side.BUY,
                    Json.text(row, "status_message", ""),
                    ""));
            }
            return orders;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<List<BrokerPosition>> positions(final AccountSession session)
    {
        final Request request = authorized(session).url(url("/v2/portfolio/short-term-positions")).get().build();
        return BrokerCall.of(Endpoint.POSITIONS, request, (answer) ->
        {
            final List<BrokerPosition> positions = new ArrayList<>();
            for (final JsonNode row : check(answer).path("data"))
            {
                positions.add(new BrokerPosition(Json.text(row, "trading_symbol", Json.text(row, "tradingsymbol", "")),
                    Json.text(row, "instrument_token", ""), Json.text(row, "product", ""), Json.fixed(row, "quantity"),
                    Json.fixed(row, "average_price")));
            }
            return positions;
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Funds> funds(final AccountSession session)
    {
        final HttpUrl address = HttpUrl.get(url("/v2/user/get-funds-and-margin")).newBuilder().addQueryParameter("segment", "SEC").build();
        final Request request = authorized(session).url(address).get().build();
        return BrokerCall.of(Endpoint.FUNDS, request, (answer) ->
        {
            final JsonNode equity = check(answer).path("data").path("equity");
            return new Funds(Fixed.NULL, Fixed.NULL, Json.fixed(equity, "available_margin"), Json.fixed(equity, "used_margin"));
        });
    }

    /**
     * {@inheritDoc}
     */
    public BrokerCall<Quote> quote(final AccountSession session, final String indexKey)
    {
        final HttpUrl address = HttpUrl.get(url("/v2/market-quote/quotes")).newBuilder().addQueryParameter("instrument_key", indexKey).build();
        final Request request = authorized(session).url(address).get().build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final Iterator<JsonNode> quotes = check(answer).path("data").elements();
            if (!quotes.hasNext())
            {
                throw new BrokerException(FailureKind.NOT_FOUND, "upstox has no quote for " + indexKey);
            }
            final JsonNode quote = quotes.next();
            final long last = Json.fixed(quote, "last_price");
            final long change = Json.fixed(quote, "net_change");
            return new Quote(last, last == Fixed.NULL || change == Fixed.NULL ? Fixed.NULL : last - change);
        });
    }

    /**
     * {@inheritDoc} {@code GET /v2/market-quote/ltp?instrument_key=NSE_FO|43650,...}; the answer is keyed by
     * {@code segment:symbol} and names each instrument's key in {@code instrument_token}.
     */
    public BrokerCall<Map<String, Long>> lastPrices(final AccountSession session, final List<Instrument> instruments)
    {
        final Map<String, String> symbols = new LinkedHashMap<>();
        for (final Instrument instrument : instruments)
        {
            symbols.put(instrument.venueToken(), instrument.symbol());
        }
        final HttpUrl address = HttpUrl.get(url("/v2/market-quote/ltp")).newBuilder()
            .addQueryParameter("instrument_key", String.join(",", symbols.keySet())).build();
        final Request request = authorized(session).url(address).get().build();
        return BrokerCall.of(Endpoint.QUOTE, request, (answer) ->
        {
            final Map<String, Long> prices = new LinkedHashMap<>();
            final Iterator<JsonNode> quotes = check(answer).path("data").elements();
            while (quotes.hasNext())
            {
                final JsonNode quote = quotes.next();
                final String symbol = symbols.get(quote.path("instrument_token").asText());
                final long last = Json.fixed(quote, "last_price");
                if (symbol != null && last != Fixed.NULL && last > 0)
                {
                    prices.put(symbol, last);
                }
            }
            return prices;
        });
    }

    /**
     * {@inheritDoc} Upstox takes up to 500 instrument keys per quote request.
     */
    public int lastPriceBatch()
    {
        return 500;
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
        return "success".equals(Json.text(body, "status", ""));
    }

    /**
     * {@inheritDoc}
     */
    protected BrokerException failure(final HttpAnswer answer, final JsonNode body)
    {
        final JsonNode error = body.path("errors").path(0);
        final String code = Json.text(error, "errorCode", Json.text(error, "error_code", ""));
        final String text = "upstox " + (code.isEmpty() ? "HTTP " + answer.code() : code) + ": " +
            Json.text(error, "message", answer.snippet());
        if (answer.code() == 401 || "UDAPI100050".equals(code))
        {
            return new BrokerException(FailureKind.SESSION_EXPIRED, text);
        }
        if (answer.code() == 404)
        {
            return new BrokerException(FailureKind.NOT_FOUND, text);
        }
        return new BrokerException(byStatus(answer.code(), FailureKind.REJECTED), text);
    }

    private Request.Builder authorized(final AccountSession session)
    {
        return new Request.Builder()
            .header("Authorization", "Bearer " + session.accessToken())
            .header("Accept", "application/json")
            .header("Api-Version", "2.0");
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
}
