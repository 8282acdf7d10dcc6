package io.sluice.engine;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * One pre-allocated ring slot: the input frame with its engine sequence and event time, and the outputs
 * the core produced for it. Mutable and reused; the last stage clears it. Buffers grow only for a frame
 * larger than any before, so steady state allocates nothing.
 */
final class RingEvent
{
    static final int INITIAL_FRAME_CAPACITY = 16 * 1024;

    final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(INITIAL_FRAME_CAPACITY);
    int frameLength;
    long sequence;
    long timestampNs;
    /** Journal index of the input record, set by the journal stage. */
    long journalIndex = -1;
    /** System.nanoTime() when the ingress agent took the input: the start of its measured latency. */
    long receivedNanoTime;

    /** Outputs, each stored as [int32 length][SBE message]. */
    final ExpandableArrayBuffer outputs = new ExpandableArrayBuffer(2048);
    int outputsLength;

    void setFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        frame.putBytes(0, buffer, offset, length);
        frameLength = length;
    }

    void addOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        outputs.putInt(outputsLength, length);
        outputs.putBytes(outputsLength + Integer.BYTES, buffer, offset, length);
        outputsLength += Integer.BYTES + length;
    }

    void clear()
    {
        frameLength = 0;
        outputsLength = 0;
    }
}
