package io.sluice.journal.projection;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.InstrumentDefinitionEncoder;
import io.sluice.sbe.InstrumentKind;
import io.sluice.sbe.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.journal.projection.PostgresFixture.sameDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * instrument_tokens: each broker master instrument the gateways journaled as an InstrumentDefinition (schema v3, with
 * its sync date) becomes one row per venue, symbol and trading day, exactly once: a same-day re-sync updates the row,
 * a re-run of the projection changes nothing, and definitions without a master (exchange rules) make no row.
 */
class InstrumentTokensProjectionTest
{
    private static final long DAY1_NS = 1_704_067_200_000_000_000L; // 2024-01-01T00:00Z

    @TempDir
    static Path postgresDir;

    private static PostgresFixture postgres;

    @TempDir
    Path journalDir;

    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
    private long sequence;

    @BeforeAll
    static void startPostgres() throws Exception
    {
        postgres = new PostgresFixture(postgresDir.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() throws Exception
    {
        if (postgres != null)
        {
            postgres.close();
        }
    }

    private int option(final String venue, final String symbol, final String token, final long strike, final InstrumentKind kind, final long syncDate)
    {
        final InstrumentDefinitionEncoder e = new InstrumentDefinitionEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .venue(venue).symbol(symbol).venueSymbol("NIFTY24104" + strike + kind.name()).venueToken(token)
            .tickSize(Fixed.parse("0.05")).lotSize(Fixed.of(50)).minQty(Fixed.of(50)).maxQty(Fixed.NULL).minNotional(Fixed.NULL)
            .freezeQty(Fixed.of(1800)).contractSize(Fixed.NULL).timestampNs(DAY1_NS)
            .underlying("NIFTY").instrumentKind(kind).expiryDate(20240104).strike(Fixed.of(strike)).exchangeSegment("NFO")
            .syncDate(syncDate);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int exchangeRules(final String symbol)
    {
        final InstrumentDefinitionEncoder e = new InstrumentDefinitionEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .venue("binance").symbol(symbol).venueSymbol(symbol).venueToken("")
            .tickSize(Fixed.parse("0.01")).lotSize(Fixed.parse("0.00001")).minQty(Fixed.NULL).maxQty(Fixed.NULL)
            .minNotional(Fixed.of(5)).freezeQty(Fixed.NULL).contractSize(Fixed.NULL).timestampNs(DAY1_NS)
            .underlying("").instrumentKind(InstrumentKind.NULL_VAL).expiryDate(InstrumentDefinitionEncoder.expiryDateNullValue())
            .strike(Fixed.NULL).exchangeSegment("").syncDate(InstrumentDefinitionEncoder.syncDateNullValue());
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private long append(final JournalAppender appender, final int length)
    {
        sequence++;
        return appender.append(JournalRecord.KIND_INPUT, sequence, DAY1_NS + sequence * 1_000_000L, frame, 0, length);
    }

    /** One day's sync of a venue: the call and put of two strikes. */
    private long sync(final JournalAppender appender, final String venue, final long syncDate)
    {
        long last = -1;
        for (final long strike : new long[] {21700, 21750})
        {
            append(appender, option(venue, "NIFTY04JAN24" + strike + "CE", "CE" + strike, strike, InstrumentKind.CE, syncDate));
            last = append(appender, option(venue, "NIFTY04JAN24" + strike + "PE", "PE" + strike, strike, InstrumentKind.PE, syncDate));
        }
        return last;
    }

    private long project(final String schema) throws SQLException
    {
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector projector = JournalProjector.open(
                postgres.context(schema, journalDir, 3), journal, postgres.database.dataSource());
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

    @Test
    void shouldProjectADaysSyncOnceAndUpdateItOnASameDayResync() throws Exception
    {
        final long firstSyncLast;
        final long resyncLast;
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            firstSyncLast = sync(appender, "kite", 20240101);
            append(appender, exchangeRules("BTCUSDT"));
            sync(appender, "dhan", 20240101);
            // The gateway restarted the same day: it loads the day's snapshot and publishes every definition again.
            resyncLast = sync(appender, "kite", 20240101);
        }
        final String schema = postgres.newSchema();
        project(schema);

        assertEquals(8, postgres.count(schema, "instrument_tokens"), "4 per venue and day, whatever the re-syncs");
        assertEquals(0, postgres.longValue(schema, "SELECT count(*) FROM instrument_tokens WHERE symbol = 'BTCUSDT'"),
            "exchange rules without a master are no token snapshot");
        final Map<String, Object> row = postgres.row(schema,
            "SELECT * FROM instrument_tokens WHERE venue = 'kite' AND symbol = 'NIFTY04JAN2421750PE'");
        assertEquals("NIFTY2410421750PE", row.get("broker_symbol"));
        assertEquals("PE21750", row.get("token"));
        assertEquals("NFO", row.get("exchange_segment"));
        assertEquals("NIFTY", row.get("underlying"));
        assertEquals("PE", row.get("instrument_type"));
        assertEquals(java.sql.Date.valueOf(LocalDate.of(2024, 1, 4)), row.get("expiry"));
        assertEquals(java.sql.Date.valueOf(LocalDate.of(2024, 1, 1)), row.get("sync_date"));
        assertTrue(sameDecimal(Fixed.of(21750), row.get("strike")));
        assertTrue(sameDecimal(Fixed.parse("0.05"), row.get("tick_size")));
        assertTrue(sameDecimal(Fixed.of(50), row.get("lot_size")));
        assertTrue(sameDecimal(Fixed.of(1800), row.get("freeze_qty")));
        assertEquals(resyncLast, row.get("journal_index"), "the latest definition of the day");
        assertTrue(resyncLast > firstSyncLast);

        final String before = postgres.snapshot(schema);
        assertEquals(0, project(schema), "nothing left to project");
        assertEquals(before, postgres.snapshot(schema));
    }

    @Test
    void shouldKeepOneSnapshotPerTradingDayAndResumeExactlyOnce() throws Exception
    {
        final String schema = postgres.newSchema();
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sync(appender, "kite", 20240101);
        }
        project(schema);
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            sync(appender, "kite", 20240102);
        }
        project(schema);

        assertEquals(8, postgres.count(schema, "instrument_tokens"));
        final List<Map<String, Object>> days = postgres.rows(schema,
            "SELECT sync_date, count(*) AS n FROM instrument_tokens GROUP BY sync_date ORDER BY sync_date");
        assertEquals(2, days.size());
        assertEquals(4L, days.get(0).get("n"));
        assertEquals(4L, days.get(1).get("n"));
        assertEquals(0, postgres.longValue(schema, "SELECT count(*) FROM instrument_tokens WHERE underlying IS DISTINCT FROM 'NIFTY'"));
    }
}
