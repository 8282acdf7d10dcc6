package io.sluice.system;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeKite;
import io.sluice.gateway.india.fake.FakeOrder;
import io.sluice.journal.Journal;
import io.sluice.journal.projection.JournalProjector;
import io.sluice.journal.projection.ProjectionContext;
import io.sluice.journal.projection.ProjectionDatabase;
import io.sluice.protocol.Settings;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.system.IndiaSystemFlow.ACCOUNT;
import static io.sluice.system.IndiaSystemFlow.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Indian options through the whole topology with Zerodha Kite: an option that is not configured, learned by the engine
 * from the synced master, priced by the broker's LTP endpoint and bought at market; the day's master in PostgreSQL's
 * instrument_tokens, derived from the journal; and a venue whose second account has no session while the first keeps
 * trading.
 */
@Timeout(120)
class KiteOptionsSystemTest
{
    private static final String API_KEY = "kitefront";
    private static final String API_SECRET = "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj";
    private static final String SECRETS = ACCOUNT + ".apiSecret=" + API_SECRET + "\n" + ACCOUNT + ".requestToken=rt-1\n";

    @TempDir
    Path dir;

    private FakeKite kite;
    private SystemHarness sluice;
    private ProjectionDatabase database;

    @AfterEach
    void tearDown() throws Exception
    {
        CloseHelper.quietCloseAll(sluice, kite);
        if (database != null)
        {
            database.close();
        }
    }

    private Map<String, String> settings(final OffsetClock brokerDay)
    {
        kite = new FakeKite(API_KEY, API_SECRET, brokerDay::epochMillis);
        final Map<String, String> settings = IndiaSystemFlow.settings(dir, "kite", kite, SECRETS);
        settings.put("sluice.kite." + ACCOUNT + ".apiKey", API_KEY);
        settings.put("sluice.kite." + ACCOUNT + ".userId", "AB1234");
        return settings;
    }

    private void awaitGateway(final String state)
    {
        sluice.awaitJson("/health", (h) -> state.equals(h.path("gateways").path("kite").asText()), "kite gateway " + state);
    }

    @Test
    void shouldBuyAnUnconfiguredOptionAtMarketPricedByTheBrokersLtpAndProjectTheDaysMaster() throws Exception
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        final Map<String, String> settings = settings(brokerDay);
        // Only the index is configured: the option comes from the broker's master. It trades in NIFTY's session,
        // which this test opens around the clock.
        settings.put("sluice.instruments", "NIFTY");
        settings.remove("sluice.instrument." + CALL + ".calendar");
        settings.put("sluice.instrument.NIFTY.calendar", "ALWAYS");
        settings.put("sluice.kite.optionQuoteIntervalMs", "200");
        settings.put("sluice.kite.marketHours", "00:00-23:59"); // option quotes are polled in market hours
        kite.instrumentLast("NFO:NIFTY2410421750CE", "102.35");
        sluice = new SystemHarness(dir, settings, "kite", brokerDay);

