package io.sluice.admin.http;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/signals/hedge-pair}: a hedged pair of legs with an ENTRY or EXIT event, e.g.
 * <pre>
 * {"id":"p-1","account":"acc1","pair":"NIFTY-W1","event":"ENTRY","exchange":"NFO","product":"NRML",
 *  "legs":[{"symbol":"NIFTY28MAR2421000CE","side":"SELL","qty":"65"},{"symbol":"NIFTY28MAR2421500CE","side":"BUY","qty":"65"}]}
 * </pre>
 * The legs describe the position (one long, one short); the engine routes them in the margin-safe order
 * (BUY first) and flags the pair if the second leg fails. Checked here so a malformed pair gets a 400.
 */
final class HedgePairEndpoint
{
    private final PendingSignals pendingSignals;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;

    HedgePairEndpoint(
        final PendingSignals pendingSignals, final SignalIds signalIds, final EpochNanoClock clock)
    {
        this.pendingSignals = pendingSignals;
        this.signalIds = signalIds;
        this.clock = clock;
    }

    ApiResponse submit(final ApiRequest request)
    {
        WebhookBodies.media(request.contentType(), false);
        WebhookBodies.requireText(request.body());
        final JsonNode json = WebhookBodies.object(request.body());
        final String id = optionalIdentifier(json, "id", 64);
        final String account = requiredIdentifier(json, "account", 16);
        final JsonNode pair = json.has("pair") ? json.get("pair") : json.get("pair_id");
        if (pair != null && WebhookBodies.identifier(pair) == null)
        {
            throw ApiException.invalidField("pair", "pair must be 1 to 64 letters, digits and . _ : -");
        }
        final JsonNode event = json.get("event");
        if (event == null || !event.isTextual() ||
            !(event.asText().equalsIgnoreCase("ENTRY") || event.asText().equalsIgnoreCase("EXIT")))
        {
            throw ApiException.invalidField("event", "event must be ENTRY or EXIT");
        }
        final JsonNode legs = json.get("legs");
        if (legs == null || !legs.isArray() || legs.size() != 2)
        {
            throw ApiException.invalidField("legs", "a hedge pair has exactly two legs");
        }
        final String first = leg(legs.get(0));
        final String second = leg(legs.get(1));
        if (first.equals(second))
        {
            throw ApiException.invalidField("legs", "a hedge pair has one long (BUY) and one short (SELL) leg");
        }

        final String signalId = id != null ? id : signalIds.next();
        final long ingressTimeNs = clock.nanoTime();
        final IngressPublisher.Result result = pendingSignals.publish(new PendingSignals.Delivery(SignalSource.REST,
            SignalFormat.HEDGE_PAIR_JSON, ingressTimeNs, signalId, account, id != null ? id : "", request.body(), ""));
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result));
        }
        final ObjectNode answer = Json.object();
        answer.put("signalId", signalId);
        answer.put("status", "ACCEPTED");
        return ApiResponse.accepted(answer);
    }

    // Checks one leg and returns its side.
    private static String leg(final JsonNode leg)
    {
        if (!leg.isObject())
        {
            throw ApiException.invalidField("legs", "every leg must be an object");
        }
        requiredIdentifier(leg, "symbol", 32);
        final JsonNode side = leg.has("side") ? leg.get("side") : leg.get("action");
        if (side == null || !side.isTextual() ||
            !(side.asText().equalsIgnoreCase("BUY") || side.asText().equalsIgnoreCase("SELL")))
        {
            throw ApiException.invalidField("side", "every leg needs a side (BUY or SELL)");
        }
        final JsonNode qty = leg.has("qty") ? leg.get("qty") : leg.get("quantity");
        if (qty == null || !(qty.isTextual() || qty.isNumber()))
        {
            throw ApiException.invalidField("qty", "every leg needs a quantity");
        }
        try
        {
            if (Fixed.parse(qty.isTextual() ? qty.asText() : qty.decimalValue().toPlainString()) <= 0)
            {
                throw ApiException.invalidField("qty", "qty must be greater than zero");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.invalidField("qty", "qty must be a decimal with at most 8 places");
        }
        return side.asText().toUpperCase(Locale.ROOT);
    }

    private static String requiredIdentifier(final JsonNode json, final String name, final int maxLength)
    {
        final String value = optionalIdentifier(json, name, maxLength);
        if (value == null)
        {
            throw ApiException.invalidField(name, name + " is required");
        }
        return value;
    }

    private static String optionalIdentifier(final JsonNode json, final String name, final int maxLength)
    {
        final JsonNode node = json.get(name);
        if (node == null)
        {
            return null;
        }
        if (!node.isTextual() || !node.asText().matches("[A-Za-z0-9._:-]{1," + maxLength + "}"))
        {
            throw ApiException.invalidField(name, name + " must be 1 to " + maxLength + " letters, digits and . _ : -");
        }
        return node.asText();
    }
}
