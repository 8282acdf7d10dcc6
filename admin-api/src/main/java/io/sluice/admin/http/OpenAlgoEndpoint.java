package io.sluice.admin.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.ingest.IdempotencyRule;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.ingest.Source;
import io.sluice.admin.ingest.SourceType;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The OpenAlgo-compatible order API scripts already call: {@code POST /api/v1/placeorder}, {@code placesmartorder},
 * {@code basketorder}, {@code optionsmultiorder} and {@code closeposition}, with OpenAlgo's field names and numbers
 * as strings or numbers.
 * <p>
 * The {@code apikey} names the source (constant-time comparison against every configured key) and is blanked
 * before publishing. The body must have the shape of the path's request, because the engine tells the request
 * kinds apart by shape ({@code orders}, {@code legs}, {@code position_size}, {@code symbol}/{@code action}, none).
 * The answer keeps OpenAlgo's {@code {"status":"success","orderid":…}} with Sluice's signal id as the order id;
 * the orders themselves are placed asynchronously by the engine.
 */
final class OpenAlgoEndpoint
{
    /** The OpenAlgo request kinds, by path. */
    enum Kind
    {
        PLACEORDER, PLACESMARTORDER, BASKETORDER, OPTIONSMULTIORDER, CLOSEPOSITION
    }

    private static final Set<String> PRICE_TYPES = Set.of("MARKET", "LIMIT", "SL", "SL-M");
    private static final Set<String> PRODUCTS = Set.of("MIS", "NRML", "CNC");
    private static final Set<String> ACTIONS = Set.of("BUY", "SELL");
    private static final int MAX_LEGS = 16;

    private final IngestSettings settings;
    private final PendingSignals pendingSignals;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;

