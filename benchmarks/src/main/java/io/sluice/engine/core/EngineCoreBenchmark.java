package io.sluice.engine.core;

import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.BenchLimits;
import io.sluice.bench.frames.SignalFrame;
import io.sluice.bench.frames.VenueFrames;
import io.sluice.protocol.ClientOrderIds;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole deterministic core on one signal: a RawSignal frame in (canonical JSON market order), parse,
 * dedup, every gate, and the NewOrder and OrderUpdate encoded out, exactly {@link EngineCore#onFrame}.
 * <p>
 * Each invocation feeds {@value #BATCH} pre-built frames with unique ids. Between invocations, untimed, the
 * previous batch's orders are filled (so the live-order pool cycles as in production instead of filling),
 * a fresh quote comes in, and the frames get the next batch's ids, rewritten in place. The dedup window
 * stays full, as in steady state, and every risk limit is on ({@link BenchLimits}). Baseline: the least any core must do per signal — decode the RawSignal and encode a NewOrder.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineCoreBenchmark
{
    static final int BATCH = 1024;

    /** The core, its frames, and the orders of the last batch waiting to be filled. */
    @State(Scope.Thread)
    public static class CoreState implements OutputPort
    {
        final EngineCore core = new EngineCore(CoreFixture.config(), this);
        final SignalFrame[] frames = new SignalFrame[BATCH];
        final VenueFrames venue = new VenueFrames();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long[] orderKeys = new long[BATCH];
        final Side[] orderSides = new Side[BATCH];
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        int orders;
        long nextIndex;
        long sequence;
        long nowNs = BenchLimits.EPOCH_START_NS;
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);

        /** Gateway up, quote in, first batch of ids. */
        @Setup(Level.Trial)
        public void start()
        {
            core.onFrame(sequence++, nowNs, scratch, 0, venue.gatewayUp(scratch, nowNs));
            core.onFrame(sequence++, nowNs, scratch, 0, venue.quote(scratch, nowNs));
            for (int i = 0; i < BATCH; i++)
            {
                frames[i] = new SignalFrame();
            }
            nextBatch();
        }

        /** Fill the last batch's orders and give the frames fresh ids (untimed). */
        @Setup(Level.Invocation)
        public void settle()
        {
            if (orders != 0 && orders != BATCH)
            {
                throw new IllegalStateException(orders + " NewOrders for " + BATCH + " signals: the benchmark is timing rejects");
            }
            for (int i = 0; i < orders; i++)
            {
                core.onFrame(sequence++, nowNs, venue.fillOf(orderKeys[i], orderSides[i]), 0, venue.fillLength());
            }
            orders = 0;
            // A fresh quote per batch, as a venue streams them (market orders need one under 60 s old).
            core.onFrame(sequence++, nowNs, scratch, 0, venue.quote(scratch, nowNs));
            nextBatch();
        }

        /** Every signal of the trial must have been routed and filled. */
        @TearDown(Level.Trial)
        public void check()
        {
            if (core.liveOrders() > BATCH || core.errors() != 0)
            {
                throw new IllegalStateException("live orders " + core.liveOrders() + ", errors " + core.errors());
            }
        }

        private void nextBatch()
        {
            for (int i = 0; i < BATCH; i++)
            {
                frames[i].index(nextIndex++);
            }
        }

        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == NewOrderDecoder.TEMPLATE_ID)
            {
                newOrder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                orderKeys[orders] = ClientOrderIds.parse(
                    buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.clientOrderIdEncodingOffset(), ClientOrderIds.LENGTH);
                orderSides[orders++] = newOrder.side();
            }
        }
    }

    /** Frames and codecs of the decode-and-encode floor. */
    @State(Scope.Thread)
    public static class FloorState
    {
        final SignalFrame[] frames = new SignalFrame[BATCH];
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final RawSignalDecoder rawSignal = new RawSignalDecoder();
        final NewOrderEncoder newOrder = new NewOrderEncoder();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
        final UnsafeBuffer signalId = new UnsafeBuffer(0, 0);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final byte[] clientOrderId = new byte[20];
        final byte[] account = new byte[16];
        final byte[] venue = new byte[16];
        final byte[] symbol = new byte[32];

        /** Build the frames once. */
        @Setup(Level.Trial)
        public void start()
        {
            for (int i = 0; i < BATCH; i++)
            {
                frames[i] = new SignalFrame().index(i);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int signalToNewOrder(final CoreState state)
    {
        final EngineCore core = state.core;
        final SignalFrame[] frames = state.frames;
        for (int i = 0; i < BATCH; i++)
        {
            state.nowNs += 1_000;
            core.onFrame(state.sequence++, state.nowNs, frames[i].buffer(), 0, frames[i].length());
        }
        return state.orders;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeEncodeBaseline(final FloorState state)
    {
        int total = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final SignalFrame frame = state.frames[i];
            state.rawSignal.wrapAndApplyHeader(frame.buffer(), 0, state.headerDecoder);
            state.rawSignal.wrapSignalId(state.signalId);
            state.rawSignal.wrapAccount(state.view);
            state.rawSignal.wrapIdempotencyKey(state.view);
            state.rawSignal.wrapBody(state.view);
            state.newOrder.wrapAndApplyHeader(state.out, 0, state.headerEncoder)
                .putClientOrderId(state.clientOrderId, 0)
                .putAccount(state.account, 0)
                .putVenue(state.venue, 0)
                .putSymbol(state.symbol, 0)
                .side(Side.BUY)
                .ordType(OrdType.MARKET)
                .timeInForce(TimeInForce.GTC)
                .quantity(10_000_000L)
                .price(Fixed.NULL)
                .stopPrice(Fixed.NULL)
                .takeProfit(Fixed.NULL)
                .stopLoss(Fixed.NULL)
                .timestampNs(i)
                .leg((short)0)
                .attempt((short)0)
                .putSignalId(state.signalId, 0, state.signalId.capacity());
            total += state.newOrder.encodedLength() + state.view.capacity();
        }
        return total;
    }
}
