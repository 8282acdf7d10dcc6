package io.sluice.journal;

import io.sluice.sbe.RejectReason;

/**
 * The stage of the engine's signal pipeline (parse → lookup → dedup → risk) that refuses with each
 * {@link RejectReason}, so a refusal can be explained as "passed these stages, stopped at that one".
 */
public final class RejectGates
{
    /** Decoding the signal: unparseable, an invalid field, not a signal. */
    public static final String PARSE = "parse";
    /** Resolving account, symbol and venue against the configuration. */
    public static final String LOOKUP = "lookup";
    /** The duplicate filter. */
    public static final String DEDUP = "dedup";
    /**
     * Pre-trade risk and routing gates: kill switch, limits, reference price, gateway state, order capacity, and
     * every other refusal after the duplicate filter.
     */
    public static final String RISK = "risk";
    /** The engine failed to process the input. */
    public static final String ENGINE = "engine";

    private RejectGates()
    {
    }

    /**
     * The stage refusing with a reason.
     *
     * @param reason reject reason, may be null or NULL_VAL.
     * @return one of the stage names above.
     */
    public static String gate(final RejectReason reason)
    {
        if (reason == null || "NULL_VAL".equals(reason.name()))
        {
            return ENGINE;
        }
        // By name, so reasons added in later schema versions (all of them pre-trade gates) classify as risk.
        switch (reason.name())
        {
            case "UNPARSEABLE":
            case "INVALID_FIELD":
            case "NOT_A_SIGNAL":
            case "AUTH_FAILED":
                return PARSE;
            case "UNKNOWN_ACCOUNT":
            case "UNKNOWN_SYMBOL":
            case "UNKNOWN_VENUE":
                return LOOKUP;
            case "DUPLICATE":
                return DEDUP;
            case "ENGINE_ERROR":
                return ENGINE;
            default:
                return RISK;
        }
    }

    /**
     * Position of a stage in the pipeline, to tell which stages a refused signal passed.
     *
     * @param gate stage name.
     * @return 0 parse, 1 lookup, 2 dedup, 3 risk, 4 engine.
     */
    public static int order(final String gate)
    {
        switch (gate)
        {
            case PARSE:
                return 0;
            case LOOKUP:
                return 1;
            case DEDUP:
                return 2;
            case RISK:
                return 3;
            default:
                return 4;
        }
    }
}
