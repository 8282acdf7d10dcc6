package io.sluice.gateway.india.kite;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.gateway.india.Checksums;
import io.sluice.gateway.india.IndiaConfig;
import io.sluice.gateway.india.Json;
import io.sluice.gateway.india.OrderUpdateSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives Kite order postbacks (a JSON POST per order status change) on its own thread, verifies each one's
 * {@code checksum = sha256(order_id + order_timestamp + api_secret)} with the secret of the account the payload's
 * {@code user_id} belongs to, and hands verified updates to the venue's queue. Payloads with a wrong or missing checksum
 * are answered 403 and counted, never applied. Order-book polling keeps running as the fallback.
 */
public final class KitePostbackServer implements AutoCloseable
{
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final IndiaConfig config;
    private final OrderUpdateSink sink;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    KitePostbackServer(
        final IndiaConfig config, final OrderUpdateSink sink, final String host, final int port, final String path)
    {
        this.config = config;
        this.sink = sink;
        try
        {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen for Kite postbacks on " + host + ":" + port, ex);
        }
        executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "sluice-kite-postbacks");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(path, this::handle);
        server.start();
    }

    /**
     * The bound port (useful when configured as 0).
     *
     * @return the port.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * Postbacks verified and queued.
     *
     * @return count.
     */
    public long accepted()
    {
        return accepted.get();
    }

    /**
     * Postbacks refused (bad method, body, account or checksum).
     *
     * @return count.
     */
    public long refused()
    {
        return refused.get();
    }

    /**
     * Stop listening.
     */
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!"POST".equals(exchange.getRequestMethod()))
            {
                refuse(exchange, 405);
                return;
            }
            final byte[] body;
            try (InputStream in = exchange.getRequestBody())
            {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES)
            {
                refuse(exchange, 413);
                return;
            }
            final JsonNode payload = Json.parseOrMissing(new String(body, StandardCharsets.UTF_8));
            final String account = account(Json.text(payload, "user_id", ""));
            final String orderId = Json.text(payload, "order_id", null);
            final String timestamp = Json.text(payload, "order_timestamp", null);
            final String secret = account == null ? null : config.secrets().get(account, "apiSecret");
            if (orderId == null || timestamp == null || secret == null ||
                !Checksums.matches(KiteApi.postbackChecksum(orderId, timestamp, secret), Json.text(payload, "checksum", null)))
            {
                refuse(exchange, 403);
                return;
            }
            sink.onOrderUpdate(account, KiteApi.order(payload));
            accepted.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // The account whose configured Kite user id matches; with a single account, that account.
    private String account(final String userId)
    {
        for (final String account : config.accounts())
        {
            if (userId.equals(config.account(account, "userId", null)))
            {
                return account;
            }
        }
        return config.accounts().size() == 1 ? config.accounts().get(0) : null;
    }

    private void refuse(final HttpExchange exchange, final int status) throws IOException
    {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
    }
}
