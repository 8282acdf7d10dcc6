package io.sluice.engine.core;

import org.agrona.collections.Long2LongHashMap;

/**
 * Remembers idempotency keys for a bounded time and count, in event time: a repeat inside the window
 * is a duplicate. Keys are 64-bit hashes of (account, key); two different keys collide with probability
 * about n²/2⁶⁵ (3·10⁻¹⁰ for 100,000 live keys). Pre-sized: inserting and expiring never allocate.
 */
final class DedupWindow
{
    private static final long MISSING = Long.MIN_VALUE;

    private final long windowNs;
    private final long[] keys;
    private final long[] timesNs;
    private final Long2LongHashMap index;
    private int head;
    private int tail;
    private int count;

    DedupWindow(final int capacity, final long windowNs)
    {
        if (capacity <= 0 || windowNs <= 0)
        {
            throw new IllegalArgumentException("dedup capacity and window must be positive");
        }
        this.windowNs = windowNs;
        this.keys = new long[capacity];
        this.timesNs = new long[capacity];
        this.index = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
    }

    /**
     * Record a key, or report that it is already inside the window.
     *
     * @param key   hash of the idempotency key.
     * @param nowNs event time.
     * @return true when the key was seen inside the window (a duplicate); false when newly recorded.
     */
    boolean isDuplicate(final long key, final long nowNs)
    {
        expire(nowNs);
        if (index.get(key) != MISSING)
        {
            return true;
        }
        if (count == keys.length)
        {
            removeOldest();
        }
        keys[head] = key;
        timesNs[head] = nowNs;
        index.put(key, nowNs);
        head = (head + 1) % keys.length;
        count++;
        return false;
    }

    /**
     * Whether a key is inside the window, changing nothing (the dry run's dedup verdict).
     *
     * @param key   hash of the idempotency key.
     * @param nowNs event time.
     * @return true when {@link #isDuplicate} would call it a duplicate now.
     */
    boolean contains(final long key, final long nowNs)
    {
        final long seenNs = index.get(key);
        return seenNs != MISSING && nowNs - seenNs < windowNs;
    }

    /**
     * Forget keys older than the window.
     *
     * @param nowNs event time.
     */
    void expire(final long nowNs)
    {
        while (count > 0 && nowNs - timesNs[tail] >= windowNs)
        {
            removeOldest();
        }
    }

    private void removeOldest()
    {
        index.remove(keys[tail]);
        tail = (tail + 1) % keys.length;
        count--;
    }

    int size()
    {
        return count;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(keys.length).putInt(count);
        for (int i = 0, slot = tail; i < count; i++, slot = (slot + 1) % keys.length)
        {
            out.putLong(keys[slot]).putLong(timesNs[slot]);
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        final int capacity = in.getInt();
        final int entries = in.getInt();
        if (capacity != keys.length || entries < 0 || entries > capacity)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("dedup window of " + capacity + " keys, this one holds " + keys.length);
        }
        index.clear();
        for (int i = 0; i < entries; i++)
        {
            keys[i] = in.getLong();
            timesNs[i] = in.getLong();
            index.put(keys[i], timesNs[i]);
        }
        tail = 0;
        count = entries;
        head = entries % keys.length;
    }

    long stateHash()
    {
        long hash = 17;
        for (int i = 0, slot = tail; i < count; i++, slot = (slot + 1) % keys.length)
        {
            hash = 31 * hash + keys[slot];
            hash = 31 * hash + timesNs[slot];
        }
        return hash;
    }
}
