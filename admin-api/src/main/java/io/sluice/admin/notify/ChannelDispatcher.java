package io.sluice.admin.notify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.admin.metrics.MetricsRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * One channel's duty cycle on its own thread: filters notifications by kind and refusal reason, limits the rate
 * with a token bucket, and sends whatever waits as one message: a single notification as itself, several (a burst,
 * or what piled up while the bucket was empty) as one summary. A failed send is counted and dropped, never retried
 * in a loop, and never slows the journal tail or the API.
 */
public final class ChannelDispatcher implements Agent
{
    static final int QUEUE_CAPACITY = 1024;
    static final int SUMMARY_LINES = 10;
    private static final long NS_PER_MINUTE = 60_000_000_000L;

    /**
     * What a channel wants.
     *
     * @param kinds     kinds delivered.
     * @param refusals  refusal reasons delivered ("*" for all).
     * @param burst     messages allowed at once.
     * @param perMinute messages per minute, sustained.
     */
    public record Filter(Set<NotificationKind> kinds, Set<String> refusals, int burst, int perMinute)
    {
        boolean accepts(final Notification notification)
        {
            if (!kinds.contains(notification.kind()))
            {
                return false;
            }
            return notification.kind() != NotificationKind.REFUSAL || refusals.contains("*") || refusals.contains(notification.reason());
        }
    }

    private final NotifyChannel channel;
    private final Filter filter;
    private final EpochNanoClock clock;
    private final MetricsRegistry metrics;
    private final ManyToOneConcurrentArrayQueue<Notification> queue = new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final List<Notification> pending = new ArrayList<>();
    private double tokens;
    private long lastRefillNs;

    /**
     * A dispatcher.
     *
     * @param channel where to send.
     * @param filter  what and how often.
     * @param clock   time for the rate limit.
     * @param metrics counts sent, summarized, dropped and failed.
     */
    public ChannelDispatcher(final NotifyChannel channel, final Filter filter, final EpochNanoClock clock, final MetricsRegistry metrics)
    {
        this.channel = channel;
        this.filter = filter;
        this.clock = clock;
        this.metrics = metrics;
        this.tokens = filter.burst();
        this.lastRefillNs = clock.nanoTime();
    }

    /**
     * Offer a notification (journal tail thread); never blocks.
     *
     * @param notification the notification.
     */
    public void offer(final Notification notification)
    {
        if (filter.accepts(notification))
        {
            if (queue.offer(notification))
            {
                metrics.add("sluice_notifications_queued_total", 1, "channel", channel.name());
            }
            else
            {
                metrics.add("sluice_notifications_dropped_total", 1, "channel", channel.name());
            }
        }
    }

    /**
     * The channel's name.
     *
     * @return name.
     */
    public String name()
    {
        return channel.name();
    }

    public int doWork()
    {
        int work = queue.drain(pending::add);
        if (pending.isEmpty())
        {
            return work;
        }
        final long nowNs = clock.nanoTime();
        tokens = Math.min(filter.burst(), tokens + (nowNs - lastRefillNs) * (double)filter.perMinute() / NS_PER_MINUTE);
        lastRefillNs = nowNs;
        if (tokens < 1)
        {
            return work;
        }
        tokens -= 1;
        final String text = pending.size() == 1 ? pending.get(0).text() : summary(pending);
        final int count = pending.size();
        pending.clear();
        try
        {
            channel.send(text);
            metrics.add("sluice_notifications_sent_total", 1, "channel", channel.name());
            metrics.add("sluice_notifications_covered_total", count, "channel", channel.name());
        }
        catch (final IOException | RuntimeException ex)
        {
            metrics.add("sluice_notification_failures_total", 1, "channel", channel.name());
        }
        return work + 1;
    }

    static String summary(final List<Notification> notifications)
    {
        final Map<NotificationKind, Integer> byKind = new EnumMap<>(NotificationKind.class);
        for (final Notification n : notifications)
        {
            byKind.merge(n.kind(), 1, Integer::sum);
        }
        final StringBuilder text = new StringBuilder("Sluice: ").append(notifications.size()).append(" notifications (");
        final String[] parts = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).toArray(String[]::new);
        text.append(String.join(", ", parts)).append(')');
        for (int i = 0; i < Math.min(SUMMARY_LINES, notifications.size()); i++)
        {
            text.append('\n').append(notifications.get(i).text());
        }
        if (notifications.size() > SUMMARY_LINES)
        {
            text.append("\n... and ").append(notifications.size() - SUMMARY_LINES).append(" more");
        }
        return text.toString();
    }

    public String roleName()
    {
        return "admin-api-notify-" + channel.name();
    }
}
