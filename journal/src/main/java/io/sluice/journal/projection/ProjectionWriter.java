package io.sluice.journal.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.sluice.journal.projection.ProjectionBatch.AccountRow;
import io.sluice.journal.projection.ProjectionBatch.InstrumentTokenRow;
import io.sluice.journal.projection.ProjectionBatch.OrderRow;
import io.sluice.journal.projection.ProjectionBatch.PositionRow;
import io.sluice.journal.projection.ProjectionBatch.SignalRow;
import io.sluice.journal.projection.ProjectionBatch.TradingStateRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes a {@link ProjectionBatch} and the projection's progress in one transaction on one connection:
 * append-only tables by COPY, latest-state tables by COPY into a temporary stage and one
 * {@code INSERT ... ON CONFLICT DO UPDATE} that merges with the same rules the batch used in memory.
 * The progress update succeeds only from the index the projector started from, so two writers can never both
 * apply a record.
 */
final class ProjectionWriter implements AutoCloseable
{
    /** Sees every COPY this writer sends (benchmarks compare the projection with a raw COPY of the same rows). */
    @FunctionalInterface
    interface CopyTap
    {
        void onCopy(String table, String columns, byte[] bytes, int length);
    }

    /** Committed progress of a projection. */
    static final class Progress
    {
        final long lastIndex;
        final long warmIndex;
        final long records;

        Progress(final long lastIndex, final long warmIndex, final long records)
        {
            this.lastIndex = lastIndex;
            this.warmIndex = warmIndex;
            this.records = records;
        }
    }

    private static final String SIGNALS_MERGE = "INSERT INTO signals AS s (" + SignalRow.COLUMNS + ") SELECT " +
        SignalRow.COLUMNS + " FROM signals_stage ON CONFLICT (sequence) DO UPDATE SET" +
        " raw_index = COALESCE(s.raw_index, EXCLUDED.raw_index)," +
        " time = COALESCE(s.time, EXCLUDED.time)," +
        " signal_id = COALESCE(s.signal_id, EXCLUDED.signal_id)," +
        " account = COALESCE(s.account, EXCLUDED.account)," +
        " outcome = CASE WHEN 'ORDERED' IN (s.outcome, EXCLUDED.outcome) THEN 'ORDERED'" +
        " WHEN 'REJECTED' IN (s.outcome, EXCLUDED.outcome) THEN 'REJECTED'" +
        " WHEN 'ERROR' IN (s.outcome, EXCLUDED.outcome) THEN 'ERROR' ELSE 'PENDING' END," +
        " client_order_ids = s.client_order_ids || ARRAY(SELECT u.id FROM unnest(EXCLUDED.client_order_ids)" +
        " WITH ORDINALITY AS u(id, n) WHERE u.id <> ALL (s.client_order_ids) ORDER BY u.n)," +
        " symbol = COALESCE(s.symbol, EXCLUDED.symbol)," +
        intentGroup("venue") + intentGroup("ord_type") + intentGroup("time_in_force") + intentGroup("quantity") +
        intentGroup("price") + intentGroup("stop_price") + intentGroup("take_profit") + intentGroup("stop_loss") +
        intentGroup("side") +
        reasonGroup("field") + reasonGroup("detail") + reasonGroup("limit_value") + reasonGroup("actual_value") +
        reasonGroup("reason") +
        " outcome_index = COALESCE(s.outcome_index, EXCLUDED.outcome_index)," +
        " outcome_time = COALESCE(s.outcome_time, EXCLUDED.outcome_time)";

