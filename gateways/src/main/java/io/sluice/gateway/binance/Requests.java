package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to Binance over the WebSocket API (when its session is ready) or REST, signed as each transport
 * requires, and keeps the table of unanswered ones with their deadlines. Also keeps the venue clock offset (from
 * {@code GET /time}) that stamps {@code timestamp}, and the {@link RateLimits} every answer updates.
 * Agent thread only; the transports answer through the event queue.
 */
final class Requests
{
    private static final long LATE_KEPT_NS = TimeUnit.MINUTES.toNanos(2);

    private final BinanceConfig config;
    private final Credentials credentials;
    private final RestTransport rest;
    private final RateLimits rateLimits;
    private final Map<Long, PendingRequest> pending = new HashMap<>();
    private final Map<Long, PendingRequest> late = new HashMap<>();
    private WsConnection api;
    private boolean wsSessionReady;
    private boolean wsLoggedOn;
    private long nextId;
    private long offsetMs;
    private boolean clockSynced;

    Requests(final BinanceConfig config, final Credentials credentials, final RestTransport rest, final RateLimits rateLimits)
    {
        this.config = config;
        this.credentials = credentials;
        this.rest = rest;
        this.rateLimits = rateLimits;
    }

    void api(final WsConnection api)
    {
        this.api = api;
    }

    /**
     * Whether requests with a WebSocket method go over the WebSocket API.
     *
     * @param ready    session open (and subscribed) for order entry.
     * @param loggedOn session authenticated by session.logon (requests then carry no signature).
     */
    void wsSession(final boolean ready, final boolean loggedOn)
    {
        this.wsSessionReady = ready;
        this.wsLoggedOn = loggedOn;
    }

    boolean wsSessionReady()
    {
        return wsSessionReady;
    }

    /**
     * Venue time now: local time plus the offset learned from {@code GET /time}.
     *
     * @param nowNs local epoch nanoseconds.
     * @return venue epoch milliseconds.
     */
    long venueMs(final long nowNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(nowNs) + offsetMs;
    }

    /**
     * Learn the offset from a server time: the server's clock is taken to have been read halfway through the
     * round trip.
     *
     * @param serverMs server time from the answer.
     * @param sentNs   local time the request left.
     * @param nowNs    local time the answer was taken.
     */
    void onServerTime(final long serverMs, final long sentNs, final long nowNs)
    {
        final long midMs = TimeUnit.NANOSECONDS.toMillis(sentNs + (nowNs - sentNs) / 2);
        offsetMs = serverMs - midMs;
        clockSynced = true;
    }

    boolean clockSynced()
    {
        return clockSynced;
    }

    long offsetMs()
    {
        return offsetMs;
    }

    RateLimits rateLimits()
    {
        return rateLimits;
    }

    /**
     * Whether a request of this weight may go out now without crossing a limit or a Retry-After.
     *
     * @param weight  request weight.
     * @param isOrder whether it places an order.
     * @param nowNs   local time now.
     * @return true when it may go.
     */
    boolean mayRequest(final int weight, final boolean isOrder, final long nowNs)
    {
        return !rateLimits.isBackingOff(nowNs) && rateLimits.blockedUntilMs(weight, isOrder, venueMs(nowNs)) == 0;
    }

    /**
     * Send a request.
     *
     * @param op         what it is for.
     * @param order      the order it is about, or null.
     * @param wsMethod   WebSocket API method, or null for REST only.
     * @param httpMethod REST method.
     * @param path       REST path.
     * @param params     parameters (timestamp and recvWindow are added when signed).
     * @param signed     whether the endpoint is signed (TRADE / USER_DATA).
     * @param apiKey     whether REST needs the API key header (signed or USER_STREAM).
     * @param weight     request weight for local rate accounting.
     * @param isOrder    whether it places an order.
     * @param detail     context kept with the request (e.g. a symbol).
     * @param nowNs      local time now.
     * @return the pending request.
     */
    PendingRequest send(
        final PendingRequest.Op op,
        final TrackedOrder order,
        final String wsMethod,
        final String httpMethod,
        final String path,
        final Params params,
        final boolean signed,
        final boolean apiKey,
        final int weight,
        final boolean isOrder,
        final String detail,
        final long nowNs)
    {
        final long id = ++nextId;
        final long venueNowMs = venueMs(nowNs);
        long timestampMs = 0;
        if (signed)
        {
            timestampMs = venueNowMs;
            params.add("recvWindow", config.recvWindowMs).add("timestamp", timestampMs);
        }
        rateLimits.onSent(weight, isOrder, venueNowMs);
        if (wsMethod != null && wsSessionReady && api != null && api.isOpen())
        {
            final Params wsParams = params.copy();
            if ((signed || apiKey) && !wsLoggedOn)
            {
                wsParams.add("apiKey", credentials.apiKey());
                if (signed)
                {
                    wsParams.add("signature", credentials.signingKey().sign(wsParams.toSortedPayload()));
                }
            }
            if (api.send(frame(id, wsMethod, wsParams)))
            {
                final PendingRequest request = new PendingRequest(
                    id, op, order, true, nowNs, nowNs + config.requestTimeoutNs, timestampMs, detail);
                pending.put(id, request);
                return request;
            }
            // The socket is closing: its close event follows; this request takes the REST path instead.
        }
        String query = params.toQueryString();
        if (signed)
        {
            final StringBuilder signedQuery = new StringBuilder(query.length() + 100).append(query).append("&signature=");
            Params.percentEncode(credentials.signingKey().sign(query), signedQuery);
            query = signedQuery.toString();
        }
        final PendingRequest request = new PendingRequest(
            id, op, order, false, nowNs, nowNs + config.requestTimeoutNs, timestampMs, detail);
        pending.put(id, request);
        request.call = rest.send(id, httpMethod, path, query, signed || apiKey);
        return request;
    }

