package io.sluice.system;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Streams;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.Side;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 the engine at random moments while signals stream in through HTTP, restart it, repeat: no signal
 * answered 202 is lost, no order reaches the venue twice, no order is left in doubt after the restart's
 * reconciliation, and the engine's positions equal the venue's fills.
 * The engine runs as a child JVM so it can really be killed; driver, paper gateway and admin-api stay up.
 * Bounded: four kills of about a second of traffic each in the suite; {@code SLUICE_CRASHES=N} (scripts/crash-loop)
 * runs the longer version. Time limit: 300 s plus 30 s per kill.
 */
class CrashRecoverySystemTest
{
    private static final int CRASHES = Integer.parseInt(System.getenv().getOrDefault("SLUICE_CRASHES", "4"));

    @TempDir
    Path tempDir;

    Path dir;

    private SystemHarness sluice;
    private Process engine;
    private Aeron aeron;

    @AfterEach
    void tearDown() throws Exception
    {
        if (engine != null)
        {
            engine.destroyForcibly();
        }
        CloseHelper.quietCloseAll(aeron, sluice);
        // The killed and restarted engines' own log (recovery summaries, reconciliation), kept for a failure's reader.
        final Path log = dir == null ? null : dir.resolve("engine.log");
        if (log != null && java.nio.file.Files.exists(log))
        {
            final Path kept = Path.of("target", "crash-recovery-engine.log");
            java.nio.file.Files.createDirectories(kept.getParent());
            java.nio.file.Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void shouldLoseNoAcceptedSignalAndSendNoOrderTwiceAcrossRepeatedKills()
    {
        // A successor joins the ingress stream where the killed engine stopped reading (the media driver keeps that
        // position), so what is lost is what the killed engine had read but not journaled: admin-api publishes it again.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(300 + 30L * CRASHES),
            this::killLoop);
    }

    private void killLoop() throws Exception
    {
        dir = System.getenv("SLUICE_CRASH_DIR") != null ? Path.of(System.getenv("SLUICE_CRASH_DIR")) : tempDir;
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.admin.redeliverMs", "500");
        settings.put("sluice.engine.tickMs", "200"); // a stalled journal (dead engine) is noticed after three missed Ticks
        settings.put("sluice.engine.gatewayTimeoutMs", "60000"); // engine downtime is not a venue fault here
        settings.put("sluice.account.main.ordersPerSecond", "0");
        sluice = new SystemHarness(dir, settings, false);

        // Watch what the venue does: every NEW and TRADE report on the reports stream.
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
        final Subscription reports = aeron.addSubscription(Streams.DEFAULT_CHANNEL, Streams.REPORTS_STREAM_ID);
        final Map<String, Integer> newReports = new HashMap<>();
        final Map<String, BigDecimal> venuePosition = new HashMap<>();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FragmentAssembler onReport = new FragmentAssembler((buffer, offset, length, h) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
            {
                report.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                final String id = report.clientOrderId().trim();
                if (report.execType() == ExecType.NEW)
                {
                    newReports.merge(id, 1, Integer::sum);
                }
                else if (report.execType() == ExecType.TRADE)
                {
                    final BigDecimal qty = new BigDecimal(Fixed.toString(report.lastQty()));
                    venuePosition.merge(report.symbol().trim(), report.side() == Side.BUY ? qty : qty.negate(), BigDecimal::add);
                }
            }
        });

        final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        final AtomicBoolean sending = new AtomicBoolean(true);
        final Thread sender = new Thread(() ->
        {
            int n = 0;
            while (sending.get())
            {
                final String id = "crash-" + n;
                final String side = n % 3 == 0 ? "sell" : "buy";
                final String symbol = n % 2 == 0 ? "BTCUSDT" : "ETHUSDT";
                final int status = sluice.post("/api/v1/signals", "{\"id\":\"" + id + "\",\"account\":\"main\",\"symbol\":\"" + symbol +
                    "\",\"side\":\"" + side + "\",\"qty\":\"0.01\"}").statusCode();
                if (status == 202)
                {
                    accepted.add(id);
                    n++;
                }
                pause(5);
            }
        }, "signal-sender");

        final Random random = new Random(42);
        startEngine();
        sender.start();
        for (int crash = 0; crash < CRASHES; crash++)
        {
            final long runMs = 300 + random.nextInt(700);
            final long until = System.currentTimeMillis() + runMs;
            while (System.currentTimeMillis() < until)
            {
                reports.poll(onReport, 100);
                pause(2);
            }
            engine.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
            assertTrue(engine.waitFor(20, TimeUnit.SECONDS), "killed engine exited");
            startEngine();
        }
        final long drainUntil = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < drainUntil)
        {
            reports.poll(onReport, 100);
        }
        sending.set(false);
        sender.join();
        assertTrue(accepted.size() > 20, "signals accepted during the run: " + accepted.size());

        // Every accepted signal is decided exactly once: ordered (the paper venue takes them all). One the killed
        // engine had read from Aeron but not journaled is gone from the stream (its successor joins after it):
        // admin-api publishes it again until the journal shows it.
        final long orderedBy = System.currentTimeMillis() + 120_000;
        final List<String> notOrdered = new ArrayList<>(accepted);
        while (!notOrdered.isEmpty() && System.currentTimeMillis() < orderedBy)
        {
            notOrdered.removeIf(id -> "ORDERED".equals(sluice.getJson("/api/v1/signals/" + id).path("status").asText()));
            reports.poll(onReport, 100);
            pause(200);
        }
        final List<String> lost = new ArrayList<>();
        for (final String id : notOrdered)
        {
            lost.add(sluice.getJson("/api/v1/signals/" + id).toString());
        }
        assertTrue(lost.isEmpty(), "accepted signals never ordered: " + lost);

