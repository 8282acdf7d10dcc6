package io.sluice.admin.telegram;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.http.PendingSignals;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.ingest.Source;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Turns Telegram Bot API updates into RawSignals, the same way for long polling and for the webhook.
 * <p>
 * Only {@code channel_post} and {@code edited_channel_post} from a chat some source is configured for are
 * signals; their {@code text} (or a media post's {@code caption}) is published as FREE_TEXT with source
 * TELEGRAM, the source's account and name (channel), signal id {@code tg-<update_id>}, and the dedup key
 * {@code tg:<chat_id>:<message_id>} (or {@code tg:<update_id>} when configured): a redelivered update, and by
 * default an edit of an already-published post, is refused by the engine as DUPLICATE and never trades twice.
 * Everything else is ignored and counted, and is confirmed to Telegram like a published update.
 */
public final class TelegramUpdates
{
    /** What became of one update. */
    public enum Outcome
    {
        /** On the ingress stream. */
        PUBLISHED,
        /** Not a signal for any configured channel; nothing to publish. */
        IGNORED,
        /** The engine could not take it now: do not confirm it, Telegram will deliver it again. */
        UNAVAILABLE
    }

    private final PendingSignals signals;
    private final IngestSettings settings;
    private final EpochNanoClock clock;
    private final int maxBodyBytes;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /**
     * Updates handled for the configured Telegram sources.
     *
     * @param signals      publishes accepted signals and re-publishes them until journaled.
     * @param settings     sources and Telegram settings.
     * @param clock        wall clock, epoch ns.
     * @param maxBodyBytes largest body the publisher takes.
     */
    public TelegramUpdates(
        final PendingSignals signals, final IngestSettings settings, final EpochNanoClock clock, final int maxBodyBytes)
    {
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Publish one update if it is a post of a configured channel.
     *
     * @param update an Update object as the Bot API sends it.
     * @return the outcome.
     */
    public Outcome onUpdate(final JsonNode update)
    {
        final JsonNode updateId = update.get("update_id");
        JsonNode post = update.get("channel_post");
        if (post == null)
        {
            post = update.get("edited_channel_post");
        }
        if (updateId == null || !updateId.canConvertToLong() || post == null || !post.isObject())
        {
            return ignore();
        }
        final JsonNode chat = post.get("chat");
        final JsonNode messageId = post.get("message_id");
        if (chat == null || chat.get("id") == null || !chat.get("id").canConvertToLong() || messageId == null ||
            !messageId.canConvertToLong())
        {
            return ignore();
        }
        final long chatId = chat.get("id").asLong();
        final String username = chat.get("username") != null && chat.get("username").isTextual() ? chat.get("username").asText() : null;
        final Source source = settings.telegramSource(chatId, username);
        JsonNode text = post.get("text");
        if (text == null)
        {
            text = post.get("caption");
        }
        if (source == null || text == null || !text.isTextual() || text.asText().isBlank())
        {
            return ignore();
        }
        final byte[] body = text.asText().getBytes(StandardCharsets.UTF_8);
        if (body.length > maxBodyBytes)
        {
            return ignore();
        }
        final String key = settings.telegramDedup() == IngestSettings.TelegramDedup.UPDATE ?
            "tg:" + updateId.asLong() : "tg:" + chatId + ":" + messageId.asLong();
        final IngressPublisher.Result result = signals.publish(new PendingSignals.Delivery(SignalSource.TELEGRAM,
            SignalFormat.FREE_TEXT, clock.nanoTime(), "tg-" + updateId.asLong(), source.account(), key, body, source.name()));
        if (result != IngressPublisher.Result.OK)
        {
            return Outcome.UNAVAILABLE;
        }
        published.incrementAndGet();
        return Outcome.PUBLISHED;
    }

    private Outcome ignore()
    {
        ignored.incrementAndGet();
        return Outcome.IGNORED;
    }

    /** @return updates published. */
    public long published()
    {
        return published.get();
    }

    /** @return updates ignored (not channel posts of configured channels, or without text). */
    public long ignored()
    {
        return ignored.get();
    }
}
