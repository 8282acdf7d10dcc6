package io.sluice.bench.frames;

import java.nio.charset.StandardCharsets;

import io.sluice.sbe.BooleanType;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A RawSignal frame encoded once, the way admin-api publishes a canonical JSON market order, whose signal id
 * and side are then rewritten in place for each signal: load generators and benchmarks send unique signals
 * without allocating. Ids are {@code b} and twelve digits of the signal's index, so a receiver recovers the
 * index (and from it the intended send time) from the order's signal id.
 */
public final class SignalFrame
{
    /** Account of every benchmark signal. */
    public static final String ACCOUNT = "main";
    /** Symbol of every benchmark signal. */
    public static final String SYMBOL = "BTCUSDT";
    /** Length of a benchmark signal id. */
    public static final int ID_LENGTH = 13;

    private static final int ID_DIGITS = ID_LENGTH - 1;
    private static final byte ID_PREFIX = 'b';
    private static final long MAX_INDEX = 999_999_999_999L;
    private static final byte[] BUY = ascii("\"buy\" ");
    private static final byte[] SELL = ascii("\"sell\"");
    private static final String BODY =
        "{\"id\":\"b000000000000\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\" ,\"qty\":\"0.1\",\"type\":\"market\"}";
    private static final byte[] BODY_BYTES = ascii(BODY);
    private static final int BODY_ID_AT = BODY.indexOf("b000");
    private static final int BODY_SIDE_AT = BODY.indexOf("\"buy\"");

    private final UnsafeBuffer buffer;
    private final int length;
    private final int signalIdAt;
    private final int keyAt;
    private final int bodyAt;

    /**
     * A frame in its own buffer.
     */
    public SignalFrame()
    {
        this(new UnsafeBuffer(new byte[512]));
    }

    /**
     * A frame encoded at offset 0 of the given buffer.
     *
     * @param buffer at least 512 bytes.
     */
    public SignalFrame(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
        final RawSignalEncoder encoder = new RawSignalEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .source(SignalSource.REST)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(0)
            .dryRun(BooleanType.FALSE);
        final byte[] id = ascii("b000000000000");
        signalIdAt = encoder.limit() + RawSignalEncoder.signalIdHeaderLength();
        encoder.putSignalId(id, 0, id.length);
        final byte[] account = ascii(ACCOUNT);
        encoder.putAccount(account, 0, account.length);
        keyAt = encoder.limit() + RawSignalEncoder.idempotencyKeyHeaderLength();
        encoder.putIdempotencyKey(id, 0, id.length);
        bodyAt = encoder.limit() + RawSignalEncoder.bodyHeaderLength();
        encoder.putBody(BODY_BYTES, 0, BODY_BYTES.length);
        encoder.channel("");
        length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        index(0);
    }

    /**
     * Rewrite the frame as signal number {@code index}: its id everywhere it appears, buy on even and sell
     * on odd indices (so positions stay flat).
     *
     * @param index signal index, 0 to 999,999,999,999.
     * @return this.
     */
    public SignalFrame index(final long index)
    {
        putId(buffer, signalIdAt, index);
        putId(buffer, keyAt, index);
        putId(buffer, bodyAt + BODY_ID_AT, index);
        buffer.putBytes(bodyAt + BODY_SIDE_AT, (index & 1) == 0 ? BUY : SELL);
        return this;
    }

    /**
     * Stamp the RawSignal's ingress time, as admin-api does.
     *
     * @param ingressTimeNs epoch nanoseconds.
     * @return this.
     */
    public SignalFrame ingressTimeNs(final long ingressTimeNs)
    {
        buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH + RawSignalEncoder.ingressTimeNsEncodingOffset(), ingressTimeNs);
        return this;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    /**
     * The canonical JSON body of signal number {@code index}, as a webhook client would POST it.
     *
     * @param index signal index.
     * @return a new array.
     */
    public static byte[] body(final long index)
    {
        final byte[] body = BODY_BYTES.clone();
        final UnsafeBuffer view = new UnsafeBuffer(body);
        putId(view, BODY_ID_AT, index);
        view.putBytes(BODY_SIDE_AT, (index & 1) == 0 ? BUY : SELL);
        return body;
    }

    /**
     * Write the id of signal number {@code index}.
     *
     * @param buffer destination.
     * @param offset first byte of the {@value #ID_LENGTH}-byte id.
     * @param index  signal index.
     */
    public static void putId(final MutableDirectBuffer buffer, final int offset, final long index)
    {
        if (index < 0 || index > MAX_INDEX)
        {
            throw new IllegalArgumentException("signal index out of range: " + index);
        }
        buffer.putByte(offset, ID_PREFIX);
        long remaining = index;
        for (int i = ID_DIGITS; i >= 1; i--)
        {
            buffer.putByte(offset + i, (byte)('0' + (remaining % 10)));
            remaining /= 10;
        }
    }

    /**
     * The index of a benchmark signal id.
     *
     * @param buffer holding the id.
     * @param offset first byte.
     * @param length id length.
     * @return the index, or -1 when the text is not a benchmark signal id.
     */
    public static long parseId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != ID_LENGTH || buffer.getByte(offset) != ID_PREFIX)
        {
            return -1;
        }
        long index = 0;
        for (int i = 1; i < ID_LENGTH; i++)
        {
            final int digit = buffer.getByte(offset + i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
