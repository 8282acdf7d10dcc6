package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolResolverTest
{
    private static final ToLongFunction<String> REFERENCE = (underlying) -> "NIFTY".equals(underlying) ? Fixed.parse("21731.4") : Fixed.NULL;

    private static InstrumentSnapshot snapshot;

    @BeforeAll
    static void loadSnapshot() throws IOException
    {
        snapshot = new InstrumentSnapshot("kite", MasterParsersTest.TRADING_DATE,
            MasterParsersTest.select(new KiteMasterParser(), "kite-instruments.csv"),
            Map.of("NIFTY", MasterParsersTest.PREVIOUS_CLOSE));
    }

    @Test
    void shouldBuildAndParseCanonicalSymbols()
    {
        final LocalDate expiry = LocalDate.of(2024, 3, 28);
        assertEquals("NIFTY28MAR2420800CE", CanonicalSymbols.option("NIFTY", expiry, Fixed.of(20800), Instrument.Kind.CE));
        assertEquals("NIFTY28MAR2420800.5PE", CanonicalSymbols.option("NIFTY", expiry, Fixed.parse("20800.5"), Instrument.Kind.PE));
        assertEquals("BANKNIFTY24APR24FUT", CanonicalSymbols.future("BANKNIFTY", LocalDate.of(2024, 4, 24)));

        final CanonicalSymbols.Parts option = CanonicalSymbols.parse("nifty28mar2420800ce");
        assertEquals("NIFTY", option.underlying());
        assertEquals(expiry, option.expiry());
        assertEquals(Fixed.of(20800), option.strike());
        assertEquals(Instrument.Kind.CE, option.kind());
        final CanonicalSymbols.Parts future = CanonicalSymbols.parse("BANKNIFTY24APR24FUT");
        assertEquals("BANKNIFTY", future.underlying());
        assertEquals(Instrument.Kind.FUT, future.kind());
        assertNull(CanonicalSymbols.parse("NIFTY31FEB2420800CE"), "no 31 February");
        assertNull(CanonicalSymbols.parse("INFY"));
    }

    @Test
    void shouldResolveCanonicalFieldAndBrokerSymbolsToTheSameInstrument()
    {
        final Instrument expected = snapshot.bySymbol("NIFTY04JAN2421750CE");
        assertEquals("NIFTY2410421750CE", expected.venueSymbol());

        assertEquals(expected, resolve("NIFTY04JAN2421750CE"));
        assertEquals(expected, resolve("NIFTY04JAN2421750.00CE"));
        assertEquals(expected, resolve("NIFTY:04JAN24:21750:CE"));
        assertEquals(expected, resolve("NIFTY:2024-01-04:21750:CE"));
        assertEquals(expected, resolve("NIFTY:CUR:21750:CE"));
        assertEquals(expected, resolve("NIFTY2410421750CE"));
        assertEquals(snapshot.bySymbol("NIFTY11JAN2421750PE"), resolve("NIFTY:NEXT:21750:PE"));
        assertEquals(snapshot.bySymbol("NIFTY25JAN24FUT"), resolve("NIFTY:CUR:FUT"));
        assertEquals(snapshot.bySymbol("NIFTY29FEB24FUT"), resolve("NIFTY:NEXT:FUT"));
        assertEquals(snapshot.bySymbol("INFY"), resolve("INFY"));
    }

    @Test
    void shouldResolveAtmAndOffsetsFromTheReferencePrice()
    {
        // 21731.4 is nearest the 21750 strike; OTM calls go up, OTM puts go down, ITM the other way.
        assertEquals(Fixed.of(21750), resolve("NIFTY:CUR:ATM:CE").strike());
        assertEquals(Fixed.of(21750), resolve("NIFTY:CUR:ATM:PE").strike());
        assertEquals(Fixed.of(22050), resolve("NIFTY:CUR:OTM6:CE").strike());
        assertEquals(Fixed.of(21450), resolve("NIFTY:CUR:OTM6:PE").strike());
        assertEquals(Fixed.of(21700), resolve("NIFTY:NEXT:ITM1:CE").strike());
        assertEquals(LocalDate.of(2024, 1, 11), resolve("NIFTY:NEXT:ITM1:CE").expiry());
        assertEquals(Fixed.of(21800), resolve("NIFTY:04JAN24:ITM1:PE").strike());
    }

    @Test
    void shouldNameWhatWasLookedUpWhenASymbolIsUnknown()
    {
        final SymbolResolver.Resolution missingStrike = SymbolResolver.resolve("NIFTY04JAN2421775CE", snapshot, REFERENCE);
        assertFalse(missingStrike.isKnown());
        assertTrue(missingStrike.error().startsWith("UNKNOWN_SYMBOL: NIFTY04JAN2421775CE (NIFTY 2024-01-04 21775 CE)"), missingStrike.error());
        assertTrue(missingStrike.error().contains("strikes 20750-22750 for 2024-01-04"), missingStrike.error());

        final SymbolResolver.Resolution expired = SymbolResolver.resolve("NIFTY28DEC2321750CE", snapshot, REFERENCE);
        assertTrue(expired.error().startsWith("UNKNOWN_SYMBOL: NIFTY28DEC2321750CE"), expired.error());
        assertTrue(expired.error().contains("option expiries 2024-01-04 2024-01-11"), expired.error());

        final SymbolResolver.Resolution farOtm = SymbolResolver.resolve("NIFTY:CUR:OTM30:CE", snapshot, REFERENCE);
        assertTrue(farOtm.error().startsWith("UNKNOWN_SYMBOL: NIFTY:CUR:OTM30:CE"), farOtm.error());

        final SymbolResolver.Resolution noReference = SymbolResolver.resolve("NIFTY:CUR:ATM:CE", snapshot, (u) -> Fixed.NULL);
        assertTrue(noReference.error().contains("no reference price for NIFTY"), noReference.error());

        final SymbolResolver.Resolution garbage = SymbolResolver.resolve("XAUUSD", snapshot, REFERENCE);
        assertTrue(garbage.error().startsWith("UNKNOWN_SYMBOL: XAUUSD"), garbage.error());
        assertTrue(SymbolResolver.resolve("BANKNIFTY:CUR:ATM:CE", snapshot, REFERENCE).error().contains("no BANKNIFTY derivatives"));
    }

    @Test
    void shouldWriteAndReadTheSnapshotCsvExactly(@TempDir final Path dir) throws IOException
    {
        final Path file = InstrumentCsv.write(snapshot, dir);
        assertEquals("instrument_tokens-kite-2024-01-01.csv", file.getFileName().toString());
        assertTrue(Files.readAllLines(file).get(0).startsWith("venue,trading_date,symbol,underlying,kind,expiry,strike"));
        final InstrumentSnapshot read = InstrumentCsv.read(file);
        assertEquals(snapshot.instruments(), read.instruments());
        assertEquals(snapshot.tradingDate(), read.tradingDate());
        assertEquals(Map.of("NIFTY", MasterParsersTest.PREVIOUS_CLOSE), read.previousCloses());
        assertEquals(LocalDate.of(2024, 1, 1), InstrumentCsv.dateOf("kite", file.getFileName().toString()));
        assertNull(InstrumentCsv.dateOf("dhan", file.getFileName().toString()));
    }

    private static Instrument resolve(final String symbol)
    {
        final SymbolResolver.Resolution resolution = SymbolResolver.resolve(symbol, snapshot, REFERENCE);
        assertTrue(resolution.isKnown(), resolution::error);
        return resolution.instrument();
    }
}
