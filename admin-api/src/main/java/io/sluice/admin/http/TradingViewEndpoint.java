package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.ingest.IdempotencyRule;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.ingest.Source;
import io.sluice.admin.ingest.SourceType;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /webhook/tradingview} and {@code POST /webhook/tradingview/{secret}}: TradingView alerts.
 * <p>
 * TradingView cannot send headers, so the source is found by its secret, in the path or in the body
 * ({@code "secret"}/{@code "passphrase"} of a JSON message, {@code secret=} of a PineConnector alert); a source
 * configured with an IP allowlist and no secret accepts secretless alerts from its addresses. The body's format
 * is decided here (a JSON object, a PineConnector alert, else free text) and it is published with every secret
 * blanked, so secrets never reach the journal. Parsing is the engine's: the answer (200) comes as soon as the
 * signal is on the ingress stream, well within TradingView's 3 s.
 */
final class TradingViewEndpoint
{
    private static final int MAX_KEY_PART = 100;

    private final IngestSettings settings;
    private final PendingSignals pendingSignals;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;

    TradingViewEndpoint(
        final IngestSettings settings,
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final EpochNanoClock clock)
    {
        this.settings = settings;
        this.pendingSignals = pendingSignals;
        this.signalIds = signalIds;
        this.clock = clock;
    }

    ApiResponse alert(final ApiRequest request, final String pathSecret)
    {
        final WebhookBodies.Media media = WebhookBodies.media(request.contentType(), true);
        final String text = WebhookBodies.requireText(request.body());
        final JsonNode json = text.stripLeading().startsWith("{") ? WebhookBodies.parseOrNull(request.body()) : null;
        if (media == WebhookBodies.Media.JSON && (json == null || !json.isObject()))
        {
            throw ApiException.unparseable("malformed JSON (or nesting deeper than " + WebhookBodies.MAX_JSON_DEPTH + " levels)");
        }
        final boolean isJson = json != null && json.isObject();
        final boolean isPine = !isJson && WebhookBodies.looksLikePineConnector(text);

        final String bodySecret = isJson ? bodySecret(json) : isPine ? WebhookBodies.pineSecret(text) : null;
        final Source source = source(pathSecret, bodySecret);
        final String client = ClientAddress.of(request, settings.trustedProxies());
        if (!source.allows(client))
        {
            throw WebhookBodies.forbidden("this address may not send alerts for this source");
        }

        final byte[] body;
        final SignalFormat format;
        if (isJson)
        {
            body = WebhookBodies.blankJsonSecrets(request.body());
            format = SignalFormat.TRADINGVIEW_JSON;
        }
        else if (isPine)
        {
            body = WebhookBodies.blankPineSecret(text).getBytes(StandardCharsets.UTF_8);
            format = SignalFormat.PINECONNECTOR;
        }
        else
        {
            body = request.body();
            format = SignalFormat.FREE_TEXT;
        }

        final String clientId = isJson ? WebhookBodies.identifier(json.get("id")) : null;
        final String signalId = clientId != null ? clientId : signalIds.next();
        final String key = idempotencyKey(source, clientId, isJson ? json : null, body);
        final long ingressTimeNs = clock.nanoTime();
        final IngressPublisher.Result result = pendingSignals.publish(new PendingSignals.Delivery(
            SignalSource.TRADINGVIEW, format, ingressTimeNs, signalId, source.account(), key, body, source.name()));
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result));
        }
        final ObjectNode answer = Json.object();
        answer.put("signalId", signalId);
        answer.put("status", "ACCEPTED");
        answer.put("format", format.name());
        return ApiResponse.ok(answer);
    }

    private static String bodySecret(final JsonNode json)
    {
        for (final String name : List.of("secret", "passphrase"))
        {
            final JsonNode value = json.get(name);
            if (value != null && value.isTextual())
            {
                return value.asText();
            }
        }
        return null;
    }

    // Every candidate is compared, whatever matched, so the answer's timing says nothing about the secrets.
    private Source source(final String pathSecret, final String bodySecret)
    {
        final List<Source> candidates = settings.sources(SourceType.TRADINGVIEW);
        final String presented = pathSecret != null ? pathSecret : bodySecret;
        if (presented != null)
        {
            Source match = null;
            for (final Source source : candidates)
            {
                if (source.secretMatches(presented) && match == null)
                {
                    match = source;
                }
            }
            if (match == null)
            {
                throw WebhookBodies.unauthorized("unknown webhook secret");
            }
            return match;
        }
        Source open = null;
        int openCount = 0;
        for (final Source source : candidates)
        {
            if (source.secret() == null)
            {
                open = source;
                openCount++;
            }
        }
        if (openCount != 1)
        {
            throw WebhookBodies.unauthorized("a webhook secret is required (in the path or the alert's \"secret\")");
        }
        return open;
    }

    static String idempotencyKey(final Source source, final String clientId, final JsonNode json, final byte[] body)
    {
        final IdempotencyRule rule = source.idempotency();
        if (rule == IdempotencyRule.NONE)
        {
            return "";
        }
        if (rule == IdempotencyRule.BODY_HASH)
        {
            return "tv:" + source.name() + ":h:" + WebhookBodies.hash(source.name(), body);
        }
        if (clientId != null)
        {
            return clientId;
        }
        if (rule == IdempotencyRule.CLIENT_ID)
        {
            return "";
        }
        final String timeAndOrder = json == null ? null : timeAndOrder(json);
        if (timeAndOrder != null)
        {
            return "tv:" + source.name() + ":" + timeAndOrder;
        }
        return rule == IdempotencyRule.AUTO ? "tv:" + source.name() + ":h:" + WebhookBodies.hash(source.name(), body) : "";
    }

    // TradingView's {{timenow}} and {{strategy.order.id}}, at the top level or inside a "strategy" object.
    private static String timeAndOrder(final JsonNode json)
    {
        final JsonNode strategy = json.get("strategy") != null && json.get("strategy").isObject() ? json.get("strategy") : null;
        final String time = firstText(json, strategy, "timenow", "time");
        final String order = firstText(json, strategy, "order_id", "strategy_order_id", "orderId", "id");
        if (time == null || order == null || (strategy == null && json.get("order_id") == null &&
            json.get("strategy_order_id") == null && json.get("orderId") == null))
        {
            return null;
        }
        return WebhookBodies.ascii(time, MAX_KEY_PART) + ":" + WebhookBodies.ascii(order, MAX_KEY_PART);
    }

    private static String firstText(final JsonNode json, final JsonNode strategy, final String... names)
    {
        for (final String name : names)
        {
            if (!name.equals("id"))
            {
                final JsonNode top = json.get(name);
                if (top != null && (top.isTextual() || top.isNumber()) && !top.asText().isEmpty())
                {
                    return top.asText();
                }
            }
            if (strategy != null)
            {
                final JsonNode inner = strategy.get(name);
                if (inner != null && (inner.isTextual() || inner.isNumber()) && !inner.asText().isEmpty())
                {
                    return inner.asText();
                }
            }
        }
        return null;
    }
}
