package io.sluice.gateway.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake venue itself, through plain HTTP and WebSocket clients: it must refuse what Binance refuses, or gateway
 * tests against it would prove nothing.
 */
class FakeBinanceTest
{
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final long START_MS = 1_700_000_000_000L;

    private final AtomicLong clock = new AtomicLong(START_MS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeBinance fake;

    @BeforeEach
    void start()
    {
        fake = FakeBinance.start(clock::get).hmacKey(API_KEY, SECRET);
    }

    @AfterEach
    void stop()
    {
        fake.close();
    }

    @Test
    void shouldVerifyHmacSignaturesAndTimestamps() throws Exception
    {
        final String query = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=40000&recvWindow=5000" +
            "&timestamp=" + START_MS;
        assertEquals(200, post("/api/v3/order", query + "&signature=" + FakeAuth.hmacHex(SECRET, query)).statusCode());

        final HttpResponse<String> bad = post("/api/v3/order",
            query.replace("0.001", "0.002") + "&signature=" + FakeAuth.hmacHex(SECRET, query));
        assertEquals(400, bad.statusCode());
        assertEquals(-1022, json(bad).path("code").asInt());

        final String stale = query.replace("timestamp=" + START_MS, "timestamp=" + (START_MS - 5001));
        assertEquals(-1021, json(post("/api/v3/order", stale + "&signature=" + FakeAuth.hmacHex(SECRET, stale))).path("code").asInt());
        final String ahead = query.replace("timestamp=" + START_MS, "timestamp=" + (START_MS + 1001));
        assertEquals(-1021, json(post("/api/v3/order", ahead + "&signature=" + FakeAuth.hmacHex(SECRET, ahead))).path("code").asInt());
        final String unsigned = query;
        assertEquals(-1102, json(post("/api/v3/order", unsigned)).path("code").asInt());
    }

    @Test
    void shouldRefuseDuplicateOpenClientIdsAndFilterFailures() throws Exception
    {
        final String order = "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.001&price=60000" +
            "&newClientOrderId=dupe-1&timestamp=" + START_MS;
        assertEquals(200, signedPost("/api/v3/order", order).statusCode());
        final HttpResponse<String> duplicate = signedPost("/api/v3/order", order);
        assertEquals(-2010, json(duplicate).path("code").asInt());
        assertEquals("Duplicate order sent.", json(duplicate).path("msg").asText());

        fake.fill("dupe-1", "0.001", "60000");
        assertEquals(200, signedPost("/api/v3/order", order).statusCode(), "unique among open orders only");

        final HttpResponse<String> lot = signedPost("/api/v3/order", order.replace("0.001", "0.0000001").replace("dupe-1", "lot-1"));
        assertEquals(-1013, json(lot).path("code").asInt());
        assertEquals("Filter failure: LOT_SIZE", json(lot).path("msg").asText());
        final HttpResponse<String> tick = signedPost("/api/v3/order", order.replace("60000", "60000.001").replace("dupe-1", "tick-1"));
        assertEquals("Filter failure: PRICE_FILTER", json(tick).path("msg").asText());
        final HttpResponse<String> notional = signedPost("/api/v3/order",
            order.replace("0.001", "0.00001").replace("60000", "100").replace("dupe-1", "small-1"));
        assertEquals("Filter failure: NOTIONAL", json(notional).path("msg").asText());
    }

    @Test
    void shouldAnswer429ThenBanWith418AndCountWeightInHeaders() throws Exception
    {
        fake.rateLimits(30, 50, TimeUnit.MINUTES.toMillis(2));
        final HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(fake.restUrl() + "/api/v3/exchangeInfo")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals("20", first.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());

        final String order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=40000&timestamp=" + START_MS;
        final HttpResponse<String> placed = signedPost("/api/v3/order", order);
        assertEquals("21", placed.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
        assertEquals("1", placed.headers().firstValue("X-MBX-ORDER-COUNT-10S").orElseThrow());
        assertEquals("1", placed.headers().firstValue("X-MBX-ORDER-COUNT-1D").orElseThrow());

        final HttpResponse<String> limited = http.send(HttpRequest.newBuilder(URI.create(fake.restUrl() + "/api/v3/exchangeInfo")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(429, limited.statusCode());
        assertEquals(-1003, json(limited).path("code").asInt());
        final long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, "until the minute ends: " + retryAfter);

        final HttpResponse<String> banned = http.send(HttpRequest.newBuilder(URI.create(fake.restUrl() + "/api/v3/time")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(418, banned.statusCode());
        assertEquals(120, Long.parseLong(banned.headers().firstValue("Retry-After").orElseThrow()));

        clock.addAndGet(TimeUnit.MINUTES.toMillis(2) + 1);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(fake.restUrl() + "/api/v3/time")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(1, fake.count429());
        assertEquals(1, fake.count418());
    }

    @Test
    void shouldLogOnOnlyWithAValidEd25519Signature() throws Exception
    {
        final KeyPair registered = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        fake.ed25519Key("edKey", registered.getPublic());
        final String payload = "apiKey=edKey&timestamp=" + START_MS;

        final Answers answers = new Answers();
        final WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(fake.wsApiUrl()), answers).get(5, TimeUnit.SECONDS);
        socket.sendText(logon("1", payload, other), true);
        assertEquals(-1022, answers.next().path("error").path("code").asInt());
        socket.sendText(logon("2", payload, registered), true);
        final JsonNode ok = answers.next();
        assertEquals(200, ok.path("status").asInt());
        assertEquals("edKey", ok.path("result").path("apiKey").asText());
        socket.sendText("{\"id\":\"3\",\"method\":\"userDataStream.subscribe\"}", true);
        assertEquals(0, answers.next().path("result").path("subscriptionId").asInt());
        socket.sendText("{\"id\":\"4\",\"method\":\"order.place\",\"params\":{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"," +
            "\"type\":\"MARKET\",\"quantity\":\"0.001\",\"timestamp\":" + START_MS + "}}", true);
        final JsonNode placed = answers.next();
        assertEquals(200, placed.path("status").asInt(), placed::toString);
        assertEquals("ORDERS", placed.path("rateLimits").get(1).path("rateLimitType").asText());
        assertEquals("executionReport", answers.next().path("event").path("e").asText());
        socket.abort();
    }

    private static String logon(final String id, final String payload, final KeyPair pair) throws Exception
    {
        final Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(payload.getBytes(StandardCharsets.UTF_8));
        final String signature = Base64.getEncoder().encodeToString(signer.sign());
        return "{\"id\":\"" + id + "\",\"method\":\"session.logon\",\"params\":{\"apiKey\":\"edKey\",\"timestamp\":" + START_MS +
            ",\"signature\":\"" + signature + "\"}}";
    }

    private HttpResponse<String> signedPost(final String path, final String query) throws Exception
    {
        return post(path, query + "&signature=" + FakeAuth.hmacHex(SECRET, query));
    }

    private HttpResponse<String> post(final String path, final String query) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(fake.restUrl() + path + "?" + query))
            .header("X-MBX-APIKEY", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws Exception
    {
        return FakeBinance.JSON.readTree(response.body());
    }

    private static final class Answers implements WebSocket.Listener
    {
        private final java.util.concurrent.LinkedBlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        JsonNode next() throws Exception
        {
            final String text = texts.poll(5, TimeUnit.SECONDS);
            if (text == null)
            {
                throw new AssertionError("no answer from the fake venue within 5 s");
            }
            return FakeBinance.JSON.readTree(text);
        }
    }
}
