package io.sluice.admin.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import org.agrona.DirectBuffer;

/**
 * Counts what the journal shows, on the journal tail thread: signals by source, each signal's first outcome
 * (ordered or refused) by source, refusals by reason, order updates by venue and status, alerts by type, engine
 * errors, the journal index and each gateway's state.
 */
public final class MetricsProjection implements JournalHandler
{
    private static final int SIGNALS_TRACKED = 100_000;
    private static final String DECIDED = "";

    private final MetricsRegistry registry;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final OrderUpdateDecoder orderUpdate = new OrderUpdateDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final AlertDecoder alert = new AlertDecoder();
    private final EngineErrorDecoder engineError = new EngineErrorDecoder();
    // Signal id -> its source until its first outcome, then the DECIDED marker; bounded, oldest forgotten first.
    private final Map<String, String> pendingSignals = new LinkedHashMap<>(1024, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        protected boolean removeEldestEntry(final Map.Entry<String, String> eldest)
        {
            return size() > SIGNALS_TRACKED;
        }
    };

    /**
     * A projection writing into a registry; declares its families.
     *
     * @param registry the registry.
     */
    public MetricsProjection(final MetricsRegistry registry)
    {
        this.registry = registry;
        registry.counter("sluice_signals_total", "Signals received, by source.");
        registry.counter("sluice_signal_outcomes_total", "First outcome of each signal, by source and outcome (ordered, refused).");
        registry.counter("sluice_refusals_total", "Refusals (RiskReject) by reason, including repeats refused as DUPLICATE.");
        registry.counter("sluice_order_updates_total", "Order state changes, by venue and status.");
        registry.counter("sluice_alerts_total", "Engine alerts, by type.");
        registry.counter("sluice_engine_errors_total", "Inputs the engine could not process.");
        registry.gauge("sluice_journal_index", "Index of the last journal record the admin API applied.");
        registry.gauge("sluice_gateway_up", "1 when the venue's gateway is UP, else 0.");
    }

    public void onRecord(
        final long index, final int kind, final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset,
        final int length)
    {
        registry.set("sluice_journal_index", index);
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            switch (header.templateId())
            {
                case RawSignalDecoder.TEMPLATE_ID:
                    if (kind == JournalRecord.KIND_INPUT)
                    {
                        rawSignal.wrap(buffer, bodyOffset, blockLength, version);
                        if (rawSignal.actingVersion() >= RawSignalDecoder.dryRunSinceVersion() &&
                            rawSignal.dryRun() == io.sluice.sbe.BooleanType.TRUE)
                        {
                            break; // a dry run is no signal
                        }
                        final String source = rawSignal.source().name();
                        final String signalId = rawSignal.signalId();
                        registry.add("sluice_signals_total", 1, "source", source);
                        if (!pendingSignals.containsKey(signalId))
                        {
                            pendingSignals.put(signalId, source);
                        }
                    }
                    break;
                case NewOrderDecoder.TEMPLATE_ID:
                    if (kind == JournalRecord.KIND_OUTPUT)
                    {
                        newOrder.wrap(buffer, bodyOffset, blockLength, version);
                        decide(newOrder.signalId(), "ordered");
                    }
                    break;
                case RiskRejectDecoder.TEMPLATE_ID:
                    riskReject.wrap(buffer, bodyOffset, blockLength, version);
                    final String reason = riskReject.reason().name();
                    registry.add("sluice_refusals_total", 1, "reason", reason);
                    decide(riskReject.signalId(), "refused");
                    break;
                case OrderUpdateDecoder.TEMPLATE_ID:
                    orderUpdate.wrap(buffer, bodyOffset, blockLength, version);
                    final String venue = orderUpdate.venue();
                    registry.add("sluice_order_updates_total", 1, "venue", venue, "status", orderUpdate.ordStatus().name());
                    break;
                case GatewayStatusDecoder.TEMPLATE_ID:
                    gatewayStatus.wrap(buffer, bodyOffset, blockLength, version);
                    final String gatewayVenue = gatewayStatus.venue();
                    registry.set("sluice_gateway_up", "UP".equals(gatewayStatus.state().name()) ? 1 : 0, "venue", gatewayVenue);
                    break;
                case AlertDecoder.TEMPLATE_ID:
                    alert.wrap(buffer, bodyOffset, blockLength, version);
                    registry.add("sluice_alerts_total", 1, "type", alert.alertType().name());
                    break;
                case EngineErrorDecoder.TEMPLATE_ID:
                    registry.add("sluice_engine_errors_total", 1);
                    break;
                default:
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            // Undecodable records are counted by the read model; metrics skip them.
        }
    }

    private void decide(final String signalId, final String outcome)
    {
        if (signalId.isEmpty())
        {
            return;
        }
        final String source = pendingSignals.get(signalId);
        if (source != null && source != DECIDED)
        {
            registry.add("sluice_signal_outcomes_total", 1, "source", source, "outcome", outcome);
            pendingSignals.put(signalId, DECIDED);
        }
    }
}
