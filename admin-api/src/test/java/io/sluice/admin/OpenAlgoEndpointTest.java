package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAlgo-compatible paths scripts already call: the apikey picks the source and never reaches the
 * journal, each request is one RawSignal with the request's body, and a body of the wrong shape is a 400.
 */
class OpenAlgoEndpointTest
{
    private static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings(
            "sluice.sources", "algo,algo-dedup",
            "sluice.source.algo.type", "openalgo",
            "sluice.source.algo.apikey", KEY,
            "sluice.source.algo.account", "zerodha1",
            "sluice.source.algo-dedup.type", "openalgo",
            "sluice.source.algo-dedup.apikey", "ffffffffffffffff0000",
            "sluice.source.algo-dedup.idempotency", "body-hash"));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishABasketAsOneSignalWithTheBasketBody()
    {
        final String basket = "{\"apikey\":\"" + KEY + "\",\"strategy\":\"Basket\",\"orders\":[" +
            "{\"symbol\":\"INFY\",\"exchange\":\"NSE\",\"action\":\"SELL\",\"quantity\":\"1\",\"pricetype\":\"MARKET\",\"product\":\"MIS\"}," +
            "{\"symbol\":\"TCS\",\"exchange\":\"NSE\",\"action\":\"BUY\",\"quantity\":2,\"pricetype\":\"LIMIT\",\"product\":\"MIS\",\"price\":\"3500\"}]}";

        final HttpResponse<String> response = harness.post("/api/v1/basketorder", "application/json", basket);

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode json = ApiHarness.json(response);
        assertEquals("success", json.get("status").asText());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals(json.get("orderid").asText(), signal.signalId());
        assertEquals("OPENALGO", signal.source());
        assertEquals("OPENALGO_JSON", signal.format());
        assertEquals("algo", signal.channel());
        assertEquals("zerodha1", signal.account());
        assertEquals("", signal.idempotencyKey(), "OpenAlgo scripts may repeat an order on purpose");
        assertEquals(basket.replace(KEY, ""), signal.text());
        assertFalse(signal.text().contains(KEY), "the apikey never reaches the journal");
    }

    @Test
    void shouldAcceptEveryOpenAlgoRequestKindWithNumbersAsStrings()
    {
        final String key = "\"apikey\":\"" + KEY + "\"";
        assertEquals(200, harness.post("/api/v1/placeorder", "application/json", "{" + key + ",\"strategy\":\"Python\",\"symbol\":\"NHPC\"," +
            "\"action\":\"BUY\",\"exchange\":\"NSE\",\"pricetype\":\"MARKET\",\"product\":\"MIS\",\"quantity\":\"1\"}").statusCode());
        assertEquals(200, harness.post("/api/v1/placesmartorder", "application/json", "{" + key + ",\"strategy\":\"TV\",\"symbol\":\"SBIN\"," +
            "\"action\":\"SELL\",\"exchange\":\"NSE\",\"pricetype\":\"MARKET\",\"product\":\"MIS\",\"quantity\":\"0\",\"position_size\":\"-100\"}")
            .statusCode());
        assertEquals(200, harness.post("/api/v1/optionsmultiorder", "application/json", "{" + key + ",\"strategy\":\"O\"," +
            "\"underlying\":\"NIFTY\",\"exchange\":\"NSE_INDEX\",\"expiry_date\":\"25AUG26\",\"legs\":[{\"offset\":\"OTM2\"," +
            "\"option_type\":\"CE\",\"action\":\"SELL\",\"quantity\":65},{\"offset\":\"OTM6\",\"option_type\":\"CE\",\"action\":\"BUY\",\"quantity\":65}]}")
            .statusCode());
        assertEquals(200, harness.post("/api/v1/closeposition", "application/json", "{" + key + ",\"strategy\":\"Python\"}").statusCode());

        assertEquals(4, harness.receivedBeforeMarker().size());
    }

    @Test
    void shouldDeduplicateByBodyHashWhenTheSourceSaysSo()
    {
        final String order = "{\"apikey\":\"ffffffffffffffff0000\",\"strategy\":\"S\",\"symbol\":\"SBIN\",\"action\":\"BUY\"," +
            "\"exchange\":\"NSE\",\"pricetype\":\"MARKET\",\"product\":\"MIS\",\"quantity\":\"1\"}";

        harness.post("/api/v1/placeorder", "application/json", order);
        final ApiHarness.RawSignal signal = harness.onlySignal();

        assertTrue(signal.idempotencyKey().matches("oa:algo-dedup:h:[0-9a-f]{16}"), signal.idempotencyKey());
    }

    @Test
    void shouldRefuseWrongKeysAndBodiesOfTheWrongShape()
    {
        final String order = "\"strategy\":\"S\",\"symbol\":\"SBIN\",\"action\":\"BUY\",\"exchange\":\"NSE\",\"pricetype\":\"MARKET\"," +
            "\"product\":\"MIS\",\"quantity\":\"1\"";
        assertError(401, "AUTH_FAILED", null, harness.post("/api/v1/placeorder", "application/json", "{\"apikey\":\"nope-nope-nope-nope\"," + order + "}"));
        assertError(401, "AUTH_FAILED", null, harness.post("/api/v1/placeorder", "application/json", "{" + order + "}"));
        final String key = "{\"apikey\":\"" + KEY + "\",";
        assertError(400, "INVALID_FIELD", "quantity",
            harness.post("/api/v1/placeorder", "application/json", key + order.replace("\"quantity\":\"1\"", "\"quantity\":\"0\"") + "}"));
        assertError(400, "INVALID_FIELD", "price",
            harness.post("/api/v1/placeorder", "application/json", key + order.replace("MARKET", "LIMIT") + "}"));
        assertError(400, "INVALID_FIELD", "position_size",
            harness.post("/api/v1/placeorder", "application/json", key + order + ",\"position_size\":\"5\"}"));
        assertError(400, "INVALID_FIELD", "position_size", harness.post("/api/v1/placesmartorder", "application/json", key + order + "}"));
        assertError(400, "INVALID_FIELD", "symbol", harness.post("/api/v1/closeposition", "application/json", key + order + "}"));
        assertError(400, "INVALID_FIELD", "orders", harness.post("/api/v1/basketorder", "application/json", key + "\"orders\":[]}"));
        assertError(400, "INVALID_FIELD", "option_type", harness.post("/api/v1/optionsmultiorder", "application/json", key +
            "\"underlying\":\"NIFTY\",\"exchange\":\"NSE_INDEX\",\"expiry_date\":\"25AUG26\",\"legs\":[{\"offset\":\"ATM\",\"action\":\"BUY\",\"quantity\":1}]}"));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", null, harness.post("/api/v1/placeorder", "text/plain", key + order + "}"));
        assertError(400, "UNPARSEABLE", null, harness.post("/api/v1/placeorder", "application/json", key + order));

        assertTrue(harness.receivedBeforeMarker().isEmpty(), "nothing published");
    }

    private static void assertError(final int status, final String code, final String field, final HttpResponse<String> response)
    {
        assertEquals(status, response.statusCode(), response.body());
        final JsonNode error = ApiHarness.json(response).get("error");
        assertEquals(code, error.get("code").asText(), response.body());
        if (field != null)
        {
            assertEquals(field, error.get("field").asText(), response.body());
        }
        assertFalse(response.body().contains(KEY));
    }
}
