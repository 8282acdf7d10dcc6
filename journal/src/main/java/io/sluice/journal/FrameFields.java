package io.sluice.journal;

import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The fields that identify what a frame is about — account, symbol, signal id, client order id — read from
 * any message that has them, for filters and investigations. Off the hot path (returns Strings); one instance
 * per thread. A frame that cannot be decoded has none of the fields.
 */
public final class FrameFields
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final OrderUpdateDecoder orderUpdate = new OrderUpdateDecoder();
    private final PositionUpdateDecoder positionUpdate = new PositionUpdateDecoder();
    private final TradingStateUpdateDecoder tradingStateUpdate = new TradingStateUpdateDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final AmendOrderDecoder amendOrder = new AmendOrderDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);

    private int templateId = -1;
    private String account;
    private String symbol;
    private String signalId;
    private String clientOrderId;

    /**
     * Read the identifying fields of a frame.
     *
     * @param buffer holding the frame.
     * @param offset of its header.
     * @param length of the frame.
     * @return false when the frame is not a message of this schema (all fields are then null).
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = -1;
        account = null;
        symbol = null;
        signalId = null;
        clientOrderId = null;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || offset < 0 || (long)offset + length > buffer.capacity())
        {
            return false;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return false;
        }
        templateId = header.templateId();
        try
        {
            read(templateId, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        }
        catch (final RuntimeException ex)
        {
            // A malformed frame: keep whatever was read before the failure.
        }
        return true;
    }

    /** SBE template id of the frame, -1 when not of this schema. */
    public int templateId()
    {
        return templateId;
    }

    /** Account the frame is about, or null. */
    public String account()
    {
        return account;
    }

    /** Instrument symbol the frame is about, or null. */
    public String symbol()
    {
        return symbol;
    }

    /** Signal id the frame carries (RawSignal, NewOrder, RiskReject), or null. */
    public String signalId()
    {
        return signalId;
    }

    /** Client order id the frame carries, or null. */
    public String clientOrderId()
    {
        return clientOrderId;
    }

    private void read(final int id, final int offset, final int blockLength, final int version)
    {
        switch (id)
        {
            case RawSignalDecoder.TEMPLATE_ID:
                rawSignal.wrap(frame, offset, blockLength, version);
                signalId = text(rawSignal.signalId());
                account = text(rawSignal.account());
                break;
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(frame, offset, blockLength, version);
                clientOrderId = text(newOrder.clientOrderId());
                account = text(newOrder.account());
                symbol = text(newOrder.symbol());
                signalId = text(newOrder.signalId());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(frame, offset, blockLength, version);
                clientOrderId = text(cancelOrder.clientOrderId());
                account = text(cancelOrder.account());
                symbol = text(cancelOrder.symbol());
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                executionReport.wrap(frame, offset, blockLength, version);
                clientOrderId = text(executionReport.clientOrderId());
                account = text(executionReport.account());
                symbol = text(executionReport.symbol());
                break;
            case RiskRejectDecoder.TEMPLATE_ID:
                riskReject.wrap(frame, offset, blockLength, version);
                clientOrderId = text(riskReject.clientOrderId());
                account = text(riskReject.account());
                symbol = text(riskReject.symbol());
                signalId = text(riskReject.signalId());
                break;
            case AdminCommandDecoder.TEMPLATE_ID:
                account = text(adminCommand.wrap(frame, offset, blockLength, version).account());
                break;
            case MarketDataDecoder.TEMPLATE_ID:
                symbol = text(marketData.wrap(frame, offset, blockLength, version).symbol());
                break;
            case OrderUpdateDecoder.TEMPLATE_ID:
                orderUpdate.wrap(frame, offset, blockLength, version);
                clientOrderId = text(orderUpdate.clientOrderId());
                account = text(orderUpdate.account());
                symbol = text(orderUpdate.symbol());
                break;
            case PositionUpdateDecoder.TEMPLATE_ID:
                positionUpdate.wrap(frame, offset, blockLength, version);
                account = text(positionUpdate.account());
                symbol = text(positionUpdate.symbol());
                break;
            case TradingStateUpdateDecoder.TEMPLATE_ID:
                account = text(tradingStateUpdate.wrap(frame, offset, blockLength, version).account());
                break;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                symbol = text(instrumentDefinition.wrap(frame, offset, blockLength, version).symbol());
                break;
            case AccountUpdateDecoder.TEMPLATE_ID:
                account = text(accountUpdate.wrap(frame, offset, blockLength, version).account());
                break;
            case AmendOrderDecoder.TEMPLATE_ID:
                amendOrder.wrap(frame, offset, blockLength, version);
                clientOrderId = text(amendOrder.clientOrderId());
                account = text(amendOrder.account());
                symbol = text(amendOrder.symbol());
                break;
            default:
                break;
        }
    }

    private static String text(final String value)
    {
        return value == null || value.isEmpty() ? null : value;
    }
}
