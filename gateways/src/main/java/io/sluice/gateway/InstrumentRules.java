package io.sluice.gateway;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.InstrumentDefinitionEncoder;

/**
 * A venue's trading rules and identifiers for one instrument, filled by a venue adapter (from Binance
 * exchangeInfo filters, a broker's instrument master, the MT5 terminal's symbol info) and published with
 * {@link ReportPublisher#instrumentDefinition}. Reused; absent values are {@link Fixed#NULL}.
 */
public final class InstrumentRules
{
    private final AsciiField symbol = new AsciiField(InstrumentDefinitionEncoder.symbolLength());
    private final AsciiField venueSymbol = new AsciiField(InstrumentDefinitionEncoder.venueSymbolLength());
    private final AsciiField venueToken = new AsciiField(InstrumentDefinitionEncoder.venueTokenLength());
    private long tickSize;
    private long lotSize;
    private long minQty;
    private long maxQty;
    private long minNotional;
    private long freezeQty;
    private long contractSize;

    public InstrumentRules()
    {
        reset();
    }

    /** Clear every field. */
    public InstrumentRules reset()
    {
        symbol.clear();
        venueSymbol.clear();
        venueToken.clear();
        tickSize = Fixed.NULL;
        lotSize = Fixed.NULL;
        minQty = Fixed.NULL;
        maxQty = Fixed.NULL;
        minNotional = Fixed.NULL;
        freezeQty = Fixed.NULL;
        contractSize = Fixed.NULL;
        return this;
    }

    /** Sluice's canonical symbol. */
    public AsciiField symbol()
    {
        return symbol;
    }

    /** The venue's own symbol. */
    public AsciiField venueSymbol()
    {
        return venueSymbol;
    }

    /** The venue's instrument token or security id, if any. */
    public AsciiField venueToken()
    {
        return venueToken;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public InstrumentRules tickSize(final long tickSize)
    {
        this.tickSize = tickSize;
        return this;
    }

    public long lotSize()
    {
        return lotSize;
    }

    public InstrumentRules lotSize(final long lotSize)
    {
        this.lotSize = lotSize;
        return this;
    }

    public long minQty()
    {
        return minQty;
    }

    public InstrumentRules minQty(final long minQty)
    {
        this.minQty = minQty;
        return this;
    }

    public long maxQty()
    {
        return maxQty;
    }

    public InstrumentRules maxQty(final long maxQty)
    {
        this.maxQty = maxQty;
        return this;
    }

    public long minNotional()
    {
        return minNotional;
    }

    public InstrumentRules minNotional(final long minNotional)
    {
        this.minNotional = minNotional;
        return this;
    }

    public long freezeQty()
    {
        return freezeQty;
    }

    public InstrumentRules freezeQty(final long freezeQty)
    {
        this.freezeQty = freezeQty;
        return this;
    }

    public long contractSize()
    {
        return contractSize;
    }

    public InstrumentRules contractSize(final long contractSize)
    {
        this.contractSize = contractSize;
        return this;
    }
}