        // Reconciliation at each restart asks the venue about every live order: one journaled in the instant before a
        // kill but never offered to the gateway is unknown to the venue, so the engine re-sends it once as its next
        // attempt; one the venue filled while the engine was down, or whose fill report died with the engine (read
        // from Aeron, not journaled), is adopted. Nothing stays in doubt, nothing reaches the venue twice.
        final List<String> allOrders = new ArrayList<>();
        int resent = 0;
        for (final String id : accepted)
        {
            final JsonNode signal = sluice.awaitJson("/api/v1/signals/" + id, s ->
            {
                reports.poll(onReport, 1000);
                // The paper venue fills every market order: each ends FILLED, or REJECTED when replaced by a re-send.
                for (final JsonNode order : s.path("orders"))
                {
                    final String status = sluice.getJson("/api/v1/orders/" + order.asText()).path("status").asText();
                    if (!status.equals("FILLED") && !status.equals("REJECTED"))
                    {
                        return false;
                    }
                }
                return true;
            }, id + " has no order left in doubt or unfilled", 60);
            final JsonNode signalOrders = signal.path("orders");
            assertTrue(signalOrders.size() == 1 || signalOrders.size() == 2, id + " orders " + signalOrders);
            int reachedVenue = 0;
            for (final JsonNode order : signalOrders)
            {
                allOrders.add(order.asText());
                reachedVenue += newReports.containsKey(order.asText()) ? 1 : 0;
            }
            if (signalOrders.size() == 2)
            {
                resent++;
                final JsonNode first = sluice.getJson("/api/v1/orders/" + signalOrders.get(0).asText());
                assertEquals("REJECTED", first.path("status").asText(), "the attempt the venue never saw: " + first);
                assertFalse(newReports.containsKey(signalOrders.get(0).asText()), "a re-sent attempt was never at the venue");
            }
            final String last = signalOrders.get(signalOrders.size() - 1).asText();
            assertEquals("FILLED", sluice.getJson("/api/v1/orders/" + last).path("status").asText(), id + ": its order filled");
            final long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && !newReports.containsKey(last))
            {
                reports.poll(onReport, 1000);
                pause(10);
            }
            assertTrue(newReports.containsKey(last), "the order of " + id + " reached the venue: " + last);
            assertEquals(1, reachedVenue, id + ": exactly one order reached the venue");
        }
        newReports.forEach((id, count) -> assertEquals(1, count, "order " + id + " reached the venue once"));
        final long orders = sluice.countRecords(JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID);
        assertEquals(allOrders.size(), orders, "one NewOrder per order of the accepted signals in the journal");
        assertTrue(resent <= CRASHES, resent + " orders re-sent after the kill windows (at most one per kill)");
        final JsonNode positions = sluice.awaitJson("/api/v1/positions", p ->
        {
            reports.poll(onReport, 1000);
            final Map<String, BigDecimal> engineView = new HashMap<>();
            for (final JsonNode position : p.path("positions"))
            {
                engineView.put(position.path("symbol").asText(), position.path("quantity").decimalValue());
            }
            return venuePosition.entrySet().stream().allMatch(e ->
                engineView.getOrDefault(e.getKey(), BigDecimal.ZERO).compareTo(e.getValue()) == 0);
        }, "engine positions equal the venue's fills " + venuePosition);
        assertTrue(positions.path("positions").size() >= 1);

        // Each restart rebuilt its state from the journal.
        final long recoveries = java.nio.file.Files.readAllLines(dir.resolve("engine.log")).stream()
            .filter(line -> line.matches(".*replayed [1-9][0-9]* inputs.*")).count();
        assertEquals(CRASHES, recoveries, "every restart replayed the journal");
        System.err.println("CrashRecoverySystemTest: " + CRASHES + " kills, " + accepted.size() + " signals accepted, " +
            sluice.api().redeliveredSignals() + " published again by admin-api, " + resent + " orders re-sent");
    }

    private void startEngine() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") || argument.startsWith("-Dsbe"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.addAll(sluice.systemProperties());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.sluice.engine.EngineMain");
        final long started = engineStarts();
        engine = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("engine.log").toFile()))
            .start();
        // admin-api may still see the killed engine's subscription for a while: wait for this process itself.
        // A JVM start plus the journal replay: generous, because a loaded 2-core host can take tens of seconds.
        sluice.awaitCondition(() -> engineStarts() > started || !engine.isAlive(), "the engine process to recover and start", 90);
        assertTrue(engine.isAlive(), "engine failed to start: see engine.log");
        sluice.awaitEngine(90);
    }

    private long engineStarts()
    {
        try
        {
            final Path log = dir.resolve("engine.log");
            return java.nio.file.Files.exists(log) ?
                java.nio.file.Files.readAllLines(log).stream().filter(line -> line.startsWith("sluice-engine: journal")).count() : 0;
        }
        catch (final java.io.IOException ex)
        {
            return 0;
        }
    }

    private static void pause(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
