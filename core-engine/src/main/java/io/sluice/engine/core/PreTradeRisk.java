package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TradingState;

/**
 * The pre-trade gate chain, run in event time on every order before it is routed. In order: trading states
 * (global, account, venue, instrument: HALTED refuses everything, REDUCING lets only reducing orders pass),
 * reduce-only, session calendar, instrument rules (lot, min/max quantity, tick), maximum order quantity,
 * fat finger, reference price freshness, price collar, notional and minimum notional, position and exposure
 * limits (counting live orders), concentration, open positions, trades per day, buying power, order rate
 * (account then venue) and gateway state. A refusal names the gate, the limit and the value that broke it.
 */
final class PreTradeRisk
{
    private static final long HUNDRED = Fixed.of(100);

    private final NameIndex accounts;
    private final NameIndex venues;
    private final NameIndex instruments;
    private final RiskLimits limits;
    private final InstrumentRules rules;
    private final SessionCalendars calendars;
    private final RateLimiter accountRates;
    private final RateLimiter venueRates;
    private final long[] venueOrdersPerSecond;
    private final long[] venueOrderBurst;

    private TradingState globalState = TradingState.ACTIVE;
    private final TradingState[] accountStates;
    private final TradingState[] venueStates;
    private final TradingState[] instrumentStates;
    final boolean[] dayLocked;
    final boolean[] accountDisabled;
    final boolean[] venueBreakerTripped;
    final boolean[] venueHaltedByGateway;

    RejectReason reason;
    String field;
    long limitValue;
    long actualValue;
    final AsciiText detail = new AsciiText();
    /** True while a dry run asks: the gates decide as usual but spend no rate tokens. */
    boolean probe;

    PreTradeRisk(
        final CoreConfig config,
        final NameIndex accounts,
        final NameIndex venues,
        final NameIndex instruments,
        final RiskLimits limits,
        final InstrumentRules rules,
        final SessionCalendars calendars)
    {
        this.accounts = accounts;
        this.venues = venues;
        this.instruments = instruments;
        this.limits = limits;
        this.rules = rules;
        this.calendars = calendars;
        this.accountRates = new RateLimiter(accounts.capacity());
        this.venueRates = new RateLimiter(venues.size());
        this.venueOrdersPerSecond = new long[venues.size()];
        this.venueOrderBurst = new long[venues.size()];
        for (int v = 0; v < venues.size(); v++)
        {
            venueOrdersPerSecond[v] = config.venueOrdersPerSecond(venues.nameString(v));
            venueOrderBurst[v] = config.venueOrderBurst(venues.nameString(v));
        }
        this.accountStates = filled(accounts.capacity());
        this.venueStates = filled(venues.size());
        this.instrumentStates = filled(instruments.capacity());
        this.dayLocked = new boolean[accounts.capacity()];
        this.accountDisabled = new boolean[accounts.capacity()];
        this.venueBreakerTripped = new boolean[venues.size()];
        this.venueHaltedByGateway = new boolean[venues.size()];
    }

    private static TradingState[] filled(final int size)
    {
        final TradingState[] states = new TradingState[size];
        java.util.Arrays.fill(states, TradingState.ACTIVE);
        return states;
    }

