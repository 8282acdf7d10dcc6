package io.sluice.gateway.india;

/**
 * Cash and margin of an account in INR, fixed point, {@link io.sluice.protocol.Fixed#NULL} where the broker has no
 * such figure; published as an AccountUpdate.
 *
 * @param balance         cash balance.
 * @param equity          balance plus open P&amp;L.
 * @param marginAvailable margin available for new orders.
 * @param marginUsed      margin in use.
 */
public record Funds(long balance, long equity, long marginAvailable, long marginUsed)
{
}
