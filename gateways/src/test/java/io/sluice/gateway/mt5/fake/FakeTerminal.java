package io.sluice.gateway.mt5.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A stand-in for an MT5 terminal running the SluiceBridge EA: it listens on 127.0.0.1, speaks protocol version 1
 * of {@code gateways/mt5/PROTOCOL.md} (written from the document, not from the gateway's code), and trades
 * against a {@link FakeTradeServer} in hedging or netting mode.
 * <p>
 * A test can make it misbehave the ways a real terminal does: requote (the market moves before the order
 * arrives), reject the next request with any retcode, time out (execute the next request but lose its reply and
 * events), drop the connection, replay an old trade transaction, trigger a stop-loss, or impersonate a terminal
 * that does not know the shared secret. Unlike the EA it sends no heartbeat events (the gateway's pings check the
 * link) and does not time out a handshake. Every method is thread safe.
 */
public final class FakeTerminal implements AutoCloseable
{
    private static final String GATEWAY_LABEL = "SLUICE-MT5-1|gateway|";
    private static final String EA_LABEL = "SLUICE-MT5-1|ea|";

    private final ObjectMapper mapper = JsonMapper.builder()
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
    private final Object lock = new Object();
    private final byte[] secret;
    private final ServerSocket server;
    private final FakeTradeServer trade;
    private final SecureRandom random = new SecureRandom();
    private final List<JsonNode> orderRequests = new CopyOnWriteArrayList<>();
    private final List<String> linesReceived = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> sentEvents = new ArrayList<>();
    private final ArrayDeque<Integer> forcedRetcodes = new ArrayDeque<>();
    private final Thread acceptThread;

    private volatile boolean closed;
    private Connection active;
    private long seq;
    private int timeOuts;
    private String[] requote;
    private boolean impostor;
    private int authFailures;
    private int sessions;
    private final List<String> subscribed = new ArrayList<>();
    private List<ObjectNode> pendingEvents = List.of();

    private FakeTerminal(final String secret, final boolean hedging, final long login, final LongSupplier clockMs) throws IOException
    {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.trade = new FakeTradeServer(mapper, hedging, login, clockMs);
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptThread = new Thread(this::acceptLoop, "fake-mt5-accept-" + server.getLocalPort());
        acceptThread.setDaemon(true);
    }

    /**
     * Start a fake terminal with XAUUSD.m (gold, contract 100, 0.01 lots, FOK and IOC) and EURUSD (contract 100000,
     * IOC only) quoted.
     *
     * @param secret  the shared secret it checks.
     * @param hedging true for a hedging account, false for netting.
     * @param login   account login it reports.
     * @param clockMs time stamps of deals and orders, epoch milliseconds.
     * @return the running terminal.
     */
    public static FakeTerminal start(final String secret, final boolean hedging, final long login, final LongSupplier clockMs)
    {
        try
        {
            final FakeTerminal terminal = new FakeTerminal(secret, hedging, login, clockMs);
            terminal.addSymbol(new FakeTradeServer.FakeSymbol("XAUUSD.m", 2, "100", "0.01", "50", "0.01", 3, "2350.00", "2350.25"));
            terminal.addSymbol(new FakeTradeServer.FakeSymbol("EURUSD", 5, "100000", "0.01", "100", "0.01", 2, "1.08500", "1.08510"));
            terminal.acceptThread.start();
            return terminal;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot listen on 127.0.0.1", ex);
        }
    }

    /**
     * The port it listens on (127.0.0.1).
     *
     * @return port.
     */
    public int port()
    {
        return server.getLocalPort();
    }

    /**
     * Set a quote; pushes a quote event when subscribed and fills the pending orders it triggers.
     *
     * @param symbol terminal symbol.
     * @param bid    bid.
     * @param ask    ask.
     */
    public void quote(final String symbol, final String bid, final String ask)
    {
        synchronized (lock)
        {
            final List<ObjectNode> events = trade.quote(symbol, new BigDecimal(bid), new BigDecimal(ask));
            if (!subscribed.contains(symbol))
            {
                events.remove(0);
            }
            push(events);
        }
    }

    /**
     * Before the next market deal executes, move the market to this quote (the order then meets a REQUOTE when
     * its price is further away than its deviation).
     *
     * @param symbol terminal symbol.
     * @param bid    new bid.
     * @param ask    new ask.
     */
    public void requoteNextDeal(final String symbol, final String bid, final String ask)
    {
        synchronized (lock)
        {
            requote = new String[]{symbol, bid, ask};
        }
    }

    /**
     * Answer the next order_send with this retcode and do nothing (e.g. 10019 NO_MONEY, 10018 MARKET_CLOSED).
     *
     * @param retcode the retcode.
     */
    public void rejectNext(final int retcode)
    {
        synchronized (lock)
        {
            forcedRetcodes.addLast(retcode);
        }
    }

    /**
     * Execute the next order_send but lose its reply and the events it causes, as a terminal whose link dropped
     * the answer would.
     */
    public void timeOutNext()
    {
        synchronized (lock)
        {
            timeOuts++;
        }
    }

    /**
     * Close the gateway's connection (it should reconnect).
     */
    public void disconnect()
    {
        synchronized (lock)
        {
            if (active != null)
            {
                active.close();
                active = null;
            }
        }
    }

    /**
     * Send the last DEAL_ADD trade transaction again.
     *
     * @param sameSeq true to resend it with its original sequence number (a replay), false to give it a new one (a
     *                duplicate OnTradeTransaction call).
     */
    public void replayLastDeal(final boolean sameSeq)
    {
        synchronized (lock)
        {
            ObjectNode last = null;
            for (final ObjectNode event : sentEvents)
            {
                if ("TRADE_TRANSACTION_DEAL_ADD".equals(event.path("transaction").path("type").asText()))
                {
                    last = event;
                }
            }
            if (last == null || active == null)
            {
                throw new IllegalStateException("no deal transaction to replay, or no connection");
            }
            final ObjectNode copy = last.deepCopy();
            if (!sameSeq)
            {
                copy.put("seq", ++seq);
            }
            active.write(copy);
        }
    }

    /**
     * Close a position as if its stop-loss triggered at the server.
     *
     * @param positionTicket the position.
     */
    public void hitStopLoss(final long positionTicket)
    {
        synchronized (lock)
        {
            push(trade.hitStopLoss(positionTicket));
        }
    }

    /**
     * Accept any authentication and answer with a MAC made from another secret, as a listener that does not hold
     * the shared secret would.
     */
    public void impersonate()
    {
        synchronized (lock)
        {
            impostor = true;
        }
    }

    /**
     * Commission the server charges per lot (as a positive number; deals show it negated).
     *
     * @param perLot commission per lot.
     */
    public void commissionPerLot(final String perLot)
    {
        synchronized (lock)
        {
            trade.commissionPerLot = new BigDecimal(perLot);
        }
    }

    /**
     * Open positions, as the EA reports them.
     *
     * @return copies.
     */
    public List<JsonNode> positions()
    {
        synchronized (lock)
        {
            return copies(trade.positionsJson());
        }
    }

    /**
     * Resting pending orders.
     *
     * @return copies.
     */
    public List<JsonNode> pendingOrders()
    {
        synchronized (lock)
        {
            return copies(trade.pendingJson());
        }
    }

    /**
     * Every deal executed.
     *
     * @return copies.
     */
    public List<JsonNode> deals()
    {
        synchronized (lock)
        {
            return copies(trade.dealsJson(Long.MIN_VALUE, 0));
        }
    }

    /**
     * Every MqlTradeRequest received through order_send, in order.
     *
     * @return the requests.
     */
    public List<JsonNode> orderRequests()
    {
        return List.copyOf(orderRequests);
    }

    /**
     * Every line received from gateways, handshakes included.
     *
     * @return raw lines.
     */
    public List<String> linesReceived()
    {
        return List.copyOf(linesReceived);
    }

    /**
     * Handshakes refused because the MAC was wrong.
     *
     * @return count.
     */
    public int authFailures()
    {
        synchronized (lock)
        {
            return authFailures;
        }
    }

    /**
     * Handshakes that succeeded.
     *
     * @return count.
     */
    public int sessions()
    {
        synchronized (lock)
        {
            return sessions;
        }
    }

    /**
     * Whether a gateway is connected and authenticated.
     *
     * @return true when connected.
     */
    public boolean isConnected()
    {
        synchronized (lock)
        {
            return active != null;
        }
    }

    /**
     * Stop listening and close the connection.
     */
    public void close()
    {
        closed = true;
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // Nothing to do for a test fixture.
        }
        disconnect();
    }

    private void addSymbol(final FakeTradeServer.FakeSymbol symbol)
    {
        trade.symbols.put(symbol.name, symbol);
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket socket = server.accept();
                final Connection connection = new Connection(socket);
                final Thread thread = new Thread(connection::run, "fake-mt5-conn-" + socket.getPort());
                thread.setDaemon(true);
                thread.start();
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    throw new IllegalStateException("fake terminal accept failed", ex);
                }
            }
        }
    }

    /** Must hold the lock: number the events, remember them, send them if a gateway is connected. */
    private void push(final List<ObjectNode> events)
    {
        if (active == null)
        {
            return;
        }
        for (final ObjectNode event : events)
        {
            final ObjectNode message = mapper.createObjectNode().put("type", "evt").put("seq", ++seq);
            message.setAll(event);
            sentEvents.add(message);
            active.write(message);
        }
    }

    private ObjectNode handle(final JsonNode request)
    {
        final ObjectNode reply = mapper.createObjectNode().put("type", "rep").put("id", request.path("id").asLong()).put("ok", true);
        switch (request.path("cmd").asText(""))
        {
            case "ping":
                return reply.put("time_msc", System.currentTimeMillis());
            case "subscribe":
                request.path("symbols").forEach((symbol) ->
                {
                    if (!subscribed.contains(symbol.asText()))
                    {
                        subscribed.add(symbol.asText());
                    }
                });
                return reply.set("symbols", request.path("symbols").deepCopy());
            case "snapshot":
                return snapshot(request, reply);
            case "order_send":
                return orderSend(request, reply);
            default:
                reply.put("ok", false).putObject("error").put("code", "UNKNOWN_COMMAND").put("message", "unknown command");
                return reply;
        }
    }

    private ObjectNode snapshot(final JsonNode request, final ObjectNode reply)
    {
        final long magic = request.path("magic").asLong(0);
        final long fromMsc = request.path("from_msc").asLong(0);
        reply.set("account", trade.accountInfo());
        final ArrayNode symbols = reply.putArray("symbols");
        request.path("symbols").forEach((symbol) -> symbols.add(trade.symbolInfo(symbol.asText())));
        reply.set("positions", filter(trade.positionsJson(), magic));
        reply.set("orders", filter(trade.pendingJson(), magic));
        reply.set("deals", trade.dealsJson(fromMsc, magic));
        reply.set("history_orders", trade.historyOrdersJson(fromMsc, magic));
        return reply;
    }

    private ObjectNode orderSend(final JsonNode request, final ObjectNode reply)
    {
        final JsonNode tradeRequest = request.path("request");
        orderRequests.add(tradeRequest.deepCopy());
        if (requote != null && "TRADE_ACTION_DEAL".equals(tradeRequest.path("action").asText()))
        {
            trade.quote(requote[0], new BigDecimal(requote[1]), new BigDecimal(requote[2]));
            requote = null;
        }
        final Integer forced = forcedRetcodes.pollFirst();
        final FakeTradeServer.Outcome outcome = trade.execute(tradeRequest, forced == null ? 0 : forced);
        reply.put("cid", request.path("cid").asText(""));
        reply.set("result", outcome.result);
        reply.put("last_error", 0);
        reply.set("positions", outcome.positions);
        if (outcome.dealInfo != null)
        {
            reply.set("deal_info", outcome.dealInfo.deepCopy());
        }
        if (timeOuts > 0)
        {
            timeOuts--;
            return null;
        }
        pendingEvents = outcome.events;
        return reply;
    }

    private List<JsonNode> copies(final ArrayNode array)
    {
        final List<JsonNode> list = new ArrayList<>();
        array.forEach((node) -> list.add(node.deepCopy()));
        return list;
    }

    private ArrayNode filter(final ArrayNode array, final long magic)
    {
        final ArrayNode filtered = mapper.createArrayNode();
        array.forEach((node) ->
        {
            if (magic == 0 || node.path("magic").asLong() == magic)
            {
                filtered.add(node);
            }
        });
        return filtered;
    }

    private String mac(final byte[] key, final String message)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** One gateway connection: handshake, then requests answered in order. */
    private final class Connection
    {
        private final Socket socket;
        private OutputStream out;

        Connection(final Socket socket)
        {
            this.socket = socket;
        }

        void run()
        {
            try (socket)
            {
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                final BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                if (!handshake(in))
                {
                    return;
                }
                String line;
                while ((line = in.readLine()) != null)
                {
                    linesReceived.add(line);
                    final JsonNode request = mapper.readTree(line);
                    synchronized (lock)
                    {
                        if (active != this)
                        {
                            return;
                        }
                        pendingEvents = List.of();
                        final ObjectNode reply = handle(request);
                        if (reply != null)
                        {
                            write(reply);
                            push(pendingEvents);
                        }
                    }
                }
            }
            catch (final SocketException ex)
            {
                // Closed by the test or the gateway.
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("fake terminal connection failed", ex);
            }
            finally
            {
                synchronized (lock)
                {
                    if (active == this)
                    {
                        active = null;
                    }
                }
            }
        }

        private boolean handshake(final BufferedReader in) throws IOException
        {
            final byte[] nonceBytes = new byte[32];
            random.nextBytes(nonceBytes);
            final String nonce = HexFormat.of().formatHex(nonceBytes);
            write(mapper.createObjectNode().put("type", "hello").put("protocol", 1).put("bridge", "FakeTerminal 1.0")
                .put("login", trade.login).put("server", "FakeBroker-Demo").put("nonce", nonce));
            final String line = in.readLine();
            if (line == null)
            {
                return false;
            }
            linesReceived.add(line);
            final JsonNode auth = mapper.readTree(line);
            final String cnonce = auth.path("cnonce").asText("");
            final boolean impersonating;
            synchronized (lock)
            {
                impersonating = impostor;
            }
            final String expected = mac(secret, GATEWAY_LABEL + nonce + "|" + cnonce);
            final boolean valid = "auth".equals(auth.path("type").asText()) && auth.path("protocol").asInt() == 1 &&
                MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    auth.path("mac").asText("").getBytes(StandardCharsets.US_ASCII));
            if (!valid && !impersonating)
            {
                synchronized (lock)
                {
                    authFailures++;
                }
                write(mapper.createObjectNode().put("type", "error").put("code", "AUTH_FAILED").put("message", "authentication failed"));
                return false;
            }
            synchronized (lock)
            {
                final byte[] key = impersonating ? "not-the-shared-secret-at-all".getBytes(StandardCharsets.UTF_8) : secret;
                write(mapper.createObjectNode().put("type", "welcome").put("protocol", 1)
                    .put("mac", mac(key, EA_LABEL + nonce + "|" + cnonce)).put("seq", seq));
                if (active != null)
                {
                    active.close();
                }
                active = this;
                sessions++;
                subscribed.clear();
            }
            return true;
        }

        void write(final ObjectNode message)
        {
            try
            {
                synchronized (this)
                {
                    out.write(mapper.writeValueAsBytes(message));
                    out.write('\n');
                    out.flush();
                }
            }
            catch (final IOException ex)
            {
                close();
            }
        }

        void close()
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignore)
            {
                // Already closed.
            }
        }
    }
}
