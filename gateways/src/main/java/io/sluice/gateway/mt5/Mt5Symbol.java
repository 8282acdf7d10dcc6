package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.AsciiField;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.InstrumentDefinitionEncoder;
import io.sluice.sbe.TimeInForce;

/**
 * One instrument of an account: Sluice's symbol, the terminal's name for it (e.g. XAUUSD → XAUUSD.m), and the
 * specification and quote the terminal reported (SymbolInfo* in the EA). Prices and volumes are fixed point.
 */
final class Mt5Symbol
{
    /** SYMBOL_FILLING_FOK flag of SYMBOL_FILLING_MODE. */
    static final long FILLING_FOK_FLAG = 1;
    /** SYMBOL_FILLING_IOC flag of SYMBOL_FILLING_MODE. */
    static final long FILLING_IOC_FLAG = 2;

    final String canonical;
    final String venueName;
    final AsciiField canonicalField = new AsciiField(InstrumentDefinitionEncoder.symbolLength());
    final AsciiField venueField = new AsciiField(InstrumentDefinitionEncoder.venueSymbolLength());
    private final String fillingRule;

    boolean available;
    long digits;
    long point;
    long tickSize;
    long contractSize;
    long volumeMin;
    long volumeMax;
    long volumeStep;
    long fillingFlags;
    long stopsLevel;
    long bid;
    long ask;

    Mt5Symbol(final String canonical, final String venueName, final String fillingRule)
    {
        this.canonical = canonical;
        this.venueName = venueName;
        this.fillingRule = fillingRule;
        canonicalField.set(canonical);
        venueField.set(venueName);
    }

    /**
     * Take the terminal's specification from a {@code snapshot.symbols[]} entry.
     *
     * @param info the entry.
     */
    void update(final JsonNode info)
    {
        available = info.path("found").asBoolean(true);
        if (!available)
        {
            return;
        }
        digits = BridgeJson.longValue(info, "digits");
        point = BridgeJson.fixed(info, "point");
        tickSize = BridgeJson.fixed(info, "trade_tick_size");
        contractSize = BridgeJson.fixed(info, "trade_contract_size");
        volumeMin = BridgeJson.fixed(info, "volume_min");
        volumeMax = BridgeJson.fixed(info, "volume_max");
        volumeStep = BridgeJson.fixed(info, "volume_step");
        fillingFlags = BridgeJson.longValue(info, "filling_mode");
        stopsLevel = BridgeJson.longValue(info, "trade_stops_level");
        quote(BridgeJson.fixed(info, "bid"), BridgeJson.fixed(info, "ask"));
    }

    /**
     * Record the latest quote; zero keeps the previous side.
     *
     * @param newBid bid, fixed point.
     * @param newAsk ask, fixed point.
     */
    void quote(final long newBid, final long newAsk)
    {
        if (newBid > 0)
        {
            bid = newBid;
        }
        if (newAsk > 0)
        {
            ask = newAsk;
        }
    }

    /**
     * Why a volume (lots, fixed point) is not tradable, in the terminal's own terms.
     *
     * @param volume lots.
     * @return the problem, or null when the volume is valid.
     */
    String volumeProblem(final long volume)
    {
        if (volume <= 0)
        {
            return "INVALID_VOLUME: volume must be positive, was " + Fixed.toString(volume);
        }
        if (volumeStep > 0 && volume % volumeStep != 0)
        {
            return "INVALID_VOLUME: " + Fixed.toString(volume) + " lots is not a multiple of volume_step " +
                Fixed.toString(volumeStep) + " of " + venueName;
        }
        if (volumeMin > 0 && volume < volumeMin)
        {
            return "INVALID_VOLUME: " + Fixed.toString(volume) + " lots is below volume_min " + Fixed.toString(volumeMin) + " of " + venueName;
        }
        if (volumeMax > 0 && volume > volumeMax)
        {
            return "INVALID_VOLUME: " + Fixed.toString(volume) + " lots is above volume_max " + Fixed.toString(volumeMax) + " of " + venueName;
        }
        return null;
    }

    /**
     * The {@code type_filling} of a market order: IOC and FOK orders need that mode; otherwise the account's rule
     * for this symbol, where AUTO takes the first of FOK, IOC, RETURN the symbol allows.
     *
     * @param timeInForce the order's time in force.
     * @return an ORDER_FILLING_* name, or null when the symbol does not allow what the order needs.
     */
    String marketFilling(final TimeInForce timeInForce)
    {
        if (timeInForce == TimeInForce.FOK)
        {
            return (fillingFlags & FILLING_FOK_FLAG) != 0 ? "ORDER_FILLING_FOK" : null;
        }
        if (timeInForce == TimeInForce.IOC)
        {
            return (fillingFlags & FILLING_IOC_FLAG) != 0 ? "ORDER_FILLING_IOC" : null;
        }
        switch (fillingRule)
        {
            case "FOK":
                return "ORDER_FILLING_FOK";
            case "IOC":
                return "ORDER_FILLING_IOC";
            case "RETURN":
                return "ORDER_FILLING_RETURN";
            default:
                if ((fillingFlags & FILLING_FOK_FLAG) != 0)
                {
                    return "ORDER_FILLING_FOK";
                }
                return (fillingFlags & FILLING_IOC_FLAG) != 0 ? "ORDER_FILLING_IOC" : "ORDER_FILLING_RETURN";
        }
    }

    /**
     * The price a market order of this side would trade at now.
     *
     * @param buy true for a buy.
     * @return the ask for a buy, the bid for a sell; 0 when unknown.
     */
    long marketPrice(final boolean buy)
    {
        return buy ? ask : bid;
    }
}
