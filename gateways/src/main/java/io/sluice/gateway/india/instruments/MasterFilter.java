package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which rows of a broker's instrument master Sluice keeps: derivatives of the configured underlyings (NIFTY by
 * default) in the current and next expiry (configurable counts, futures and options counted separately), option strikes
 * within a band of listed strikes either side of the underlying's previous close (20 by default), plus any configured
 * cash equities. Parsers call {@link #acceptsDerivative}/{@link #acceptsEquity} per row to drop the bulk early;
 * {@link #select} makes the final choice once the previous closes are known.
 */
public final class MasterFilter
{
    private static final Comparator<Instrument> ORDER = Comparator
        .comparing(Instrument::underlying)
        .thenComparing((Instrument i) -> i.kind() == Instrument.Kind.EQ ? 2 : i.kind() == Instrument.Kind.FUT ? 0 : 1)
        .thenComparing(Instrument::expiry, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparingLong(Instrument::strike)
        .thenComparing(Instrument::kind);

    private final Set<String> underlyings;
    private final Set<String> equities;
    private final int optionExpiries;
    private final int futureExpiries;
    private final int strikeBand;
    private final LocalDate tradingDate;

    /**
     * A filter for one trading date.
     *
     * @param underlyings    underlyings whose derivatives are kept, e.g. NIFTY.
     * @param equities       cash equities kept, e.g. INFY.
     * @param optionExpiries how many option expiries from the trading date on (2 = current and next).
     * @param futureExpiries how many future expiries from the trading date on.
     * @param strikeBand     listed strikes kept either side of the previous close.
     * @param tradingDate    the trading date; earlier expiries are gone.
     */
    public MasterFilter(
        final Set<String> underlyings,
        final Set<String> equities,
        final int optionExpiries,
        final int futureExpiries,
        final int strikeBand,
        final LocalDate tradingDate)
    {
        this.underlyings = Set.copyOf(underlyings);
        this.equities = Set.copyOf(equities);
        this.optionExpiries = optionExpiries;
        this.futureExpiries = futureExpiries;
        this.strikeBand = strikeBand;
        this.tradingDate = tradingDate;
    }

    /**
     * Whether a derivative row may be kept (underlying configured, not yet expired).
     *
     * @param underlying underlying name.
     * @param expiry     expiry date, may be null for a malformed row.
     * @return true to keep it as a candidate.
     */
    public boolean acceptsDerivative(final String underlying, final LocalDate expiry)
    {
        return expiry != null && underlyings.contains(underlying) && !expiry.isBefore(tradingDate);
    }

    /**
     * Whether a cash equity row is kept.
     *
     * @param symbol NSE symbol.
     * @return true when configured.
     */
    public boolean acceptsEquity(final String symbol)
    {
        return equities.contains(symbol);
    }

    /**
     * Underlyings whose derivatives are kept.
     *
     * @return the names.
     */
    public Set<String> underlyings()
    {
        return underlyings;
    }

    /**
     * The trading date.
     *
     * @return the date.
     */
    public LocalDate tradingDate()
    {
        return tradingDate;
    }

    /**
     * Keep the nearest expiries and the strike band around each underlying's previous close.
     *
     * @param candidates     rows accepted by the parser.
     * @param previousCloses underlying to fixed-point previous close; an underlying without one keeps every strike.
     * @return the kept instruments, sorted by underlying, futures first, then expiry, strike and type.
     */
    public List<Instrument> select(final Collection<Instrument> candidates, final Map<String, Long> previousCloses)
    {
        final Map<String, TreeSet<LocalDate>> optionExpiriesByUnderlying = new TreeMap<>();
        final Map<String, TreeSet<LocalDate>> futureExpiriesByUnderlying = new TreeMap<>();
        final Map<String, TreeSet<Long>> strikesBySeries = new TreeMap<>();
        for (final Instrument instrument : candidates)
        {
            if (instrument.kind().isOption())
            {
                optionExpiriesByUnderlying.computeIfAbsent(instrument.underlying(), (k) -> new TreeSet<>()).add(instrument.expiry());
                strikesBySeries.computeIfAbsent(series(instrument), (k) -> new TreeSet<>()).add(instrument.strike());
            }
            else if (instrument.kind() == Instrument.Kind.FUT)
            {
                futureExpiriesByUnderlying.computeIfAbsent(instrument.underlying(), (k) -> new TreeSet<>()).add(instrument.expiry());
            }
        }

        final List<Instrument> kept = new ArrayList<>();
        for (final Instrument instrument : candidates)
        {
            switch (instrument.kind())
            {
                case EQ:
                    kept.add(instrument);
                    break;
                case FUT:
                    if (isNear(futureExpiriesByUnderlying.get(instrument.underlying()), instrument.expiry(), futureExpiries))
                    {
                        kept.add(instrument);
                    }
                    break;
                default:
                    if (isNear(optionExpiriesByUnderlying.get(instrument.underlying()), instrument.expiry(), optionExpiries) &&
                        inBand(strikesBySeries.get(series(instrument)), instrument.strike(), previousCloses.get(instrument.underlying())))
                    {
                        kept.add(instrument);
                    }
                    break;
            }
        }
        kept.sort(ORDER);
        return kept;
    }

    private static String series(final Instrument instrument)
    {
        return instrument.underlying() + "|" + instrument.expiry();
    }

    private static boolean isNear(final TreeSet<LocalDate> expiries, final LocalDate expiry, final int count)
    {
        int rank = 0;
        for (final LocalDate candidate : expiries)
        {
            if (rank++ >= count)
            {
                return false;
            }
            if (candidate.equals(expiry))
            {
                return true;
            }
        }
        return false;
    }

    private boolean inBand(final TreeSet<Long> strikes, final long strike, final Long previousClose)
    {
        if (previousClose == null || previousClose == Fixed.NULL)
        {
            return true;
        }
        final List<Long> sorted = new ArrayList<>(strikes);
        final int atm = nearestIndex(sorted, previousClose);
        final int index = sorted.indexOf(strike);
        return Math.abs(index - atm) <= strikeBand;
    }

    /**
     * Index of the listed strike nearest a price (the lower one on a tie).
     *
     * @param sortedStrikes ascending strikes.
     * @param price         fixed-point price.
     * @return index into the list, or -1 when it is empty.
     */
    public static int nearestIndex(final List<Long> sortedStrikes, final long price)
    {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < sortedStrikes.size(); i++)
        {
            final long distance = Math.abs(sortedStrikes.get(i) - price);
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }
}
