package io.sluice.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.sluice.protocol.Fixed;
import io.sluice.journal.TestFrames.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.journal.TestFrames.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class JournalDumpTest
{
    private static final long DEADLINE_NS = 10_000_000_000L;
    private static final String T0_TEXT = "2024-05-01T09:15:00.000000001Z";
    private static final String T1_TEXT = "2024-05-01T09:15:00.000000002Z";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private final List<Long> indexes = new ArrayList<>();
    private List<String> expected;

    @BeforeEach
    void writeJournal()
    {
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            append(appender, JournalRecord.KIND_INPUT, 1, T0, TestFrames.rawSignal("{\"a\":1}"));
            append(appender, JournalRecord.KIND_OUTPUT, 1, T0, TestFrames.newOrder(Fixed.parse("65000.5"), Fixed.NULL));
            append(appender, JournalRecord.KIND_OUTPUT, 1, T0, TestFrames.riskReject(Fixed.parse("100000"), Fixed.NULL));
            append(appender, JournalRecord.KIND_INPUT, 2, T0 + 1, TestFrames.tick(T0 + 1));
            append(appender, JournalRecord.KIND_INPUT, 3, T0 + 1, TestFrames.unknownTemplate(99, 4));
        }
        expected = List.of(
            indexes.get(0) + " " + T0_TEXT + " IN seq=1 RawSignal source=TRADINGVIEW format=CANONICAL_JSON ingressTimeNs=" + T0_TEXT +
                " dryRun=FALSE signalId=\"sig-1\" account=\"acct-1\" idempotencyKey=\"idem-1\" body=\"{\\\"a\\\":1}\" channel=\"tv-main\"",
            indexes.get(1) + " " + T0_TEXT + " OUT seq=1 NewOrder clientOrderId=0K3ZJ8QW1B2C3 account=acct-1 venue=paper" +
                " symbol=BTCUSDT side=BUY ordType=LIMIT timeInForce=GTC quantity=1.5 price=65000.5 stopPrice=null" +
                " takeProfit=70000 stopLoss=null timestampNs=" + T0_TEXT + " leg=1 attempt=2 reduceOnly=TRUE positionSide=LONG product=NRML signalId=\"sig-1\"",
            indexes.get(2) + " " + T0_TEXT + " OUT seq=1 RiskReject reason=MAX_NOTIONAL limitValue=100000 actualValue=null" +
                " clientOrderId= account=acct-1 symbol=BTCUSDT timestampNs=" + T0_TEXT +
                " signalId=\"sig-2\" field=\"quantity\" detail=\"notional 130000 > limit 100000\"",
            indexes.get(3) + " " + T1_TEXT + " IN seq=2 Tick timestampNs=" + T1_TEXT,
            indexes.get(4) + " " + T1_TEXT + " IN seq=3 UNKNOWN templateId=99 version=" + io.sluice.sbe.MessageHeaderEncoder.SCHEMA_VERSION + " length=12");
    }

    private void append(final JournalAppender appender, final int kind, final long sequence, final long timestampNs, final Frame frame)
    {
        indexes.add(appender.append(kind, sequence, timestampNs, frame.buffer, 0, frame.length));
    }

    private int run(final String... args)
    {
        return JournalMain.execute(out, err, args);
    }

    private List<String> outLines()
    {
        final String text = outBytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private String errText()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintEveryRecordAsOneLineInJournalOrder()
    {
        assertEquals(0, run("dump", "--dir", dir.toString()), errText());
        assertEquals(expected, outLines());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).endsWith("\n"));
        assertEquals("", errText());
    }

    @Test
    void shouldPrintOnlyTheRequestedTypes()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--type", "NewOrder,Tick"), errText());
        assertEquals(List.of(expected.get(1), expected.get(3)), outLines());
    }

    @Test
    void shouldAcceptTheTypeOptionRepeatedInAnyCase()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--type", "riskreject", "--type", "RawSignal"), errText());
        assertEquals(List.of(expected.get(0), expected.get(2)), outLines());
    }

    @Test
    void shouldStartFromTheGivenIndex()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--from", Long.toString(indexes.get(2))), errText());
        assertEquals(expected.subList(2, 5), outLines());
    }

    @Test
    void shouldAcceptAHexIndexAndAnIndexBeforeTheFirstRecord()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--from", "0x" + Long.toHexString(indexes.get(4))), errText());
        assertEquals(expected.subList(4, 5), outLines());

        outBytes.reset();
        assertEquals(0, run("dump", "--dir", dir.toString(), "--from", "0"), errText());
        assertEquals(expected, outLines());
    }

    @Test
    void shouldPrintNothingFromAnIndexAfterTheLastRecord()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--from", Long.toString(indexes.get(4) + 1)), errText());
        assertEquals(List.of(), outLines());
    }

    @Test
    void shouldStopAtTheLimit()
    {
        assertEquals(0, run("dump", "--dir", dir.toString(), "--limit", "2"), errText());
        assertEquals(expected.subList(0, 2), outLines());

        outBytes.reset();
        assertEquals(0, run("dump", "--dir", dir.toString(), "--type", "RiskReject,Tick", "--limit", "1"), errText());
        assertEquals(List.of(expected.get(2)), outLines());
    }

    @Test
    void shouldDumpTheMessagesAddedInVersion2ByType()
    {
        final long alertIndex;
        final long usageIndex;
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            final Frame command = TestFrames.adminSetLimit("maxNotional");
            appender.append(JournalRecord.KIND_INPUT, 4, T0 + 1, command.buffer, 0, command.length);
            final Frame alert = TestFrames.alert("breaker tripped");
            alertIndex = appender.append(JournalRecord.KIND_OUTPUT, 4, T0 + 1, alert.buffer, 0, alert.length);
            final Frame usage = TestFrames.riskUsage();
            usageIndex = appender.append(JournalRecord.KIND_OUTPUT, 4, T0 + 1, usage.buffer, 0, usage.length);
        }

        assertEquals(0, run("dump", "--dir", dir.toString(), "--type", "alert,RiskUsage"), errText());
        assertEquals(List.of(
            alertIndex + " " + T1_TEXT + " OUT seq=4 Alert alertType=CIRCUIT_BREAKER severity=CRITICAL account=acct-1 venue=binance" +
                " symbol=BTCUSDT timestampNs=" + T0_TEXT + " text=\"breaker tripped\"",
            usageIndex + " " + T1_TEXT + " OUT seq=4 RiskUsage account=acct-1 state=REDUCING timestampNs=" + T0_TEXT +
                " limits=[\"dailyLoss\":-250.125/1000, \"maxNotional\":null/50000, \"maxOpenPositions\":3/5]"),
            outLines());

        outBytes.reset();
        assertEquals(0, run("dump", "--dir", dir.toString(), "--type", "AdminCommand"), errText());
        final List<String> commands = outLines();
        assertEquals(1, commands.size(), commands.toString());
        assertTrue(commands.get(0).contains(" IN seq=4 AdminCommand action=SET_LIMIT scope=INSTRUMENT account=acct-1 issuedTimeNs=" +
            T0_TEXT + " venue=binance symbol=BTCUSDT value=25000.5 actor=\"risk@desk\" reason=\"tighter after CPI\"" +
            " target=\"maxNotional\""), commands.get(0));
    }

    @Test
    void shouldFailWithExitCode2WhenTheDirectoryDoesNotExist()
    {
        final Path missing = dir.resolve("nope");
        assertEquals(JournalDump.EXIT_USAGE, run("dump", "--dir", missing.toString()));
        assertTrue(errText().contains("no journal at " + missing.toAbsolutePath()), errText());
        assertTrue(errText().contains("no such directory"), errText());
        assertEquals(List.of(), outLines());
    }

    @Test
    void shouldFailWithExitCode2WhenTheDirectoryHasNoJournal() throws IOException
    {
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a queue");
        assertEquals(JournalDump.EXIT_USAGE, run("dump", "--dir", empty.toString()));
        assertTrue(errText().contains("no journal at " + empty.toAbsolutePath()), errText());
        assertTrue(errText().contains("no Chronicle Queue files"), errText());
    }

    @Test
    void shouldRejectAnUnknownTypeWithExitCode2()
    {
        assertEquals(JournalDump.EXIT_USAGE, run("dump", "--dir", dir.toString(), "--type", "NewOrder,Bogus"));
        assertTrue(errText().contains("unknown message type 'Bogus'"), errText());
        assertEquals(List.of(), outLines());
    }

    @Test
    void shouldRejectBadOptionsAndAMissingSubcommandWithExitCode2()
    {
        assertEquals(2, run("dump", "--dir", dir.toString(), "--from", "twelve"));
        assertEquals(2, run("dump", "--dir", dir.toString(), "--limit", "-1"));
        assertEquals(2, run("dump", "--bogus"));
        assertEquals(2, run());
        assertTrue(errText().contains("missing subcommand"), errText());
        assertEquals(List.of(), outLines());
    }

    @Test
    void shouldTakeTheDirectoryFromAConfigFile() throws IOException
    {
        final Path config = dir.resolveSibling(dir.getFileName() + ".properties");
        Files.writeString(config, "sluice.journal.dir=" + dir.toAbsolutePath().toString().replace("\\", "\\\\") + "\n");
        try
        {
            assertEquals(0, run("dump", "--config", config.toString(), "--type", "Tick"), errText());
            assertEquals(List.of(expected.get(3)), outLines());
        }
        finally
        {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void shouldWriteLinesToAnyAppendable() throws IOException
    {
        try (Journal journal = Journal.openReadOnly(dir))
        {
            final StringBuilder sink = new StringBuilder();
            final long written = new JournalDump(out, err).types(List.of("RiskReject", "Tick")).dump(journal, sink);
            assertEquals(2, written);
            assertEquals(expected.get(2) + "\n" + expected.get(3) + "\n", sink.toString());
        }
    }

    @Test
    void shouldFollowRecordsAppendedLaterUntilTheLimit() throws InterruptedException
    {
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread dumper = new Thread(() -> exitCode.set(run("dump", "--dir", dir.toString(), "--follow", "--limit", "7")));
        dumper.start();
        awaitTrue(() -> outLines().size() == 5, "the first five records");

        final List<String> later = new ArrayList<>();
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            for (int i = 0; i < 3; i++)
            {
                final Frame tick = TestFrames.tick(T0 + 10 + i);
                final long index = appender.append(JournalRecord.KIND_INPUT, 10 + i, T0 + 10 + i, tick.buffer, 0, tick.length);
                final String time = FrameFormatter.formatTime(T0 + 10 + i);
                later.add(index + " " + time + " IN seq=" + (10 + i) + " Tick timestampNs=" + time);
            }
        }

        dumper.join(DEADLINE_NS / 1_000_000);
        assertFalse(dumper.isAlive(), "follow did not stop at --limit");
        assertEquals(0, exitCode.get(), errText());
        final List<String> all = new ArrayList<>(expected);
        all.addAll(later.subList(0, 2));
        assertEquals(all, outLines());
    }

    @Test
    void shouldStopFollowingWhenStoppedOrInterrupted() throws InterruptedException
    {
        for (final boolean interrupt : new boolean[] { false, true })
        {
            final JournalDump dump = new JournalDump(out, err).follow(true).types(List.of("Tick"));
            final StringBuffer sink = new StringBuffer();
            final AtomicLong written = new AtomicLong(-1);
            final Thread dumper = new Thread(() ->
            {
                try (Journal journal = Journal.openReadOnly(dir))
                {
                    written.set(dump.dump(journal, sink));
                }
                catch (final IOException ex)
                {
                    throw new RuntimeException(ex);
                }
            });
            dumper.start();
            awaitTrue(() -> sink.length() > 0, "the Tick record");
            LockSupport.parkNanos(20_000_000L);
            assertTrue(dumper.isAlive(), "a following dump keeps waiting at the end of the journal");

            if (interrupt)
            {
                dumper.interrupt();
            }
            else
            {
                dump.stop();
            }
            dumper.join(DEADLINE_NS / 1_000_000);
            assertFalse(dumper.isAlive(), interrupt ? "interrupt did not end follow" : "stop() did not end follow");
            assertEquals(1, written.get());
            assertEquals(expected.get(3) + "\n", sink.toString());
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
