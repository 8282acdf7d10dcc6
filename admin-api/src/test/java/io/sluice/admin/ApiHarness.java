package io.sluice.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.RawSignalDecoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test rig: an embedded media driver, the admin API on an ephemeral loopback port with its journal in a temp
 * directory, an Aeron subscription on the ingress stream that plays the engine, and an HTTP client.
 */
final class ApiHarness implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final int DEFAULT_INGRESS_STREAM_ID = 1001;

    /** A RawSignal as the engine would receive it. */
    record RawSignal(
        String source, String format, long ingressTimeNs, String signalId, String account, String idempotencyKey, byte[] body,
        String channel)
    {
        String text()
        {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** An AdminCommand as the engine would receive it. */
    record AdminCommand(String action, String scope, String account, long issuedTimeNs, String actor, String reason, String target)
    {
    }

    /** The wall clock of {@link #ingest}: every ingress time and issue time is this. */
    static final long INGEST_NOW_NS = 1_700_000_000_000_000_000L;

    final Path journalDir;
    final MediaDriver driver;
    final Aeron aeron;
    final Subscription ingress;
    final AdminApi api;
    // The API speaks HTTP/1.1 only: the client asks for it instead of trying an h2c upgrade per connection.
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final List<Object> received = new ArrayList<>();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignalDecoder = new RawSignalDecoder();
    private final AdminCommandDecoder adminCommandDecoder = new AdminCommandDecoder();
    private int markers;

    private ApiHarness(final Path dir, final boolean subscribe, final Map<String, String> settings, final Consumer<AdminApiContext> customizer)
    {
        journalDir = dir.resolve("journal");
        MediaDriver driverStarted = null;
        Aeron aeronStarted = null;
        try
        {
            driverStarted = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeronStarted = Aeron.connect(new Aeron.Context().aeronDirectoryName(driverStarted.aeronDirectoryName()));
            driver = driverStarted;
            aeron = aeronStarted;
            ingress = subscribe ? aeron.addSubscription("aeron:ipc", DEFAULT_INGRESS_STREAM_ID) : null;
            final Map<String, String> values = new HashMap<>();
            values.put("sluice.aeron.dir", driver.aeronDirectoryName());
            values.put("sluice.journal.dir", journalDir.toString());
            values.put("sluice.http.host", "127.0.0.1");
            values.put("sluice.http.port", "0");
            values.put("sluice.admin.redeliverMs", "600000"); // the test plays the engine and journals nothing
            values.put("sluice.home", dir.resolve("home").toString());
            // The endpoint tests exercise the API itself; security has its own tests (io.sluice.admin.security).
            values.put("sluice.admin.auth.enabled", "false");
            values.put("sluice.http.rateLimit.perSecond", "1000000");
            values.put("sluice.http.rateLimit.burst", "1000000");
            values.putAll(settings);
            final AdminApiContext ctx = new AdminApiContext(Settings.of(values));
            customizer.accept(ctx);
            api = AdminApi.launch(ctx);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeronStarted, driverStarted);
            throw ex;
        }
        if (subscribe)
        {
            await("the API's ingress publication to connect", api::engineConnected);
        }
    }

    static ApiHarness launch(final Path dir)
    {
        return new ApiHarness(dir, true, Map.of(), ctx -> { });
    }

    static ApiHarness launch(final Path dir, final boolean subscribe, final Map<String, String> settings,
        final Consumer<AdminApiContext> customizer)
    {
        return new ApiHarness(dir, subscribe, settings, customizer);
    }

    /**
     * The rig for the signal sources: bodies up to 4 KiB and a fixed wall clock ({@link #INGEST_NOW_NS}).
     *
     * @param dir       temp directory.
     * @param subscribe whether an ingress subscription plays the engine.
     * @param settings  sources and other settings on top of the defaults.
     * @return the running rig.
     */
    static ApiHarness ingest(final Path dir, final boolean subscribe, final Map<String, String> settings)
    {
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.http.maxBodyBytes", "4096");
        values.putAll(settings);
        return new ApiHarness(dir, subscribe, values, ctx -> ctx.epochNanoClock(() -> INGEST_NOW_NS));
    }

    static Map<String, String> settings(final String... keysAndValues)
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    HttpResponse<String> get(final String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build());
    }

    HttpResponse<String> post(final String path, final String contentType, final byte[] body, final String... headers)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
        {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2)
        {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    HttpResponse<String> post(final String path, final String contentType, final String body, final String... headers)
    {
        return post(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> postJson(final String path, final String body)
    {
        return post(path, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(final HttpRequest request)
    {
        try
        {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static JsonNode json(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + text, ex);
        }
    }

    static JsonNode json(final HttpResponse<String> response)
    {
        try
        {
            return MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + response.body(), ex);
        }
    }

    /**
     * Messages the engine side received up to and including the first that matches.
     */
    List<Object> receiveUntil(final Predicate<Object> last)
    {
        return receiveUntil(ingress, assembler, received, last);
    }

    /**
     * Poll an ingress subscription whose assembler decodes into {@code received} until a message matches;
     * shared by the harnesses that play the engine.
     */
    static List<Object> receiveUntil(
        final Subscription ingress, final FragmentAssembler assembler, final List<Object> received,
        final Predicate<Object> last)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        final List<Object> result = new ArrayList<>();
        while (true)
        {
            while (!received.isEmpty())
            {
                final Object message = received.remove(0);
                result.add(message);
                if (last.test(message))
                {
                    return result;
                }
            }
            if (ingress.poll(assembler, 10) == 0)
            {
                if (System.nanoTime() > deadlineNs)
                {
                    fail("timed out waiting for an ingress message; received so far: " + result);
                }
                Thread.yield();
            }
        }
    }

    /**
     * Publish a marker signal and return everything the engine received before it: since Aeron keeps the order
     * of one publication, this proves what was (or was not) published by earlier requests.
     */
    List<Object> receivedBeforeMarker()
    {
        final String markerId = "marker-" + (++markers);
        final HttpResponse<String> response = postJson("/api/v1/signals",
            "{\"id\":\"" + markerId + "\",\"account\":\"acc1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        if (response.statusCode() != 202)
        {
            fail("marker signal refused: " + response.statusCode() + " " + response.body());
        }
        final List<Object> messages = receiveUntil(m -> m instanceof RawSignal && ((RawSignal)m).signalId().equals(markerId));
        return new ArrayList<>(messages.subList(0, messages.size() - 1));
    }

    /**
     * {@link #receivedBeforeMarker()} with the marker signal sent with an access token (authentication on).
     */
    List<Object> receivedBeforeMarkerAs(final String token)
    {
        final String markerId = "marker-" + (++markers);
        final HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/signals")).timeout(TIMEOUT)
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"id\":\"" + markerId + "\",\"account\":\"acc1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}")).build());
        if (response.statusCode() != 202)
        {
            fail("marker signal refused: " + response.statusCode() + " " + response.body());
        }
        final List<Object> messages = receiveUntil(m -> m instanceof RawSignal && ((RawSignal)m).signalId().equals(markerId));
        return new ArrayList<>(messages.subList(0, messages.size() - 1));
    }

    /** The single signal published before the marker. */
    RawSignal onlySignal()
    {
        final List<Object> published = receivedBeforeMarker();
        if (published.size() != 1 || !(published.get(0) instanceof RawSignal))
        {
            fail("expected exactly one RawSignal, received " + published);
        }
        return (RawSignal)published.get(0);
    }

    private void onFragment(final org.agrona.DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (headerDecoder.templateId())
        {
            case RawSignalDecoder.TEMPLATE_ID:
            {
                final RawSignalDecoder d = rawSignalDecoder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                final String source = d.source().name();
                final String format = d.format().name();
                final long ingressTimeNs = d.ingressTimeNs();
                final String signalId = d.signalId();
                final String account = d.account();
                final String idempotencyKey = d.idempotencyKey();
                final byte[] body = new byte[d.bodyLength()];
                d.getBody(body, 0, body.length);
                final String channel = d.channel();
                received.add(new RawSignal(source, format, ingressTimeNs, signalId, account, idempotencyKey, body, channel));
                break;
            }
            case AdminCommandDecoder.TEMPLATE_ID:
            {
                final AdminCommandDecoder d = adminCommandDecoder.wrap(
                    buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                final String action = d.action().name();
                final String scope = d.scope().name();
                final String account = d.account();
                final long issuedTimeNs = d.issuedTimeNs();
                final String actor = d.actor();
                final String reason = d.reason();
                final String target = d.target();
                received.add(new AdminCommand(action, scope, account, issuedTimeNs, actor, reason, target));
                break;
            }
            default:
                received.add("unexpected template " + headerDecoder.templateId());
        }
    }

    static void await(final String what, final Supplier<Boolean> condition)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.get())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    public void close()
    {
        CloseHelper.closeAll(api, aeron, driver);
    }
}
