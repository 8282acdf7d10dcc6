package io.sluice.admin.readmodel;

import java.util.List;

/**
 * An account's limits and how much of each is used, from the engine's latest RiskUsage record.
 *
 * @param account      account.
 * @param state        TradingState name.
 * @param limits       each limit with its use.
 * @param timestampNs  engine event time.
 * @param journalIndex index of the RiskUsage record.
 */
public record RiskUsageView(String account, String state, List<LimitUsage> limits, long timestampNs, long journalIndex)
{
    /**
     * One limit (fixed point; Fixed.NULL when not set).
     *
     * @param name       limit name, e.g. "maxNotional".
     * @param limitValue the limit.
     * @param usedValue  how much is used.
     */
    public record LimitUsage(String name, long limitValue, long usedValue)
    {
    }

    /**
     * A limit by name.
     *
     * @param name limit name.
     * @return the usage, or null.
     */
    public LimitUsage limit(final String name)
    {
        for (final LimitUsage limit : limits)
        {
            if (limit.name().equals(name))
            {
                return limit;
            }
        }
        return null;
    }
}
