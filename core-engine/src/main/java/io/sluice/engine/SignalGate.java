package io.sluice.engine;

/**
 * Holds new signals back (in the ingress agent, not yet journaled) while the core reconciles in-doubt orders
 * with a venue, so they wait instead of being refused; operator commands and reports keep flowing, so the
 * kill switch works and the answers arrive. Written by the core stage after each frame, read by the ingress
 * agent. Bounded by the core's reconciliation timeout in event time.
 */
final class SignalGate
{
    private volatile boolean holding;

    SignalGate(final boolean holding)
    {
        this.holding = holding;
    }

    void hold(final boolean hold)
    {
        if (holding != hold)
        {
            holding = hold;
        }
    }

    boolean holding()
    {
        return holding;
    }
}
