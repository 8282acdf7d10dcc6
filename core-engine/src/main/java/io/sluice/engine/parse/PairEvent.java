package io.sluice.engine.parse;

/**
 * Event of a hedge-pair signal.
 */
public enum PairEvent
{
    /** Not a hedge pair. */
    NONE,
    /** Open the pair: the long (hedge) leg first, then the short leg. */
    ENTRY,
    /** Close the pair: buy back the short leg first, then sell the long leg. */
    EXIT
}
