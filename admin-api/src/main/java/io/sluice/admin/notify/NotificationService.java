package io.sluice.admin.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.sluice.admin.metrics.MetricsRegistry;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.protocol.Settings;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

/**
 * Notifications from the journal: a tail that starts at the journal's end (history is never re-sent after a
 * restart) classifies records and offers them to each configured channel, and every channel sends on its own
 * thread. Channels are configured by settings; their tokens come from the environment:
 * <pre>
 *   sluice.notify.telegram.chatId       + env SLUICE_TELEGRAM_BOT_TOKEN   (sluice.notify.telegram.baseUrl)
 *   sluice.notify.whatsapp.phoneNumberId, sluice.notify.whatsapp.to + env SLUICE_WHATSAPP_TOKEN (…whatsapp.baseUrl)
 *   sluice.notify.webhook.url           (+ optional env SLUICE_NOTIFY_WEBHOOK_SECRET, sent as a bearer token)
 *   per channel: .events (kinds, default all), .refusals (reason codes or *), .burst (3), .perMinute (20)
 * </pre>
 */
public final class NotificationService implements AutoCloseable
{
    /** Telegram bot token. */
    public static final String TELEGRAM_TOKEN_ENV = "SLUICE_TELEGRAM_BOT_TOKEN";
    /** WhatsApp Cloud API access token. */
    public static final String WHATSAPP_TOKEN_ENV = "SLUICE_WHATSAPP_TOKEN";
    /** Optional bearer secret of the generic webhook. */
    public static final String WEBHOOK_SECRET_ENV = "SLUICE_NOTIFY_WEBHOOK_SECRET";
    /** Refusal reasons notified by default: the ones that need a person. */
    public static final String DEFAULT_REFUSALS =
        "KILL_SWITCH,GATEWAY_DOWN,CIRCUIT_BREAKER,DAILY_LOSS,DRAWDOWN,DAY_LOCK,SESSION_EXPIRED,ENGINE_ERROR,AUTH_FAILED,PAIR_BLOCKED";

    private final List<ChannelDispatcher> dispatchers;
    private final List<AgentRunner> runners = new ArrayList<>();

    /**
     * Start notifications when at least one channel is configured.
     *
     * @param settings     configuration.
     * @param env          environment lookup.
     * @param journal      the journal to tail.
     * @param clock        wall clock (rate limits).
     * @param metrics      where sends, failures and drops are counted.
     * @param errorHandler unexpected failures.
     */
    public NotificationService(
        final Settings settings, final Function<String, String> env, final Journal journal, final EpochNanoClock clock,
        final MetricsRegistry metrics, final ErrorHandler errorHandler)
    {
        metrics.counter("sluice_notifications_sent_total", "Notification messages delivered, by channel.");
        metrics.counter("sluice_notifications_covered_total", "Notifications delivered (a summary covers several), by channel.");
        metrics.counter("sluice_notification_failures_total", "Notification messages that failed to deliver, by channel.");
        metrics.counter("sluice_notifications_queued_total", "Notifications a channel's filter accepted, by channel.");
        metrics.counter("sluice_notifications_dropped_total", "Notifications dropped because a channel's queue was full, by channel.");
        dispatchers = channels(settings, env, clock, metrics);
        if (dispatchers.isEmpty())
        {
            return;
        }
        for (final ChannelDispatcher dispatcher : dispatchers)
        {
            final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(20), errorHandler, null, dispatcher);
            runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
        final AgentRunner tail = new AgentRunner(new SleepingMillisIdleStrategy(5), errorHandler, null, new TailAgent(journal, dispatchers));
        runners.add(tail);
        AgentRunner.startOnThread(tail);
    }

    /**
     * Names of the configured channels.
     *
     * @return e.g. ["telegram", "webhook"].
     */
    public List<String> channelNames()
    {
        return dispatchers.stream().map(ChannelDispatcher::name).toList();
    }

