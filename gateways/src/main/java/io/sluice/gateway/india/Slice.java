package io.sluice.gateway.india;

/**
 * One broker order of a Sluice order: the whole order, or one freeze-quantity slice of it, identified at the broker
 * by its own tag (the client order id, plus {@code S01}, {@code S02}, ... when sliced).
 */
final class Slice
{
    /** Where a slice stands at the broker. */
    enum State
    {
        /** Not sent yet (a later slice waits for the one before it). */
        NOT_SENT,
        /** Place in flight. */
        PLACING,
        /** The place's outcome is unknown (timeout, dropped answer, 5xx): being resolved by tag; never resent. */
        UNKNOWN,
        /** At the broker and working (or done, per {@link #status}). */
        PLACED,
        /** Never placed: refused by the broker, or proven absent after an unknown outcome. */
        FAILED
    }

    final int index;
    final String tag;
    long quantity;
    String variety = "";
    long unknownSinceNs;
    State state = State.NOT_SENT;
    BrokerStatus status = BrokerStatus.LIVE;
    String orderId;
    long filledQty;
    long avgPrice;
    String message = "";
    int misses;
    long nextLookupNs;
    boolean lookupInFlight;
    boolean cancelSent;

    Slice(final int index, final String tag, final long quantity)
    {
        this.index = index;
        this.tag = tag;
        this.quantity = quantity;
    }

    /**
     * Whether nothing more will happen to this slice.
     */
    boolean isDone()
    {
        return state == State.FAILED || (state == State.PLACED && status.isTerminal());
    }

    boolean isWorking()
    {
        return state == State.PLACED && !status.isTerminal();
    }
}
