package io.sluice.admin.stream;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * Feeds every WebSocket subscriber of {@code /api/v1/stream} from its own journal reader, so each one resumes
 * exactly where it asks (after a given journal index) and a slow client never loses events: the journal is the
 * buffer, and a subscriber whose channel is not writable is simply not read for until it drains.
 */
public final class StreamAgent implements Agent
{
    static final int BATCH_LIMIT = 128;
    static final long PING_INTERVAL_MS = 30_000;

    /**
     * A subscriber.
     *
     * @param channel the WebSocket channel.
     * @param after   stream records after this journal index; -1 for only new records.
     * @param prices  whether price events are wanted.
     */
    public record Subscription(Channel channel, long after, boolean prices)
    {
    }

    private static final class Subscriber
    {
        final Subscription subscription;
        final JournalReader reader;
        final StreamEvents events;
        long lastPingMs;

        Subscriber(final Subscription subscription, final JournalReader reader, final long nowMs)
        {
            this.subscription = subscription;
            this.reader = reader;
            this.events = new StreamEvents(subscription.prices());
            this.lastPingMs = nowMs;
        }
    }

    private final Journal journal;
    private final EpochClock clock;
    private final ManyToOneConcurrentLinkedQueue<Subscription> added = new ManyToOneConcurrentLinkedQueue<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private volatile int subscriberCount;

    /**
     * An agent over a journal.
     *
     * @param journal the open journal.
     * @param clock   wall clock for pings.
     */
    public StreamAgent(final Journal journal, final EpochClock clock)
    {
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Add a subscriber (any thread).
     *
     * @param subscription who and from where.
     */
    public void subscribe(final Subscription subscription)
    {
        added.offer(subscription);
    }

    /**
     * Subscribers being served.
     *
     * @return the count.
     */
    public int subscriberCount()
    {
        return subscriberCount;
    }

    public int doWork()
    {
        final long nowMs = clock.time();
        int work = addSubscribers(nowMs);
        for (int i = subscribers.size() - 1; i >= 0; i--)
        {
            final Subscriber subscriber = subscribers.get(i);
            final Channel channel = subscriber.subscription.channel();
            if (!channel.isActive())
            {
                subscriber.reader.close();
                subscribers.remove(i);
                work++;
                continue;
            }
            if (channel.isWritable())
            {
                work += send(subscriber);
            }
            if (nowMs - subscriber.lastPingMs >= PING_INTERVAL_MS)
            {
                subscriber.lastPingMs = nowMs;
                channel.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
            }
        }
        subscriberCount = subscribers.size();
        return work;
    }

    private int addSubscribers(final long nowMs)
    {
        int work = 0;
        Subscription subscription;
        while ((subscription = added.poll()) != null)
        {
            work++;
            final JournalReader reader = journal.reader();
            boolean reset = false;
            if (subscription.after() < 0)
            {
                reader.toEnd();
            }
            else if (reader.moveToIndex(subscription.after()))
            {
                // Positioned at the last record the client saw: read it and drop it.
                reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) -> { }, 1);
            }
            else
            {
                reader.toEnd();
                reset = true;
            }
            final Subscriber subscriber = new Subscriber(subscription, reader, nowMs);
            final ObjectNode hello = EventJson.object();
            hello.put("type", reset ? "reset" : "subscribed");
            hello.put("after", subscription.after());
            if (reset)
            {
                hello.put("message", "journal index " + subscription.after() + " is not in the journal; reload views and follow from now");
            }
            subscription.channel().writeAndFlush(new TextWebSocketFrame(EventJson.text(hello)));
            subscribers.add(subscriber);
        }
        return work;
    }

    private int send(final Subscriber subscriber)
    {
        final Channel channel = subscriber.subscription.channel();
        final int[] sent = new int[1];
        final int read = subscriber.reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            final ObjectNode event = subscriber.events.toEvent(index, kind, buffer, offset, length);
            if (event != null)
            {
                channel.write(new TextWebSocketFrame(EventJson.text(event)));
                sent[0]++;
            }
        }, BATCH_LIMIT);
        if (sent[0] > 0)
        {
            channel.flush();
        }
        return read;
    }

    public void onClose()
    {
        for (final Subscriber subscriber : subscribers)
        {
            subscriber.reader.close();
            subscriber.subscription.channel().close();
        }
        subscribers.clear();
        Subscription subscription;
        while ((subscription = added.poll()) != null)
        {
            subscription.channel().close();
        }
    }

    public String roleName()
    {
        return "admin-api-stream";
    }
}