    /**
     * Run every gate on one order (all slices of it when it will be sliced).
     *
     * @return true when the order may be routed; otherwise the fields say why not.
     */
    boolean check(
        final OrderCheck order,
        final GatewayState gatewayState,
        final MarketPrices prices,
        final Positions positions,
        final AccountRisk accountRisk)
    {
        reason = null;
        field = null;
        limitValue = Fixed.NULL;
        actualValue = Fixed.NULL;
        detail.clear();
        final int a = order.accountId;
        final int i = order.instrumentId;
        final int v = order.venueId;
        final long position = positions.quantity(a, i);
        // Reducing: with the live orders already working on the same side, the position only shrinks.
        final long working = order.side == Side.BUY ? positions.pendingBuy(a, i) : positions.pendingSell(a, i);
        // On a hedging account only a reduce-only order closes (any other opens its own ticket), sized by the tickets.
        final boolean reducing = order.hedgedOpposite == Fixed.NULL ? reduces(position, order.side, order.quantity + working) :
            order.reduceOnly && reduces(order.hedgedOpposite, order.side, order.quantity + working);

        // Trading states.
        if (globalState == TradingState.HALTED)
        {
            refuse(RejectReason.KILL_SWITCH, null).append("kill switch is on for all accounts");
            return false;
        }
        if (accountStates[a] == TradingState.HALTED)
        {
            if (dayLocked[a])
            {
                refuse(RejectReason.DAY_LOCK, null).append("account ").append(accounts.name(a))
                    .append(" is locked for the day after its loss limit; it reopens at the next day reset");
            }
            else
            {
                refuse(RejectReason.KILL_SWITCH, null).append("kill switch is on for account ").append(accounts.name(a));
            }
            return false;
        }
        if (venueStates[v] == TradingState.HALTED)
        {
            refuse(venueBreakerTripped[v] ? RejectReason.CIRCUIT_BREAKER :
                venueHaltedByGateway[v] ? RejectReason.GATEWAY_DOWN : RejectReason.KILL_SWITCH, "venue")
                .append(venueBreakerTripped[v] ? "circuit breaker halted venue " :
                    venueHaltedByGateway[v] ? "gateway went down; halted venue " : "kill switch is on for venue ")
                .append(venues.name(v)).append(" until an operator resumes it");
            return false;
        }
        if (instrumentStates[i] == TradingState.HALTED)
        {
            refuse(RejectReason.KILL_SWITCH, "symbol").append("kill switch is on for ").append(instruments.name(i));
            return false;
        }
        if (!reducing && (globalState == TradingState.REDUCING || accountStates[a] == TradingState.REDUCING ||
            venueStates[v] == TradingState.REDUCING || instrumentStates[i] == TradingState.REDUCING))
        {
            refuse(RejectReason.REDUCING_ONLY, null).append("only orders that reduce a position may trade now; position ")
                .appendFixed(position);
            return false;
        }
        if (accountDisabled[a] && !reducing)
        {
            refuse(RejectReason.ACCOUNT_DISABLED, "account").append("account ").append(accounts.name(a))
                .append(" is disabled: only orders that reduce a position may trade; position ").appendFixed(position);
            return false;
        }
        if (order.reduceOnly && !reducing)
        {
            refuse(RejectReason.REDUCE_ONLY, "reduceOnly").append("reduce-only order would not reduce position ")
                .appendFixed(position);
            return false;
        }

        // Session.
        final int calendar = rules.calendar(i);
        if (!calendars.isOpen(calendar, order.nowNs))
        {
            refuse(RejectReason.SESSION_CLOSED, null).append(calendars.name(calendar)).append(" session is closed for ")
                .append(instruments.name(i));
            return false;
        }

        // Instrument rules: every slice must satisfy them.
        final long lot = rules.lotSize(i);
        if (lot != Fixed.NULL && lot > 0 && order.quantity % lot != 0)
        {
            return refuseValue(RejectReason.LOT_SIZE, "qty", lot, order.quantity, NOTMULTIPLE, "qty", "lotSize");
        }
        final long minQty = rules.minQty(i);
        if (minQty != Fixed.NULL && order.quantity < minQty)
        {
            return refuseValue(RejectReason.MIN_QTY, "qty", minQty, order.quantity, BELOW, "qty", "minQty");
        }
        final long maxQty = rules.maxQty(i);
        final long largestSlice = rules.freezeQty(i) != Fixed.NULL ? Math.min(order.quantity, rules.freezeQty(i)) : order.quantity;
        if (maxQty != Fixed.NULL && largestSlice > maxQty)
        {
            return refuseValue(RejectReason.MAX_QTY, "qty", maxQty, largestSlice, EXCEEDS, "qty", "maxQty");
        }
        final long tick = rules.tickSize(i);
        if (tick != Fixed.NULL && tick > 0)
        {
            if (order.price != Fixed.NULL && order.price % tick != 0)
            {
                return refuseValue(RejectReason.TICK_SIZE, "price", tick, order.price, NOTMULTIPLE, "price", "tickSize");
            }
            if (order.stopPrice != Fixed.NULL && order.stopPrice % tick != 0)
            {
                return refuseValue(RejectReason.TICK_SIZE, "stopPrice", tick, order.stopPrice, NOTMULTIPLE, "stopPrice", "tickSize");
            }
        }

        // Order size.
        final long maxOrderQty = limits.get(a, i, Limit.MAX_ORDER_QTY);
        if (maxOrderQty != Fixed.NULL && order.quantity > maxOrderQty)
        {
            refuseValue(RejectReason.MAX_ORDER_QTY, "qty", maxOrderQty, order.quantity, EXCEEDS, "qty", "maxOrderQty");
            detail.append(" of account ").append(accounts.name(a));
            return false;
        }
        final long fatFinger = limits.get(a, i, Limit.FAT_FINGER_MULTIPLE);
        final long usual = rules.usualQty(i);
        if (fatFinger != Fixed.NULL && usual != Fixed.NULL && !reducing)
        {
            final long ceiling = Fixed.multiply(usual, fatFinger);
            if (order.quantity > ceiling)
            {
                return refuseValue(RejectReason.FAT_FINGER, "qty", ceiling, order.quantity, EXCEEDS, "qty", "fatFingerMultiple x usualQty");
            }
        }

        // Reference price: fresh quote for market and stop orders, collar for priced orders.
        final long quoteAgeLimitMs = limits.get(a, i, Limit.MAX_QUOTE_AGE_MS);
        final boolean fresh = prices.hasQuote(i) &&
            (quoteAgeLimitMs == Fixed.NULL || order.nowNs - prices.updatedNs(i) <= quoteAgeLimitMs / Fixed.SCALE * 1_000_000L);
        final long reference = prices.reference(i, order.side);
        if (order.ordType == OrdType.MARKET && reference == Fixed.NULL)
        {
            refuse(RejectReason.NO_REFERENCE_PRICE, null).append("no market price yet for a market order in ")
                .append(instruments.name(i));
            return false;
        }
        if (order.ordType == OrdType.MARKET && !fresh)
        {
            refuse(RejectReason.STALE_PRICE, null).append("the last quote for ").append(instruments.name(i))
                .append(" is older than maxQuoteAgeMs ").appendFixed(quoteAgeLimitMs);
            limitValue = quoteAgeLimitMs;
            actualValue = Fixed.of((order.nowNs - prices.updatedNs(i)) / 1_000_000L);
            return false;
        }
        final long mark = prices.mark(i);
        if (order.price != Fixed.NULL && mark != Fixed.NULL && fresh)
        {
            final long distance = Math.abs(order.price - mark);
            final long collarPct = limits.get(a, i, Limit.PRICE_COLLAR_PCT);
            if (collarPct != Fixed.NULL)
            {
                final long allowed = Fixed.mulDiv(mark, collarPct, HUNDRED);
                if (distance > allowed)
                {
                    refuseValue(RejectReason.PRICE_COLLAR, "price", allowed, distance, EXCEEDS, "distance from market", "priceCollarPct band");
                    detail.append(" (market ").appendFixed(mark).append(")");
                    return false;
                }
            }
            final long collarTicks = limits.get(a, i, Limit.PRICE_COLLAR_TICKS);
            if (collarTicks != Fixed.NULL && tick != Fixed.NULL && tick > 0)
            {
                final long allowed = Fixed.multiply(tick, collarTicks);
                if (distance > allowed)
                {
                    return refuseValue(RejectReason.PRICE_COLLAR, "price", allowed, distance, EXCEEDS, "distance from market", "priceCollarTicks band");
                }
            }
        }

        // Notional.
        final long orderPrice = order.ordType == OrdType.LIMIT || order.ordType == OrdType.STOP_LIMIT ? order.price :
            order.ordType == OrdType.STOP ? order.stopPrice : reference;
        final long notional = Fixed.multiply(Fixed.multiply(orderPrice, order.quantity), rules.contractSize(i));
        final long maxNotional = limits.get(a, i, Limit.MAX_NOTIONAL);
        if (maxNotional != Fixed.NULL && notional > maxNotional)
        {
            refuseValue(RejectReason.MAX_NOTIONAL, "qty", maxNotional, notional, EXCEEDS, "notional", "maxNotional");
            detail.append(" of account ").append(accounts.name(a));
            return false;
        }
        final long minNotional = rules.minNotional(i);
        if (minNotional != Fixed.NULL && notional < minNotional)
        {
            return refuseValue(RejectReason.MIN_NOTIONAL, "qty", minNotional, notional, BELOW, "notional", "minNotional");
        }

        // Position and exposure, counting live orders on the same side (worst case).
        if (!reducing)
        {
            final long signed = order.side == Side.BUY ? order.quantity : -order.quantity;
            final long pending = order.side == Side.BUY ? positions.pendingBuy(a, i) : -positions.pendingSell(a, i);
            // A hedging account's opening order adds to its own side's tickets, whatever the other side holds.
            final long sidePosition = order.hedgedSame == Fixed.NULL ? position : order.hedgedSame;
            final long projected = sidePosition + pending + signed;
            final long maxPosition = limits.get(a, i, Limit.MAX_POSITION_QTY);
            if (maxPosition != Fixed.NULL && Math.abs(projected) > maxPosition)
            {
                return refuseValue(RejectReason.MAX_POSITION, "qty", maxPosition, Math.abs(projected),
                    EXCEEDS, "position with live orders", "maxPositionQty");
            }
            final long markOrPrice = mark != Fixed.NULL ? mark : orderPrice;
            final long projectedNotional = Fixed.multiply(Fixed.multiply(Math.abs(projected), markOrPrice), rules.contractSize(i));
            final long maxPositionNotional = limits.get(a, i, Limit.MAX_POSITION_NOTIONAL);
            if (maxPositionNotional != Fixed.NULL && projectedNotional > maxPositionNotional)
            {
                return refuseValue(RejectReason.MAX_POSITION_NOTIONAL, "qty", maxPositionNotional, projectedNotional,
                    EXCEEDS, "position notional", "maxPositionNotional");
            }
            final long currentNotional = Fixed.multiply(Fixed.multiply(Math.abs(sidePosition), markOrPrice), rules.contractSize(i));
            final long gross = positions.grossExposure(a, prices, rules) - currentNotional + projectedNotional;
            final long maxGross = limits.account(a, Limit.MAX_GROSS_EXPOSURE);
            if (maxGross != Fixed.NULL && gross > maxGross)
            {
                return refuseValue(RejectReason.MAX_GROSS_EXPOSURE, "qty", maxGross, gross, EXCEEDS, "gross exposure", "maxGrossExposure");
            }
            final long signedNotional = Fixed.multiply(Fixed.multiply(projected - sidePosition, markOrPrice), rules.contractSize(i));
            final long net = Math.abs(positions.netExposure(a, prices, rules) + signedNotional);
            final long maxNet = limits.account(a, Limit.MAX_NET_EXPOSURE);
            if (maxNet != Fixed.NULL && net > maxNet)
            {
                return refuseValue(RejectReason.MAX_NET_EXPOSURE, "qty", maxNet, net, EXCEEDS, "net exposure", "maxNetExposure");
            }
            final long concentration = limits.get(a, i, Limit.MAX_CONCENTRATION_PCT);
            final long equity = accountRisk.equity(a, limits);
            if (concentration != Fixed.NULL && equity != Fixed.NULL && equity > 0)
            {
                final long pct = Fixed.mulDiv(projectedNotional, HUNDRED, equity);
                if (pct > concentration)
                {
                    return refuseValue(RejectReason.CONCENTRATION, "qty", concentration, pct,
                        EXCEEDS, "share of equity (%)", "maxConcentrationPct");
                }
            }
            final long maxOpen = limits.account(a, Limit.MAX_OPEN_POSITIONS);
            if (maxOpen != Fixed.NULL && !positions.isOpen(a, i) && positions.pendingBuy(a, i) == 0 && positions.pendingSell(a, i) == 0)
            {
                final long open = Fixed.of(positions.openPositions(a) + 1);
                if (open > maxOpen)
                {
                    return refuseValue(RejectReason.MAX_OPEN_POSITIONS, "symbol", maxOpen, open, EXCEEDS, "open positions", "maxOpenPositions");
                }
            }
            final long available = accountRisk.marginAvailable(a);
            final long required = accountRisk.marginRequired(a, notional);
            if (available != Fixed.NULL && required > available)
            {
                return refuseValue(RejectReason.BUYING_POWER, "qty", available, required, EXCEEDS, "margin required", "margin available");
            }
        }
        final long maxTrades = limits.account(a, Limit.MAX_TRADES_PER_DAY);
        if (maxTrades != Fixed.NULL && Fixed.of(accountRisk.tradesToday(a) + order.slices) > maxTrades)
        {
            return refuseValue(RejectReason.MAX_TRADES_PER_DAY, null, maxTrades, Fixed.of(accountRisk.tradesToday(a) + order.slices),
                EXCEEDS, "orders today", "maxTradesPerDay");
        }

        // DEGRADED still routes: the gateway refuses what it cannot do with a reason (an Indian broker account whose
        // session expired gets SESSION_EXPIRED while the venue's other accounts keep trading).
        if (gatewayState != GatewayState.UP && gatewayState != GatewayState.DEGRADED)
        {
            refuse(RejectReason.GATEWAY_DOWN, "venue").append("gateway ").append(venues.name(v))
                .append(gatewayState == null ? " has not reported yet" : " is not up");
            return false;
        }

        // Rates last, so refused orders spend no tokens.
        final long accountRate = limits.account(a, Limit.ORDERS_PER_SECOND);
        final long accountBurst = limits.account(a, Limit.ORDER_BURST);
        final long rate = accountRate == Fixed.NULL ? 0 : accountRate / Fixed.SCALE;
        final long burst = accountBurst == Fixed.NULL ? Math.max(1, rate) : accountBurst / Fixed.SCALE;
        if (!accountRates.canAcquire(a, rate, burst, order.nowNs, order.slices) ||
            !venueRates.canAcquire(v, venueOrdersPerSecond[v], venueOrderBurst[v], order.nowNs, order.slices))
        {
            final boolean accountLimited = !accountRates.canAcquire(a, rate, burst, order.nowNs, order.slices);
            refuse(RejectReason.RATE_LIMIT, null).append(accountLimited ? "order rate of account " : "order rate of venue ")
                .append(accountLimited ? accounts.name(a) : venues.name(v)).append(" exceeded: ")
                .appendLong(accountLimited ? rate : venueOrdersPerSecond[v]).append(" orders/s, burst ")
                .appendLong(accountLimited ? burst : venueOrderBurst[v]);
            limitValue = Fixed.of(accountLimited ? rate : venueOrdersPerSecond[v]);
            return false;
        }
        if (!probe)
        {
            accountRates.acquire(a, rate, burst, order.nowNs, order.slices);
            venueRates.acquire(v, venueOrdersPerSecond[v], venueOrderBurst[v], order.nowNs, order.slices);
        }
        return true;
    }

