package io.sluice.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Test rig for the signal sources: an embedded media driver, the admin API on an ephemeral loopback port with
 * sources from settings, an Aeron subscription on the ingress stream playing the engine (optional), and an
 * HTTP client that can send any header.
 */
final class IngestHarness implements AutoCloseable
{
    static final Duration TIMEOUT = ApiHarness.TIMEOUT;

    /** A RawSignal as the engine would receive it, with its channel. */
    record Signal(
        String source, String format, String signalId, String account, String idempotencyKey, String channel, byte[] body)
    {
        String text()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An AdminCommand as the engine would receive it, with its target. */
    record Command(String action, String scope, String account, String actor, String reason, String target)
    {
    }

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

    IngestHarness(final Path dir, final boolean subscribe, final Map<String, String> settings)
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
            ingress = subscribe ? aeron.addSubscription("aeron:ipc", ApiHarness.DEFAULT_INGRESS_STREAM_ID) : null;
            final Map<String, String> values = new HashMap<>();
            values.put("sluice.aeron.dir", driver.aeronDirectoryName());
            values.put("sluice.journal.dir", journalDir.toString());
            values.put("sluice.http.host", "127.0.0.1");
            values.put("sluice.http.port", "0");
            values.put("sluice.http.maxBodyBytes", "4096");
            values.put("sluice.home", dir.resolve("home").toString());
            // Source endpoints authenticate by their own secrets; the operator ones tested here run without logins.
            values.put("sluice.admin.auth.enabled", "false");
            values.put("sluice.http.rateLimit.perSecond", "1000000");
            values.put("sluice.http.rateLimit.burst", "1000000");
            values.put("sluice.admin.redeliverMs", "600000");
            values.putAll(settings);
            api = AdminApi.launch(new AdminApiContext(Settings.of(values)).epochNanoClock(() -> 1_700_000_000_000_000_000L));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeronStarted, driverStarted);
            throw ex;
        }
        if (subscribe)
        {
            ApiHarness.await("the API's ingress publication to connect", api::engineConnected);
        }
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

    HttpResponse<String> post(final String path, final String contentType, final byte[] body, final String... headers)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .timeout(TIMEOUT)
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
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> get(final String path)
    {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(TIMEOUT).GET().build());
    }

    private HttpResponse<String> send(final HttpRequest request)
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

    static JsonNode json(final HttpResponse<String> response)
    {
        return ApiHarness.json(response);
    }

    /**
     * Everything the engine received before a marker signal: since Aeron keeps the order of one publication, this
     * is exactly what earlier requests published.
     */
    List<Object> receivedBeforeMarker()
    {
        final String markerId = "marker-" + (++markers);
        final HttpResponse<String> response = post("/api/v1/signals", "application/json",
            "{\"id\":\"" + markerId + "\",\"account\":\"acc1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        if (response.statusCode() != 202)
        {
            fail("marker signal refused: " + response.statusCode() + " " + response.body());
        }
        final List<Object> messages = receiveUntil(m -> m instanceof Signal && ((Signal)m).signalId().equals(markerId));
        return new ArrayList<>(messages.subList(0, messages.size() - 1));
    }

    /** The single signal published before the marker. */
    Signal onlySignal()
    {
        final List<Object> published = receivedBeforeMarker();
        if (published.size() != 1 || !(published.get(0) instanceof Signal))
        {
            fail("expected exactly one RawSignal, received " + published);
        }
        return (Signal)published.get(0);
    }

    List<Object> receiveUntil(final Predicate<Object> last)
    {
        return ApiHarness.receiveUntil(ingress, assembler, received, last);
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
                final String signalId = d.signalId();
                final String account = d.account();
                final String key = d.idempotencyKey();
                final byte[] body = new byte[d.bodyLength()];
                d.getBody(body, 0, body.length);
                final String channel = d.channel();
                received.add(new Signal(source, format, signalId, account, key, channel, body));
                break;
            }
            case AdminCommandDecoder.TEMPLATE_ID:
            {
                final AdminCommandDecoder d = adminCommandDecoder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                final String action = d.action().name();
                final String scope = d.scope().name();
                final String account = d.account();
                final String actor = d.actor();
                final String reason = d.reason();
                final String target = d.target();
                received.add(new Command(action, scope, account, actor, reason, target));
                break;
            }
            default:
                received.add("unexpected template " + headerDecoder.templateId());
        }
    }

    public void close()
    {
        CloseHelper.closeAll(api, aeron, driver);
    }
}
