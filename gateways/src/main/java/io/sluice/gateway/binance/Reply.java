package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The answer to one request, from REST or the WebSocket API, handed from an I/O thread to the agent.
 *
 * @param requestId         the request's id.
 * @param status            HTTP status (or the WebSocket API's {@code status}); 0 when no answer arrived.
 * @param result            the result (REST body or WebSocket {@code result}) on success, else null.
 * @param errorCode         Binance error code ({@code code}), 0 when none.
 * @param errorMsg          Binance error text ({@code msg}), empty when none.
 * @param failure           why no answer arrived, NONE when one did.
 * @param retryAfterMs      {@code Retry-After} in milliseconds (REST header) or -1.
 * @param retryAfterEpochMs {@code error.data.retryAfter} of a WebSocket 429/418 (venue epoch ms) or -1.
 * @param rateHeaders       {@code X-MBX-USED-WEIGHT-*} and {@code X-MBX-ORDER-COUNT-*} headers.
 * @param rateLimits        the WebSocket API's {@code rateLimits} array, or null.
 */
record Reply(
    long requestId,
    int status,
    JsonNode result,
    int errorCode,
    String errorMsg,
    Failure failure,
    long retryAfterMs,
    long retryAfterEpochMs,
    Map<String, String> rateHeaders,
    JsonNode rateLimits)
{
    /** Why a request got no answer. */
    enum Failure
    {
        /** An answer arrived. */
        NONE,
        /** The connection could not be made: the request never left. */
        CONNECT,
        /** The connection broke or timed out after the request may have left: outcome unknown. */
        TRANSPORT
    }

    /**
     * A request that got no answer.
     *
     * @param requestId the request.
     * @param failure   CONNECT or TRANSPORT.
     * @param reason    short reason (exception class), never containing credentials.
     * @return the reply.
     */
    static Reply failed(final long requestId, final Failure failure, final String reason)
    {
        return new Reply(requestId, 0, null, 0, reason, failure, -1, -1, Map.of(), null);
    }

    /**
     * Whether the venue accepted the request.
     *
     * @return true for a 2xx status with a result.
     */
    boolean ok()
    {
        return failure == Failure.NONE && status >= 200 && status < 300;
    }
}
