package io.sluice.sbe;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.sluice.protocol.Fixed;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of the schema encoded with every field set and decoded back with the generated codecs, the way
 * an adapter does (header first, then wrap with the acting block length and version). Runs with SBE precedence
 * checks on, so a codec used out of schema order fails.
 */
class SbeRoundTripTest
{
    private static final long T = 1_714_554_900_123_456_789L;
    private static final String UTF8 = "ταχύτητα — 速度 \uD83D\uDE00 \"quoted\"";

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    private int frameLength;

    /** Check the header as an adapter would and return the offset of the body. */
    private int readHeader(final int templateId, final int blockLength, final int encodedLength)
    {
        headerDecoder.wrap(buffer, 0);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, headerDecoder.version());
        assertEquals(templateId, headerDecoder.templateId());
        assertEquals(blockLength, headerDecoder.blockLength());
        frameLength = MessageHeaderDecoder.ENCODED_LENGTH + encodedLength;
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    @Test
    void shouldRunWithPrecedenceChecksOn()
    {
        assertEquals("true", System.getProperty("sbe.enable.precedence.checks"),
            "surefire must pass -Dsbe.enable.precedence.checks=true");
    }

    @Test
    void shouldRejectReadingVarDataOutOfOrder()
    {
        final RawSignalEncoder encoder = encodeRawSignal(new byte[] { 1, 2, 3 });
        readHeader(RawSignalEncoder.TEMPLATE_ID, RawSignalEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final RawSignalDecoder skipping = new RawSignalDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, skipping::account);
        assertTrue(ex.getMessage().contains("Illegal field access order"), ex.getMessage());

        final RawSignalDecoder twice = new RawSignalDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals("sig-1", twice.signalId());
        assertThrows(IllegalStateException.class, twice::signalId);
    }

