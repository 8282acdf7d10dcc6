package io.sluice.admin.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/signals/manual}: a signal from an operator, either a canonical signal or free text:
 * <pre>
 * {"actor":"ops@desk","signal":{"id":"m-1","account":"acc1","symbol":"BTCUSDT","side":"buy","qty":"0.1"}}
 * {"actor":"ops@desk","account":"acc1","text":"XAUUSD BUY 2050 SL 2045 TP 2060"}
 * </pre>
 * The operator's identity is journaled in the RawSignal's channel as {@code manual:<actor>} (source MANUAL); the
 * body published is exactly the {@code signal} object's bytes (checked like {@code POST /api/v1/signals}) or the
 * text's UTF-8 bytes.
 */
final class ManualSignalEndpoint
{
    /** Prefix of the channel of manual signals; the actor follows it. */
    static final String CHANNEL_PREFIX = "manual:";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final PendingSignals pendingSignals;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;
    private final int maxBodyBytes;

    ManualSignalEndpoint(
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final EpochNanoClock clock,
        final int maxBodyBytes)
    {
        this.pendingSignals = pendingSignals;
        this.signalIds = signalIds;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    ApiResponse submit(final ApiRequest request)
    {
        WebhookBodies.media(request.contentType(), false);
        WebhookBodies.requireText(request.body());
        final JsonNode json = WebhookBodies.object(request.body());
        final String actor = actor(json.get("actor"));
        final JsonNode text = json.get("text");
        final JsonNode signal = json.get("signal");
        if ((text == null) == (signal == null))
        {
            throw ApiException.invalidField("signal", "give either \"signal\" (canonical JSON) or \"text\"");
        }
        final String signalId;
        final String account;
        final String key;
        final SignalFormat format;
        final byte[] body;
        if (signal != null)
        {
            if (!signal.isObject())
            {
                throw ApiException.invalidField("signal", "signal must be a JSON object");
            }
            body = memberBytes(request.body(), "signal");
            final SignalRequest parsed = SignalRequest.parse(body);
            signalId = parsed.id() != null ? parsed.id() : signalIds.next();
            account = parsed.account();
            key = parsed.id() != null ? parsed.id() : "";
            format = SignalFormat.CANONICAL_JSON;
        }
        else
        {
            if (!text.isTextual() || text.asText().isBlank())
            {
                throw ApiException.invalidField("text", "text must be a non-empty string");
            }
            body = text.asText().getBytes(StandardCharsets.UTF_8);
            if (body.length > maxBodyBytes)
            {
                throw ApiException.invalidField("text", "text is longer than " + maxBodyBytes + " bytes");
            }
            WebhookBodies.requireText(body);
            final JsonNode accountNode = json.get("account");
            if (accountNode == null || !accountNode.isTextual() || !accountNode.asText().matches("[A-Za-z0-9._:-]{1,16}"))
            {
                throw ApiException.invalidField("account", "account is required: 1 to 16 letters, digits and . _ : -");
            }
            account = accountNode.asText();
            final String id = WebhookBodies.identifier(json.get("id"));
            if (json.has("id") && id == null)
            {
                throw ApiException.invalidField("id", "id must be 1 to 64 letters, digits and . _ : -");
            }
            signalId = id != null ? id : signalIds.next();
            key = id != null ? id : "";
            format = SignalFormat.FREE_TEXT;
        }
        final long ingressTimeNs = clock.nanoTime();
        final IngressPublisher.Result result = pendingSignals.publish(new PendingSignals.Delivery(
            SignalSource.MANUAL, format, ingressTimeNs, signalId, account, key, body, CHANNEL_PREFIX + actor));
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result));
        }
        final ObjectNode answer = Json.object();
        answer.put("signalId", signalId);
        answer.put("status", "ACCEPTED");
        answer.put("actor", actor);
        return ApiResponse.accepted(answer);
    }

    private static String actor(final JsonNode actor)
    {
        if (actor == null || !actor.isTextual() || !actor.asText().matches("[A-Za-z0-9._:/@-]{1,64}"))
        {
            throw ApiException.invalidField("actor", "actor is required: 1 to 64 letters, digits and . _ : - / @");
        }
        return actor.asText();
    }

    // The exact bytes of a top-level member's object value, so the engine parses what the operator sent.
    private static byte[] memberBytes(final byte[] body, final String name)
    {
        try (JsonParser parser = FACTORY.createParser(body))
        {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final boolean wanted = parser.currentName().equals(name);
                final JsonToken value = parser.nextToken();
                final long start = parser.currentTokenLocation().getByteOffset();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
                {
                    parser.skipChildren();
                }
                if (wanted)
                {
                    final long end = parser.currentLocation().getByteOffset();
                    return Arrays.copyOfRange(body, (int)start, (int)end);
                }
            }
        }
        catch (final IOException ex)
        {
            throw ApiException.unparseable("malformed JSON");
        }
        throw ApiException.invalidField(name, name + " is required");
    }
}
