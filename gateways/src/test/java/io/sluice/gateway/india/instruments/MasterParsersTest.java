package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four brokers' instrument masters, from small sample files shaped like the real ones (same columns and field
 * spellings, paise where the broker uses paise): trading date 2024-01-01, NIFTY options listed for 2023-12-28 (expired),
 * 2024-01-04, 2024-01-11 and 2024-01-25 with strikes 20000-23500 every 50, futures for January to March, BANKNIFTY
 * rows and equities as noise.
 */
class MasterParsersTest
{
    static final LocalDate TRADING_DATE = LocalDate.of(2024, 1, 1);
    static final long PREVIOUS_CLOSE = Fixed.parse("21731.4");

    private static final MasterFilter FILTER = new MasterFilter(Set.of("NIFTY"), Set.of("INFY"), 2, 2, 20, TRADING_DATE);

    @Test
    void shouldKeepCurrentAndNextExpiryAndTwentyStrikesEitherSideOfThePreviousCloseFromKite() throws IOException
    {
        final List<Instrument> kept = select(new KiteMasterParser(), "kite-instruments.csv");
        assertFiltered(kept);

        final Instrument weekly = find(kept, "NIFTY04JAN2421750CE");
        assertEquals("NIFTY2410421750CE", weekly.venueSymbol());
        assertEquals("NFO", weekly.exchange());
        assertEquals(Fixed.parse("0.05"), weekly.tickSize());
        assertEquals(Fixed.of(50), weekly.lotSize());
        assertEquals(Instrument.Kind.CE, weekly.kind());
        assertEquals(Fixed.of(21750), weekly.strike());
        final Instrument future = find(kept, "NIFTY25JAN24FUT");
        assertEquals("NIFTY24JANFUT", future.venueSymbol());
        final Instrument equity = find(kept, "INFY");
        assertEquals("408065", equity.venueToken());
        assertEquals(Instrument.Kind.EQ, equity.kind());
    }

    @Test
    void shouldParseAngelStrikesAndTicksGivenInPaise() throws IOException
    {
        final List<Instrument> kept = select(new AngelMasterParser(), "angel-scrip-master.json");
        assertFiltered(kept);

        final Instrument put = find(kept, "NIFTY11JAN2420750PE");
        assertEquals("NIFTY11JAN2420750PE", put.venueSymbol());
        assertEquals(Fixed.of(20750), put.strike());
        assertEquals(Fixed.parse("0.05"), put.tickSize());
        assertEquals("NFO", put.exchange());
        assertEquals("INFY-EQ", find(kept, "INFY").venueSymbol());
        assertEquals("1594", find(kept, "INFY").venueToken());
    }

    @Test
    void shouldParseUpstoxExpiriesInIstAndItsFreezeQuantity() throws IOException
    {
        final List<Instrument> kept;
        try (InputStream in = new GZIPInputStream(resource("upstox-complete.json.gz")))
        {
            kept = FILTER.select(new UpstoxMasterParser().parse(in, FILTER), Map.of("NIFTY", PREVIOUS_CLOSE));
        }
        assertFiltered(kept);

        final Instrument call = find(kept, "NIFTY04JAN2422750CE");
        assertEquals("NIFTY 22750 CE 04 JAN 24", call.venueSymbol());
        assertTrue(call.venueToken().startsWith("NSE_FO|"), call.venueToken());
        assertEquals("NSE_FO", call.exchange());
        assertEquals(Fixed.of(1800), call.freezeQty());
        assertEquals(Fixed.parse("0.05"), call.tickSize());
        assertEquals("NSE_EQ|INE009A01021", find(kept, "INFY").venueToken());
    }

    @Test
    void shouldParseDhanSecurityIdsAndSegments() throws IOException
    {
        final List<Instrument> kept = select(new DhanMasterParser(), "dhan-scrip-master.csv");
        assertFiltered(kept);

        final Instrument call = find(kept, "NIFTY04JAN2421750CE");
        assertEquals("NIFTY-Jan2024-21750-CE", call.venueSymbol());
        assertEquals("NSE_FNO", call.exchange());
        assertEquals(Fixed.parse("0.05"), call.tickSize());
        assertEquals(Fixed.of(50), call.lotSize());
        final Instrument equity = find(kept, "INFY");
        assertEquals("NSE_EQ", equity.exchange());
        assertEquals("1594", equity.venueToken());
    }

    @Test
    void shouldKeepEveryStrikeWhenThePreviousCloseIsUnknown() throws IOException
    {
        final List<Instrument> candidates;
        try (InputStream in = resource("kite-instruments.csv"))
        {
            candidates = new KiteMasterParser().parse(in, FILTER);
        }
        final List<Instrument> kept = FILTER.select(candidates, Map.of());
        assertEquals(71 * 2 * 2 + 2 + 1, kept.size());
    }

    @Test
    void shouldRefuseAMasterWithoutTheDocumentedColumns()
    {
        final IOException ex = assertThrows(IOException.class, () ->
            new KiteMasterParser().parse(new java.io.ByteArrayInputStream("a,b\n1,2\n".getBytes()), FILTER));
        assertTrue(ex.getMessage().contains("instrument_token"), ex.getMessage());
    }

    static List<Instrument> select(final MasterParser parser, final String resource) throws IOException
    {
        try (InputStream in = resource(resource))
        {
            return FILTER.select(parser.parse(in, FILTER), Map.of("NIFTY", PREVIOUS_CLOSE));
        }
    }

    static InputStream resource(final String name)
    {
        final InputStream in = MasterParsersTest.class.getResourceAsStream("/india/" + name);
        assertNotNull(in, name);
        return in;
    }

    // ATM is 21750 (nearer 21731.4 than 21700): strikes 20750-22750 of the 2024-01-04 and 2024-01-11 expiries,
    // the January and February futures, and INFY; nothing expired, nothing of BANKNIFTY, no 2024-01-25 option.
    private static void assertFiltered(final List<Instrument> kept)
    {
        final List<Instrument> options = kept.stream().filter((i) -> i.kind().isOption()).collect(Collectors.toList());
        assertEquals(41 * 2 * 2, options.size(), () -> "options kept: " + options.size());
        assertEquals(Set.of(LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 11)),
            options.stream().map(Instrument::expiry).collect(Collectors.toSet()));
        final TreeSet<Long> strikes = options.stream().map(Instrument::strike).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Fixed.of(20750), strikes.first());
        assertEquals(Fixed.of(22750), strikes.last());
        assertEquals(41, strikes.size());
        assertEquals(List.of(LocalDate.of(2024, 1, 25), LocalDate.of(2024, 2, 29)), kept.stream()
            .filter((i) -> i.kind() == Instrument.Kind.FUT).map(Instrument::expiry).collect(Collectors.toList()));
        assertTrue(kept.stream().noneMatch((i) -> "BANKNIFTY".equals(i.underlying())));
        assertNull(kept.stream().filter((i) -> "NIFTY25JAN2421750CE".equals(i.symbol())).findFirst().orElse(null));
        assertEquals(41 * 2 * 2 + 2 + 1, kept.size());
        final Instrument firstNifty = kept.stream().filter((i) -> "NIFTY".equals(i.underlying())).findFirst().orElseThrow();
        assertEquals(Instrument.Kind.FUT, firstNifty.kind(), "futures sort first within an underlying");
    }

    private static Instrument find(final List<Instrument> kept, final String symbol)
    {
        return kept.stream().filter((i) -> i.symbol().equals(symbol)).findFirst()
            .orElseThrow(() -> new AssertionError(symbol + " not kept"));
    }
}
