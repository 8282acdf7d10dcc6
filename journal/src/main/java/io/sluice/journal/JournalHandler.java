package io.sluice.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal records from a {@link JournalReader}.
 */
@FunctionalInterface
public interface JournalHandler
{
    /**
     * One record. The buffer is only valid for the duration of the call.
     *
     * @param index       Chronicle index of the record.
     * @param kind        {@link JournalRecord#KIND_INPUT} or {@link JournalRecord#KIND_OUTPUT}.
     * @param sequence    engine sequence of the input the record belongs to.
     * @param timestampNs engine event time.
     * @param buffer      holding the SBE message (header first).
     * @param offset      of the SBE message.
     * @param length      of the SBE message.
     */
    void onRecord(long index, int kind, long sequence, long timestampNs, DirectBuffer buffer, int offset, int length);
}