        awaitGateway("UP");
        sluice.awaitCondition(() -> sluice.hasInstrumentDefinition(CALL), CALL + " from the broker's master journaled");
        sluice.awaitCondition(() -> sluice.hasQuote(CALL), CALL + " last price from the LTP endpoint journaled");
        sluice.accept("/api/v1/signals", "{\"id\":\"opt-mkt-1\",\"account\":\"" + ACCOUNT + "\",\"symbol\":\"" + CALL +
            "\",\"side\":\"buy\",\"qty\":50,\"type\":\"market\"}");
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/opt-mkt-1",
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        final String id = signal.path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + id, o -> "NEW".equals(o.path("status").asText()), "order acknowledged by Kite");
        final FakeOrder booked = kite.order(id);
        assertEquals("NIFTY2410421750CE", booked.symbol);
        assertEquals("MARKET", booked.orderType);

        kite.fill(booked.tag, "102.4");
        IndiaSystemFlow.awaitFilledPosition(sluice, kite, "kite", booked.tag, "102.4");

        // The day's master, from the journal (complete once the topology stopped) into PostgreSQL, exactly once.
        sluice.close();
        sluice = null;
        database = ProjectionDatabase.embedded(dir.resolve("pg"), 0);
        database.migrate("sluice");
        assertTrue(project() > 0);
        final long rows = count("SELECT count(*) FROM instrument_tokens");
        assertEquals(166, rows, "the kite master filtered to NIFTY: two expiries x 41 strikes x CE/PE, and two more");
        assertEquals(0, count("SELECT count(*) FROM instrument_tokens WHERE underlying <> 'NIFTY' OR symbol LIKE 'BANKNIFTY%'"),
            "only the configured underlying");
        assertEquals(1, count("SELECT count(*) FROM instrument_tokens WHERE venue = 'kite' AND symbol = '" + CALL + "'" +
            " AND broker_symbol = 'NIFTY2410421750CE' AND exchange_segment = 'NFO' AND instrument_type = 'CE'" +
            " AND expiry = DATE '2024-01-04' AND strike = 21750 AND lot_size = 50 AND tick_size = 0.05 AND freeze_qty = 1800" +
            " AND sync_date = DATE '2024-01-01' AND token IS NOT NULL"));
        assertEquals(0, project(), "a re-run has nothing left to project");
        assertEquals(rows, count("SELECT count(*) FROM instrument_tokens"));
    }

    @Test
    void shouldKeepTradingAnAccountWithASessionWhileAnotherAccountAtTheVenueHasNone()
    {
        final OffsetClock brokerDay = IndiaSystemFlow.brokerDay();
        final Map<String, String> settings = settings(brokerDay);
        // desk2 has an API key but no request or access token: its session cannot start until the operator logs in.
        settings.put("sluice.accounts", ACCOUNT + ",desk2");
        settings.put("sluice.account.desk2.venue", "kite");
        settings.put("sluice.account.desk2.ordersPerSecond", "0");
        settings.put("sluice.kite.accounts", ACCOUNT + ",desk2");
        settings.put("sluice.kite.desk2.apiKey", API_KEY);
        settings.put("sluice.kite.desk2.userId", "AB5678");
        settings.put("sluice.test.gatewayState", "DEGRADED");
        sluice = new SystemHarness(dir, settings, "kite", brokerDay);

        awaitGateway("DEGRADED");
        final FakeOrder booked = IndiaSystemFlow.placeAcknowledged(sluice, kite, "two-1", "102.35");
        assertEquals(ACCOUNT, sluice.getJson("/api/v1/orders/" + booked.tag).path("account").asText());

        sluice.accept("/api/v1/signals", "{\"id\":\"two-2\",\"account\":\"desk2\",\"symbol\":\"" + CALL +
            "\",\"side\":\"buy\",\"qty\":50,\"type\":\"limit\",\"price\":\"102.35\"}");
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/two-2",
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), "the engine routes to a DEGRADED gateway: " + signal);
        final String refusedId = signal.path("orders").get(0).asText();
        final JsonNode refused = sluice.awaitJson("/api/v1/orders/" + refusedId, o -> "REJECTED".equals(o.path("status").asText()),
            "desk2's order refused by the gateway");
        assertTrue(refused.path("text").asText().startsWith("SESSION_EXPIRED"), refused::toString);
        assertEquals(1, kite.placeCount(), "nothing sent to Kite for the account without a session");

        kite.fill(booked.tag, "102.35");
        IndiaSystemFlow.awaitFilledPosition(sluice, kite, "kite", booked.tag, "102.35");
    }

    private long project() throws Exception
    {
        try (Journal journal = Journal.openReadOnly(dir.resolve("journal")))
        {
            final ProjectionContext context = new ProjectionContext().settings(Settings.of(Map.of())).journalDir(dir.resolve("journal"))
                .schema("sluice").batchRecords(500).conclude();
            final JournalProjector projector = JournalProjector.open(context, journal, database.dataSource());
            try
            {
                return projector.catchUp();
            }
            finally
            {
                projector.onClose();
            }
        }
    }

    private long count(final String sql) throws Exception
    {
        try (java.sql.Connection connection = database.dataSource().getConnection())
        {
            connection.setSchema("sluice");
            try (java.sql.Statement statement = connection.createStatement(); java.sql.ResultSet rs = statement.executeQuery(sql))
            {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
