package io.sluice.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalEndpointTest
{
    private static final long INGRESS_TIME_NS = 1_714_564_800_123_456_789L;
    private static final int MAX_BODY_BYTES = 2048;

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.launch(dir, true, Map.of("sluice.http.maxBodyBytes", String.valueOf(MAX_BODY_BYTES)),
            ctx -> ctx.epochNanoClock(() -> INGRESS_TIME_NS));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishExactlyOneRawSignalWithTheRequestBytes()
    {
        final String body = "{ \"id\": \"tv-42:a.b_c\", \"account\": \"acc1\", \"symbol\": \"BTC/USDT\", \"side\": \"BUY\", " +
            "\"qty\": \"0.00000001\", \"type\": \"limit\", \"price\": 65000.5, \"tp\": 70000, \"venue\": \"paper\", \"tif\": \"ioc\" }\n";

        final HttpResponse<String> response = harness.postJson("/api/v1/signals", body);

        assertEquals(202, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        final JsonNode json = ApiHarness.json(response);
        assertEquals("tv-42:a.b_c", json.get("signalId").asText());
        assertEquals("ACCEPTED", json.get("status").asText());

        final List<Object> published = harness.receivedBeforeMarker();
        assertEquals(1, published.size(), published::toString);
        final ApiHarness.RawSignal signal = (ApiHarness.RawSignal)published.get(0);
        assertEquals("REST", signal.source());
        assertEquals("CANONICAL_JSON", signal.format());
        assertEquals(INGRESS_TIME_NS, signal.ingressTimeNs());
        assertEquals("tv-42:a.b_c", signal.signalId());
        assertEquals("acc1", signal.account());
        assertEquals("tv-42:a.b_c", signal.idempotencyKey());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), signal.body());
    }

    @Test
    void shouldGenerateAnIdWhenTheSignalHasNone()
    {
        final String body = "{\"account\":\"acc2\",\"symbol\":\"ETHUSDT\",\"side\":\"sell\",\"qty\":2.5}";

        final JsonNode first = ApiHarness.json(harness.postJson("/api/v1/signals", body));
        final JsonNode second = ApiHarness.json(harness.postJson("/api/v1/signals", body));

        final String firstId = first.get("signalId").asText();
        final String secondId = second.get("signalId").asText();
        assertTrue(firstId.matches("s-[0-9a-f]{16}"), firstId);
        assertTrue(secondId.matches("s-[0-9a-f]{16}"), secondId);
        assertTrue(!firstId.equals(secondId), "generated ids must differ");

        final List<Object> published = harness.receivedBeforeMarker();
        assertEquals(2, published.size(), published::toString);
        final ApiHarness.RawSignal signal = (ApiHarness.RawSignal)published.get(0);
        assertEquals(firstId, signal.signalId());
        assertEquals(firstId, signal.idempotencyKey(), "a generated id is also the idempotency key, so a re-delivery never trades twice");
        assertEquals("acc2", signal.account());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), signal.body());
    }

    @Test
    void shouldAnswerPendingForAnAcceptedSignalNotYetJournaled()
    {
        harness.postJson("/api/v1/signals", "{\"id\":\"pending-1\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}");

        final HttpResponse<String> response = harness.get("/api/v1/signals/pending-1");

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals("PENDING", json.get("status").asText());
        assertEquals("REST", json.get("source").asText());
        assertEquals("acc1", json.get("account").asText());
        assertEquals("2024-05-01T12:00:00.123456789Z", json.get("receivedAt").asText());
        assertTrue(json.get("journalIndex").isNull());
        assertTrue(json.get("reject").isNull());
        assertEquals(1, harness.receivedBeforeMarker().size());
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSignal()
    {
        final HttpResponse<String> response = harness.get("/api/v1/signals/never-sent");

        assertError(response, 404, "NOT_FOUND", null);
    }

    static Stream<Arguments> unparseableBodies()
    {
        return Stream.of(
            Arguments.of("{\"account\":\"acc1\",", "truncated"),
            Arguments.of("[1,2]", "array"),
            Arguments.of("\"text\"", "string"),
            Arguments.of("", "empty"),
            Arguments.of("{\"account\":\"acc1\"} {}", "two objects"),
            Arguments.of("{\"account\":\"acc1\",\"account\":\"acc2\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "duplicate"),
            Arguments.of("{'account':'acc1'}", "single quotes"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":01}", "leading zero"),
            Arguments.of("\uFEFF{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "byte order mark"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,}", "trailing comma"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unparseableBodies")
    void shouldRefuseUnparseableBodiesAndPublishNothing(final String body, final String description)
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/signals", body);

        assertError(response, 400, "UNPARSEABLE", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldRefuseInvalidUtf8AndPublishNothing()
    {
        final byte[] prefix = "{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"id\":\"a".getBytes(StandardCharsets.US_ASCII);
        final byte[] body = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte)0xC0;
        body[prefix.length + 1] = (byte)0x80;
        body[prefix.length + 2] = '"';

        final HttpResponse<String> response = harness.post("/api/v1/signals", "application/json", appendBrace(body));

        assertError(response, 400, "UNPARSEABLE", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldRefuseADuplicateKeyNamingIt()
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/signals",
            "{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"qty\":2}");

        assertError(response, 400, "UNPARSEABLE", "qty");
    }

    static Stream<Arguments> invalidSignals()
    {
        return Stream.of(
            Arguments.of("{\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "account"),
            Arguments.of("{\"account\":\"\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "account"),
            Arguments.of("{\"account\":\"acc-with-17-chars\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "account"),
            Arguments.of("{\"account\":\"acc 1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "account"),
            Arguments.of("{\"account\":\"acc1\",\"side\":\"buy\",\"qty\":1}", "symbol"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"hold\",\"qty\":1}", "side"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"qty\":1}", "side"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\"}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":0}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":\"0.0\"}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":-1}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":0.123456789}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1e2}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":\"1E2\"}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":true}", "qty"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\"}", "price"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"type\":\"stop_limit\",\"stopPrice\":5}", "price"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"type\":\"stop\"}", "stopPrice"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"type\":\"iceberg\"}", "type"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"tp\":-5}", "tp"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"sl\":0}", "sl"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"tif\":\"gtd\"}", "tif"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"venue\":\"\"}", "venue"),
            Arguments.of("{\"id\":\"has space\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "id"),
            Arguments.of("{\"id\":\"" + "x".repeat(65) + "\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "id"),
            Arguments.of("{\"id\":\"a\\u0062c\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}", "id"),
            Arguments.of("{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1,\"leverage\":10}", "leverage"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidSignals")
    void shouldRefuseInvalidFieldsNamingTheFieldAndPublishNothing(final String body, final String field)
    {
        final HttpResponse<String> response = harness.postJson("/api/v1/signals", body);

        assertError(response, 400, "INVALID_FIELD", field);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "" })
    void shouldRefuseOtherContentTypes(final String contentType)
    {
        final HttpResponse<String> response = harness.post("/api/v1/signals", contentType.isEmpty() ? null : contentType,
            "{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}".getBytes(StandardCharsets.UTF_8));

        assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldAcceptJsonWithUtf8CharsetParameter()
    {
        final HttpResponse<String> response = harness.post("/api/v1/signals", "Application/JSON; charset=\"UTF-8\"",
            "{\"id\":\"cs-1\",\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1, harness.receivedBeforeMarker().size());
    }

    @Test
    void shouldRefuseAnOversizeBodyWithJsonError()
    {
        final String padding = " ".repeat(MAX_BODY_BYTES);
        final HttpResponse<String> response = harness.postJson("/api/v1/signals",
            "{\"account\":\"acc1\",\"symbol\":\"X\",\"side\":\"buy\",\"qty\":1}" + padding);

        assertError(response, 413, "PAYLOAD_TOO_LARGE", null);
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldKeepTheConnectionUsableAfterAnOversizeBody() throws IOException
    {
        final byte[] body = ("{\"account\":\"acc1\"}" + " ".repeat(MAX_BODY_BYTES)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", harness.api.port()))
        {
            socket.setSoTimeout((int)ApiHarness.TIMEOUT.toMillis());
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            out.write(("POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            final String tooLarge = readResponse(in);
            assertTrue(tooLarge.startsWith("HTTP/1.1 413"), tooLarge);
            assertTrue(tooLarge.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), tooLarge);
            assertTrue(tooLarge.toLowerCase().contains("content-type: application/json"), tooLarge);

            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String health = readResponse(in);
            assertTrue(health.startsWith("HTTP/1.1 200"), health);
            assertTrue(health.contains("\"status\":\"UP\""), health);
        }
        assertEquals(List.of(), harness.receivedBeforeMarker());
    }

    @Test
    void shouldCloseAfterAnOversizeBodyWhenTheClientAsksToClose() throws IOException
    {
        final byte[] body = ("{}" + " ".repeat(MAX_BODY_BYTES)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", harness.api.port()))
        {
            socket.setSoTimeout((int)ApiHarness.TIMEOUT.toMillis());
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" +
                "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            final InputStream in = socket.getInputStream();
            final String tooLarge = readResponse(in);
            assertTrue(tooLarge.startsWith("HTTP/1.1 413"), tooLarge);
            assertTrue(tooLarge.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), tooLarge);
            assertTrue(tooLarge.toLowerCase().contains("connection: close"), tooLarge);
            assertEquals(-1, in.read(), "connection should be closed");
        }
    }

    private static String readResponse(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("connection closed mid-response: " + head);
            }
            head.write(b);
        }
        final String headers = head.toString(StandardCharsets.US_ASCII);
        int contentLength = 0;
        for (final String line : headers.split("\r\n"))
        {
            if (line.toLowerCase().startsWith("content-length:"))
            {
                contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        final byte[] content = in.readNBytes(contentLength);
        return headers + new String(content, StandardCharsets.UTF_8);
    }

    private static byte[] appendBrace(final byte[] body)
    {
        final byte[] result = new byte[body.length + 1];
        System.arraycopy(body, 0, result, 0, body.length);
        result[body.length] = '}';
        return result;
    }

    static void assertError(final HttpResponse<String> response, final int status, final String code, final String field)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
            "content type of " + response.body());
        final JsonNode error = ApiHarness.json(response).get("error");
        assertEquals(code, error.get("code").asText(), response.body());
        assertTrue(error.hasNonNull("message") && !error.get("message").asText().isEmpty(), response.body());
        if (field == null)
        {
            assertTrue(error.has("field"), response.body());
        }
        else
        {
            assertEquals(field, error.get("field").asText(), response.body());
        }
    }
}
