package io.sluice.journal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code journal} command line tool: {@code journal dump [options]} prints the journal as readable lines.
 */
@Command(name = "journal", description = "Tools for the Sluice journal.")
public final class JournalMain implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    /**
     * Entry point; exits with the command's exit code.
     *
     * @param args command line, e.g. {@code dump --dir /var/sluice/journal --type NewOrder}.
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
            .addSubcommand("dump", new JournalDump(out, err));
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
        throw new ParameterException(spec.commandLine(), "missing subcommand, expected: dump");
    }
}
