package io.sluice.gateway.india.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The common part of the fake brokers: an HTTP server on 127.0.0.1 and an ephemeral port, an order book, switches
 * for the faults the gateway must survive (a place whose answer is lost or too late, an expired token, a rejection),
 * controls for what the exchange does (fill, partial fill, RMS rejection), and a list of protocol violations: every
 * fake checks the requests it receives against its broker's documented protocol (encoding, headers, checksums, field
 * values) and records what is wrong. Tests assert the list stays empty.
 */
public abstract class FakeBroker implements AutoCloseable
{
    /** Lenient mapper that keeps decimals exact. */
    protected static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** What the next place suffers. */
    public enum Fault
    {
        /** Normal answer. */
        NONE,
        /** The order is booked, then the connection is closed without an answer. */
        DROP,
        /** The order is booked, the answer comes too late for the client. */
        TIMEOUT,
        /** The broker refuses the order. */
        REJECT,
        /** The request is lost before the broker books anything; the connection closes without an answer. */
        LOSE
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Recorded> answered = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong(1);
    private final String instrumentsPath;
    private final byte[] instruments;

    /** Guarded by itself. */
    protected final List<FakeOrder> orders = new ArrayList<>();
    /** Clock of the TOTP and token checks (the gateway's clock in tests). */
    protected final LongSupplier epochMillis;

