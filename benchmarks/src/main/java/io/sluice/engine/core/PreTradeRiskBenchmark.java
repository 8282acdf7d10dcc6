package io.sluice.engine.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.frames.BenchLimits;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The whole pre-trade gate chain (trading states at four scopes, session calendar, instrument rules, order
 * size, fat finger, quote freshness, notional, position and exposure limits counting live orders,
 * concentration, open positions, trades per day, buying power, gateway state, order rate) on a market order
 * with every limit on ({@link BenchLimits}): all gates passing, and a refusal at the fat-finger gate (5,000
 * against a usual 1 times 1,000), which also writes the reason text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PreTradeRiskBenchmark
{
    private final Settings settings = CoreFixture.settings();
    private final CoreConfig config = CoreConfig.from(settings);
    private final NameIndex accounts = new NameIndex(List.of("main"), 16);
    private final NameIndex instruments = new NameIndex(config.instruments, 32);
    private final NameIndex venues = new NameIndex(config.venues(), 16);
    private final SessionCalendars calendars = new SessionCalendars(settings);
    private final InstrumentRules rules = new InstrumentRules(settings, instruments, calendars);
    private final PreTradeRisk risk = new PreTradeRisk(
        config, accounts, venues, instruments, config.limits(accounts, instruments), rules, calendars);
    private final MarketPrices prices = new MarketPrices(instruments.size());
    private final Positions positions = new Positions(accounts.size(), instruments.size());
    private final AccountRisk accountRisk = new AccountRisk(settings, accounts);
    private final OrderCheck order = new OrderCheck();
    private final long quantity = Fixed.parse("0.1");
    private final long tooLarge = Fixed.of(5_000);
    private long nowNs = BenchLimits.EPOCH_START_NS;

    /** Quote the first instrument and check both paths do what they claim. */
    public PreTradeRiskBenchmark()
    {
        prices.update(0, Fixed.of(64_990), Fixed.of(65_010), Fixed.of(65_000), nowNs);
        if (!allGatesPass() || refusedAtFatFinger() || risk.reason != RejectReason.FAT_FINGER)
        {
            throw new IllegalStateException("gate chain fixture is wrong: " + risk.reason + " " + risk.field);
        }
    }

    @Benchmark
    public boolean allGatesPass()
    {
        // A nanosecond later each time: the quote stays fresh, and the token bucket sees time move.
        order.set(0, 0, 0, Side.BUY, OrdType.MARKET, quantity, Fixed.NULL, Fixed.NULL, false, 1, ++nowNs);
        return risk.check(order, GatewayState.UP, prices, positions, accountRisk);
    }

    @Benchmark
    public boolean refusedAtFatFinger()
    {
        order.set(0, 0, 0, Side.BUY, OrdType.MARKET, tooLarge, Fixed.NULL, Fixed.NULL, false, 1, nowNs);
        return risk.check(order, GatewayState.UP, prices, positions, accountRisk);
    }
}
