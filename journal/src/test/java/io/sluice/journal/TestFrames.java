package io.sluice.journal;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertEncoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.AmendOrderEncoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.CancelOrderEncoder;
import io.sluice.sbe.EngineErrorEncoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.InstrumentDefinitionEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateEncoder;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.PositionUpdateEncoder;
import io.sluice.sbe.Product;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectEncoder;
import io.sluice.sbe.RiskUsageEncoder;
import io.sluice.sbe.Severity;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TickEncoder;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Frames of every message type encoded with the real generated encoders, for formatter and dump tests.
 */
final class TestFrames
{
    /** 2024-05-01T09:15:00.000000001Z. */
    static final long T0 = 1_714_554_900_000_000_001L;
    /** Channel of every RawSignal frame. */
    static final String CHANNEL = "tv-main";

    private TestFrames()
    {
    }

    /** An encoded frame: buffer, offset 0, length. */
    static final class Frame
    {
        final MutableDirectBuffer buffer;
        final int length;

        Frame(final MutableDirectBuffer buffer, final int length)
        {
            this.buffer = buffer;
            this.length = length;
        }

        byte[] bytes()
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes, 0, length);
            return bytes;
        }
    }

    static Frame rawSignal(final byte[] body)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .source(SignalSource.TRADINGVIEW)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(T0)
            .dryRun(BooleanType.FALSE)
            .signalId("sig-1")
            .account("acct-1")
            .idempotencyKey("idem-1")
            .putBody(body, 0, body.length)
            .channel(CHANNEL);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame rawSignal(final String body)
    {
        return rawSignal(body.getBytes(StandardCharsets.UTF_8));
    }

    static Frame newOrder(final long price, final long stopLoss)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3")
            .account("acct-1")
            .venue("paper")
            .symbol("BTCUSDT")
            .side(Side.BUY)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .quantity(Fixed.parse("1.5"))
            .price(price)
            .stopPrice(Fixed.NULL)
            .takeProfit(Fixed.parse("70000"))
            .stopLoss(stopLoss)
            .timestampNs(T0)
            .leg((short)1)
            .attempt((short)2)
            .reduceOnly(BooleanType.TRUE)
            .positionSide(PositionSide.LONG)
            .product(Product.NRML)
            .signalId("sig-1");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame cancelOrder()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final CancelOrderEncoder encoder = new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3")
            .account("acct-1")
            .venue("binance")
            .symbol("ETHUSDT")
            .timestampNs(T0 + 999_999_999L);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame executionReport(final String text)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3")
            .venueOrderId("V-123456789")
            .account("acct-1")
            .venue("paper")
            .symbol("BTCUSDT")
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.PARTIALLY_FILLED)
            .side(Side.SELL)
            .lastQty(Fixed.parse("0.25"))
            .lastPrice(Fixed.parse("65000.12345678"))
            .cumQty(Fixed.parse("0.5"))
            .leavesQty(Fixed.parse("1"))
            .avgPrice(Fixed.parse("64999.9"))
            .transactTimeNs(T0)
            .tradeId("T-987654321")
            .commission(Fixed.parse("0.0001625"))
            .commissionAsset("USDT")
            .text(text);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame riskReject(final long limitValue, final long actualValue)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final RiskRejectEncoder encoder = new RiskRejectEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .reason(RejectReason.MAX_NOTIONAL)
            .limitValue(limitValue)
            .actualValue(actualValue)
            .clientOrderId("")
            .account("acct-1")
            .symbol("BTCUSDT")
            .timestampNs(T0)
            .signalId("sig-2")
            .field("quantity")
            .detail("notional 130000 > limit 100000");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame adminCommand()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AdminCommandEncoder encoder = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .action(AdminAction.KILL)
            .scope(AdminScope.ACCOUNT)
            .account("acct-1")
            .issuedTimeNs(0L)
            .venue("")
            .symbol("")
            .value(Fixed.NULL)
            .actor("ops@desk")
            .reason("market halt \u2014 stop all")
            .target("");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /** An AdminCommand that uses every field added in version 2: an instrument's limit override. */
    static Frame adminSetLimit(final String target)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AdminCommandEncoder encoder = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .action(AdminAction.SET_LIMIT)
            .scope(AdminScope.INSTRUMENT)
            .account("acct-1")
            .issuedTimeNs(T0)
            .venue("binance")
            .symbol("BTCUSDT")
            .value(Fixed.parse("25000.5"))
            .actor("risk@desk")
            .reason("tighter after CPI")
            .target(target);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame gatewayStatus()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final GatewayStatusEncoder encoder = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .venue("binance-futures")
            .state(GatewayState.DEGRADED)
            .timestampNs(T0)
            .detail("HTTP 429\nretry after 2s");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame marketData()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MarketDataEncoder encoder = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .venue("kite")
            .symbol("NIFTY24MAYFUT")
            .bid(Fixed.parse("22500.05"))
            .ask(Fixed.NULL)
            .last(Fixed.parse("-0.00000001"))
            .timestampNs(T0);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame tick(final long timestampNs)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final TickEncoder encoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .timestampNs(timestampNs);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame orderUpdate()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final OrderUpdateEncoder encoder = new OrderUpdateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3")
            .venueOrderId("")
            .account("acct-1")
            .venue("paper")
            .symbol("BTCUSDT")
            .side(Side.BUY)
            .ordType(OrdType.MARKET)
            .ordStatus(OrdStatus.PENDING_NEW)
            .quantity(Fixed.parse("2"))
            .price(Fixed.NULL)
            .cumQty(0)
            .leavesQty(Fixed.parse("2"))
            .avgPrice(0)
            .timestampNs(T0)
            .text("");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame positionUpdate()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final PositionUpdateEncoder encoder = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .account("acct-1")
            .venue("mt5")
            .symbol("XAUUSD")
            .quantity(Fixed.parse("-3.5"))
            .avgPrice(Fixed.parse("2350.1"))
            .realizedPnl(Fixed.parse("-12.75"))
            .timestampNs(T0);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame tradingStateUpdate()
    {
        return tradingStateUpdate(AdminScope.GLOBAL, "", "");
    }

    static Frame tradingStateUpdate(final AdminScope scope, final String venue, final String symbol)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final TradingStateUpdateEncoder encoder = new TradingStateUpdateEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .scope(scope)
            .account("")
            .state(TradingState.HALTED)
            .timestampNs(T0)
            .venue(venue)
            .symbol(symbol)
            .actor("ops@desk")
            .reason("kill \"all\"");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame engineError()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final EngineErrorEncoder encoder = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .inputTemplateId(1)
            .timestampNs(T0)
            .detail("NullPointerException at Parser.parse");
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame instrumentDefinition()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .venue("kite")
            .symbol("NIFTY-24000-CE")
            .venueSymbol("NIFTY24D1924000CE")
            .venueToken("12345678")
            .tickSize(Fixed.parse("0.05"))
            .lotSize(Fixed.parse("25"))
            .minQty(Fixed.parse("25"))
            .maxQty(Fixed.NULL)
            .minNotional(Fixed.NULL)
            .freezeQty(Fixed.parse("1800"))
            .contractSize(Fixed.parse("1"))
            .timestampNs(T0)
            .underlying("NIFTY")
            .instrumentKind(io.sluice.sbe.InstrumentKind.CE)
            .expiryDate(20241219)
            .strike(Fixed.of(24000))
            .exchangeSegment("NFO")
            .syncDate(20241216);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame accountUpdate()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AccountUpdateEncoder encoder = new AccountUpdateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .account("acct-1")
            .venue("mt5")
            .currency("USD")
            .balance(Fixed.parse("10000.5"))
            .equity(Fixed.parse("9875.25"))
            .marginAvailable(Fixed.NULL)
            .marginUsed(Fixed.parse("-0.00000001"))
            .timestampNs(T0);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame amendOrder()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AmendOrderEncoder encoder = new AmendOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3")
            .account("acct-1")
            .venue("mt5")
            .symbol("XAUUSD")
            .quantity(Fixed.NULL)
            .price(Fixed.NULL)
            .stopPrice(Fixed.NULL)
            .takeProfit(Fixed.parse("2400"))
            .stopLoss(Fixed.parse("2300.5"))
            .timestampNs(T0);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame alert(final String text)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AlertEncoder encoder = new AlertEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .alertType(AlertType.CIRCUIT_BREAKER)
            .severity(Severity.CRITICAL)
            .account("acct-1")
            .venue("binance")
            .symbol("BTCUSDT")
            .timestampNs(T0)
            .text(text);
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /** A RiskUsage with one limit per (name, limitValue, usedValue) triple: names[i], limitValues[i], usedValues[i]. */
    static Frame riskUsage(final String[] names, final long[] limitValues, final long[] usedValues)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final RiskUsageEncoder encoder = new RiskUsageEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .account("acct-1")
            .state(TradingState.REDUCING)
            .timestampNs(T0);
        final RiskUsageEncoder.LimitsEncoder limits = encoder.limitsCount(names.length);
        for (int i = 0; i < names.length; i++)
        {
            limits.next().limitValue(limitValues[i]).usedValue(usedValues[i]).name(names[i]);
        }
        encoder.checkEncodingIsComplete();
        return new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static Frame riskUsage()
    {
        return riskUsage(
            new String[] { "dailyLoss", "maxNotional", "maxOpenPositions" },
            new long[] { Fixed.parse("1000"), Fixed.parse("50000"), Fixed.parse("5") },
            new long[] { Fixed.parse("-250.125"), Fixed.NULL, Fixed.parse("3") });
    }

    /**
     * The frame as a producer of another schema version would have written it: the header says blockLength and
     * version, the block is cut (or zero padded) to blockLength and the var data follows directly after it.
     */
    static Frame reshaped(final Frame frame, final int blockLength, final int version)
    {
        return reshaped(frame, blockLength, version, 0);
    }

    /**
     * As {@link #reshaped(Frame, int, int)}, also dropping the last tailLength bytes of var data: the var fields
     * added after that version, which its producer would not have written.
     */
    static Frame reshaped(final Frame frame, final int blockLength, final int version, final int tailLength)
    {
        final int headerLength = MessageHeaderEncoder.ENCODED_LENGTH;
        final int currentBlockLength = new MessageHeaderDecoder().wrap(frame.buffer, 0).blockLength();
        final int varDataLength = frame.length - headerLength - currentBlockLength - tailLength;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[headerLength + blockLength + varDataLength]);
        buffer.putBytes(0, frame.buffer, 0, headerLength);
        buffer.putBytes(headerLength, frame.buffer, headerLength, Math.min(blockLength, currentBlockLength));
        buffer.putBytes(headerLength + blockLength, frame.buffer, headerLength + currentBlockLength, varDataLength);
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(blockLength).version(version);
        return new Frame(buffer, buffer.capacity());
    }

    /** A frame with a valid header of this schema but a template id no message has. */
    static Frame unknownTemplate(final int templateId, final int bodyLength)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + bodyLength]);
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(bodyLength)
            .templateId(templateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        return new Frame(buffer, buffer.capacity());
    }
}
