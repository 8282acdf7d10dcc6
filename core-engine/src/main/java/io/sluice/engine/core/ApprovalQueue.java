package io.sluice.engine.core;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Signals waiting for an operator's approval: a fixed number of slots, each holding a copy of the RawSignal
 * frame and the hash of its signal id. Buffers are pre-allocated and only grow for an unusually large signal.
 */
final class ApprovalQueue
{
    private final long[] ids;
    private final int[] lengths;
    private final ExpandableArrayBuffer[] frames;
    // The account and instrument (first leg; -1 when unknown) each waiting signal trades, and the engine sequence it
    // arrived at: a free-text "cancel the BTC signal" finds the newest one.
    private final int[] accountIds;
    private final int[] instrumentIds;
    private final long[] sequences;

    ApprovalQueue(final int capacity)
    {
        ids = new long[capacity];
        lengths = new int[capacity];
        frames = new ExpandableArrayBuffer[capacity];
        accountIds = new int[capacity];
        instrumentIds = new int[capacity];
        sequences = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            frames[i] = new ExpandableArrayBuffer(2048);
        }
    }

    /** Keep a copy of the frame; false when every slot is taken. */
    boolean add(
        final long id, final DirectBuffer buffer, final int offset, final int length,
        final int accountId, final int instrumentId, final long sequence)
    {
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] == 0)
            {
                ids[i] = id;
                lengths[i] = length;
                frames[i].putBytes(0, buffer, offset, length);
                accountIds[i] = accountId;
                instrumentIds[i] = instrumentId;
                sequences[i] = sequence;
                return true;
            }
        }
        return false;
    }

    /** The newest waiting signal of the account (in the instrument when it is not negative), or -1. */
    int latest(final int accountId, final int instrumentId)
    {
        int latest = -1;
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0 && accountIds[i] == accountId && (instrumentId < 0 || instrumentIds[i] == instrumentId) &&
                (latest < 0 || sequences[i] > sequences[latest]))
            {
                latest = i;
            }
        }
        return latest;
    }

    int find(final long id)
    {
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0 && ids[i] == id)
            {
                return i;
            }
        }
        return -1;
    }

    DirectBuffer frame(final int slot)
    {
        return frames[slot];
    }

    int length(final int slot)
    {
        return lengths[slot];
    }

    void remove(final int slot)
    {
        lengths[slot] = 0;
        ids[slot] = 0;
        accountIds[slot] = 0;
        instrumentIds[slot] = 0;
        sequences[slot] = 0;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(lengths.length);
        for (int i = 0; i < lengths.length; i++)
        {
            out.putLong(ids[i]).putBytes(frames[i], 0, lengths[i]).putInt(accountIds[i]).putInt(instrumentIds[i]).putLong(sequences[i]);
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        if (in.getInt() != lengths.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("approval queue of another capacity");
        }
        for (int i = 0; i < lengths.length; i++)
        {
            ids[i] = in.getLong();
            lengths[i] = in.getBytes(frames[i], 0);
            accountIds[i] = in.getInt();
            instrumentIds[i] = in.getInt();
            sequences[i] = in.getLong();
        }
    }

    long stateHash()
    {
        long hash = 7;
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0)
            {
                hash = 31 * hash + i;
                hash = 31 * hash + ids[i];
                hash = 31 * hash + lengths[i];
                hash = 31 * hash + accountIds[i];
                hash = 31 * hash + instrumentIds[i];
                hash = 31 * hash + sequences[i];
                for (int b = 0; b < lengths[i]; b++)
                {
                    hash = 31 * hash + frames[i].getByte(b);
                }
            }
        }
        return hash;
    }
}