    private static final String ORDERS_MERGE = "INSERT INTO orders AS o (" + OrderRow.COLUMNS + ") SELECT " +
        OrderRow.COLUMNS + " FROM orders_stage ON CONFLICT (client_order_id) DO UPDATE SET" +
        firstWins("o", "account") + firstWins("o", "venue") + firstWins("o", "symbol") + firstWins("o", "side") +
        firstWins("o", "ord_type") + firstWins("o", "time_in_force") + firstWins("o", "quantity") + firstWins("o", "price") +
        firstWins("o", "stop_price") + firstWins("o", "take_profit") + firstWins("o", "stop_loss") +
        firstWins("o", "signal_id") + firstWins("o", "signal_sequence") + firstWins("o", "created_index") +
        firstWins("o", "created_time") +
        updateWins("status") + updateWins("venue_order_id") + updateWins("cum_qty") + updateWins("leaves_qty") +
        updateWins("avg_price") + updateWins("text") + updateWins("updated_time") +
        " updated_index = GREATEST(o.updated_index, EXCLUDED.updated_index)," +
        " last_index = GREATEST(o.last_index, EXCLUDED.last_index)";

    private static final String POSITIONS_MERGE = "INSERT INTO positions AS p (" + PositionRow.COLUMNS + ") SELECT " +
        PositionRow.COLUMNS + " FROM positions_stage ON CONFLICT (account, venue, symbol) DO UPDATE SET" +
        " quantity = EXCLUDED.quantity, avg_price = EXCLUDED.avg_price, realized_pnl = EXCLUDED.realized_pnl," +
        " journal_index = EXCLUDED.journal_index, time = EXCLUDED.time WHERE p.journal_index < EXCLUDED.journal_index";

    private static final String ACCOUNTS_MERGE = "INSERT INTO accounts AS a (" + AccountRow.COLUMNS + ") SELECT " +
        AccountRow.COLUMNS + " FROM accounts_stage ON CONFLICT (account) DO UPDATE SET" +
        " venue = CASE WHEN EXCLUDED.balance_index > COALESCE(a.balance_index, -1) THEN EXCLUDED.venue" +
        " ELSE COALESCE(a.venue, EXCLUDED.venue) END," +
        balanceWins("currency") + balanceWins("balance") + balanceWins("equity") + balanceWins("margin_available") +
        balanceWins("margin_used") + balanceWins("balance_time") +
        " balance_index = GREATEST(a.balance_index, EXCLUDED.balance_index)," +
        stateWins("trading_state") + stateWins("trading_state_time") +
        " trading_state_index = GREATEST(a.trading_state_index, EXCLUDED.trading_state_index)," +
        configWins("default_venue") + configWins("config_currency") + configWins("enabled") + configWins("max_order_qty") +
        configWins("max_notional") + configWins("credential_ref") + configWins("config_operation") + configWins("config_actor") +
        configWins("config_time") +
        " config_index = GREATEST(a.config_index, EXCLUDED.config_index)," +
        " first_index = LEAST(a.first_index, EXCLUDED.first_index)," +
        " last_index = GREATEST(a.last_index, EXCLUDED.last_index)";

    private static final String INSTRUMENT_TOKENS_MERGE = "INSERT INTO instrument_tokens AS i (" + InstrumentTokenRow.COLUMNS +
        ") SELECT " + InstrumentTokenRow.COLUMNS + " FROM instrument_tokens_stage ON CONFLICT (venue, symbol, sync_date) DO UPDATE SET" +
        " broker_symbol = EXCLUDED.broker_symbol, token = EXCLUDED.token, exchange_segment = EXCLUDED.exchange_segment," +
        " underlying = EXCLUDED.underlying, instrument_type = EXCLUDED.instrument_type, expiry = EXCLUDED.expiry," +
        " strike = EXCLUDED.strike, tick_size = EXCLUDED.tick_size, lot_size = EXCLUDED.lot_size, freeze_qty = EXCLUDED.freeze_qty," +
        " journal_index = EXCLUDED.journal_index, time = EXCLUDED.time WHERE i.journal_index < EXCLUDED.journal_index";
    private static final String TRADING_STATES_MERGE = "INSERT INTO trading_states AS t (" + TradingStateRow.COLUMNS + ") SELECT " +
        TradingStateRow.COLUMNS + " FROM trading_states_stage ON CONFLICT (target) DO UPDATE SET" +
        " scope = EXCLUDED.scope, state = EXCLUDED.state, actor = EXCLUDED.actor, reason = EXCLUDED.reason," +
        " journal_index = EXCLUDED.journal_index, time = EXCLUDED.time WHERE t.journal_index < EXCLUDED.journal_index";

