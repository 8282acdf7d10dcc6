package io.sluice.gateway.binance;

import okhttp3.Call;

/**
 * A request sent and not yet answered, with what to do with its answer. Agent thread only.
 */
final class PendingRequest
{
    /** What a request was for. */
    enum Op
    {
        TIME,
        EXCHANGE_INFO,
        LOGON,
        SUBSCRIBE,
        PLACE,
        CANCEL,
        STATUS,
        OPEN_ORDERS,
        LISTEN_KEY,
        LISTEN_KEY_KEEPALIVE,
        POSITION_MODE,
        LEVERAGE,
        MARGIN_TYPE,
        ACCOUNT
    }

    final long id;
    final Op op;
    final TrackedOrder order;
    final boolean viaWs;
    final long sentNs;
    final long deadlineNs;
    final long timestampMs;
    final String detail;
    Call call;
    boolean timedOut;

    PendingRequest(
        final long id,
        final Op op,
        final TrackedOrder order,
        final boolean viaWs,
        final long sentNs,
        final long deadlineNs,
        final long timestampMs,
        final String detail)
    {
        this.id = id;
        this.op = op;
        this.order = order;
        this.viaWs = viaWs;
        this.sentNs = sentNs;
        this.deadlineNs = deadlineNs;
        this.timestampMs = timestampMs;
        this.detail = detail;
    }

    public String toString()
    {
        return "PendingRequest{" + id + " " + op + (order != null ? " " + order.clientOrderId : "") + (viaWs ? " ws" : " rest") + "}";
    }
}
