package io.sluice.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.readmodel.SignalView;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/signals} and {@code GET /api/v1/signals/{id}}.
 */
final class SignalEndpoint
{
    private final ReadModel readModel;
    private final PendingSignals pendingSignals;
    private final SignalIds signalIds;
    private final EpochNanoClock clock;

    SignalEndpoint(
        final ReadModel readModel,
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final EpochNanoClock clock)
    {
        this.readModel = readModel;
        this.pendingSignals = pendingSignals;
        this.signalIds = signalIds;
        this.clock = clock;
    }

    /**
     * Check a canonical JSON signal and publish it as a RawSignal carrying the exact request bytes.
     */
    ApiResponse submit(final ApiRequest request)
    {
        MediaTypes.requireJson(request.contentType());
        final SignalRequest signal = SignalRequest.parse(request.body());
        final String signalId = signal.id() != null ? signal.id() : signalIds.next();
        // The id is the idempotency key even when generated here: a re-delivery after an engine crash must
        // never become a second order.
        final String idempotencyKey = signalId;
        final long ingressTimeNs = clock.nanoTime();
        final IngressPublisher.Result result = pendingSignals.publish(new PendingSignals.Delivery(
            SignalSource.REST, SignalFormat.CANONICAL_JSON, ingressTimeNs, signalId, signal.account(), idempotencyKey,
            request.body(), ""));
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(unavailableMessage(result));
        }
        final ObjectNode body = Json.object();
        body.put("signalId", signalId);
        body.put("status", "ACCEPTED");
        return ApiResponse.accepted(body);
    }

    /**
     * A signal as the journal shows it, or PENDING when accepted here but not journaled yet.
     */
    ApiResponse get(final String signalId)
    {
        final SignalView signal = readModel.signal(signalId);
        if (signal != null)
        {
            return ApiResponse.ok(JsonViews.signal(signal));
        }
        final PendingSignals.Delivery pending = pendingSignals.get(signalId);
        if (pending != null)
        {
            return ApiResponse.ok(JsonViews.pendingSignal(pending));
        }
        throw ApiException.notFound("no signal '" + StrictJson.truncate(signalId) + "'");
    }

    static String unavailableMessage(final IngressPublisher.Result result)
    {
        final String retry = "; nothing was accepted, retry with the same id";
        switch (result)
        {
            case NOT_CONNECTED:
                return "the engine is not connected" + retry;
            case BACK_PRESSURED:
                return "the engine is busy" + retry;
            case CLOSED:
                return "the API is shutting down" + retry;
            default:
                return "the ingress stream is unavailable (" + result + ")" + retry;
        }
    }
}
