package io.sluice.engine.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The pre-trade gate chain (global and account kill switch, max order quantity, reference price, max
 * notional, gateway state) on a market order: every gate passing, and a refusal at the notional gate, which
 * also writes the reason text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PreTradeRiskBenchmark
{
    private final CoreConfig config = CoreFixture.config();
    private final NameIndex accounts = new NameIndex(List.of("main"), 16);
    private final NameIndex venues = new NameIndex(config.venues(), 16);
    private final PreTradeRisk risk = new PreTradeRisk(config, accounts, venues);
    private final MarketPrices prices = new MarketPrices(config.instruments.size());
    private final long quantity = Fixed.parse("0.1");
    private final long tooLarge = Fixed.of(900_000);

    /** Quote the first instrument and check both paths do what they claim. */
    public PreTradeRiskBenchmark()
    {
        prices.update(0, Fixed.of(64_990), Fixed.of(65_010), Fixed.of(65_000), 1);
        if (!allGatesPass() || refusedAtNotional())
        {
            throw new IllegalStateException("gate chain fixture is wrong: " + risk.reason + " " + risk.detail);
        }
    }

    @Benchmark
    public boolean allGatesPass()
    {
        return risk.check(0, 0, GatewayState.UP, Side.BUY, OrdType.MARKET, quantity, Fixed.NULL, Fixed.NULL, prices, 0);
    }

    @Benchmark
    public boolean refusedAtNotional()
    {
        return risk.check(0, 0, GatewayState.UP, Side.BUY, OrdType.MARKET, tooLarge, Fixed.NULL, Fixed.NULL, prices, 0);
    }
}
