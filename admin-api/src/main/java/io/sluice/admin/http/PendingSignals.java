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
 * joins the stream after it: such a signal is published again, with the same fields, until the journal has it
 * (the engine refuses a repeat of one it did journal as a duplicate of the same id or idempotency key).
 * <p>
 * A signal counts as lost only when a live subscriber has read past it ({@code consumed}, the highest position a
 * live subscriber of the stream has read to), {@code afterNs} have passed since, the journal has moved meanwhile
 * (it stands still when the engine is dead: a Tick a second otherwise), and the read model has applied every
 * record the journal held then without finding it. Signals still waiting in the stream are never repeated, so a restarted engine
 * draining a backlog sees no duplicates. Bounded: when {@code capacity} signals are still unjournaled, new ones are
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
        final long position;
        long consumedNs = NOT_YET;
        long dueEnd = NOT_YET;

        Entry(final Delivery delivery, final long position)
        {
            this.delivery = delivery;
            this.position = position;
        }
    }

    private static final long NOT_YET = Long.MIN_VALUE;

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
            undelivered.put(delivery.signalId(), new Entry(delivery, publisher.lastPosition()));
        }
        return result;
    }

    /**
     * Forget the signals the journal now shows and publish again, oldest first, those lost (see the class comment).
     *
     * @param journaled  tells whether the read model holds a signal.
     * @param journalEnd index of the journal's last record now.
     * @param applied    index of the last record the read model had applied before {@code journaled} is asked.
     * @param consumed   highest position a live subscriber of the stream has read to, or {@link Long#MAX_VALUE}
     *                   when unknown (no live subscriber's counter visible: then only time tells).
     * @param afterNs    how long the engine has to journal a signal it has read.
     * @return the ids published again.
     */
    public synchronized List<String> redeliver(
        final Predicate<String> journaled, final long journalEnd, final long applied, final long consumed, final long afterNs)
    {
        final long nowNs = clock.nanoTime();
        final boolean moved = journalEnd != lastJournalEnd;
        if (moved && nowNs - journalMovedNs > stallNs)
        {
            for (final Entry entry : undelivered.values())
            {
                entry.consumedNs = NOT_YET; // an engine (re)started: what it reads from now on gets afterNs again
                entry.dueEnd = NOT_YET;
            }
        }
        if (moved)
        {
            lastJournalEnd = journalEnd;
            journalMovedNs = nowNs;
        }
        final boolean stalled = nowNs - journalMovedNs > stallNs;

        final List<Entry> again = new ArrayList<>();
        final Iterator<Entry> iterator = undelivered.values().iterator();
        while (iterator.hasNext())
        {
            final Entry entry = iterator.next();
            if (journaled.test(entry.delivery.signalId()))
            {
                iterator.remove();
                continue;
            }
            if (entry.position > consumed)
            {
                continue; // still in the stream: the engine will read it
            }
            if (entry.consumedNs == NOT_YET)
            {
                entry.consumedNs = nowNs;
            }
            if (stalled || nowNs - entry.consumedNs < afterNs)
            {
                continue;
            }
            if (entry.dueEnd == NOT_YET)
            {
                entry.dueEnd = journalEnd; // had the engine journaled it, it would be at or before this index
            }
            if (applied >= entry.dueEnd)
            {
                again.add(entry);
            }
        }

        final List<String> ids = new ArrayList<>(again.size());
        for (final Entry entry : again)
        {
            if (!publisher.isConnected())
            {
                break;
            }
            final Delivery d = entry.delivery;
            final IngressPublisher.Result result = publisher.publishSignal(d.source(), d.format(), d.ingressTimeNs(),
                d.signalId(), d.account(), d.idempotencyKey(), d.body(), d.channel());
            if (result == IngressPublisher.Result.OK)
            {
                // Back in the stream, behind what is there: in publication order again.
                undelivered.remove(d.signalId());
                undelivered.put(d.signalId(), new Entry(d, publisher.lastPosition()));
                redelivered++;
                ids.add(d.signalId());
            }
        }
        return ids;
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
