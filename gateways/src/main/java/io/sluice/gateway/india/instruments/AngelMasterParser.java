package io.sluice.gateway.india.instruments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.Json;
import io.sluice.protocol.Fixed;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Angel One's {@code OpenAPIScripMaster.json}: an array of objects with {@code token, symbol, name, expiry, strike,
 * lotsize, instrumenttype, exch_seg, tick_size}, all strings; expiry as {@code 28MAR2024}, strike and tick in paise
 * (strike x100), option type as the symbol's CE/PE suffix; equities are {@code SYMBOL-EQ} rows on NSE.
 */
public final class AngelMasterParser implements MasterParser
{
    private static final DateTimeFormatter EXPIRY = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("ddMMMuuuu")
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);

    /**
     * {@inheritDoc}
     */
    public List<Instrument> parse(final InputStream in, final MasterFilter filter) throws IOException
    {
        final List<Instrument> out = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(in))
        {
            if (parser.nextToken() != JsonToken.START_ARRAY)
            {
                throw new IOException("Angel scrip master is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT)
            {
                final JsonNode row = Json.MAPPER.readTree(parser);
                final Instrument instrument = instrument(row, filter);
                if (instrument != null)
                {
                    out.add(instrument);
                }
            }
        }
        return out;
    }

    private static Instrument instrument(final JsonNode row, final MasterFilter filter)
    {
        final String type = Json.text(row, "instrumenttype", "");
        final String segment = Json.text(row, "exch_seg", "");
        final String symbol = Json.text(row, "symbol", "");
        final String name = Json.text(row, "name", "");
        if (type.startsWith("OPT") || type.startsWith("FUT"))
        {
            if (!"NFO".equals(segment) && !"BFO".equals(segment))
            {
                return null;
            }
            final LocalDate expiry = date(Json.text(row, "expiry", ""));
            if (!filter.acceptsDerivative(name, expiry))
            {
                return null;
            }
            final Instrument.Kind kind;
            if (type.startsWith("FUT"))
            {
                kind = Instrument.Kind.FUT;
            }
            else if (symbol.endsWith("CE"))
            {
                kind = Instrument.Kind.CE;
            }
            else if (symbol.endsWith("PE"))
            {
                kind = Instrument.Kind.PE;
            }
            else
            {
                return null;
            }
            return Instrument.derivative(
                name,
                kind,
                expiry,
                MasterColumns.fromPaise(Json.fixed(row, "strike")),
                symbol,
                Json.text(row, "token", ""),
                segment,
                MasterColumns.fromPaise(Json.fixed(row, "tick_size")),
                Json.fixed(row, "lotsize"),
                Fixed.NULL);
        }
        if ("NSE".equals(segment) && symbol.endsWith("-EQ") && filter.acceptsEquity(name))
        {
            return Instrument.equity(name, symbol, Json.text(row, "token", ""), segment,
                MasterColumns.fromPaise(Json.fixed(row, "tick_size")));
        }
        return null;
    }

    private static LocalDate date(final String text)
    {
        try
        {
            return text.isEmpty() ? null : LocalDate.parse(text, EXPIRY);
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }
}
