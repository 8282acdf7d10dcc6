package io.sluice.bench;

import java.util.Map;

import io.sluice.bench.rig.CoreLatency;
import io.sluice.bench.rig.EchoPipeline;
import io.sluice.bench.rig.EnginePipeline;
import io.sluice.bench.rig.HttpPipeline;
import io.sluice.bench.rig.LoadRun;
import io.sluice.bench.rig.Profile;
import io.sluice.bench.rig.RelayPipeline;
import io.sluice.bench.rig.SustainedSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rig runs end to end with a tiny bound and accounts for every signal it sent. No speed is asserted:
 * speed is what {@code scripts/bench} measures.
 */
@Timeout(60)
class RigsTest
{
    private static final Profile BACKOFF = Profile.of("backoff");

    @Test
    void shouldRouteEverySignalThroughTheEngineAndRecordIt()
    {
        final LoadRun.Outcome outcome = new LoadRun(2_000, 0.1, 0.3, false)
            .run("engine.test", (schedule, from) -> new EnginePipeline(BACKOFF, schedule, from, Map.of()));

        assertEquals(outcome.expected(), outcome.sent(), "the sender kept to its schedule");
        assertEquals(outcome.sent(), outcome.received(), "every signal became an order at the gateway side");
        assertEquals(600, outcome.results().get("engine.test.count"), 5, "the measured window is recorded, the warm-up is not");
        assertNotNull(outcome.results().get("engine.test.p99"));
        assertEquals(0, outcome.results().get("engine.test.lost"));
    }

    @Test
    void shouldEchoThroughAeronAloneAndThroughAnEmptyRing()
    {
        for (final int stages : new int[] {0, 3})
        {
            final LoadRun.Outcome outcome = new LoadRun(2_000, 0.1, 0.2, false)
                .run("relay.test", (schedule, from) -> new RelayPipeline(BACKOFF, stages, schedule, from));

            assertEquals(outcome.sent(), outcome.received(), "every ping came back with " + stages + " ring stages");
            assertTrue(outcome.results().get("relay.test.count") > 0);
        }
    }

    @Test
    void shouldPostSignalsOverHttpAndSeeTheOrdersAtThePaperGateway()
    {
        final LoadRun.Outcome outcome = new LoadRun(500, 0.1, 0.4, false)
            .run("http.test", (schedule, from) -> new HttpPipeline(BACKOFF, 4, schedule, from));

        assertEquals(outcome.sent(), outcome.received(), "every POST became an order at the paper gateway");
        assertEquals(0, outcome.results().get("http.test.httpErrors"), "every POST was answered 202");
        assertTrue(outcome.results().get("http.test.response.count") > 0, "202 responses were recorded");
    }

    @Test
    void shouldEchoOverRawNettyHttp()
    {
        final LoadRun.Outcome outcome = new LoadRun(500, 0.1, 0.3, false)
            .run("echo.test", (schedule, from) -> new EchoPipeline(2, 4, schedule, from));

        assertEquals(outcome.sent(), outcome.received());
        assertEquals(0, outcome.results().get("echo.test.httpErrors"));
    }

    @Test
    void shouldFindAHeldRateWithinItsBudget()
    {
        final SustainedSearch search = new SustainedSearch("sustained.test",
            (rate, run) -> run.run("sustained.test.step", (schedule, from) -> new RelayPipeline(BACKOFF, 3, schedule, from)),
            2_000, 4_000, 0.1, 0.2, 0.3, 0, 12);

        final Results results = search.run();

        assertTrue(results.get("sustained.test.held") >= 2_000, "an easy rate is held: " + results.notes());
        assertEquals(1, results.get("sustained.test.confirmed"), "and confirmed: " + results.notes());
    }

    @Test
    void shouldTimeTheCoreOnEverySignalWithoutRejects()
    {
        final Results results = new CoreLatency(1_000, 5_000).run();

        assertEquals(5_000, results.get("core.count"));
        assertEquals(0, results.get("core.liveOrders"), "every order was filled and left the live pool");
    }
}
