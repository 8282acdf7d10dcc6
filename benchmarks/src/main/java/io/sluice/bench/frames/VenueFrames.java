package io.sluice.bench.frames;

import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a venue gateway sends the engine, encoded with the real SBE encoders: heartbeat, a quote, and a fill
 * template whose order id and side are rewritten in place per order (allocation free), so benchmarks can
 * settle every order they place and the engine's live-order pool never fills.
 */
public final class VenueFrames
{
    /** Venue of every benchmark order. */
    public static final String VENUE = "paper";
    /** Bid of the benchmark quote: 64,990. */
    public static final long BID = Fixed.of(64_990);
    /** Ask of the benchmark quote: 65,010. */
    public static final long ASK = Fixed.of(65_010);

    private static final int REPORT_AT = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer fill = new UnsafeBuffer(new byte[512]);
    private final int fillLength;

    /**
     * Encode the fill template once.
     */
    public VenueFrames()
    {
        final ExecutionReportEncoder report = new ExecutionReportEncoder().wrapAndApplyHeader(fill, 0, header)
            .clientOrderId("")
            .venueOrderId("P1")
            .account(SignalFrame.ACCOUNT)
            .venue(VENUE)
            .symbol(SignalFrame.SYMBOL)
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.FILLED)
            .side(Side.BUY)
            .lastQty(Fixed.parse("0.1"))
            .lastPrice(ASK)
            .cumQty(Fixed.parse("0.1"))
            .leavesQty(0)
            .avgPrice(ASK)
            .transactTimeNs(0)
            .tradeId("")
            .commission(Fixed.NULL)
            .commissionAsset("")
            .text("");
        fillLength = MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
    }

    /**
     * Encode a GatewayStatus UP heartbeat.
     *
     * @param buffer      destination.
     * @param nowNs       epoch nanoseconds.
     * @return frame length.
     */
    public int gatewayUp(final UnsafeBuffer buffer, final long nowNs)
    {
        final GatewayStatusEncoder status = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(VENUE)
            .state(GatewayState.UP)
            .timestampNs(nowNs)
            .detail("");
        return MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength();
    }

    /**
     * Encode the benchmark quote for the benchmark symbol.
     *
     * @param buffer destination.
     * @param nowNs  epoch nanoseconds.
     * @return frame length.
     */
    public int quote(final UnsafeBuffer buffer, final long nowNs)
    {
        final MarketDataEncoder quote = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venue(VENUE)
            .symbol(SignalFrame.SYMBOL)
            .bid(BID)
            .ask(ASK)
            .last(Fixed.of(65_000))
            .timestampNs(nowNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
    }

    /**
     * Rewrite the fill template as the full fill of a NewOrder.
     *
     * @param newOrder buffer holding the NewOrder.
     * @param offset   of its message header.
     * @return the fill frame, valid until the next call.
     */
    public UnsafeBuffer fillOf(final DirectBuffer newOrder, final int offset)
    {
        final int orderAt = offset + MessageHeaderEncoder.ENCODED_LENGTH;
        fill.putBytes(REPORT_AT + ExecutionReportEncoder.clientOrderIdEncodingOffset(),
            newOrder, orderAt + NewOrderDecoder.clientOrderIdEncodingOffset(), ExecutionReportEncoder.clientOrderIdLength());
        fill.putBytes(REPORT_AT + ExecutionReportEncoder.tradeIdEncodingOffset(),
            newOrder, orderAt + NewOrderDecoder.clientOrderIdEncodingOffset(), ExecutionReportEncoder.clientOrderIdLength());
        fill.putByte(REPORT_AT + ExecutionReportEncoder.sideEncodingOffset(),
            newOrder.getByte(orderAt + NewOrderDecoder.sideEncodingOffset()));
        final long quantity = newOrder.getLong(orderAt + NewOrderDecoder.quantityEncodingOffset(), NewOrderDecoder.BYTE_ORDER);
        fill.putLong(REPORT_AT + ExecutionReportEncoder.lastQtyEncodingOffset(), quantity, ExecutionReportEncoder.BYTE_ORDER);
        fill.putLong(REPORT_AT + ExecutionReportEncoder.cumQtyEncodingOffset(), quantity, ExecutionReportEncoder.BYTE_ORDER);
        return fill;
    }

    /**
     * Rewrite the fill template as the fill of 0.1 of the order with this key.
     *
     * @param orderKey client order key (see {@link ClientOrderIds}).
     * @param side     side of the order.
     * @return the fill frame, valid until the next call.
     */
    public UnsafeBuffer fillOf(final long orderKey, final Side side)
    {
        ClientOrderIds.put(orderKey, fill, REPORT_AT + ExecutionReportEncoder.clientOrderIdEncodingOffset());
        ClientOrderIds.put(orderKey, fill, REPORT_AT + ExecutionReportEncoder.tradeIdEncodingOffset());
        fill.putByte(REPORT_AT + ExecutionReportEncoder.sideEncodingOffset(), (byte)side.value());
        return fill;
    }

    public int fillLength()
    {
        return fillLength;
    }
}
