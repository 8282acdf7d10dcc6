package io.sluice.journal.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.sluice.protocol.Fixed;

/**
 * The rows one transaction writes: append-only tables as ready COPY text, latest-state tables collapsed to one
 * row per key (so an order updated five times in a batch is written once), merged into the database with the
 * same rules the in-memory merge uses here.
 */
final class ProjectionBatch
{
    static final int OUTCOME_PENDING = 0;
    static final int OUTCOME_ERROR = 1;
    static final int OUTCOME_REJECTED = 2;
    static final int OUTCOME_ORDERED = 3;
    private static final String[] OUTCOMES = { "PENDING", "ERROR", "REJECTED", "ORDERED" };
    static final long NO_TIME = Long.MIN_VALUE;

    final CopyBuffer rawSignals = new CopyBuffer(1 << 16);
    final CopyBuffer executions = new CopyBuffer(1 << 16);
    final CopyBuffer riskEvents = new CopyBuffer(1 << 14);
    final CopyBuffer adminActions = new CopyBuffer(1 << 12);
    final Map<Long, SignalRow> signals = new LinkedHashMap<>();
    final Map<String, OrderRow> orders = new LinkedHashMap<>();
    final Map<String, PositionRow> positions = new LinkedHashMap<>();
    final Map<String, AccountRow> accounts = new LinkedHashMap<>();
    final Map<String, TradingStateRow> tradingStates = new LinkedHashMap<>();
    final Map<String, InstrumentTokenRow> instrumentTokens = new LinkedHashMap<>();
    /** Months (year * 12 + month - 1) the executions of this batch fall in. */
    final TreeSet<Integer> executionMonths = new TreeSet<>();

    long records;
    long lastIndex = -1;

    void clear()
    {
        rawSignals.clear();
        executions.clear();
        riskEvents.clear();
        adminActions.clear();
        signals.clear();
        orders.clear();
        positions.clear();
        accounts.clear();
        tradingStates.clear();
        instrumentTokens.clear();
        executionMonths.clear();
        records = 0;
        lastIndex = -1;
    }

    boolean isEmpty()
    {
        return records == 0;
    }

    SignalRow signal(final long sequence)
    {
        return signals.computeIfAbsent(sequence, SignalRow::new);
    }

    OrderRow order(final String clientOrderId)
    {
        return orders.computeIfAbsent(clientOrderId, OrderRow::new);
    }

    AccountRow account(final String account, final long index)
    {
        final AccountRow row = accounts.computeIfAbsent(account, AccountRow::new);
        row.firstIndex = row.firstIndex < 0 ? index : Math.min(row.firstIndex, index);
        row.lastIndex = Math.max(row.lastIndex, index);
        return row;
    }

    static String outcomeName(final int outcome)
    {
        return OUTCOMES[outcome];
    }

    /** One signal input and what it became; first values win, as in the database merge. */
    static final class SignalRow
    {
        static final String COLUMNS = "sequence, raw_index, time, signal_id, account, outcome, client_order_ids, symbol, venue, side," +
            " ord_type, time_in_force, quantity, price, stop_price, take_profit, stop_loss, reason, field, detail, limit_value," +
            " actual_value, outcome_index, outcome_time";

        final long sequence;
        /** Created by its input in this batch: no row can exist for it yet, so it is copied in directly. */
        boolean created;
        long rawIndex = -1;
        long timeNs = NO_TIME;
        String signalId;
        String account;
        int outcome = OUTCOME_PENDING;
        final List<String> clientOrderIds = new ArrayList<>(1);
        String symbol;
        String venue;
        String side;
        String ordType;
        String timeInForce;
        long quantity = Fixed.NULL;
        long price = Fixed.NULL;
        long stopPrice = Fixed.NULL;
        long takeProfit = Fixed.NULL;
        long stopLoss = Fixed.NULL;
        String reason;
        String field;
        String detail;
        long limitValue = Fixed.NULL;
        long actualValue = Fixed.NULL;
        long outcomeIndex = -1;
        long outcomeTimeNs = NO_TIME;

