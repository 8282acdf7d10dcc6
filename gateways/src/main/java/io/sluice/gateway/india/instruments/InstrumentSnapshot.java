package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The filtered instruments of one broker for one trading date, immutable and safe to share across threads: the plain
 * Java API other components (e.g. the PostgreSQL {@code instrument_tokens} projection) read, and the table the gateway
 * resolves symbols against.
 */
public final class InstrumentSnapshot
{
    private final String venue;
    private final LocalDate tradingDate;
    private final List<Instrument> instruments;
    private final Map<String, Long> previousCloses;
    private final Map<String, Instrument> bySymbol = new HashMap<>();
    private final Map<String, Instrument> byVenueSymbol = new HashMap<>();
    private final Map<String, Instrument> byVenueToken = new HashMap<>();
    private final Map<String, TreeSet<LocalDate>> optionExpiries = new TreeMap<>();
    private final Map<String, TreeSet<LocalDate>> futureExpiries = new TreeMap<>();
    private final Map<String, TreeSet<Long>> strikes = new HashMap<>();

    /**
     * A snapshot.
     *
     * @param venue          venue name.
     * @param tradingDate    trading date the instruments are for.
     * @param instruments    the kept instruments.
     * @param previousCloses underlying to fixed-point previous close used for the strike band (may be empty).
     */
    public InstrumentSnapshot(
        final String venue, final LocalDate tradingDate, final List<Instrument> instruments, final Map<String, Long> previousCloses)
    {
        this.venue = venue;
        this.tradingDate = tradingDate;
        this.instruments = List.copyOf(instruments);
        this.previousCloses = Map.copyOf(previousCloses);
        for (final Instrument instrument : this.instruments)
        {
            bySymbol.put(instrument.symbol(), instrument);
            byVenueSymbol.put(instrument.venueSymbol(), instrument);
            byVenueToken.put(instrument.venueToken(), instrument);
            if (instrument.kind().isOption())
            {
                optionExpiries.computeIfAbsent(instrument.underlying(), (k) -> new TreeSet<>()).add(instrument.expiry());
                strikes.computeIfAbsent(seriesKey(instrument.underlying(), instrument.expiry()), (k) -> new TreeSet<>())
                    .add(instrument.strike());
            }
            else if (instrument.kind() == Instrument.Kind.FUT)
            {
                futureExpiries.computeIfAbsent(instrument.underlying(), (k) -> new TreeSet<>()).add(instrument.expiry());
            }
        }
    }

    /**
     * An empty snapshot (before the first sync).
     *
     * @param venue venue name.
     * @return the snapshot.
     */
    public static InstrumentSnapshot empty(final String venue)
    {
        return new InstrumentSnapshot(venue, null, List.of(), Map.of());
    }

    /**
     * Venue name.
     *
     * @return the venue.
     */
    public String venue()
    {
        return venue;
    }

    /**
     * Trading date, null for an empty snapshot.
     *
     * @return the date.
     */
    public LocalDate tradingDate()
    {
        return tradingDate;
    }

    /**
     * Every instrument, sorted by underlying, futures first, then expiry, strike and type.
     *
     * @return an unmodifiable list.
     */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /**
     * Previous closes the strike band was centred on.
     *
     * @return underlying to fixed-point close.
     */
    public Map<String, Long> previousCloses()
    {
        return previousCloses;
    }

    /**
     * Instrument by canonical symbol.
     *
     * @param symbol canonical symbol.
     * @return the instrument or null.
     */
    public Instrument bySymbol(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    /**
     * Instrument by the broker's trading symbol.
     *
     * @param venueSymbol broker symbol.
     * @return the instrument or null.
     */
    public Instrument byVenueSymbol(final String venueSymbol)
    {
        return byVenueSymbol.get(venueSymbol);
    }

    /**
     * Instrument by the broker's token.
     *
     * @param venueToken broker token.
     * @return the instrument or null.
     */
    public Instrument byVenueToken(final String venueToken)
    {
        return byVenueToken.get(venueToken);
    }

    /**
     * Option expiries of an underlying, ascending.
     *
     * @param underlying underlying.
     * @return the expiries, empty when none.
     */
    public List<LocalDate> optionExpiries(final String underlying)
    {
        final TreeSet<LocalDate> expiries = optionExpiries.get(underlying);
        return expiries == null ? List.of() : new ArrayList<>(expiries);
    }

    /**
     * Future expiries of an underlying, ascending.
     *
     * @param underlying underlying.
     * @return the expiries, empty when none.
     */
    public List<LocalDate> futureExpiries(final String underlying)
    {
        final TreeSet<LocalDate> expiries = futureExpiries.get(underlying);
        return expiries == null ? List.of() : new ArrayList<>(expiries);
    }

    /**
     * Listed strikes of an option series, ascending.
     *
     * @param underlying underlying.
     * @param expiry     expiry.
     * @return fixed-point strikes, empty when none.
     */
    public List<Long> strikes(final String underlying, final LocalDate expiry)
    {
        final TreeSet<Long> series = strikes.get(seriesKey(underlying, expiry));
        return series == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(series));
    }

    /**
     * Look up a derivative by its fields.
     *
     * @param underlying underlying.
     * @param kind       CE, PE or FUT.
     * @param expiry     expiry.
     * @param strike     strike (ignored for futures).
     * @return the instrument or null.
     */
    public Instrument find(final String underlying, final Instrument.Kind kind, final LocalDate expiry, final long strike)
    {
        final String symbol = kind == Instrument.Kind.FUT ?
            CanonicalSymbols.future(underlying, expiry) :
            CanonicalSymbols.option(underlying, expiry, strike, kind);
        return bySymbol.get(symbol);
    }

    /**
     * What the snapshot holds for an underlying, for reject texts.
     *
     * @param underlying underlying.
     * @param expiry     expiry of interest, may be null.
     * @return e.g. "NIFTY option expiries 2024-01-04, 2024-01-11; strikes 20800-22800 for 2024-01-04".
     */
    public String describe(final String underlying, final LocalDate expiry)
    {
        final List<LocalDate> expiries = optionExpiries(underlying);
        if (expiries.isEmpty() && futureExpiries(underlying).isEmpty())
        {
            return "no " + underlying + " derivatives in the " + venue + " instruments of " + tradingDate;
        }
        final StringBuilder text = new StringBuilder(underlying).append(" option expiries ").append(join(expiries))
            .append(", future expiries ").append(join(futureExpiries(underlying)));
        final List<Long> series = expiry == null ? List.of() : strikes(underlying, expiry);
        if (!series.isEmpty())
        {
            text.append("; strikes ").append(Fixed.toString(series.get(0))).append('-')
                .append(Fixed.toString(series.get(series.size() - 1))).append(" for ").append(expiry);
        }
        return text.toString();
    }

    private static String join(final List<LocalDate> dates)
    {
        if (dates.isEmpty())
        {
            return "none";
        }
        final StringBuilder text = new StringBuilder();
        for (final LocalDate date : dates)
        {
            text.append(text.length() == 0 ? "" : " ").append(date);
        }
        return text.toString();
    }

    private static String seriesKey(final String underlying, final LocalDate expiry)
    {
        return underlying + "|" + expiry;
    }
}
