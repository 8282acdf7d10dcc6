package io.sluice.engine.core;

import java.util.Arrays;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;

/**
 * Trading rules per instrument: tick, lot step, min/max quantity, min notional, freeze quantity (orders
 * above it are sliced), contract size, the usual order size (for the fat-finger gate) and the session
 * calendar. From configuration ({@code sluice.instrument.SYMBOL.<key>}) at start, then from venues'
 * InstrumentDefinition messages, which win. NULL disables a rule.
 */
final class InstrumentRules
{
    private final long[] tickSize;
    private final long[] lotSize;
    private final long[] minQty;
    private final long[] maxQty;
    private final long[] minNotional;
    private final long[] freezeQty;
    private final long[] contractSize;
    private final long[] usualQty;
    private final int[] calendar;

    InstrumentRules(final Settings settings, final NameIndex instruments, final SessionCalendars calendars)
    {
        final int count = instruments.capacity();
        tickSize = nulls(count);
        lotSize = nulls(count);
        minQty = nulls(count);
        maxQty = nulls(count);
        minNotional = nulls(count);
        freezeQty = nulls(count);
        contractSize = new long[count];
        usualQty = nulls(count);
        calendar = new int[count];
        java.util.Arrays.fill(contractSize, instruments.size(), count, Fixed.SCALE);
        java.util.Arrays.fill(calendar, instruments.size(), count, calendars.id("ALWAYS"));
        for (int i = 0; i < instruments.size(); i++)
        {
            final String symbol = instruments.nameString(i);
            final String prefix = "sluice.instrument." + symbol + ".";
            tickSize[i] = settings.getFixed(prefix + "tickSize", Fixed.NULL);
            lotSize[i] = settings.getFixed(prefix + "lotSize", Fixed.NULL);
            minQty[i] = settings.getFixed(prefix + "minQty", Fixed.NULL);
            maxQty[i] = settings.getFixed(prefix + "maxQty", Fixed.NULL);
            minNotional[i] = settings.getFixed(prefix + "minNotional", Fixed.NULL);
            freezeQty[i] = settings.getFixed(prefix + "freezeQty", Fixed.NULL);
            contractSize[i] = settings.getFixed(prefix + "contractSize", Fixed.SCALE);
            usualQty[i] = settings.getFixed(prefix + "usualQty", Fixed.NULL);
            calendar[i] = calendars.id(settings.get(prefix + "calendar", defaultCalendar(symbol)));
            if (freezeQty[i] != Fixed.NULL && freezeQty[i] <= 0)
            {
                throw new IllegalArgumentException(prefix + "freezeQty must be positive");
            }
        }
    }

    /** Calendars of the default instruments; anything else trades 24/7 unless configured. */
    static String defaultCalendar(final String symbol)
    {
        switch (symbol)
        {
            case "EURUSD":
            case "XAUUSD":
                return "FOREX";
            case "INFY":
            case "NIFTY":
                return "NSE";
            default:
                return "ALWAYS";
        }
    }

    private static long[] nulls(final int count)
    {
        final long[] values = new long[count];
        Arrays.fill(values, Fixed.NULL);
        return values;
    }

    /** Apply a venue's InstrumentDefinition: present values replace the configured ones. */
    void onDefinition(
        final int i,
        final long tick,
        final long lot,
        final long min,
        final long max,
        final long minNotionalValue,
        final long freeze,
        final long contract)
    {
        tickSize[i] = tick != Fixed.NULL ? tick : tickSize[i];
        lotSize[i] = lot != Fixed.NULL ? lot : lotSize[i];
        minQty[i] = min != Fixed.NULL ? min : minQty[i];
        maxQty[i] = max != Fixed.NULL ? max : maxQty[i];
        minNotional[i] = minNotionalValue != Fixed.NULL ? minNotionalValue : minNotional[i];
        freezeQty[i] = freeze != Fixed.NULL && freeze > 0 ? freeze : freezeQty[i];
        contractSize[i] = contract != Fixed.NULL && contract > 0 ? contract : contractSize[i];
    }

    /**
     * An instrument learned from a venue's definition trades in its underlying's session when the underlying is
     * known (a NIFTY option follows NIFTY's calendar), else around the clock like any unconfigured symbol.
     */
    void onLearned(final int i, final int underlying)
    {
        calendar[i] = underlying >= 0 ? calendar[underlying] : calendar[i];
    }

    long tickSize(final int i)
    {
        return tickSize[i];
    }

    long lotSize(final int i)
    {
        return lotSize[i];
    }

    long minQty(final int i)
    {
        return minQty[i];
    }

    long maxQty(final int i)
    {
        return maxQty[i];
    }

    long minNotional(final int i)
    {
        return minNotional[i];
    }

    long freezeQty(final int i)
    {
        return freezeQty[i];
    }

    long contractSize(final int i)
    {
        return contractSize[i];
    }

    long usualQty(final int i)
    {
        return usualQty[i];
    }

    int calendar(final int i)
    {
        return calendar[i];
    }

    /** Slices needed for this quantity: 1 unless it exceeds the freeze quantity. */
    int slices(final int i, final long quantity)
    {
        final long freeze = freezeQty[i];
        if (freeze == Fixed.NULL || quantity <= freeze)
        {
            return 1;
        }
        return (int)Math.min(255, (quantity + freeze - 1) / freeze);
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLongs(tickSize).putLongs(lotSize).putLongs(minQty).putLongs(maxQty).putLongs(minNotional)
            .putLongs(freezeQty).putLongs(contractSize).putLongs(usualQty).putInts(calendar);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getLongs(tickSize);
        in.getLongs(lotSize);
        in.getLongs(minQty);
        in.getLongs(maxQty);
        in.getLongs(minNotional);
        in.getLongs(freezeQty);
        in.getLongs(contractSize);
        in.getLongs(usualQty);
        in.getInts(calendar);
    }

    long stateHash()
    {
        long hash = Arrays.hashCode(tickSize);
        hash = 31 * hash + Arrays.hashCode(lotSize);
        hash = 31 * hash + Arrays.hashCode(minQty);
        hash = 31 * hash + Arrays.hashCode(maxQty);
        hash = 31 * hash + Arrays.hashCode(minNotional);
        hash = 31 * hash + Arrays.hashCode(freezeQty);
        hash = 31 * hash + Arrays.hashCode(contractSize);
        hash = 31 * hash + Arrays.hashCode(usualQty);
        hash = 31 * hash + Arrays.hashCode(calendar);
        return hash;
    }
}
