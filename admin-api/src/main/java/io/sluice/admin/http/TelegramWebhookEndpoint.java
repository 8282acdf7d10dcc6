package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.telegram.TelegramUpdates;

/**
 * {@code POST /webhook/telegram}: updates Telegram pushes after {@code setWebhook(url, secret_token)}. The header
 * {@code X-Telegram-Bot-Api-Secret-Token} must carry that secret. A refused update is answered 503 so Telegram
 * delivers it again; everything else 200, including updates that are not signals (Telegram would otherwise retry
 * them for a day).
 */
final class TelegramWebhookEndpoint
{
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final IngestSettings settings;
    private final TelegramUpdates updates;

    TelegramWebhookEndpoint(final IngestSettings settings, final TelegramUpdates updates)
    {
        this.settings = settings;
        this.updates = updates;
    }

    ApiResponse update(final ApiRequest request)
    {
        final byte[] secret = settings.telegramWebhookSecret();
        if (secret == null)
        {
            throw ApiException.notFound("the Telegram webhook is not configured");
        }
        final String presented = request.header(SECRET_HEADER);
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8)))
        {
            throw WebhookBodies.unauthorized("missing or wrong " + SECRET_HEADER);
        }
        WebhookBodies.media(request.contentType(), false);
        WebhookBodies.requireText(request.body());
        final JsonNode update = WebhookBodies.object(request.body());
        final TelegramUpdates.Outcome outcome = updates.onUpdate(update);
        if (outcome == TelegramUpdates.Outcome.UNAVAILABLE)
        {
            throw ApiException.engineUnavailable("the engine cannot take the update now; Telegram will deliver it again");
        }
        final ObjectNode answer = Json.object();
        answer.put("ok", true);
        answer.put("outcome", outcome.name());
        return ApiResponse.ok(answer);
    }
}
