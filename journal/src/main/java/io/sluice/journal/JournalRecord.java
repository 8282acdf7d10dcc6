package io.sluice.journal;

/**
 * Layout of one journal record: a fixed 24-byte envelope followed by one complete SBE message
 * (header included).
 * <pre>
 *   0  int32  kind         INPUT (a frame the engine received) or OUTPUT (a frame the engine produced)
 *   4  int32  reserved     zero
 *   8  int64  sequence     the engine sequence of the input; outputs carry the sequence of the input
 *                          that caused them, so replay can compare outputs input by input
 *  16  int64  timestampNs  engine event time of the input (epoch ns): the only clock the core sees
 *  24  ...    SBE message
 * </pre>
 * Inputs and outputs are appended by different pipeline stages, so an output may follow later inputs;
 * the sequence, not the position, ties an output to its input.
 */
public final class JournalRecord
{
    public static final int KIND_INPUT = 1;
    public static final int KIND_OUTPUT = 2;

    public static final int KIND_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int TIMESTAMP_OFFSET = 16;
    public static final int HEADER_LENGTH = 24;

    private JournalRecord()
    {
    }

    /**
     * Name of a record kind.
     *
     * @param kind record kind.
     * @return "IN", "OUT" or "?".
     */
    public static String kindName(final int kind)
    {
        return kind == KIND_INPUT ? "IN" : kind == KIND_OUTPUT ? "OUT" : "?";
    }
}
