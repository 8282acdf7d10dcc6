package io.sluice.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/kill}, {@code /resume}, {@code /flatten} and {@code /reduce}: operator commands to the
 * engine, scoped globally or to an account, venue or instrument. The actor is the authenticated user; only with
 * authentication off does the body's actor (or "api") stand in.
 */
final class CommandEndpoint
{
    private final IngressPublisher publisher;
    private final EpochNanoClock clock;

    CommandEndpoint(final IngressPublisher publisher, final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publish one AdminCommand in the scope the body names (GLOBAL when it names none).
     */
    ApiResponse command(final AdminAction action, final ApiRequest request)
    {
        if (request.body().length > 0)
        {
            MediaTypes.requireJson(request.contentType());
        }
        final AdminCommandRequest command = AdminCommandRequest.parse(request.body());
        String actor = command.actor();
        if (request.actor() != null)
        {
            if (command.actorGiven() && !command.actor().equals(request.actor()))
            {
                throw ApiException.invalidField("actor", "the actor is the authenticated user; leave it out");
            }
            actor = request.actor();
        }
        final AdminScope scope = command.scope();
        final IngressPublisher.Result result = publisher.publishAdminCommand(
            action, scope, orEmpty(command.account()), orEmpty(command.venue()), orEmpty(command.symbol()), Fixed.NULL, "",
            clock.nanoTime(), actor, command.reason());
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result).replace(" with the same id", ""));
        }
        final ObjectNode body = Json.object();
        body.put("status", "ACCEPTED");
        body.put("action", action.name());
        body.put("scope", scope.name());
        body.put("account", command.account());
        if (command.venue() != null)
        {
            body.put("venue", command.venue());
        }
        if (command.symbol() != null)
        {
            body.put("symbol", command.symbol());
        }
        body.put("actor", actor);
        return ApiResponse.accepted(body);
    }

    private static String orEmpty(final String text)
    {
        return text == null ? "" : text;
    }
}
