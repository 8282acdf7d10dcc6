package io.sluice.journal.investigate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalDump;
import io.sluice.protocol.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journal investigate}: "why did this happen?" — the decision trace of a signal, an order, a record or a
 * moment, from the journal alone.
 */
@Command(
    name = "investigate",
    description = {
        "Explain a decision from the journal alone.",
        "Prints the input, each stage's verdict (parse, lookup, dedup, risk with the gate, limit and value), the " +
            "routed order(s), every venue report, and the order and position updates that followed, one line each: " +
            "<index> <event time> <stage> <text>." },
    sortOptions = false)
public final class InvestigateCommand implements Callable<Integer>
{
    private static final int EXIT_NOT_FOUND = 1;
    private static final int EXIT_USAGE = 2;

    @Option(names = "--dir", paramLabel = "DIR", description = "Journal directory (default: sluice.journal.dir).")
    private Path dir;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file, as -Dsluice.config.")
    private Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "With --signal: only this account's inputs (the duplicate filter is per account).")
    private String account;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;

    /** What to investigate: exactly one. */
    static final class Target
    {
        @Option(names = "--signal", paramLabel = "ID", description = "Every input with this signal id (the originals and duplicates).")
        String signalId;

        @Option(names = "--order", paramLabel = "CLORDID", description = "The decision that created this order, and its life.")
        String clientOrderId;

        @Option(names = "--index", paramLabel = "INDEX", converter = JournalDump.IndexConverter.class,
            description = "The decision the record at this index belongs to (decimal or 0x hex).")
        Long index;

        @Option(names = "--time", paramLabel = "INSTANT", converter = JournalDump.InstantConverter.class,
            description = "The first signal or operator command at or after this ISO-8601 instant.")
        Long timeNs;
    }

    /**
     * An investigation printing the trace to {@code out} and errors to {@code err}.
     *
     * @param out receives the trace.
     * @param err receives errors.
     */
    public InvestigateCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * Run the command.
     *
     * @return 0 when something was traced, 1 when the journal has nothing for the target, 2 on a usage error or a
     * missing journal.
     */
    public Integer call()
    {
        final Path journalDir;
        try
        {
            journalDir = dir != null ? dir : (config != null ? Settings.load(config) : Settings.load()).journalDir();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("journal investigate: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (!Journal.exists(journalDir))
        {
            err.println("journal investigate: no journal at " + journalDir.toAbsolutePath() + "; use --dir or --config to choose the journal");
            return EXIT_USAGE;
        }
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final Investigator investigator = new Investigator(journal);
            final int traced;
            if (target.signalId != null)
            {
                traced = investigator.signal(target.signalId, account, out);
            }
            else if (target.clientOrderId != null)
            {
                traced = investigator.order(target.clientOrderId, out);
            }
            else if (target.index != null)
            {
                traced = investigator.index(target.index, out);
            }
            else
            {
                traced = investigator.time(target.timeNs, out);
            }
            out.flush();
            return traced > 0 ? 0 : EXIT_NOT_FOUND;
        }
        catch (final Exception ex)
        {
            err.println("journal investigate: failed: " + ex);
            return EXIT_NOT_FOUND;
        }
    }
}
