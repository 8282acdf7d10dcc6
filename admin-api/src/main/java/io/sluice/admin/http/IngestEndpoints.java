package io.sluice.admin.http;

import java.util.List;

import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.ingest.IngestSettings;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.telegram.TelegramUpdates;
import io.sluice.sbe.AdminAction;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The signal sources' resources, consulted by {@link ApiRoutes} before its own table:
 * <pre>
 *   POST /webhook/tradingview          POST /webhook/tradingview/{secret}        POST /webhook/telegram
 *   POST /api/v1/placeorder            POST /api/v1/placesmartorder              POST /api/v1/basketorder
 *   POST /api/v1/optionsmultiorder     POST /api/v1/closeposition
 *   POST /api/v1/signals/hedge-pair    POST /api/v1/signals/manual               POST /api/v1/signals/parse (answered later)
 *   POST /api/v1/pairs/clear-flag
 *   GET  /api/v1/approvals             POST /api/v1/approvals/{id}/approve       POST /api/v1/approvals/{id}/reject
 * </pre>
 * Webhook paths never echo the request path in an error: it may hold a secret.
 */
public final class IngestEndpoints
{
    private static final String GET = "GET";
    private static final String POST = "POST";

    private final TradingViewEndpoint tradingView;
    private final OpenAlgoEndpoint openAlgo;
    private final HedgePairEndpoint hedgePair;
    private final ManualSignalEndpoint manual;
    private final ApprovalEndpoints approvals;
    private final TelegramWebhookEndpoint telegram;
    private final ParseEndpoint parse;
    private final PairFlagEndpoint pairFlag;

    /**
     * The endpoints over their collaborators.
     *
     * @param publisher      ingress publisher.
     * @param settings       the sources.
     * @param readModel      the journal-built read model.
     * @param pendingSignals accepted signals not yet journaled.
     * @param signalIds      generator for signals without an id.
     * @param telegram       Telegram update handling.
     * @param clock          wall clock, epoch ns.
     * @param maxBodyBytes   largest body published.
     */
    public IngestEndpoints(
        final IngressPublisher publisher,
        final IngestSettings settings,
        final ReadModel readModel,
        final PendingSignals pendingSignals,
        final SignalIds signalIds,
        final TelegramUpdates telegram,
        final EpochNanoClock clock,
        final int maxBodyBytes)
    {
        this.tradingView = new TradingViewEndpoint(settings, pendingSignals, signalIds, clock);
        this.openAlgo = new OpenAlgoEndpoint(settings, pendingSignals, signalIds, clock);
        this.hedgePair = new HedgePairEndpoint(pendingSignals, signalIds, clock);
        this.manual = new ManualSignalEndpoint(pendingSignals, signalIds, clock, maxBodyBytes);
        this.approvals = new ApprovalEndpoints(publisher, readModel, clock);
        this.telegram = new TelegramWebhookEndpoint(settings, telegram);
        this.pairFlag = new PairFlagEndpoint(publisher, clock);
        this.parse = new ParseEndpoint(publisher, settings, readModel.parseResults(), signalIds, clock, ParseEndpoint.DEFAULT_TIMEOUT_MS);
    }

    /**
     * Start answering a request whose answer comes later (the dry run of POST /api/v1/signals/parse).
     *
     * @param request the request.
     * @return the answer to come, or null when the request is not one of these.
     * @throws ApiException when the request is refused at once.
     */
    java.util.concurrent.CompletableFuture<ApiResponse> deferred(final ApiRequest request)
    {
        final List<String> s = request.segments();
        if (s.size() == 4 && s.get(0).equals("api") && s.get(1).equals("v1") && s.get(2).equals("signals") && s.get(3).equals("parse"))
        {
            allow(request.method(), POST);
            return parse.parse(request);
        }
        return null;
    }

    /**
     * Answer a request for one of these resources.
     *
     * @param request the request.
     * @return the response, or null when the path is not one of these resources.
     */
    ApiResponse route(final ApiRequest request)
    {
        final List<String> s = request.segments();
        final String method = request.method();
        if (!s.isEmpty() && s.get(0).equals("webhook"))
        {
            return webhook(s, method, request);
        }
        if (s.size() < 3 || !s.get(0).equals("api") || !s.get(1).equals("v1"))
        {
            return null;
        }
        final String resource = s.get(2);
        if (s.size() == 3)
        {
            final OpenAlgoEndpoint.Kind kind = OpenAlgoEndpoint.kind(resource);
            if (kind != null)
            {
                allow(method, POST);
                return openAlgo.order(kind, request);
            }
            if (resource.equals("approvals"))
            {
                allow(method, GET);
                return approvals.list();
            }
            return null;
        }
        if (s.size() == 4 && resource.equals("signals") && method.equals(POST))
        {
            if (s.get(3).equals("hedge-pair"))
            {
                return hedgePair.submit(request);
            }
            if (s.get(3).equals("manual"))
            {
                return manual.submit(request);
            }
            return null;
        }
        if (s.size() == 4 && resource.equals("pairs") && s.get(3).equals("clear-flag"))
        {
            allow(method, POST);
            return pairFlag.clear(request);
        }
        if (s.size() == 5 && resource.equals("approvals"))
        {
            final AdminAction action = s.get(4).equals("approve") ? AdminAction.APPROVE :
                s.get(4).equals("reject") ? AdminAction.REJECT : null;
            if (action == null)
            {
                throw ApiException.notFound("approvals are approved or rejected: /api/v1/approvals/{id}/approve|reject");
            }
            allow(method, POST);
            return approvals.decide(s.get(3), action, request);
        }
        return null;
    }

    private ApiResponse webhook(final List<String> s, final String method, final ApiRequest request)
    {
        if (s.size() >= 2 && s.get(1).equals("tradingview") && (s.size() == 2 || (s.size() == 3 && !s.get(2).isEmpty())))
        {
            allow(method, POST);
            return tradingView.alert(request, s.size() == 3 ? s.get(2) : null);
        }
        if (s.size() == 2 && s.get(1).equals("telegram"))
        {
            allow(method, POST);
            return telegram.update(request);
        }
        throw ApiException.notFound("no webhook at this path");
    }

    private static void allow(final String method, final String allowed)
    {
        if (!allowed.equals(method))
        {
            throw ApiException.methodNotAllowed(method, allowed);
        }
    }
}
