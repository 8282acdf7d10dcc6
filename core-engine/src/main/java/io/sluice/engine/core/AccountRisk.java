package io.sluice.engine.core;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;

/**
 * Per-account day state for the daily gates: cash and margin reported by gateways, orders placed today,
 * realized P&amp;L at the start of the day, the day's P&amp;L peak (for drawdown), the day lock, and the
 * account's day-reset and square-off instants (pre-computed in its time zone, so the core never touches
 * java.time while running).
 * <pre>
 * sluice.account.NAME.timeZone=UTC           zone of the account's day
 * sluice.account.NAME.dayResetTime=00:00     day counters and the day lock reset at this local time
 * sluice.account.NAME.squareOffTime=15:15    optional: close intraday (exchange-session) positions daily
 * sluice.account.NAME.currency=USDT          the currency of balances and limits; AccountUpdates in other
 *                                            currencies are ignored; unset: buying-power and %-of-equity gates use
 *                                            the configured equity only
 * sluice.account.NAME.leverage=1             margin needed = notional / leverage for the buying-power gate
 * </pre>
 */
final class AccountRisk
{
    private final long[] balance;
    private final long[] equity;
    private final long[] marginAvailable;
    private final int[] tradesToday;
    private final long[] realizedAtDayStart;
    private final long[] dayPeakPnl;
    private final long[][] resetInstants;
    private final long[][] squareOffInstants;
    private final long[] nextResetNs;
    private final long[] nextSquareOffNs;
    final boolean[] dirty;
    private final byte[][] currencies;
    private final long[] leverage;

    AccountRisk(final Settings settings, final NameIndex accounts)
    {
        final int count = accounts.capacity();
        balance = nulls(count);
        equity = nulls(count);
        marginAvailable = nulls(count);
        tradesToday = new int[count];
        realizedAtDayStart = new long[count];
        dayPeakPnl = new long[count];
        resetInstants = new long[count][];
        squareOffInstants = new long[count][];
        nextResetNs = new long[count];
        nextSquareOffNs = new long[count];
        dirty = new boolean[count];
        currencies = new byte[count][];
        leverage = new long[count];
        for (int a = 0; a < accounts.size(); a++)
        {
            define(a, settings, accounts.nameString(a));
        }
    }

    /**
     * Set up one account's day and money settings from configuration (defaults for keys not set): at start, and
     * for an account an operator creates. Allocates; never on the hot path.
     */
    void define(final int a, final Settings settings, final String name)
    {
        final int fromYear = settings.getInt("sluice.calendar.fromYear", 2020);
        final int toYear = settings.getInt("sluice.calendar.toYear", 2040);
        {
            final String prefix = "sluice.account." + name + ".";
            final ZoneId zone = ZoneId.of(settings.get(prefix + "timeZone", "UTC"));
            resetInstants[a] = SessionCalendars.dailyInstants(
                zone, LocalTime.parse(settings.get(prefix + "dayResetTime", "00:00")), false, fromYear, toYear);
            final String squareOff = settings.get(prefix + "squareOffTime", "");
            squareOffInstants[a] = squareOff.isEmpty() ? new long[0] :
                SessionCalendars.dailyInstants(zone, LocalTime.parse(squareOff), true, fromYear, toYear);
            nextSquareOffNs[a] = Long.MIN_VALUE;
            nextResetNs[a] = Long.MIN_VALUE;
            final String currency = settings.get(prefix + "currency", "");
            currencies[a] = currency.isEmpty() ? null : currency.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            leverage[a] = settings.getFixed(prefix + "leverage", Fixed.SCALE);
            if (leverage[a] <= 0)
            {
                throw new IllegalArgumentException(prefix + "leverage must be positive");
            }
        }
    }

    /** Change the account's currency (AccountUpdates in other currencies are ignored). */
    void currency(final int a, final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        currencies[a] = bytes;
        dirty[a] = true;
    }

    /** The account's currency as ASCII bytes, or null when none is set. */
    byte[] currency(final int a)
    {
        return currencies[a];
    }

    private static long[] nulls(final int count)
    {
        final long[] values = new long[count];
        Arrays.fill(values, Fixed.NULL);
        return values;
    }

    /** Whether an AccountUpdate in this currency is about the account's money. */
    boolean isAccountCurrency(final int a, final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        return currencies[a] != null && io.sluice.protocol.Ascii.equals(buffer, offset, length, currencies[a]);
    }

    /** Margin an order of this notional needs. */
    long marginRequired(final int a, final long notional)
    {
        return Fixed.mulDiv(notional, Fixed.SCALE, leverage[a]);
    }

    void onAccountUpdate(final int a, final long balanceValue, final long equityValue, final long marginAvailableValue)
    {
        balance[a] = balanceValue;
        equity[a] = equityValue;
        marginAvailable[a] = marginAvailableValue;
        dirty[a] = true;
    }

