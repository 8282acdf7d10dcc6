package io.sluice.gateway.binance.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Fault switches of the fake venue, armed by tests per operation ("order.place", "order.status", "time", ...;
 * REST and WebSocket API share the names) and consumed one request at a time. Thread safe.
 */
public final class FakeFaults
{
    /** What to do to one request. */
    public enum Kind
    {
        /** Execute (optionally), then never answer: the client times out. */
        DROP,
        /** Answer an HTTP/WebSocket 5xx or -1007 after executing (or not). */
        FAIL,
        /** Execute now (its user-data events flow at once), answer after a delay. */
        DELAY,
        /** Answer an error without executing (e.g. -1021). */
        REJECT
    }

    /**
     * One armed fault.
     *
     * @param kind       what to do.
     * @param status     HTTP / WebSocket status of the answer (FAIL, REJECT).
     * @param code       Binance error code of the answer.
     * @param msg        Binance error text.
     * @param execute    whether the request is carried out despite the fault.
     * @param withEvents whether the user-data events of an executed request are still pushed.
     * @param delayMs    delay of the answer (DELAY).
     */
    public record Fault(Kind kind, int status, int code, String msg, boolean execute, boolean withEvents, long delayMs)
    {
    }

    private final Map<String, Deque<Fault>> armed = new HashMap<>();
    private volatile boolean duplicateUserData;
    private volatile boolean reorderUserData;
    private int orderEventsToDrop;

    /**
     * Execute the next {@code times} requests of an operation but never answer them.
     *
     * @param op         operation, e.g. "order.place".
     * @param times      how many requests.
     * @param withEvents whether their user-data events are still pushed.
     * @return this.
     */
    public FakeFaults dropResponse(final String op, final int times, final boolean withEvents)
    {
        return arm(op, times, new Fault(Kind.DROP, 0, 0, "", true, withEvents, 0));
    }

    /**
     * Lose the next {@code times} requests of an operation: not executed, never answered.
     *
     * @param op    operation, e.g. "order.place".
     * @param times how many requests.
     * @return this.
     */
    public FakeFaults dropRequest(final String op, final int times)
    {
        return arm(op, times, new Fault(Kind.DROP, 0, 0, "", false, false, 0));
    }

    /**
     * Answer the next requests with a server error (HTTP status, e.g. 503; code -1007 for a timeout).
     *
     * @param op      operation.
     * @param times   how many requests.
     * @param status  status of the answer (5xx).
     * @param code    error code of the answer.
     * @param execute whether the request is carried out anyway.
     * @return this.
     */
    public FakeFaults fail(final String op, final int times, final int status, final int code, final boolean execute)
    {
        final String msg = code == -1007 ?
            "Timeout waiting for response from backend server. Send status unknown; execution status unknown." :
            "Internal error; unable to process your request. Please try again.";
        return arm(op, times, new Fault(Kind.FAIL, status, code, msg, execute, true, 0));
    }

    /**
     * Answer the next requests after a delay; their user-data events are pushed at once, ahead of the answer.
     *
     * @param op      operation.
     * @param times   how many requests.
     * @param delayMs delay in milliseconds.
     * @return this.
     */
    public FakeFaults delay(final String op, final int times, final long delayMs)
    {
        return arm(op, times, new Fault(Kind.DELAY, 0, 0, "", true, true, delayMs));
    }

    /**
     * Refuse the next requests with an error, without executing them.
     *
     * @param op     operation.
     * @param times  how many requests.
     * @param status HTTP status.
     * @param code   error code.
     * @param msg    error text.
     * @return this.
     */
    public FakeFaults reject(final String op, final int times, final int status, final int code, final String msg)
    {
        return arm(op, times, new Fault(Kind.REJECT, status, code, msg, false, false, 0));
    }

    /**
     * Push every user-data event twice.
     *
     * @param on switch.
     * @return this.
     */
    public FakeFaults duplicateUserData(final boolean on)
    {
        duplicateUserData = on;
        return this;
    }

    /**
     * Push order events (executionReport, ORDER_TRADE_UPDATE) in swapped pairs, the second of each pair first.
     *
     * @param on switch.
     * @return this.
     */
    public FakeFaults reorderUserData(final boolean on)
    {
        reorderUserData = on;
        return this;
    }

    /**
     * Lose the next order events (executionReport, ORDER_TRADE_UPDATE) before they reach any subscriber.
     *
     * @param count how many.
     * @return this.
     */
    public synchronized FakeFaults dropOrderEvents(final int count)
    {
        orderEventsToDrop += count;
        return this;
    }

    synchronized boolean takeOrderEventDrop()
    {
        if (orderEventsToDrop > 0)
        {
            orderEventsToDrop--;
            return true;
        }
        return false;
    }

    /**
     * Disarm everything.
     */
    public synchronized void clear()
    {
        armed.clear();
        orderEventsToDrop = 0;
        duplicateUserData = false;
        reorderUserData = false;
    }

    boolean duplicateUserData()
    {
        return duplicateUserData;
    }

    boolean reorderUserData()
    {
        return reorderUserData;
    }

    synchronized Fault take(final String op)
    {
        final Deque<Fault> faults = armed.get(op);
        return faults == null ? null : faults.poll();
    }

    private synchronized FakeFaults arm(final String op, final int times, final Fault fault)
    {
        final Deque<Fault> faults = armed.computeIfAbsent(op, (k) -> new ArrayDeque<>());
        for (int i = 0; i < times; i++)
        {
            faults.add(fault);
        }
        return this;
    }
}