    /**
     * Send a WebSocket API request with exactly the given parameters (session.logon, subscriptions).
     *
     * @param op     what it is for.
     * @param method WebSocket API method.
     * @param params parameters, already complete.
     * @param nowNs  local time now.
     * @return the pending request, or null when the socket refused the frame.
     */
    PendingRequest sendWs(final PendingRequest.Op op, final String method, final Params params, final long nowNs)
    {
        final long id = ++nextId;
        final PendingRequest request = new PendingRequest(id, op, null, true, nowNs, nowNs + config.requestTimeoutNs, 0, "");
        if (api == null || !api.send(frame(id, method, params)))
        {
            return null;
        }
        pending.put(id, request);
        return request;
    }

    /**
     * Match an answer to its request and record its rate-limit information.
     *
     * @param reply the answer.
     * @param nowNs local time now.
     * @return the request (flagged {@code timedOut} when it had already been given up), or null when unknown.
     */
    PendingRequest onReply(final Reply reply, final long nowNs)
    {
        final long venueNowMs = venueMs(nowNs);
        for (final Map.Entry<String, String> header : reply.rateHeaders().entrySet())
        {
            rateLimits.observeHeader(header.getKey(), header.getValue(), venueNowMs);
        }
        if (reply.rateLimits() != null)
        {
            for (final JsonNode limit : reply.rateLimits())
            {
                final long intervalMs = RateLimits.intervalMs(limit.path("interval").asText(""), limit.path("intervalNum").asLong(1));
                final String type = limit.path("rateLimitType").asText("");
                if (intervalMs > 0 && (RateLimits.WEIGHT.equals(type) || RateLimits.ORDERS.equals(type)))
                {
                    rateLimits.limit(type, intervalMs, limit.path("limit").asLong(0));
                    rateLimits.observe(type, intervalMs, limit.path("count").asLong(0), venueNowMs);
                }
            }
        }
        if (reply.status() == 429 || reply.status() == 418)
        {
            long retryAfterMs = reply.retryAfterMs();
            if (retryAfterMs < 0 && reply.retryAfterEpochMs() > 0)
            {
                retryAfterMs = Math.max(0, reply.retryAfterEpochMs() - venueNowMs);
            }
            if (retryAfterMs < 0)
            {
                // Retry-After is documented on both; without it, wait a window rather than guess small.
                retryAfterMs = reply.status() == 418 ? TimeUnit.MINUTES.toMillis(2) : TimeUnit.MINUTES.toMillis(1);
            }
            rateLimits.onRefused(reply.status(), TimeUnit.MILLISECONDS.toNanos(retryAfterMs), nowNs);
        }
        final PendingRequest request = pending.remove(reply.requestId());
        if (request != null)
        {
            return request;
        }
        return late.remove(reply.requestId());
    }

    /**
     * Give up on requests past their deadline: each is passed to the handler once, flagged {@code timedOut}, and
     * kept a while so a late answer can still settle it.
     *
     * @param nowNs   local time now.
     * @param expired receives each expired request.
     * @return how many expired.
     */
    int expire(final long nowNs, final java.util.function.Consumer<PendingRequest> expired)
    {
        if (pending.isEmpty() && late.isEmpty())
        {
            return 0;
        }
        late.values().removeIf((request) -> nowNs - request.deadlineNs - LATE_KEPT_NS >= 0);
        List<PendingRequest> due = null;
        for (final PendingRequest request : pending.values())
        {
            if (nowNs - request.deadlineNs >= 0)
            {
                if (due == null)
                {
                    due = new ArrayList<>();
                }
                due.add(request);
            }
        }
        if (due == null)
        {
            return 0;
        }
        for (final PendingRequest request : due)
        {
            pending.remove(request.id);
            request.timedOut = true;
            late.put(request.id, request);
            if (request.call != null)
            {
                request.call.cancel();
            }
            expired.accept(request);
        }
        return due.size();
    }

    /**
     * The WebSocket API connection dropped: its unanswered requests will never be answered.
     *
     * @param lost receives each lost request.
     */
    void failWs(final java.util.function.Consumer<PendingRequest> lost)
    {
        final List<PendingRequest> dropped = new ArrayList<>();
        for (final Iterator<PendingRequest> it = pending.values().iterator(); it.hasNext(); )
        {
            final PendingRequest request = it.next();
            if (request.viaWs)
            {
                it.remove();
                dropped.add(request);
            }
        }
        dropped.forEach(lost);
    }

    /**
     * Cancel every REST call still running (gateway closing).
     */
    void cancelAll()
    {
        for (final PendingRequest request : pending.values())
        {
            if (request.call != null)
            {
                request.call.cancel();
            }
        }
        pending.clear();
        late.clear();
    }

    int pendingCount()
    {
        return pending.size();
    }

    private static String frame(final long id, final String method, final Params params)
    {
        final StringBuilder frame = new StringBuilder(256)
            .append("{\"id\":\"").append(id).append("\",\"method\":");
        Params.appendJsonString(method, frame);
        if (params.size() > 0)
        {
            frame.append(",\"params\":").append(params.toJsonObject());
        }
        return frame.append('}').toString();
    }
}
