package io.sluice.engine.core;

import java.util.ArrayDeque;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Live (non-terminal) orders by client order key, with a pre-allocated pool: placing and completing
 * orders never allocates. When the pool is empty new orders are refused, never dropped.
 */
final class OrderBook
{
    private final Long2ObjectHashMap<Order> live;
    private final ArrayDeque<Order> pool;
    private final int capacity;

    OrderBook(final int capacity)
    {
        this.capacity = capacity;
        this.live = new Long2ObjectHashMap<>(capacity * 2, 0.65f);
        this.pool = new ArrayDeque<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            final Order order = new Order();
            order.reset();
            pool.addLast(order);
        }
    }

    /** A reset order from the pool, or null when full. */
    Order acquire()
    {
        return pool.pollFirst();
    }

    void add(final Order order)
    {
        live.put(order.key, order);
    }

    Order get(final long key)
    {
        return live.get(key);
    }

    boolean contains(final long key)
    {
        return live.containsKey(key);
    }

    /** Remove a terminal order and return it to the pool. */
    void release(final Order order)
    {
        live.remove(order.key);
        order.reset();
        pool.addLast(order);
    }

    int size()
    {
        return live.size();
    }

    int capacity()
    {
        return capacity;
    }

    /** Visit every live order (allocation-free iteration over the map's values). */
    void forEach(final java.util.function.Consumer<Order> consumer)
    {
        final Long2ObjectHashMap<Order>.ValueIterator iterator = live.values().iterator();
        while (iterator.hasNext())
        {
            consumer.accept(iterator.next());
        }
    }

    /**
     * The live order with the smallest key above {@code after} (or the smallest of all when {@code first}) that
     * {@code filter} accepts: visiting orders in key order, whatever the map's iteration order. Allocation-free.
     */
    Order nextInKeyOrder(final long after, final boolean first, final OrderFilter filter)
    {
        Order next = null;
        final Long2ObjectHashMap<Order>.ValueIterator iterator = live.values().iterator();
        while (iterator.hasNext())
        {
            final Order order = iterator.next();
            if ((first || order.key > after) && (next == null || order.key < next.key) && filter.accepts(order))
            {
                next = order;
            }
        }
        return next;
    }

    /**
     * The most recently created live order {@code filter} accepts (the larger key among equals), or null.
     * Allocation-free and independent of the map's iteration order.
     */
    Order latestCreated(final OrderFilter filter)
    {
        Order latest = null;
        final Long2ObjectHashMap<Order>.ValueIterator iterator = live.values().iterator();
        while (iterator.hasNext())
        {
            final Order order = iterator.next();
            if (filter.accepts(order) && (latest == null || order.createdNs > latest.createdNs ||
                (order.createdNs == latest.createdNs && order.key > latest.key)))
            {
                latest = order;
            }
        }
        return latest;
    }

    /** Chooses orders for {@link #nextInKeyOrder}. */
    interface OrderFilter
    {
        boolean accepts(Order order);
    }

    /**
     * Live orders in the reverse of the map's iteration order: inserting them back in this order rebuilds the
     * same open-addressing layout, so iteration (which decides the order of e.g. a flatten's cancels) is the same.
     */
    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        final int size = live.size();
        out.putInt(capacity).putInt(size);
        final Order[] inOrder = new Order[size];
        int i = size;
        final Long2ObjectHashMap<Order>.ValueIterator iterator = live.values().iterator();
        while (iterator.hasNext())
        {
            inOrder[--i] = iterator.next();
        }
        for (final Order order : inOrder)
        {
            order.writeState(out);
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        final int snapshotCapacity = in.getInt();
        final int size = in.getInt();
        if (snapshotCapacity != capacity || size < 0 || size > capacity)
        {
            throw new io.sluice.engine.snapshot.SnapshotException(
                "order book of capacity " + snapshotCapacity + ", this one has " + capacity);
        }
        while (!live.isEmpty())
        {
            release(live.values().iterator().next());
        }
        for (int i = 0; i < size; i++)
        {
            final Order order = acquire();
            order.readState(in);
            add(order);
        }
    }

    long stateHash()
    {
        // Order-independent combination: the map's iteration order is not part of the state.
        long hash = live.size();
        final Long2ObjectHashMap<Order>.ValueIterator iterator = live.values().iterator();
        while (iterator.hasNext())
        {
            hash += io.sluice.protocol.Ascii.mix(iterator.next().stateHash());
        }
        return hash;
    }
}
