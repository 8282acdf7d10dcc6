package io.sluice.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Telegram Bot API server for tests, on 127.0.0.1: {@code /bot<token>/getUpdates} as documented — updates with
 * {@code update_id >= offset} (lower ones are forgotten: confirmed), long poll up to the request's timeout,
 * {@code {"ok":true,"result":[…]}}, and {@code {"ok":false,"error_code":401,…}} for a wrong token.
 */
final class FakeBotApi implements AutoCloseable
{
    /** One getUpdates request as received. */
    record Request(long offset, int timeout, List<String> allowedUpdates, int served)
    {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<JsonNode> updates = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();

    FakeBotApi(final String token) throws IOException
    {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void add(final String updateJson)
    {
        try
        {
            updates.add(MAPPER.readTree(updateJson));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(ex);
        }
        notifyAll();
    }

    synchronized List<Request> requests()
    {
        return List.copyOf(requests);
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String path = exchange.getRequestURI().getPath();
            if (!path.equals("/bot" + token + "/getUpdates"))
            {
                final boolean knownMethod = path.endsWith("/getUpdates");
                respond(exchange, knownMethod ? 401 : 404, error(knownMethod ? 401 : 404, knownMethod ? "Unauthorized" : "Not Found"));
                return;
            }
            final JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            final long offset = body.path("offset").asLong(0);
            final int timeout = body.path("timeout").asInt(0);
            final List<String> allowed = new ArrayList<>();
            body.path("allowed_updates").forEach(node -> allowed.add(node.asText()));
            final ArrayNode result = poll(offset, timeout, allowed);
            final ObjectNode answer = MAPPER.createObjectNode();
            answer.put("ok", true);
            answer.set("result", result);
            respond(exchange, 200, answer.toString());
        }
    }

    private synchronized ArrayNode poll(final long offset, final int timeoutSeconds, final List<String> allowed)
    {
        final long deadlineMs = System.currentTimeMillis() + Math.min(timeoutSeconds, 1) * 1000L;
        final ArrayNode result = MAPPER.createArrayNode();
        while (true)
        {
            for (final Iterator<JsonNode> it = updates.iterator(); it.hasNext(); )
            {
                final JsonNode update = it.next();
                if (update.get("update_id").asLong() < offset)
                {
                    it.remove();
                }
                else if (allowed.isEmpty() || allowed.stream().anyMatch(update::has))
                {
                    result.add(update);
                }
            }
            final long waitMs = deadlineMs - System.currentTimeMillis();
            if (!result.isEmpty() || waitMs <= 0)
            {
                requests.add(new Request(offset, timeoutSeconds, allowed, result.size()));
                notifyAll();
                return result;
            }
            try
            {
                wait(waitMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    synchronized void awaitRequest(final java.util.function.Predicate<List<Request>> condition, final String what)
    {
        final long deadlineMs = System.currentTimeMillis() + ApiHarness.TIMEOUT.toMillis();
        while (!condition.test(requests))
        {
            final long waitMs = deadlineMs - System.currentTimeMillis();
            if (waitMs <= 0)
            {
                throw new AssertionError("timed out waiting for " + what + "; requests: " + requests);
            }
            try
            {
                wait(waitMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private static String error(final int code, final String description)
    {
        return "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}";
    }

    private static void respond(final HttpExchange exchange, final int status, final String json) throws IOException
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