    @Test
    void shouldRejectWritingVarDataOutOfOrderOrIncompletely()
    {
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        assertThrows(IllegalStateException.class, () -> encoder.account("acct-1"));

        final NewOrderEncoder incomplete = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).quantity(1);
        assertThrows(IllegalStateException.class, incomplete::checkEncodingIsComplete);
        incomplete.signalId("s");
        assertThrows(IllegalStateException.class, () -> incomplete.signalId("again"), "var data written twice");
        assertThrows(IllegalStateException.class, () -> new NewOrderEncoder().quantity(1), "encoder not wrapped");
    }

    private RawSignalEncoder encodeRawSignal(final byte[] body)
    {
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .source(SignalSource.TELEGRAM)
            .format(SignalFormat.CANONICAL_JSON)
            .ingressTimeNs(T).dryRun(io.sluice.sbe.BooleanType.FALSE)
            .signalId("sig-1")
            .account("acct-1")
            .idempotencyKey("idem-42")
            .putBody(body, 0, body.length).channel("");
        encoder.checkEncodingIsComplete();
        return encoder;
    }

    @Test
    void shouldRoundTripRawSignalIncludingALargeBinaryBody()
    {
        final byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        final RawSignalEncoder encoder = encodeRawSignal(body);
        final int offset = readHeader(RawSignalEncoder.TEMPLATE_ID, RawSignalEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final RawSignalDecoder decoder = new RawSignalDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals(SignalSource.TELEGRAM, decoder.source());
        assertEquals(SignalFormat.CANONICAL_JSON, decoder.format());
        assertEquals(T, decoder.ingressTimeNs());
        assertEquals("sig-1", decoder.signalId());
        assertEquals("acct-1", decoder.account());
        assertEquals("idem-42", decoder.idempotencyKey());
        assertEquals(body.length, decoder.bodyLength());
        final byte[] decoded = new byte[body.length];
        assertEquals(body.length, decoder.getBody(decoded, 0, decoded.length));
        assertArrayEquals(body, decoded);
        assertEquals("", decoder.channel());
        assertEquals(frameLength - offset, decoder.encodedLength());
    }

    @Test
    void shouldRoundTripExecutionReport()
    {
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId("0K3ZJ8QW1B2C3")
            .venueOrderId("12345678901234567890123456789012")
            .account("acct-1")
            .venue("binance-futures")
            .symbol("BTCUSDT")
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.PARTIALLY_FILLED)
            .side(Side.SELL)
            .lastQty(Fixed.parse("0.001"))
            .lastPrice(Fixed.parse("65000.12345678"))
            .cumQty(Fixed.parse("0.5"))
            .leavesQty(Fixed.parse("0.499"))
            .avgPrice(Fixed.parse("64999.5"))
            .transactTimeNs(T)
            .text(UTF8);
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(ExecutionReportEncoder.TEMPLATE_ID, ExecutionReportEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final ExecutionReportDecoder decoder = new ExecutionReportDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals("0K3ZJ8QW1B2C3", decoder.clientOrderId());
        assertEquals("12345678901234567890123456789012", decoder.venueOrderId());
        assertEquals("acct-1", decoder.account());
        assertEquals("binance-futures", decoder.venue());
        assertEquals("BTCUSDT", decoder.symbol());
        assertEquals(ExecType.TRADE, decoder.execType());
        assertEquals(OrdStatus.PARTIALLY_FILLED, decoder.ordStatus());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(100_000L, decoder.lastQty());
        assertEquals(6_500_012_345_678L, decoder.lastPrice());
        assertEquals(50_000_000L, decoder.cumQty());
        assertEquals(49_900_000L, decoder.leavesQty());
        assertEquals(6_499_950_000_000L, decoder.avgPrice());
        assertEquals(T, decoder.transactTimeNs());
        assertEquals(UTF8, decoder.text());
    }

    @Test
    void shouldRoundTripAdminCommand()
    {
        final AdminCommandEncoder encoder = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .action(AdminAction.FLATTEN)
            .scope(AdminScope.ACCOUNT)
            .account("1234567890123456")
            .issuedTimeNs(T)
            .venue("")
            .symbol("")
            .value(io.sluice.protocol.Fixed.NULL)
            .actor("ops@desk")
            .reason(UTF8)
            .target("");
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(AdminCommandEncoder.TEMPLATE_ID, AdminCommandEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final AdminCommandDecoder decoder = new AdminCommandDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals(AdminAction.FLATTEN, decoder.action());
        assertEquals(AdminScope.ACCOUNT, decoder.scope());
        assertEquals("1234567890123456", decoder.account());
        assertEquals(T, decoder.issuedTimeNs());
        assertEquals("ops@desk", decoder.actor());
        assertEquals(UTF8, decoder.reason());
    }

    @Test
    void shouldRoundTripGatewayStatus()
    {
        final GatewayStatusEncoder encoder = new GatewayStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue("mt5")
            .state(GatewayState.RECONCILING)
            .timestampNs(T)
            .detail("3 orders to reconcile");
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(GatewayStatusEncoder.TEMPLATE_ID, GatewayStatusEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final GatewayStatusDecoder decoder = new GatewayStatusDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals("mt5", decoder.venue());
        assertEquals(GatewayState.RECONCILING, decoder.state());
        assertEquals(T, decoder.timestampNs());
        assertEquals("3 orders to reconcile", decoder.detail());
    }

    @Test
    void shouldRoundTripMarketDataWithPricesPresentAndAbsent()
    {
        for (final boolean present : new boolean[] { true, false })
        {
            final MarketDataEncoder encoder = new MarketDataEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .venue("kite")
                .symbol("NIFTY24MAYFUT")
                .bid(present ? Fixed.parse("22500.05") : Fixed.NULL)
                .ask(present ? Fixed.parse("22500.1") : Fixed.NULL)
                .last(present ? Fixed.parse("-0.00000001") : Fixed.NULL)
                .timestampNs(T);
            encoder.checkEncodingIsComplete();
            final int offset = readHeader(MarketDataEncoder.TEMPLATE_ID, MarketDataEncoder.BLOCK_LENGTH, encoder.encodedLength());

            final MarketDataDecoder decoder = new MarketDataDecoder()
                .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
            assertEquals("kite", decoder.venue());
            assertEquals("NIFTY24MAYFUT", decoder.symbol());
            assertEquals(present ? 2_250_005_000_000L : MarketDataDecoder.bidNullValue(), decoder.bid());
            assertEquals(present ? 2_250_010_000_000L : MarketDataDecoder.askNullValue(), decoder.ask());
            assertEquals(present ? -1L : MarketDataDecoder.lastNullValue(), decoder.last());
            assertEquals(T, decoder.timestampNs());
        }
        assertEquals(Fixed.NULL, MarketDataDecoder.bidNullValue(), "absent prices are the SBE int64 null value");
    }

    @Test
    void shouldRoundTripTick()
    {
        final TickEncoder encoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).timestampNs(T);
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(TickEncoder.TEMPLATE_ID, TickEncoder.BLOCK_LENGTH, encoder.encodedLength());
        final TickDecoder decoder = new TickDecoder().wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(T, decoder.timestampNs());
        assertEquals(8, decoder.sbeDecodedLength());
    }

    @Test
    void shouldRoundTripNewOrderWithOptionalPricesPresentAndAbsent()
    {
        for (final boolean present : new boolean[] { true, false })
        {
            final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .clientOrderId("12345678901234567890")
                .account("acct-1")
                .venue("paper")
                .symbol("12345678901234567890123456789012")
                .side(Side.BUY)
                .ordType(OrdType.STOP_LIMIT)
                .timeInForce(TimeInForce.IOC)
                .quantity(Fixed.parse("1.5"))
                .price(present ? Fixed.parse("65000.5") : Fixed.NULL)
                .stopPrice(present ? Fixed.parse("64000") : Fixed.NULL)
                .takeProfit(present ? Fixed.parse("70000.25") : Fixed.NULL)
                .stopLoss(present ? Fixed.parse("60000.00000001") : Fixed.NULL)
                .timestampNs(T)
                .leg((short)3)
                .attempt((short)255)
                .signalId("sig-1");
            encoder.checkEncodingIsComplete();
            final int offset = readHeader(NewOrderEncoder.TEMPLATE_ID, NewOrderEncoder.BLOCK_LENGTH, encoder.encodedLength());

            final NewOrderDecoder decoder = new NewOrderDecoder()
                .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
            assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
            assertEquals("12345678901234567890", decoder.clientOrderId());
            assertEquals("acct-1", decoder.account());
            assertEquals("paper", decoder.venue());
            assertEquals("12345678901234567890123456789012", decoder.symbol());
            assertEquals(Side.BUY, decoder.side());
            assertEquals(OrdType.STOP_LIMIT, decoder.ordType());
            assertEquals(TimeInForce.IOC, decoder.timeInForce());
            assertEquals(150_000_000L, decoder.quantity());
            assertEquals(present ? 6_500_050_000_000L : Fixed.NULL, decoder.price());
            assertEquals(present ? 6_400_000_000_000L : Fixed.NULL, decoder.stopPrice());
            assertEquals(present ? 7_000_025_000_000L : Fixed.NULL, decoder.takeProfit());
            assertEquals(present ? 6_000_000_000_001L : Fixed.NULL, decoder.stopLoss());
            assertEquals(T, decoder.timestampNs());
            assertEquals(3, decoder.leg());
            assertEquals(255, decoder.attempt());
            assertEquals("sig-1", decoder.signalId());
        }
    }

    @Test
    void shouldRoundTripCancelOrder()
    {
        final CancelOrderEncoder encoder = new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientOrderId("0K3ZJ8QW1B2C3")
            .account("acct-1")
            .venue("angel")
            .symbol("SBIN-EQ")
            .timestampNs(T);
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(CancelOrderEncoder.TEMPLATE_ID, CancelOrderEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final CancelOrderDecoder decoder = new CancelOrderDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals("0K3ZJ8QW1B2C3", decoder.clientOrderId());
        assertEquals("acct-1", decoder.account());
        assertEquals("angel", decoder.venue());
        assertEquals("SBIN-EQ", decoder.symbol());
        assertEquals(T, decoder.timestampNs());
    }

    @Test
    void shouldRoundTripRiskRejectWithValuesPresentAndAbsent()
    {
        for (final boolean present : new boolean[] { true, false })
        {
            final RiskRejectEncoder encoder = new RiskRejectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .reason(RejectReason.NOT_A_SIGNAL)
                .limitValue(present ? Fixed.parse("100000") : Fixed.NULL)
                .actualValue(present ? Fixed.parse("130000.5") : Fixed.NULL)
                .clientOrderId("0K3ZJ8QW1B2C3")
                .account("acct-1")
                .symbol("BTCUSDT")
                .timestampNs(T)
                .signalId("sig-2")
                .field("quantity")
                .detail(UTF8);
            encoder.checkEncodingIsComplete();
            final int offset = readHeader(RiskRejectEncoder.TEMPLATE_ID, RiskRejectEncoder.BLOCK_LENGTH, encoder.encodedLength());

            final RiskRejectDecoder decoder = new RiskRejectDecoder()
                .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
            assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
            assertEquals(RejectReason.NOT_A_SIGNAL, decoder.reason());
            assertEquals(present ? Fixed.of(100_000) : Fixed.NULL, decoder.limitValue());
            assertEquals(present ? 13_000_050_000_000L : Fixed.NULL, decoder.actualValue());
            assertEquals("0K3ZJ8QW1B2C3", decoder.clientOrderId());
            assertEquals("acct-1", decoder.account());
            assertEquals("BTCUSDT", decoder.symbol());
            assertEquals(T, decoder.timestampNs());
            assertEquals("sig-2", decoder.signalId());
            assertEquals("quantity", decoder.field());
            assertEquals(UTF8, decoder.detail());
        }
    }

    @Test
    void shouldRoundTripOrderUpdateWithPricePresentAndAbsent()
    {
        for (final boolean present : new boolean[] { true, false })
        {
            final OrderUpdateEncoder encoder = new OrderUpdateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .clientOrderId("0K3ZJ8QW1B2C3")
                .venueOrderId("V-1")
                .account("acct-1")
                .venue("upstox")
                .symbol("NSE_EQ|INE062A01020")
                .side(Side.SELL)
                .ordType(present ? OrdType.LIMIT : OrdType.MARKET)
                .ordStatus(OrdStatus.UNKNOWN)
                .quantity(Fixed.parse("10"))
                .price(present ? Fixed.parse("812.35") : Fixed.NULL)
                .cumQty(Fixed.parse("4"))
                .leavesQty(Fixed.parse("6"))
                .avgPrice(Fixed.parse("812.3"))
                .timestampNs(T)
                .text(UTF8);
            encoder.checkEncodingIsComplete();
            final int offset = readHeader(OrderUpdateEncoder.TEMPLATE_ID, OrderUpdateEncoder.BLOCK_LENGTH, encoder.encodedLength());

            final OrderUpdateDecoder decoder = new OrderUpdateDecoder()
                .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
            assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
            assertEquals("0K3ZJ8QW1B2C3", decoder.clientOrderId());
            assertEquals("V-1", decoder.venueOrderId());
            assertEquals("acct-1", decoder.account());
            assertEquals("upstox", decoder.venue());
            assertEquals("NSE_EQ|INE062A01020", decoder.symbol());
            assertEquals(Side.SELL, decoder.side());
            assertEquals(present ? OrdType.LIMIT : OrdType.MARKET, decoder.ordType());
            assertEquals(OrdStatus.UNKNOWN, decoder.ordStatus());
            assertEquals(Fixed.of(10), decoder.quantity());
            assertEquals(present ? 81_235_000_000L : Fixed.NULL, decoder.price());
            assertEquals(Fixed.of(4), decoder.cumQty());
            assertEquals(Fixed.of(6), decoder.leavesQty());
            assertEquals(81_230_000_000L, decoder.avgPrice());
            assertEquals(T, decoder.timestampNs());
            assertEquals(UTF8, decoder.text());
        }
    }

    @Test
    void shouldRoundTripPositionUpdate()
    {
        final PositionUpdateEncoder encoder = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .account("acct-1")
            .venue("dhan")
            .symbol("RELIANCE")
            .quantity(Fixed.parse("-3.5"))
            .avgPrice(Fixed.parse("2950.05"))
            .realizedPnl(Fixed.parse("-12.75"))
            .timestampNs(T);
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(PositionUpdateEncoder.TEMPLATE_ID, PositionUpdateEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final PositionUpdateDecoder decoder = new PositionUpdateDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals("acct-1", decoder.account());
        assertEquals("dhan", decoder.venue());
        assertEquals("RELIANCE", decoder.symbol());
        assertEquals(-350_000_000L, decoder.quantity());
        assertEquals(295_005_000_000L, decoder.avgPrice());
        assertEquals(-1_275_000_000L, decoder.realizedPnl());
        assertEquals(T, decoder.timestampNs());
    }

    @Test
    void shouldRoundTripTradingStateUpdate()
    {
        final TradingStateUpdateEncoder encoder = new TradingStateUpdateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .scope(AdminScope.GLOBAL)
            .account("")
            .state(TradingState.REDUCING)
            .timestampNs(T)
            .venue("")
            .symbol("")
            .actor("risk-engine")
            .reason(UTF8);
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(
            TradingStateUpdateEncoder.TEMPLATE_ID, TradingStateUpdateEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final TradingStateUpdateDecoder decoder = new TradingStateUpdateDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals(AdminScope.GLOBAL, decoder.scope());
        assertEquals("", decoder.account());
        assertEquals(TradingState.REDUCING, decoder.state());
        assertEquals(T, decoder.timestampNs());
        assertEquals("risk-engine", decoder.actor());
        assertEquals(UTF8, decoder.reason());
    }

    @Test
    void shouldRoundTripEngineError()
    {
        final EngineErrorEncoder encoder = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .inputTemplateId(65_535)
            .timestampNs(T)
            .detail("x".repeat(8192));
        encoder.checkEncodingIsComplete();
        final int offset = readHeader(EngineErrorEncoder.TEMPLATE_ID, EngineErrorEncoder.BLOCK_LENGTH, encoder.encodedLength());

        final EngineErrorDecoder decoder = new EngineErrorDecoder()
            .wrap(buffer, offset, headerDecoder.blockLength(), headerDecoder.version());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
        assertEquals(65_535, decoder.inputTemplateId());
        assertEquals(T, decoder.timestampNs());
        assertEquals("x".repeat(8192), decoder.detail());
    }

    @Test
    void shouldEnforceDeclaredLengths()
    {
        final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.clientOrderId("123456789012345678901"));
        assertThrows(IllegalStateException.class, () -> encoder.signalId("s".repeat(1025)));

        final EngineErrorEncoder error = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        assertThrows(IllegalStateException.class, () -> error.detail("d".repeat(8193)));
    }

    @Test
    void shouldReadZeroPaddedCharFieldsAsTrimmedText()
    {
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId("ABC");
        final byte[] raw = new byte[NewOrderEncoder.clientOrderIdLength()];
        buffer.getBytes(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.clientOrderIdEncodingOffset(), raw);
        assertArrayEquals("ABC\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), raw);
        assertEquals(20, raw.length);

        final NewOrderDecoder decoder = new NewOrderDecoder().wrap(
            buffer, MessageHeaderEncoder.ENCODED_LENGTH, NewOrderEncoder.BLOCK_LENGTH, NewOrderEncoder.SCHEMA_VERSION);
        assertEquals("ABC", decoder.clientOrderId());
    }

    @Test
    void shouldKeepTheWireLayoutOfSchemaVersion0()
    {
        // Template ids, block lengths and enum values are the wire contract with journals already written:
        // evolving the schema may add, never change these.
        assertEquals(7101, MessageHeaderEncoder.SCHEMA_ID);
        assertEquals(8, MessageHeaderEncoder.ENCODED_LENGTH);
        final int[][] layout = {
            { RawSignalEncoder.TEMPLATE_ID, 1, RawSignalEncoder.BLOCK_LENGTH, 10 },
            { NewOrderEncoder.TEMPLATE_ID, 2, NewOrderEncoder.BLOCK_LENGTH, 137 },
            { CancelOrderEncoder.TEMPLATE_ID, 3, CancelOrderEncoder.BLOCK_LENGTH, 92 },
            { ExecutionReportEncoder.TEMPLATE_ID, 4, ExecutionReportEncoder.BLOCK_LENGTH, 167 },
            { RiskRejectEncoder.TEMPLATE_ID, 5, RiskRejectEncoder.BLOCK_LENGTH, 94 },
            { AdminCommandEncoder.TEMPLATE_ID, 6, AdminCommandEncoder.BLOCK_LENGTH, 26 },
            { GatewayStatusEncoder.TEMPLATE_ID, 7, GatewayStatusEncoder.BLOCK_LENGTH, 25 },
            { MarketDataEncoder.TEMPLATE_ID, 8, MarketDataEncoder.BLOCK_LENGTH, 80 },
            { TickEncoder.TEMPLATE_ID, 9, TickEncoder.BLOCK_LENGTH, 8 },
            { OrderUpdateEncoder.TEMPLATE_ID, 10, OrderUpdateEncoder.BLOCK_LENGTH, 167 },
            { PositionUpdateEncoder.TEMPLATE_ID, 11, PositionUpdateEncoder.BLOCK_LENGTH, 96 },
            { TradingStateUpdateEncoder.TEMPLATE_ID, 12, TradingStateUpdateEncoder.BLOCK_LENGTH, 26 },
            { EngineErrorEncoder.TEMPLATE_ID, 13, EngineErrorEncoder.BLOCK_LENGTH, 10 },
        };
        for (final int[] row : layout)
        {
            assertEquals(row[1], row[0], "template id");
            org.junit.jupiter.api.Assertions.assertTrue(row[2] >= row[3], "version 0 block of template " + row[1] + " is a prefix");
        }
        // Version 1 appended fields after the version 0 block, never inside it.
        assertEquals(137, NewOrderEncoder.reduceOnlyEncodingOffset());
        assertEquals(1, NewOrderEncoder.reduceOnlySinceVersion());
        assertEquals(167, ExecutionReportEncoder.tradeIdEncodingOffset());
        assertEquals(1, ExecutionReportEncoder.tradeIdSinceVersion());
        assertEquals(1, Side.BUY.value());
        assertEquals(2, Side.SELL.value());
        assertEquals(0, OrdStatus.PENDING_NEW.value());
        assertEquals(8, OrdStatus.PENDING_CANCEL.value());
        assertEquals(11, RejectReason.GATEWAY_DOWN.value());
        assertEquals(15, RejectReason.NOT_A_SIGNAL.value());
    }

    @Test
    void shouldDecodeAFrameCopiedIntoAnotherBufferAtAnOffset()
    {
        final EngineErrorEncoder encoder = new EngineErrorEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .inputTemplateId(4)
            .timestampNs(T)
            .detail("boom");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length + 33]);
        copy.putBytes(33, buffer, 0, length);

        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(copy, 33);
        final EngineErrorDecoder decoder = new EngineErrorDecoder()
            .wrap(copy, 33 + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(4, decoder.inputTemplateId());
        assertEquals(T, decoder.timestampNs());
        assertEquals("boom", decoder.detail());
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());
    }
}
