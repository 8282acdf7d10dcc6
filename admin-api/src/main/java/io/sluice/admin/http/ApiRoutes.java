package io.sluice.admin.http;

import java.util.List;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.sbe.AdminAction;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The API's table of resources: maps a method and path to its endpoint and turns every failure into a JSON
 * error answer. Independent of Netty so it reads like the API reference.
 * <pre>
 *   GET  /health
 *   POST /api/v1/signals              GET /api/v1/signals               GET /api/v1/signals/{signalId}
 *   GET  /api/v1/orders               GET /api/v1/orders/{clientOrderId}
 *   GET  /api/v1/positions            GET /api/v1/state
 *   POST /api/v1/kill                 POST /api/v1/resume                POST /api/v1/flatten
 *   POST /api/v1/reduce
 * </pre>
 * and, first, the signal sources' resources of {@link IngestEndpoints} (webhooks, OpenAlgo, hedge pairs,
 * manual signals, approvals) when given.
 */
public final class ApiRoutes
{
    private static final String GET = "GET";
    private static final String POST = "POST";

    private final SignalEndpoint signals;
    private final CommandEndpoint commands;
    private final ReadEndpoints reads;
    private final ErrorHandler errorHandler;
    private final IngestEndpoints ingest;

    /**
     * The routes over their collaborators.
     *
     * @param publisher      ingress publisher to the engine.
     * @param readModel      the journal-built read model.
     * @param pendingSignals accepted signals not yet journaled.
     * @param signalIds      generator for signals without an id.
     * @param clock          wall clock, epoch ns.
     * @param errorHandler   receives unexpected failures (answered 500).
     */
    public ApiRoutes(
        final IngressPublisher publisher,
        final ReadModel readModel,
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler)
    {
        this(publisher, readModel, pendingSignals, signalIds, clock, errorHandler, null);
    }

    /**
     * The routes with the signal sources' resources.
     *
     * @param publisher      ingress publisher to the engine.
     * @param readModel      the journal-built read model.
     * @param pendingSignals accepted signals not yet journaled.
     * @param signalIds      generator for signals without an id.
     * @param clock          wall clock, epoch ns.
     * @param errorHandler   receives unexpected failures (answered 500).
     * @param ingest         webhooks, OpenAlgo, hedge pairs, manual signals and approvals, or null.
     */
    public ApiRoutes(
        final IngressPublisher publisher,
        final ReadModel readModel,
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final IngestEndpoints ingest)
    {
        this.signals = new SignalEndpoint(readModel, pendingSignals, signalIds, clock);
        this.commands = new CommandEndpoint(publisher, clock);
        this.reads = new ReadEndpoints(readModel, publisher::isConnected);
        this.errorHandler = errorHandler;
        this.ingest = ingest;
    }

    /**
     * Answer one request.
     *
     * @param request the request.
     * @return the response, never null.
     */
    public ApiResponse handle(final ApiRequest request)
    {
        try
        {
            return route(request);
        }
        catch (final ApiException ex)
        {
            return ApiResponse.error(ex);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return ApiResponse.error(new ApiException(
                HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the request could not be processed", null));
        }
    }

    /**
     * Answer a request whose answer comes later (a dry run waits for the engine), without blocking the caller.
     *
     * @param request the request.
     * @return the answer to come (never completed exceptionally), or null when the request is answered by {@link #handle}.
     */
    public java.util.concurrent.CompletableFuture<ApiResponse> deferred(final ApiRequest request)
    {
        if (ingest == null)
        {
            return null;
        }
        try
        {
            return ingest.deferred(request);
        }
        catch (final ApiException ex)
        {
            return java.util.concurrent.CompletableFuture.completedFuture(ApiResponse.error(ex));
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return java.util.concurrent.CompletableFuture.completedFuture(ApiResponse.error(new ApiException(
                HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the request could not be processed", null)));
        }
    }

    private ApiResponse route(final ApiRequest request)
    {
        if (ingest != null)
        {
            final ApiResponse response = ingest.route(request);
            if (response != null)
            {
                return response;
            }
        }
        final List<String> s = request.segments();
        final String method = request.method();
        if (s.size() == 1 && s.get(0).equals("health"))
        {
            allow(method, GET);
            return reads.health();
        }
        if (s.size() < 3 || !s.get(0).equals("api") || !s.get(1).equals("v1"))
        {
            throw notFound(request);
        }
        final String resource = s.get(2);
        if (s.size() == 3)
        {
            switch (resource)
            {
                case "signals":
                    if (GET.equals(method))
                    {
                        return reads.signals(request);
                    }
                    allow(method, "GET, POST");
                    return signals.submit(request);
                case "orders":
                    allow(method, GET);
                    return reads.orders(request);
                case "positions":
                    allow(method, GET);
                    return reads.positions(request);
                case "state":
                    allow(method, GET);
                    return reads.state();
                case "kill":
                    allow(method, POST);
                    return commands.command(AdminAction.KILL, request);
                case "resume":
                    allow(method, POST);
                    return commands.command(AdminAction.RESUME, request);
                case "flatten":
                    allow(method, POST);
                    return commands.command(AdminAction.FLATTEN, request);
                case "reduce":
                    allow(method, POST);
                    return commands.command(AdminAction.REDUCE, request);
                default:
                    throw notFound(request);
            }
        }
        if (s.size() == 4 && !s.get(3).isEmpty())
        {
            switch (resource)
            {
                case "signals":
                    allow(method, GET);
                    return signals.get(s.get(3));
                case "orders":
                    allow(method, GET);
                    return reads.order(s.get(3));
                default:
                    throw notFound(request);
            }
        }
        throw notFound(request);
    }

    private static void allow(final String method, final String allowed)
    {
        if (!java.util.Arrays.asList(allowed.split(", ")).contains(method))
        {
            throw ApiException.methodNotAllowed(method, allowed);
        }
    }

    private static ApiException notFound(final ApiRequest request)
    {
        return ApiException.notFound("no resource at " + StrictJson.truncate(request.path()));
    }
}
