package io.sluice.engine;

import java.nio.ByteBuffer;

import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Inputs the engine makes for itself (a synthetic GATEWAY_DOWN report when no gateway takes an order):
 * written by the egress stage, drained by the ingress agent into the ring, so they are journaled and
 * processed like any other input.
 */
final class InternalInputs
{
    private static final int MESSAGE_TYPE = 1;

    private final OneToOneRingBuffer ringBuffer = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(1024 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final IdleStrategy fullIdle;

    InternalInputs(final IdleStrategy fullIdle)
    {
        this.fullIdle = fullIdle;
    }

    /**
     * Queue the report saying an order or cancel could not reach its venue.
     *
     * @param buffer holding the NewOrder or CancelOrder.
     * @param offset of its header.
     */
    void gatewayDown(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        report.wrapAndApplyHeader(scratch, 0, headerEncoder);
        final int reportOffset = report.offset();
        if (header.templateId() == NewOrderDecoder.TEMPLATE_ID)
        {
            newOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            copy(buffer, newOrder.offset() + NewOrderDecoder.clientOrderIdEncodingOffset(),
                reportOffset + ExecutionReportEncoder.clientOrderIdEncodingOffset(), ExecutionReportEncoder.clientOrderIdLength());
            copy(buffer, newOrder.offset() + NewOrderDecoder.accountEncodingOffset(),
                reportOffset + ExecutionReportEncoder.accountEncodingOffset(), ExecutionReportEncoder.accountLength());
            copy(buffer, newOrder.offset() + NewOrderDecoder.venueEncodingOffset(),
                reportOffset + ExecutionReportEncoder.venueEncodingOffset(), ExecutionReportEncoder.venueLength());
            copy(buffer, newOrder.offset() + NewOrderDecoder.symbolEncodingOffset(),
                reportOffset + ExecutionReportEncoder.symbolEncodingOffset(), ExecutionReportEncoder.symbolLength());
            report.execType(ExecType.REJECTED).ordStatus(OrdStatus.REJECTED).side(newOrder.side())
                .leavesQty(0);
        }
        else
        {
            cancelOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            copy(buffer, cancelOrder.offset() + CancelOrderDecoder.clientOrderIdEncodingOffset(),
                reportOffset + ExecutionReportEncoder.clientOrderIdEncodingOffset(), ExecutionReportEncoder.clientOrderIdLength());
            copy(buffer, cancelOrder.offset() + CancelOrderDecoder.accountEncodingOffset(),
                reportOffset + ExecutionReportEncoder.accountEncodingOffset(), ExecutionReportEncoder.accountLength());
            copy(buffer, cancelOrder.offset() + CancelOrderDecoder.venueEncodingOffset(),
                reportOffset + ExecutionReportEncoder.venueEncodingOffset(), ExecutionReportEncoder.venueLength());
            copy(buffer, cancelOrder.offset() + CancelOrderDecoder.symbolEncodingOffset(),
                reportOffset + ExecutionReportEncoder.symbolEncodingOffset(), ExecutionReportEncoder.symbolLength());
            report.execType(ExecType.CANCEL_REJECTED).ordStatus(OrdStatus.NULL_VAL).side(Side.NULL_VAL).leavesQty(0);
        }
        scratch.setMemory(reportOffset + ExecutionReportEncoder.venueOrderIdEncodingOffset(), ExecutionReportEncoder.venueOrderIdLength(), (byte)0);
        report.lastQty(0).lastPrice(0).cumQty(0).avgPrice(0).transactTimeNs(0)
            .text("GATEWAY_DOWN: no gateway connected for this venue");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
        fullIdle.reset();
        while (!ringBuffer.write(MESSAGE_TYPE, scratch, 0, length))
        {
            fullIdle.idle();
        }
    }

    private void copy(final DirectBuffer source, final int sourceOffset, final int targetOffset, final int length)
    {
        scratch.putBytes(targetOffset, source, sourceOffset, length);
    }

    int drain(final MessageHandler handler, final int limit)
    {
        return ringBuffer.read(handler, limit);
    }
}
