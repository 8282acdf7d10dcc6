package io.sluice.gateway;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.InstrumentDefinitionEncoder;
import io.sluice.sbe.InstrumentKind;

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
    private final AsciiField underlying = new AsciiField(InstrumentDefinitionEncoder.underlyingLength());
    private final AsciiField exchangeSegment = new AsciiField(InstrumentDefinitionEncoder.exchangeSegmentLength());
    private InstrumentKind kind;
    private long expiryDate;
    private long strike;
    private long syncDate;

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
        underlying.clear();
        exchangeSegment.clear();
        kind = InstrumentKind.NULL_VAL;
        expiryDate = InstrumentDefinitionEncoder.expiryDateNullValue();
        strike = Fixed.NULL;
        syncDate = InstrumentDefinitionEncoder.syncDateNullValue();
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

    /** Underlying of a derivative (NIFTY), empty otherwise. */
    public AsciiField underlying()
    {
        return underlying;
    }

    /** The broker's exchange or segment (NFO, NSE_FO, NSE_FNO), empty when not a broker instrument. */
    public AsciiField exchangeSegment()
    {
        return exchangeSegment;
    }

    public InstrumentKind kind()
    {
        return kind;
    }

    public InstrumentRules kind(final InstrumentKind kind)
    {
        this.kind = kind;
        return this;
    }

    /** Expiry as yyyymmdd, or the field's null value. */
    public long expiryDate()
    {
        return expiryDate;
    }

    public InstrumentRules expiryDate(final long expiryDate)
    {
        this.expiryDate = expiryDate;
        return this;
    }

    public long strike()
    {
        return strike;
    }

    public InstrumentRules strike(final long strike)
    {
        this.strike = strike;
        return this;
    }

    /** Trading day of the master the definition comes from, as yyyymmdd, or the field's null value. */
    public long syncDate()
    {
        return syncDate;
    }

    public InstrumentRules syncDate(final long syncDate)
    {
        this.syncDate = syncDate;
        return this;
    }
}
