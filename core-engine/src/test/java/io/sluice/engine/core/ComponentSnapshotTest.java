package io.sluice.engine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

import io.sluice.engine.parse.LegAction;
import io.sluice.engine.snapshot.StateReader;
import io.sluice.engine.snapshot.StateWriter;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Snapshot → restore → equal hash for every stateful component of the core, each driven away from its initial
 * state through its own methods first (so the test fails if a piece of state is not written or not hashed).
 */
class ComponentSnapshotTest
{
    private static final long T0 = 1_700_000_000L * 1_000_000_000L;

    private final Settings settings = Settings.of(Map.of(
        "sluice.accounts", "main,alt",
        "sluice.instruments", "BTCUSDT,ETHUSDT,NIFTY",
        "sluice.account.main.squareOffTime", "15:15",
        "sluice.account.main.timeZone", "Asia/Kolkata"));
    private final CoreConfig config = CoreConfig.from(settings);
    private final NameIndex accounts = new NameIndex(List.of("main", "alt"), 16);
    private final NameIndex instruments = new NameIndex(List.of("BTCUSDT", "ETHUSDT", "NIFTY"), 32);
    private final NameIndex venues = new NameIndex(List.of("paper"), 16);

    private static <T> void assertRoundTrip(
        final T changed, final T fresh, final BiConsumer<T, StateWriter> write, final BiConsumer<T, StateReader> read,
        final ToLongFunction<T> hash)
    {
        assertNotEquals(hash.applyAsLong(fresh), hash.applyAsLong(changed), "the test changed the state");
        final StateWriter writer = new StateWriter(64);
        write.accept(changed, writer);
        final byte[] bytes = new byte[writer.length()];
        writer.buffer().getBytes(0, bytes);
        final StateReader reader = new StateReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        read.accept(fresh, reader);
        assertEquals(true, reader.atEnd(), "every written byte is read");
        assertEquals(hash.applyAsLong(changed), hash.applyAsLong(fresh));
        final StateWriter again = new StateWriter(64);
        write.accept(fresh, again);
        final byte[] rewritten = new byte[again.length()];
        again.buffer().getBytes(0, rewritten);
        assertArrayEquals(bytes, rewritten, "the restored component writes the same state");
    }

    @Test
    void shouldRestoreTheDedupWindowIncludingItsWrapAndExpiry()
    {
        final DedupWindow window = new DedupWindow(8, 1_000);
        for (int i = 0; i < 13; i++)
        {
            window.isDuplicate(100 + i, T0 + i * 10L);
        }
        final DedupWindow restored = new DedupWindow(8, 1_000);
        assertRoundTrip(window, restored, DedupWindow::writeState, DedupWindow::readState, DedupWindow::stateHash);
        assertEquals(true, restored.isDuplicate(112, T0 + 200), "a remembered key is still a duplicate");
        assertEquals(false, restored.isDuplicate(101, T0 + 200), "an evicted key is not");
        window.isDuplicate(112, T0 + 200);
        window.isDuplicate(101, T0 + 200);
        restored.expire(T0 + 1_060);
        window.expire(T0 + 1_060);
        assertEquals(window.stateHash(), restored.stateHash());
        assertEquals(window.size(), restored.size());
    }

    private static Order order(final OrderBook book, final long key)
    {
        final Order order = book.acquire();
        order.key = key;
        order.accountId = 1;
        order.instrumentId = 2;
        order.venueId = 0;
        order.side = Side.SELL;
        order.ordType = OrdType.LIMIT;
        order.timeInForce = TimeInForce.IOC;
        order.quantity = Fixed.of(3);
        order.price = Fixed.of(100);
        order.stopPrice = Fixed.of(99);
        order.takeProfit = Fixed.of(90);
        order.stopLoss = Fixed.of(110);
        order.reduceOnly = true;
        order.positionSide = io.sluice.sbe.PositionSide.SHORT;
        order.product = io.sluice.sbe.Product.MIS;
        order.leg = 2;
        order.attempt = 1;
        order.status = OrdStatus.PARTIALLY_FILLED;
        order.cumQty = Fixed.of(1);
        order.avgPrice = Fixed.of(101);
        order.venueOrderId[0] = 'V';
        order.createdNs = T0;
        order.updatedNs = T0 + key;
        book.add(order);
        return order;
    }

