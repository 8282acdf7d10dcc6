package io.sluice.admin.readmodel;

/**
 * Cash and margin of an account at a venue, as its gateway last reported (fixed point; Fixed.NULL when unknown).
 *
 * @param account         account.
 * @param venue           venue.
 * @param currency        currency code.
 * @param balance         cash balance.
 * @param equity          equity.
 * @param marginAvailable free margin.
 * @param marginUsed      used margin.
 * @param timestampNs     gateway time.
 * @param journalIndex    index of the AccountUpdate record.
 */
public record AccountView(
    String account, String venue, String currency, long balance, long equity, long marginAvailable, long marginUsed,
    long timestampNs, long journalIndex)
{
}
