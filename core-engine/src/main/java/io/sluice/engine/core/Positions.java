package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.Side;

/**
 * Positions per (account, instrument) with the quantity still working in live orders on each side, and
 * exposure and P&amp;L views marked to the latest prices. Pre-sized arrays; no allocation.
 */
final class Positions
{
    private final Position[][] table;
    private final long[][] pendingBuy;
    private final long[][] pendingSell;
    // Instruments with ids below this may hold positions: the per-account scans stop there, not at the table's capacity.
    private int inUse;
    private final int[][] venueOf;

    Positions(final int accounts, final int instruments)
    {
        table = new Position[accounts][instruments];
        pendingBuy = new long[accounts][instruments];
        pendingSell = new long[accounts][instruments];
        inUse = instruments;
        venueOf = new int[accounts][instruments];
        for (final int[] row : venueOf)
        {
            java.util.Arrays.fill(row, -1);
        }
        for (final Position[] row : table)
        {
            for (int i = 0; i < row.length; i++)
            {
                row[i] = new Position();
            }
        }
    }

    private PositionTickets tickets;

    /** The tickets behind hedging accounts' positions: their exposure counts both sides. */
    void tickets(final PositionTickets tickets)
    {
        this.tickets = tickets;
    }

    // Quantity at risk in one instrument: both sides' tickets on a hedging account, else the net position.
    private long grossQuantity(final int a, final int i)
    {
        if (tickets != null && tickets.hedging(a))
        {
            return tickets.total(a, i, PositionTickets.LONG) + tickets.total(a, i, PositionTickets.SHORT);
        }
        return Math.abs(table[a][i].quantity);
    }

    /** Whether anything is open in the instrument: a net position, or a hedging account's tickets. */
    boolean isOpen(final int a, final int i)
    {
        return grossQuantity(a, i) != 0 || table[a][i].quantity != 0;
    }

    Position get(final int a, final int i)
    {
        return table[a][i];
    }

    long quantity(final int a, final int i)
    {
        return table[a][i].quantity;
    }

    long pendingBuy(final int a, final int i)
    {
        return pendingBuy[a][i];
    }

    long pendingSell(final int a, final int i)
    {
        return pendingSell[a][i];
    }

    /** Add (or with a negative quantity remove) working quantity of live orders. */
    void addPending(final int a, final int i, final Side side, final long quantity)
    {
        if (side == Side.BUY)
        {
            pendingBuy[a][i] = Math.max(0, pendingBuy[a][i] + quantity);
        }
        else
        {
            pendingSell[a][i] = Math.max(0, pendingSell[a][i] + quantity);
        }
    }

    /** The venue of the position's last fill: where closing orders go. */
    void filledAt(final int a, final int i, final int venueId)
    {
        venueOf[a][i] = venueId;
    }

    /** The venue the position was filled at, or -1 when it never had a fill. */
    int venue(final int a, final int i)
    {
        return venueOf[a][i];
    }

    int instruments()
    {
        return inUse;
    }

    /** Ids below this are instruments in use (configured or learned); the rest of the table is spare room. */
    void instrumentsInUse(final int count)
    {
        inUse = count;
    }

    int accounts()
    {
        return table.length;
    }

    int openPositions(final int a)
    {
        int open = 0;
        for (int i = 0; i < inUse; i++)
        {
            open += isOpen(a, i) ? 1 : 0;
        }
        return open;
    }

    boolean isFlat(final int a)
    {
        for (int i = 0; i < inUse; i++)
        {
            if (table[a][i].quantity != 0 || pendingBuy[a][i] != 0 || pendingSell[a][i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    long grossExposure(final int a, final MarketPrices prices, final InstrumentRules rules)
    {
        long gross = 0;
        for (int i = 0; i < inUse; i++)
        {
            final long quantity = grossQuantity(a, i);
            if (quantity != 0)
            {
                gross += Fixed.multiply(Fixed.multiply(quantity, markOf(i, table[a][i], prices)), rules.contractSize(i));
            }
        }
        return gross;
    }

    long netExposure(final int a, final MarketPrices prices, final InstrumentRules rules)
    {
        long net = 0;
        for (int i = 0; i < inUse; i++)
        {
            final long quantity = table[a][i].quantity;
            if (quantity != 0)
            {
                net += Fixed.multiply(Fixed.multiply(quantity, markOf(i, table[a][i], prices)), rules.contractSize(i));
            }
        }
        return net;
    }

    long unrealized(final int a, final MarketPrices prices, final InstrumentRules rules)
    {
        long pnl = 0;
        for (int i = 0; i < inUse; i++)
        {
            final Position position = table[a][i];
            if (position.quantity != 0)
            {
                final long mark = prices.mark(i);
                if (mark != Fixed.NULL)
                {
                    pnl += Fixed.multiply(Fixed.multiply(mark - position.avgPrice, position.quantity), rules.contractSize(i));
                }
            }
        }
        return pnl;
    }

    long realized(final int a)
    {
        long realized = 0;
        for (int i = 0; i < inUse; i++)
        {
            realized += table[a][i].realizedPnl;
        }
        return realized;
    }

    private static long markOf(final int i, final Position position, final MarketPrices prices)
    {
        final long mark = prices.mark(i);
        return mark != Fixed.NULL ? mark : position.avgPrice;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(inUse).putInt(table.length);
        for (int a = 0; a < table.length; a++)
        {
            out.putLongs(pendingBuy[a]).putLongs(pendingSell[a]).putInts(venueOf[a]).putInt(table[a].length);
            for (final Position position : table[a])
            {
                position.writeState(out);
            }
        }
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        inUse = in.getInt();
        if (in.getInt() != table.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("positions of another number of accounts");
        }
        for (int a = 0; a < table.length; a++)
        {
            in.getLongs(pendingBuy[a]);
            in.getLongs(pendingSell[a]);
            in.getInts(venueOf[a]);
            if (in.getInt() != table[a].length)
            {
                throw new io.sluice.engine.snapshot.SnapshotException("positions of another number of instruments");
            }
            for (final Position position : table[a])
            {
                position.readState(in);
            }
        }
    }

    long stateHash()
    {
        long hash = (java.util.Arrays.deepHashCode(pendingBuy) * 31L + java.util.Arrays.deepHashCode(pendingSell)) * 31L + inUse;
        hash = 31 * hash + java.util.Arrays.deepHashCode(venueOf);
        for (final Position[] row : table)
        {
            for (final Position position : row)
            {
                hash = 31 * hash + position.stateHash();
            }
        }
        return hash;
    }
}