    private volatile Fault nextPlace = Fault.NONE;
    private volatile String rejectMessage = "";
    private volatile long lateAnswerMs = 1_500;
    private volatile boolean tokenExpired;
    private volatile String previousClose = "21731.4";
    private volatile String last = "21741.9";
    private volatile int places;
    private final Map<String, String> instrumentPrices = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String anyInstrumentPrice;
    private final java.util.concurrent.atomic.AtomicInteger readsToDrop = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Start a fake.
     *
     * @param instrumentsPath path serving the master, e.g. "/instruments".
     * @param instruments     the master's bytes.
     * @param epochMillis     clock for TOTP and expiries.
     */
    protected FakeBroker(final String instrumentsPath, final byte[] instruments, final LongSupplier epochMillis)
    {
        this.instrumentsPath = instrumentsPath;
        this.instruments = instruments;
        this.epochMillis = epochMillis;
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        executor = Executors.newCachedThreadPool((runnable) ->
        {
            final Thread thread = new Thread(runnable, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /**
     * Base address for {@code sluice.<venue>.baseUrl}.
     *
     * @return e.g. http://127.0.0.1:41234
     */
    public String baseUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Address of the master for {@code sluice.<venue>.instrumentsUrl}.
     *
     * @return the address.
     */
    public String instrumentsUrl()
    {
        return baseUrl() + instrumentsPath;
    }

    /**
     * The next place books the order and closes the connection without answering.
     */
    public void dropNextPlaceAnswer()
    {
        nextPlace = Fault.DROP;
    }

    /**
     * The next place books the order and answers only after the given delay.
     *
     * @param delayMs delay, longer than the client's timeout.
     */
    public void answerNextPlaceLate(final long delayMs)
    {
        lateAnswerMs = delayMs;
        nextPlace = Fault.TIMEOUT;
    }

    /**
     * The next place is lost before anything is booked (the connection closes without an answer).
     */
    public void loseNextPlace()
    {
        nextPlace = Fault.LOSE;
    }

    /**
     * The next place is refused with the broker's rejection shape.
     *
     * @param message the broker's message.
     */
    public void rejectNextPlace(final String message)
    {
        rejectMessage = message;
        nextPlace = Fault.REJECT;
    }

    /**
     * Drop the next GET requests (other than the master) without an answer: the broker is unreachable for a while.
     *
     * @param count requests to drop.
     */
    public void dropReads(final int count)
    {
        readsToDrop.set(count);
    }

    /**
     * Invalidate the current session: authenticated requests get the broker's token error until a new login.
     */
    public void expireToken()
    {
        tokenExpired = true;
    }

    /**
     * Whether the session was expired by {@link #expireToken} and not renewed.
     *
     * @return true when expired.
     */
    public boolean isTokenExpired()
    {
        return tokenExpired;
    }

    /**
     * Prices the quote endpoint answers for every index.
     *
     * @param previousCloseText previous close.
     * @param lastText          last price.
     */
    public void quote(final String previousCloseText, final String lastText)
    {
        previousClose = previousCloseText;
        last = lastText;
    }

    /**
     * The last price the LTP endpoint answers for every instrument of the master without a price of its own.
     *
     * @param price decimal text, or null to answer none (the broker leaves unknown instruments out).
     */
    public void instrumentLast(final String price)
    {
        anyInstrumentPrice = price;
    }

    /**
     * The last price the LTP endpoint answers for one instrument.
     *
     * @param key   the broker's key of the instrument as its LTP request names it (Kite {@code NFO:SYMBOL}, Angel
     *              symbol token, Upstox instrument key, Dhan security id).
     * @param price decimal text.
     */
    public void instrumentLast(final String key, final String price)
    {
        instrumentPrices.put(key, price);
    }

    /**
     * LTP requests served so far.
     *
     * @return count.
     */
    public int ltpRequests()
    {
        int count = 0;
        for (final Recorded request : requests)
        {
            count += ltpPath().equals(request.path()) ? 1 : 0;
        }
        return count;
    }

    /**
     * Path of this broker's LTP endpoint.
     *
     * @return the path.
     */
    protected abstract String ltpPath();

    /**
     * The last price of an instrument for the LTP endpoint.
     *
     * @param key the broker's key of the instrument.
     * @return decimal, or null when the broker would leave it out.
     */
    protected BigDecimal instrumentLastPrice(final String key)
    {
        final String price = instrumentPrices.getOrDefault(key, anyInstrumentPrice);
        return price == null ? null : new BigDecimal(price);
    }

    /**
     * Execute an order completely at a price.
     *
     * @param tag   the order's tag.
     * @param price execution price.
     */
    public void fill(final String tag, final String price)
    {
        final FakeOrder order = order(tag);
        synchronized (orders)
        {
            fillLocked(order, order.quantity - order.filled, new BigDecimal(price));
        }
        onOrderChanged(order);
    }

    /**
     * Execute part of an order at a price.
     *
     * @param tag      the order's tag.
     * @param quantity units executed now.
     * @param price    execution price.
     */
    public void fillPart(final String tag, final long quantity, final String price)
    {
        final FakeOrder order = order(tag);
        synchronized (orders)
        {
            fillLocked(order, quantity, new BigDecimal(price));
        }
        onOrderChanged(order);
    }

    /**
     * The broker's RMS rejects an accepted order.
     *
     * @param tag     the order's tag.
     * @param message rejection reason.
     */
    public void rmsReject(final String tag, final String message)
    {
        final FakeOrder order = order(tag);
        synchronized (orders)
        {
            order.status = FakeOrder.Status.REJECTED;
            order.message = message;
        }
        onOrderChanged(order);
    }

    /**
     * Put an order in the book directly (placed earlier, e.g. before a gateway restart).
     *
     * @param order the order.
     */
    public void addOrder(final FakeOrder order)
    {
        synchronized (orders)
        {
            orders.add(order);
        }
    }

    /**
     * The order with a tag.
     *
     * @param tag the tag.
     * @return the order.
     * @throws AssertionError when there is none.
     */
    public FakeOrder order(final String tag)
    {
        synchronized (orders)
        {
            for (final FakeOrder order : orders)
            {
                if (order.tag.equals(tag))
                {
                    return order;
                }
            }
        }
        throw new AssertionError("no order tagged " + tag + " in " + orders());
    }

    /**
     * A copy of the book.
     *
     * @return the orders.
     */
    public List<FakeOrder> orders()
    {
        synchronized (orders)
        {
            return new ArrayList<>(orders);
        }
    }

    /**
     * Place requests received (including refused ones).
     *
     * @return count.
     */
    public int placeCount()
    {
        return places;
    }

    /**
     * Protocol violations seen.
     *
     * @return readable descriptions.
     */
    public List<String> violations()
    {
        return new ArrayList<>(violations);
    }

    /**
     * Requests received whose path starts with a prefix.
     *
     * @param method     HTTP method.
     * @param pathPrefix path prefix.
     * @return the requests in arrival order.
     */
    public List<Recorded> requests(final String method, final String pathPrefix)
    {
        return matching(requests, method, pathPrefix);
    }

    /**
     * Requests answered (the response written and closed) whose path starts with a prefix: what the fake's
     * state was when it built them is what the gateway saw.
     *
     * @param method     HTTP method.
     * @param pathPrefix path prefix.
     * @return the requests in the order they were answered.
     */
    public List<Recorded> answered(final String method, final String pathPrefix)
    {
        return matching(answered, method, pathPrefix);
    }

    private static List<Recorded> matching(final List<Recorded> recorded, final String method, final String pathPrefix)
    {
        final List<Recorded> matching = new ArrayList<>();
        for (final Recorded request : recorded)
        {
            if (request.method.equals(method) && request.path.startsWith(pathPrefix))
            {
                matching.add(request);
            }
        }
        return matching;
    }

    /**
     * Stop the server.
     */
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Route one request.
     *
     * @param request the request.
     * @throws IOException when answering fails.
     */
    protected abstract void route(Request request) throws IOException;

    /**
     * Hook for fakes that push updates (Kite postbacks).
     *
     * @param order the changed order.
     */
    protected void onOrderChanged(final FakeOrder order)
    {
    }

    /**
     * Record a violation of the broker's protocol.
     *
     * @param text what is wrong.
     */
    protected void violation(final String text)
    {
        violations.add(text);
    }

    /**
     * Require a condition, recording a violation when false.
     *
     * @param condition the condition.
     * @param text      what is wrong when it is false.
     * @return the condition.
     */
    protected boolean check(final boolean condition, final String text)
    {
        if (!condition)
        {
            violation(text);
        }
        return condition;
    }

    /**
     * A new broker order id.
     *
     * @param prefix digits the ids start with.
     * @return the id.
     */
    protected String newOrderId(final String prefix)
    {
        return prefix + String.format("%09d", nextOrderId.getAndIncrement());
    }

    /**
     * Take the fault of the next place (and count the place).
     *
     * @return the fault.
     */
    protected Fault takePlaceFault()
    {
        places++;
        final Fault fault = nextPlace;
        nextPlace = Fault.NONE;
        return fault;
    }

    /**
     * The rejection message of a REJECT fault.
     *
     * @return the message.
     */
    protected String rejectMessage()
    {
        return rejectMessage;
    }

    /**
     * Book an order and apply a DROP or TIMEOUT fault; returns true when the caller must not answer.
     *
     * @param request the place request.
     * @param order   the order to book.
     * @param fault   the fault taken.
     * @return true when the request was dropped.
     * @throws IOException on write failure.
     */
    protected boolean book(final Request request, final FakeOrder order, final Fault fault) throws IOException
    {
        if (fault == Fault.LOSE)
        {
            request.drop();
            return true;
        }
        synchronized (orders)
        {
            orders.add(order);
        }
        if (fault == Fault.TIMEOUT)
        {
            sleep(lateAnswerMs);
        }
        if (fault == Fault.DROP || fault == Fault.TIMEOUT)
        {
            request.drop();
            return true;
        }
        return false;
    }

    /**
     * Renew the session after a successful login.
     */
    protected void renewSession()
    {
        tokenExpired = false;
    }

    /**
     * The previous close the quote endpoint answers.
     *
     * @return decimal text.
     */
    protected String previousClose()
    {
        return previousClose;
    }

    /**
     * The last price the quote endpoint answers.
     *
     * @return decimal text.
     */
    protected String lastPrice()
    {
        return last;
    }

    /**
     * Find an order by the broker id.
     *
     * @param id broker id.
     * @return the order or null.
     */
    protected FakeOrder byId(final String id)
    {
        synchronized (orders)
        {
            for (final FakeOrder order : orders)
            {
                if (order.id.equals(id))
                {
                    return order;
                }
            }
        }
        return null;
    }

    /**
     * Cancel a working order.
     *
     * @param order the order.
     * @return null when cancelled, else why not.
     */
    protected String cancel(final FakeOrder order)
    {
        synchronized (orders)
        {
            if (order.status != FakeOrder.Status.OPEN && order.status != FakeOrder.Status.PARTIAL)
            {
                return "order is already " + order.status;
            }
            order.status = FakeOrder.Status.CANCELLED;
        }
        onOrderChanged(order);
        return null;
    }

    /**
     * A new JSON object.
     *
     * @return the object.
     */
    protected static ObjectNode object()
    {
        return JSON.createObjectNode();
    }

    private static void fillLocked(final FakeOrder order, final long quantity, final BigDecimal price)
    {
        final BigDecimal notional = order.averagePrice.multiply(BigDecimal.valueOf(order.filled)).add(price.multiply(BigDecimal.valueOf(quantity)));
        order.filled += quantity;
        order.averagePrice = notional.divide(BigDecimal.valueOf(order.filled), 4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        order.status = order.filled >= order.quantity ? FakeOrder.Status.COMPLETE : FakeOrder.Status.PARTIAL;
    }

    private static void sleep(final long ms)
    {
        try
        {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(final HttpExchange exchange) throws IOException
    {
        final Request request = new Request(exchange);
        final Recorded recorded = new Recorded(request.method, request.path, request.query, request.header("Content-Type"), request.body);
        requests.add(recorded);
        try
        {
            if (request.method.equals("GET") && request.path.equals(instrumentsPath))
            {
                serveInstruments(request);
                return;
            }
            if (request.method.equals("GET") && readsToDrop.getAndUpdate((n) -> Math.max(0, n - 1)) > 0)
            {
                request.drop();
                return;
            }
            route(request);
        }
        catch (final RuntimeException ex)
        {
            violation("fake failed on " + request.method + " " + request.path + ": " + ex);
            request.respond(500, "{}");
        }
        finally
        {
            exchange.close();
            answered.add(recorded);
        }
    }

    /**
     * Serve the master as stored; a subclass may gzip it with Content-Encoding.
     *
     * @param request the request.
     * @throws IOException on write failure.
     */
    protected void serveInstruments(final Request request) throws IOException
    {
        request.respondBytes(200, "application/octet-stream", instruments, null);
    }

    /**
     * The master's bytes.
     *
     * @return the bytes.
     */
    protected byte[] instrumentBytes()
    {
        return instruments;
    }

    /**
     * Load a test resource.
     *
     * @param name file under /india.
     * @return its bytes.
     */
    public static byte[] resource(final String name)
    {
        try (InputStream in = FakeBroker.class.getResourceAsStream("/india/" + name))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no test resource /india/" + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A request as a fake sees it.
     *
     * @param method      HTTP method.
     * @param path        path.
     * @param query       query string or null.
     * @param contentType Content-Type header or null.
     * @param body        body text.
     */
    public record Recorded(String method, String path, String query, String contentType, String body)
    {
    }

    /**
     * One exchange with helpers to read and answer it.
     */
    protected static final class Request
    {
        final HttpExchange exchange;
        final String method;
        final String path;
        final String query;
        final String body;
        private boolean answered;

        Request(final HttpExchange exchange) throws IOException
        {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getRawPath();
            this.query = exchange.getRequestURI().getRawQuery();
            try (InputStream in = exchange.getRequestBody())
            {
                this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        /**
         * A request header.
         *
         * @param name header name.
         * @return the first value or null.
         */
        public String header(final String name)
        {
            return exchange.getRequestHeaders().getFirst(name);
        }

        /**
         * The path decoded.
         *
         * @return the path.
         */
        public String path()
        {
            return URLDecoder.decode(path, StandardCharsets.UTF_8);
        }

        /**
         * The method.
         *
         * @return GET, POST, ...
         */
        public String method()
        {
            return method;
        }

        /**
         * The body text.
         *
         * @return the body.
         */
        public String body()
        {
            return body;
        }

        /**
         * Query parameters decoded.
         *
         * @return name to value.
         */
        public Map<String, String> queryParameters()
        {
            return decodeForm(query == null ? "" : query);
        }

        /**
         * Form fields of an application/x-www-form-urlencoded body.
         *
         * @return name to value.
         */
        public Map<String, String> form()
        {
            return decodeForm(body);
        }

        /**
         * The body as JSON.
         *
         * @return the tree, or a missing node when not JSON.
         */
        public JsonNode json()
        {
            try
            {
                final JsonNode node = JSON.readTree(body);
                return node == null ? JSON.missingNode() : node;
            }
            catch (final IOException ex)
            {
                return JSON.missingNode();
            }
        }

        /**
         * Answer with JSON.
         *
         * @param status HTTP status.
         * @param json   body.
         * @throws IOException on write failure.
         */
        public void respond(final int status, final Object json) throws IOException
        {
            final byte[] bytes = (json instanceof String ? (String)json : JSON.writeValueAsString(json)).getBytes(StandardCharsets.UTF_8);
            respondBytes(status, "application/json", bytes, null);
        }

        /**
         * Answer with bytes.
         *
         * @param status          HTTP status.
         * @param contentType     content type.
         * @param bytes           body.
         * @param contentEncoding Content-Encoding or null.
         * @throws IOException on write failure.
         */
        public void respondBytes(final int status, final String contentType, final byte[] bytes, final String contentEncoding)
            throws IOException
        {
            answered = true;
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (contentEncoding != null)
            {
                exchange.getResponseHeaders().set("Content-Encoding", contentEncoding);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0)
            {
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(bytes);
                }
            }
        }

        /**
         * Close the connection without any answer.
         */
        public void drop()
        {
            answered = true;
            exchange.close();
        }

        /**
         * Whether an answer (or a drop) was given.
         *
         * @return true when answered.
         */
        public boolean answered()
        {
            return answered;
        }

        private static Map<String, String> decodeForm(final String text)
        {
            final Map<String, String> fields = new LinkedHashMap<>();
            if (text.isEmpty())
            {
                return fields;
            }
            for (final String pair : text.split("&"))
            {
                final int equals = pair.indexOf('=');
                final String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                final String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            }
            return fields;
        }
    }
}
