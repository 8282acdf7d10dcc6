package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TradingView alerts through a real HTTP server into a real ingress stream: sources found by the secret in the
 * body or the path, IP allowlists against the socket address, secrets blanked before publishing, dedup keys,
 * and a 4xx with nothing published for every kind of bad input.
 */
class TradingViewWebhookTest
{
    private static final String MAIN_SECRET = "s3cr3t-Main-2024";
    private static final String LOCKED_SECRET = "s3cr3t-Locked-77";

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings(
            "sluice.sources", "tv-main,tv-locked,tv-hash",
            "sluice.source.tv-main.type", "tradingview",
            "sluice.source.tv-main.secret", MAIN_SECRET,
            "sluice.source.tv-main.account", "acc1",
            "sluice.source.tv-main.ipAllowlist", "127.0.0.1",
            "sluice.source.tv-locked.type", "tradingview",
            "sluice.source.tv-locked.secret", LOCKED_SECRET,
            "sluice.source.tv-locked.ipAllowlist", "tradingview",
            "sluice.source.tv-hash.type", "tradingview",
            "sluice.source.tv-hash.secret", "s3cr3t-Hash-0001",
            "sluice.source.tv-hash.idempotency", "body-hash"));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishAJsonAlertWithItsBodySecretBlanked()
    {
        final String alert = "{\"secret\":\"" + MAIN_SECRET + "\",\"symbol\":\"BINANCE:BTCUSDT\",\"action\":\"buy\",\"qty\":\"0.5\"," +
            "\"timenow\":\"2024-05-01T12:00:00Z\",\"order_id\":\"Long Entry\",\"nested\":{\"passphrase\":\"x-" + MAIN_SECRET + "\"}}";

        final HttpResponse<String> response = harness.post("/webhook/tradingview", "application/json; charset=utf-8", alert);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ACCEPTED", ApiHarness.json(response).get("status").asText());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("TRADINGVIEW", signal.source());
        assertEquals("TRADINGVIEW_JSON", signal.format());
        assertEquals("tv-main", signal.channel());
        assertEquals("acc1", signal.account());
        assertEquals("tv:tv-main:2024-05-01T12:00:00Z:Long_Entry", signal.idempotencyKey());
        assertEquals(alert.replace(MAIN_SECRET, "").replace("\"x-\"", "\"\""), signal.text());
        assertFalse(signal.text().contains(MAIN_SECRET), "the secret never reaches the journal");
        assertEquals(ApiHarness.json(response).get("signalId").asText(), signal.signalId());
    }

    @Test
    void shouldTakeTheSecretFromThePathForPlainTextAlerts()
    {
        final String alert = "XAUUSD BUY 2050 SL 2045 TP 2060";

        final HttpResponse<String> first = harness.post("/webhook/tradingview/" + MAIN_SECRET, "text/plain", alert);
        final HttpResponse<String> second = harness.post("/webhook/tradingview/" + MAIN_SECRET, "text/plain", alert);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        final List<Object> published = harness.receivedBeforeMarker();
        assertEquals(2, published.size(), published::toString);
        final ApiHarness.RawSignal signal = (ApiHarness.RawSignal)published.get(0);
        assertEquals("FREE_TEXT", signal.format());
        assertEquals(alert, signal.text());
        assertTrue(signal.idempotencyKey().matches("tv:tv-main:h:[0-9a-f]{16}"), signal.idempotencyKey());
        assertEquals(signal.idempotencyKey(), ((ApiHarness.RawSignal)published.get(1)).idempotencyKey(),
            "a repeated alert has the same dedup key, so the engine never trades it twice");
    }

    @Test
    void shouldPublishPineConnectorAlertsWithTheSecretParameterBlanked()
    {
        final HttpResponse<String> response = harness.post("/webhook/tradingview", "text/plain",
            "60123456789,sell,EURUSD,vol_lots=1,secret=" + MAIN_SECRET + ",comment=\"x\"");

        assertEquals(200, response.statusCode(), response.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("PINECONNECTOR", signal.format());
        assertEquals("60123456789,sell,EURUSD,vol_lots=1,secret=,comment=\"x\"", signal.text());
    }

    @Test
    void shouldUseTheClientIdAsSignalIdAndDedupKey()
    {
        final HttpResponse<String> response = harness.post("/webhook/tradingview", "application/json",
            "{\"id\":\"tv-client-1\",\"passphrase\":\"" + MAIN_SECRET + "\",\"ticker\":\"EURUSD\",\"action\":\"sell\"}");

        assertEquals(200, response.statusCode(), response.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("tv-client-1", signal.signalId());
        assertEquals("tv-client-1", signal.idempotencyKey());
        assertEquals("{\"id\":\"tv-client-1\",\"passphrase\":\"\",\"ticker\":\"EURUSD\",\"action\":\"sell\"}", signal.text());
    }

    @Test
    void shouldHashTheBodyWhenTheSourceSaysSoEvenWithAClientId()
    {
        final HttpResponse<String> response = harness.post("/webhook/tradingview/s3cr3t-Hash-0001", "application/json",
            "{\"id\":\"abc\",\"ticker\":\"EURUSD\",\"action\":\"sell\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(harness.onlySignal().idempotencyKey().matches("tv:tv-hash:h:[0-9a-f]{16}"));
    }

    @Test
    void shouldRefuseAnUnknownSecretWithoutEchoingIt()
    {
        final HttpResponse<String> body = harness.post("/webhook/tradingview", "application/json",
            "{\"secret\":\"guess-1234\",\"ticker\":\"EURUSD\",\"action\":\"buy\"}");
        final HttpResponse<String> path = harness.post("/webhook/tradingview/guess-5678", "text/plain", "EURUSD BUY");
        final HttpResponse<String> none = harness.post("/webhook/tradingview", "text/plain", "EURUSD BUY");
        final HttpResponse<String> extra = harness.post("/webhook/tradingview/guess-5678/more", "text/plain", "EURUSD BUY");

        assertEquals(401, body.statusCode());
        assertEquals(401, path.statusCode());
        assertEquals(401, none.statusCode());
        assertEquals(404, extra.statusCode());
        assertEquals("AUTH_FAILED", ApiHarness.json(body).get("error").get("code").asText());
        assertFalse(body.body().contains("guess-1234") || path.body().contains("guess-5678") || extra.body().contains("guess-5678"));
        assertTrue(harness.receivedBeforeMarker().isEmpty(), "nothing published");
    }

    @Test
    void shouldRefuseAddressesOutsideTheSourcesAllowlistAndIgnoreForwardedForFromAnUntrustedPeer()
    {
        final String alert = "{\"secret\":\"" + LOCKED_SECRET + "\",\"ticker\":\"EURUSD\",\"action\":\"buy\"}";

        final HttpResponse<String> direct = harness.post("/webhook/tradingview", "application/json", alert);
        final HttpResponse<String> spoofed = harness.post("/webhook/tradingview", "application/json", alert,
            "X-Forwarded-For", "52.89.214.238");

        assertEquals(403, direct.statusCode(), direct.body());
        assertEquals("IP_NOT_ALLOWED", ApiHarness.json(direct).get("error").get("code").asText());
        assertEquals(403, spoofed.statusCode(), "127.0.0.1 is not a trusted proxy, so its X-Forwarded-For is ignored");
        assertTrue(harness.receivedBeforeMarker().isEmpty(), "nothing published");
    }

    @Test
    void shouldAnswerEveryBadBodyWithA4xxAndPublishNothing()
    {
        final String secretPath = "/webhook/tradingview/" + MAIN_SECRET;
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", harness.post(secretPath, "application/xml", "<a/>"));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", harness.post(secretPath, null, "EURUSD BUY"));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", harness.post(secretPath, "text/plain; charset=latin1", "EURUSD BUY"));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "text/plain", new byte[] {'B', 'U', 'Y', (byte)0xC3, (byte)0x28}));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "text/plain", new byte[] {0x00, 0x01, 0x02, (byte)0x89, 'P', 'N', 'G'}));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "text/plain", "EURUSD\u0000BUY"));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "text/plain", ""));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "application/json", "{\"ticker\":\"EURUSD\","));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "application/json", "[1,2]"));
        assertError(400, "UNPARSEABLE", harness.post(secretPath, "application/json",
            "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        assertError(413, "PAYLOAD_TOO_LARGE", harness.post(secretPath, "text/plain", "x".repeat(5000)));
        final HttpResponse<String> get = harness.get(secretPath);
        assertEquals(405, get.statusCode());
        assertFalse(get.body().contains(MAIN_SECRET));

        assertTrue(harness.receivedBeforeMarker().isEmpty(), "nothing reached the ingress stream");
    }

    private static void assertError(final int status, final String code, final HttpResponse<String> response)
    {
        assertEquals(status, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals(code, json.get("error").get("code").asText(), response.body());
        assertFalse(response.body().contains(MAIN_SECRET));
        assertTrue(json.get("error").get("message").asText().length() > 5);
        assertTrue(response.body().getBytes(StandardCharsets.UTF_8).length < 1000);
    }
}
