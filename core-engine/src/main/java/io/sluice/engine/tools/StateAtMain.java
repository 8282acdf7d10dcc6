package io.sluice.engine.tools;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.sluice.engine.JournalReplay;
import io.sluice.engine.SnapshotRecovery;
import io.sluice.engine.snapshot.ConfigFingerprint;
import io.sluice.engine.snapshot.SnapshotStore;
import io.sluice.engine.core.CoreConfig;
import io.sluice.engine.core.EngineCore;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.protocol.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice investigate --state-at <index|time>}: rebuilds the core's state at a point of the journal
 * by replaying it, and prints trading states, accounts, positions, risk usage and live orders.
 */
@Command(name = "state-at", mixinStandardHelpOptions = true, description = "Rebuild and print the engine's state at a journal index or time.")
public final class StateAtMain implements Callable<Integer>
{
    @Option(names = "--state-at", required = true, description = "Journal index (decimal or 0x hex) or ISO-8601 instant.")
    private String at;

    @Option(names = "--dir", description = "Journal directory (default: from configuration).")
    private Path dir;

    @Option(names = "--config", description = "Configuration file: must match the engine's.")
    private Path config;

    @Option(names = "--full-replay", description = "Replay from the start of the journal, ignoring snapshots.")
    private boolean fullReplay;

    public Integer call()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        final Path journalDir = dir != null ? dir : settings.journalDir();
        if (!Journal.exists(journalDir))
        {
            System.err.println("investigate: no journal at " + journalDir);
            return 2;
        }
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final long untilIndex = untilIndex(journal);
            final CoreConfig coreConfig = CoreConfig.from(settings);
            // The nearest snapshot at or before the index, then the journal after it (read-only: nothing renamed).
            final SnapshotStore snapshots = new SnapshotStore(
                Path.of(settings.get("sluice.snapshot.dir", journalDir.resolve("snapshots").toString())), 1);
            final SnapshotRecovery.Outcome outcome = SnapshotRecovery.recover(journal,
                () -> new EngineCore(coreConfig, (buffer, offset, length) -> {}),
                fullReplay ? null : snapshots,
                ConfigFingerprint.of(settings), untilIndex, false);
            final JournalReplay.Result result = outcome.replay();
            System.out.println("state after journal index " + result.lastIndex() + " (" + result.inputs() + " inputs replayed" +
                (outcome.snapshot() == null ? "" : " after the snapshot at index " + outcome.snapshot().journalIndex()) +
                (result.identical() ? "" : "; WARNING: " + result.divergence().describe()) + ")");
            System.out.print(outcome.core().describe());
            return 0;
        }
    }

    private long untilIndex(final Journal journal)
    {
        if (!at.contains("T"))
        {
            return at.startsWith("0x") ? Long.parseLong(at.substring(2), 16) : Long.parseLong(at);
        }
        final Instant instant = Instant.parse(at);
        final long limitNs = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        final long[] last = { -1 };
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((index, kind, sequence, timestampNs, buffer, offset, length) ->
            {
                if (timestampNs <= limitNs)
                {
                    last[0] = index;
                }
            }, 4096) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return last[0];
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new StateAtMain()).execute(args));
    }
}
