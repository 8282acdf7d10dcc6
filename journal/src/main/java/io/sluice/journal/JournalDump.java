package io.sluice.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sluice.protocol.Settings;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code journal dump}: prints journal records as lines
 * {@code <index> <ISO time> <IN|OUT> seq=<sequence> <frame>}, optionally filtered (message type, account, symbol,
 * event-time range, first index, count) and following the live journal.
 */
@Command(
    name = "dump",
    description = "Print journal records, one line each: <index> <time> <IN|OUT> seq=<sequence> <message>.",
    sortOptions = false)
public final class JournalDump implements Callable<Integer>
{
    /** Exit code when the journal is missing or the options are invalid. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when reading the journal failed. */
    public static final int EXIT_FAILURE = 1;

    private static final int POLL_BATCH = 256;

    @Option(names = "--dir", paramLabel = "DIR", description = "Journal directory (default: sluice.journal.dir from the configuration).")
    private Path dir;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file, as -Dsluice.config.")
    private Path config;

    @Option(names = "--from", paramLabel = "INDEX", converter = IndexConverter.class,
        description = "First record index to print (decimal or 0x hex, as printed); earlier records are skipped.")
    private long fromIndex = Long.MIN_VALUE;

    @Option(names = "--follow", description = "Keep printing records as they are appended, until interrupted.")
    private boolean follow;

    @Option(names = "--type", paramLabel = "NAME", split = ",", description = "Only these message types (any case), e.g. NewOrder,RiskReject.")
    private List<String> types = new ArrayList<>();

