package io.sluice.admin.readmodel;

/**
 * A RiskReject as journaled: the gate, its text, the offending field and the limit against the value.
 *
 * @param reason        RejectReason name, e.g. MAX_NOTIONAL.
 * @param message       readable detail, or null.
 * @param field         offending field, or null.
 * @param limitValue    fixed-point limit, or Fixed.NULL.
 * @param actualValue   fixed-point value that broke it, or Fixed.NULL.
 * @param clientOrderId order the reject names, or null.
 * @param timestampNs   engine event time.
 * @param journalIndex  index of the RiskReject record.
 */
public record RejectView(
    String reason,
    String message,
    String field,
    long limitValue,
    long actualValue,
    String clientOrderId,
    long timestampNs,
    long journalIndex)
{
}
