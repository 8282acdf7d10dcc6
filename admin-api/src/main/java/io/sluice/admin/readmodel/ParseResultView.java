package io.sluice.admin.readmodel;

/**
 * The engine's answer to a dry run, as journaled in a ParseResult.
 *
 * @param requestTimeNs the dry run's ingress time: the correlation key.
 * @param outcome       ROUTE, REFUSE or AWAIT_APPROVAL.
 * @param reason        the reject reason, or null when it would route.
 * @param format        the format the body was parsed as.
 * @param account       the account it would trade, or null.
 * @param limitValue    the refusing gate's limit (fixed point), or the int64 null value.
 * @param actualValue   the value the gate measured (fixed point), or the int64 null value.
 * @param signalId      the signal id.
 * @param field         the field at fault, or null.
 * @param detail        readable text, or null.
 * @param intents       the canonical intent(s) as JSON lines.
 */
public record ParseResultView(
    long requestTimeNs,
    String outcome,
    String reason,
    String format,
    String account,
    long limitValue,
    long actualValue,
    String signalId,
    String field,
    String detail,
    String intents)
{
}
