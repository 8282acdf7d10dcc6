package io.sluice.gateway.india;

import java.util.Locale;

/**
 * A broker's order status reduced to what Sluice reports: still working, or one of the terminal outcomes.
 */
public enum BrokerStatus
{
    /** Accepted and working (open, trigger pending, validation pending, transit, partly traded, ...). */
    LIVE,
    /** Completely executed. */
    FILLED,
    /** Cancelled (by the user, or the unfilled rest of an IOC). */
    CANCELED,
    /** Rejected by the broker's RMS or the exchange. */
    REJECTED,
    /** Validity ran out. */
    EXPIRED;

    /**
     * Map a broker's status text (Kite "COMPLETE", Angel "complete", Upstox "cancelled", Dhan "TRADED", ...).
     *
     * @param text the broker's status.
     * @return the reduced status; unknown texts are LIVE (the order book will say more later).
     */
    public static BrokerStatus of(final String text)
    {
        final String status = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('_', ' ');
        switch (status)
        {
            case "COMPLETE":
            case "TRADED":
            case "FILLED":
                return FILLED;
            case "CANCELLED":
            case "CANCELED":
            case "CANCELLED AMO":
                return CANCELED;
            case "REJECTED":
                return REJECTED;
            case "EXPIRED":
            case "LAPSED":
                return EXPIRED;
            default:
                return LIVE;
        }
    }

    /**
     * Whether the order will not change any more.
     *
     * @return true for every status but LIVE.
     */
    public boolean isTerminal()
    {
        return this != LIVE;
    }
}
