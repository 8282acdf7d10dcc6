package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.Map;
import java.util.Queue;

/**
 * One Binance WebSocket (the WebSocket API, a market stream or a futures listenKey stream) on OkHttp. OkHttp's
 * reader thread parses each frame and hands the result to the agent through the event queue (replies, user-data
 * events, open/close) or, for market data, straight into the conflating {@link MarketDataBoard}; it answers the
 * server's pings with pongs by itself. The agent thread calls {@link #connect}, {@link #send} and {@link #close}.
 */
final class WsConnection
{
    /** Which connection. */
    enum Kind
    {
        /** WebSocket API: order entry replies and the user-data subscription. */
        API,
        /** Public market streams. */
        MARKET,
        /** Futures user-data stream of a listenKey. */
        USER
    }

    /** Connection states seen by the agent. */
    enum State
    {
        /** No socket; {@code nextAttemptNs} says when to try. */
        DOWN,
        /** Socket requested, not open yet. */
        CONNECTING,
        /** Open. */
        OPEN
    }

    private final OkHttpClient client;
    private final Kind kind;
    private final Queue<Object> events;
    private final MarketDataBoard board;
    private final ObjectMapper mapper;
    private final Backoff backoff;

    private WebSocket socket;
    private int connId;
    private State state = State.DOWN;
    private long openedNs;
    private long nextAttemptNs;

    WsConnection(
        final OkHttpClient client,
        final Kind kind,
        final Queue<Object> events,
        final MarketDataBoard board,
        final ObjectMapper mapper,
        final Backoff backoff)
    {
        this.client = client;
        this.kind = kind;
        this.events = events;
        this.board = board;
        this.mapper = mapper;
        this.backoff = backoff;
    }

    /**
     * Open a new socket, replacing any previous one (whose events are then ignored).
     *
     * @param url   wss:// or ws:// URL.
     * @param nowNs time of the attempt.
     */
    void connect(final String url, final long nowNs)
    {
        if (socket != null)
        {
            socket.cancel();
        }
        connId++;
        state = State.CONNECTING;
        backoff.onAttempt(nowNs);
        socket = client.newWebSocket(new Request.Builder().url(url).build(), new Listener(connId));
    }

    /**
     * Send a text frame (queued by OkHttp, never blocks).
     *
     * @param text the frame.
     * @return false when the socket is not open or its outgoing queue is full.
     */
    boolean send(final String text)
    {
        return state == State.OPEN && socket != null && socket.send(text);
    }

    /**
     * Close the socket (if any) and mark the connection down until {@code nextAttemptNs}.
     *
     * @param reason        close reason sent to the server.
     * @param nextAttemptNs when to reconnect, or Long.MAX_VALUE for never.
     */
    void close(final String reason, final long nextAttemptNs)
    {
        if (socket != null)
        {
            socket.close(1000, reason);
            socket.cancel();
            socket = null;
        }
        connId++;
        state = State.DOWN;
        this.nextAttemptNs = nextAttemptNs;
    }

    /**
     * Apply an open/close event on the agent thread.
     *
     * @param event the event.
     * @param nowNs time now.
     * @return true when the event is about the current socket (and changed its state).
     */
    boolean onEvent(final ConnectionEvent event, final long nowNs)
    {
        if (event.connId() != connId)
        {
            return false;
        }
        if (event.open())
        {
            state = State.OPEN;
            openedNs = nowNs;
        }
        else
        {
            if (socket != null)
            {
                socket.cancel();
                socket = null;
            }
            state = State.DOWN;
            nextAttemptNs = backoff.nextAttemptNs(nowNs);
        }
        return true;
    }

    /**
     * Whether an event belongs to the current socket.
     *
     * @param eventConnId generation carried by the event.
     * @return true when current.
     */
    boolean isCurrent(final int eventConnId)
    {
        return eventConnId == connId;
    }

    Kind kind()
    {
        return kind;
    }

    State state()
    {
        return state;
    }

    boolean isOpen()
    {
        return state == State.OPEN;
    }

    long openedNs()
    {
        return openedNs;
    }

    long nextAttemptNs()
    {
        return nextAttemptNs;
    }

    Backoff backoff()
    {
        return backoff;
    }

    private final class Listener extends WebSocketListener
    {
        private final int listenerConnId;

        private Listener(final int listenerConnId)
        {
            this.listenerConnId = listenerConnId;
        }

        public void onOpen(final WebSocket webSocket, final Response response)
        {
            events.offer(new ConnectionEvent(kind, listenerConnId, true, ""));
        }

        public void onMessage(final WebSocket webSocket, final String text)
        {
            final JsonNode node;
            try
            {
                node = mapper.readTree(text);
            }
            catch (final Exception ex)
            {
                return;
            }
            if (kind == Kind.MARKET)
            {
                board.onMessage(node);
            }
            else if (node.has("id") && (node.has("status") || node.has("result") || node.has("error")))
            {
                events.offer(reply(node));
            }
            else if (node.has("event"))
            {
                events.offer(new StreamMessage(kind, listenerConnId, node.get("event")));
            }
            else if (node.has("e"))
            {
                events.offer(new StreamMessage(kind, listenerConnId, node));
            }
        }

        public void onClosing(final WebSocket webSocket, final int code, final String reason)
        {
            webSocket.close(1000, null);
        }

        public void onClosed(final WebSocket webSocket, final int code, final String reason)
        {
            events.offer(new ConnectionEvent(kind, listenerConnId, false, "closed by venue (" + code + ")"));
        }

        public void onFailure(final WebSocket webSocket, final Throwable t, final Response response)
        {
            events.offer(new ConnectionEvent(kind, listenerConnId, false,
                t.getClass().getSimpleName() + (response != null ? " (HTTP " + response.code() + ")" : "")));
        }
    }

    private static Reply reply(final JsonNode node)
    {
        long requestId = -1;
        try
        {
            requestId = Long.parseLong(node.path("id").asText());
        }
        catch (final NumberFormatException ignore)
        {
            // A reply to a request this gateway did not number: it matches nothing.
        }
        final int status = node.path("status").asInt(0);
        final JsonNode error = node.get("error");
        final JsonNode rateLimits = node.get("rateLimits");
        if (error == null)
        {
            return new Reply(requestId, status, node.get("result"), 0, "", Reply.Failure.NONE, -1, -1, Map.of(), rateLimits);
        }
        return new Reply(
            requestId,
            status,
            null,
            error.path("code").asInt(0),
            error.path("msg").asText(""),
            Reply.Failure.NONE,
            -1,
            error.path("data").path("retryAfter").asLong(-1),
            Map.of(),
            rateLimits);
    }
}
