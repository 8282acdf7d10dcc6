package io.sluice.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Publication;
import io.sluice.admin.http.PendingSignals;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An accepted signal the engine never journaled (killed after reading it from Aeron) is published again, with
 * the same fields, until the journal shows it — through the real HTTP server, ingress stream and journal tail.
 */
class RedeliveryTest
{
    private static final String SECRET = "s3cr3t-Redeliver-1";

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings(
            "sluice.admin.redeliverMs", "200",
            "sluice.admin.engineStallMs", "600000", // the test plays an engine that journals no Ticks
            "sluice.sources", "tv-main",
            "sluice.source.tv-main.type", "tradingview",
            "sluice.source.tv-main.secret", SECRET,
            "sluice.source.tv-main.account", "acc1"));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishAnAcceptedSignalAgainUntilTheJournalShowsIt()
    {
        final long redeliveredBefore = harness.api.redeliveredSignals();
        assertEquals(202, harness.post("/api/v1/signals", "application/json",
            "{\"id\":\"lost-1\",\"account\":\"acc1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").statusCode());
        assertEquals(200, harness.post("/webhook/tradingview/" + SECRET, "text/plain", "buy ETHUSDT 2")
            .statusCode());

        // The engine reads both and dies before journaling them: each arrives again, identical.
        final ApiHarness.RawSignal rest = signal("lost-1");
        final ApiHarness.RawSignal webhook = next(m -> !((ApiHarness.RawSignal)m).signalId().equals("lost-1"));
        assertSame(rest, signal("lost-1"));
        assertSame(webhook, signal(webhook.signalId()));
        assertEquals("tv-main", webhook.channel(), "a re-publication keeps the source's channel");
        assertEquals("PENDING", ApiHarness.json(harness.get("/api/v1/signals/lost-1")).path("status").asText());
        assertEquals(2, harness.api.undeliveredSignals());

        // The successor engine journals them: nothing more is published, and the journal answers for them.
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender appender = journal.appender())
        {
            final TestRecords records = new TestRecords();
            int length = records.rawSignal("lost-1", "acc1", 1, "{}");
            appender.append(JournalRecord.KIND_INPUT, 1, 1, records.buffer, 0, length);
            length = records.rawSignal(webhook.signalId(), "acc1", 2, "buy ETHUSDT 2");
            appender.append(JournalRecord.KIND_INPUT, 2, 2, records.buffer, 0, length);
        }
        ApiHarness.await("the journaled signals to be forgotten", () -> harness.api.undeliveredSignals() == 0);
        assertEquals("RECEIVED", ApiHarness.json(harness.get("/api/v1/signals/lost-1")).path("status").asText());
        assertEquals(true, harness.api.redeliveredSignals() - redeliveredBefore >= 2, "both were published again");
    }

    @Test
    void shouldRefuseNewSignalsRatherThanForgetAnAcceptedOne()
    {
        // A PendingSignals of its own on a separate stream, with a clock the test moves; the subscriber's real
        // position counter tells what was read.
        final AtomicLong nowNs = new AtomicLong(1_000);
        try (TestStream stream = new TestStream(1077))
        {
            final Publication publication = stream.publication;
            final io.aeron.Subscription engine = stream.engine;
            final IngressPublisher publisher = stream.publisher;
            final java.util.function.LongSupplier consumed = () -> publisher.consumed(harness.aeron.countersReader(), System.currentTimeMillis(), 3_000);
            final PendingSignals signals = new PendingSignals(publisher, nowNs::get, 2, 1_000_000);
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("a")));
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("b")));
            assertEquals(IngressPublisher.Result.BACK_PRESSURED, signals.publish(delivery("c")), "full: refused, nothing forgotten");
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("b")), "a retry of a waiting one is taken");
            assertEquals(2, signals.undelivered());
            assertEquals(List.of("a", "b", "b"), received(engine, 3, 10));
            assertEquals(publication.position(), consumed.getAsLong(), "the subscriber read everything");

            // Read (noted now), but not journaled afterNs later.
            assertEquals(List.of(), signals.redeliver(id -> false, 50, 50, consumed.getAsLong(), 100));
            nowNs.addAndGet(99);
            assertEquals(List.of(), signals.redeliver(id -> false, 50, 50, consumed.getAsLong(), 100));
            nowNs.addAndGet(1);
            // Due, but the read model has not applied what the journal held by then (index 70): it may be there.
            assertEquals(List.of(), signals.redeliver(id -> false, 70, 60, consumed.getAsLong(), 100));
            assertEquals(List.of(), signals.redeliver(id -> false, 90, 69, consumed.getAsLong(), 100), "the journal end when due counts");
            assertEquals(List.of("a", "b"), signals.redeliver(id -> false, 95, 70, consumed.getAsLong(), 100));
            assertEquals(2, signals.redelivered());

            // The copies wait in the stream: however long, nothing is repeated until a subscriber has read them.
            nowNs.addAndGet(10_000);
            assertEquals(List.of(), signals.redeliver(id -> false, 95, 95, consumed.getAsLong(), 100));
            assertEquals(List.of("a", "b"), received(engine, 2, 10));
            assertEquals(List.of(), signals.redeliver(id -> false, 95, 95, consumed.getAsLong(), 100));
            nowNs.addAndGet(100);
            assertEquals(List.of("b"), signals.redeliver("a"::equals, 96, 96, consumed.getAsLong(), 100),
                "a journaled signal is forgotten, not re-sent");
            assertNull(signals.get("a"));
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("c")), "room again");
            assertEquals(3, signals.redelivered());
            assertEquals(List.of("b", "c"), received(engine, 2, 10), "b again, then c");
        }
    }

    @Test
    void shouldRepeatOnlyWhatASubscriberReadAndDidNotJournal()
    {
        final AtomicLong nowNs = new AtomicLong(0);
        try (TestStream stream = new TestStream(1079))
        {
            final Publication publication = stream.publication;
            final io.aeron.Subscription engine = stream.engine;
            final IngressPublisher publisher = stream.publisher;
            final PendingSignals signals = new PendingSignals(publisher, nowNs::get, 10, 1_000_000);
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("read")));
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("waiting")));
            // The engine reads one and dies: the other is still in the stream for its successor.
            assertEquals(List.of("read"), received(engine, 1, 1));
            final long consumed = publisher.consumed(harness.aeron.countersReader(), System.currentTimeMillis(), 3_000);
            assertEquals(true, consumed > 0 && consumed < publication.position(), "read to the end of the first: " + consumed);

            assertEquals(List.of(), signals.redeliver(id -> false, 10, 10, consumed, 100));
            nowNs.set(100);
            assertEquals(List.of("read"), signals.redeliver(id -> false, 11, 11, consumed, 100));
            assertEquals(List.of("waiting", "read"), received(engine, 2, 10), "only the one read is published again");
        }
    }

    @Test
    void shouldCountOnlyLiveSubscribersAsHavingReadASignal()
    {
        // A killed engine stays listed as a subscriber for the driver's liveness timeout: a client that stops its
        // keepalives (its conductor is never invoked again) plays it.
        final io.aeron.Aeron.Context silent = new io.aeron.Aeron.Context()
            .aeronDirectoryName(harness.driver.aeronDirectoryName()).useConductorAgentInvoker(true);
        try (TestStream stream = new TestStream(1080);
            io.aeron.Aeron killed = io.aeron.Aeron.connect(silent);
            io.aeron.Subscription killedEngine = killed.addSubscription("aeron:ipc", 1080))
        {
            ApiHarness.await("the killed engine's subscription to connect", () ->
            {
                killed.conductorAgentInvoker().invoke(); // its last signs of life
                return killedEngine.isConnected();
            });
            final PendingSignals signals = new PendingSignals(stream.publisher, System::nanoTime, 10, 1_000_000);
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("one")));
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("two")));
            // The killed engine read both; its successor (the live subscriber) only the first so far.
            ApiHarness.await("the killed engine to read both", () ->
            {
                killedEngine.poll((buffer, offset, length, header) -> { }, 10);
                return killedEngine.imageCount() == 1 && killedEngine.imageAtIndex(0).position() == stream.publication.position();
            });
            assertEquals(List.of("one"), received(stream.engine, 1, 1));
            final long successor = stream.engine.imageAtIndex(0).position();

            final long stillLive = stream.publisher.consumed(harness.aeron.countersReader(), System.currentTimeMillis(), 3_000);
            assertEquals(stream.publication.position(), stillLive, "both clients alive: the furthest reader counts");
            ApiHarness.await("the killed client's keepalives to go stale", () ->
                stream.publisher.consumed(harness.aeron.countersReader(), System.currentTimeMillis(), 1_200) == successor);
        }
    }

    @Test
    void shouldPublishNothingWhileTheJournalStandsStillAndLetARestartedEngineDrainTheStreamFirst()
    {
        final AtomicLong nowNs = new AtomicLong(0);
        try (TestStream stream = new TestStream(1078))
        {
            final io.aeron.Subscription engine = stream.engine;
            final IngressPublisher publisher = stream.publisher;
            final PendingSignals signals = new PendingSignals(publisher, nowNs::get, 10, 1_000);
            final long unknown = Long.MAX_VALUE; // no position counter visible: time alone decides
            assertEquals(IngressPublisher.Result.OK, signals.publish(delivery("x")));
            assertEquals(List.of("x"), received(engine, 1, 10));

            // The engine died: its journal stops at 40. Within the stall time a due signal still goes out...
            nowNs.set(200);
            assertEquals(List.of(), signals.redeliver(id -> false, 40, 40, unknown, 100));
            nowNs.set(300);
            assertEquals(List.of("x"), signals.redeliver(id -> false, 40, 40, unknown, 100));
            nowNs.set(400);
            assertEquals(List.of(), signals.redeliver(id -> false, 40, 40, unknown, 100));
            nowNs.set(500);
            assertEquals(List.of("x"), signals.redeliver(id -> false, 40, 40, unknown, 100));
            assertEquals(List.of("x", "x"), received(engine, 2, 10));
            // ...past it, nothing more.
            nowNs.set(1_300);
            assertEquals(List.of(), signals.redeliver(id -> false, 40, 40, unknown, 100));
            nowNs.set(5_000);
            assertEquals(List.of(), signals.redeliver(id -> false, 40, 40, unknown, 100), "a journal standing still means no engine reads");

            // A new engine journals again: it gets afterNs to drain the stream before anything is repeated.
            nowNs.set(5_050);
            assertEquals(List.of(), signals.redeliver(id -> false, 41, 41, unknown, 100));
            nowNs.set(5_149);
            assertEquals(List.of(), signals.redeliver(id -> false, 42, 42, unknown, 100));
            nowNs.set(5_150);
            assertEquals(List.of("x"), signals.redeliver(id -> false, 43, 43, unknown, 100));
            assertEquals(List.of("x"), received(engine, 1, 10));
        }
    }

    /** A stream of its own: a publication, the subscriber playing the engine, and a publisher on it. */
    private static final class TestStream implements AutoCloseable
    {
        final Publication publication;
        final io.aeron.Subscription engine;
        final IngressPublisher publisher;

        TestStream(final int streamId)
        {
            publication = harness.aeron.addPublication("aeron:ipc", streamId);
            engine = harness.aeron.addSubscription("aeron:ipc", streamId);
            ApiHarness.await("the test stream to connect", publication::isConnected);
            publisher = new IngressPublisher(publication, 3, 4096);
        }

        public void close()
        {
            org.agrona.CloseHelper.closeAll(engine, publication);
        }
    }

    private static PendingSignals.Delivery delivery(final String id)
    {
        return new PendingSignals.Delivery(SignalSource.REST, SignalFormat.CANONICAL_JSON, 7, id, "acc1", id,
            ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.US_ASCII), "");
    }

    private static List<String> received(final io.aeron.Subscription engine, final int count, final int fragmentLimit)
    {
        final List<String> ids = new java.util.ArrayList<>();
        final io.sluice.sbe.RawSignalDecoder decoder = new io.sluice.sbe.RawSignalDecoder();
        final io.sluice.sbe.MessageHeaderDecoder header = new io.sluice.sbe.MessageHeaderDecoder();
        ApiHarness.await(count + " signals on the test stream", () ->
        {
            engine.poll((buffer, offset, length, h) ->
            {
                decoder.wrapAndApplyHeader(buffer, offset, header);
                ids.add(decoder.signalId());
            }, fragmentLimit);
            return ids.size() >= count;
        });
        return ids;
    }

    private static ApiHarness.RawSignal signal(final String id)
    {
        return next(m -> ((ApiHarness.RawSignal)m).signalId().equals(id));
    }

    private static ApiHarness.RawSignal next(final java.util.function.Predicate<Object> which)
    {
        final List<Object> messages = harness.receiveUntil(m -> m instanceof ApiHarness.RawSignal && which.test(m));
        return (ApiHarness.RawSignal)messages.get(messages.size() - 1);
    }

    private static void assertSame(final ApiHarness.RawSignal first, final ApiHarness.RawSignal again)
    {
        assertEquals(first.source(), again.source());
        assertEquals(first.format(), again.format());
        assertEquals(first.signalId(), again.signalId());
        assertEquals(first.account(), again.account());
        assertEquals(first.idempotencyKey(), again.idempotencyKey());
        assertEquals(first.channel(), again.channel());
        assertArrayEquals(first.body(), again.body());
    }
}
