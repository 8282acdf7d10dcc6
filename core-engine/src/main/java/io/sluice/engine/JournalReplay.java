package io.sluice.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sluice.engine.core.EngineCore;
import io.sluice.journal.FrameFormatter;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Replays journaled inputs through a core and compares every output it produces, byte for byte, with the
 * output journaled for the same input. Used at engine start (recovery), by {@code sluice replay --check}
 * (is a new build identical on last week's traffic?) and by {@code sluice investigate --state-at}.
 * <p>
 * Outputs the replay produces that the journal lacks belong to the last inputs before a crash: they were
 * never journaled, so never sent; recovery hands them to the egress stage to journal and send first.
 */
public final class JournalReplay
{
    /** The first point where the current core disagrees with the journal. */
    public record Divergence(long sequence, long journalIndex, String journaled, String replayed)
    {
        public String describe()
        {
            return "divergence at engine sequence " + sequence + " (journal index " + journalIndex + ")\n" +
                "  journaled: " + journaled + "\n" +
                "  replayed:  " + replayed;
        }
    }

    /** An output the replay produced that the journal does not hold yet. */
    public record PendingOutput(long sequence, long timestampNs, byte[] frame)
    {
    }

    /** What a replay found. */
    public record Result(
        long inputs,
        long outputsCompared,
        long lastSequence,
        long lastTimestampNs,
        long lastIndex,
        Divergence divergence,
        List<PendingOutput> unjournaled)
    {
        public boolean identical()
        {
            return divergence == null;
        }
    }

    private JournalReplay()
    {
    }

    /**
     * Equal bytes, or — for a journal written by an earlier schema version — the same message with the same
     * value in every field that version had. The replayed frame is read as if it had the journaled version,
     * so fields added since then are left out of the comparison.
     */
    static boolean equivalent(final FrameFormatter formatter, final byte[] journaled, final byte[] replayed)
    {
        if (Arrays.equals(journaled, replayed))
        {
            return true;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final UnsafeBuffer journaledBuffer = new UnsafeBuffer(journaled);
        final UnsafeBuffer replayedBuffer = new UnsafeBuffer(replayed.clone());
        header.wrap(journaledBuffer, 0);
        final int journaledTemplate = header.templateId();
        final int journaledVersion = header.version();
        header.wrap(replayedBuffer, 0);
        if (header.templateId() != journaledTemplate || header.version() <= journaledVersion)
        {
            return false;
        }
        new MessageHeaderEncoder().wrap(replayedBuffer, 0).version(journaledVersion);
        return formatter.format(journaledBuffer, 0, journaled.length).equals(formatter.format(replayedBuffer, 0, replayed.length));
    }

    /**
     * Replay the journal (up to and including {@code untilIndex}) through the core.
     *
     * @param journal    the journal.
     * @param core       a freshly built core; its outputs are captured for comparison.
     * @param untilIndex last journal index to replay, or Long.MAX_VALUE for all.
     * @return what was replayed and compared; the replay stops at the first divergence.
     */
    public static Result replay(final Journal journal, final EngineCore core, final long untilIndex)
    {
        return replay(journal, core, -1, -1, 0, untilIndex);
    }

    /**
     * Replay the journal after a snapshot through a core restored from it: records up to and including the
     * snapshot's input are skipped, and so are the outputs of inputs the snapshot includes (they follow its
     * input in the journal).
     *
     * @param journal             the journal.
     * @param core                a core restored from the snapshot; its outputs are captured for comparison.
     * @param snapshotIndex       journal index of the last input the snapshot includes.
     * @param snapshotSequence    engine sequence of that input.
     * @param snapshotTimestampNs its event time.
     * @param untilIndex          last journal index to replay, or Long.MAX_VALUE for all.
     * @return what was replayed after the snapshot and compared.
     */
    public static Result replayAfter(
        final Journal journal,
        final EngineCore core,
        final long snapshotIndex,
        final long snapshotSequence,
        final long snapshotTimestampNs,
        final long untilIndex)
    {
        return replay(journal, core, snapshotIndex, snapshotSequence, snapshotTimestampNs, untilIndex);
    }

    private static Result replay(
        final Journal journal,
        final EngineCore core,
        final long fromIndex,
        final long afterSequence,
        final long afterTimestampNs,
        final long untilIndex)
    {
        final Map<Long, ArrayDeque<byte[]>> produced = new LinkedHashMap<>();
        final long[] current = { -1 };
        final long[] counters = { 0, 0, fromIndex }; // inputs, compared, last index
        final long[] last = { afterSequence, afterTimestampNs };
        final Divergence[] divergence = new Divergence[1];
        final FrameFormatter formatter = new FrameFormatter();
        final Map<Long, Long> inputTimes = new LinkedHashMap<>();

        core.outputPort((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            produced.computeIfAbsent(current[0], s -> new ArrayDeque<>()).add(copy);
        });
        try (JournalReader reader = journal.reader())
        {
            if (fromIndex >= 0 && !reader.moveToIndex(fromIndex))
            {
                throw new IllegalStateException("the journal has no record at index " + fromIndex);
            }
            boolean more = true;
            while (more && divergence[0] == null)
            {
                more = reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) ->
                {
                    if (index > untilIndex || divergence[0] != null)
                    {
                        return;
                    }
                    if (sequence <= afterSequence)
                    {
                        return; // inside the snapshot: its input and outputs were decided before it was taken
                    }
                    counters[2] = index;
                    if (kind == JournalRecord.KIND_INPUT)
                    {
                        current[0] = sequence;
                        inputTimes.put(sequence, timestampNs);
                        core.onFrame(sequence, timestampNs, buffer, offset, length);
                        counters[0]++;
                        last[0] = sequence;
                        last[1] = timestampNs;
                    }
                    else if (kind == JournalRecord.KIND_OUTPUT)
                    {
                        final ArrayDeque<byte[]> expected = produced.get(sequence);
                        final byte[] journaled = new byte[length];
                        buffer.getBytes(offset, journaled);
                        final byte[] replayed = expected == null ? null : expected.poll();
                        if (replayed == null || !equivalent(formatter, journaled, replayed))
                        {
                            divergence[0] = new Divergence(sequence, index, formatter.format(new UnsafeBuffer(journaled), 0, length),
                                replayed == null ? "(nothing)" : formatter.format(new UnsafeBuffer(replayed), 0, replayed.length));
                            return;
                        }
                        counters[1]++;
                        if (expected.isEmpty())
                        {
                            produced.remove(sequence);
                        }
                    }
                }, 1024) > 0;
            }
        }
        final List<PendingOutput> unjournaled = new ArrayList<>();
        if (divergence[0] == null)
        {
            produced.forEach((sequence, frames) ->
            {
                for (final byte[] frame : frames)
                {
                    unjournaled.add(new PendingOutput(sequence, inputTimes.getOrDefault(sequence, last[1]), frame));
                }
            });
        }
        return new Result(counters[0], counters[1], last[0], last[1], counters[2], divergence[0], unjournaled);
    }
}