    private static List<ChannelDispatcher> channels(
        final Settings settings, final Function<String, String> env, final EpochNanoClock clock, final MetricsRegistry metrics)
    {
        final Duration timeout = Duration.ofMillis(settings.getLong("sluice.notify.timeoutMs", 5000));
        final HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        final List<ChannelDispatcher> result = new ArrayList<>();
        final String chatId = settings.get("sluice.notify.telegram.chatId", "");
        if (!chatId.isBlank())
        {
            final String token = require(env.apply(TELEGRAM_TOKEN_ENV), TELEGRAM_TOKEN_ENV);
            if (!token.matches("[0-9]+:[A-Za-z0-9_-]+"))
            {
                // Never echo the value: it is a secret and it becomes part of the Bot API's URL.
                throw new IllegalArgumentException(TELEGRAM_TOKEN_ENV + " does not look like a bot token (digits:letters)");
            }
            result.add(new ChannelDispatcher(new NotifyChannel.Telegram(http, timeout,
                settings.get("sluice.notify.telegram.baseUrl", "https://api.telegram.org"), token, chatId),
                filter(settings, "telegram"), clock, metrics));
        }
        final String phoneNumberId = settings.get("sluice.notify.whatsapp.phoneNumberId", "");
        if (!phoneNumberId.isBlank())
        {
            final String token = require(env.apply(WHATSAPP_TOKEN_ENV), WHATSAPP_TOKEN_ENV);
            result.add(new ChannelDispatcher(new NotifyChannel.WhatsApp(http, timeout,
                settings.get("sluice.notify.whatsapp.baseUrl", "https://graph.facebook.com/v21.0"), phoneNumberId, token,
                settings.get("sluice.notify.whatsapp.to", "")), filter(settings, "whatsapp"), clock, metrics));
        }
        final String url = settings.get("sluice.notify.webhook.url", "");
        if (!url.isBlank())
        {
            final String secret = env.apply(WEBHOOK_SECRET_ENV);
            result.add(new ChannelDispatcher(new NotifyChannel.Webhook(http, timeout, url, secret == null || secret.isEmpty() ? null : secret),
                filter(settings, "webhook"), clock, metrics));
        }
        return result;
    }

    static ChannelDispatcher.Filter filter(final Settings settings, final String channel)
    {
        final String prefix = "sluice.notify." + channel + ".";
        final Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        final List<String> kindNames = settings.getList(prefix + "events", "");
        if (kindNames.isEmpty())
        {
            kinds.addAll(EnumSet.allOf(NotificationKind.class));
        }
        for (final String name : kindNames)
        {
            kinds.add(NotificationKind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        final Set<String> refusals = new HashSet<>(settings.getList(prefix + "refusals", DEFAULT_REFUSALS));
        final int burst = settings.getInt(prefix + "burst", 3);
        final int perMinute = settings.getInt(prefix + "perMinute", 20);
        if (burst < 1 || perMinute < 1)
        {
            throw new IllegalArgumentException(prefix + "burst and " + prefix + "perMinute must be at least 1");
        }
        return new ChannelDispatcher.Filter(kinds, refusals, burst, perMinute);
    }

    private static String require(final String value, final String envName)
    {
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("the environment variable " + envName + " must hold the channel's token");
        }
        return value;
    }

    public void close()
    {
        CloseHelper.closeAll(runners);
    }

    /** Follows the journal from its end and hands each notification to every channel. */
    static final class TailAgent implements Agent
    {
        private final Journal journal;
        private final List<ChannelDispatcher> dispatchers;
        private final NotificationClassifier classifier = new NotificationClassifier();
        private final long startAfterIndex;
        private JournalReader reader;

        TailAgent(final Journal journal, final List<ChannelDispatcher> dispatchers)
        {
            this.journal = journal;
            this.dispatchers = dispatchers;
            // Taken when the service starts, so records appended from then on are notified whenever the thread runs.
            this.startAfterIndex = journal.lastIndex();
        }

        public void onStart()
        {
            reader = journal.reader();
            if (startAfterIndex < 0 || !reader.moveToIndex(startAfterIndex))
            {
                reader.toStart();
            }
            else
            {
                reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) -> { }, 1);
            }
        }

        public int doWork()
        {
            return reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) ->
            {
                final Notification notification = classifier.classify(index, kind, buffer, offset, length);
                if (notification != null)
                {
                    for (final ChannelDispatcher dispatcher : dispatchers)
                    {
                        dispatcher.offer(notification);
                    }
                }
            }, 256);
        }

        public void onClose()
        {
            if (reader != null)
            {
                reader.close();
            }
        }

        public String roleName()
        {
            return "admin-api-notify-tail";
        }
    }
}
