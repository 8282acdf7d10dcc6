package io.sluice.engine.parse;

import org.agrona.DirectBuffer;

/**
 * Parses one message body of one format into a {@link ParsedSignal}. Implementations are single-threaded,
 * reusable and never throw for any input: every body gets an outcome in {@code out}.
 */
public interface SignalParser
{
    /**
     * Parse one body.
     *
     * @param body   buffer holding the body (e.g. the ring slot's RawSignal body).
     * @param offset first byte.
     * @param length body length.
     * @param ctx    the source's settings.
     * @param out    reset and filled: a kind and legs, or a refusal.
     * @return true when parsed (any kind, including NOT_A_SIGNAL), false when refused (see {@link ParsedSignal#rejectReason()}).
     */
    boolean parse(DirectBuffer body, int offset, int length, ParseContext ctx, ParsedSignal out);
}
