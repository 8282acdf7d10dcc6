package io.sluice.admin.notify;

/**
 * What a notification is about; channels filter on these.
 */
public enum NotificationKind
{
    /** An execution (fill or partial fill). */
    FILL,
    /** A signal or order refused, with its reason code. */
    REFUSAL,
    /** A trading state changed: kill switch, resume, reduce-only. */
    KILL_SWITCH,
    /** A circuit breaker tripped. */
    CIRCUIT_BREAKER,
    /** A gateway went down. */
    GATEWAY_DOWN,
    /** A gateway came (back) up. */
    GATEWAY_UP,
    /** A broker session expired (e.g. a daily token). */
    SESSION_EXPIRED,
    /** Orders wait for an operator's approval. */
    APPROVAL_WAITING,
    /** Any other engine alert. */
    ALERT
}
