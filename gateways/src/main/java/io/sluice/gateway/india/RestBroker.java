package io.sluice.gateway.india;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.MasterFilter;
import io.sluice.gateway.india.instruments.MasterParser;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The shared base of the REST brokers: each broker is a thin mapping of Sluice's operations (login, place, modify,
 * cancel, order book, lookup by tag, positions, funds, quote, instrument master) onto its HTTP requests and answer
 * shapes, plus the classification of its errors into {@link FailureKind}s. Transport, rate limits, sessions,
 * reconciliation, slicing and reporting are common and live in {@link IndiaVenue}.
 * <p>
 * Request builders run on the agent thread; answer parsers run on HTTP threads and must only read their arguments.
 */
public abstract class RestBroker implements AutoCloseable
{
    /** JSON media type. */
    protected static final MediaType JSON = MediaType.get("application/json");

    /** The venue's configuration. */
    protected final IndiaConfig config;

    /**
     * A broker mapping.
     *
     * @param config the venue's configuration.
     */
    protected RestBroker(final IndiaConfig config)
    {
        this.config = config;
    }

    /**
     * Venue name.
     *
     * @return e.g. "kite".
     */
    public final String venue()
    {
        return config.venue();
    }

    /**
     * What this account needs to get a session now (a call, tokens to adopt, or the operator).
     *
     * @param session the account.
     * @param nowNs   epoch nanoseconds (e.g. for a TOTP).
     * @return the step.
     */
    public abstract LoginStep login(AccountSession session, long nowNs);

    /**
     * A refresh of an expired session without a full login, where the broker has one.
     *
     * @param session the account with its refresh token.
     * @return the call, or null when the broker has no refresh.
     */
    public BrokerCall<SessionTokens> refresh(final AccountSession session)
    {
        return null;
    }

    /**
     * Names of the secrets whose change justifies a new login attempt after one failed or a session expired.
     *
     * @return secret names.
     */
    public abstract String[] sessionSecrets();

    /**
     * Whether an expired session may be renewed with the same secrets (a TOTP login), rather than waiting for the
     * operator to supply a new token.
     *
     * @return true for unattended logins.
     */
    public boolean renewsUnattended()
    {
        return false;
    }

    /**
     * Place an order.
     *
     * @param session the account.
     * @param spec    the order.
     * @return the call.
     */
    public abstract BrokerCall<PlaceAnswer> place(AccountSession session, OrderSpec spec);

    /**
     * The broker's variety of an order (Kite "regular"/"amo", Angel "NORMAL"/"STOPLOSS"/"AMO"), kept with the order
     * because modify and cancel name it; empty for brokers without varieties.
     *
     * @param spec the order.
     * @return the variety.
     */
    public String variety(final OrderSpec spec)
    {
        return "";
    }

    /**
     * Modify a working order to the spec's quantity, price and trigger.
     *
     * @param session the account.
     * @param orderId broker order id.
     * @param variety the order's variety.
     * @param spec    the order as it should become.
     * @return the call, answering the order id.
     */
    public abstract BrokerCall<String> modify(AccountSession session, String orderId, String variety, OrderSpec spec);

    /**
     * Cancel a working order.
     *
     * @param session the account.
     * @param orderId broker order id.
     * @param variety the order's variety (from the place, or from the order book for recovered orders).
     * @return the call, answering the order id.
     */
    public abstract BrokerCall<String> cancel(AccountSession session, String orderId, String variety);

    /**
     * The day's order book.
     *
     * @param session the account.
     * @return the call.
     */
    public abstract BrokerCall<List<BrokerOrder>> orderBook(AccountSession session);

    /**
     * Orders carrying our tag; by default the order book (the caller matches tags), Dhan overrides with its lookup by
     * correlation id.
     *
     * @param session the account.
     * @param tag     our tag.
     * @return the call.
     */
    public BrokerCall<List<BrokerOrder>> lookup(final AccountSession session, final String tag)
    {
        return orderBook(session);
    }

    /**
     * Open positions.
     *
     * @param session the account.
     * @return the call.
     */
    public abstract BrokerCall<List<BrokerPosition>> positions(AccountSession session);

    /**
     * Funds and margins.
     *
     * @param session the account.
     * @return the call.
     */
    public abstract BrokerCall<Funds> funds(AccountSession session);

    /**
     * Quote of an underlying's index (last price and previous close).
     *
     * @param session  the account.
     * @param indexKey the broker's key of the index.
     * @return the call.
     */
    public abstract BrokerCall<Quote> quote(AccountSession session, String indexKey);

