package io.sluice.admin.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signals the API accepted and published, remembered (a bounded number, oldest forgotten first) so that a
 * GET right after the POST can answer PENDING before the engine has journaled the signal.
 */
public final class PendingSignals
{
    /** Default number of accepted signals remembered. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /**
     * One accepted signal.
     *
     * @param signalId      id.
     * @param source        SignalSource name.
     * @param account       account.
     * @param ingressTimeNs wall clock stamped on the RawSignal.
     */
    public record Pending(String signalId, String source, String account, long ingressTimeNs)
    {
    }

    /** What is needed to publish an accepted signal again: the exact RawSignal fields. */
    public record Delivery(
        io.sluice.sbe.SignalSource source,
        io.sluice.sbe.SignalFormat format,
        long ingressTimeNs,
        String signalId,
        String account,
        String idempotencyKey,
        byte[] body)
    {
    }

    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
    private final Map<String, long[]> lastSentNs = new LinkedHashMap<>();

    private final Map<String, Pending> pending;

    /**
     * A set remembering up to capacity signals.
     *
     * @param capacity maximum remembered.
     */
    public PendingSignals(final int capacity)
    {
        pending = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false)
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<String, Pending> eldest)
            {
                return size() > capacity;
            }
        };
    }

    /**
     * Remember an accepted signal.
     *
     * @param signal the signal.
     */
    public synchronized void add(final Pending signal)
    {
        pending.remove(signal.signalId());
        pending.put(signal.signalId(), signal);
    }

    /**
     * An accepted signal by id.
     *
     * @param signalId id.
     * @return the signal, or null when not remembered.
     */
    /**
     * Remember how an accepted signal was published, so it can be published again until the journal shows it.
     *
     * @param delivery the RawSignal's fields.
     * @param sentNs   when it was published.
     */
    public synchronized void track(final Delivery delivery, final long sentNs)
    {
        deliveries.put(delivery.signalId(), delivery);
        lastSentNs.put(delivery.signalId(), new long[] { sentNs, 1 });
        while (deliveries.size() > DEFAULT_CAPACITY)
        {
            final String eldest = deliveries.keySet().iterator().next();
            deliveries.remove(eldest);
            lastSentNs.remove(eldest);
        }
    }

    /**
     * Signals accepted but still not journaled {@code afterNs} after they were last published; forgets the ones
     * the journal now shows.
     *
     * @param journaled tells whether the read model holds a signal.
     * @param nowNs     current time.
     * @param afterNs   how long to wait before publishing again.
     * @return the deliveries to publish again (their send time is updated).
     */
    public synchronized java.util.List<Delivery> due(
        final java.util.function.Predicate<String> journaled, final long nowNs, final long afterNs)
    {
        final java.util.List<Delivery> due = new java.util.ArrayList<>();
        final java.util.Iterator<Map.Entry<String, Delivery>> iterator = deliveries.entrySet().iterator();
        while (iterator.hasNext())
        {
            final Map.Entry<String, Delivery> entry = iterator.next();
            final long[] sent = lastSentNs.get(entry.getKey());
            if (journaled.test(entry.getKey()))
            {
                iterator.remove();
                lastSentNs.remove(entry.getKey());
            }
            else if (nowNs - sent[0] >= afterNs)
            {
                sent[0] = nowNs;
                sent[1]++;
                due.add(entry.getValue());
            }
        }
        return due;
    }

    /** Signals accepted and not yet seen in the journal. */
    public synchronized int undelivered()
    {
        return deliveries.size();
    }

    public synchronized Pending get(final String signalId)
    {
        return pending.get(signalId);
    }

    /**
     * Signals remembered.
     *
     * @return the count.
     */
    public synchronized int size()
    {
        return pending.size();
    }
}
