package io.sluice.engine.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.sluice.engine.snapshot.SnapshotException;
import io.sluice.engine.snapshot.StateReader;
import io.sluice.engine.snapshot.StateWriter;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decisive snapshot test: a long deterministic stream of every kind of input drives core A; at several
 * points A's state is written and read into a fresh core built from the same configuration, which then gets
 * the rest of the stream too. Every output must be byte-identical to A's and the state hashes equal at the end.
 */
class SnapshotRestoreTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final String[] SYMBOLS = { "BTCUSDT", "ETHUSDT", "EURUSD", "HEDGEA", "HEDGEB" };
    private static final String[] ACCOUNTS = { "main", "alt" };

    static Settings settings()
    {
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.accounts", "main,alt");
        values.put("sluice.instruments", String.join(",", SYMBOLS));
        for (final String symbol : SYMBOLS)
        {
            values.put("sluice.instrument." + symbol + ".calendar", "ALWAYS");
        }
        values.put("sluice.instrument.ETHUSDT.freezeQty", "3");
        values.put("sluice.instrument.BTCUSDT.lotSize", "0.01");
        values.put("sluice.account.main.maxOrderQty", "10");
        values.put("sluice.account.main.maxNotional", "10000000");
        values.put("sluice.account.main.ordersPerSecond", "5");
        values.put("sluice.account.main.orderBurst", "8");
        values.put("sluice.account.main.maxOpenPositions", "4");
        // main keeps opposite tickets (PineConnector closelong/closeshort close each), alt nets.
        values.put("sluice.account.main.hedging", "true");
        values.put("sluice.engine.positionsPerSymbol", "3");
        values.put("sluice.engine.dynamicInstruments", "4");
        values.put("sluice.account.alt.maxOrderQty", "5");
        values.put("sluice.account.alt.maxNotional", "10000000");
        values.put("sluice.account.alt.ordersPerSecond", "0");
        values.put("sluice.account.alt.minConfidence", "95");
        values.put("sluice.account.alt.maxDailyLoss", "5000");
        values.put("sluice.dedup.capacity", "50");
        values.put("sluice.dedup.windowMs", "600000");
        values.put("sluice.engine.maxLiveOrders", "64");
        values.put("sluice.engine.gatewayTimeoutMs", "20000");
        values.put("sluice.risk.circuitBreaker.faults", "4");
        values.put("sluice.risk.circuitBreaker.windowMs", "30000");
        values.put("sluice.source.default.defaultQty", "0.5");
        return Settings.of(values);
    }

    /** One input of the stream, as the journal would hold it. */
    record Input(long sequence, long timestampNs, byte[] frame)
    {
    }

    /** Builds the stream from the reference core's outputs (fills answer its orders), seeded: always the same. */
    static final class Stream
    {
        private final Random random = new Random(20241121L);
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final ExecutionReportEncoder report = new ExecutionReportEncoder();
        private final Frames frames = new Frames();
        private final List<String[]> live = new ArrayList<>(); // clientOrderId, account, symbol, side, quantity
        private final List<String> awaiting = new ArrayList<>();
        private final Map<String, Long> prices = new HashMap<>(Map.of(
            "BTCUSDT", 65_000L, "ETHUSDT", 3_000L, "EURUSD", 1L, "HEDGEA", 50L, "HEDGEB", 10L));
        private long nowNs = 1_700_000_000L * SECOND_NS;
        private long sequence;
        private int signals;

        /** Learn the orders and approvals the core just decided. */
        void observe(final List<byte[]> outputs)
        {
            final MessageHeaderDecoder decoder = new MessageHeaderDecoder();
            for (final byte[] frame : outputs)
            {
                final UnsafeBuffer b = new UnsafeBuffer(frame);
                decoder.wrap(b, 0);
                if (decoder.templateId() == NewOrderDecoder.TEMPLATE_ID)
                {
                    final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(b, 0, decoder);
                    live.add(new String[] {
                        order.clientOrderId().trim(), order.account().trim(), order.symbol().trim(), order.side().name(),
                        Fixed.toString(order.quantity()) });
                }
                else if (decoder.templateId() == RiskRejectDecoder.TEMPLATE_ID)
                {
                    final RiskRejectDecoder reject = new RiskRejectDecoder().wrapAndApplyHeader(b, 0, decoder);
                    if (reject.reason() == io.sluice.sbe.RejectReason.AWAITING_APPROVAL)
                    {
                        awaiting.add(reject.signalId());
                    }
                }
            }
        }

        Input next()
        {
            nowNs += (1 + random.nextInt(400)) * 1_000_000L;
            if (random.nextInt(200) == 0)
            {
                nowNs += 6 * 3600 * SECOND_NS; // across a day reset now and then
            }
            final int length = frame();
            final byte[] copy = new byte[length];
            frames.buffer().getBytes(0, copy);
            return new Input(sequence++, nowNs, copy);
        }

        private final List<String> learned = new ArrayList<>();

        private String symbol()
        {
            // Now and then an instrument the core learned from a definition rather than from configuration.
            return !learned.isEmpty() && random.nextInt(6) == 0 ? learned.get(random.nextInt(learned.size())) :
                SYMBOLS[random.nextInt(3)];
        }

        private final List<String> created = new ArrayList<>();

        private String account()
        {
            // Now and then an account an operator created at runtime (AccountConfig).
            if (!created.isEmpty() && random.nextInt(8) == 0)
            {
                return created.get(random.nextInt(created.size()));
            }
            return ACCOUNTS[random.nextInt(5) == 0 ? 1 : 0];
        }

        // An operator's account change: create (up to three), update a limit, disable or enable.
        private int accountConfig()
        {
            final String name = "ops" + random.nextInt(3);
            final io.sluice.sbe.AccountOperation operation;
            if (!created.contains(name))
            {
                created.add(name);
                operation = io.sluice.sbe.AccountOperation.CREATE;
            }
            else
            {
                final io.sluice.sbe.AccountOperation[] changes = {
                    io.sluice.sbe.AccountOperation.UPDATE, io.sluice.sbe.AccountOperation.DISABLE, io.sluice.sbe.AccountOperation.ENABLE };
                operation = changes[random.nextInt(changes.length)];
            }
            final io.sluice.sbe.AccountConfigEncoder e = new io.sluice.sbe.AccountConfigEncoder()
                .wrapAndApplyHeader(frames.buffer(), 0, new io.sluice.sbe.MessageHeaderEncoder())
                .operation(operation).account(name).venue("paper").currency(random.nextBoolean() ? "USD" : "USDT")
                .issuedTimeNs(nowNs);
            final io.sluice.sbe.AccountConfigEncoder.LimitsEncoder limits = e.limitsCount(1);
            limits.next().value(Fixed.of(1 + random.nextInt(5))).name("maxOrderQty");
            e.actor("ops").credentialRef("").reason("");
            return io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }

        private String qty()
        {
            return (1 + random.nextInt(40)) / 10 + "." + random.nextInt(10);
        }

        private String price(final String symbol)
        {
            return Long.toString(prices.get(symbol));
        }

        private String id()
        {
            // Now and then an id seen before: duplicates must be refused the same way after a restore.
            return random.nextInt(15) == 0 && signals > 3 ? "s-" + random.nextInt(signals) : "s-" + signals++;
        }

        // Writes one input into frames.buffer() and returns its length.
        private int frame()
        {
            final int kind = random.nextInt(100);
            final String symbol = symbol();
            if (kind < 14)
            {
                final long p = prices.get(symbol);
                final long moved = Math.max(1, p + (random.nextInt(21) - 10) * Math.max(1, p / 1000));
                prices.put(symbol, moved);
                return frames.marketData(symbol, Long.toString(moved), Long.toString(moved + Math.max(1, moved / 5000)));
            }
            if (kind < 24)
            {
                final String id = id();
                final String side = random.nextBoolean() ? "buy" : "sell";
                final String type = random.nextInt(3) == 0 ? ",\"type\":\"limit\",\"price\":" + price(symbol) : "";
                return frames.signal(id, id, "{\"id\":\"" + id + "\",\"account\":\"" + account() + "\",\"symbol\":\"" + symbol +
                    "\",\"side\":\"" + side + "\",\"qty\":\"" + qty() + "\"" + type + "}");
            }
            if (kind < 29)
            {
                return frames.signal(SignalFormat.TRADINGVIEW_JSON, id(), account(), "{\"ticker\":\"" + symbol + "\",\"action\":\"" +
                    (random.nextBoolean() ? "buy" : "sell") + "\",\"contracts\":\"" + qty() + "\"}");
            }
            if (kind < 34)
            {
                final String[] commands = { "buy", "sell", "closelong", "closeshort" };
                return frames.signal(SignalFormat.PINECONNECTOR, id(), "main",
                    "60123456789," + commands[random.nextInt(commands.length)] + "," + symbol + ",vol_lots=" + (1 + random.nextInt(3)));
            }
            if (kind < 40)
            {
                // Free text: to alt it waits for approval (minConfidence), to main it trades or is refused.
                final String account = random.nextInt(3) == 0 ? "alt" : "main";
                final long p = prices.get("BTCUSDT");
                final String text = random.nextInt(4) == 0 ? "BTCUSDT close half" :
                    random.nextBoolean() ? "BTCUSDT BUY " + p + " SL " + (p - 1000) + " TP " + (p + 2000) :
                    "BTCUSDT SELL " + p + " SL " + (p + 1000) + " TP " + (p - 2000);
                return frames.signal(SignalFormat.FREE_TEXT, id(), account, text);
            }
            if (kind < 43)
            {
                return frames.signal(SignalFormat.OPENALGO_JSON, id(), "main",
                    "{\"apikey\":\"\",\"strategy\":\"B\",\"orders\":[{\"symbol\":\"" + symbol + "\",\"exchange\":\"NSE\",\"action\":\"" +
                    (random.nextBoolean() ? "BUY" : "SELL") + "\",\"quantity\":\"1\",\"pricetype\":\"MARKET\",\"product\":\"MIS\"}]}");
            }
            if (kind < 46)
            {
                final String event = random.nextInt(3) == 0 ? "EXIT" : "ENTRY";
                return frames.signal(SignalFormat.HEDGE_PAIR_JSON, id(), "main",
                    "{\"account\":\"main\",\"pair\":\"P\",\"event\":\"" + event + "\",\"legs\":[" +
                    "{\"symbol\":\"HEDGEA\",\"side\":\"SELL\",\"qty\":\"2\"},{\"symbol\":\"HEDGEB\",\"side\":\"BUY\",\"qty\":\"2\"}]}");
            }
            if (kind < 72 && !live.isEmpty())
            {
                return report();
            }
            if (kind < 80)
            {
                return frames.gatewayStatus("paper", random.nextInt(80) == 0 ? GatewayState.DOWN : GatewayState.UP);
            }
            if (kind < 86)
            {
                return frames.tick(nowNs);
            }
            if (kind < 89 && !awaiting.isEmpty())
            {
                final String target = awaiting.remove(random.nextInt(awaiting.size()));
                return frames.admin(random.nextBoolean() ? AdminAction.APPROVE : AdminAction.REJECT, AdminScope.GLOBAL,
                    null, null, null, target, Fixed.NULL, "ops");
            }
            if (kind < 95)
            {
                final int pick = random.nextInt(12);
                switch (pick)
                {
                    case 0:
                        return frames.admin(AdminAction.KILL, AdminScope.ACCOUNT, "alt", null, null, null, Fixed.NULL, "ops");
                    case 1:
                        return frames.admin(AdminAction.RESUME, AdminScope.ACCOUNT, "alt", null, null, null, Fixed.NULL, "ops");
                    case 2:
                    case 3:
                        return frames.admin(AdminAction.SET_LIMIT, AdminScope.ACCOUNT, "main", null, symbol, "maxOrderQty",
                            Fixed.of(5 + random.nextInt(10)), "ops");
                    case 4:
                        return random.nextInt(3) == 0 ?
                            frames.admin(AdminAction.FLATTEN, AdminScope.ACCOUNT, account(), null, null, null, Fixed.NULL, "ops") :
                            frames.admin(AdminAction.RESUME, AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops");
                    case 5:
                        return frames.admin(AdminAction.CLEAR_PAIR_FLAG, AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops");
                    case 6:
                    case 7:
                    case 8:
                        return frames.admin(AdminAction.RESUME, AdminScope.ACCOUNT, "main", null, null, null, Fixed.NULL, "ops");
                    case 9:
                    case 10:
                        return frames.adminVenue(AdminAction.RESUME, "paper", "ops");
                    default:
                        return frames.admin(random.nextBoolean() ? AdminAction.REDUCE : AdminAction.RESUME, AdminScope.INSTRUMENT,
                            null, null, symbol, null, Fixed.NULL, "ops");
                }
            }
            if (kind < 97 && random.nextInt(4) == 0)
            {
                return accountConfig();
            }
            if (kind < 97)
            {
                return frames.accountUpdate(account(), Integer.toString(50_000 + random.nextInt(50_000)), null);
            }
            if (kind < 99 && random.nextInt(3) == 0)
            {
                // Symbols past the table's spare room (4) are ignored: the full table is state too.
                final String fresh = "OPT" + random.nextInt(6);
                if (!learned.contains(fresh))
                {
                    learned.add(fresh);
                    prices.put(fresh, 100L);
                }
                return frames.instrument(fresh, "0.05", "1", null);
            }
            if (kind < 99)
            {
                return frames.instrument(symbol, random.nextBoolean() ? "0.01" : null, null, random.nextBoolean() ? "2" : null);
            }
            return frames.tick(nowNs);
        }

        // An execution report for one of the orders the core routed: ack, partial or full fill, reject, cancel.
        private int report()
        {
            final int index = random.nextInt(live.size());
            final String[] order = live.get(index);
            final int outcome = random.nextInt(10);
            final long quantity = Fixed.parse(order[4]);
            final ExecType execType;
            final OrdStatus status;
            long lastQty = 0;
            long cumQty = 0;
            if (outcome < 2)
            {
                execType = ExecType.NEW;
                status = OrdStatus.NEW;
            }
            else if (outcome < 4)
            {
                execType = ExecType.TRADE;
                status = OrdStatus.PARTIALLY_FILLED;
                lastQty = quantity / 2;
                cumQty = lastQty;
            }
            else if (outcome < 8)
            {
                execType = ExecType.TRADE;
                status = OrdStatus.FILLED;
                lastQty = quantity;
                cumQty = quantity;
                live.remove(index);
            }
            else if (outcome < 9)
            {
                execType = ExecType.REJECTED;
                status = OrdStatus.REJECTED;
                live.remove(index);
            }
            else
            {
                execType = ExecType.CANCELED;
                status = OrdStatus.CANCELED;
                live.remove(index);
            }
            report.wrapAndApplyHeader(frames.buffer(), 0, header)
                .clientOrderId(order[0])
                .venueOrderId("V" + index)
                .account(order[1])
                .venue("paper")
                .symbol(order[2])
                .execType(execType)
                .ordStatus(status)
                .side(Side.valueOf(order[3]))
                .lastQty(lastQty)
                .lastPrice(lastQty == 0 ? 0 : Fixed.of(prices.get(order[2])))
                .cumQty(cumQty)
                .leavesQty(quantity - cumQty)
                .avgPrice(cumQty == 0 ? 0 : Fixed.of(prices.get(order[2])))
                .transactTimeNs(nowNs)
                .tradeId(lastQty == 0 ? "" : "T" + sequence)
                .commission(Fixed.NULL)
                .commissionAsset("")
                .text(status == OrdStatus.REJECTED ? "insufficient margin" : "");
            return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
        }
    }

    private static byte[] stateOf(final EngineCore core)
    {
        final StateWriter writer = new StateWriter(1024);
        core.writeState(writer.reset());
        final byte[] bytes = new byte[writer.length()];
        writer.buffer().getBytes(0, bytes);
        return bytes;
    }

    private static EngineCore restored(final byte[] state, final CapturedOutputs port)
    {
        final EngineCore core = new EngineCore(CoreConfig.from(settings()), port);
        core.readState(new StateReader().wrap(new UnsafeBuffer(state), 0, state.length));
        return core;
    }

    @Test
    void shouldGiveByteIdenticalOutputsAndEqualHashAfterRestoringASnapshotMidStream()
    {
        final CapturedOutputs outA = new CapturedOutputs();
        final EngineCore a = new EngineCore(CoreConfig.from(settings()), outA);
        final Stream stream = new Stream();
        final List<Input> inputs = new ArrayList<>();
        final int total = 3000;
        final int[] snapshotAt = { 400, 1500, 2600 };
        final List<EngineCore> restoredCores = new ArrayList<>();
        final List<CapturedOutputs> restoredOutputs = new ArrayList<>();
        final Map<Integer, Integer> outputsSeen = new HashMap<>();
        final Map<String, Integer> reasons = new java.util.TreeMap<>();

        for (int i = 0; i < total; i++)
        {
            for (final int at : snapshotAt)
            {
                if (i == at)
                {
                    final byte[] state = stateOf(a);
                    final CapturedOutputs port = new CapturedOutputs();
                    final EngineCore b = restored(state, port);
                    assertEquals(a.stateHash(), b.stateHash(), "restored at input " + i);
                    assertArrayEquals(state, stateOf(b), "a restored core writes the same state again");
                    restoredCores.add(b);
                    restoredOutputs.add(port);
                }
            }
            final Input input = stream.next();
            inputs.add(input);
            outA.clear();
            a.onFrame(input.sequence(), input.timestampNs(), new UnsafeBuffer(input.frame()), 0, input.frame().length);
            stream.observe(outA.frames);
            for (int k = 0; k < restoredCores.size(); k++)
            {
                final CapturedOutputs port = restoredOutputs.get(k);
                port.clear();
                restoredCores.get(k).onFrame(input.sequence(), input.timestampNs(), new UnsafeBuffer(input.frame()), 0, input.frame().length);
                assertEquals(outA.frames.size(), port.frames.size(), "outputs of input " + i + " after snapshot " + k);
                for (int o = 0; o < outA.frames.size(); o++)
                {
                    assertArrayEquals(outA.frames.get(o), port.frames.get(o), "output " + o + " of input " + i + " after snapshot " + k);
                }
            }
            for (final int template : outA.templateIds())
            {
                outputsSeen.merge(template, 1, Integer::sum);
            }
            for (final byte[] f : outA.frames)
            {
                final UnsafeBuffer fb = new UnsafeBuffer(f);
                final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(fb, 0);
                if (h.templateId() == RiskRejectDecoder.TEMPLATE_ID)
                {
                    final RiskRejectDecoder r = new RiskRejectDecoder().wrapAndApplyHeader(fb, 0, h);
                    r.signalId(); r.field();
                    reasons.merge(r.reason() + ":" + r.detail().replaceAll("[0-9.]+", "#"), 1, Integer::sum);
                }
            }
        }
        for (final EngineCore b : restoredCores)
        {
            assertEquals(a.stateHash(), b.stateHash());
        }

        // The stream really exercised the state: orders, fills, cancels of a flatten, rejects, alerts.
        assertTrue(outputsSeen.getOrDefault(NewOrderDecoder.TEMPLATE_ID, 0) > 100, outputsSeen + "\n" + reasons.toString().replace(", ", "\n"));
        assertTrue(outputsSeen.getOrDefault(CancelOrderDecoder.TEMPLATE_ID, 0) > 0, outputsSeen.toString());
        assertTrue(outputsSeen.getOrDefault(RiskRejectDecoder.TEMPLATE_ID, 0) > 100, outputsSeen.toString());
        assertTrue(outputsSeen.getOrDefault(io.sluice.sbe.PositionUpdateDecoder.TEMPLATE_ID, 0) > 50, outputsSeen.toString());
        assertTrue(outputsSeen.getOrDefault(io.sluice.sbe.AlertDecoder.TEMPLATE_ID, 0) > 0, outputsSeen.toString());
        assertTrue(outputsSeen.getOrDefault(io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID, 0) > 3, outputsSeen.toString());
        assertTrue(outputsSeen.getOrDefault(io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID, 0) > 0, outputsSeen.toString());

        // Replay: a fresh core fed the whole stream ends in the same state.
        final EngineCore replayed = new EngineCore(CoreConfig.from(settings()), (buffer, offset, length) -> {});
        for (final Input input : inputs)
        {
            replayed.onFrame(input.sequence(), input.timestampNs(), new UnsafeBuffer(input.frame()), 0, input.frame().length);
        }
        assertEquals(a.stateHash(), replayed.stateHash());
        assertArrayEquals(stateOf(a), stateOf(replayed));
    }

    @Test
    void shouldRefuseAStateWrittenUnderAnotherConfiguration()
    {
        final EngineCore a = new EngineCore(CoreConfig.from(settings()), (buffer, offset, length) -> {});
        final byte[] state = stateOf(a);
        final EngineCore other = new EngineCore(
            CoreConfig.from(settings().with(Map.of("sluice.instruments", "BTCUSDT,ETHUSDT"))), (buffer, offset, length) -> {});
        assertThrows(SnapshotException.class, () -> other.readState(new StateReader().wrap(new UnsafeBuffer(state), 0, state.length)));
        final byte[] truncated = java.util.Arrays.copyOf(state, state.length - 3);
        final EngineCore same = new EngineCore(CoreConfig.from(settings()), (buffer, offset, length) -> {});
        assertThrows(SnapshotException.class, () -> same.readState(new StateReader().wrap(new UnsafeBuffer(truncated), 0, truncated.length)));
    }

    @Test
    void shouldChangeTheStateHashWhenAnyStateTheSnapshotHoldsChanges()
    {
        final CapturedOutputs out = new CapturedOutputs();
        final EngineCore a = new EngineCore(CoreConfig.from(settings()), out);
        final Stream stream = new Stream();
        final java.util.Set<Long> hashes = new java.util.HashSet<>();
        final java.util.Set<String> states = new java.util.HashSet<>();
        for (int i = 0; i < 400; i++)
        {
            final Input input = stream.next();
            out.clear();
            a.onFrame(input.sequence(), input.timestampNs(), new UnsafeBuffer(input.frame()), 0, input.frame().length);
            stream.observe(out.frames);
            final byte[] state = stateOf(a);
            // Skip the header fields that change on every frame without deciding outputs (sequence, time, counters);
            // keep a digest of the rest, not the megabytes of 400 states.
            if (states.add(digest(state, 4 + 8 * 4)))
            {
                assertTrue(hashes.add(a.stateHash()), "a new state has a new hash (input " + i + ")");
            }
        }
        assertNotEquals(0, hashes.size());
    }

    private static String digest(final byte[] bytes, final int from)
    {
        try
        {
            final java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(bytes, from, bytes.length - from);
            return java.util.HexFormat.of().formatHex(sha.digest());
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
