package io.sluice.journal.projection;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountConfigEncoder;
import io.sluice.sbe.AccountOperation;
import io.sluice.sbe.AccountStatusEncoder;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Operator administration in the PostgreSQL projection: accounts created and changed by operators reach the
 * accounts table from the engine's AccountStatus outputs, next to (not over) the balances their gateways report;
 * an operator's cancel is an applied admin action once its CancelOrder is journaled.
 */
class AccountConfigProjectionTest
{
    private static final long T0 = 1_714_554_900_000_000_000L;

    @TempDir
    static Path postgresDir;

    private static PostgresFixture postgres;

    @TempDir
    Path journalDir;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @BeforeAll
    static void startPostgres() throws Exception
    {
        postgres = new PostgresFixture(postgresDir.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() throws Exception
    {
        if (postgres != null)
        {
            postgres.close();
        }
    }

    private int config(final AccountOperation operation)
    {
        final AccountConfigEncoder e = new AccountConfigEncoder().wrapAndApplyHeader(buffer, 0, header)
            .operation(operation).account("desk2").venue("binance").currency("USDT").issuedTimeNs(T0);
        e.limitsCount(0);
        e.actor("alice").credentialRef("binance-key").reason("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int status(final AccountOperation operation, final boolean enabled, final String actor, final long timeNs)
    {
        final AccountStatusEncoder e = new AccountStatusEncoder().wrapAndApplyHeader(buffer, 0, header)
            .operation(operation).account("desk2").venue("binance").currency("USDT")
            .enabled(enabled ? BooleanType.TRUE : BooleanType.FALSE).maxOrderQty(Fixed.parse("2.5")).maxNotional(Fixed.NULL)
            .timestampNs(timeNs).actor(actor).credentialRef("binance-key");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private void project(final String schema)
    {
        try (Journal journal = Journal.openReadOnly(journalDir))
        {
            final JournalProjector projector = JournalProjector.open(
                postgres.context(schema, journalDir, 2), journal, postgres.database.dataSource());
            try
            {
                projector.catchUp();
            }
            finally
            {
                projector.onClose();
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void shouldRecordAnOperatorsCancelAsAnAppliedAdminActionWithItsActor() throws SQLException
    {
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            final io.sluice.sbe.AdminCommandEncoder cancel = new io.sluice.sbe.AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
                .action(io.sluice.sbe.AdminAction.CANCEL_ORDER).scope(io.sluice.sbe.AdminScope.GLOBAL).account("").issuedTimeNs(T0)
                .venue("").symbol("").value(Fixed.NULL).actor("olivia").reason("operator cancel").target("0K3ZJ8QW1B2C3");
            appender.append(JournalRecord.KIND_INPUT, 1, T0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength());
            final io.sluice.sbe.CancelOrderEncoder sent = new io.sluice.sbe.CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
                .clientOrderId("0K3ZJ8QW1B2C3").account("main").venue("paper").symbol("XAUUSD").timestampNs(T0);
            appender.append(JournalRecord.KIND_OUTPUT, 1, T0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + sent.encodedLength());
        }
        final String schema = postgres.newSchema();
        project(schema);

        final Map<String, Object> row = postgres.row(schema, "SELECT * FROM admin_actions WHERE action = ?", "CANCEL_ORDER");
        assertEquals("APPLIED", row.get("outcome"));
        assertEquals("olivia", row.get("actor"));
        assertEquals("cancel sent for 0K3ZJ8QW1B2C3", row.get("detail"));
    }

    @Test
    void shouldProjectTheLatestOperatorConfigurationOfAnAccountBesideItsBalances() throws SQLException
    {
        try (Journal journal = Journal.open(journalDir); JournalAppender appender = journal.appender())
        {
            appender.append(JournalRecord.KIND_INPUT, 1, T0, buffer, 0, config(AccountOperation.CREATE));
            appender.append(JournalRecord.KIND_OUTPUT, 1, T0, buffer, 0, status(AccountOperation.CREATE, true, "alice", T0));
            final AccountUpdateEncoder balance = new AccountUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
                .account("desk2").venue("binance").currency("USDT").balance(Fixed.of(1000)).equity(Fixed.of(1000))
                .marginAvailable(Fixed.NULL).marginUsed(Fixed.NULL).timestampNs(T0 + 1);
            appender.append(JournalRecord.KIND_INPUT, 2, T0 + 1, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + balance.encodedLength());
            appender.append(JournalRecord.KIND_INPUT, 3, T0 + 2, buffer, 0, config(AccountOperation.DISABLE));
            appender.append(JournalRecord.KIND_OUTPUT, 3, T0 + 2, buffer, 0, status(AccountOperation.DISABLE, false, "bob", T0 + 2));
        }
        final String schema = postgres.newSchema();
        project(schema);

        final Map<String, Object> row = postgres.row(schema, "SELECT * FROM accounts WHERE account = ?", "desk2");
        assertEquals("binance", row.get("default_venue"));
        assertEquals("USDT", row.get("config_currency"));
        assertEquals(Boolean.FALSE, row.get("enabled"));
        assertEquals(0, new BigDecimal("2.5").compareTo((BigDecimal)row.get("max_order_qty")));
        assertNull(row.get("max_notional"));
        assertEquals("binance-key", row.get("credential_ref"));
        assertEquals("DISABLE", row.get("config_operation"));
        assertEquals("bob", row.get("config_actor"));
        assertEquals(0, new BigDecimal("1000").compareTo((BigDecimal)row.get("balance")), "balances stay the gateway's");
    }
}
