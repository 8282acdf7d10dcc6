package io.sluice.journal.investigate;

import io.sluice.journal.FrameFields;
import io.sluice.journal.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A copy of one journal record kept for a trace, with the fields that link it to signals and orders.
 */
final class TraceRecord
{
    final long index;
    final int kind;
    final long sequence;
    final long timestampNs;
    final UnsafeBuffer frame;
    final int templateId;
    final String signalId;
    final String clientOrderId;
    final String account;

    private TraceRecord(
        final long index, final int kind, final long sequence, final long timestampNs, final UnsafeBuffer frame, final FrameFields fields)
    {
        this.index = index;
        this.kind = kind;
        this.sequence = sequence;
        this.timestampNs = timestampNs;
        this.frame = frame;
        this.templateId = fields.templateId();
        this.signalId = fields.signalId();
        this.clientOrderId = fields.clientOrderId();
        this.account = fields.account();
    }

    static TraceRecord copy(
        final long index, final int kind, final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset,
        final int length, final FrameFields fields)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return new TraceRecord(index, kind, sequence, timestampNs, new UnsafeBuffer(bytes), fields);
    }

    boolean isInput()
    {
        return kind == JournalRecord.KIND_INPUT;
    }

    boolean isOutput()
    {
        return kind == JournalRecord.KIND_OUTPUT;
    }
}
