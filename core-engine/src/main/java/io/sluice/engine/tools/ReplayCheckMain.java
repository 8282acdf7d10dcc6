package io.sluice.engine.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.sluice.engine.JournalReplay;
import io.sluice.engine.core.CoreConfig;
import io.sluice.engine.core.EngineCore;
import io.sluice.journal.Journal;
import io.sluice.protocol.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice replay --check}: re-runs every journaled input through this build's core and reports
 * whether every output is identical to the journaled one, or the first divergence — so an upgrade can be
 * checked against last week's real traffic before it goes live. Reads the journal only; trades nothing.
 */
@Command(name = "replay-check", mixinStandardHelpOptions = true,
    description = "Re-run the journal's inputs through this build and compare every output.")
public final class ReplayCheckMain implements Callable<Integer>
{
    @Option(names = "--dir", description = "Journal directory (default: from configuration).")
    private Path dir;

    @Option(names = "--config", description = "Configuration file: must match the engine's (accounts, limits, instruments).")
    private Path config;

    @Option(names = "--check", description = "Compare outputs (the default and only mode of this command).")
    private boolean check = true;

    public Integer call()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        final Path journalDir = dir != null ? dir : settings.journalDir();
        if (!Journal.exists(journalDir))
        {
            System.err.println("replay --check: no journal at " + journalDir);
            return 2;
        }
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final EngineCore core = new EngineCore(CoreConfig.from(settings), (buffer, offset, length) -> {});
            final JournalReplay.Result result = JournalReplay.replay(journal, core, Long.MAX_VALUE);
            if (!result.identical())
            {
                System.out.println("DIFFERENT after " + result.inputs() + " inputs and " + result.outputsCompared() + " identical outputs");
                System.out.println(result.divergence().describe());
                return 1;
            }
            System.out.println("IDENTICAL: " + result.inputs() + " inputs replayed, " + result.outputsCompared() +
                " outputs compared byte for byte" +
                (result.unjournaled().isEmpty() ? "" : "; " + result.unjournaled().size() + " outputs of the last inputs not journaled yet"));
            System.out.println("state hash " + Long.toHexString(core.stateHash()));
            return 0;
        }
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ReplayCheckMain()).execute(args));
    }
}
