package io.sluice.bench.micro;

import java.util.concurrent.TimeUnit;

import io.sluice.protocol.Fixed;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Fixed-point multiplication, which every notional, exposure and P&amp;L figure in the gates goes through:
 * a price times a quantity (65,010 x 0.1) whose raw product passes 2^64 and takes the 128-bit division
 * path, against a product that fits 64 bits (1.5 x 2).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FixedBenchmark
{
    private long price = Fixed.of(65_010);
    private long quantity = Fixed.parse("0.1");
    private long small = Fixed.parse("1.5");
    private long two = Fixed.of(2);

    @Benchmark
    public long priceTimesQuantity()
    {
        return Fixed.multiply(price, quantity);
    }

    @Benchmark
    public long smallProduct()
    {
        return Fixed.multiply(small, two);
    }
}