    static boolean reduces(final long position, final Side side, final long quantity)
    {
        return (position > 0 && side == Side.SELL && quantity <= position) ||
            (position < 0 && side == Side.BUY && quantity <= -position);
    }

    /**
     * The gates a new price of a working order must pass (a signal's "change entry"): nothing halted, the tick size,
     * and the price collar around a fresh mark. Quantity, position and exposure are the order's own, already checked
     * when it was placed.
     *
     * @return true when the new price may go to the venue; otherwise {@link #reason} and {@link #detail} say why.
     */
    boolean checkNewPrice(final int a, final int i, final int v, final long newPrice, final long nowNs, final MarketPrices prices)
    {
        reason = null;
        field = null;
        limitValue = Fixed.NULL;
        actualValue = Fixed.NULL;
        detail.clear();
        if (globalState == TradingState.HALTED || accountStates[a] == TradingState.HALTED ||
            venueStates[v] == TradingState.HALTED || instrumentStates[i] == TradingState.HALTED)
        {
            refuse(RejectReason.KILL_SWITCH, null).append("trading is halted for ").append(instruments.name(i))
                .append(" at account ").append(accounts.name(a)).append(": working orders keep their price");
            return false;
        }
        final long tick = rules.tickSize(i);
        if (tick != Fixed.NULL && tick > 0 && newPrice % tick != 0)
        {
            return refuseValue(RejectReason.TICK_SIZE, "price", tick, newPrice, NOTMULTIPLE, "price", "tickSize");
        }
        final long quoteAgeLimitMs = limits.get(a, i, Limit.MAX_QUOTE_AGE_MS);
        final boolean fresh = prices.hasQuote(i) &&
            (quoteAgeLimitMs == Fixed.NULL || nowNs - prices.updatedNs(i) <= quoteAgeLimitMs / Fixed.SCALE * 1_000_000L);
        final long mark = prices.mark(i);
        if (mark == Fixed.NULL || !fresh)
        {
            return true;
        }
        final long distance = Math.abs(newPrice - mark);
        final long collarPct = limits.get(a, i, Limit.PRICE_COLLAR_PCT);
        if (collarPct != Fixed.NULL && distance > Fixed.mulDiv(mark, collarPct, HUNDRED))
        {
            refuseValue(RejectReason.PRICE_COLLAR, "price", Fixed.mulDiv(mark, collarPct, HUNDRED), distance, EXCEEDS,
                "distance from market", "priceCollarPct band");
            detail.append(" (market ").appendFixed(mark).append(")");
            return false;
        }
        final long collarTicks = limits.get(a, i, Limit.PRICE_COLLAR_TICKS);
        if (collarTicks != Fixed.NULL && tick != Fixed.NULL && tick > 0 && distance > Fixed.multiply(tick, collarTicks))
        {
            return refuseValue(RejectReason.PRICE_COLLAR, "price", Fixed.multiply(tick, collarTicks), distance, EXCEEDS,
                "distance from market", "priceCollarTicks band");
        }
        return true;
    }