    /**
     * Last traded prices of instruments of the master (options, futures) from the broker's LTP endpoint, in one request.
     *
     * @param session     the account.
     * @param instruments at most {@link #lastPriceBatch()} instruments.
     * @return the call; its value maps canonical symbol to last price, without the instruments the broker left out.
     */
    public abstract BrokerCall<Map<String, Long>> lastPrices(AccountSession session, List<Instrument> instruments);

    /**
     * Most instruments the broker's LTP endpoint takes in one request.
     *
     * @return the count.
     */
    public abstract int lastPriceBatch();

    /**
     * The parser of this broker's instrument master.
     *
     * @return the parser.
     */
    public abstract MasterParser masterParser();

    /**
     * Download and parse the instrument master (gzip detected by its magic bytes).
     *
     * @param session a logged-in account for brokers whose master needs a session, or null.
     * @param filter  rows to keep.
     * @return the call.
     */
    public BrokerCall<List<Instrument>> instruments(final AccountSession session, final MasterFilter filter)
    {
        final Request.Builder request = new Request.Builder().url(config.instrumentsUrl()).get();
        addInstrumentHeaders(request, session);
        return BrokerCall.stream(Endpoint.INSTRUMENTS, request.build(), (in) -> masterParser().parse(gunzipIfNeeded(in), filter));
    }

    /**
     * Headers the master download needs (none by default).
     *
     * @param request the request being built.
     * @param session a logged-in account, or null.
     */
    protected void addInstrumentHeaders(final Request.Builder request, final AccountSession session)
    {
    }

    /**
     * Start broker-pushed order updates (Kite postbacks); polling is always on as well.
     *
     * @param sink receives updates on any thread.
     */
    public void start(final OrderUpdateSink sink)
    {
    }

    /**
     * Stop what {@link #start} started.
     */
    public void close()
    {
    }

    /**
     * Absolute address of a path on the REST base.
     *
     * @param path path starting with '/'.
     * @return the address.
     */
    protected String url(final String path)
    {
        return config.baseUrl() + path;
    }

    /**
     * A form-encoded body.
     *
     * @param fields field names and values; null values are left out.
     * @return the body.
     */
    protected static RequestBody form(final Map<String, String> fields)
    {
        final FormBody.Builder body = new FormBody.Builder();
        fields.forEach((name, value) ->
        {
            if (value != null)
            {
                body.add(name, value);
            }
        });
        return body.build();
    }

    /**
     * A JSON body.
     *
     * @param node the JSON.
     * @return the body.
     */
    protected static RequestBody json(final JsonNode node)
    {
        return RequestBody.create(Json.write(node), JSON);
    }

    /**
     * The JSON of an answer, or a classified failure: the broker decides with {@link #isSuccess} and
     * {@link #failure}; HTML or empty answers are failures classified by status code.
     *
     * @param answer the answer.
     * @return the JSON of a successful answer.
     * @throws BrokerException when the answer is a failure.
     */
    protected JsonNode check(final HttpAnswer answer) throws BrokerException
    {
        final JsonNode body = Json.parseOrMissing(answer.body());
        if (answer.isSuccess() && !body.isMissingNode() && isSuccess(body))
        {
            return body;
        }
        if (body.isMissingNode() || !body.isContainerNode())
        {
            throw new BrokerException(byStatus(answer.code(), FailureKind.REJECTED), venue() + " HTTP " + answer.code() + ": " + answer.snippet());
        }
        throw failure(answer, body);
    }

    /**
     * Whether a 2xx JSON answer reports success.
     *
     * @param body the JSON.
     * @return true on success.
     */
    protected abstract boolean isSuccess(JsonNode body);

    /**
     * Classify a failed JSON answer.
     *
     * @param answer status and body.
     * @param body   the parsed JSON.
     * @return the classified failure.
     */
    protected abstract BrokerException failure(HttpAnswer answer, JsonNode body);

    /**
     * Fallback classification by HTTP status: 429 rate limited, 5xx unknown outcome, anything else the given kind.
     *
     * @param code       HTTP status.
     * @param otherwise  kind for other statuses.
     * @return the kind.
     */
    protected static FailureKind byStatus(final int code, final FailureKind otherwise)
    {
        if (code == 429)
        {
            return FailureKind.RATE_LIMITED;
        }
        if (code >= 500)
        {
            return FailureKind.UNKNOWN;
        }
        return otherwise;
    }

    /**
     * The stream, gunzipped when it starts with the gzip magic bytes (e.g. Upstox's complete.json.gz).
     *
     * @param in the raw stream.
     * @return a stream of the content.
     * @throws IOException when reading fails.
     */
    protected static InputStream gunzipIfNeeded(final InputStream in) throws IOException
    {
        final BufferedInputStream buffered = new BufferedInputStream(in, 65536);
        buffered.mark(2);
        final int first = buffered.read();
        final int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 65536) : buffered;
    }
}
