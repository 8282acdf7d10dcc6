package io.sluice.engine.parse;

import io.sluice.sbe.RejectReason;

/**
 * The result of parsing one message: pre-allocated, mutable, reused for every message on the parse stage.
 * <p>
 * Either a classification ({@link #kind()}) with up to {@link #MAX_LEGS} legs in routing order, or a refusal
 * ({@link #rejectReason()} with the offending field and a readable detail). Fields a rule completed are listed
 * with the rule and its confidence; {@link #confidence()} is the lowest of them (100 when nothing was
 * completed), for the engine to compare with the account's approval threshold.
 * <p>
 * Legs are in the order they must be routed: for hedge pairs and options multi-leg orders every BUY leg comes
 * before every SELL leg, so margin is never exposed.
 */
public final class ParsedSignal
{
    /** Most legs of one message (basket orders, multi-signal messages). */
    public static final int MAX_LEGS = 16;
    /** Most completions recorded per message. */
    public static final int MAX_COMPLETIONS = 4 * MAX_LEGS;
    /** Confidence of a message nothing had to be completed for. */
    public static final int FULL_CONFIDENCE = 100;

    private final ParsedLeg[] legs = new ParsedLeg[MAX_LEGS];
    private final AsciiSlot id = new AsciiSlot(64);
    private final AsciiSlot account = new AsciiSlot(16);
    private final AsciiSlot strategy = new AsciiSlot(64);
    private final AsciiSlot orderRef = new AsciiSlot(64);
    private final AsciiSlot timeRef = new AsciiSlot(40);
    private final AsciiSlot pairId = new AsciiSlot(64);
    private final CompletedField[] completionFields = new CompletedField[MAX_COMPLETIONS];
    private final CompletionRule[] completionRules = new CompletionRule[MAX_COMPLETIONS];
    private final int[] completionConfidences = new int[MAX_COMPLETIONS];
    private final int[] completionLegs = new int[MAX_COMPLETIONS];

    MessageKind kind;
    PairEvent pairEvent;
    boolean refersToPrevious;
    int legCount;
    int completionCount;
    RejectReason rejectReason;
    String errorField;
    String errorDetail;

    /**
     * An empty result.
     */
    public ParsedSignal()
    {
        for (int i = 0; i < MAX_LEGS; i++)
        {
            legs[i] = new ParsedLeg();
        }
        reset();
    }

    /**
     * Clear everything for the next message (legs are reset as they are added).
     */
    public void reset()
    {
        kind = null;
        pairEvent = PairEvent.NONE;
        refersToPrevious = false;
        legCount = 0;
        completionCount = 0;
        rejectReason = null;
        errorField = null;
        errorDetail = null;
        id.clear();
        account.clear();
        strategy.clear();
        orderRef.clear();
        timeRef.clear();
        pairId.clear();
    }

    ParsedLeg addLeg()
    {
        if (legCount >= MAX_LEGS)
        {
            return null;
        }
        final ParsedLeg leg = legs[legCount++];
        leg.reset();
        return leg;
    }

    void removeLastLeg()
    {
        if (legCount > 0)
        {
            legCount--;
        }
    }

    /**
     * Reorder legs so that every BUY leg precedes every SELL leg, keeping the given order within each side
     * (stable, in place, no allocation).
     */
    void buyLegsFirst()
    {
        // Insertion sort by side: at most MAX_LEGS legs, stable.
        for (int i = 1; i < legCount; i++)
        {
            int j = i;
            while (j > 0 && rank(legs[j - 1]) > rank(legs[j]))
            {
                final ParsedLeg tmp = legs[j - 1];
                legs[j - 1] = legs[j];
                legs[j] = tmp;
                j--;
            }
        }
    }

    private static int rank(final ParsedLeg leg)
    {
        return leg.side == io.sluice.sbe.Side.SELL ? 1 : 0;
    }

    boolean complete(final int legIndex, final CompletedField field, final CompletionRule rule, final int confidence)
    {
        if (completionCount >= MAX_COMPLETIONS)
        {
            return false;
        }
        completionFields[completionCount] = field;
        completionRules[completionCount] = rule;
        completionConfidences[completionCount] = confidence;
        completionLegs[completionCount] = legIndex;
        completionCount++;
        return true;
    }

