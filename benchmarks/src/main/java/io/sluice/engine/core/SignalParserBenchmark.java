package io.sluice.engine.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.protocol.Fixed;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Signal parsers, one benchmark method per format, each on a representative body of that format. Only the
 * canonical JSON parser exists so far; TradingView JSON, PineConnector and free text become one method each
 * here (a body constant and a call to the parser) when their parsers land.
 * <p>
 * Baseline: Jackson's streaming parser pulling the same fields out of the same bytes, what a general JSON
 * library costs for the job (and what it allocates).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SignalParserBenchmark
{
    static final String CANONICAL_JSON =
        "{\"id\":\"b000000000042\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.1\"," +
        "\"type\":\"limit\",\"price\":\"65000.5\"}";

    private final CanonicalSignalParser canonicalParser = new CanonicalSignalParser();
    private final SignalIntent intent = new SignalIntent();
    private final byte[] canonicalBytes = CANONICAL_JSON.getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer canonicalBody = new UnsafeBuffer(canonicalBytes);
    private final JsonFactory jsonFactory = new JsonFactory();

    /** Fails fast if the body stops being a valid signal (the benchmark would then time the error path). */
    public SignalParserBenchmark()
    {
        if (!canonicalParser.parse(canonicalBody, 0, canonicalBody.capacity(), intent))
        {
            throw new IllegalStateException("benchmark body does not parse: " + canonicalParser.errorDetail);
        }
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
}
