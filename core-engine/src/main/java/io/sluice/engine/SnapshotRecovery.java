package io.sluice.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.sluice.engine.core.EngineCore;
import io.sluice.engine.snapshot.SnapshotException;
import io.sluice.engine.snapshot.SnapshotFile;
import io.sluice.engine.snapshot.SnapshotStore;
import io.sluice.engine.snapshot.StateReader;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Recovery at start: the newest valid snapshot, then the journal after it replayed and compared; with no valid
 * snapshot, the whole journal. A snapshot is valid when its file checks (magic, version, length, CRC), it was taken
 * under this configuration, the journal still holds its input at its index, and the core restored from it has the
 * recorded {@code stateHash()}. An invalid one is skipped, with the reason, in favour of the one before it. When
 * the replay after a valid snapshot diverges, the whole journal is replayed instead: if that is identical the
 * snapshot lacked state (a bug, reported in the summary), otherwise this build disagrees with the journal and the
 * engine refuses to start as before.
 */
public final class SnapshotRecovery
{
    /** What recovery did. */
    public record Outcome(EngineCore core, JournalReplay.Result replay, SnapshotFile.Snapshot snapshot, List<String> skipped)
    {
        /** One line for the log. */
        public String describe()
        {
            final StringBuilder text = new StringBuilder();
            if (snapshot == null)
            {
                text.append("no valid snapshot; replayed ").append(replay.inputs()).append(" events from the start of the journal");
            }
            else
            {
                text.append("restored snapshot at journal index ").append(snapshot.journalIndex())
                    .append(" (engine sequence ").append(snapshot.sequence()).append("), replayed ")
                    .append(replay.inputs()).append(" events after it");
            }
            for (final String reason : skipped)
            {
                text.append("; skipped ").append(reason);
            }
            return text.toString();
        }
    }

    private SnapshotRecovery()
    {
    }

    static Outcome recover(
        final Journal journal, final Supplier<EngineCore> newCore, final SnapshotStore store, final long fingerprint)
    {
        return recover(journal, newCore, store, fingerprint, Long.MAX_VALUE, true);
    }

    /**
     * Rebuild a core from the newest valid snapshot at or before {@code untilIndex} and the journal after it, up to
     * {@code untilIndex}.
     *
     * @param journal    the journal.
     * @param newCore    builds a fresh core of the configuration in use.
     * @param store      the snapshots, or null to replay the whole journal.
     * @param fingerprint of the configuration in use.
     * @param untilIndex last journal index to include, or Long.MAX_VALUE for all.
     * @param setAside   whether a snapshot ahead of the journal is renamed {@code .stale} (false for read-only tools).
     * @return the core, the replay after the snapshot and what was skipped.
     */
    public static Outcome recover(
        final Journal journal,
        final Supplier<EngineCore> newCore,
        final SnapshotStore store,
        final long fingerprint,
        final long untilIndex,
        final boolean setAside)
    {
        final List<String> skipped = new ArrayList<>();
        for (final Path path : store == null ? List.<Path>of() : store.newestFirst())
        {
            final SnapshotFile.Snapshot snapshot;
            try
            {
                snapshot = SnapshotFile.read(path);
            }
            catch (final IOException | SnapshotException ex)
            {
                skipped.add(path.getFileName() + " (" + ex.getMessage() + ")");
                continue;
            }
            if (snapshot.journalIndex() > untilIndex)
            {
                continue;
            }
            if (snapshot.fingerprint() != fingerprint)
            {
                skipped.add(path.getFileName() + " (taken under another configuration)");
                continue;
            }
            if (!journalHoldsInput(journal, snapshot.journalIndex(), snapshot.sequence(), snapshot.timestampNs()))
            {
                // Ahead of the journal (its tail was lost in an OS crash, or the journal was replaced): the journal is
                // the truth. Set aside, so it can never match records written at the same index later.
                skipped.add(path.getFileName() + " (the journal does not hold its input at index " + snapshot.journalIndex() +
                    (setAside ? "; set aside as " + setAside(path) : "") + ")");
                continue;
            }
            final EngineCore core = newCore.get();
            try
            {
                core.readState(new StateReader().wrap(new UnsafeBuffer(snapshot.state()), 0, snapshot.state().length));
            }
            catch (final SnapshotException | IndexOutOfBoundsException | IllegalArgumentException ex)
            {
                skipped.add(path.getFileName() + " (" + ex.getMessage() + ")");
                continue;
            }
            if (core.stateHash() != snapshot.stateHash())
            {
                skipped.add(path.getFileName() + " (restored state hash differs from the recorded one)");
                continue;
            }
            final JournalReplay.Result replay = JournalReplay.replayAfter(
                journal, core, snapshot.journalIndex(), snapshot.sequence(), snapshot.timestampNs(), untilIndex);
            if (!replay.identical())
            {
                // Either this build decides differently (the whole journal will diverge too, and the engine stops), or
                // the snapshot misses state that decides outputs: then the whole journal replays identically and is
                // used instead. Older snapshots would miss the same state, so none is tried.
                final String divergence = replay.divergence().describe();
                skipped.add(path.getFileName() + " (the replay after it diverged: " +
                    divergence.substring(0, divergence.indexOf('\n') < 0 ? divergence.length() : divergence.indexOf('\n')) +
                    "; replayed the whole journal instead)");
                break;
            }
            return new Outcome(core, replay, snapshot, skipped);
        }
        final EngineCore core = newCore.get();
        return new Outcome(core, JournalReplay.replay(journal, core, untilIndex), null, skipped);
    }

    private static String setAside(final Path path)
    {
        final Path stale = path.resolveSibling(path.getFileName() + ".stale");
        try
        {
            java.nio.file.Files.move(path, stale, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return stale.getFileName().toString();
        }
        catch (final IOException ex)
        {
            return "nothing (" + ex.getMessage() + ")";
        }
    }

    private static boolean journalHoldsInput(final Journal journal, final long index, final long sequence, final long timestampNs)
    {
        try (JournalReader reader = journal.reader())
        {
            if (!reader.moveToIndex(index))
            {
                return false;
            }
            final boolean[] match = { false };
            reader.poll((recordIndex, kind, recordSequence, recordTimestampNs, buffer, offset, length) ->
                match[0] = recordIndex == index && kind == JournalRecord.KIND_INPUT && recordSequence == sequence &&
                    recordTimestampNs == timestampNs, 1);
            return match[0];
        }
    }
}
