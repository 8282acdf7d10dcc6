package io.sluice.admin.ingest;

/**
 * How the dedup key of a webhook signal is made when the client sends no id of its own.
 */
public enum IdempotencyRule
{
    /** The client id if given, else TradingView's {{timenow}} with the strategy order id, else a hash of the body. */
    AUTO,
    /** Only the client id; without one the signal is not deduplicated. */
    CLIENT_ID,
    /** The client id, else {{timenow}} with the strategy order id; otherwise not deduplicated. */
    TIMENOW_ORDER_ID,
    /** Always a hash of the source and the (secret-blanked) body: an identical repeat within the engine's window is refused. */
    BODY_HASH,
    /** Never deduplicated (scripts that deliberately send the same order twice). */
    NONE
}
