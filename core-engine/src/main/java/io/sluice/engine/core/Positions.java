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
    private final long[][] openingOrder;
    private final int[][] venueOf;

    Positions(final int accounts, final int instruments)
    {
        table = new Position[accounts][instruments];
        pendingBuy = new long[accounts][instruments];
        pendingSell = new long[accounts][instruments];
        openingOrder = new long[accounts][instruments];
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

    /** Remember the order whose fill opened or added to the position (the one SL/TP amends address). */
    void openedBy(final int a, final int i, final long orderKey)
    {
        openingOrder[a][i] = orderKey;
    }

    /** The order that last opened or added to the position, or 0. */
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

    long openingOrder(final int a, final int i)
    {
        return table[a][i].quantity == 0 ? 0 : openingOrder[a][i];
    }

    int instruments()
    {
        return table.length == 0 ? 0 : table[0].length;
    }

    int accounts()
    {
        return table.length;
    }

    int openPositions(final int a)
    {
        int open = 0;
        for (final Position position : table[a])
        {
            open += position.quantity != 0 ? 1 : 0;
        }
        return open;
    }

    boolean isFlat(final int a)
    {
        for (int i = 0; i < table[a].length; i++)
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
        for (int i = 0; i < table[a].length; i++)
        {
            final long quantity = table[a][i].quantity;
            if (quantity != 0)
            {
                gross += Fixed.multiply(Fixed.multiply(Math.abs(quantity), markOf(i, table[a][i], prices)), rules.contractSize(i));
            }
        }
        return gross;
    }

    long netExposure(final int a, final MarketPrices prices, final InstrumentRules rules)
    {
        long net = 0;
        for (int i = 0; i < table[a].length; i++)
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
        for (int i = 0; i < table[a].length; i++)
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
        for (final Position position : table[a])
        {
            realized += position.realizedPnl;
        }
        return realized;
    }

    private static long markOf(final int i, final Position position, final MarketPrices prices)
    {
        final long mark = prices.mark(i);
        return mark != Fixed.NULL ? mark : position.avgPrice;
    }

    long stateHash()
    {
        long hash = java.util.Arrays.deepHashCode(pendingBuy) * 31L + java.util.Arrays.deepHashCode(pendingSell);
        hash = 31 * hash + java.util.Arrays.deepHashCode(openingOrder);
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
