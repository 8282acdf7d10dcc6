package io.sluice.journal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.sluice.journal.investigate.InvestigateCommand;
import io.sluice.journal.projection.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code journal} command line tool: {@code dump} prints records as readable lines, {@code replay} projects the
 * journal into PostgreSQL, {@code investigate} explains decisions, {@code retention} archives or deletes old cycles.
 */
@Command(
    name = "journal",
    description = "Tools for the Sluice journal.",
    footer = {
        "",
        "RETENTION",
        "  The journal rolls daily: one file per UTC day, named yyyyMMdd'F'.cq4, in",
        "  the journal directory; record indexes keep growing across days. The",
        "  journal is the source of truth, so old days are archived, not lost: run",
        "    journal retention --keep-days 30 --archive-dir /archive/journal --projection",
        "  once a day (cron, systemd timer). It moves cycles older than 30 days that",
        "  no reader needs to the archive (without --archive-dir it deletes them;",
        "  --dry-run prints the decisions and changes nothing). Never moved: today's",
        "  cycle, the newest file, files any process has open (engine, admin-api, a",
        "  following replay), cycles the PostgreSQL projection has not committed",
        "  (--projection) and cycles from a reader's --keep-from-index on. An archive",
        "  directory is a journal too: dump and investigate read it with --dir." })
public final class JournalMain implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    /**
     * Entry point; exits with the command's exit code.
     *
     * @param args command line, e.g. {@code dump --dir /var/sluice/journal --type NewOrder}, {@code replay --follow},
     *             {@code investigate --signal sig-1}, {@code retention --keep-days 30 --archive-dir /archive}.
     */
    public static void main(final String... args)
    {
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        final int exitCode = execute(out, err, args);
        out.flush();
        System.exit(exitCode);
    }

    /**
     * Run the tool with the given streams (tests and embedding).
     *
     * @param out  receives normal output.
     * @param err  receives errors and usage.
     * @param args command line.
     * @return the exit code: 0 success, 1 failure, 2 usage error or missing journal.
     */
    public static int execute(final PrintStream out, final PrintStream err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new JournalMain())
            .addSubcommand("dump", new JournalDump(out, err))
            .addSubcommand("replay", new ReplayCommand(out, err))
            .addSubcommand("investigate", new InvestigateCommand(out, err))
            .addSubcommand("retention", new JournalRetention(out, err));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return commandLine.execute(args);
    }

    /**
     * Without a subcommand there is nothing to do: a usage error.
     *
     * @return never returns normally.
     */
    public Integer call()
    {
        throw new ParameterException(spec.commandLine(), "missing subcommand, expected one of: dump, replay, investigate, retention");
    }
}
