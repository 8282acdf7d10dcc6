package io.sluice.gateway.paper;

import io.sluice.gateway.AsciiField;
import io.sluice.gateway.Execution;
import io.sluice.gateway.OrderIdentity;
import io.sluice.gateway.OrderStatusQuery;
import io.sluice.gateway.ReportPublisher;
import io.sluice.gateway.Venue;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A simulated venue: prices from configuration (optionally a deterministic random walk), immediate fills for
 * market and marketable orders, resting limit and stop orders that fill when prices cross them. All prices
 * are fixed-point integers ({@link Fixed}); no floating point is used anywhere.
 * <p>
 * Settings:
 * <table>
 * <caption>Paper venue settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.paper.symbols}</td><td>{@code BTCUSDT,ETHUSDT,EURUSD,XAUUSD,INFY,NIFTY}</td>
 *     <td>instruments the venue quotes; a symbol without a price is unknown to the venue</td></tr>
 * <tr><td>{@code sluice.paper.price.<SYMBOL>}</td><td>BTCUSDT 65000, ETHUSDT 3500, EURUSD 1.085, XAUUSD 2350,
 *     INFY 1500, NIFTY 24000</td><td>initial mid price (decimal, at most 8 places)</td></tr>
 * <tr><td>{@code sluice.paper.spreadBps}</td><td>2</td>
 *     <td>bid/ask spread in basis points: bid = mid * (1 - spread/2), ask = mid * (1 + spread/2)</td></tr>
 * <tr><td>{@code sluice.paper.walk}</td><td>true</td><td>random walk of every mid</td></tr>
 * <tr><td>{@code sluice.paper.walkIntervalMs}</td><td>1000</td><td>time between walk steps</td></tr>
 * <tr><td>{@code sluice.paper.walkBps}</td><td>5</td><td>largest move of one walk step, in basis points</td></tr>
 * <tr><td>{@code sluice.paper.seed}</td><td>42</td><td>seed of the walk: same seed, same prices</td></tr>
 * <tr><td>{@code sluice.paper.marketDataIntervalMs}</td><td>1000</td>
 *     <td>MarketData for every symbol is republished at this interval even when unchanged</td></tr>
 * </table>
 * <p>
 * Behaviour: MarketData (bid, ask, last = mid) for every symbol on start, on every price change and on the
 * interval. MARKET orders get NEW then a full TRADE at the ask (buy) or bid (sell). A marketable LIMIT (buy at or
 * above the ask, sell at or below the bid) fills at once at the ask/bid; otherwise it rests and fills fully at its
 * limit price when a later price change crosses it. STOP and STOP_LIMIT rest until triggered (buy when the ask
 * reaches the stop, sell when the bid falls to it) and then behave as MARKET and LIMIT. IOC and FOK orders that
 * cannot fill when they become active expire. Unknown symbols, non-positive quantities, missing prices and client
 * order ids already used by an open order are rejected with text. Venue order ids are "P" and a counter.
 * <p>
 * Threading: every method except {@link #setPrice} runs on the gateway's agent thread.
 */
public final class PaperVenue implements Venue
{
    /** Comma-separated symbols the venue quotes. */
    public static final String SYMBOLS_PROP = "sluice.paper.symbols";
    /** Default symbols. */
    public static final String SYMBOLS_DEFAULT = "BTCUSDT,ETHUSDT,EURUSD,XAUUSD,INFY,NIFTY";
    /** Prefix of the initial-price settings; the symbol follows. */
    public static final String PRICE_PROP_PREFIX = "sluice.paper.price.";
    /** Spread in basis points. */
    public static final String SPREAD_BPS_PROP = "sluice.paper.spreadBps";
    /** Whether mids walk randomly. */
    public static final String WALK_PROP = "sluice.paper.walk";
    /** Milliseconds between walk steps. */
    public static final String WALK_INTERVAL_MS_PROP = "sluice.paper.walkIntervalMs";
    /** Largest move of a walk step in basis points. */
    public static final String WALK_BPS_PROP = "sluice.paper.walkBps";
    /** Seed of the walk. */
    public static final String SEED_PROP = "sluice.paper.seed";
    /** Milliseconds between full MarketData republications. */
    public static final String MARKET_DATA_INTERVAL_MS_PROP = "sluice.paper.marketDataIntervalMs";

    /** Initial prices used when no {@code sluice.paper.price.<SYMBOL>} is set. */
    public static final Map<String, String> DEFAULT_PRICES = Map.of(
        "BTCUSDT", "65000",
        "ETHUSDT", "3500",
        "EURUSD", "1.085",
        "XAUUSD", "2350",
        "INFY", "1500",
        "NIFTY", "24000");

    private static final String VENUE_ORDER_ID_PREFIX = "P";
    private static final int PRICE_UPDATE_CAPACITY = 1024;
    private static final int DONE_ORDERS_KEPT = 1024;

    private final String name;
    private final PaperInstrument[] instruments;
    private final boolean walkEnabled;
    private final long walkIntervalNs;
    private final long walkBps;
    private final long marketDataIntervalNs;
    private final PaperRandom random;

    private final ManyToOneConcurrentArrayQueue<PriceUpdate> priceUpdates =
        new ManyToOneConcurrentArrayQueue<>(PRICE_UPDATE_CAPACITY);
    private final ArrayList<PaperOrder> openOrders = new ArrayList<>();
    private final PaperOrder[] doneOrders = new PaperOrder[DONE_ORDERS_KEPT];
    private final ArrayDeque<PaperOrder> orderPool = new ArrayDeque<>();
    private final OrderIdentity incoming = new OrderIdentity();
    private final Execution execution = new Execution();

    private ReportPublisher publisher;
    private long nextVenueOrderId = 1;
    private int doneOrdersNext;
    private long nextWalkNs;
    private long nextMarketDataNs;

    /**
     * A paper venue configured from settings.
     *
     * @param name     venue name used in reports, normally "paper".
     * @param settings configuration (keys in the class javadoc).
     * @throws IllegalArgumentException when a setting is invalid.
     */
    public PaperVenue(final String name, final Settings settings)
    {
        this.name = name;
        final long spreadBps = settings.getFixed(SPREAD_BPS_PROP, Fixed.of(2));
        requireNonNegative(SPREAD_BPS_PROP, spreadBps);
        this.walkEnabled = settings.getBoolean(WALK_PROP, true);
        this.walkIntervalNs = positiveMillisAsNanos(settings, WALK_INTERVAL_MS_PROP, 1000);
        this.walkBps = settings.getFixed(WALK_BPS_PROP, Fixed.of(5));
        requireNonNegative(WALK_BPS_PROP, walkBps);
        this.marketDataIntervalNs = positiveMillisAsNanos(settings, MARKET_DATA_INTERVAL_MS_PROP, 1000);
        this.random = new PaperRandom(settings.getLong(SEED_PROP, 42));

        final List<PaperInstrument> configured = new ArrayList<>();
        for (final String symbol : settings.getList(SYMBOLS_PROP, SYMBOLS_DEFAULT))
        {
            final String priceKey = PRICE_PROP_PREFIX + symbol;
            final String defaultPrice = DEFAULT_PRICES.get(symbol);
            final long mid = settings.getFixed(priceKey, defaultPrice == null ? Fixed.NULL : Fixed.parse(defaultPrice));
            if (mid == Fixed.NULL)
            {
                continue;
            }
            if (mid <= 0)
            {
                throw new IllegalArgumentException(priceKey + " must be positive, was " + Fixed.toString(mid));
            }
            configured.add(new PaperInstrument(symbol, mid, spreadBps));
        }
        this.instruments = configured.toArray(new PaperInstrument[0]);
    }

    /**
     * Set a symbol's mid price from any thread (tests, embedding); applied on the agent thread's next duty cycle,
     * which then publishes MarketData and fills the orders the new price crosses.
     *
     * @param symbol    a symbol the venue quotes.
     * @param midFixed  new mid, fixed point, positive.
     * @throws IllegalArgumentException for an unknown symbol or non-positive price.
     * @throws IllegalStateException when too many updates are queued.
     */
    public void setPrice(final String symbol, final long midFixed)
    {
        final PaperInstrument instrument = instrument(symbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown symbol '" + symbol + "'; paper symbols: " + symbols());
        }
        if (midFixed <= 0)
        {
            throw new IllegalArgumentException("price must be positive, was " + Fixed.toString(midFixed));
        }
        if (!priceUpdates.offer(new PriceUpdate(instrument, midFixed)))
        {
            throw new IllegalStateException("paper price update queue is full (" + PRICE_UPDATE_CAPACITY + ")");
        }
    }

    /**
     * Symbols the venue quotes, in configuration order.
     *
     * @return the symbols.
     */
    public List<String> symbols()
    {
        final List<String> symbols = new ArrayList<>(instruments.length);
        for (final PaperInstrument instrument : instruments)
        {
            symbols.add(instrument.name);
        }
        return symbols;
    }

    /**
     * Current mid of a symbol; read on the agent thread (or the invoking thread in INVOKER mode).
     *
     * @param symbol quoted symbol.
     * @return fixed-point mid, or {@link Fixed#NULL} when unknown.
     */
    public long mid(final String symbol)
    {
        final PaperInstrument instrument = instrument(symbol);
        return instrument == null ? Fixed.NULL : instrument.mid();
    }

    /**
     * Current bid of a symbol; read on the agent thread.
     *
     * @param symbol quoted symbol.
     * @return fixed-point bid, or {@link Fixed#NULL} when unknown.
     */
    public long bid(final String symbol)
    {
        final PaperInstrument instrument = instrument(symbol);
        return instrument == null ? Fixed.NULL : instrument.bid();
    }

    /**
     * Current ask of a symbol; read on the agent thread.
     *
     * @param symbol quoted symbol.
     * @return fixed-point ask, or {@link Fixed#NULL} when unknown.
     */
    public long ask(final String symbol)
    {
        final PaperInstrument instrument = instrument(symbol);
        return instrument == null ? Fixed.NULL : instrument.ask();
    }

    /**
     * Orders resting at the venue; read on the agent thread.
     *
     * @return count.
     */
    public int openOrderCount()
    {
        return openOrders.size();
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return name;
    }

    /**
     * Publish MarketData for every symbol and start the timers.
     *
     * @param publisher where reports go.
     * @param nowNs     epoch nanoseconds of this duty cycle.
     */
    public void onStart(final ReportPublisher publisher, final long nowNs)
    {
        this.publisher = publisher;
        publishAllMarketData(nowNs);
        nextWalkNs = nowNs + walkIntervalNs;
        nextMarketDataNs = nowNs + marketDataIntervalNs;
    }

    private final AsciiField amendId = new AsciiField(AmendOrderDecoder.clientOrderIdLength());

    /**
     * Validate, acknowledge and execute (or rest) a new order.
     *
     * @param order decoder over the NewOrder.
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    public void onNewOrder(final NewOrderDecoder order, final long nowNs)
    {
        incoming.set(order);
        final PaperInstrument instrument = instrument(incoming);
        if (instrument == null)
        {
            reject(incoming, "unknown symbol at paper venue: ", incoming.symbol(), nowNs);
            return;
        }

        final OrdType ordType = order.ordType();
        final long quantity = order.quantity();
        final long price = order.price();
        final long stopPrice = order.stopPrice();
        final String invalid = validate(incoming.side(), ordType, quantity, price, stopPrice);
        if (invalid != null)
        {
            reject(incoming, invalid, null, nowNs);
            return;
        }
        if (findOpen(incoming) != null)
        {
            reject(incoming, "duplicate clientOrderId among open orders: ", incoming.clientOrderId(), nowNs);
            return;
        }

        final boolean hasLimit = ordType == OrdType.LIMIT || ordType == OrdType.STOP_LIMIT;
        final boolean hasStop = ordType == OrdType.STOP || ordType == OrdType.STOP_LIMIT;
        final TimeInForce timeInForce = order.timeInForce();
        final PaperOrder paperOrder = acquireOrder();
        paperOrder.init(
            incoming,
            instrument,
            ordType,
            quantity,
            hasLimit ? price : Fixed.NULL,
            hasStop ? stopPrice : Fixed.NULL,
            timeInForce == TimeInForce.IOC || timeInForce == TimeInForce.FOK);
        paperOrder.identity.venueOrderId().set(VENUE_ORDER_ID_PREFIX, nextVenueOrderId++);

        reportNew(paperOrder, nowNs);
        if (execute(paperOrder, nowNs))
        {
            retire(paperOrder);
        }
        else
        {
            openOrders.add(paperOrder);
        }
    }

    /**
     * Cancel a resting order, or refuse with the reason.
     *
     * @param cancel decoder over the CancelOrder.
     * @param nowNs  epoch nanoseconds of this duty cycle.
     */
    public void onCancelOrder(final CancelOrderDecoder cancel, final long nowNs)
    {
        incoming.set(cancel);
        final PaperOrder open = findOpen(incoming);
        if (open != null)
        {
            openOrders.remove(open);
            open.status = OrdStatus.CANCELED;
            execution.reset(open.identity)
                .execType(ExecType.CANCELED)
                .ordStatus(OrdStatus.CANCELED)
                .cumQty(open.cumQty)
                .leavesQty(0)
                .avgPrice(open.avgPrice);
            publisher.executionReport(execution, nowNs);
            retire(open);
            return;
        }

        final PaperOrder done = findDone(incoming);
        if (done != null)
        {
            execution.reset(done.identity)
                .execType(ExecType.CANCEL_REJECTED)
                .ordStatus(done.status)
                .cumQty(done.cumQty)
                .leavesQty(0)
                .avgPrice(done.avgPrice)
                .text("order is already ")
                .appendText(done.status.name())
                .appendText(": ")
                .appendText(done.identity.clientOrderId());
        }
        else
        {
            execution.reset(incoming)
                .execType(ExecType.CANCEL_REJECTED)
                .ordStatus(OrdStatus.REJECTED)
                .text("unknown order: ")
                .appendText(incoming.clientOrderId());
        }
        publisher.executionReport(execution, nowNs);
    }

    /**
     * Re-price a resting order (a signal's "change entry"): a new limit price and stop trigger replace the old (null
     * leaves one as it was), and the order meets the current prices at once, as after a price change. An amend of an
     * order that is not open changes nothing: its last report stands. Quantities and the stops of positions are not
     * simulated.
     *
     * @param amend decoder over the AmendOrder.
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    public void onAmendOrder(final AmendOrderDecoder amend, final long nowNs)
    {
        amendId.setFromFixed(amend.buffer(), amend.offset() + AmendOrderDecoder.clientOrderIdEncodingOffset(),
            AmendOrderDecoder.clientOrderIdLength());
        for (int i = 0, size = openOrders.size(); i < size; i++)
        {
            final PaperOrder open = openOrders.get(i);
            if (open.identity.clientOrderId().contentEquals(amendId))
            {
                final long price = amend.price();
                final long stopPrice = amend.stopPrice();
                if (price != Fixed.NULL && price > 0 && open.limitPrice != Fixed.NULL)
                {
                    open.limitPrice = price;
                }
                if (stopPrice != Fixed.NULL && stopPrice > 0 && open.stopPrice != Fixed.NULL && !open.triggered)
                {
                    open.stopPrice = stopPrice;
                }
                if (execute(open, nowNs))
                {
                    openOrders.remove(i);
                    retire(open);
                }
                return;
            }
        }
    }

    /**
     * Reconciliation: answer from the paper book (open orders, then the bounded record of finished ones); an
     * order it never received is NOT_FOUND.
     *
     * @param query the engine's question.
     * @param nowNs epoch nanoseconds of this duty cycle.
     */
    public void onOrderStatusRequest(final OrderStatusQuery query, final long nowNs)
    {
        incoming.set(query.order());
        PaperOrder order = findOpen(incoming);
        if (order == null)
        {
            order = findDone(incoming);
        }
        if (order == null)
        {
            publisher.executionReport(query.notFound(execution), nowNs);
            return;
        }
        query.answer(execution, order.status, order.cumQty, order.avgPrice).order().venueOrderId().set(order.identity.venueOrderId());
        publisher.executionReport(execution, nowNs);
    }

    /**
     * Apply queued prices, step the walk and republish market data, each when due.
     *
     * @param nowNs epoch nanoseconds of this duty cycle.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        return applyPriceUpdates(nowNs) +
            walk(nowNs) +
            republishMarketData(nowNs);
    }

    /**
     * Nothing to release: the paper venue holds no connections.
     */
    public void onClose()
    {
    }

    private int applyPriceUpdates(final long nowNs)
    {
        int work = 0;
        PriceUpdate update;
        while ((update = priceUpdates.poll()) != null)
        {
            update.instrument.mid(update.midFixed);
            onPriceChange(update.instrument, nowNs);
            work++;
        }
        return work;
    }

    private int walk(final long nowNs)
    {
        if (!walkEnabled || nowNs - nextWalkNs < 0)
        {
            return 0;
        }
        nextWalkNs = nowNs + walkIntervalNs;
        for (final PaperInstrument instrument : instruments)
        {
            if (instrument.moveBps(random.nextSigned(walkBps)))
            {
                onPriceChange(instrument, nowNs);
            }
        }
        return 1;
    }

    private int republishMarketData(final long nowNs)
    {
        if (nowNs - nextMarketDataNs < 0)
        {
            return 0;
        }
        nextMarketDataNs = nowNs + marketDataIntervalNs;
        publishAllMarketData(nowNs);
        return 1;
    }

    private void onPriceChange(final PaperInstrument instrument, final long nowNs)
    {
        publishMarketData(instrument, nowNs);
        int i = 0;
        while (i < openOrders.size())
        {
            final PaperOrder order = openOrders.get(i);
            if (order.instrument == instrument && execute(order, nowNs))
            {
                openOrders.remove(i);
                retire(order);
            }
            else
            {
                i++;
            }
        }
    }

    /**
     * Trigger, fill or expire an order against the current prices.
     *
     * @return true when the order is done (filled or expired), false when it rests.
     */
    private boolean execute(final PaperOrder order, final long nowNs)
    {
        if (!order.triggered)
        {
            if (!order.isStopTriggered())
            {
                return false;
            }
            order.triggered = true;
        }

        if (order.limitPrice == Fixed.NULL)
        {
            fill(order, order.marketPrice(), nowNs);
            return true;
        }
        if (order.isMarketable())
        {
            fill(order, order.resting ? order.limitPrice : order.marketPrice(), nowNs);
            return true;
        }
        if (order.immediateOrCancel && !order.resting)
        {
            expire(order, nowNs);
            return true;
        }
        order.resting = true;
        return false;
    }

    private void fill(final PaperOrder order, final long price, final long nowNs)
    {
        order.status = OrdStatus.FILLED;
        order.cumQty = order.quantity;
        order.avgPrice = price;
        execution.reset(order.identity)
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.FILLED)
            .lastQty(order.quantity)
            .lastPrice(price)
            .cumQty(order.quantity)
            .leavesQty(0)
            .avgPrice(price);
        publisher.executionReport(execution, nowNs);
    }

    private void expire(final PaperOrder order, final long nowNs)
    {
        order.status = OrdStatus.EXPIRED;
        execution.reset(order.identity)
            .execType(ExecType.EXPIRED)
            .ordStatus(OrdStatus.EXPIRED)
            .leavesQty(0)
            .text("immediate-or-cancel order could not fill at the current price");
        publisher.executionReport(execution, nowNs);
    }

    private void reportNew(final PaperOrder order, final long nowNs)
    {
        execution.reset(order.identity)
            .execType(ExecType.NEW)
            .ordStatus(OrdStatus.NEW)
            .leavesQty(order.quantity);
        publisher.executionReport(execution, nowNs);
    }

    private void reject(final OrderIdentity order, final String reason, final AsciiField subject, final long nowNs)
    {
        execution.reset(order)
            .execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED)
            .text(reason);
        if (subject != null)
        {
            execution.appendText(subject);
        }
        publisher.executionReport(execution, nowNs);
    }

    private static String validate(
        final Side side, final OrdType ordType, final long quantity, final long price, final long stopPrice)
    {
        if (quantity <= 0)
        {
            return "quantity must be positive";
        }
        if (side != Side.BUY && side != Side.SELL)
        {
            return "side must be BUY or SELL";
        }
        if (ordType == OrdType.NULL_VAL)
        {
            return "order type must be MARKET, LIMIT, STOP or STOP_LIMIT";
        }
        if ((ordType == OrdType.LIMIT || ordType == OrdType.STOP_LIMIT) && price <= 0)
        {
            return ordType == OrdType.LIMIT ? "LIMIT order needs a positive price" : "STOP_LIMIT order needs a positive price";
        }
        if ((ordType == OrdType.STOP || ordType == OrdType.STOP_LIMIT) && stopPrice <= 0)
        {
            return ordType == OrdType.STOP ? "STOP order needs a positive stop price" : "STOP_LIMIT order needs a positive stop price";
        }
        return null;
    }

    private void publishAllMarketData(final long nowNs)
    {
        for (final PaperInstrument instrument : instruments)
        {
            publishMarketData(instrument, nowNs);
        }
    }

    private void publishMarketData(final PaperInstrument instrument, final long nowNs)
    {
        publisher.marketData(instrument.symbol, instrument.bid(), instrument.ask(), instrument.mid(), nowNs);
    }

    private PaperInstrument instrument(final OrderIdentity order)
    {
        for (final PaperInstrument instrument : instruments)
        {
            if (instrument.symbol.contentEquals(order.symbol()))
            {
                return instrument;
            }
        }
        return null;
    }

    private PaperInstrument instrument(final String symbol)
    {
        for (final PaperInstrument instrument : instruments)
        {
            if (instrument.name.equals(symbol))
            {
                return instrument;
            }
        }
        return null;
    }

    private PaperOrder findOpen(final OrderIdentity order)
    {
        for (int i = 0, size = openOrders.size(); i < size; i++)
        {
            final PaperOrder open = openOrders.get(i);
            if (open.identity.clientOrderId().contentEquals(order.clientOrderId()))
            {
                return open;
            }
        }
        return null;
    }

    // Newest first, so a reused client order id answers with its latest order.
    private PaperOrder findDone(final OrderIdentity order)
    {
        for (int n = 1; n <= DONE_ORDERS_KEPT; n++)
        {
            final PaperOrder done = doneOrders[Math.floorMod(doneOrdersNext - n, DONE_ORDERS_KEPT)];
            if (done == null)
            {
                return null;
            }
            if (done.identity.clientOrderId().contentEquals(order.clientOrderId()))
            {
                return done;
            }
        }
        return null;
    }

    private PaperOrder acquireOrder()
    {
        final PaperOrder order = orderPool.pollFirst();
        return order != null ? order : new PaperOrder();
    }

    // Finished orders are kept (bounded) so a late cancel gets the order's real status, then recycled.
    private void retire(final PaperOrder order)
    {
        final PaperOrder evicted = doneOrders[doneOrdersNext];
        if (evicted != null)
        {
            orderPool.addLast(evicted);
        }
        doneOrders[doneOrdersNext] = order;
        doneOrdersNext = (doneOrdersNext + 1) % DONE_ORDERS_KEPT;
    }

    private static long positiveMillisAsNanos(final Settings settings, final String key, final long defaultMs)
    {
        final long ms = settings.getLong(key, defaultMs);
        if (ms <= 0)
        {
            throw new IllegalArgumentException(key + " must be positive, was " + ms);
        }
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static void requireNonNegative(final String key, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(key + " must not be negative, was " + Fixed.toString(value));
        }
    }

    private static final class PriceUpdate
    {
        final PaperInstrument instrument;
        final long midFixed;

        PriceUpdate(final PaperInstrument instrument, final long midFixed)
        {
            this.instrument = instrument;
            this.midFixed = midFixed;
        }
    }
}
