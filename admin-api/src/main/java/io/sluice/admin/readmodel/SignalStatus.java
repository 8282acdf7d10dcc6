package io.sluice.admin.readmodel;

/**
 * Where a signal is on its way: accepted at the edge, journaled by the engine, turned into orders, or refused.
 */
public enum SignalStatus
{
    /** Accepted by the API and published; the engine has not journaled it yet. */
    PENDING,
    /** Journaled by the engine as an input. */
    RECEIVED,
    /** At least one order was created from it. */
    ORDERED,
    /** The engine refused it (or one of its orders). */
    REJECTED
}
