package io.sluice.engine.core;

import java.util.Arrays;

import io.sluice.protocol.Fixed;

/**
 * Limit values per account, with per-instrument overrides; {@link Fixed#NULL} disables a limit (and, for an
 * override, inherits the account's value). Changed at runtime only by journaled admin commands.
 */
final class RiskLimits
{
    private final long[][] accountLimits;
    private final long[][][] overrides;

    RiskLimits(final int accounts, final int instruments)
    {
        accountLimits = new long[accounts][Limit.VALUES.length];
        overrides = new long[accounts][instruments][Limit.VALUES.length];
        for (int a = 0; a < accounts; a++)
        {
            Arrays.fill(accountLimits[a], Fixed.NULL);
            for (int i = 0; i < instruments; i++)
            {
                Arrays.fill(overrides[a][i], Fixed.NULL);
            }
        }
    }

    /** Effective value for an order of this account in this instrument. */
    long get(final int accountId, final int instrumentId, final Limit limit)
    {
        final long override = instrumentId >= 0 ? overrides[accountId][instrumentId][limit.ordinal()] : Fixed.NULL;
        return override != Fixed.NULL ? override : accountLimits[accountId][limit.ordinal()];
    }

    long account(final int accountId, final Limit limit)
    {
        return accountLimits[accountId][limit.ordinal()];
    }

    void setAccount(final int accountId, final Limit limit, final long value)
    {
        accountLimits[accountId][limit.ordinal()] = value;
    }

    void setOverride(final int accountId, final int instrumentId, final Limit limit, final long value)
    {
        overrides[accountId][instrumentId][limit.ordinal()] = value;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(accountLimits.length);
        for (int a = 0; a < accountLimits.length; a++)
        {
            out.putLongs(accountLimits[a]).putInt(overrides[a].length);
            for (final long[] override : overrides[a])
            {
                out.putLongs(override);
            }
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        if (in.getInt() != accountLimits.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("limits of another number of accounts");
        }
        for (int a = 0; a < accountLimits.length; a++)
        {
            in.getLongs(accountLimits[a]);
            if (in.getInt() != overrides[a].length)
            {
                throw new io.sluice.engine.snapshot.SnapshotException("limits of another number of instruments");
            }
            for (final long[] override : overrides[a])
            {
                in.getLongs(override);
            }
        }
    }

    long stateHash()
    {
        long hash = Arrays.deepHashCode(accountLimits);
        hash = 31 * hash + Arrays.deepHashCode(overrides);
        return hash;
    }
}
