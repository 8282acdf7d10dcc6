package io.sluice.engine.parse;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The canonical, TradingView and PineConnector parsers (and OpenAlgo, hedge pairs and the completion rules)
 * allocate nothing per message, for accepted and refused messages alike: measured with the thread's allocation
 * counter. The bound is below 0.05 bytes per message for the reason given in SteadyStateAllocationTest: any
 * per-message allocation fails it, one-off JVM-internal allocations do not.
 */
class ParserAllocationTest
{
    private static final int ROUNDS = 4;
    private static final int WARMUP_ROUNDS = 2;
    private static final int REPEATS = 2_000;

    private record Input(SignalFormat format, UnsafeBuffer body, boolean parses)
    {
    }

    @Test
    void shouldParseWithoutAllocating()
    {
        final List<Input> inputs = List.of(
            input(SignalFormat.CANONICAL_JSON, true,
                "{\"id\":\"sig-1\",\"account\":\"acc1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.1\",\"type\":\"limit\"," +
                "\"price\":65000,\"sl\":64000,\"tp\":68000,\"tif\":\"ioc\",\"extra\":{\"a\":[1,2,{\"b\":null}]}}"),
            input(SignalFormat.CANONICAL_JSON, false, "{\"symbol\":\"BTCUSDT\",\"side\":\"hold\",\"qty\":1}"),
            input(SignalFormat.CANONICAL_JSON, false, "{\"symbol\":\"BTCUSDT\",\"side\":"),
            input(SignalFormat.TRADINGVIEW_JSON, true,
                "{\"secret\":\"\",\"symbol\":\"BINANCE:BTCUSDT\",\"action\":\"buy\",\"qty\":\"0.5\",\"price\":\"65000\",\"sl\":\"64000\"," +
                "\"tp1\":\"67000\",\"tp2\":\"68000\",\"timenow\":\"2024-05-01T12:00:00Z\",\"order_id\":\"Long Entry\"}"),
            input(SignalFormat.TRADINGVIEW_JSON, true,
                "{\"ticker\":\"GOLD\",\"strategy\":{\"order_id\":\"Exit\",\"action\":\"sell\",\"contracts\":\"2\",\"position_size\":\"0\"," +
                "\"market_position\":\"flat\"}}"),
            input(SignalFormat.TRADINGVIEW_JSON, false, "{\"ticker\":\"EURUSD\",\"action\":\"{{strategy.order.action}}\"}"),
            input(SignalFormat.PINECONNECTOR, true, "60123456789,buy,EURUSD,risk=0.5,sl=20,tp=40,comment=\"a, b\",secret=x"),
            input(SignalFormat.PINECONNECTOR, true, "60123456789,sellstop,XAUUSD,price=2000,sl=2010,tp=1980,risk=50"),
            input(SignalFormat.PINECONNECTOR, true, "60123456789,closelong,GBPUSD"),
            input(SignalFormat.PINECONNECTOR, false, "60123456789,sell,EURUSD,sl_pip=20,risk=1"),
            input(SignalFormat.OPENALGO_JSON, true,
                "{\"apikey\":\"\",\"strategy\":\"B\",\"orders\":[{\"symbol\":\"INFY\",\"exchange\":\"NSE\",\"action\":\"SELL\"," +
                "\"quantity\":\"1\",\"pricetype\":\"MARKET\",\"product\":\"MIS\"},{\"symbol\":\"TCS\",\"exchange\":\"NSE\"," +
                "\"action\":\"BUY\",\"quantity\":\"2\",\"pricetype\":\"LIMIT\",\"product\":\"MIS\",\"price\":\"3500\"}]}"),
            input(SignalFormat.HEDGE_PAIR_JSON, true,
                "{\"id\":\"p-1\",\"account\":\"acc1\",\"pair\":\"P\",\"event\":\"EXIT\",\"legs\":[{\"symbol\":\"A\",\"side\":\"BUY\"," +
                "\"qty\":\"65\"},{\"symbol\":\"B\",\"side\":\"SELL\",\"qty\":\"65\"}]}"));

        final ParseContext ctx = new ParseContext("alloc").defaultQuantity(Fixed.of(1)).alias("GOLD", "XAUUSD")
            .licenseId("60123456789").pineUnits(ValueUnit.PIPS, ValueUnit.PIPS, ValueUnit.PRICE, RiskUnit.MONEY)
            .riskPerTrade(Fixed.of(100));
        final MarketFacts facts = new FixedFacts();
        final SignalParsers parsers = new SignalParsers();
        final SignalCompleter completer = new SignalCompleter();
        final ParsedSignal signal = new ParsedSignal();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();

        long bytesBefore = 0;
        long measured = 0;
        int parsedCount = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            if (round == WARMUP_ROUNDS)
            {
                bytesBefore = threads.getThreadAllocatedBytes(threadId);
            }
            for (int r = 0; r < REPEATS; r++)
            {
                for (int i = 0; i < inputs.size(); i++)
                {
                    final Input input = inputs.get(i);
                    final boolean parsed = parsers.parse(input.format(), input.body(), 0, input.body().capacity(), ctx, signal) &&
                        completer.complete(signal, ctx, facts);
                    parsedCount += parsed == input.parses() ? 1 : 0;
                    measured += round >= WARMUP_ROUNDS ? 1 : 0;
                }
            }
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - bytesBefore;

        assertEquals(ROUNDS * REPEATS * inputs.size(), parsedCount, "every input parsed (or was refused) as expected");
        final double bytesPerMessage = (double)allocated / measured;
        assertTrue(bytesPerMessage < 0.05, allocated + " bytes allocated over " + measured + " messages");
    }

    private static Input input(final SignalFormat format, final boolean parses, final String body)
    {
        return new Input(format, new UnsafeBuffer(body.getBytes(StandardCharsets.UTF_8)), parses);
    }

    /** Facts answering from constants, allocation-free. */
    private static final class FixedFacts implements MarketFacts
    {
        private final long eurusdLast = Fixed.parse("1.085");
        private final long eurusdPip = Fixed.parse("0.0001");
        private final long otherPip = Fixed.parse("0.1");

        public long lastPrice(final AsciiSlot symbol)
        {
            return symbol.contentEquals("EURUSD") ? eurusdLast : Fixed.of(2000);
        }

        public long atr(final AsciiSlot symbol)
        {
            return Fixed.NULL;
        }

        public long pipSize(final AsciiSlot symbol)
        {
            return symbol.contentEquals("EURUSD") ? eurusdPip : otherPip;
        }

        public long contractSize(final AsciiSlot symbol)
        {
            return Fixed.NULL;
        }

        public long balance()
        {
            return Fixed.NULL;
        }
    }
}
