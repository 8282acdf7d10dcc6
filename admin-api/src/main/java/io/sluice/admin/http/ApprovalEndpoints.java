package io.sluice.admin.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.readmodel.SignalView;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The approval queue's API: {@code GET /api/v1/approvals} and {@code POST /api/v1/approvals/{id}/approve|reject}.
 * <p>
 * The queue itself is the engine's: a signal whose completed fields fall below the account's confidence
 * threshold is refused with AWAITING_APPROVAL and held, under the signal id as its approval id. The GET lists
 * what the journal shows: signals whose outcome is AWAITING_APPROVAL, with the decision this API has sent for
 * each, if any. The POSTs publish an AdminCommand APPROVE or REJECT with {@code target} = the id and the actor,
 * so the decision and the approver are journaled; the engine acts on it.
 */
final class ApprovalEndpoints
{
    static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    private static final int MAX_LISTED = 1000;
    private static final int MAX_DECISIONS = 10_000;

    private final IngressPublisher publisher;
    private final ReadModel readModel;
    private final EpochNanoClock clock;
    private final Map<String, String> decisions = new ConcurrentHashMap<>();

    ApprovalEndpoints(final IngressPublisher publisher, final ReadModel readModel, final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.readModel = readModel;
        this.clock = clock;
    }

    ApiResponse list()
    {
        final ObjectNode body = Json.object();
        final ArrayNode approvals = body.putArray("approvals");
        for (final SignalView signal : readModel.signals(
            s -> s.reject() != null && AWAITING_APPROVAL.equals(s.reject().reason()), MAX_LISTED))
        {
            final ObjectNode approval = approvals.addObject();
            approval.put("id", signal.signalId());
            approval.put("signalId", signal.signalId());
            approval.put("account", signal.account());
            approval.put("source", signal.source());
            approval.put("receivedAt", Json.time(signal.receivedAtNs()));
            approval.put("detail", signal.reject().message());
            approval.put("field", signal.reject().field());
            approval.put("decisionSent", decisions.get(signal.signalId()));
        }
        return ApiResponse.ok(body);
    }

    ApiResponse decide(final String id, final AdminAction action, final ApiRequest request)
    {
        if (!id.matches("[A-Za-z0-9._:-]{1,64}"))
        {
            throw ApiException.notFound("no approval with such an id");
        }
        if (request.body().length > 0)
        {
            MediaTypes.requireJson(request.contentType());
        }
        final AdminCommandRequest command = AdminCommandRequest.parse(request.body());
        final SignalView signal = readModel.signal(id);
        final String account = command.account() != null ? command.account() : signal != null ? signal.account() : null;
        final AdminScope scope = account != null ? AdminScope.ACCOUNT : AdminScope.GLOBAL;
        final IngressPublisher.Result result = publisher.publishAdminCommand(
            action, scope, account != null ? account : "", clock.nanoTime(), command.actor(), command.reason(), id);
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result).replace(" with the same id", ""));
        }
        if (decisions.size() < MAX_DECISIONS)
        {
            decisions.put(id, action.name());
        }
        final ObjectNode body = Json.object();
        body.put("status", "ACCEPTED");
        body.put("action", action.name());
        body.put("id", id);
        body.put("actor", command.actor());
        return ApiResponse.accepted(body);
    }
}