        SignalRow(final long sequence)
        {
            this.sequence = sequence;
        }

        void identity(final long timeNs, final String signalId, final String account)
        {
            if (this.timeNs == NO_TIME)
            {
                this.timeNs = timeNs;
            }
            if (this.signalId == null)
            {
                this.signalId = signalId;
            }
            if (this.account == null)
            {
                this.account = account;
            }
        }

        void outcome(final int outcome, final long index, final long timeNs)
        {
            this.outcome = Math.max(this.outcome, outcome);
            if (outcomeIndex < 0)
            {
                outcomeIndex = index;
                outcomeTimeNs = timeNs;
            }
        }

        void write(final CopyBuffer out)
        {
            out.longValue(sequence).indexOrNull(rawIndex);
            time(out, timeNs);
            out.text(signalId).text(account).text(outcomeName(outcome)).identifierArray(clientOrderIds)
                .text(symbol).text(venue).text(side).text(ordType).text(timeInForce)
                .fixed(quantity).fixed(price).fixed(stopPrice).fixed(takeProfit).fixed(stopLoss)
                .text(reason).text(field).text(detail).fixed(limitValue).fixed(actualValue)
                .indexOrNull(outcomeIndex);
            time(out, outcomeTimeNs);
            out.endRow();
        }
    }

    /** An order: what was sent (first values win) and its latest state (latest update wins). */
    static final class OrderRow
    {
        static final String COLUMNS = "client_order_id, account, venue, symbol, side, ord_type, time_in_force, quantity, price," +
            " stop_price, take_profit, stop_loss, signal_id, signal_sequence, created_index, created_time, status, venue_order_id," +
            " cum_qty, leaves_qty, avg_price, text, updated_index, updated_time, last_index";

        final String clientOrderId;
        /** Created by its NewOrder in this batch: no row can exist for it yet, so it is copied in directly. */
        boolean created;
        String account;
        String venue;
        String symbol;
        String side;
        String ordType;
        String timeInForce;
        long quantity = Fixed.NULL;
        long price = Fixed.NULL;
        long stopPrice = Fixed.NULL;
        long takeProfit = Fixed.NULL;
        long stopLoss = Fixed.NULL;
        String signalId;
        long signalSequence = -1;
        long createdIndex = -1;
        long createdTimeNs = NO_TIME;
        String status;
        String venueOrderId;
        long cumQty = Fixed.NULL;
        long leavesQty = Fixed.NULL;
        long avgPrice = Fixed.NULL;
        String text;
        long updatedIndex = -1;
        long updatedTimeNs = NO_TIME;
        long lastIndex = -1;

        OrderRow(final String clientOrderId)
        {
            this.clientOrderId = clientOrderId;
        }

        void write(final CopyBuffer out)
        {
            out.text(clientOrderId).text(account).text(venue).text(symbol).text(side).text(ordType).text(timeInForce)
                .fixed(quantity).fixed(price).fixed(stopPrice).fixed(takeProfit).fixed(stopLoss)
                .text(signalId).indexOrNull(signalSequence).indexOrNull(createdIndex);
            time(out, createdTimeNs);
            out.text(status).text(venueOrderId).fixed(cumQty).fixed(leavesQty).fixed(avgPrice).text(text).indexOrNull(updatedIndex);
            time(out, updatedTimeNs);
            out.longValue(lastIndex).endRow();
        }
    }

    /** The latest position of an account in an instrument. */
    static final class PositionRow
    {
        static final String COLUMNS = "account, venue, symbol, quantity, avg_price, realized_pnl, journal_index, time";

        String account;
        String venue;
        String symbol;
        long quantity;
        long avgPrice;
        long realizedPnl;
        long index;
        long timeNs;