    OpenAlgoEndpoint(
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

    static Kind kind(final String segment)
    {
        switch (segment)
        {
            case "placeorder":
                return Kind.PLACEORDER;
            case "placesmartorder":
                return Kind.PLACESMARTORDER;
            case "basketorder":
                return Kind.BASKETORDER;
            case "optionsmultiorder":
                return Kind.OPTIONSMULTIORDER;
            case "closeposition":
                return Kind.CLOSEPOSITION;
            default:
                return null;
        }
    }

    ApiResponse order(final Kind kind, final ApiRequest request)
    {
        WebhookBodies.media(request.contentType(), false);
        WebhookBodies.requireText(request.body());
        final JsonNode json = WebhookBodies.object(request.body());
        final Source source = source(json.get("apikey"));
        validate(kind, json);

        final byte[] body = WebhookBodies.blankJsonSecrets(request.body());
        final String signalId = signalIds.next();
        final String key = source.idempotency() == IdempotencyRule.BODY_HASH || source.idempotency() == IdempotencyRule.AUTO ?
            "oa:" + source.name() + ":h:" + WebhookBodies.hash(source.name(), body) : "";
        final long ingressTimeNs = clock.nanoTime();
        final IngressPublisher.Result result = pendingSignals.publish(new PendingSignals.Delivery(
            SignalSource.OPENALGO, SignalFormat.OPENALGO_JSON, ingressTimeNs, signalId, source.account(), key, body, source.name()));
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result).replace(" with the same id", ""));
        }
        final ObjectNode answer = Json.object();
        answer.put("status", "success");
        answer.put("orderid", signalId);
        answer.put("signalId", signalId);
        return ApiResponse.ok(answer);
    }

    private Source source(final JsonNode apikey)
    {
        if (apikey == null || !apikey.isTextual() || apikey.asText().isEmpty())
        {
            throw WebhookBodies.unauthorized("apikey is required");
        }
        Source match = null;
        for (final Source source : settings.sources(SourceType.OPENALGO))
        {
            if (source.apiKeyMatches(apikey.asText()) && match == null)
            {
                match = source;
            }
        }
        if (match == null)
        {
            throw WebhookBodies.unauthorized("invalid apikey");
        }
        return match;
    }

    private static void validate(final Kind kind, final JsonNode json)
    {
        switch (kind)
        {
            case PLACEORDER:
                forbid(json, "position_size", "orders", "legs");
                order(json, false);
                break;
            case PLACESMARTORDER:
                forbid(json, "orders", "legs");
                order(json, true);
                decimal(json, "position_size", true, true, true);
                break;
            case BASKETORDER:
            {
                forbid(json, "legs", "position_size");
                final JsonNode orders = array(json, "orders");
                for (final JsonNode order : orders)
                {
                    if (!order.isObject())
                    {
                        throw ApiException.invalidField("orders", "every order must be an object");
                    }
                    order(order, false);
                }
                break;
            }
            case OPTIONSMULTIORDER:
            {
                forbid(json, "orders", "position_size");
                identifier(json, "underlying", 32, true);
                identifier(json, "exchange", 16, true);
                identifier(json, "expiry_date", 16, true);
                for (final JsonNode leg : array(json, "legs"))
                {
                    if (!leg.isObject())
                    {
                        throw ApiException.invalidField("legs", "every leg must be an object");
                    }
                    identifier(leg, "offset", 16, true);
                    oneOf(leg, "option_type", Set.of("CE", "PE"), true);
                    oneOf(leg, "action", ACTIONS, true);
                    decimal(leg, "quantity", true, false, false);
                    oneOf(leg, "pricetype", PRICE_TYPES, false);
                    oneOf(leg, "product", PRODUCTS, false);
                }
                break;
            }
            default:
                forbid(json, "symbol", "action", "orders", "legs", "position_size");
                final JsonNode strategy = json.get("strategy");
                if (strategy == null || !strategy.isTextual() || strategy.asText().isBlank())
                {
                    throw ApiException.invalidField("strategy", "strategy is required to close its positions");
                }
                break;
        }
        final JsonNode strategy = json.get("strategy");
        if (strategy != null && (!strategy.isTextual() || strategy.asText().length() > 64))
        {
            throw ApiException.invalidField("strategy", "strategy must be a string of at most 64 characters");
        }
    }

    private static void order(final JsonNode json, final boolean smart)
    {
        identifier(json, "symbol", 32, true);
        identifier(json, "exchange", 16, false);
        oneOf(json, "action", ACTIONS, true);
        final String priceType = oneOf(json, "pricetype", PRICE_TYPES, false);
        oneOf(json, "product", PRODUCTS, false);
        decimal(json, "quantity", true, smart, false);
        final boolean needsPrice = "LIMIT".equals(priceType) || "SL".equals(priceType);
        final boolean needsTrigger = "SL".equals(priceType) || "SL-M".equals(priceType);
        decimal(json, "price", needsPrice, !needsPrice, false);
        decimal(json, "trigger_price", needsTrigger, !needsTrigger, false);
    }

    private static JsonNode array(final JsonNode json, final String name)
    {
        final JsonNode array = json.get(name);
        if (array == null || !array.isArray() || array.isEmpty())
        {
            throw ApiException.invalidField(name, name + " must be a non-empty array");
        }
        if (array.size() > MAX_LEGS)
        {
            throw ApiException.invalidField(name, name + " holds at most " + MAX_LEGS + " entries");
        }
        return array;
    }

    private static void forbid(final JsonNode json, final String... names)
    {
        for (final String name : names)
        {
            if (json.has(name))
            {
                throw ApiException.invalidField(name, name + " does not belong in this request (use the matching endpoint)");
            }
        }
    }

    private static void identifier(final JsonNode json, final String name, final int maxLength, final boolean required)
    {
        final JsonNode node = json.get(name);
        if (node == null)
        {
            if (required)
            {
                throw ApiException.invalidField(name, name + " is required");
            }
            return;
        }
        if (!node.isTextual() || !node.asText().matches("[A-Za-z0-9._:&/-]{1," + maxLength + "}"))
        {
            throw ApiException.invalidField(name, name + " must be 1 to " + maxLength + " letters, digits and . _ : & / -");
        }
    }

    private static String oneOf(final JsonNode json, final String name, final Set<String> values, final boolean required)
    {
        final JsonNode node = json.get(name);
        if (node == null)
        {
            if (required)
            {
                throw ApiException.invalidField(name, name + " is required");
            }
            return null;
        }
        final String text = node.isTextual() ? node.asText().toUpperCase(Locale.ROOT) : null;
        if (text == null || !values.contains(text))
        {
            throw ApiException.invalidField(name, name + " must be one of " + List.copyOf(new java.util.TreeSet<>(values)));
        }
        return text;
    }

    // A decimal as a JSON number or numeric string, with at most 8 places; OpenAlgo sends "0" for unused prices.
    private static void decimal(
        final JsonNode json, final String name, final boolean required, final boolean zeroAllowed, final boolean negativeAllowed)
    {
        final JsonNode node = json.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty()))
        {
            if (required)
            {
                throw ApiException.invalidField(name, name + " is required");
            }
            return;
        }
        if (!node.isTextual() && !node.isNumber())
        {
            throw ApiException.invalidField(name, name + " must be a number or a numeric string");
        }
        final long value;
        try
        {
            value = Fixed.parse(node.isTextual() ? node.asText() : node.decimalValue().toPlainString());
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.invalidField(name, name + " must be a decimal with at most 8 places");
        }
        if (value < 0 && !negativeAllowed)
        {
            throw ApiException.invalidField(name, name + " must not be negative");
        }
        if (value == 0 && !zeroAllowed)
        {
            throw ApiException.invalidField(name, name + " must be greater than zero");
        }
    }
}
