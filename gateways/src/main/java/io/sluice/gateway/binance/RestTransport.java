package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * Binance REST over OkHttp's asynchronous calls: the agent thread builds and signs the query and enqueues the call;
 * OkHttp's dispatcher thread parses the answer (body, error code, rate-limit headers, {@code Retry-After}) into a
 * {@link Reply} on the event queue. Nothing here blocks the agent.
 */
final class RestTransport
{
    private static final byte[] EMPTY = new byte[0];

    private final OkHttpClient client;
    private final String baseUrl;
    private final String apiKey;
    private final Queue<Object> events;
    private final ObjectMapper mapper;

    RestTransport(
        final OkHttpClient client, final String baseUrl, final String apiKey, final Queue<Object> events, final ObjectMapper mapper)
    {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.events = events;
        this.mapper = mapper;
    }

    /**
     * Send a request; its {@link Reply} arrives on the event queue.
     *
     * @param requestId  id carried by the reply.
     * @param method     GET, POST, PUT or DELETE.
     * @param path       path, e.g. /api/v3/order.
     * @param query      encoded (and, for signed endpoints, signed) query string, may be empty.
     * @param withApiKey whether to send {@code X-MBX-APIKEY}.
     * @return the call, so a timed-out request can be cancelled.
     */
    Call send(final long requestId, final String method, final String path, final String query, final boolean withApiKey)
    {
        final Request.Builder builder = new Request.Builder().url(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
        if (withApiKey)
        {
            builder.header("X-MBX-APIKEY", apiKey);
        }
        switch (method)
        {
            case "GET":
                builder.get();
                break;
            case "DELETE":
                builder.delete(null);
                break;
            default:
                builder.method(method, RequestBody.create(EMPTY, null));
                break;
        }
        final Call call = client.newCall(builder.build());
        call.enqueue(new ReplyCallback(requestId));
        return call;
    }

    private final class ReplyCallback implements Callback
    {
        private final long requestId;

        private ReplyCallback(final long requestId)
        {
            this.requestId = requestId;
        }

        public void onFailure(final Call call, final IOException ex)
        {
            final boolean neverSent = ex instanceof ConnectException || ex instanceof UnknownHostException ||
                ex instanceof NoRouteToHostException;
            events.offer(Reply.failed(
                requestId, neverSent ? Reply.Failure.CONNECT : Reply.Failure.TRANSPORT, ex.getClass().getSimpleName()));
        }

        public void onResponse(final Call call, final Response response)
        {
            try (response)
            {
                final Map<String, String> rateHeaders = new HashMap<>();
                long retryAfterMs = -1;
                for (final String name : response.headers().names())
                {
                    final String upper = name.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("X-MBX-USED-WEIGHT-") || upper.startsWith("X-MBX-ORDER-COUNT-"))
                    {
                        rateHeaders.put(upper, response.header(name));
                    }
                    else if ("RETRY-AFTER".equals(upper))
                    {
                        retryAfterMs = parseRetryAfterMs(response.header(name));
                    }
                }
                final ResponseBody body = response.body();
                final String text = body == null ? "" : body.string();
                JsonNode json = null;
                try
                {
                    json = text.isEmpty() ? null : mapper.readTree(text);
                }
                catch (final IOException ignore)
                {
                    // A non-JSON body (a proxy's HTML error page): the status code still says what happened.
                }
                final int status = response.code();
                if (status >= 200 && status < 300)
                {
                    events.offer(new Reply(requestId, status, json, 0, "", Reply.Failure.NONE, retryAfterMs, -1, rateHeaders, null));
                }
                else
                {
                    final int code = json == null ? 0 : json.path("code").asInt(0);
                    final String msg = json == null ? "HTTP " + status : json.path("msg").asText("HTTP " + status);
                    events.offer(new Reply(requestId, status, null, code, msg, Reply.Failure.NONE, retryAfterMs, -1, rateHeaders, null));
                }
            }
            catch (final IOException ex)
            {
                events.offer(Reply.failed(requestId, Reply.Failure.TRANSPORT, ex.getClass().getSimpleName()));
            }
        }
    }

    private static long parseRetryAfterMs(final String value)
    {
        try
        {
            return Long.parseLong(value.trim()) * 1000L;
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }
}
