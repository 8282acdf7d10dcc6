package io.sluice.gateway.india;

/**
 * How a broker request failed, which decides what the gateway may do next: only {@link #NOT_SENT},
 * {@link #REJECTED} and {@link #RATE_LIMITED} prove an order was not placed; {@link #UNKNOWN} never leads to a second
 * place, only to a lookup by our tag.
 */
public enum FailureKind
{
    /** The access token is expired, revoked or invalid: the account needs a new session. */
    SESSION_EXPIRED,
    /** The broker refused the request (input, order, margin or RMS error). */
    REJECTED,
    /** The broker refused the request for its rate limit (HTTP 429 or the broker's own code). */
    RATE_LIMITED,
    /** The broker has no such order. */
    NOT_FOUND,
    /** The request never reached the broker (connection refused, unknown host). */
    NOT_SENT,
    /** The outcome is unknown: timeout, dropped connection, 5xx or an answer that could not be read. */
    UNKNOWN
}
