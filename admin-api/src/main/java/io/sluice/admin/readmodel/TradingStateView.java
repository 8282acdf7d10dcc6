package io.sluice.admin.readmodel;

/**
 * A trading state (ACTIVE, REDUCING, HALTED) of the whole engine or of one account.
 *
 * @param scope        AdminScope name.
 * @param account      account, or null for the global state.
 * @param state        TradingState name.
 * @param actor        who changed it, or null.
 * @param reason       why, or null.
 * @param updatedAtNs  engine event time.
 * @param journalIndex index of the TradingStateUpdate record.
 */
public record TradingStateView(
    String scope,
    String account,
    String state,
    String actor,
    String reason,
    long updatedAtNs,
    long journalIndex)
{
}
