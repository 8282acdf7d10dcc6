package io.sluice.journal.investigate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.sluice.journal.EngineSimulation;
import io.sluice.journal.EngineSimulation.ExpectedOrder;
import io.sluice.journal.EngineSimulation.ExpectedSignal;
import io.sluice.journal.EngineSimulation.Written;
import io.sluice.journal.FrameFormatter;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalMain;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvestigatorTest
{
    private static final Map<String, String> TAGS = Map.of(
        "RawSignal", "input", "NewOrder", "route", "OrderUpdate", "order", "ExecutionReport", "venue", "PositionUpdate", "position",
        "RiskReject", "reject");

    @TempDir
    Path dir;

    private EngineSimulation sim;
    private final FrameFormatter formatter = new FrameFormatter();

    @BeforeEach
    void writeJournal()
    {
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            sim = new EngineSimulation(appender, 41).run(2_000);
        }
    }

    private String investigate(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] command = new String[args.length + 3];
        command[0] = "investigate";
        command[1] = "--dir";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        final int exitCode = JournalMain.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), command);
        assertEquals(0, exitCode, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<ExpectedSignal> attempts(final String signalId)
    {
        return sim.signals.stream().filter(s -> s.signalId.equals(signalId)).collect(Collectors.toList());
    }

    private Written record(final long index)
    {
        return sim.records.stream().filter(r -> r.index == index).findFirst().orElseThrow();
    }

    // A record as the trace prints it: index, time, stage tag, then the dump rendering of the record.
    private String recordLine(final long index)
    {
        final Written record = record(index);
        final String frame = formatter.format(new UnsafeBuffer(record.frame), 0, record.frame.length);
        final String tag = TAGS.get(frame.substring(0, frame.indexOf(' ')));
        return index + " " + FrameFormatter.formatTime(record.timestampNs) + " " + String.format("%-8s", tag) + " " +
            JournalRecord.kindName(record.kind) + " seq=" + record.sequence + " " + frame;
    }

    private String verdict(final long index, final String stage, final String text)
    {
        return index + " " + FrameFormatter.formatTime(record(index).timestampNs) + " " + String.format("%-8s", stage) + " " + text;
    }

    private List<String> block(final ExpectedSignal attempt, final int number, final int of, final List<String> verdicts)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("# input " + number + " of " + of + ": sequence " + attempt.sequence);
        lines.add(recordLine(attempt.rawIndex));
        lines.addAll(verdicts);
        for (final long index : attempt.traceIndexes)
        {
            if (index != attempt.rawIndex)
            {
                lines.add(recordLine(index));
            }
        }
        return lines;
    }

    @Test
    void shouldTraceAFilledOrderFromSignalToPosition()
    {
        final ExpectedOrder filled = sim.orders.values().stream()
            .filter(o -> "FILLED".equals(o.status) && attempts(o.signalId).size() == 1).findFirst().orElseThrow();
        final ExpectedSignal signal = attempts(filled.signalId).get(0);
        final String intent = filled.side + " " + Fixed.toString(filled.quantity) + " " + filled.symbol + " LIMIT price=" +
            Fixed.toString(filled.price) + " account=" + filled.account + " venue=paper";

        final String trace = investigate("--signal", filled.signalId);

        final List<String> expected = new ArrayList<>();
        expected.add("# signal \"" + filled.signalId + "\": 1 input");
        expected.addAll(block(signal, 1, 1, List.of(
            verdict(signal.outcomeIndex, "parse", "ok: " + intent),
            verdict(signal.outcomeIndex, "lookup", "ok"),
            verdict(signal.outcomeIndex, "dedup", "first seen"),
            verdict(signal.outcomeIndex, "risk", "passed"))));
        assertEquals(expected, lines(trace));
        assertTrue(trace.contains("ExecutionReport clientOrderId=" + filled.clientOrderId), trace);
        assertTrue(trace.contains("ordStatus=FILLED"), trace);
        assertTrue(trace.contains("position OUT"), trace);

        // The same decision, reached from the order, from one of its venue reports, and from the signal's time.
        final String body = trace.substring(trace.indexOf('\n'));
        assertEquals(body, withoutTitle(investigate("--order", filled.clientOrderId)));
        final long reportIndex = signal.traceIndexes.stream()
            .filter(index -> recordLine(index).contains(" venue ")).reduce((a, b) -> b).orElseThrow();
        assertEquals(body, withoutTitle(investigate("--index", Long.toString(reportIndex))));
        assertEquals(body, withoutTitle(investigate("--time", FrameFormatter.formatTime(signal.timeNs))));
    }

    @Test
    void shouldShowTheGateTheLimitAndTheValueOfARiskRefusal()
    {
        final ExpectedSignal refused = sim.signals.stream()
            .filter(s -> "MAX_ORDER_QTY".equals(s.reason) && attempts(s.signalId).size() == 1).findFirst().orElseThrow();

        final String trace = investigate("--signal", refused.signalId);

        final List<String> expected = new ArrayList<>();
        expected.add("# signal \"" + refused.signalId + "\": 1 input");
        expected.addAll(block(refused, 1, 1, List.of(
            verdict(refused.outcomeIndex, "parse", "ok: account=" + refused.account + " symbol=" + refused.symbol),
            verdict(refused.outcomeIndex, "lookup", "ok"),
            verdict(refused.outcomeIndex, "dedup", "first seen"),
            verdict(refused.outcomeIndex, "risk", "REJECTED MAX_ORDER_QTY field=quantity limit=10 value=25 detail=\"quantity 25 > max 10\""))));
        assertEquals(expected, lines(trace));
    }

    @Test
    void shouldShowADuplicateNextToTheSignalItRepeats()
    {
        final ExpectedSignal duplicate = sim.signals.stream()
            .filter(s -> "DUPLICATE".equals(s.reason) && attempts(s.signalId).stream().allMatch(a -> a.account.equals(s.account)) &&
                attempts(s.signalId).stream().noneMatch(a -> "UNKNOWN_SYMBOL".equals(a.reason)))
            .findFirst().orElseThrow();
        final List<ExpectedSignal> attempts = attempts(duplicate.signalId);
        final ExpectedSignal original = attempts.get(0);
        assertTrue(original.reason == null || !"DUPLICATE".equals(original.reason));

        final String trace = investigate("--signal", duplicate.signalId);

        final List<String> expected = new ArrayList<>();
        expected.add("# signal \"" + duplicate.signalId + "\": " + attempts.size() + " inputs");
        for (int i = 0; i < attempts.size(); i++)
        {
            final ExpectedSignal attempt = attempts.get(i);
            final List<String> verdicts = new ArrayList<>();
            if ("DUPLICATE".equals(attempt.reason))
            {
                verdicts.add(verdict(attempt.outcomeIndex, "parse", "ok: account=" + attempt.account + " symbol=" + attempt.symbol));
                verdicts.add(verdict(attempt.outcomeIndex, "lookup", "ok"));
                verdicts.add(verdict(attempt.outcomeIndex, "dedup", "DUPLICATE field=id detail=\"signal id already seen for account " +
                    attempt.account + "\"; first seen at index " + original.rawIndex + " (sequence " + original.sequence + ")"));
                verdicts.add(verdict(attempt.outcomeIndex, "risk", "not reached"));
            }
            else
            {
                assertTrue(lines(trace).contains(verdict(attempt.outcomeIndex, "dedup", "first seen")), trace);
                verdicts.addAll(lines(trace).stream()
                    .filter(line -> line.startsWith(attempt.outcomeIndex + " ") && !line.contains(" OUT seq="))
                    .collect(Collectors.toList()));
            }
            expected.addAll(block(attempt, i + 1, attempts.size(), verdicts));
        }
        assertEquals(expected, lines(trace));
    }

    @Test
    void shouldKeepTheSignalsOfAnotherAccountWithTheSameIdApart()
    {
        final ExpectedSignal shared = sim.signals.stream()
            .filter(s -> attempts(s.signalId).stream().anyMatch(a -> !a.account.equals(s.account)) && !s.clientOrderIds.isEmpty())
            .findFirst().orElseThrow();
        final long ofThisAccount = attempts(shared.signalId).stream().filter(a -> a.account.equals(shared.account)).count();

        assertTrue(investigate("--signal", shared.signalId).startsWith(
            "# signal \"" + shared.signalId + "\": " + attempts(shared.signalId).size() + " inputs\n"));
        final String ofAccount = investigate("--signal", shared.signalId, "--account", shared.account);
        assertTrue(ofAccount.startsWith("# signal \"" + shared.signalId + "\" of account " + shared.account + ": " + ofThisAccount +
            (ofThisAccount == 1 ? " input\n" : " inputs\n")), ofAccount);
        assertEquals(withoutTitle(ofAccount), withoutTitle(investigate("--order", shared.clientOrderIds.get(0))));
        assertTrue(attempts(shared.signalId).stream().filter(a -> !a.account.equals(shared.account))
            .noneMatch(a -> ofAccount.contains(recordLine(a.rawIndex))), ofAccount);
    }

    @Test
    void shouldSayWhenTheJournalHasNothingForTheTarget()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exitCode = JournalMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            "investigate", "--dir", dir.toString(), "--signal", "no-such-signal");

        assertEquals(1, exitCode);
        assertEquals("# signal \"no-such-signal\": nothing in the journal\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRequireExactlyOneTarget()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode = JournalMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "investigate", "--dir", dir.toString(), "--signal", "a", "--order", "b");

        assertEquals(2, exitCode);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mutually exclusive"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteTheTraceToAnyAppendable() throws Exception
    {
        final ExpectedSignal signal = sim.signals.get(0);
        final StringBuilder trace = new StringBuilder();
        try (Journal journal = Journal.openReadOnly(dir))
        {
            assertTrue(new Investigator(journal).index(signal.rawIndex, trace) >= 1);
        }
        assertTrue(trace.toString().contains(recordLine(signal.rawIndex)), trace.toString());
    }

    private static List<String> lines(final String text)
    {
        return Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }

    private static String withoutTitle(final String trace)
    {
        return trace.substring(trace.indexOf('\n'));
    }
}
