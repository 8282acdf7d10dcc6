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
 * Dhan's compact {@code api-scrip-master.csv} (columns {@code SEM_EXM_EXCH_ID, SEM_SEGMENT, SEM_SMST_SECURITY_ID,
 * SEM_INSTRUMENT_NAME, SEM_TRADING_SYMBOL, SEM_LOT_UNITS, SEM_EXPIRY_DATE, SEM_STRIKE_PRICE, SEM_OPTION_TYPE,
 * SEM_TICK_SIZE, ...}): derivatives are segment D with instrument names OPTIDX/FUTIDX/OPTSTK/FUTSTK and trading symbols
 * like {@code NIFTY-Mar2024-20800-CE} whose first part is the underlying; ticks are in paise; orders carry the security
 * id with exchange segment NSE_FNO, BSE_FNO or NSE_EQ.
 */
public final class DhanMasterParser implements MasterParser
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
            MasterColumns.require(csv.getHeaderNames(), "Dhan scrip master",
                "SEM_EXM_EXCH_ID", "SEM_SEGMENT", "SEM_SMST_SECURITY_ID", "SEM_INSTRUMENT_NAME", "SEM_TRADING_SYMBOL",
                "SEM_LOT_UNITS", "SEM_EXPIRY_DATE", "SEM_STRIKE_PRICE", "SEM_OPTION_TYPE", "SEM_TICK_SIZE");
            for (final CSVRecord row : csv)
            {
                final String exchange = row.get("SEM_EXM_EXCH_ID");
                final String segment = row.get("SEM_SEGMENT");
                final String instrumentName = row.get("SEM_INSTRUMENT_NAME");
                final String tradingSymbol = row.get("SEM_TRADING_SYMBOL");
                if ("D".equals(segment) && (instrumentName.startsWith("OPT") || instrumentName.startsWith("FUT")))
                {
                    final int dash = tradingSymbol.indexOf('-');
                    final String underlying = dash > 0 ? tradingSymbol.substring(0, dash) : tradingSymbol;
                    final LocalDate expiry = date(row.get("SEM_EXPIRY_DATE"));
                    if (!filter.acceptsDerivative(underlying, expiry))
                    {
                        continue;
                    }
                    final Instrument.Kind kind;
                    if (instrumentName.startsWith("FUT"))
                    {
                        kind = Instrument.Kind.FUT;
                    }
                    else if ("CE".equals(row.get("SEM_OPTION_TYPE")) || "PE".equals(row.get("SEM_OPTION_TYPE")))
                    {
                        kind = Instrument.Kind.valueOf(row.get("SEM_OPTION_TYPE"));
                    }
                    else
                    {
                        continue;
                    }
                    out.add(Instrument.derivative(
                        underlying,
                        kind,
                        expiry,
                        MasterColumns.fixed(row.get("SEM_STRIKE_PRICE")),
                        tradingSymbol,
                        row.get("SEM_SMST_SECURITY_ID"),
                        exchange + "_FNO",
                        MasterColumns.fromPaise(MasterColumns.fixed(row.get("SEM_TICK_SIZE"))),
                        MasterColumns.fixed(row.get("SEM_LOT_UNITS")),
                        Fixed.NULL));
                }
                else if ("NSE".equals(exchange) && "E".equals(segment) && "EQUITY".equals(instrumentName) &&
                    row.isMapped("SEM_SERIES") && "EQ".equals(row.get("SEM_SERIES")) && filter.acceptsEquity(tradingSymbol))
                {
                    out.add(Instrument.equity(tradingSymbol, tradingSymbol, row.get("SEM_SMST_SECURITY_ID"), "NSE_EQ",
                        MasterColumns.fromPaise(MasterColumns.fixed(row.get("SEM_TICK_SIZE")))));
                }
            }
        }
        return out;
    }

    private static LocalDate date(final String text)
    {
        try
        {
            return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }
}
