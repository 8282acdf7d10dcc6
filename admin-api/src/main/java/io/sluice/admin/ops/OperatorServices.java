package io.sluice.admin.ops;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.sluice.admin.IngressPublisher;
import io.sluice.admin.SignalIds;
import io.sluice.admin.http.PendingSignals;
import io.sluice.admin.metrics.MetricsRegistry;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.security.Security;
import io.sluice.admin.stream.StreamAgent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * What the operator endpoints work with.
 *
 * @param security        users, tokens, vault, audit.
 * @param readModel       the journal-built read model.
 * @param publisher       ingress to the engine.
 * @param pendingSignals  accepted signals not yet journaled.
 * @param signalIds       ids for manual orders and cancels.
 * @param clock           wall clock.
 * @param metrics         the metrics registry.
 * @param stream          the WebSocket stream.
 * @param engineConnected whether an engine subscribes to the ingress stream.
 * @param notifyChannels  names of the configured notification channels.
 */
public record OperatorServices(
    Security security,
    ReadModel readModel,
    IngressPublisher publisher,
    PendingSignals pendingSignals,
    SignalIds signalIds,
    EpochNanoClock clock,
    MetricsRegistry metrics,
    StreamAgent stream,
    BooleanSupplier engineConnected,
    Supplier<List<String>> notifyChannels)
{
}