        void write(final CopyBuffer out)
        {
            out.text(account).text(venue).text(symbol).fixed(quantity).fixed(avgPrice).fixed(realizedPnl).longValue(index)
                .timestamp(timeNs).endRow();
        }
    }

    /** An account: its latest balances and trading state, and where in the journal it appears. */
    static final class AccountRow
    {
        static final String COLUMNS = "account, venue, currency, balance, equity, margin_available, margin_used, balance_index," +
            " balance_time, trading_state, trading_state_index, trading_state_time, first_index, last_index," +
            " default_venue, config_currency, enabled, max_order_qty, max_notional, credential_ref, config_operation, config_actor," +
            " config_index, config_time";

        final String account;
        String venue;
        String currency;
        long balance = Fixed.NULL;
        long equity = Fixed.NULL;
        long marginAvailable = Fixed.NULL;
        long marginUsed = Fixed.NULL;
        long balanceIndex = -1;
        long balanceTimeNs = NO_TIME;
        String tradingState;
        long tradingStateIndex = -1;
        long tradingStateTimeNs = NO_TIME;
        long firstIndex = -1;
        long lastIndex = -1;
        String defaultVenue;
        String configCurrency;
        String enabled;
        long maxOrderQty = Fixed.NULL;
        long maxNotional = Fixed.NULL;
        String credentialRef;
        String configOperation;
        String configActor;
        long configIndex = -1;
        long configTimeNs = NO_TIME;

        AccountRow(final String account)
        {
            this.account = account;
        }

        void write(final CopyBuffer out)
        {
            out.text(account).text(venue).text(currency).fixed(balance).fixed(equity).fixed(marginAvailable).fixed(marginUsed)
                .indexOrNull(balanceIndex);
            time(out, balanceTimeNs);
            out.text(tradingState).indexOrNull(tradingStateIndex);
            time(out, tradingStateTimeNs);
            out.longValue(firstIndex).longValue(lastIndex);
            out.text(defaultVenue).text(configCurrency).text(enabled).fixed(maxOrderQty).fixed(maxNotional).text(credentialRef)
                .text(configOperation).text(configActor).indexOrNull(configIndex);
            time(out, configTimeNs);
            out.endRow();
        }
    }

    /** The latest trading state of a target: GLOBAL or an account. */
    static final class TradingStateRow
    {
        static final String COLUMNS = "target, scope, state, actor, reason, journal_index, time";

        String target;
        String scope;
        String state;
        String actor;
        String reason;
        long index;
        long timeNs;

        void write(final CopyBuffer out)
        {
            out.text(target).text(scope).text(state).text(actor).text(reason).longValue(index).timestamp(timeNs).endRow();
        }
    }

    /** One instrument of a broker's synced master on one day; the latest definition of the batch wins. */
    static final class InstrumentTokenRow
    {
        static final String COLUMNS = "venue, symbol, sync_date, broker_symbol, token, exchange_segment, underlying," +
            " instrument_type, expiry, strike, tick_size, lot_size, freeze_qty, journal_index, time";

        String venue;
        String symbol;
        String syncDate;
        String brokerSymbol;
        String token;
        String exchangeSegment;
        String underlying;
        String instrumentType;
        String expiry;
        long strike = Fixed.NULL;
        long tickSize = Fixed.NULL;
        long lotSize = Fixed.NULL;
        long freezeQty = Fixed.NULL;
        long index;
        long timeNs;

        void write(final CopyBuffer out)
        {
            out.text(venue).text(symbol).text(syncDate).text(brokerSymbol).text(token).text(exchangeSegment).text(underlying)
                .text(instrumentType).text(expiry).fixed(strike).fixed(tickSize).fixed(lotSize).fixed(freezeQty)
                .longValue(index).timestamp(timeNs).endRow();
        }
    }

    static void time(final CopyBuffer out, final long timeNs)
    {
        if (timeNs == NO_TIME)
        {
            out.nul();
        }
        else
        {
            out.timestamp(timeNs);
        }
    }
}
