package io.sluice.protocol;

/**
 * Names and defaults of the Aeron streams between processes. Each is a (channel, stream id) pair
 * that configuration can override: IPC on one host, UDP when a gateway lives elsewhere.
 */
public final class Streams
{
    /** Default channel: IPC with terms large enough for a 16 KiB signal without fragmentation pressure. */
    public static final String DEFAULT_CHANNEL = "aeron:ipc?term-length=4m";
    /** Signals and operator commands into the engine. */
    public static final int INGRESS_STREAM_ID = 1001;
    /** Execution reports, market data and gateway status into the engine. */
    public static final int REPORTS_STREAM_ID = 1002;
    /** Base of the per-venue order streams; the venue's index is added. */
    public static final int ORDERS_STREAM_ID_BASE = 2000;

    /** Venues known to the protocol, in the order of their default stream ids. */
    private static final String[] KNOWN_VENUES = { "paper", "binance", "binance-futures", "mt5", "kite", "angel", "upstox", "dhan" };

    private Streams()
    {
    }

    /**
     * Default stream id of {@code orders.<venue>}.
     *
     * @param venue venue name.
     * @return its stream id.
     */
    public static int defaultOrdersStreamId(final String venue)
    {
        for (int i = 0; i < KNOWN_VENUES.length; i++)
        {
            if (KNOWN_VENUES[i].equals(venue))
            {
                return ORDERS_STREAM_ID_BASE + 1 + i;
            }
        }
        return ORDERS_STREAM_ID_BASE + 100 + Math.floorMod(venue.hashCode(), 800);
    }

    /**
     * Channel of a named stream from settings ({@code sluice.stream.<name>.channel}), default IPC.
     *
     * @param settings configuration.
     * @param name     stream name, e.g. "ingress" or "orders.paper".
     * @return the channel URI.
     */
    public static String channel(final Settings settings, final String name)
    {
        return settings.get("sluice.stream." + name + ".channel", DEFAULT_CHANNEL);
    }

    /**
     * Stream id of a named stream from settings ({@code sluice.stream.<name>.id}).
     *
     * @param settings  configuration.
     * @param name      stream name.
     * @param defaultId default id.
     * @return the stream id.
     */
    public static int streamId(final Settings settings, final String name, final int defaultId)
    {
        return settings.getInt("sluice.stream." + name + ".id", defaultId);
    }

    /**
     * Stream id of {@code orders.<venue>}.
     *
     * @param settings configuration.
     * @param venue    venue name.
     * @return its stream id.
     */
    public static int ordersStreamId(final Settings settings, final String venue)
    {
        return streamId(settings, "orders." + venue, defaultOrdersStreamId(venue));
    }
}
