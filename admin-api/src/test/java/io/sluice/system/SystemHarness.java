package io.sluice.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sluice.admin.AdminApi;
import io.sluice.admin.AdminApiContext;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.gateway.GatewayThreadingMode;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Settings;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole topology in one JVM for system tests: an embedded media driver, the engine with its journal in
 * a temp directory, one gateway on its own thread (the paper venue by default, or a real venue's gateway
 * pointed at a fake venue) and admin-api on an ephemeral loopback port, plus HTTP and journal helpers that
 * wait with deadlines.
 */
final class SystemHarness implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String venue;
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final MediaDriver driver;
    private final Engine engine;
    private final Gateway gateway;
    private final AdminApi api;
    private final Settings settings;
    private final Map<String, String> settingsMap;
    // The API speaks HTTP/1.1 only: the client asks for it instead of trying an h2c upgrade per connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Launch everything and wait until the engine is connected and the paper gateway is UP.
     *
     * @param dir       temp directory for the Aeron directory and the journal.
     * @param overrides settings on top of the test defaults (no random walk, no spread, fast heartbeats).
     */
    SystemHarness(final Path dir, final Map<String, String> overrides)
    {
        this(dir, overrides, true);
    }

    /**
     * @param inProcessEngine false to leave the engine to the test (e.g. a child process it can kill).
     */
    SystemHarness(final Path dir, final Map<String, String> overrides, final boolean inProcessEngine)
    {
        this(dir, overrides, inProcessEngine, "paper", null);
    }

    /**
     * Launch everything with another venue's gateway in place of the paper one and wait until the engine is
     * connected and that gateway is UP.
     *
     * @param venue        venue whose gateway runs, e.g. "binance"; the overrides configure it and the engine.
     * @param gatewayClock the gateway's clock (e.g. a fake broker's trading day), or null for the system clock.
     */
    SystemHarness(final Path dir, final Map<String, String> overrides, final String venue, final EpochNanoClock gatewayClock)
    {
        this(dir, overrides, true, venue, gatewayClock);
    }

    private SystemHarness(
        final Path dir,
        final Map<String, String> overrides,
        final boolean inProcessEngine,
        final String venue,
        final EpochNanoClock gatewayClock)
    {
        this.dir = dir;
        this.venue = venue;
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.aeron.dir", driver.aeronDirectoryName());
        values.put("sluice.journal.dir", dir.resolve("journal").toString());
        values.put("sluice.http.port", "0");
        values.put("sluice.paper.walk", "false");
        values.put("sluice.paper.spreadBps", "0");
        values.put("sluice.gateway.heartbeatMs", "200");
        values.put("sluice.engine.tickMs", "100");
        values.put("sluice.instrument.XAUUSD.calendar", "ALWAYS"); // tests must not depend on the weekday
        values.put("sluice.home", dir.resolve("home").toString());
        // System tests drive the trading path; security has its own tests (io.sluice.admin.security).
        values.put("sluice.admin.auth.enabled", "false");
        values.put("sluice.http.rateLimit.perSecond", "1000000");
        values.put("sluice.http.rateLimit.burst", "1000000");
        values.putAll(overrides);
        settingsMap = Map.copyOf(values);
        settings = Settings.of(values);

        Engine launchedEngine = null;
        Gateway launchedGateway = null;
        AdminApi launchedApi = null;
        try
        {
            launchedEngine = inProcessEngine ? Engine.launch(new EngineContext().settings(settings)) : null;
            final GatewayContext gatewayContext = new GatewayContext().settings(settings).venueName(venue)
                .threadingMode(GatewayThreadingMode.DEDICATED)
                .errorHandler((throwable) ->
                {
                    gatewayErrors.add(throwable);
                    throwable.printStackTrace(System.err);
                });
            if (gatewayClock != null)
            {
                gatewayContext.epochNanoClock(gatewayClock);
            }
            launchedGateway = Gateway.launch(gatewayContext);
            launchedApi = AdminApi.launch(new AdminApiContext(settings));
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(launchedApi, launchedGateway, launchedEngine, driver);
            throw ex;
        }
        engine = launchedEngine;
        gateway = launchedGateway;
        api = launchedApi;
        if (inProcessEngine)
        {
            try
            {
                awaitEngine();
            }
            catch (final RuntimeException | Error ex)
            {
                close(); // a harness that never came up is not handed to the test, so nothing else would close it
                throw ex;
            }
        }
    }

    void awaitEngine()
    {
        awaitEngine(20);
    }

    /**
     * Wait until admin-api sees the engine subscribed and the venue's gateway UP (or the state a test expects instead,
     * setting {@code sluice.test.gatewayState}, e.g. DEGRADED with an account whose session is gone), with a deadline
     * in seconds.
     */
    void awaitEngine(final int seconds)
    {
        final String state = settingsMap.getOrDefault("sluice.test.gatewayState", "UP");
        awaitJson("/health", h -> h.path("engineConnected").asBoolean() && state.equals(h.path("gateways").path(venue).asText()),
            "engine connected and " + venue + " gateway " + state, seconds);
    }

    /** Errors the gateway's duty cycle reported (each also printed); a healthy run has none. */
    List<Throwable> gatewayErrors()
    {
        return gatewayErrors;
    }

    /** Every setting the harness runs with, as -D options for a child process. */
    java.util.List<String> systemProperties()
    {
        final java.util.List<String> options = new java.util.ArrayList<>();
        settingsMap.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return options;
    }

    AdminApi api()
    {
        return api;
    }

    Gateway gateway()
    {
        return gateway;
    }

    HttpResponse<String> post(final String path, final String body)
    {
        try
        {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** POST that must be accepted (202). */
    void accept(final String path, final String body)
    {
        final HttpResponse<String> response = post(path, body);
        assertEquals(202, response.statusCode(), path + ": " + response.body());
    }

    HttpResponse<String> get(final String path)
    {
        try
        {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    JsonNode getJson(final String path)
    {
        final HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        try
        {
            return JSON.readTree(response.body());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    /** Poll a GET until the JSON satisfies the predicate (20 s deadline). */
    JsonNode awaitJson(final String path, final Predicate<JsonNode> until, final String what)
    {
        return awaitJson(path, until, what, 20);
    }

    /** Poll a GET until the JSON satisfies the predicate, with a deadline in seconds. */
    JsonNode awaitJson(final String path, final Predicate<JsonNode> until, final String what, final int seconds)
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline)
        {
            try
            {
                final HttpResponse<String> response = get(path);
                if (response.statusCode() == 200)
                {
                    last = JSON.readTree(response.body());
                    if (until.test(last))
                    {
                        return last;
                    }
                }
            }
            catch (final Exception ex)
            {
                last = null;
            }
            pause();
        }
        fail("timed out waiting for " + what + " at " + path + "; last: " + last);
        return null;
    }

    void awaitCondition(final BooleanSupplier condition, final String what)
    {
        awaitCondition(condition, what, 20);
    }

    /** Wait for a condition with a deadline in seconds. */
    void awaitCondition(final BooleanSupplier condition, final String what, final int seconds)
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            pause();
        }
    }

    /** Read the whole journal as it is now. */
    void readJournal(final JournalHandler handler)
    {
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")); JournalReader reader = journal.reader())
        {
            while (reader.poll(handler, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    long countRecords(final int kind, final int templateId)
    {
        final long[] count = new long[1];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        readJournal((index, k, sequence, timestampNs, buffer, offset, length) ->
        {
            if (k == kind && header.wrap(buffer, offset).templateId() == templateId)
            {
                count[0]++;
            }
        });
        return count[0];
    }

    /** Whether the engine has journaled a venue's InstrumentDefinition for a symbol: its rules are in force from then on. */
    boolean hasInstrumentDefinition(final String symbol)
    {
        final boolean[] found = new boolean[1];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
        readJournal((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (kind == JournalRecord.KIND_INPUT && header.templateId() == InstrumentDefinitionDecoder.TEMPLATE_ID)
            {
                definition.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                found[0] |= symbol.equals(definition.symbol());
            }
        });
        return found[0];
    }

    /** Whether the engine has journaled a quote (MarketData input) for the symbol. */
    boolean hasQuote(final String symbol)
    {
        final boolean[] found = new boolean[1];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final io.sluice.sbe.MarketDataDecoder quote = new io.sluice.sbe.MarketDataDecoder();
        readJournal((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (kind == JournalRecord.KIND_INPUT && header.templateId() == io.sluice.sbe.MarketDataDecoder.TEMPLATE_ID)
            {
                quote.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                found[0] |= symbol.equals(quote.symbol());
            }
        });
        return found[0];
    }

    /** Assert a decimal JSON value (absent or null fails unless expected is null). */
    static void assertDecimal(final String expected, final JsonNode actual, final String what)
    {
        if (expected == null)
        {
            assertTrue(actual == null || actual.isNull() || actual.isMissingNode(), what + ": expected none, was " + actual);
            return;
        }
        assertTrue(actual != null && actual.isNumber(), what + ": expected " + expected + ", was " + actual);
        assertEquals(0, new java.math.BigDecimal(expected).compareTo(actual.decimalValue()),
            what + ": expected " + expected + ", was " + actual);
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(10);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public void close()
    {
        CloseHelper.quietCloseAll(api, gateway, engine, driver);
    }
}
