package io.sluice.gateway.india.instruments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.Json;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstox's {@code complete.json.gz} (decompressed): an array of objects with {@code segment, name, expiry (epoch
 * ms), instrument_type (CE/PE/FUT/EQ), instrument_key, trading_symbol, strike_price, tick_size (paise), lot_size,
 * freeze_quantity, underlying_symbol}; the instrument key ({@code NSE_FO|43919}) is the token orders carry.
 */
public final class UpstoxMasterParser implements MasterParser
{
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

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
                throw new IOException("Upstox instruments file is not a JSON array");
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
        final String segment = Json.text(row, "segment", "");
        final String type = Json.text(row, "instrument_type", "");
        if (segment.endsWith("_FO") && ("CE".equals(type) || "PE".equals(type) || "FUT".equals(type)))
        {
            final String underlying = Json.text(row, "underlying_symbol", Json.text(row, "name", ""));
            final JsonNode expiryNode = row.get("expiry");
            final LocalDate expiry = expiryNode == null || !expiryNode.canConvertToLong() ? null :
                Instant.ofEpochMilli(expiryNode.asLong()).atZone(IST).toLocalDate();
            if (!filter.acceptsDerivative(underlying, expiry))
            {
                return null;
            }
            return Instrument.derivative(
                underlying,
                Instrument.Kind.valueOf(type),
                expiry,
                Json.fixed(row, "strike_price"),
                Json.text(row, "trading_symbol", ""),
                Json.text(row, "instrument_key", ""),
                segment,
                MasterColumns.fromPaise(Json.fixed(row, "tick_size")),
                Json.fixed(row, "lot_size"),
                Json.fixed(row, "freeze_quantity"));
        }
        if ("NSE_EQ".equals(segment) && "EQ".equals(type) && filter.acceptsEquity(Json.text(row, "trading_symbol", "")))
        {
            final String symbol = Json.text(row, "trading_symbol", "");
            return Instrument.equity(symbol, symbol, Json.text(row, "instrument_key", ""), segment,
                MasterColumns.fromPaise(Json.fixed(row, "tick_size")));
        }
        return null;
    }
}
