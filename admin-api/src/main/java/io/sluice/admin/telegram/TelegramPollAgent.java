package io.sluice.admin.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.ingest.IngestSettings;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * Long-polls the Bot API's {@code getUpdates} for channel posts, without blocking its duty cycle: one request in
 * flight at a time ({@code allowed_updates} = channel_post and edited_channel_post), its answer handled when done.
 * <p>
 * Offset confirmation: Telegram forgets updates below the offset of the next getUpdates. The offset moves past an
 * update only once it is published (or deliberately ignored); when the engine cannot take one, the rest of the
 * batch waits and the next poll asks from that update again, so no post is lost. Failures back off and are
 * reported without the request URL, which holds the bot token.
 */
public final class TelegramPollAgent implements Agent
{
    /** Pause after a failed poll. */
    public static final long RETRY_BACKOFF_MS = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int LIMIT = 100;

    private final HttpClient http;
    private final URI getUpdates;
    private final int timeoutSeconds;
    private final TelegramUpdates updates;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private CompletableFuture<HttpResponse<String>> inFlight;
    private volatile long offset;
    private long retryAtMs;

    /**
     * An agent polling with the settings' token, API URL and timeout.
     *
     * @param settings     Telegram settings (token never logged).
     * @param updates      publishes the updates.
     * @param clock        wall clock in ms, for backoff.
     * @param errorHandler receives failures (messages without the URL).
     */
    public TelegramPollAgent(
        final IngestSettings settings, final TelegramUpdates updates, final EpochClock clock, final ErrorHandler errorHandler)
    {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.getUpdates = URI.create(settings.telegramApiUrl() + "/bot" + settings.telegramToken() + "/getUpdates");
        this.timeoutSeconds = settings.telegramPollTimeoutSeconds();
        this.updates = updates;
        this.clock = clock;
        this.errorHandler = errorHandler;
    }

    public int doWork()
    {
        if (inFlight == null)
        {
            if (clock.time() < retryAtMs)
            {
                return 0;
            }
            inFlight = http.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
            polls.incrementAndGet();
            return 1;
        }
        if (!inFlight.isDone())
        {
            return 0;
        }
        final CompletableFuture<HttpResponse<String>> done = inFlight;
        inFlight = null;
        try
        {
            onResponse(done.get());
        }
        catch (final ExecutionException ex)
        {
            fail("telegram getUpdates failed: " + ex.getCause().getClass().getSimpleName());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    private HttpRequest request()
    {
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("offset", offset);
        body.put("limit", LIMIT);
        body.put("timeout", timeoutSeconds);
        body.putArray("allowed_updates").add("channel_post").add("edited_channel_post");
        return HttpRequest.newBuilder(getUpdates)
            .timeout(Duration.ofSeconds(timeoutSeconds + 15L))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    }

    private void onResponse(final HttpResponse<String> response)
    {
        final JsonNode json;
        try
        {
            json = MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            fail("telegram getUpdates answered HTTP " + response.statusCode() + " without JSON");
            return;
        }
        if (json == null || !json.path("ok").asBoolean(false) || !json.path("result").isArray())
        {
            // e.g. 401 for a revoked token, 409 while a webhook is set: the description never holds the token.
            fail("telegram getUpdates answered " + json.path("error_code").asInt(response.statusCode()) + ": " +
                truncate(json.path("description").asText("")));
            return;
        }
        for (final JsonNode update : json.get("result"))
        {
            final long updateId = update.path("update_id").asLong(-1);
            if (updateId < offset)
            {
                continue;
            }
            if (updates.onUpdate(update) == TelegramUpdates.Outcome.UNAVAILABLE)
            {
                retryAtMs = clock.time() + RETRY_BACKOFF_MS;
                return;
            }
            offset = updateId + 1;
        }
    }

    private void fail(final String message)
    {
        failures.incrementAndGet();
        retryAtMs = clock.time() + RETRY_BACKOFF_MS;
        errorHandler.onError(new IOException(message));
    }

    private static String truncate(final String text)
    {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    public void onClose()
    {
        if (inFlight != null)
        {
            inFlight.cancel(true);
        }
    }

    public String roleName()
    {
        return "telegram-poll";
    }

    /** @return the offset the next getUpdates will send (last confirmed update_id + 1). */
    public long offset()
    {
        return offset;
    }

    /** @return getUpdates requests sent. */
    public long polls()
    {
        return polls.get();
    }

    /** @return failed polls. */
    public long failures()
    {
        return failures.get();
    }
}