    private static List<Long> iterationOrder(final OrderBook book)
    {
        final List<Long> keys = new ArrayList<>();
        book.forEach(order -> keys.add(order.key));
        return keys;
    }

    @Test
    void shouldRestoreOrdersWithEveryFieldAndTheBooksIterationOrder()
    {
        final OrderBook book = new OrderBook(64);
        // Keys that collide in the map (same low bits) so iteration order depends on insertion history.
        final List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 64; i++)
        {
            placed.add(order(book, ((long)(i % 7) << 40) + (i / 7) * 128L + 1));
        }
        for (int i = 0; i < 64; i += 3)
        {
            book.release(placed.get(i));
        }
        final OrderBook restored = new OrderBook(64);
        assertRoundTrip(book, restored, OrderBook::writeState, OrderBook::readState, OrderBook::stateHash);
        assertEquals(iterationOrder(book), iterationOrder(restored), "a flatten cancels in the same order after a restore");
        assertEquals(book.capacity() - book.size(), 64 - restored.size());
        assertNotEquals(null, restored.acquire(), "the pool still has its free orders");
    }

    @Test
    void shouldRestorePositionsWithPendingQuantitiesAndInstrumentsInUse()
    {
        final Positions positions = new Positions(2, 3);
        positions.get(0, 1).onFill(Fixed.of(2), Fixed.of(100), T0);
        positions.get(0, 1).onFill(-Fixed.of(1), Fixed.of(110), T0 + 1);
        positions.get(1, 2).onFill(-Fixed.of(5), Fixed.of(20), T0 + 2);
        positions.addPending(1, 0, Side.BUY, Fixed.of(3));
        positions.addPending(0, 2, Side.SELL, Fixed.of(4));
        positions.instrumentsInUse(2);
        assertRoundTrip(positions, new Positions(2, 3), Positions::writeState, Positions::readState, Positions::stateHash);

        final Position position = new Position();
        position.onFill(Fixed.of(1), Fixed.of(5), T0);
        assertRoundTrip(position, new Position(), Position::writeState, Position::readState, Position::stateHash);
    }

    @Test
    void shouldRestoreAccountRiskDayStateAndTimers()
    {
        final AccountRisk risk = new AccountRisk(settings, accounts);
        risk.onAccountUpdate(0, Fixed.of(1000), Fixed.of(1100), Fixed.of(900));
        risk.onOrdersPlaced(1, 3);
        risk.dayRolled(0, T0);
        risk.squareOffDue(0, T0);
        risk.resetDay(1, Fixed.of(5), Fixed.of(7));
        risk.drawdown(1, -Fixed.of(3));
        final AccountRisk restored = new AccountRisk(settings, accounts);
        assertRoundTrip(risk, restored, AccountRisk::writeState, AccountRisk::readState, AccountRisk::stateHash);
        final long nextDay = T0 + 86_400_000_000_000L;
        assertEquals(risk.dayRolled(0, nextDay), restored.dayRolled(0, nextDay));
        assertEquals(risk.squareOffDue(0, nextDay), restored.squareOffDue(0, nextDay));
    }

    @Test
    void shouldRestoreLimitsWithOverrides()
    {
        final RiskLimits limits = new RiskLimits(2, 3);
        limits.setAccount(1, Limit.MAX_DAILY_LOSS, Fixed.of(500));
        limits.setOverride(0, 2, Limit.MAX_ORDER_QTY, Fixed.of(7));
        assertRoundTrip(limits, new RiskLimits(2, 3), RiskLimits::writeState, RiskLimits::readState, RiskLimits::stateHash);
    }

    @Test
    void shouldRestoreRateLimiterBuckets()
    {
        final RateLimiter rates = new RateLimiter(2);
        rates.acquire(1, 10, 5, T0, 3);
        final RateLimiter restored = new RateLimiter(2);
        assertRoundTrip(rates, restored, RateLimiter::writeState, RateLimiter::readState, RateLimiter::stateHash);
        assertEquals(rates.canAcquire(1, 10, 1, T0 + 1, 1), restored.canAcquire(1, 10, 1, T0 + 1, 1));
    }

    @Test
    void shouldRestoreTheCircuitBreakersFaultRingAndItsHead()
    {
        final CircuitBreaker breaker = new CircuitBreaker(1, 3, 1_000);
        breaker.onFault(0, T0);
        breaker.onFault(0, T0 + 10);
        final CircuitBreaker restored = new CircuitBreaker(1, 3, 1_000);
        assertRoundTrip(breaker, restored, CircuitBreaker::writeState, CircuitBreaker::readState, CircuitBreaker::stateHash);
        assertEquals(breaker.onFault(0, T0 + 20), restored.onFault(0, T0 + 20), "the third fault trips both");
        assertEquals(breaker.stateHash(), restored.stateHash());
    }

    @Test
    void shouldRestoreInstrumentRulesChangedByVenueDefinitions()
    {
        final SessionCalendars calendars = new SessionCalendars(settings);
        final InstrumentRules rules = new InstrumentRules(settings, instruments, calendars);
        rules.onDefinition(1, Fixed.parse("0.01"), Fixed.parse("0.001"), Fixed.NULL, Fixed.of(100), Fixed.of(5), Fixed.of(50), Fixed.NULL);
        assertRoundTrip(rules, new InstrumentRules(settings, instruments, calendars),
            InstrumentRules::writeState, InstrumentRules::readState, InstrumentRules::stateHash);
    }

    @Test
    void shouldRestoreMarketPrices()
    {
        final MarketPrices prices = new MarketPrices(3);
        prices.update(0, Fixed.of(99), Fixed.of(101), Fixed.NULL, T0);
        prices.update(2, Fixed.NULL, Fixed.NULL, Fixed.of(7), T0 + 5);
        assertRoundTrip(prices, new MarketPrices(3), MarketPrices::writeState, MarketPrices::readState, MarketPrices::stateHash);
    }

    @Test
    void shouldRestoreTheApprovalQueueWithWholeFrames()
    {
        final ApprovalQueue queue = new ApprovalQueue(4);
        final byte[] large = new byte[5000];
        java.util.Arrays.fill(large, (byte)'x');
        queue.add(11, new UnsafeBuffer("frame one".getBytes()), 0, 9, 0, 1, 100);
        queue.add(12, new UnsafeBuffer(large), 0, large.length, 1, -1, 101);
        queue.remove(0);
        queue.add(13, new UnsafeBuffer("frame three".getBytes()), 0, 11, 1, 2, 102);
        final ApprovalQueue restored = new ApprovalQueue(4);
        assertRoundTrip(queue, restored, ApprovalQueue::writeState, ApprovalQueue::readState, ApprovalQueue::stateHash);
        assertEquals(queue.find(12), restored.find(12));
        assertEquals(large.length, restored.length(restored.find(12)));
        assertEquals(queue.latest(1, -1), restored.latest(1, -1), "the newest waiting signal of an account is the same");
        assertEquals(restored.find(13), restored.latest(1, -1), "of account 1's two, the later arrival");
        assertEquals(restored.find(13), restored.latest(1, 2), "in its instrument");
        assertEquals(-1, restored.latest(1, 5), "none waits in another instrument");
        assertEquals(-1, restored.latest(0, -1), "account 0's signal left the queue");
    }

    @Test
    void shouldRestorePendingHedgePairs()
    {
        final PendingPairs pairs = new PendingPairs(4);
        final int slot = pairs.free();
        pairs.state[slot] = PendingPairs.WAITING_FOR_FIRST;
        pairs.orderKey[slot] = 42;
        pairs.accountId[slot] = 1;
        pairs.instrumentId[slot] = 2;
        pairs.venueId[slot] = 0;
        pairs.side[slot] = Side.SELL;
        pairs.ordType[slot] = OrdType.MARKET;
        pairs.action[slot] = LegAction.OPEN;
        pairs.quantity[slot] = Fixed.of(75);
        pairs.price[slot] = Fixed.NULL;
        pairs.takeProfit[slot] = Fixed.of(1);
        pairs.stopLoss[slot] = Fixed.of(2);
        pairs.reduceOnly[slot] = true;
        pairs.setSignalId(slot, new UnsafeBuffer("pair-1".getBytes()), 0, 6);
        assertRoundTrip(pairs, new PendingPairs(4), PendingPairs::writeState, PendingPairs::readState, PendingPairs::stateHash);
    }

    @Test
    void shouldRestorePreTradeRiskStatesAndLocks()
    {
        final SessionCalendars calendars = new SessionCalendars(settings);
        final InstrumentRules rules = new InstrumentRules(settings, instruments, calendars);
        final RiskLimits limits = config.limits(accounts, instruments);
        final PreTradeRisk risk = new PreTradeRisk(config, accounts, venues, instruments, limits, rules, calendars);
        risk.globalState(TradingState.REDUCING);
        risk.accountState(1, TradingState.HALTED);
        risk.venueState(0, TradingState.HALTED);
        risk.instrumentState(2, TradingState.REDUCING);
        risk.dayLocked[0] = true;
        risk.venueBreakerTripped[0] = true;
        risk.venueHaltedByGateway[0] = true;
        assertRoundTrip(risk, new PreTradeRisk(config, accounts, venues, instruments, limits, rules, calendars),
            PreTradeRisk::writeState, PreTradeRisk::readState, PreTradeRisk::stateHash);
    }

    @Test
    void shouldRestoreHedgingTicketsWithTheirStopsAndOrder()
    {
        final boolean[] hedging = { true, false };
        final PositionTickets tickets = new PositionTickets(hedging, 3, 4);
        tickets.onFill(0, 1, 11L, Side.BUY, Fixed.of(1), Fixed.of(100), false, Fixed.of(95), Fixed.of(120));
        tickets.onFill(0, 1, 12L, Side.BUY, Fixed.of(2), Fixed.of(101), false, Fixed.NULL, Fixed.NULL);
        tickets.onFill(0, 1, 13L, Side.SELL, Fixed.of(1), Fixed.of(102), false, Fixed.NULL, Fixed.NULL);
        tickets.onFill(1, 2, 21L, Side.SELL, Fixed.of(5), Fixed.of(20), false, Fixed.NULL, Fixed.NULL);
        final PositionTickets restored = new PositionTickets(hedging, 3, 4);
        assertRoundTrip(tickets, restored, PositionTickets::writeState, PositionTickets::readState, PositionTickets::stateHash);
        assertEquals(tickets.key(tickets.entry(0, 1, PositionTickets.LONG, 0)), restored.key(restored.entry(0, 1, PositionTickets.LONG, 0)),
            "the oldest ticket stays first: closes go oldest first");
        assertEquals(Fixed.of(3), restored.total(0, 1, PositionTickets.LONG));

        final StopAmends amends = new StopAmends(4);
        for (int n = 0; n < 6; n++)
        {
            amends.sent(100L + n, n % 2, n % 3, 1, Fixed.of(90 + n), Fixed.NULL);
        }
        assertRoundTrip(amends, new StopAmends(4), StopAmends::writeState, StopAmends::readState, StopAmends::stateHash);
    }
}
