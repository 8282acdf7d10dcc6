package io.sluice.engine.core;

import java.util.ArrayList;
import java.util.List;

import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Keeps a copy of every output and decodes them on demand with the real decoders (test only).
 */
final class CapturedOutputs implements OutputPort
{
    final List<byte[]> frames = new ArrayList<>();

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(copy);
    }

    void clear()
    {
        frames.clear();
    }

    int templateId(final int index)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(frames.get(index)), 0).templateId();
    }

    List<Integer> templateIds()
    {
        final List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++)
        {
            ids.add(templateId(i));
        }
        return ids;
    }

    long count(final int templateId)
    {
        return templateIds().stream().filter(id -> id == templateId).count();
    }

    private int indexOf(final int templateId, final int occurrence)
    {
        int seen = 0;
        for (int i = 0; i < frames.size(); i++)
        {
            if (templateId(i) == templateId && seen++ == occurrence)
            {
                return i;
            }
        }
        throw new AssertionError("no output #" + occurrence + " of template " + templateId + " in " + templateIds());
    }

    NewOrderDecoder newOrder(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(NewOrderDecoder.TEMPLATE_ID, occurrence)));
        return new NewOrderDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    CancelOrderDecoder cancelOrder(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(CancelOrderDecoder.TEMPLATE_ID, occurrence)));
        return new CancelOrderDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    /** A RiskReject with its var fields read in schema order (precedence checks are on in tests). */
    record Reject(io.sluice.sbe.RejectReason reason, long limitValue, long actualValue, String clientOrderId,
        String account, String symbol, String signalId, String field, String detail)
    {
    }

    Reject reject(final int occurrence)
    {
        final RiskRejectDecoder d = riskReject(occurrence);
        return new Reject(d.reason(), d.limitValue(), d.actualValue(), d.clientOrderId().trim(), d.account().trim(),
            d.symbol().trim(), d.signalId(), d.field(), d.detail());
    }

    RiskRejectDecoder riskReject(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(RiskRejectDecoder.TEMPLATE_ID, occurrence)));
        return new RiskRejectDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    OrderUpdateDecoder orderUpdate(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(OrderUpdateDecoder.TEMPLATE_ID, occurrence)));
        return new OrderUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    PositionUpdateDecoder positionUpdate(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(PositionUpdateDecoder.TEMPLATE_ID, occurrence)));
        return new PositionUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    TradingStateUpdateDecoder tradingStateUpdate(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(TradingStateUpdateDecoder.TEMPLATE_ID, occurrence)));
        return new TradingStateUpdateDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    GatewayStatusDecoder gatewayStatus(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(GatewayStatusDecoder.TEMPLATE_ID, occurrence)));
        return new GatewayStatusDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    io.sluice.sbe.AlertDecoder alert(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(io.sluice.sbe.AlertDecoder.TEMPLATE_ID, occurrence)));
        return new io.sluice.sbe.AlertDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    EngineErrorDecoder engineError(final int occurrence)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frames.get(indexOf(EngineErrorDecoder.TEMPLATE_ID, occurrence)));
        return new EngineErrorDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }
}
