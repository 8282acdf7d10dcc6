package io.sluice.gateway;

import io.sluice.gateway.india.IndiaVenue;
import io.sluice.gateway.mt5.Mt5Venue;
import io.sluice.gateway.binance.BinanceMarket;
import io.sluice.gateway.binance.BinanceVenue;
import io.sluice.gateway.paper.PaperVenue;

import java.util.List;

/**
 * The venues a gateway can serve, chosen by name.
 */
public final class Venues
{
    /** The paper venue: simulated prices and fills, no external connection. */
    public static final String PAPER = "paper";
    /** MetaTrader 5 accounts through the SluiceBridge Expert Advisor. */
    public static final String MT5 = "mt5";

    /** Zerodha Kite Connect v3. */
    public static final String KITE = "kite";
    /** Angel One SmartAPI. */
    public static final String ANGEL = "angel";
    /** Upstox API v2. */
    public static final String UPSTOX = "upstox";
    /** Dhan API v2. */
    public static final String DHAN = "dhan";

    /** Binance spot. */
    public static final String BINANCE = "binance";
    /** Binance USD-M futures. */
    public static final String BINANCE_FUTURES = "binance-futures";

    private static final List<String> NAMES = List.of(PAPER, BINANCE, BINANCE_FUTURES, MT5, KITE, ANGEL, UPSTOX, DHAN);

    private Venues()
    {
    }

    /**
     * Names of the venues this build can serve.
     *
     * @return venue names.
     */
    public static List<String> names()
    {
        return NAMES;
    }

    /**
     * Whether a venue name is served by this build.
     *
     * @param name venue name.
     * @return true when {@link #create} accepts it.
     */
    public static boolean isKnown(final String name)
    {
        return NAMES.contains(name);
    }

    /**
     * Create the venue a concluded context names.
     *
     * @param context concluded gateway context.
     * @return a new venue adapter.
     * @throws IllegalArgumentException for an unknown venue, listing the known ones.
     */
    public static Venue create(final GatewayContext context)
    {
        final String name = context.venueName();
        if (PAPER.equals(name))
        {
            return new PaperVenue(name, context.settings());
        }
        if (MT5.equals(name))
        {
            return new Mt5Venue(name, context.settings());
        }
        if (KITE.equals(name) || ANGEL.equals(name) || UPSTOX.equals(name) || DHAN.equals(name))
        {
            return IndiaVenue.create(name, context.settings());
        }
        if (BINANCE.equals(name) || BINANCE_FUTURES.equals(name))
        {
            return new BinanceVenue(name, BINANCE.equals(name) ? BinanceMarket.SPOT : BinanceMarket.USDM, context.settings());
        }
        throw new IllegalArgumentException("unknown venue '" + name + "'; known venues: " + NAMES);
    }
}
