package io.sluice.gateway.india;

/**
 * An AccountUpdate as a test sees it.
 *
 * @param account         account.
 * @param venue           venue.
 * @param currency        currency.
 * @param balance         cash balance.
 * @param equity          equity.
 * @param marginAvailable margin available.
 * @param marginUsed      margin used.
 */
public record AccountUpdateEvent(
    String account, String venue, String currency, long balance, long equity, long marginAvailable, long marginUsed)
{
}
