package io.sluice.journal.projection;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;

/**
 * One embedded PostgreSQL for a test class, and a fresh schema (migrated) per test, with small query helpers.
 */
final class PostgresFixture implements AutoCloseable
{
    static final String[] TABLES = {
        "projection_progress", "accounts", "trading_states", "raw_signals", "signals", "orders", "executions", "positions",
        "risk_events", "admin_actions", "instrument_tokens" };
    private static final Map<String, String> ORDER_BY = new LinkedHashMap<>();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    static
    {
        ORDER_BY.put("projection_progress", "projection");
        ORDER_BY.put("accounts", "account");
        ORDER_BY.put("trading_states", "target");
        ORDER_BY.put("raw_signals", "journal_index");
        ORDER_BY.put("signals", "sequence");
        ORDER_BY.put("orders", "client_order_id");
        ORDER_BY.put("executions", "journal_index");
        ORDER_BY.put("positions", "account, venue, symbol");
        ORDER_BY.put("risk_events", "journal_index");
        ORDER_BY.put("admin_actions", "journal_index");
        ORDER_BY.put("instrument_tokens", "venue, symbol, sync_date");
    }

    final ProjectionDatabase database;

    private final Connection connection;

    PostgresFixture(final Path dataDir) throws Exception
    {
        // Durability is not under test here: commits need not wait for the disk.
        database = ProjectionDatabase.embedded(dataDir, 0, Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        connection = database.dataSource().getConnection();
    }

    String newSchema()
    {
        final String schema = "t" + SCHEMAS.incrementAndGet();
        database.migrate(schema);
        return schema;
    }

    ProjectionContext context(final String schema, final Path journalDir, final int batchRecords)
    {
        return new ProjectionContext().settings(Settings.of(Map.of())).journalDir(journalDir).schema(schema)
            .batchRecords(batchRecords).conclude();
    }

    /** The fixture's connection set to a schema (shared by every query helper; do not close it). */
    Connection connect(final String schema) throws SQLException
    {
        connection.setSchema(schema);
        return connection;
    }

    long count(final String schema, final String table) throws SQLException
    {
        return longValue(schema, "SELECT count(*) FROM " + table);
    }

    long longValue(final String schema, final String sql) throws SQLException
    {
        try (Statement statement = connect(schema).createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of a query as column name to value, in order. */
    List<Map<String, Object>> rows(final String schema, final String sql, final Object... parameters) throws SQLException
    {
        try (PreparedStatement statement = connect(schema).prepareStatement(sql))
        {
            for (int i = 0; i < parameters.length; i++)
            {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery())
            {
                final ResultSetMetaData meta = rs.getMetaData();
                final List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next())
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++)
                    {
                        final Object value = rs.getObject(c);
                        if (value instanceof java.sql.Array)
                        {
                            row.put(meta.getColumnName(c), List.of((Object[])((java.sql.Array)value).getArray()));
                        }
                        else if (value instanceof java.sql.Timestamp)
                        {
                            row.put(meta.getColumnName(c), ((java.sql.Timestamp)value).toInstant());
                        }
                        else
                        {
                            row.put(meta.getColumnName(c), value);
                        }
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    Map<String, Object> row(final String schema, final String sql, final Object... parameters) throws SQLException
    {
        final List<Map<String, Object>> rows = rows(schema, sql, parameters);
        if (rows.size() != 1)
        {
            throw new AssertionError("expected one row for " + sql + " " + List.of(parameters) + ", got " + rows.size());
        }
        return rows.get(0);
    }

    /** Every row of every table, as text, in key order (progress without its wall-clock time). */
    String snapshot(final String schema) throws SQLException
    {
        final StringBuilder text = new StringBuilder();
        for (final String table : TABLES)
        {
            final String columns = "projection_progress".equals(table) ? "projection, last_index, warm_index, records" : "*";
            text.append("== ").append(table).append('\n');
            for (final Map<String, Object> row : rows(schema, "SELECT " + columns + " FROM " + table + " ORDER BY " + ORDER_BY.get(table)))
            {
                row.replaceAll((column, value) -> value instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[])value) : value);
                text.append(row).append('\n');
            }
        }
        return text.toString();
    }

    long firstIndexNeeded(final String schema) throws SQLException
    {
        return database.firstIndexNeeded(schema);
    }

    static BigDecimal decimal(final long fixed)
    {
        return fixed == Fixed.NULL ? null : BigDecimal.valueOf(fixed, Fixed.DECIMALS);
    }

    static boolean sameDecimal(final long expected, final Object actual)
    {
        if (expected == Fixed.NULL || actual == null)
        {
            return expected == Fixed.NULL && actual == null;
        }
        return decimal(expected).compareTo((BigDecimal)actual) == 0;
    }

    public void close() throws IOException, SQLException
    {
        try
        {
            connection.close();
        }
        finally
        {
            database.close();
        }
    }
}
