package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.ingest.Source;
import io.sluice.admin.ingest.SourceType;
import io.sluice.admin.readmodel.ParseResultView;
import io.sluice.admin.readmodel.ParseResults;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/signals/parse?format=F[&channel=C][&account=A][&id=I]}: what Sluice would do with a message
 * — the canonical intent(s), or the reason it refuses — without trading. Users test their alert templates with it.
 * <p>
 * The body is published as a RawSignal with {@code dryRun=TRUE}, exactly as the matching signal endpoint would
 * publish it (same format decision, secrets blanked, the channel's source and account, the same idempotency key),
 * so the engine judges it with the same parsers, per-source settings, completion rules, dedup verdict, approval
 * threshold and pre-trade gates, changes no state and answers with a ParseResult. This endpoint waits for that
 * answer on the journal tail, asynchronously and for a bounded time: 504 ENGINE_TIMEOUT when it does not come,
 * 503 ENGINE_UNAVAILABLE when the engine cannot take the dry run.
 */
final class ParseEndpoint
{
    /** How long a request waits for the engine's answer by default. */
    static final long DEFAULT_TIMEOUT_MS = 2000;

    private final IngressPublisher publisher;
    private final IngestSettings settings;
    private final ParseResults results;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;
    private final long timeoutMs;
    private final AtomicLong lastRequestTimeNs = new AtomicLong();

    ParseEndpoint(
        final IngressPublisher publisher,
        final IngestSettings settings,
        final ParseResults results,
        final SignalIds signalIds,
        final EpochNanoClock clock,
        final long timeoutMs)
    {
        this.publisher = publisher;
        this.settings = settings;
        this.results = results;
        this.signalIds = signalIds;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Publish the dry run and answer when the engine has.
     *
     * @param request the request.
     * @return completed with the answer (errors as error answers), never exceptionally.
     * @throws ApiException 400/415 for a bad request, 503 when the engine cannot take it.
     */
    CompletableFuture<ApiResponse> parse(final ApiRequest request)
    {
        final WebhookBodies.Media media = WebhookBodies.media(request.contentType(), true);
        final String text = WebhookBodies.requireText(request.body());
        final String formatName = single(request, "format");
        if (formatName == null)
        {
            throw ApiException.invalidField("format", "format is required: tradingview, canonical, openalgo, pineconnector, hedge or text");
        }
        final Source source = source(single(request, "channel"));
        final String account = account(source, single(request, "account"));
        final String idParameter = single(request, "id");
        if (idParameter != null && !idParameter.matches("[A-Za-z0-9._:-]{1,64}"))
        {
            throw ApiException.invalidField("id", "id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
        }

        final JsonNode json = text.stripLeading().startsWith("{") ? WebhookBodies.parseOrNull(request.body()) : null;
        final boolean isJson = json != null && json.isObject();
        final SignalFormat format;
        byte[] body = request.body();
        switch (formatName.toLowerCase(Locale.ROOT))
        {
            case "tradingview":
                if (media == WebhookBodies.Media.JSON && !isJson)
                {
                    throw ApiException.unparseable("malformed JSON (or nesting deeper than " + WebhookBodies.MAX_JSON_DEPTH + " levels)");
                }
                if (isJson)
                {
                    format = SignalFormat.TRADINGVIEW_JSON;
                }
                else
                {
                    format = WebhookBodies.looksLikePineConnector(text) ? SignalFormat.PINECONNECTOR : SignalFormat.FREE_TEXT;
                }
                break;
            case "canonical":
                format = SignalFormat.CANONICAL_JSON;
                break;
            case "openalgo":
                format = SignalFormat.OPENALGO_JSON;
                break;
            case "pineconnector":
                format = SignalFormat.PINECONNECTOR;
                break;
            case "hedge":
                format = SignalFormat.HEDGE_PAIR_JSON;
                break;
            case "text":
                format = SignalFormat.FREE_TEXT;
                break;
            default:
                throw ApiException.invalidField("format", "format must be tradingview, canonical, openalgo, pineconnector, hedge or text");
        }
        // Secrets never reach the journal, dry run or not.
        if (isJson)
        {
            body = WebhookBodies.blankJsonSecrets(body);
        }
        else if (format == SignalFormat.PINECONNECTOR)
        {
            body = WebhookBodies.blankPineSecret(text).getBytes(StandardCharsets.UTF_8);
        }

        final String bodyId = isJson ? WebhookBodies.identifier(json.get("id")) : null;
        final String signalId = idParameter != null ? idParameter : bodyId != null ? bodyId : signalIds.next();
        final String idempotencyKey = source != null && source.type() == SourceType.TRADINGVIEW && format != SignalFormat.CANONICAL_JSON ?
            TradingViewEndpoint.idempotencyKey(source, idParameter != null ? idParameter : bodyId, isJson ? json : null, body) : signalId;
        final SignalSource signalSource = source == null ? SignalSource.REST :
            source.type() == SourceType.TRADINGVIEW ? SignalSource.TRADINGVIEW :
            source.type() == SourceType.TELEGRAM ? SignalSource.TELEGRAM :
            source.type() == SourceType.OPENALGO ? SignalSource.OPENALGO : SignalSource.REST;

        final long requestTimeNs = nextRequestTimeNs();
        final CompletableFuture<ParseResultView> answer = results.expect(requestTimeNs);
        final IngressPublisher.Result published;
        try
        {
            published = publisher.publishSignal(signalSource, format, requestTimeNs, signalId, account == null ? "" : account,
                idempotencyKey, body, source == null ? "" : source.name(), true);
        }
        catch (final RuntimeException ex)
        {
            results.cancel(requestTimeNs);
            throw ex;
        }
        if (published != IngressPublisher.Result.OK)
        {
            results.cancel(requestTimeNs);
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(published).replace("; nothing was accepted, retry with the same id", ""));
        }
        final String channel = source == null ? null : source.name();
        return answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((result, failure) ->
        {
            if (result != null)
            {
                return ApiResponse.ok(body(result, channel));
            }
            results.cancel(requestTimeNs);
            final Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ?
                failure.getCause() : failure;
            if (cause instanceof TimeoutException)
            {
                return ApiResponse.error(new ApiException(HttpResponseStatus.GATEWAY_TIMEOUT, "ENGINE_TIMEOUT",
                    "the engine did not answer the dry run within " + timeoutMs + " ms; nothing was traded, try again", null));
            }
            return ApiResponse.error(new ApiException(
                HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the request could not be processed", null));
        });
    }

    private long nextRequestTimeNs()
    {
        final long now = clock.nanoTime();
        return lastRequestTimeNs.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
    }

    private Source source(final String channel)
    {
        if (channel == null)
        {
            return null;
        }
        for (final Source source : settings.sources())
        {
            if (source.name().equals(channel))
            {
                return source;
            }
        }
        throw ApiException.invalidField("channel", "no configured source '" + StrictJson.truncate(channel) + "'");
    }

    private static String account(final Source source, final String account)
    {
        if (account != null && !account.matches("[A-Za-z0-9._-]{1,16}"))
        {
            throw ApiException.invalidField("account", "account must be 1 to 16 of A-Z a-z 0-9 . _ -");
        }
        if (source != null && source.account() != null)
        {
            if (account != null && !account.equals(source.account()))
            {
                throw ApiException.invalidField("account", "the channel's source trades account '" + source.account() + "'");
            }
            return source.account();
        }
        return account;
    }

    private static String single(final ApiRequest request, final String name)
    {
        final List<String> values = request.query().get(name);
        if (values == null || values.isEmpty())
        {
            return null;
        }
        if (values.size() > 1)
        {
            throw ApiException.invalidField(name, name + " is given more than once");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }

    static ObjectNode body(final ParseResultView result, final String channel)
    {
        final ObjectNode body = Json.object();
        body.put("signalId", result.signalId());
        body.put("outcome", result.outcome());
        body.put("wouldTrade", "ROUTE".equals(result.outcome()));
        body.put("reason", result.reason());
        body.put("field", result.field());
        body.put("detail", result.detail());
        body.put("format", result.format());
        body.put("channel", channel);
        body.put("account", result.account());
        body.put("limitValue", result.limitValue() == Fixed.NULL ? null : Json.decimal(result.limitValue()));
        body.put("actualValue", result.actualValue() == Fixed.NULL ? null : Json.decimal(result.actualValue()));
        final ArrayNode intents = body.putArray("intents");
        for (final String line : result.intents().split("\n"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final JsonNode node = WebhookBodies.parseOrNull(line.getBytes(StandardCharsets.UTF_8));
            if (node != null)
            {
                intents.add(node);
            }
            else
            {
                intents.add(line);
            }
        }
        return body;
    }
}
