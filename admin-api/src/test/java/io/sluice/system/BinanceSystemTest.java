package io.sluice.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.binance.fake.FakeBinance;
import io.sluice.gateway.binance.fake.FakeOrder;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.NewOrderDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.SystemHarness.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance spot and USD-M futures through the whole topology: HTTP signal → engine → the real Binance gateway
 * (Ed25519-signed WebSocket API or REST, user-data streams, exchangeInfo, market streams) → a fake Binance on
 * 127.0.0.1, and the fake's quotes and fills back into the engine's orders and positions as admin-api reads them
 * from the journal.
 */
@Timeout(60)
class BinanceSystemTest
{
    private static final String API_KEY = "sluiceSystemTestKey0123456789";

    @TempDir
    Path dir;

    private FakeBinance binance;
    private SystemHarness sluice;

    private void start(final String venue) throws Exception
    {
        binance = FakeBinance.start(System::currentTimeMillis);
        final String prefix = "sluice." + venue + ".";
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.accounts", "main");
        settings.put("sluice.account.main.venue", venue);
        settings.put("sluice.account.main.ordersPerSecond", "0");
        settings.put("sluice.instruments", "BTCUSDT,ETHUSDT");
        settings.put(prefix + "restUrl", binance.restUrl());
        settings.put(prefix + "wsApiUrl", binance.wsApiUrl());
        settings.put(prefix + "streamUrl", binance.streamUrl());
        settings.put(prefix + "symbols", "BTCUSDT,ETHUSDT");
        settings.put(prefix + "account", "main");
        settings.put(prefix + "secretsFile", secretsFile().toString());
        settings.put(prefix + "requestTimeoutMs", "2000");
        settings.put(prefix + "reconnectBackoffMs", "100");
        settings.put(prefix + "reconnectBackoffMaxMs", "1000");
        sluice = new SystemHarness(dir, settings, venue, null);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(sluice, binance);
    }

    @Test
    void shouldFillASpotLimitOrderPartlyThenFullyWithThePositionAtTheAveragePrice() throws Exception
    {
        // The fake spot account holds 100000 USDT and 1 BTC (one AccountUpdate per asset); a 500 USDT order is well
        // within its means.
        start("binance");
        sluice.awaitCondition(() -> sluice.countRecords(JournalRecord.KIND_INPUT, AccountUpdateDecoder.TEMPLATE_ID) >= 2,
            "the account's USDT and BTC balances journaled");
        fillPartlyThenFully("bn-spot-1");
    }

    @Test
    void shouldFillAFuturesLimitOrderPartlyThenFullyWithThePositionAtTheAveragePrice() throws Exception
    {
        start("binance-futures");
        fillPartlyThenFully("bn-fut-1");
    }

