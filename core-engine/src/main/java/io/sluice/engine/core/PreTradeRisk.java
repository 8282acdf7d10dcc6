package io.sluice.engine.core;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TradingState;

/**
 * The pre-trade gates, run in order on every order before it is routed: kill switch (global, then
 * account), maximum order quantity, reference price, maximum notional, gateway state. A refusal says
 * which gate, the limit and the value that broke it.
 */
final class PreTradeRisk
{
    private final long[] maxOrderQty;
    private final long[] maxNotional;
    private final NameIndex accounts;
    private final NameIndex venues;
    private TradingState globalState = TradingState.ACTIVE;
    private final TradingState[] accountStates;

    RejectReason reason;
    String field;
    long limitValue;
    long actualValue;
    final AsciiText detail = new AsciiText();

    PreTradeRisk(final CoreConfig config, final NameIndex accounts, final NameIndex venues)
    {
        this.accounts = accounts;
        this.venues = venues;
        final int count = config.accounts.size();
        this.maxOrderQty = new long[count];
        this.maxNotional = new long[count];
        this.accountStates = new TradingState[count];
        for (int i = 0; i < count; i++)
        {
            maxOrderQty[i] = config.accounts.get(i).maxOrderQty;
            maxNotional[i] = config.accounts.get(i).maxNotional;
            accountStates[i] = TradingState.ACTIVE;
        }
    }

    /**
     * Run every gate on one order.
     *
     * @return true when the order may be routed; otherwise the fields say why not.
     */
    boolean check(
        final int accountId,
        final int venueId,
        final GatewayState venueState,
        final Side side,
        final OrdType ordType,
        final long quantity,
        final long price,
        final long stopPrice,
        final MarketPrices prices,
        final int instrumentId)
    {
        reason = null;
        field = null;
        limitValue = Fixed.NULL;
        actualValue = Fixed.NULL;
        detail.clear();

        if (globalState == TradingState.HALTED)
        {
            refuse(RejectReason.KILL_SWITCH, null).append("kill switch is on for all accounts");
            return false;
        }
        if (accountStates[accountId] == TradingState.HALTED)
        {
            refuse(RejectReason.KILL_SWITCH, null).append("kill switch is on for account ").append(accounts.name(accountId));
            return false;
        }
        if (quantity > maxOrderQty[accountId])
        {
            refuse(RejectReason.MAX_ORDER_QTY, "qty").append("qty ").appendFixed(quantity)
                .append(" exceeds maxOrderQty ").appendFixed(maxOrderQty[accountId])
                .append(" of account ").append(accounts.name(accountId));
            limitValue = maxOrderQty[accountId];
            actualValue = quantity;
            return false;
        }

        final long referencePrice;
        if (ordType == OrdType.LIMIT || ordType == OrdType.STOP_LIMIT)
        {
            referencePrice = price;
        }
        else if (ordType == OrdType.STOP)
        {
            referencePrice = stopPrice;
        }
        else
        {
            referencePrice = prices.reference(instrumentId, side);
            if (referencePrice == Fixed.NULL)
            {
                refuse(RejectReason.NO_REFERENCE_PRICE, null)
                    .append("no market price yet for a market order; notional cannot be checked");
                return false;
            }
        }
        final long notional = Fixed.multiply(referencePrice, quantity);
        if (notional > maxNotional[accountId])
        {
            refuse(RejectReason.MAX_NOTIONAL, "qty").append("notional ").appendFixed(notional)
                .append(" exceeds maxNotional ").appendFixed(maxNotional[accountId])
                .append(" of account ").append(accounts.name(accountId));
            limitValue = maxNotional[accountId];
            actualValue = notional;
            return false;
        }
        if (venueState != GatewayState.UP)
        {
            refuse(RejectReason.GATEWAY_DOWN, "venue").append("gateway ").append(venues.name(venueId))
                .append(venueState == null ? " has not reported yet" : " is not up");
            return false;
        }
        return true;
    }

    private AsciiText refuse(final RejectReason reason, final String field)
    {
        this.reason = reason;
        this.field = field;
        return detail;
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

    long stateHash()
    {
        long hash = globalState.value();
        for (final TradingState state : accountStates)
        {
            hash = 31 * hash + state.value();
        }
        return hash;
    }
}
