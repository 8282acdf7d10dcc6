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
        long dueEnd = NOT_DUE;

        Entry(final Delivery delivery, final long sentNs)
        {
            this.delivery = delivery;
            this.sentNs = sentNs;
        }
    }

    private static final long NOT_DUE = Long.MIN_VALUE;

    private final IngressPublisher publisher;
    private final NanoClock clock;
    private final int capacity;
    private final long stallNs;
    private final Map<String, Entry> undelivered = new LinkedHashMap<>();
    private long redelivered;
    private long lastJournalEnd = Long.MIN_VALUE;
    private long journalMovedNs;

    /**
     * Accepted signals published through a publisher.
     *
     * @param publisher the ingress stream.
     * @param clock     monotonic clock timing re-publication.
     * @param capacity  signals that may wait for the journal before new ones are refused.
     * @param stallNs   how long the journal may stand still before the engine is taken for dead.
     */
    public PendingSignals(final IngressPublisher publisher, final NanoClock clock, final int capacity, final long stallNs)
    {
        this.publisher = publisher;
        this.clock = clock;
        this.capacity = capacity;
        this.stallNs = stallNs;
        this.journalMovedNs = clock.nanoTime();
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
     * Forget the signals the journal now shows and publish again, oldest first, those the engine has not journaled
     * although it had {@code afterNs} to do so:
     * <ul>
     * <li>"not journaled" is only concluded once the read model has applied every record the journal held when that
     * time was up, so a read model lagging behind a busy journal never causes a re-publication;</li>
     * <li>nothing is published while the journal stands still for longer than the stall time (a live engine
     * journals a Tick every second): a dead engine reads nothing, and what is published meanwhile waits in the
     * stream for its successor anyway; when the journal moves again every signal gets {@code afterNs} more, so the
     * successor drains the stream before anything is repeated;</li>
     * <li>nothing is published while no engine is connected.</li>
     * </ul>
     *
     * @param journaled  tells whether the read model holds a signal.
     * @param journalEnd index of the journal's last record now.
     * @param applied    index of the last record the read model had applied before {@code journaled} is asked.
     * @param afterNs    how long the engine has to journal a signal.
     * @return the ids published again.
     */
    public synchronized List<String> redeliver(
        final Predicate<String> journaled, final long journalEnd, final long applied, final long afterNs)
    {
        final long nowNs = clock.nanoTime();
        final boolean moved = journalEnd != lastJournalEnd;
        if (moved && nowNs - journalMovedNs > stallNs)
        {
            for (final Entry entry : undelivered.values())
            {
                entry.sentNs = nowNs; // an engine (re)started: let it read what waits in the stream first
                entry.dueEnd = NOT_DUE;
            }
        }
        if (moved)
        {
            lastJournalEnd = journalEnd;
            journalMovedNs = nowNs;
        }
        final boolean stalled = nowNs - journalMovedNs > stallNs;

        final List<String> again = new ArrayList<>();
        final Iterator<Entry> iterator = undelivered.values().iterator();
        while (iterator.hasNext())
        {
            final Entry entry = iterator.next();
            final Delivery d = entry.delivery;
            if (journaled.test(d.signalId()))
            {
                iterator.remove();
                continue;
            }
            if (stalled || nowNs - entry.sentNs < afterNs)
            {
                continue;
            }
            if (entry.dueEnd == NOT_DUE)
            {
                entry.dueEnd = journalEnd; // had the engine journaled it, it would be at or before this index
            }
            if (applied >= entry.dueEnd && publisher.isConnected())
            {
                final IngressPublisher.Result result = publisher.publishSignal(d.source(), d.format(), d.ingressTimeNs(),
                    d.signalId(), d.account(), d.idempotencyKey(), d.body(), d.channel());
                if (result == IngressPublisher.Result.OK)
                {
                    entry.sentNs = nowNs;
                    entry.dueEnd = NOT_DUE;
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
