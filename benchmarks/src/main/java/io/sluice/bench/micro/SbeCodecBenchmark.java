package io.sluice.bench.micro;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.SignalFrame;
import io.sluice.protocol.Ascii;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.Product;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * SBE encode and decode of the engine's input (RawSignal, with its variable-length id, account, key and
 * JSON body) and its main output (NewOrder), every field, the way the engine and admin-api use the codecs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SbeCodecBenchmark
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RawSignalEncoder rawSignalEncoder = new RawSignalEncoder();
    private final RawSignalDecoder rawSignalDecoder = new RawSignalDecoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final UnsafeBuffer encodeBuffer = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    private final SignalFrame signal = new SignalFrame().index(42);
    private final UnsafeBuffer signalId = ascii("b000000000042");
    private final UnsafeBuffer account = ascii(SignalFrame.ACCOUNT);
    private final UnsafeBuffer body = new UnsafeBuffer(SignalFrame.body(42));
    private final byte[] clientOrderId = new byte[20];
    private final byte[] accountField = padded(SignalFrame.ACCOUNT, 16);
    private final byte[] venueField = padded("paper", 16);
    private final byte[] symbolField = padded(SignalFrame.SYMBOL, 32);
    private final UnsafeBuffer newOrder = new UnsafeBuffer(new byte[512]);

    /** Pre-encode the NewOrder the decode benchmark reads. */
    public SbeCodecBenchmark()
    {
        ClientOrderIds.put(0x1234_5678_9abcL, new UnsafeBuffer(clientOrderId), 0);
        encodeNewOrder(newOrder);
    }

    @Benchmark
    public int encodeRawSignal()
    {
        rawSignalEncoder.wrapAndApplyHeader(encodeBuffer, 0, headerEncoder)
            .source(SignalSource.REST)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(1_700_000_000_000_000_000L)
            .putSignalId(signalId, 0, signalId.capacity())
            .putAccount(account, 0, account.capacity())
            .putIdempotencyKey(signalId, 0, signalId.capacity())
            .putBody(body, 0, body.capacity());
        return rawSignalEncoder.encodedLength();
    }

    @Benchmark
    public long decodeRawSignal()
    {
        rawSignalDecoder.wrapAndApplyHeader(signal.buffer(), 0, headerDecoder);
        long sum = rawSignalDecoder.source().value() + rawSignalDecoder.format().value() + rawSignalDecoder.ingressTimeNs();
        rawSignalDecoder.wrapSignalId(view);
        sum += view.capacity();
        rawSignalDecoder.wrapAccount(view);
        sum += view.capacity();
        rawSignalDecoder.wrapIdempotencyKey(view);
        sum += view.capacity();
        rawSignalDecoder.wrapBody(view);
        return sum + view.capacity() + view.getByte(0);
    }

    @Benchmark
    public int encodeNewOrder()
    {
        return encodeNewOrder(encodeBuffer);
    }

    @Benchmark
    public long decodeNewOrder()
    {
        newOrderDecoder.wrapAndApplyHeader(newOrder, 0, headerDecoder);
        long sum = newOrderDecoder.clientOrderId(0) + newOrderDecoder.account(0) + newOrderDecoder.venue(0) +
            newOrderDecoder.symbol(0) + newOrderDecoder.side().value() + newOrderDecoder.ordType().value() +
            newOrderDecoder.timeInForce().value() + newOrderDecoder.quantity() + newOrderDecoder.price() +
            newOrderDecoder.stopPrice() + newOrderDecoder.takeProfit() + newOrderDecoder.stopLoss() +
            newOrderDecoder.timestampNs() + newOrderDecoder.leg() + newOrderDecoder.attempt() +
            newOrderDecoder.reduceOnlyRaw() + newOrderDecoder.positionSideRaw() + newOrderDecoder.productRaw();
        newOrderDecoder.wrapSignalId(view);
        return sum + view.capacity();
    }

    private int encodeNewOrder(final UnsafeBuffer buffer)
    {
        newOrderEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .putClientOrderId(clientOrderId, 0)
            .putAccount(accountField, 0)
            .putVenue(venueField, 0)
            .putSymbol(symbolField, 0)
            .side(Side.BUY)
            .ordType(OrdType.MARKET)
            .timeInForce(TimeInForce.GTC)
            .quantity(10_000_000L)
            .price(Fixed.NULL)
            .stopPrice(Fixed.NULL)
            .takeProfit(Fixed.NULL)
            .stopLoss(Fixed.NULL)
            .timestampNs(1_700_000_000_000_000_000L)
            .leg((short)0)
            .attempt((short)0)
            .reduceOnly(BooleanType.FALSE)
            .positionSide(PositionSide.BOTH)
            .product(Product.DEFAULT)
            .putSignalId(signalId, 0, signalId.capacity());
        return newOrderEncoder.encodedLength();
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] padded(final String text, final int length)
    {
        final byte[] field = new byte[length];
        Ascii.putFixed(new UnsafeBuffer(field), 0, length, text.getBytes(StandardCharsets.US_ASCII));
        return field;
    }
}
