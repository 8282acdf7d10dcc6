package io.sluice.engine.core;

import java.util.List;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AccountConfigEncoder;
import io.sluice.sbe.AccountOperation;
import io.sluice.sbe.AccountStatusDecoder;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.Side;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operator administration in the core: accounts created, updated, disabled and enabled by journaled
 * AccountConfig inputs, operator cancels (AdminAction CANCEL_ORDER) and flatten routing to the venue a
 * position was filled at.
 */
class AccountAdminTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final ExpandableArrayBuffer configBuffer = new ExpandableArrayBuffer(1024);
    private final CapturedOutputs outputs = new CapturedOutputs();
    private EngineCore core;
    private long sequence;
    private final long nowNs = 1_700_000_000L * SECOND_NS;

    @BeforeEach
    void setUp()
    {
        core = newCore(outputs);
        start(core);
        outputs.clear();
    }

    private static EngineCore newCore(final OutputPort port)
    {
        return new EngineCore(CoreConfig.from(Settings.of(Map.of(
            "sluice.accounts", "main",
            "sluice.venues", "paper,binance",
            "sluice.engine.maxAccounts", "3",
            "sluice.account.main.ordersPerSecond", "0"))), port);
    }

    private void start(final EngineCore target)
    {
        target.onFrame(sequence++, nowNs, frames.buffer(), 0, frames.gatewayStatus("paper", GatewayState.UP));
        target.onFrame(sequence++, nowNs, frames.buffer(), 0, frames.gatewayStatus("binance", GatewayState.UP));
        target.onFrame(sequence++, nowNs, frames.buffer(), 0, frames.marketData("BTCUSDT", "64990", "65010"));
    }

    private void feed(final int length)
    {
        core.onFrame(sequence++, nowNs, frames.buffer(), 0, length);
    }

    private void config(final AccountOperation operation, final String account, final String venue, final String currency,
        final Map<String, String> limits)
    {
        core.onFrame(sequence++, nowNs, configBuffer, 0, encodeConfig(operation, account, venue, currency, limits));
    }

    private int encodeConfig(final AccountOperation operation, final String account, final String venue, final String currency,
        final Map<String, String> limits)
    {
        final AccountConfigEncoder e = new AccountConfigEncoder().wrapAndApplyHeader(configBuffer, 0, new MessageHeaderEncoder())
            .operation(operation).account(account).venue(venue).currency(currency).issuedTimeNs(1);
        final AccountConfigEncoder.LimitsEncoder group = e.limitsCount(limits.size());
        limits.forEach((name, value) -> group.next().value(Fixed.parse(value)).name(name));
        e.actor("alice").credentialRef("binance-key").reason("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private void signal(final String id, final String account, final String side, final String qty)
    {
        feed(frames.signal(id, id, "{\"account\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"side\":\"" + side + "\",\"qty\":" + qty + "}"));
    }

    private AccountStatusDecoder accountStatus()
    {
        for (final byte[] frame : outputs.frames)
        {
            final UnsafeBuffer b = new UnsafeBuffer(frame);
            if (new MessageHeaderDecoder().wrap(b, 0).templateId() == AccountStatusDecoder.TEMPLATE_ID)
            {
                return new AccountStatusDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
            }
        }
        throw new AssertionError("no AccountStatus in " + outputs.templateIds());
    }

    @Test
    void shouldTradeAnAccountCreatedByAnOperatorAtOnceWithinItsLimits()
    {
        config(AccountOperation.CREATE, "desk2", "binance", "USDT", Map.of("maxOrderQty", "3"));

        final AccountStatusDecoder status = accountStatus();
        assertEquals(AccountOperation.CREATE, status.operation());
        assertEquals("desk2", status.account().trim());
        assertEquals("binance", status.venue().trim());
        assertEquals("USDT", status.currency().trim());
        assertEquals(BooleanType.TRUE, status.enabled());
        assertEquals(Fixed.of(3), status.maxOrderQty());
        assertEquals(CoreConfig.defaultLimit(Limit.MAX_NOTIONAL), status.maxNotional());
        assertEquals("alice", status.actor());
        assertEquals("binance-key", status.credentialRef());
        outputs.clear();

        signal("d-1", "desk2", "buy", "1");
        final NewOrderDecoder order = outputs.newOrder(0);
        assertEquals("desk2", order.account().trim());
        assertEquals("binance", order.venue().trim());

        outputs.clear();
        signal("d-2", "desk2", "buy", "5");
        assertEquals(RejectReason.MAX_ORDER_QTY, outputs.reject(0).reason());

        outputs.clear();
        config(AccountOperation.UPDATE, "desk2", "paper", "", Map.of("maxOrderQty", "10"));
        assertEquals("paper", accountStatus().venue().trim());
        assertEquals("USDT", accountStatus().currency().trim());
        outputs.clear();
        signal("d-3", "desk2", "buy", "5");
        assertEquals("paper", outputs.newOrder(0).venue().trim());
    }

    @Test
    void shouldRefuseNewExposureOfADisabledAccountButLetItReduceAndTradeAgainWhenEnabled()
    {
        signal("m-1", "main", "buy", "2");
        final String id = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "2", "65000", "2", ""));
        outputs.clear();

        config(AccountOperation.DISABLE, "main", "", "", Map.of());
        assertEquals(BooleanType.FALSE, accountStatus().enabled());
        outputs.clear();

        signal("m-2", "main", "buy", "1");
        final CapturedOutputs.Reject reject = outputs.reject(0);
        assertEquals(RejectReason.ACCOUNT_DISABLED, reject.reason());
        assertTrue(reject.detail().contains("disabled"), reject.detail());

        outputs.clear();
        signal("m-3", "main", "sell", "1");
        assertEquals(Side.SELL, outputs.newOrder(0).side());

        outputs.clear();
        config(AccountOperation.ENABLE, "main", "", "", Map.of());
        assertEquals(BooleanType.TRUE, accountStatus().enabled());
        outputs.clear();
        signal("m-4", "main", "buy", "1");
        assertEquals(Side.BUY, outputs.newOrder(0).side());
    }

    @Test
    void shouldRefuseAccountConfigsThatCannotApplyWithoutChangingAnything()
    {
        final long before = core.stateHash();
        config(AccountOperation.CREATE, "main", "paper", "", Map.of());
        config(AccountOperation.UPDATE, "ghost", "paper", "", Map.of());
        config(AccountOperation.CREATE, "desk3", "moon", "", Map.of());
        config(AccountOperation.CREATE, "desk4", "paper", "", Map.of("noSuchLimit", "1"));
        config(AccountOperation.CREATE, "desk5", "", "", Map.of());

        assertEquals(List.of(13, 13, 13, 13, 13), outputs.templateIds());
        assertTrue(outputs.engineError(0).detail().contains("exists"));
        assertTrue(outputs.engineError(1).detail().contains("no such account"));
        assertTrue(outputs.engineError(2).detail().contains("unknown venue"));
        assertTrue(outputs.engineError(3).detail().contains("unknown limit"));
        assertTrue(outputs.engineError(4).detail().contains("needs a venue"));
        assertEquals(before, core.stateHash());
    }

    @Test
    void shouldRefuseToCreateMoreAccountsThanTheConfiguredMaximum()
    {
        config(AccountOperation.CREATE, "a2", "paper", "", Map.of());
        config(AccountOperation.CREATE, "a3", "paper", "", Map.of());
        outputs.clear();
        config(AccountOperation.CREATE, "a4", "paper", "", Map.of());
        final String detail = outputs.engineError(0).detail();
        assertTrue(detail.contains("maxAccounts"), detail);
    }

    @Test
    void shouldRebuildOperatorAccountsByteForByteWhenTheSameInputsReplay()
    {
        final CapturedOutputs replayed = new CapturedOutputs();
        final EngineCore replay = newCore(replayed);
        sequence = 0;
        start(replay);
        final byte[] create = new byte[encodeConfig(AccountOperation.CREATE, "desk2", "binance", "USDT", Map.of("maxOrderQty", "3"))];
        configBuffer.getBytes(0, create);
        final byte[] disable = new byte[encodeConfig(AccountOperation.DISABLE, "desk2", "", "", Map.of())];
        configBuffer.getBytes(0, disable);

        for (final EngineCore c : new EngineCore[] { core, replay })
        {
            final CapturedOutputs into = c == core ? outputs : replayed;
            into.clear();
            long seq = 100;
            c.onFrame(seq++, nowNs, new UnsafeBuffer(create), 0, create.length);
            c.onFrame(seq++, nowNs, frames.buffer(), 0, frames.signal("r-1", "r-1",
                "{\"account\":\"desk2\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
            c.onFrame(seq++, nowNs, new UnsafeBuffer(disable), 0, disable.length);
            c.onFrame(seq++, nowNs, frames.buffer(), 0, frames.signal("r-2", "r-2",
                "{\"account\":\"desk2\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}"));
        }
        assertEquals(outputs.frames.size(), replayed.frames.size());
        for (int i = 0; i < outputs.frames.size(); i++)
        {
            assertArrayEquals(outputs.frames.get(i), replayed.frames.get(i), "output " + i);
        }
        assertEquals(core.stateHash(), replay.stateHash());
        assertEquals(1, outputs.count(RiskRejectDecoder.TEMPLATE_ID));
        assertEquals(RejectReason.ACCOUNT_DISABLED, outputs.reject(0).reason());
    }

    @Test
    void shouldSendACancelToTheOrdersVenueWhenAnOperatorCancelsALiveOrder()
    {
        feed(frames.signal("l-1", "l-1",
            "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":60000,\"venue\":\"binance\"}"));
        final String id = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(id, ExecType.NEW, OrdStatus.NEW, Side.BUY, "0", "0", "0", ""));
        outputs.clear();

        feed(frames.admin(AdminAction.CANCEL_ORDER, AdminScope.GLOBAL, null, null, null, id, Fixed.NULL, "bob"));
        final CancelOrderDecoder cancel = outputs.cancelOrder(0);
        assertEquals(id, cancel.clientOrderId().trim());
        assertEquals("binance", cancel.venue().trim());
        assertEquals(OrdStatus.PENDING_CANCEL, outputs.orderUpdate(0).ordStatus());
        assertTrue(outputs.orderUpdate(0).text().contains("bob"));

        outputs.clear();
        feed(frames.admin(AdminAction.CANCEL_ORDER, AdminScope.GLOBAL, null, null, null, id, Fixed.NULL, "bob"));
        assertTrue(outputs.engineError(0).detail().contains("already pending"));

        feed(frames.report(id, ExecType.CANCELED, OrdStatus.CANCELED, Side.BUY, "0", "0", "0", ""));
        outputs.clear();
        feed(frames.admin(AdminAction.CANCEL_ORDER, AdminScope.GLOBAL, null, null, null, id, Fixed.NULL, "bob"));
        assertEquals(List.of(EngineErrorDecoder.TEMPLATE_ID), outputs.templateIds());
        assertTrue(outputs.engineError(0).detail().contains("not live"));
    }

    @Test
    void shouldCloseAPositionAtTheVenueItWasFilledAtWhenFlattened()
    {
        feed(frames.signal("b-1", "b-1", "{\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1,\"venue\":\"binance\"}"));
        final String id = outputs.newOrder(0).clientOrderId().trim();
        feed(frames.report(id, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, "1", "65000", "1", ""));
        outputs.clear();

        feed(frames.admin(AdminAction.FLATTEN, "main", "bob"));
        final NewOrderDecoder close = outputs.newOrder(0);
        assertEquals(Side.SELL, close.side());
        assertEquals("binance", close.venue().trim());
    }
}