    /** Equity for percentage gates and sizing: reported equity, else balance, else the configured EQUITY. */
    long equity(final int a, final RiskLimits limits)
    {
        if (equity[a] != Fixed.NULL)
        {
            return equity[a];
        }
        if (balance[a] != Fixed.NULL)
        {
            return balance[a];
        }
        return limits.account(a, Limit.EQUITY);
    }

    long marginAvailable(final int a)
    {
        return marginAvailable[a];
    }

    int tradesToday(final int a)
    {
        return tradesToday[a];
    }

    void onOrdersPlaced(final int a, final int count)
    {
        tradesToday[a] += count;
        dirty[a] = true;
    }

    /** P&amp;L since the day started: realized since the reset plus unrealized now. */
    long dailyPnl(final int a, final long realizedTotal, final long unrealized)
    {
        return realizedTotal - realizedAtDayStart[a] + unrealized;
    }

    /** Raise the day's peak P&amp;L and return the drawdown from it. */
    long drawdown(final int a, final long dailyPnl)
    {
        dayPeakPnl[a] = Math.max(dayPeakPnl[a], dailyPnl);
        return dayPeakPnl[a] - dailyPnl;
    }

    /**
     * Whether the account's day rolls over at this event time; the first call only arms the timer.
     *
     * @return true when a reset instant has passed since the previous call.
     */
    boolean dayRolled(final int a, final long nowNs)
    {
        if (nextResetNs[a] == Long.MIN_VALUE)
        {
            nextResetNs[a] = SessionCalendars.nextAfter(resetInstants[a], nowNs);
            return false;
        }
        if (nowNs < nextResetNs[a])
        {
            return false;
        }
        nextResetNs[a] = SessionCalendars.nextAfter(resetInstants[a], nowNs);
        return true;
    }

    void resetDay(final int a, final long realizedTotal, final long unrealized)
    {
        tradesToday[a] = 0;
        realizedAtDayStart[a] = realizedTotal;
        dayPeakPnl[a] = unrealized;
        dirty[a] = true;
    }

    /** Whether a square-off instant has passed since the previous call (never for accounts without one). */
    boolean squareOffDue(final int a, final long nowNs)
    {
        if (squareOffInstants[a].length == 0)
        {
            return false;
        }
        if (nextSquareOffNs[a] == Long.MIN_VALUE)
        {
            nextSquareOffNs[a] = SessionCalendars.nextAfter(squareOffInstants[a], nowNs);
            return false;
        }
        if (nowNs < nextSquareOffNs[a])
        {
            return false;
        }
        nextSquareOffNs[a] = SessionCalendars.nextAfter(squareOffInstants[a], nowNs);
        return true;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putLongs(balance).putLongs(equity).putLongs(marginAvailable).putInts(tradesToday)
            .putLongs(realizedAtDayStart).putLongs(dayPeakPnl).putLongs(nextResetNs).putLongs(nextSquareOffNs)
            .putBooleans(dirty);
        // Currencies change at runtime (an operator's account update); the rest of define()'s settings come from
        // configuration and are rebuilt by it.
        for (final byte[] currency : currencies)
        {
            out.putBoolean(currency != null).putBytes(currency == null ? new byte[0] : currency);
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        in.getLongs(balance);
        in.getLongs(equity);
        in.getLongs(marginAvailable);
        in.getInts(tradesToday);
        in.getLongs(realizedAtDayStart);
        in.getLongs(dayPeakPnl);
        in.getLongs(nextResetNs);
        in.getLongs(nextSquareOffNs);
        in.getBooleans(dirty);
        final org.agrona.concurrent.UnsafeBuffer scratch = new org.agrona.concurrent.UnsafeBuffer(new byte[64]);
        for (int a = 0; a < currencies.length; a++)
        {
            final boolean present = in.getBoolean();
            final int length = in.getBytes(scratch, 0);
            currencies[a] = present ? java.util.Arrays.copyOf(scratch.byteArray(), length) : null;
        }
    }

    long stateHash()
    {
        long hash = Arrays.hashCode(balance);
        hash = 31 * hash + Arrays.hashCode(equity);
        hash = 31 * hash + Arrays.hashCode(marginAvailable);
        hash = 31 * hash + Arrays.hashCode(tradesToday);
        hash = 31 * hash + Arrays.hashCode(realizedAtDayStart);
        hash = 31 * hash + Arrays.hashCode(dayPeakPnl);
        hash = 31 * hash + Arrays.hashCode(nextResetNs);
        hash = 31 * hash + Arrays.hashCode(nextSquareOffNs);
        hash = 31 * hash + Arrays.hashCode(dirty);
        hash = 31 * hash + Arrays.deepHashCode(currencies);
        return hash;
    }
}
