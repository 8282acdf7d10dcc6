package io.sluice.engine.parse;

/**
 * How a stop-loss, take-profit or pending entry value is expressed: an absolute price, or a distance from the
 * entry (or current) price in pips or in percent. PineConnector makes this a per-account setting.
 */
public enum ValueUnit
{
    /** An absolute price. */
    PRICE,
    /** A distance in pips from the entry price (pip size from the instrument). */
    PIPS,
    /** A distance in percent of the entry price. */
    PERCENT
}