    private final Connection connection;
    private final CopyManager copyManager;
    private final String projection;
    private static final String UNIQUE_VIOLATION = "23505";

    private final CopyBuffer stage = new CopyBuffer(1 << 16);
    private final CopyBuffer fresh = new CopyBuffer(1 << 16);
    private final Set<Integer> partitions = new HashSet<>();
    private final Set<Integer> partitionsInTransaction = new HashSet<>();
    private CopyTap tap;
    private Runnable beforeCommit = () -> {};
    private boolean locked;

    ProjectionWriter(final Connection connection, final String projection) throws SQLException
    {
        this.connection = connection;
        this.projection = projection;
        connection.setAutoCommit(false);
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    void tap(final CopyTap tap)
    {
        this.tap = tap;
    }

    /** Process id of this connection's server process (benchmarks read its CPU time). */
    int backendPid() throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()"))
        {
            rs.next();
            final int pid = rs.getInt(1);
            connection.commit();
            return pid;
        }
    }

    /**
     * Take this projection's session lock, so a second projector of the same database waits its turn instead
     * of interleaving.
     *
     * @return false when another session holds it.
     */
    boolean tryLock() throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT pg_try_advisory_lock(hashtext(current_schema() || '/projection/' || ?))"))
        {
            statement.setString(1, projection);
            try (ResultSet rs = statement.executeQuery())
            {
                rs.next();
                locked = rs.getBoolean(1);
                connection.commit();
                return locked;
            }
        }
    }

    /**
     * Create this session's stage tables and the projection's progress row if missing; read the progress.
     *
     * @return the committed progress.
     */
    Progress prepare() throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            for (final String table : new String[] { "signals", "orders", "positions", "accounts", "trading_states", "instrument_tokens" })
            {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + table + "_stage (LIKE " + table + ") ON COMMIT DELETE ROWS");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "INSERT INTO projection_progress (projection, last_index, warm_index, records, updated_at)" +
            " VALUES (?, -1, -1, 0, now()) ON CONFLICT (projection) DO NOTHING"))
        {
            statement.setString(1, projection);
            statement.executeUpdate();
        }
        final Progress progress = progress();
        connection.commit();
        return progress;
    }

    Progress progress() throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT last_index, warm_index, records FROM projection_progress WHERE projection = ?"))
        {
            statement.setString(1, projection);
            try (ResultSet rs = statement.executeQuery())
            {
                return rs.next() ? new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : new Progress(-1, -1, 0);
            }
        }
    }

    /**
     * The trading state of every target projected so far.
     *
     * @return target ('GLOBAL' or account) to state.
     */
    Map<String, String> tradingStates() throws SQLException
    {
        final Map<String, String> states = new HashMap<>();
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT target, state FROM trading_states"))
        {
            while (rs.next())
            {
                states.put(rs.getString(1), rs.getString(2));
            }
        }
        connection.commit();
        return states;
    }

    /**
     * Write the batch and move the progress from {@code expectedLastIndex} to the batch's last index, atomically.
     *
     * @param batch             rows of the records after expectedLastIndex.
     * @param expectedLastIndex progress the batch continues from.
     * @param warmIndex         first index to re-read after a restart, or -1.
     * @throws SQLException when anything fails; nothing of the batch is then committed.
     */
    void write(final ProjectionBatch batch, final long expectedLastIndex, final long warmIndex) throws SQLException
    {
        try
        {
            write(batch, expectedLastIndex, warmIndex, false);
        }
        catch (final SQLException ex)
        {
            if (!UNIQUE_VIOLATION.equals(ex.getSQLState()))
            {
                throw ex;
            }
            // A row copied in directly as new already existed (a journal that repeats an id): merge every row instead.
            write(batch, expectedLastIndex, warmIndex, true);
        }
    }

    private void write(final ProjectionBatch batch, final long expectedLastIndex, final long warmIndex, final boolean mergeAll)
        throws SQLException
    {
        try
        {
            createPartitions(batch);
            copy("raw_signals", JournalProjection.RAW_SIGNAL_COLUMNS, batch.rawSignals);
            copy("executions", JournalProjection.EXECUTION_COLUMNS, batch.executions);
            copy("risk_events", JournalProjection.RISK_EVENT_COLUMNS, batch.riskEvents);
            copy("admin_actions", JournalProjection.ADMIN_ACTION_COLUMNS, batch.adminActions);

            // Rows created in this batch go straight in; rows of earlier records are merged with what is there.
            stage.clear();
            fresh.clear();
            batch.signals.values().forEach(row -> row.write(row.created && !mergeAll ? fresh : stage));
            copy("signals", SignalRow.COLUMNS, fresh);
            merge("signals", SignalRow.COLUMNS, SIGNALS_MERGE);
            fresh.clear();
            batch.orders.values().forEach(row -> row.write(row.created && !mergeAll ? fresh : stage));
            copy("orders", OrderRow.COLUMNS, fresh);
            merge("orders", OrderRow.COLUMNS, ORDERS_MERGE);
            batch.positions.values().forEach(row -> row.write(stage));
            merge("positions", PositionRow.COLUMNS, POSITIONS_MERGE);
            batch.accounts.values().forEach(row -> row.write(stage));
            merge("accounts", AccountRow.COLUMNS, ACCOUNTS_MERGE);
            batch.tradingStates.values().forEach(row -> row.write(stage));
            merge("trading_states", TradingStateRow.COLUMNS, TRADING_STATES_MERGE);
            batch.instrumentTokens.values().forEach(row -> row.write(stage));
            merge("instrument_tokens", InstrumentTokenRow.COLUMNS, INSTRUMENT_TOKENS_MERGE);

            try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE projection_progress SET last_index = ?, warm_index = ?, records = records + ?, updated_at = now()" +
                " WHERE projection = ? AND last_index = ?"))
            {
                statement.setLong(1, batch.lastIndex);
                statement.setLong(2, warmIndex);
                statement.setLong(3, batch.records);
                statement.setString(4, projection);
                statement.setLong(5, expectedLastIndex);
                if (statement.executeUpdate() != 1)
                {
                    throw new SQLException("projection '" + projection + "' progress is no longer at index " + expectedLastIndex +
                        ": another projector wrote to this database");
                }
            }
            beforeCommit.run();
            connection.commit();
            partitions.addAll(partitionsInTransaction);
        }
        catch (final SQLException | RuntimeException ex)
        {
            rollbackQuietly(ex);
            throw ex;
        }
        finally
        {
            partitionsInTransaction.clear();
        }
    }

    /**
     * Run this after a batch is written and before it is committed (tests fail a batch there, as a crash would).
     *
     * @param hook what to run.
     */
    void beforeCommit(final Runnable hook)
    {
        this.beforeCommit = hook;
    }

    public void close() throws SQLException
    {
        try
        {
            connection.rollback();
            if (locked)
            {
                // Released explicitly: a closed connection's backend may outlive close() for a moment, and a
                // pooled connection is not closed at all.
                try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_advisory_unlock(hashtext(current_schema() || '/projection/' || ?))"))
                {
                    statement.setString(1, projection);
                    statement.executeQuery().close();
                }
                connection.commit();
                locked = false;
            }
        }
        finally
        {
            connection.close();
        }
    }

    /**
     * The month of an event time as year * 12 + month - 1 (UTC).
     *
     * @param epochNs event time.
     * @return the month key.
     */
    static int month(final long epochNs)
    {
        final java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(epochNs, 86_400_000_000_000L));
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    /**
     * Name of the executions partition of a month, e.g. executions_y2024m05.
     *
     * @param month month key from {@link #month(long)}.
     * @return the table name.
     */
    static String partitionName(final int month)
    {
        return String.format("executions_y%04dm%02d", month / 12, month % 12 + 1);
    }

    private void createPartitions(final ProjectionBatch batch) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            for (final int month : batch.executionMonths)
            {
                if (partitions.contains(month))
                {
                    continue;
                }
                final int next = month + 1;
                statement.execute("CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF executions FOR VALUES FROM ('" +
                    String.format("%04d-%02d-01 00:00:00+00", month / 12, month % 12 + 1) + "') TO ('" +
                    String.format("%04d-%02d-01 00:00:00+00", next / 12, next % 12 + 1) + "')");
                partitionsInTransaction.add(month);
            }
        }
    }

    private void copy(final String table, final String columns, final CopyBuffer rows) throws SQLException
    {
        if (rows.rows() == 0)
        {
            return;
        }
        if (tap != null)
        {
            tap.onCopy(table, columns, rows.array(), rows.length());
        }
        final CopyIn copyIn = copyManager.copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        try
        {
            copyIn.writeToCopy(rows.array(), 0, rows.length());
            copyIn.endCopy();
        }
        finally
        {
            if (copyIn.isActive())
            {
                copyIn.cancelCopy();
            }
        }
    }

    private void merge(final String table, final String columns, final String mergeSql) throws SQLException
    {
        if (stage.rows() > 0)
        {
            if (tap != null)
            {
                tap.onCopy(table, columns, stage.array(), stage.length());
            }
            final CopyIn copyIn = copyManager.copyIn("COPY " + table + "_stage (" + columns + ") FROM STDIN");
            try
            {
                copyIn.writeToCopy(stage.array(), 0, stage.length());
                copyIn.endCopy();
            }
            finally
            {
                if (copyIn.isActive())
                {
                    copyIn.cancelCopy();
                }
            }
            try (Statement statement = connection.createStatement())
            {
                statement.executeUpdate(mergeSql);
            }
        }
        stage.clear();
    }

    private void rollbackQuietly(final Exception cause)
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException ex)
        {
            cause.addSuppressed(ex);
        }
    }

    private static String intentGroup(final String column)
    {
        return " " + column + " = CASE WHEN s.side IS NULL THEN EXCLUDED." + column + " ELSE s." + column + " END,";
    }

    private static String reasonGroup(final String column)
    {
        return " " + column + " = CASE WHEN s.reason IS NULL THEN EXCLUDED." + column + " ELSE s." + column + " END,";
    }

    private static String firstWins(final String alias, final String column)
    {
        return " " + column + " = COALESCE(" + alias + "." + column + ", EXCLUDED." + column + "),";
    }

    private static String updateWins(final String column)
    {
        return " " + column + " = CASE WHEN EXCLUDED.updated_index > COALESCE(o.updated_index, -1) THEN EXCLUDED." + column +
            " ELSE o." + column + " END,";
    }

    private static String balanceWins(final String column)
    {
        return " " + column + " = CASE WHEN EXCLUDED.balance_index > COALESCE(a.balance_index, -1) THEN EXCLUDED." + column +
            " ELSE a." + column + " END,";
    }

    private static String configWins(final String column)
    {
        return " " + column + " = CASE WHEN EXCLUDED.config_index > COALESCE(a.config_index, -1) THEN EXCLUDED." + column +
            " ELSE a." + column + " END,";
    }

    private static String stateWins(final String column)
    {
        return " " + column + " = CASE WHEN EXCLUDED.trading_state_index > COALESCE(a.trading_state_index, -1) THEN EXCLUDED." +
            column + " ELSE a." + column + " END,";
    }
}
