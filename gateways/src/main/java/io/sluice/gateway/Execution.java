package io.sluice.gateway;

import io.sluice.sbe.ExecType;
import io.sluice.sbe.OrdStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The content of one ExecutionReport, filled by a venue and encoded by {@link ReportPublisher#executionReport}.
 * A venue keeps one instance and refills it per report, so reporting never allocates; named setters keep the
 * five fixed-point quantities from being swapped by accident.
 */
public final class Execution
{
    /** Largest text kept; longer text is cut. */
    public static final int MAX_TEXT_LENGTH = 1024;

    private final OrderIdentity order = new OrderIdentity();
    private final UnsafeBuffer text = new UnsafeBuffer(new byte[MAX_TEXT_LENGTH]);
    private int textLength;
    private ExecType execType = ExecType.NULL_VAL;
    private OrdStatus ordStatus = OrdStatus.NULL_VAL;
    private long lastQty;
    private long lastPrice;
    private long cumQty;
    private long leavesQty;
    private long avgPrice;
    private final AsciiField tradeId = new AsciiField(io.sluice.sbe.ExecutionReportEncoder.tradeIdLength());
    private long commission = io.sluice.protocol.Fixed.NULL;
    private final AsciiField commissionAsset = new AsciiField(io.sluice.sbe.ExecutionReportEncoder.commissionAssetLength());

    /**
     * Start a new report about an order: copies its identity and clears every other field.
     *
     * @param identity the order reported on.
     * @return this for a fluent API.
     */
    public Execution reset(final OrderIdentity identity)
    {
        order.set(identity);
        execType = ExecType.NULL_VAL;
        ordStatus = OrdStatus.NULL_VAL;
        lastQty = 0;
        lastPrice = 0;
        cumQty = 0;
        leavesQty = 0;
        avgPrice = 0;
        textLength = 0;
        tradeId.clear();
        commission = io.sluice.protocol.Fixed.NULL;
        commissionAsset.clear();
        return this;
    }

    /**
     * Identity copied into the report; may be adjusted after {@link #reset}.
     *
     * @return the identity.
     */
    public OrderIdentity order()
    {
        return order;
    }

    /**
     * Venue trade id of a TRADE (the engine and the venue's duplicate handling rely on it); empty otherwise.
     *
     * @return the field to set.
     */
    public AsciiField tradeId()
    {
        return tradeId;
    }

    /** Commission charged for this fill, fixed point, or {@link io.sluice.protocol.Fixed#NULL}. */
    public Execution commission(final long commission)
    {
        this.commission = commission;
        return this;
    }

    public long commission()
    {
        return commission;
    }

    /**
     * Asset the commission was charged in, e.g. "BNB" or "INR"; empty when unknown.
     *
     * @return the field to set.
     */
    public AsciiField commissionAsset()
    {
        return commissionAsset;
    }

    /** Kind of report (NEW, TRADE, CANCELED, ...). */
    public Execution execType(final ExecType execType)
    {
        this.execType = execType;
        return this;
    }

    /** Kind of report. */
    public ExecType execType()
    {
        return execType;
    }

    /** Status of the order after this event. */
    public Execution ordStatus(final OrdStatus ordStatus)
    {
        this.ordStatus = ordStatus;
        return this;
    }

    /** Status of the order after this event. */
    public OrdStatus ordStatus()
    {
        return ordStatus;
    }

    /** Quantity of this fill, fixed point (0 when not a fill). */
    public Execution lastQty(final long lastQty)
    {
        this.lastQty = lastQty;
        return this;
    }

    /** Quantity of this fill, fixed point. */
    public long lastQty()
    {
        return lastQty;
    }

    /** Price of this fill, fixed point (0 when not a fill). */
    public Execution lastPrice(final long lastPrice)
    {
        this.lastPrice = lastPrice;
        return this;
    }

    /** Price of this fill, fixed point. */
    public long lastPrice()
    {
        return lastPrice;
    }

    /** Total quantity filled so far, fixed point. */
    public Execution cumQty(final long cumQty)
    {
        this.cumQty = cumQty;
        return this;
    }

    /** Total quantity filled so far, fixed point. */
    public long cumQty()
    {
        return cumQty;
    }

    /** Quantity still open at the venue, fixed point. */
    public Execution leavesQty(final long leavesQty)
    {
        this.leavesQty = leavesQty;
        return this;
    }

    /** Quantity still open at the venue, fixed point. */
    public long leavesQty()
    {
        return leavesQty;
    }

    /** Average price of all fills, fixed point. */
    public Execution avgPrice(final long avgPrice)
    {
        this.avgPrice = avgPrice;
        return this;
    }

    /** Average price of all fills, fixed point. */
    public long avgPrice()
    {
        return avgPrice;
    }

    /**
     * Replace the text with ASCII characters.
     *
     * @param value text, cut to {@link #MAX_TEXT_LENGTH}.
     * @return this for a fluent API.
     */
    public Execution text(final CharSequence value)
    {
        textLength = 0;
        return appendText(value);
    }

    /**
     * Append ASCII characters to the text.
     *
     * @param value text, cut to {@link #MAX_TEXT_LENGTH} in total.
     * @return this for a fluent API.
     */
    public Execution appendText(final CharSequence value)
    {
        final int length = Math.min(value.length(), MAX_TEXT_LENGTH - textLength);
        textLength += text.putStringWithoutLengthAscii(textLength, value, 0, length);
        return this;
    }

    /**
     * Append a field's content to the text.
     *
     * @param value field, e.g. a symbol or client order id.
     * @return this for a fluent API.
     */
    public Execution appendText(final AsciiField value)
    {
        final int length = Math.min(value.length(), MAX_TEXT_LENGTH - textLength);
        text.putBytes(textLength, value.buffer(), 0, length);
        textLength += length;
        return this;
    }

    /**
     * Buffer holding the text from index 0.
     *
     * @return the buffer; read {@link #textLength()} bytes.
     */
    public DirectBuffer textBuffer()
    {
        return text;
    }

    /**
     * Bytes of text.
     *
     * @return text length.
     */
    public int textLength()
    {
        return textLength;
    }

    public String toString()
    {
        return "Execution{" + order + ", execType=" + execType + ", ordStatus=" + ordStatus + ", lastQty=" + lastQty +
            ", lastPrice=" + lastPrice + ", cumQty=" + cumQty + ", leavesQty=" + leavesQty + ", avgPrice=" + avgPrice +
            ", text=" + text.getStringWithoutLengthAscii(0, textLength) + '}';
    }
}