    @Test
    void shouldRefuseAMarketOrderUntilTheVenuesQuoteHasReachedTheEngineThenFillIt() throws Exception
    {
        start("binance-futures");
        final String market = "\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.01\"";
        sluice.accept("/api/v1/signals", "{\"id\":\"bn-mkt-0\"," + market + "}");
        final JsonNode early = sluice.awaitJson("/api/v1/signals/bn-mkt-0", s -> "REJECTED".equals(s.path("status").asText()), "refused");
        assertEquals("NO_REFERENCE_PRICE", early.path("reject").path("reason").asText(), early::toString);

        // bookTicker → gateway → MarketData on the reports stream → engine (journaled as an input).
        sluice.awaitCondition(() ->
        {
            binance.quote("BTCUSDT", "49999.9", "50000.1");
            return sluice.countRecords(JournalRecord.KIND_INPUT, MarketDataDecoder.TEMPLATE_ID) > 0;
        }, "the venue's BTCUSDT quote journaled");
        sluice.accept("/api/v1/signals", "{\"id\":\"bn-mkt-1\"," + market + "}");
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/bn-mkt-1",
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        final String id = signal.path("orders").get(0).asText();
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + id, o -> "FILLED".equals(o.path("status").asText()), "filled");
        assertDecimal("50000", filled.path("avgPrice"), "the fake's market price");
        assertEquals("MARKET", binance.orders(id).get(0).type());
        assertDecimal("0.01", awaitPosition("BTCUSDT", "0.01").path("quantity"), "position");
        assertEquals(1, binance.orders().size(), "the refused order never reached Binance");
    }

    private void fillPartlyThenFully(final String signalId)
    {
        sluice.accept("/api/v1/signals", "{\"id\":\"" + signalId + "\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\"," +
            "\"qty\":\"0.01\",\"type\":\"limit\",\"price\":50000}");
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/" + signalId,
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        final String id = signal.path("orders").get(0).asText();
        final JsonNode accepted = sluice.awaitJson("/api/v1/orders/" + id, o -> "NEW".equals(o.path("status").asText()), "order NEW");

        final List<FakeOrder> atVenue = binance.orders(id);
        assertEquals(1, atVenue.size(), "one order at Binance under the engine's client order id");
        assertEquals("LIMIT", atVenue.get(0).type());
        assertEquals("BUY", atVenue.get(0).side());
        assertEquals(0, atVenue.get(0).origQty().compareTo(new BigDecimal("0.01")));
        assertEquals(0, atVenue.get(0).price().compareTo(new BigDecimal("50000")));
        assertEquals(Long.toString(atVenue.get(0).orderId()), accepted.path("venueOrderId").asText());

        binance.fill(id, "0.004", "49999.5");
        final JsonNode partial = sluice.awaitJson("/api/v1/orders/" + id,
            o -> "PARTIALLY_FILLED".equals(o.path("status").asText()), "order partially filled");
        assertDecimal("0.004", partial.path("cumQty"), "cumQty after the partial fill");
        assertDecimal("0.006", partial.path("leavesQty"), "leavesQty after the partial fill");
        assertDecimal("49999.5", partial.path("avgPrice"), "avgPrice after the partial fill");
        final JsonNode partialPosition = awaitPosition("BTCUSDT", "0.004");
        assertDecimal("49999.5", partialPosition.path("avgPrice"), "position price after the partial fill");

        binance.fill(id, "0.006", "50000");
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + id, o -> "FILLED".equals(o.path("status").asText()), "order filled");
        assertDecimal("0.01", filled.path("cumQty"), "cumQty");
        assertDecimal("0", filled.path("leavesQty"), "leavesQty");
        assertDecimal("49999.8", filled.path("avgPrice"), "volume-weighted average of 0.004 @ 49999.5 and 0.006 @ 50000");

        final JsonNode position = awaitPosition("BTCUSDT", "0.01");
        assertEquals("main", position.path("account").asText());
        assertDecimal("49999.8", position.path("avgPrice"), "position average price");
        assertEquals(1, binance.orders().size(), "exactly one order reached Binance");
        assertEquals(List.of(), sluice.gatewayErrors());
    }

    @Test
    void shouldRefuseAQuantityOffTheExchangeInfoLotSizeInTheEngineBeforeAnythingReachesBinance() throws Exception
    {
        start("binance");
        // No lot size is configured for BTCUSDT: the rule in force is the LOT_SIZE filter the gateway read from exchangeInfo.
        sluice.awaitCondition(() -> sluice.hasInstrumentDefinition("BTCUSDT"), "BTCUSDT rules from exchangeInfo journaled");

        sluice.accept("/api/v1/signals",
            "{\"id\":\"bn-lot\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.0100005\",\"type\":\"limit\",\"price\":50000}");
        final JsonNode refused = sluice.awaitJson("/api/v1/signals/bn-lot", s -> "REJECTED".equals(s.path("status").asText()), "signal refused");
        final JsonNode reject = refused.path("reject");
        assertEquals("LOT_SIZE", reject.path("reason").asText(), reject::toString);
        assertEquals("qty", reject.path("field").asText());
        assertDecimal("0.00001", reject.path("limit"), "the exchangeInfo stepSize");
        assertDecimal("0.0100005", reject.path("value"), "the refused quantity");
        assertEquals(0, refused.path("orders").size());

        assertEquals(0, sluice.countRecords(JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID), "the engine routed nothing");
        assertEquals(0, binance.requests("order.place"), "no place request reached Binance");
        assertEquals(0, binance.placeRequests());
        assertTrue(binance.orders().isEmpty());
    }

    private JsonNode awaitPosition(final String symbol, final String quantity)
    {
        final BigDecimal expected = new BigDecimal(quantity);
        final JsonNode positions = sluice.awaitJson("/api/v1/positions", p ->
        {
            for (final JsonNode position : p.path("positions"))
            {
                if (symbol.equals(position.path("symbol").asText()) && position.path("quantity").decimalValue().compareTo(expected) == 0)
                {
                    return true;
                }
            }
            return false;
        }, "position " + quantity + " " + symbol);
        for (final JsonNode position : positions.path("positions"))
        {
            if (symbol.equals(position.path("symbol").asText()))
            {
                return position;
            }
        }
        throw new AssertionError("no position in " + symbol);
    }

    // Ed25519 API key: the private key in an owner-only secrets file, the public key registered at the fake.
    private Path secretsFile() throws IOException, GeneralSecurityException
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        binance.ed25519Key(API_KEY, pair.getPublic());
        final Path file = dir.resolve("binance.secrets");
        Files.writeString(file, "apiKey=" + API_KEY + "\ned25519PrivateKey=" +
            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
