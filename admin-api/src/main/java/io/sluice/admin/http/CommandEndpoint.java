package io.sluice.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.admin.IngressPublisher;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import org.agrona.concurrent.EpochNanoClock;

/**
 * {@code POST /api/v1/kill}, {@code /resume} and {@code /flatten}: operator commands to the engine.
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
     * Publish one AdminCommand: ACCOUNT scope when the body names an account, otherwise GLOBAL.
     */
    ApiResponse command(final AdminAction action, final ApiRequest request)
    {
        if (request.body().length > 0)
        {
            MediaTypes.requireJson(request.contentType());
        }
        final AdminCommandRequest command = AdminCommandRequest.parse(request.body());
        final AdminScope scope = command.account() != null ? AdminScope.ACCOUNT : AdminScope.GLOBAL;
        final IngressPublisher.Result result = publisher.publishAdminCommand(
            action, scope, command.account() != null ? command.account() : "", clock.nanoTime(), command.actor(),
            command.reason());
        if (result != IngressPublisher.Result.OK)
        {
            throw ApiException.engineUnavailable(SignalEndpoint.unavailableMessage(result).replace(" with the same id", ""));
        }
        final ObjectNode body = Json.object();
        body.put("status", "ACCEPTED");
        body.put("action", action.name());
        body.put("scope", scope.name());
        body.put("account", command.account());
        return ApiResponse.accepted(body);
    }
}
