package io.sluice.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/pairs/clear-flag} with {@code {"account":"main","actor":"alice","reason":"..."}}: after a hedge
 * pair failed a leg the engine refuses the account's new pair entries (PAIR_BLOCKED) until an operator has looked;
 * this publishes the AdminCommand CLEAR_PAIR_FLAG for the account, so the decision and its actor are journaled.
 */
final class PairFlagEndpoint
{
    private final IngressPublisher publisher;
    private final EpochNanoClock clock;

    PairFlagEndpoint(final IngressPublisher publisher, final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.clock = clock;
    }

    ApiResponse clear(final ApiRequest request)
    {
        MediaTypes.requireJson(request.contentType());
        final AdminCommandRequest command = AdminCommandRequest.parse(request.body());
        if (command.account() == null)
        {
            throw ApiException.invalidField("account", "account is required: the flag is per account");
        }
        String actor = command.actor();
        if (request.actor() != null)
        {
            if (command.actorGiven() && !command.actor().equals(request.actor()))
            {
                throw ApiException.invalidField("actor", "the actor is the authenticated user; leave it out");
            }
            actor = request.actor();
        }
        final IngressPublisher.Result result = publisher.publishAdminCommand(
            AdminAction.CLEAR_PAIR_FLAG, AdminScope.ACCOUNT, command.account(), clock.nanoTime(), actor, command.reason(), "");
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result).replace(" with the same id", ""));
        }
        final ObjectNode body = Json.object();
        body.put("status", "ACCEPTED");
        body.put("action", AdminAction.CLEAR_PAIR_FLAG.name());
        body.put("account", command.account());
        body.put("actor", actor);
        return ApiResponse.accepted(body);
    }
}
