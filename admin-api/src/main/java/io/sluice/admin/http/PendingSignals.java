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
