package io.sluice.journal;

/**
 * Orders the engine makes on its own rather than for a signal — flattening on an operator's command, the daily
 * square-off — carry a signal id of their own kind, so readers of the journal can tell them apart.
 */
public final class EngineOrders
{
    /** Signal id prefix of orders closing positions on a FLATTEN command. */
    public static final String FLATTEN_PREFIX = "flatten-";
    /** Signal id prefix of orders closing intraday positions at the session's square-off time. */
    public static final String SQUARE_OFF_PREFIX = "squareoff";

    private EngineOrders()
    {
    }

    /**
     * Whether an order's signal id says the engine made it on its own.
     *
     * @param signalId the NewOrder's signal id, may be null.
     * @return true for flatten and square-off orders.
     */
    public static boolean isEngineMade(final String signalId)
    {
        return signalId != null && (signalId.startsWith(FLATTEN_PREFIX) || signalId.startsWith(SQUARE_OFF_PREFIX));
    }
}