    private AsciiText refuse(final RejectReason reason, final String field)
    {
        this.reason = reason;
        this.field = field;
        return detail;
    }

    private static final int EXCEEDS = 0;
    private static final int BELOW = 1;
    private static final int NOTMULTIPLE = 2;

    // "qty 150 exceeds maxOrderQty 100": the subject, its value, the limit's name and the limit.
    private boolean refuseValue(
        final RejectReason reason,
        final String field,
        final long limit,
        final long value,
        final int relation,
        final String subject,
        final String limitName)
    {
        refuse(reason, field).append(subject).append(" ").appendFixed(value)
            .append(relation == EXCEEDS ? " exceeds " : relation == BELOW ? " is below " : " is not a multiple of ")
            .append(limitName).append(" ").appendFixed(limit);
        limitValue = limit;
        actualValue = value;
        return false;
    }

    TradingState globalState()
    {
        return globalState;
    }

    void globalState(final TradingState state)
    {
        globalState = state;
    }

    TradingState accountState(final int accountId)
    {
        return accountStates[accountId];
    }

    void accountState(final int accountId, final TradingState state)
    {
        accountStates[accountId] = state;
    }

    TradingState venueState(final int venueId)
    {
        return venueStates[venueId];
    }

    void venueState(final int venueId, final TradingState state)
    {
        venueStates[venueId] = state;
    }

