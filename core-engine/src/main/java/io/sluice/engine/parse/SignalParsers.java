package io.sluice.engine.parse;

import io.sluice.sbe.RejectReason;
import io.sluice.sbe.SignalFormat;
import org.agrona.DirectBuffer;

/**
 * One parser per signal format, chosen by the RawSignal's format: the entry point of the engine's parse stage.
 * <p>
 * After a parser classifies a message, the source's allowed kinds are applied: a kind the source may not
 * send is refused NOT_A_SIGNAL, so e.g. a channel allowed only new trades can never close positions.
 * No parser throws; as a last line of defence an unexpected exception becomes an UNPARSEABLE refusal.
 */
public final class SignalParsers
{
    private static final String[] NOT_ALLOWED = {
        "this source may not send new trades",
        "this source may not send management messages",
        "this source may not send modifications",
        "this source may not send cancellations",
        "not a signal"
    };

    private final CanonicalJsonParser canonical = new CanonicalJsonParser();
    private final TradingViewJsonParser tradingView = new TradingViewJsonParser();
    private final OpenAlgoJsonParser openAlgo = new OpenAlgoJsonParser();
    private final PineConnectorParser pineConnector = new PineConnectorParser();
    private final HedgePairJsonParser hedgePair = new HedgePairJsonParser();
    private final FreeTextParser freeText = new FreeTextParser();

    /**
     * Parse one body of a given format.
     *
     * @param format the RawSignal's format.
     * @param body   buffer holding the body.
     * @param offset first byte.
     * @param length body length.
     * @param ctx    the source's settings.
     * @param out    reset and filled.
     * @return true when parsed (including NOT_A_SIGNAL), false when refused.
     */
    public boolean parse(
        final SignalFormat format, final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        final SignalParser parser = parser(format);
        if (parser == null)
        {
            out.reset();
            return out.fail(RejectReason.UNPARSEABLE, null, "unknown signal format");
        }
        try
        {
            if (!parser.parse(body, offset, length, ctx, out))
            {
                return false;
            }
        }
        catch (final RuntimeException ex)
        {
            out.reset();
            return out.fail(RejectReason.UNPARSEABLE, null, "the parser could not read this body");
        }
        final MessageKind kind = out.kind();
        if (kind != MessageKind.NOT_A_SIGNAL && !ctx.allows(kind))
        {
            return out.fail(RejectReason.NOT_A_SIGNAL, null, NOT_ALLOWED[kind.ordinal()]);
        }
        return true;
    }

    /**
     * The parser of a format.
     *
     * @param format the format.
     * @return the parser, or null for an unknown format.
     */
    public SignalParser parser(final SignalFormat format)
    {
        if (format == null)
        {
            return null;
        }
        switch (format)
        {
            case CANONICAL_JSON:
                return canonical;
            case TRADINGVIEW_JSON:
                return tradingView;
            case OPENALGO_JSON:
                return openAlgo;
            case PINECONNECTOR:
                return pineConnector;
            case HEDGE_PAIR_JSON:
                return hedgePair;
            case FREE_TEXT:
                return freeText;
            default:
                return null;
        }
    }

    /**
     * The format a TradingView webhook body is in: a JSON object, a PineConnector alert, or free text. The
     * admin API decides the same way before publishing.
     *
     * @param body   buffer.
     * @param offset first byte.
     * @param length body length.
     * @return TRADINGVIEW_JSON, PINECONNECTOR or FREE_TEXT.
     */
    public SignalFormat tradingViewFormat(final DirectBuffer body, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end && (body.getByte(i) == ' ' || body.getByte(i) == '\t' || body.getByte(i) == '\r' || body.getByte(i) == '\n'))
        {
            i++;
        }
        if (i < end && body.getByte(i) == '{')
        {
            return SignalFormat.TRADINGVIEW_JSON;
        }
        return pineConnector.looksLikePineConnector(body, offset, length) ? SignalFormat.PINECONNECTOR : SignalFormat.FREE_TEXT;
    }
}
