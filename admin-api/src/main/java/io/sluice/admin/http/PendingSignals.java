package io.sluice.admin.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sluice.admin.IngressPublisher;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.NanoClock;

/**
 * The one way a signal is accepted: published on the ingress stream and remembered until the journal shows it.
 * An engine killed after reading a signal from Aeron but before journaling it never saw it, and its successor
 * joins the stream after it; so every accepted signal is published again, with the same fields, each
 * {@code afterNs} until the journal has it (the engine refuses a repeat of one it did journal as a duplicate of
 * the same id or idempotency key). Bounded: when {@code capacity} signals are still unjournaled, new ones are
 * refused (503) rather than any accepted one forgotten.
 */
public final class PendingSignals
{
    /** Default number of accepted signals that may wait for the journal. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /**
     * An accepted signal: exactly the RawSignal's fields, so a re-publication is the same signal.
     *
     * @param source         where it came from.
     * @param format         how its body is written.
     * @param ingressTimeNs  wall clock stamped on the RawSignal when first accepted.
     * @param signalId       id.
     * @param account        account, or empty when the body names it.
     * @param idempotencyKey key the engine deduplicates on, or empty for the signal id.
     * @param body           the body as accepted (secrets blanked).
     * @param channel        configured source name, or empty.
     */
    public record Delivery(
        SignalSource source,
        SignalFormat format,
        long ingressTimeNs,
        String signalId,
        String account,
        String idempotencyKey,
        byte[] body,
        String channel)
    {
    }

    private static final class Entry
    {
        final Delivery delivery;
        long sentNs;
        int sends = 1;

        Entry(final Delivery delivery, final long sentNs)
        {
            this.delivery = delivery;
            this.sentNs = sentNs;
        }
    }

    private final IngressPublisher publisher;
    private final NanoClock clock;
    private final int capacity;
    private final Map<String, Entry> undelivered = new LinkedHashMap<>();
    private long redelivered;

    /**
     * Accepted signals published through a publisher.
     *
     * @param publisher the ingress stream.
     * @param clock     monotonic clock timing re-publication.
     * @param capacity  signals that may wait for the journal before new ones are refused.
     */
    public PendingSignals(final IngressPublisher publisher, final NanoClock clock, final int capacity)
    {
        this.publisher = publisher;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Publish a signal and, when the stream took it, remember it until the journal shows it.
     *
     * @param delivery the signal.
     * @return OK when accepted; otherwise nothing was accepted.
     */
    public synchronized IngressPublisher.Result publish(final Delivery delivery)
    {
        if (undelivered.size() >= capacity && !undelivered.containsKey(delivery.signalId()))
        {
            return IngressPublisher.Result.BACK_PRESSURED;
        }
        final IngressPublisher.Result result = publisher.publishSignal(delivery.source(), delivery.format(),
            delivery.ingressTimeNs(), delivery.signalId(), delivery.account(), delivery.idempotencyKey(), delivery.body(),
            delivery.channel());
        if (result == IngressPublisher.Result.OK)
        {
            undelivered.remove(delivery.signalId());
            undelivered.put(delivery.signalId(), new Entry(delivery, clock.nanoTime()));
        }
        return result;
    }

    /**
     * Forget the signals the journal now shows and publish again, oldest first, those still missing
     * {@code afterNs} after they were last published. Does nothing while no engine is connected.
     *
     * @param journaled tells whether the journal holds a signal.
     * @param afterNs   how long a signal may stay out of the journal.
     * @return the ids published again.
     */
    public synchronized List<String> redeliver(final Predicate<String> journaled, final long afterNs)
    {
        final List<String> again = new ArrayList<>();
        final long nowNs = clock.nanoTime();
        final Iterator<Entry> iterator = undelivered.values().iterator();
        while (iterator.hasNext())
        {
            final Entry entry = iterator.next();
            final Delivery d = entry.delivery;
            if (journaled.test(d.signalId()))
            {
                iterator.remove();
            }
            else if (nowNs - entry.sentNs >= afterNs && publisher.isConnected())
            {
                final IngressPublisher.Result result = publisher.publishSignal(d.source(), d.format(), d.ingressTimeNs(),
                    d.signalId(), d.account(), d.idempotencyKey(), d.body(), d.channel());
                if (result == IngressPublisher.Result.OK)
                {
                    entry.sentNs = nowNs;
                    entry.sends++;
                    redelivered++;
                    again.add(d.signalId());
                }
            }
        }
        return again;
    }

    /**
     * An accepted signal the journal does not show yet.
     *
     * @param signalId id.
     * @return the signal, or null.
     */
    public synchronized Delivery get(final String signalId)
    {
        final Entry entry = undelivered.get(signalId);
        return entry == null ? null : entry.delivery;
    }

    /** @return signals accepted and not yet seen in the journal. */
    public synchronized int undelivered()
    {
        return undelivered.size();
    }

    /** @return re-publications so far. */
    public synchronized long redelivered()
    {
        return redelivered;
    }
}