    @Option(names = "--account", paramLabel = "ACCOUNT",
        description = "Only records about this account (the message's account field; records without one are left out).")
    private String account;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
        description = "Only records about this instrument (the message's symbol field; records without one are left out).")
    private String symbol;

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Only records with an event time at or after this ISO-8601 instant, e.g. 2024-05-01T09:15:00Z.")
    private long sinceNs = Long.MIN_VALUE;

    @Option(names = "--until", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Only records with an event time before this ISO-8601 instant.")
    private long untilNs = Long.MAX_VALUE;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after printing N records.")
    private long limit = Long.MAX_VALUE;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final FrameFormatter formatter = new FrameFormatter();
    private final FrameFields fields = new FrameFields();
    private final StringBuilder line = new StringBuilder(512);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * A dump writing to the process's standard streams.
     */
    public JournalDump()
    {
        this(System.out, System.err);
    }

    /**
     * A dump writing records to {@code out} and errors to {@code err}.
     *
     * @param out receives record lines.
     * @param err receives error messages.
     */
    public JournalDump(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * Print only records at or after this index.
     *
     * @param index Chronicle index.
     * @return this.
     */
    public JournalDump from(final long index)
    {
        this.fromIndex = index;
        return this;
    }

    /**
     * Keep following the journal after its end until {@link #stop()} or interruption.
     *
     * @param follow true to follow.
     * @return this.
     */
    public JournalDump follow(final boolean follow)
    {
        this.follow = follow;
        return this;
    }

    /**
     * Print only messages with these names (empty for all).
     *
     * @param names message names as in the schema.
     * @return this.
     */
    public JournalDump types(final List<String> names)
    {
        this.types = new ArrayList<>(names);
        return this;
    }

    /**
     * Print only records about this account (null for all).
     *
     * @param account account name.
     * @return this.
     */
    public JournalDump account(final String account)
    {
        this.account = account;
        return this;
    }

    /**
     * Print only records about this instrument (null for all).
     *
     * @param symbol instrument symbol.
     * @return this.
     */
    public JournalDump symbol(final String symbol)
    {
        this.symbol = symbol;
        return this;
    }

    /**
     * Print only records with an event time in {@code [sinceNs, untilNs)}.
     *
     * @param sinceNs first event time included, epoch ns ({@link Long#MIN_VALUE} for no lower bound).
     * @param untilNs first event time excluded, epoch ns ({@link Long#MAX_VALUE} for no upper bound).
     * @return this.
     */
    public JournalDump timeRange(final long sinceNs, final long untilNs)
    {
        this.sinceNs = sinceNs;
        this.untilNs = untilNs;
        return this;
    }

    /**
     * Stop after this many printed records.
     *
     * @param maxRecords record count.
     * @return this.
     */
    public JournalDump limit(final long maxRecords)
    {
        this.limit = maxRecords;
        return this;
    }

    /**
     * Ask a following dump to finish; safe from any thread.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * Run the command: resolve the directory, open the journal read-only and print its records.
     *
     * @return 0 on success, {@link #EXIT_USAGE} when the journal is missing or an option is invalid,
     * {@link #EXIT_FAILURE} when reading failed.
     */
    public Integer call()
    {
        try
        {
            final Path journalDir;
            try
            {
                journalDir = dir != null ? dir : (config != null ? Settings.load(config) : Settings.load()).journalDir();
                typeFilter();
                if (limit < 0)
                {
                    throw new IllegalArgumentException("--limit must not be negative, was " + limit);
                }
                if (sinceNs > untilNs)
                {
                    throw new IllegalArgumentException("--since must not be after --until");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("journal dump: " + ex.getMessage());
                return EXIT_USAGE;
            }

            if (!Journal.exists(journalDir))
            {
                err.println("journal dump: no journal at " + journalDir.toAbsolutePath() + " (" +
                    (Files.isDirectory(journalDir) ? "no Chronicle Queue files in it" : "no such directory") +
                    "); use --dir or --config to choose the journal");
                return EXIT_USAGE;
            }

            final Thread hook = follow ? new Thread(this::stopAndAwait, "journal-dump-shutdown") : null;
            if (hook != null)
            {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try (Journal journal = Journal.openReadOnly(journalDir))
            {
                dump(journal, out);
            }
            finally
            {
                out.flush();
                if (hook != null)
                {
                    removeHook(hook);
                }
            }
            return 0;
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("journal dump: failed: " + ex);
            return EXIT_FAILURE;
        }
        finally
        {
            finished.countDown();
        }
    }

    /**
     * Write the selected records of an open journal, one line each, in journal order; with follow, keep
     * waiting for new records until {@link #stop()} or interruption.
     *
     * @param journal open journal.
     * @param sink    receives the lines, each ended by '\n'.
     * @return number of records written.
     * @throws IOException when the sink fails.
     * @throws IllegalArgumentException when a type name is not a message of the schema.
     */
    public long dump(final Journal journal, final Appendable sink) throws IOException
    {
        final boolean[] wanted = typeFilter();
        final long[] written = { 0 };
        final IdleStrategy idle = new SleepingMillisIdleStrategy(10);
        final JournalHandler handler = (index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            if (written[0] >= limit || index < fromIndex || timestampNs < sinceNs || timestampNs >= untilNs ||
                !accepted(wanted, buffer, offset, length) || !about(buffer, offset, length))
            {
                return;
            }
            line.setLength(0);
            appendLine(line, index, kind, sequence, timestampNs, buffer, offset, length).append('\n');
            try
            {
                sink.append(line);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            written[0]++;
        };

        try (JournalReader reader = journal.reader())
        {
            position(journal, reader);
            while (written[0] < limit && running)
            {
                final int read;
                try
                {
                    read = reader.poll(handler, POLL_BATCH);
                }
                catch (final UncheckedIOException ex)
                {
                    throw ex.getCause();
                }
                if (read == 0)
                {
                    if (!follow || Thread.currentThread().isInterrupted())
                    {
                        break;
                    }
                    if (sink instanceof PrintStream)
                    {
                        ((PrintStream)sink).flush();
                    }
                    idle.idle();
                }
                else
                {
                    idle.reset();
                }
            }
        }
        return written[0];
    }

    /**
     * One dump line (without terminator): {@code <index> <ISO time> <IN|OUT> seq=<sequence> <formatted frame>}.
     *
     * @param out         receives the line.
     * @param index       Chronicle index of the record.
     * @param kind        record kind.
     * @param sequence    engine sequence.
     * @param timestampNs engine event time.
     * @param buffer      holding the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     * @return out.
     */
    public StringBuilder appendLine(
        final StringBuilder out,
        final long index,
        final int kind,
        final long sequence,
        final long timestampNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        out.append(index).append(' ')
            .append(FrameFormatter.formatTime(timestampNs)).append(' ')
            .append(JournalRecord.kindName(kind)).append(" seq=").append(sequence).append(' ');
        return formatter.format(buffer, offset, length, out);
    }

    private void position(final Journal journal, final JournalReader reader)
    {
        if (fromIndex == Long.MIN_VALUE)
        {
            return;
        }
        // Records before fromIndex are skipped by the handler; moving first only saves reading them.
        if (!reader.moveToIndex(fromIndex))
        {
            if (fromIndex > journal.lastIndex() && journal.lastIndex() >= 0)
            {
                reader.toEnd();
            }
            else
            {
                reader.toStart();
            }
        }
    }

    private boolean accepted(final boolean[] wanted, final DirectBuffer buffer, final int offset, final int length)
    {
        if (wanted == null)
        {
            return true;
        }
        final int templateId = formatter.templateIdOf(buffer, offset, length);
        return templateId >= 0 && templateId < wanted.length && wanted[templateId];
    }

    private boolean about(final DirectBuffer buffer, final int offset, final int length)
    {
        if (account == null && symbol == null)
        {
            return true;
        }
        fields.wrap(buffer, offset, length);
        return (account == null || account.equals(fields.account())) && (symbol == null || symbol.equals(fields.symbol()));
    }

    private boolean[] typeFilter()
    {
        if (types == null || types.isEmpty())
        {
            return null;
        }
        final boolean[] wanted = new boolean[64];
        for (final String type : types)
        {
            final String name = type.trim();
            if (name.isEmpty())
            {
                continue;
            }
            int templateId = -1;
            for (final String known : FrameFormatter.messageNames())
            {
                if (known.equalsIgnoreCase(name))
                {
                    templateId = FrameFormatter.templateId(known);
                }
            }
            if (templateId < 0)
            {
                throw new IllegalArgumentException(
                    "unknown message type '" + name + "', expected one of " + String.join(",", FrameFormatter.messageNames()));
            }
            wanted[templateId] = true;
        }
        return wanted;
    }

    private void stopAndAwait()
    {
        stop();
        try
        {
            finished.await(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is already shutting down, and the hook is what stopped the dump.
        }
    }

    /**
     * Parses an index as decimal or, with a 0x prefix, hexadecimal.
     */
    public static final class IndexConverter implements ITypeConverter<Long>
    {
        public Long convert(final String value)
        {
            final String text = value.trim();
            try
            {
                if (text.startsWith("0x") || text.startsWith("0X"))
                {
                    return Long.parseLong(text.substring(2), 16);
                }
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new picocli.CommandLine.TypeConversionException("not an index: '" + value + "'");
            }
        }
    }

    /**
     * Parses an ISO-8601 instant ({@code 2024-05-01T09:15:00Z}, fractions to the nanosecond) into epoch nanoseconds.
     */
    public static final class InstantConverter implements ITypeConverter<Long>
    {
        public Long convert(final String value)
        {
            try
            {
                final Instant instant = Instant.parse(value.trim());
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            }
            catch (final DateTimeParseException | ArithmeticException ex)
            {
                throw new picocli.CommandLine.TypeConversionException(
                    "not an ISO-8601 instant such as 2024-05-01T09:15:00Z: '" + value + "'");
            }
        }
    }
}
