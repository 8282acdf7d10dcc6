package io.sluice.engine.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.engine.parse.ParseContext;
import io.sluice.engine.parse.ParsedSignal;
import io.sluice.engine.parse.RiskUnit;
import io.sluice.engine.parse.SignalParsers;
import io.sluice.engine.parse.ValueUnit;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Signal parsers, one benchmark method per format, each on a representative body of that format: canonical
 * JSON through the core's own parser (the path of every REST signal), and TradingView JSON, OpenAlgo JSON,
 * PineConnector, hedge-pair JSON and free text through the engine's {@link SignalParsers}. A new format is one
 * more method here (a body constant and a call) and one row in the report.
 * <p>
 * Baseline: Jackson's streaming parser pulling the canonical signal's fields out of the same bytes, what a
 * general JSON library costs for the job (and what it allocates).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SignalParserBenchmark
{
    static final String CANONICAL_JSON =
        "{\"id\":\"b000000000042\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.1\"," +
        "\"type\":\"limit\",\"price\":\"65000.5\"}";
    static final String TRADINGVIEW_JSON =
        "{\"secret\":\"\",\"symbol\":\"BINANCE:BTCUSDT\",\"action\":\"buy\",\"qty\":\"0.5\",\"price\":\"65000\",\"sl\":\"64000\"," +
        "\"tp1\":\"67000\",\"tp2\":\"68000\",\"timenow\":\"2024-05-01T12:00:00Z\",\"order_id\":\"Long Entry\"}";
    static final String OPENALGO_JSON =
        "{\"apikey\":\"\",\"strategy\":\"B\",\"orders\":[{\"symbol\":\"INFY\",\"exchange\":\"NSE\",\"action\":\"SELL\"," +
        "\"quantity\":\"1\",\"pricetype\":\"MARKET\",\"product\":\"MIS\"}]}";
    static final String PINECONNECTOR = "60123456789,buy,EURUSD,risk=0.5,sl=20,tp=40,comment=\"a, b\"";
    static final String HEDGE_PAIR_JSON =
        "{\"id\":\"p-1\",\"account\":\"main\",\"pair\":\"P\",\"event\":\"EXIT\",\"legs\":[{\"symbol\":\"A\",\"side\":\"BUY\"," +
        "\"qty\":\"65\"},{\"symbol\":\"B\",\"side\":\"SELL\",\"qty\":\"65\"}]}";
    static final String FREE_TEXT = "GOLD BUY 2050 SL 2045 TP 2060";

    private final CanonicalSignalParser canonicalParser = new CanonicalSignalParser();
    private final SignalIntent intent = new SignalIntent();
    private final byte[] canonicalBytes = CANONICAL_JSON.getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer canonicalBody = new UnsafeBuffer(canonicalBytes);
    private final JsonFactory jsonFactory = new JsonFactory();

    private final SignalParsers parsers = new SignalParsers();
    private final ParsedSignal parsed = new ParsedSignal();
    private final ParseContext context = new ParseContext("bench")
        .defaultQuantity(Fixed.of(1))
        .alias("GOLD", "XAUUSD")
        .licenseId("60123456789")
        .pineUnits(ValueUnit.PIPS, ValueUnit.PIPS, ValueUnit.PRICE, RiskUnit.MONEY)
        .riskPerTrade(Fixed.of(100));
    private final UnsafeBuffer tradingView = body(TRADINGVIEW_JSON);
    private final UnsafeBuffer openAlgo = body(OPENALGO_JSON);
    private final UnsafeBuffer pineConnector = body(PINECONNECTOR);
    private final UnsafeBuffer hedgePair = body(HEDGE_PAIR_JSON);
    private final UnsafeBuffer freeText = body(FREE_TEXT);

    /** Fails fast if a body stops being a valid signal of its format (the benchmark would time the error path). */
    public SignalParserBenchmark()
    {
        if (!canonicalParser.parse(canonicalBody, 0, canonicalBody.capacity(), intent))
        {
            throw new IllegalStateException("canonical body does not parse: " + canonicalParser.errorDetail);
        }
        check(SignalFormat.TRADINGVIEW_JSON, tradingView);
        check(SignalFormat.OPENALGO_JSON, openAlgo);
        check(SignalFormat.PINECONNECTOR, pineConnector);
        check(SignalFormat.HEDGE_PAIR_JSON, hedgePair);
        check(SignalFormat.FREE_TEXT, freeText);
    }

    @Benchmark
    public long canonicalJson()
    {
        if (!canonicalParser.parse(canonicalBody, 0, canonicalBody.capacity(), intent))
        {
            throw new IllegalStateException(canonicalParser.errorDetail);
        }
        return intent.quantity + intent.price + intent.symbolLength;
    }

    @Benchmark
    public int tradingViewJson()
    {
        return parse(SignalFormat.TRADINGVIEW_JSON, tradingView);
    }

    @Benchmark
    public int openAlgoJson()
    {
        return parse(SignalFormat.OPENALGO_JSON, openAlgo);
    }

    @Benchmark
    public int pineConnector()
    {
        return parse(SignalFormat.PINECONNECTOR, pineConnector);
    }

    @Benchmark
    public int hedgePairJson()
    {
        return parse(SignalFormat.HEDGE_PAIR_JSON, hedgePair);
    }

    @Benchmark
    public int freeText()
    {
        return parse(SignalFormat.FREE_TEXT, freeText);
    }

    @Benchmark
    public long jacksonStreamingBaseline()
    {
        try (JsonParser parser = jsonFactory.createParser(canonicalBytes))
        {
            long sum = 0;
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IllegalStateException("not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                parser.nextToken();
                switch (name)
                {
                    case "qty":
                    case "price":
                        sum += Fixed.parse(parser.getText());
                        break;
                    default:
                        sum += parser.getText().length();
                }
            }
            return sum;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private int parse(final SignalFormat format, final UnsafeBuffer body)
    {
        parsers.parse(format, body, 0, body.capacity(), context, parsed);
        return parsed.legCount();
    }

    private void check(final SignalFormat format, final UnsafeBuffer body)
    {
        if (!parsers.parse(format, body, 0, body.capacity(), context, parsed) || parsed.legCount() == 0)
        {
            throw new IllegalStateException(format + " body does not parse: " + parsed.errorDetail());
        }
    }

    private static UnsafeBuffer body(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