    TradingState instrumentState(final int instrumentId)
    {
        return instrumentStates[instrumentId];
    }

    void instrumentState(final int instrumentId, final TradingState state)
    {
        instrumentStates[instrumentId] = state;
    }

    void writeState(final io.sluice.engine.snapshot.StateWriter out)
    {
        out.putInt(globalState.value());
        writeStates(out, accountStates);
        writeStates(out, venueStates);
        writeStates(out, instrumentStates);
        out.putBooleans(dayLocked).putBooleans(venueBreakerTripped).putBooleans(venueHaltedByGateway).putBooleans(accountDisabled);
        accountRates.writeState(out);
        venueRates.writeState(out);
    }

    void readState(final io.sluice.engine.snapshot.StateReader in)
    {
        globalState = TradingState.get((short)in.getInt());
        readStates(in, accountStates);
        readStates(in, venueStates);
        readStates(in, instrumentStates);
        in.getBooleans(dayLocked);
        in.getBooleans(venueBreakerTripped);
        in.getBooleans(venueHaltedByGateway);
        in.getBooleans(accountDisabled);
        accountRates.readState(in);
        venueRates.readState(in);
    }

    private static void writeStates(final io.sluice.engine.snapshot.StateWriter out, final TradingState[] states)
    {
        out.putInt(states.length);
        for (final TradingState state : states)
        {
            out.putInt(state.value());
        }
    }

    private static void readStates(final io.sluice.engine.snapshot.StateReader in, final TradingState[] states)
    {
        if (in.getInt() != states.length)
        {
            throw new io.sluice.engine.snapshot.SnapshotException("trading states of another configuration");
        }
        for (int i = 0; i < states.length; i++)
        {
            states[i] = TradingState.get((short)in.getInt());
        }
    }

    long stateHash()
    {
        long hash = globalState.value();
        for (final TradingState state : accountStates)
        {
            hash = 31 * hash + state.value();
        }
        for (final TradingState state : venueStates)
        {
            hash = 31 * hash + state.value();
        }
        for (final TradingState state : instrumentStates)
        {
            hash = 31 * hash + state.value();
        }
        hash = 31 * hash + java.util.Arrays.hashCode(dayLocked);
        hash = 31 * hash + java.util.Arrays.hashCode(venueBreakerTripped);
        hash = 31 * hash + java.util.Arrays.hashCode(venueHaltedByGateway);
        hash = 31 * hash + java.util.Arrays.hashCode(accountDisabled);
        hash = 31 * hash + accountRates.stateHash();
        hash = 31 * hash + venueRates.stateHash();
        return hash;
    }
}
