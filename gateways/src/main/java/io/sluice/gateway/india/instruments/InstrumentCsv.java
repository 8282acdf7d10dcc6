package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instrument snapshot as a CSV file under the gateway's data directory, one file per venue and trading date
 * ({@code instrument_tokens-<venue>-<yyyy-MM-dd>.csv}), with the columns of the {@code instrument_tokens} table:
 * {@code venue, trading_date, symbol, underlying, kind, expiry, strike, venue_symbol, venue_token, exchange,
 * tick_size, lot_size, freeze_qty, previous_close}. Decimals are written exactly; absent values are empty.
 */
public final class InstrumentCsv
{
    /** Column names, in order. */
    public static final String[] COLUMNS = {
        "venue", "trading_date", "symbol", "underlying", "kind", "expiry", "strike", "venue_symbol", "venue_token", "exchange",
        "tick_size", "lot_size", "freeze_qty", "previous_close"};

    private static final String PREFIX = "instrument_tokens-";

    private InstrumentCsv()
    {
    }

    /**
     * File name of a snapshot.
     *
     * @param venue       venue.
     * @param tradingDate date.
     * @return e.g. instrument_tokens-kite-2024-03-20.csv.
     */
    public static String fileName(final String venue, final LocalDate tradingDate)
    {
        return PREFIX + venue + "-" + tradingDate + ".csv";
    }

    /**
     * Whether a file name is a snapshot of a venue, and its trading date.
     *
     * @param venue    venue.
     * @param fileName file name.
     * @return the date, or null when the name is not a snapshot of the venue.
     */
    public static LocalDate dateOf(final String venue, final String fileName)
    {
        final String prefix = PREFIX + venue + "-";
        if (!fileName.startsWith(prefix) || !fileName.endsWith(".csv") || fileName.length() != prefix.length() + 14)
        {
            return null;
        }
        try
        {
            return LocalDate.parse(fileName.substring(prefix.length(), prefix.length() + 10));
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            return null;
        }
    }

    /**
     * Write a snapshot atomically (temporary file, then rename) into a directory.
     *
     * @param snapshot  the snapshot.
     * @param directory target directory, created when missing.
     * @return the written file.
     * @throws IOException when writing fails.
     */
    public static Path write(final InstrumentSnapshot snapshot, final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final Path target = directory.resolve(fileName(snapshot.venue(), snapshot.tradingDate()));
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get()))
        {
            for (final Instrument instrument : snapshot.instruments())
            {
                final Long close = snapshot.previousCloses().get(instrument.underlying());
                printer.printRecord(
                    snapshot.venue(),
                    snapshot.tradingDate(),
                    instrument.symbol(),
                    instrument.underlying(),
                    instrument.kind(),
                    instrument.expiry() == null ? "" : instrument.expiry(),
                    decimal(instrument.strike()),
                    instrument.venueSymbol(),
                    instrument.venueToken(),
                    instrument.exchange(),
                    decimal(instrument.tickSize()),
                    decimal(instrument.lotSize()),
                    decimal(instrument.freezeQty()),
                    close == null ? "" : decimal(close));
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Read a snapshot written by {@link #write}.
     *
     * @param file the CSV file.
     * @return the snapshot.
     * @throws IOException when reading fails or a column is missing.
     */
    public static InstrumentSnapshot read(final Path file) throws IOException
    {
        final List<Instrument> instruments = new ArrayList<>();
        final Map<String, Long> closes = new HashMap<>();
        String venue = null;
        LocalDate tradingDate = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser csv = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()))
        {
            MasterColumns.require(csv.getHeaderNames(), file.toString(), COLUMNS);
            for (final CSVRecord row : csv)
            {
                venue = row.get("venue");
                tradingDate = LocalDate.parse(row.get("trading_date"));
                final String expiry = row.get("expiry");
                instruments.add(new Instrument(
                    row.get("symbol"),
                    row.get("underlying"),
                    Instrument.Kind.valueOf(row.get("kind")),
                    expiry.isEmpty() ? null : LocalDate.parse(expiry),
                    MasterColumns.fixed(row.get("strike")),
                    row.get("venue_symbol"),
                    row.get("venue_token"),
                    row.get("exchange"),
                    MasterColumns.fixed(row.get("tick_size")),
                    MasterColumns.fixed(row.get("lot_size")),
                    MasterColumns.fixed(row.get("freeze_qty"))));
                final long close = MasterColumns.fixed(row.get("previous_close"));
                if (close != Fixed.NULL)
                {
                    closes.put(row.get("underlying"), close);
                }
            }
        }
        return new InstrumentSnapshot(venue, tradingDate, instruments, closes);
    }

    private static String decimal(final long value)
    {
        return value == Fixed.NULL ? "" : Fixed.toString(value);
    }
}