    boolean notASignal(final String why)
    {
        kind = MessageKind.NOT_A_SIGNAL;
        errorDetail = why;
        return true;
    }

    boolean fail(final RejectReason reason, final String field, final String detail)
    {
        rejectReason = reason;
        errorField = field;
        errorDetail = detail;
        return false;
    }

    /** @return true when parsed (any kind, including NOT_A_SIGNAL); false when refused. */
    public boolean isParsed()
    {
        return rejectReason == null && kind != null;
    }

    /** @return true when the message asks for something that may act (parsed and not NOT_A_SIGNAL). */
    public boolean mayAct()
    {
        return isParsed() && kind != MessageKind.NOT_A_SIGNAL;
    }

    /** @return the classification, or null when refused. */
    public MessageKind kind()
    {
        return kind;
    }

    /** @return why the message was refused, or null. */
    public RejectReason rejectReason()
    {
        return rejectReason;
    }

    /** @return the offending field of a refusal (a constant name), or null. */
    public String errorField()
    {
        return errorField;
    }

    /** @return readable text of a refusal, or why a message is NOT_A_SIGNAL; null otherwise. */
    public String errorDetail()
    {
        return errorDetail;
    }

    /** @return number of legs. */
    public int legCount()
    {
        return legCount;
    }

    /**
     * One leg, in routing order.
     *
     * @param index 0..legCount-1.
     * @return the leg.
     */
    public ParsedLeg leg(final int index)
    {
        return legs[index];
    }

    /** @return the client id the body carried ("id"), empty when none. */
    public AsciiSlot id()
    {
        return id;
    }

    /** @return the account the body named, empty when none (then the source's account applies). */
    public AsciiSlot account()
    {
        return account;
    }

    /** @return the strategy name (OpenAlgo "strategy", TradingView strategy), empty when none. */
    public AsciiSlot strategy()
    {
        return strategy;
    }

    /** @return the strategy's own order id (TradingView {{strategy.order.id}}), empty when none. */
    public AsciiSlot orderRef()
    {
        return orderRef;
    }

    /** @return the alert time the body carried (TradingView {{timenow}}), empty when none. */
    public AsciiSlot timeRef()
    {
        return timeRef;
    }

    /** @return the hedge pair's id, empty when none. */
    public AsciiSlot pairId()
    {
        return pairId;
    }

    /** @return ENTRY or EXIT for hedge pairs, NONE otherwise. */
    public PairEvent pairEvent()
    {
        return pairEvent;
    }

    /** @return true when a management, modification or cancellation names no symbol and so means the previous signal of the source. */
    public boolean refersToPrevious()
    {
        return refersToPrevious;
    }

    /** @return number of completions recorded. */
    public int completionCount()
    {
        return completionCount;
    }

    /**
     * The field of one completion.
     *
     * @param index 0..completionCount-1.
     * @return the field.
     */
    public CompletedField completionField(final int index)
    {
        return completionFields[index];
    }

    /**
     * The rule of one completion.
     *
     * @param index 0..completionCount-1.
     * @return the rule.
     */
    public CompletionRule completionRule(final int index)
    {
        return completionRules[index];
    }

    /**
     * The confidence of one completion, in percent.
     *
     * @param index 0..completionCount-1.
     * @return 0..100.
     */
    public int completionConfidence(final int index)
    {
        return completionConfidences[index];
    }

    /**
     * The leg one completion applies to.
     *
     * @param index 0..completionCount-1.
     * @return the leg index.
     */
    public int completionLeg(final int index)
    {
        return completionLegs[index];
    }

    /** @return the lowest confidence of all completions, {@link #FULL_CONFIDENCE} when there were none. */
    public int confidence()
    {
        int confidence = FULL_CONFIDENCE;
        for (int i = 0; i < completionCount; i++)
        {
            confidence = Math.min(confidence, completionConfidences[i]);
        }
        return confidence;
    }
}
