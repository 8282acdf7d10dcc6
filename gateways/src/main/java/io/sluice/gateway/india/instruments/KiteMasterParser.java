package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kite Connect's instrument dump ({@code GET /instruments}, CSV with columns
 * {@code instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange}):
 * derivatives on NFO/BFO keyed by {@code name}, expiry as yyyy-MM-dd, tick and strike in rupees; equities on NSE.
 */
public final class KiteMasterParser implements MasterParser
{
    /**
     * {@inheritDoc}
     */
    public List<Instrument> parse(final InputStream in, final MasterFilter filter) throws IOException
    {
        final List<Instrument> out = new ArrayList<>();
        final CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format))
        {
            MasterColumns.require(csv.getHeaderNames(), "Kite instruments",
                "instrument_token", "tradingsymbol", "name", "expiry", "strike", "tick_size", "lot_size", "instrument_type", "exchange");
            for (final CSVRecord row : csv)
            {
                final String exchange = row.get("exchange");
                final String type = row.get("instrument_type");
                if ("CE".equals(type) || "PE".equals(type) || "FUT".equals(type))
                {
                    final String underlying = row.get("name");
                    final LocalDate expiry = date(row.get("expiry"));
                    if (("NFO".equals(exchange) || "BFO".equals(exchange)) && filter.acceptsDerivative(underlying, expiry))
                    {
                        out.add(Instrument.derivative(
                            underlying,
                            Instrument.Kind.valueOf(type),
                            expiry,
                            MasterColumns.fixed(row.get("strike")),
                            row.get("tradingsymbol"),
                            row.get("instrument_token"),
                            exchange,
                            MasterColumns.fixed(row.get("tick_size")),
                            MasterColumns.fixed(row.get("lot_size")),
                            Fixed.NULL));
                    }
                }
                else if ("EQ".equals(type) && "NSE".equals(exchange) && filter.acceptsEquity(row.get("tradingsymbol")))
                {
                    out.add(Instrument.equity(row.get("tradingsymbol"), row.get("tradingsymbol"), row.get("instrument_token"),
                        exchange, MasterColumns.fixed(row.get("tick_size"))));
                }
            }
        }
        return out;
    }

    private static LocalDate date(final String text)
    {
        try
        {
            return text.isEmpty() ? null : LocalDate.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }
}
