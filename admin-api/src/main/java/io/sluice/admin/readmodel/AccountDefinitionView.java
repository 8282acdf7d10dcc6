package io.sluice.admin.readmodel;

/**
 * An account an operator created or changed through the admin API, as the engine applied it (its AccountStatus
 * output): default venue, currency, whether it is enabled, its order limits, the name of its credential in the
 * vault (never the secret) and who changed it last.
 *
 * @param account       account name.
 * @param venue         default venue.
 * @param currency      currency of balances and limits, or empty.
 * @param enabled       false after DISABLE: only orders that reduce a position pass.
 * @param maxOrderQty   fixed point, or Fixed.NULL.
 * @param maxNotional   fixed point, or Fixed.NULL.
 * @param credentialRef credential name in admin-api's vault, or empty.
 * @param lastOperation CREATE, UPDATE, DISABLE or ENABLE.
 * @param actor         who made the last change.
 * @param timestampNs   engine time of the last change.
 * @param journalIndex  journal index of the last change.
 */
public record AccountDefinitionView(
    String account,
    String venue,
    String currency,
    boolean enabled,
    long maxOrderQty,
    long maxNotional,
    String credentialRef,
    String lastOperation,
    String actor,
    long timestampNs,
    long journalIndex)
{
}
