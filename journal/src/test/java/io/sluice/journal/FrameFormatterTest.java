package io.sluice.journal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.EngineErrorEncoder;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.NewOrderEncoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.RiskUsageDecoder;
import io.sluice.sbe.RiskUsageEncoder;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TradingStateUpdateDecoder;
import io.sluice.sbe.TradingStateUpdateEncoder;
import io.sluice.journal.TestFrames.Frame;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.sluice.journal.TestFrames.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameFormatterTest
{
    private static final String T0_TEXT = "2024-05-01T09:15:00.000000001Z";
    private static final int NEW_ORDER_V0_BLOCK_LENGTH = 137;
    private static final int EXECUTION_REPORT_V0_BLOCK_LENGTH = 167;
    private static final String NEW_ORDER_V1_FIELDS = " reduceOnly=TRUE positionSide=LONG product=NRML";
    private static final String EXECUTION_REPORT_V1_FIELDS = " tradeId=T-987654321 commission=0.0001625 commissionAsset=USDT";
    private static final int RAW_SIGNAL_V1_BLOCK_LENGTH = 10;
    private static final String RAW_SIGNAL_V2_DRY_RUN = " dryRun=FALSE";
    private static final String RAW_SIGNAL_V2_CHANNEL = " channel=\"tv-main\"";
    private static final int ADMIN_COMMAND_V1_BLOCK_LENGTH = 26;
    private static final int TRADING_STATE_UPDATE_V1_BLOCK_LENGTH = 26;
    private static final String ADMIN_COMMAND_V2_FIELDS = " venue=binance symbol=BTCUSDT value=25000.5";
    private static final String ADMIN_COMMAND_V2_TARGET = " target=\"maxNotional\"";
    private static final String TRADING_STATE_UPDATE_V2_FIELDS = " venue=binance symbol=BTCUSDT";
    // Length prefix of an empty varAsciiEncoding field.
    private static final int EMPTY_VAR_ASCII_LENGTH = 2;

    private final FrameFormatter formatter = new FrameFormatter();

    private String format(final Frame frame)
    {
        return formatter.format(frame.buffer, 0, frame.length);
    }

    @Test
    void shouldFormatRawSignal()
    {
        assertEquals(
            "RawSignal source=TRADINGVIEW format=CANONICAL_JSON ingressTimeNs=" + T0_TEXT + " dryRun=FALSE" +
            " signalId=\"sig-1\" account=\"acct-1\" idempotencyKey=\"idem-1\" body=\"{\\\"side\\\":\\\"buy\\\",\\\"qty\\\":\\\"1.5\\\"}\"" +
            " channel=\"tv-main\"",
            format(TestFrames.rawSignal("{\"side\":\"buy\",\"qty\":\"1.5\"}")));
    }

    @Test
    void shouldFormatVersion1RawSignalWithoutTheFieldsAddedInVersion2()
    {
        final Frame current = TestFrames.rawSignal("{}");
        final String currentLine = format(current);
        assertTrue(currentLine.contains(RAW_SIGNAL_V2_DRY_RUN + " signalId="), currentLine);
        assertTrue(currentLine.endsWith(RAW_SIGNAL_V2_CHANNEL), currentLine);

        assertEquals(RAW_SIGNAL_V1_BLOCK_LENGTH, RawSignalDecoder.dryRunEncodingOffset());
        final int channelLength = EMPTY_VAR_ASCII_LENGTH + TestFrames.CHANNEL.length();
        final Frame v1 = TestFrames.reshaped(current, RAW_SIGNAL_V1_BLOCK_LENGTH, 1, channelLength);
        assertEquals(current.length - (RawSignalEncoder.BLOCK_LENGTH - RAW_SIGNAL_V1_BLOCK_LENGTH) - channelLength, v1.length);
        assertEquals(currentLine.replace(RAW_SIGNAL_V2_DRY_RUN, "").replace(RAW_SIGNAL_V2_CHANNEL, ""), format(v1));
    }

    @Test
    void shouldFormatNewOrderWithDecimalsAndAbsentPrices()
    {
        assertEquals(
            "NewOrder clientOrderId=0K3ZJ8QW1B2C3 account=acct-1 venue=paper symbol=BTCUSDT side=BUY ordType=LIMIT" +
            " timeInForce=GTC quantity=1.5 price=65000.5 stopPrice=null takeProfit=70000 stopLoss=null timestampNs=" + T0_TEXT +
            " leg=1 attempt=2 reduceOnly=TRUE positionSide=LONG product=NRML signalId=\"sig-1\"",
            format(TestFrames.newOrder(Fixed.parse("65000.5"), Fixed.NULL)));

        final String withStopLoss = format(TestFrames.newOrder(Fixed.NULL, Fixed.parse("64000.00000001")));
        assertTrue(withStopLoss.contains(" price=null "), withStopLoss);
        assertTrue(withStopLoss.contains(" stopLoss=64000.00000001 "), withStopLoss);
    }

    @Test
    void shouldFormatCancelOrder()
    {
        assertEquals(
            "CancelOrder clientOrderId=0K3ZJ8QW1B2C3 account=acct-1 venue=binance symbol=ETHUSDT timestampNs=2024-05-01T09:15:01.000000000Z",
            format(TestFrames.cancelOrder()));
    }

    @Test
    void shouldFormatOrderStatusRequestAndEngineStarted()
    {
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(256);
        final io.sluice.sbe.OrderStatusRequestEncoder request = new io.sluice.sbe.OrderStatusRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.sluice.sbe.MessageHeaderEncoder())
            .clientOrderId("0K3ZJ8QW1B2C3").venueOrderId("P41").account("acct-1").venue("paper").symbol("BTCUSDT")
            .side(io.sluice.sbe.Side.SELL).quantity(io.sluice.protocol.Fixed.parse("0.25")).ordStatus(io.sluice.sbe.OrdStatus.PENDING_NEW)
            .attempt((short)1).round(3).timestampNs(TestFrames.T0 + 999_999_999L);
        assertEquals("OrderStatusRequest clientOrderId=0K3ZJ8QW1B2C3 venueOrderId=P41 account=acct-1 venue=paper symbol=BTCUSDT" +
            " side=SELL quantity=0.25 ordStatus=PENDING_NEW attempt=1 round=3 timestampNs=2024-05-01T09:15:01.000000000Z",
            formatter.format(buffer, 0, io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH + request.encodedLength()));

        final io.sluice.sbe.EngineStartedEncoder started = new io.sluice.sbe.EngineStartedEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.sluice.sbe.MessageHeaderEncoder()).timestampNs(TestFrames.T0 + 999_999_999L)
            .inputsReplayed(4213);
        assertEquals("EngineStarted timestampNs=2024-05-01T09:15:01.000000000Z inputsReplayed=4213",
            formatter.format(buffer, 0, io.sluice.sbe.MessageHeaderEncoder.ENCODED_LENGTH + started.encodedLength()));
    }

    @Test
    void shouldFormatExecutionReport()
    {
        assertEquals(
            "ExecutionReport clientOrderId=0K3ZJ8QW1B2C3 venueOrderId=V-123456789 account=acct-1 venue=paper symbol=BTCUSDT" +
            " execType=TRADE ordStatus=PARTIALLY_FILLED side=SELL lastQty=0.25 lastPrice=65000.12345678 cumQty=0.5 leavesQty=1" +
            " avgPrice=64999.9 transactTimeNs=" + T0_TEXT + " tradeId=T-987654321 commission=0.0001625 commissionAsset=USDT" +
            " text=\"filled \\\"partially\\\"\\tok\\\\\"",
            format(TestFrames.executionReport("filled \"partially\"\tok\\")));

        final Frame noCommission = TestFrames.executionReport("");
        noCommission.buffer.putLong(
            MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportDecoder.commissionEncodingOffset(), Fixed.NULL, ByteOrder.LITTLE_ENDIAN);
        final String line = format(noCommission);
        assertTrue(line.endsWith(" tradeId=T-987654321 commission=null commissionAsset=USDT text=\"\""), line);
    }

    @Test
    void shouldFormatInstrumentDefinition()
    {
        assertEquals(
            "InstrumentDefinition venue=kite symbol=NIFTY-24000-CE venueSymbol=NIFTY24D1924000CE venueToken=12345678" +
            " tickSize=0.05 lotSize=25 minQty=25 maxQty=null minNotional=null freezeQty=1800 contractSize=1 timestampNs=" + T0_TEXT +
            " underlying=NIFTY instrumentKind=CE expiryDate=2024-12-19 strike=24000 exchangeSegment=NFO syncDate=2024-12-16",
            format(TestFrames.instrumentDefinition()));
    }

    @Test
    void shouldFormatAVersion2InstrumentDefinitionWithoutTheBrokerFields()
    {
        final Frame frame = TestFrames.instrumentDefinition();
        final int v2Block = io.sluice.sbe.InstrumentDefinitionDecoder.underlyingEncodingOffset();
        final org.agrona.ExpandableArrayBuffer old = new org.agrona.ExpandableArrayBuffer(256);
        old.putBytes(0, frame.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + v2Block);
        new MessageHeaderEncoder().wrap(old, 0).blockLength(v2Block).version(2);
        assertEquals(
            "InstrumentDefinition venue=kite symbol=NIFTY-24000-CE venueSymbol=NIFTY24D1924000CE venueToken=12345678" +
            " tickSize=0.05 lotSize=25 minQty=25 maxQty=null minNotional=null freezeQty=1800 contractSize=1 timestampNs=" + T0_TEXT,
            format(new TestFrames.Frame(old, MessageHeaderEncoder.ENCODED_LENGTH + v2Block)));
    }

    @Test
    void shouldFormatAccountUpdate()
    {
        assertEquals(
            "AccountUpdate account=acct-1 venue=mt5 currency=USD balance=10000.5 equity=9875.25 marginAvailable=null" +
            " marginUsed=-0.00000001 timestampNs=" + T0_TEXT,
            format(TestFrames.accountUpdate()));
    }

    @Test
    void shouldFormatAmendOrder()
    {
        assertEquals(
            "AmendOrder clientOrderId=0K3ZJ8QW1B2C3 account=acct-1 venue=mt5 symbol=XAUUSD quantity=null price=null" +
            " stopPrice=null takeProfit=2400 stopLoss=2300.5 timestampNs=" + T0_TEXT,
            format(TestFrames.amendOrder()));
    }

    @Test
    void shouldFormatVersion0NewOrderWithoutTheFieldsAddedInVersion1()
    {
        final Frame current = TestFrames.newOrder(Fixed.parse("65000.5"), Fixed.NULL);
        final Frame v0 = TestFrames.reshaped(current, NEW_ORDER_V0_BLOCK_LENGTH, 0);
        assertEquals(current.length - (NewOrderEncoder.BLOCK_LENGTH - NEW_ORDER_V0_BLOCK_LENGTH), v0.length);

        final String currentLine = format(current);
        assertTrue(currentLine.contains(" attempt=2" + NEW_ORDER_V1_FIELDS + " signalId=\"sig-1\""), currentLine);
        assertEquals(currentLine.replace(NEW_ORDER_V1_FIELDS, ""), format(v0));
    }

    @Test
    void shouldFormatVersion0ExecutionReportWithoutTheFieldsAddedInVersion1()
    {
        final Frame current = TestFrames.executionReport("partial fill");
        final Frame v0 = TestFrames.reshaped(current, EXECUTION_REPORT_V0_BLOCK_LENGTH, 0);
        assertEquals(current.length - (ExecutionReportEncoder.BLOCK_LENGTH - EXECUTION_REPORT_V0_BLOCK_LENGTH), v0.length);

        final String currentLine = format(current);
        assertTrue(currentLine.contains(EXECUTION_REPORT_V1_FIELDS + " text=\"partial fill\""), currentLine);
        assertEquals(currentLine.replace(EXECUTION_REPORT_V1_FIELDS, ""), format(v0));
    }

    @Test
    void shouldOmitFieldsOfALaterVersionByTheHeaderVersionNotTheBlockLength()
    {
        final Frame newOrder = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        final String newOrderLine = format(newOrder);
        new MessageHeaderEncoder().wrap(newOrder.buffer, 0).version(0);
        assertEquals(newOrderLine.replace(NEW_ORDER_V1_FIELDS, ""), format(newOrder));

        final Frame report = TestFrames.executionReport("x");
        final String reportLine = format(report);
        new MessageHeaderEncoder().wrap(report.buffer, 0).version(0);
        assertEquals(reportLine.replace(EXECUTION_REPORT_V1_FIELDS, ""), format(report));

        final Frame command = TestFrames.adminSetLimit("maxNotional");
        final String commandLine = format(command);
        new MessageHeaderEncoder().wrap(command.buffer, 0).version(1);
        assertEquals(commandLine.replace(ADMIN_COMMAND_V2_FIELDS, "").replace(ADMIN_COMMAND_V2_TARGET, ""), format(command));
    }

    @Test
    void shouldFormatAFrameOfANewerVersionWithAllFieldsThisVersionKnows()
    {
        final Frame current = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        final Frame newer = TestFrames.reshaped(current, NewOrderEncoder.BLOCK_LENGTH + 4, NewOrderEncoder.SCHEMA_VERSION + 1);
        assertEquals(format(current), format(newer));
    }

    @Test
    void shouldFormatRiskReject()
    {
        assertEquals(
            "RiskReject reason=MAX_NOTIONAL limitValue=100000 actualValue=null clientOrderId= account=acct-1 symbol=BTCUSDT" +
            " timestampNs=" + T0_TEXT + " signalId=\"sig-2\" field=\"quantity\" detail=\"notional 130000 > limit 100000\"",
            format(TestFrames.riskReject(Fixed.parse("100000"), Fixed.NULL)));
        assertTrue(format(TestFrames.riskReject(Fixed.NULL, Fixed.parse("130000.5")))
            .contains(" limitValue=null actualValue=130000.5 "));
    }

    @Test
    void shouldFormatAdminCommandWithUtf8Reason()
    {
        assertEquals(
            "AdminCommand action=KILL scope=ACCOUNT account=acct-1 issuedTimeNs=1970-01-01T00:00:00.000000000Z" +
            " venue= symbol= value=null actor=\"ops@desk\" reason=\"market halt \u2014 stop all\" target=\"\"",
            format(TestFrames.adminCommand()));
    }

    @Test
    void shouldFormatAdminCommandFieldsAddedInVersion2()
    {
        assertEquals(
            "AdminCommand action=SET_LIMIT scope=INSTRUMENT account=acct-1 issuedTimeNs=" + T0_TEXT + ADMIN_COMMAND_V2_FIELDS +
            " actor=\"risk@desk\" reason=\"tighter after CPI\"" + ADMIN_COMMAND_V2_TARGET,
            format(TestFrames.adminSetLimit("maxNotional")));
        assertTrue(format(TestFrames.adminSetLimit("appr-7\n")).endsWith(" target=\"appr-7\\n\""));
    }

    @Test
    void shouldFormatVersion1AdminCommandWithoutTheFieldsAddedInVersion2()
    {
        final Frame current = TestFrames.adminSetLimit("");
        final String currentLine = format(current);
        assertTrue(currentLine.contains(" issuedTimeNs=" + T0_TEXT + ADMIN_COMMAND_V2_FIELDS + " actor="), currentLine);
        assertTrue(currentLine.endsWith(" target=\"\""), currentLine);
        final String expected = currentLine.replace(ADMIN_COMMAND_V2_FIELDS, "").replace(" target=\"\"", "");

        assertEquals(ADMIN_COMMAND_V1_BLOCK_LENGTH, AdminCommandDecoder.venueEncodingOffset());
        for (int version = 0; version <= 1; version++)
        {
            // As a version 1 producer wrote it: the shorter block and no target, so reading target would overrun.
            final Frame v1 = TestFrames.reshaped(current, ADMIN_COMMAND_V1_BLOCK_LENGTH, version, EMPTY_VAR_ASCII_LENGTH);
            assertEquals(
                current.length - (AdminCommandEncoder.BLOCK_LENGTH - ADMIN_COMMAND_V1_BLOCK_LENGTH) - EMPTY_VAR_ASCII_LENGTH, v1.length);
            assertEquals(expected, format(v1));
        }
    }

    @Test
    void shouldFormatVersion1TradingStateUpdateWithoutTheFieldsAddedInVersion2()
    {
        final Frame current = TestFrames.tradingStateUpdate(AdminScope.INSTRUMENT, "binance", "BTCUSDT");
        final String currentLine = format(current);
        assertTrue(currentLine.contains(TRADING_STATE_UPDATE_V2_FIELDS + " actor="), currentLine);

        assertEquals(TRADING_STATE_UPDATE_V1_BLOCK_LENGTH, TradingStateUpdateDecoder.venueEncodingOffset());
        final Frame v1 = TestFrames.reshaped(current, TRADING_STATE_UPDATE_V1_BLOCK_LENGTH, 1);
        assertEquals(current.length - (TradingStateUpdateEncoder.BLOCK_LENGTH - TRADING_STATE_UPDATE_V1_BLOCK_LENGTH), v1.length);
        assertEquals(currentLine.replace(TRADING_STATE_UPDATE_V2_FIELDS, ""), format(v1));
    }

    @Test
    void shouldFormatAlert()
    {
        assertEquals(
            "Alert alertType=CIRCUIT_BREAKER severity=CRITICAL account=acct-1 venue=binance symbol=BTCUSDT timestampNs=" + T0_TEXT +
            " text=\"3 losses in 10 min \u2014 halted\"",
            format(TestFrames.alert("3 losses in 10 min \u2014 halted")));
    }

    @Test
    void shouldFormatParseResultWithItsIntents()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final io.sluice.sbe.ParseResultEncoder encoder = new io.sluice.sbe.ParseResultEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .requestTimeNs(T0).timestampNs(T0).outcome(io.sluice.sbe.ParseOutcome.REFUSE)
            .reason(io.sluice.sbe.RejectReason.MAX_ORDER_QTY).format(SignalFormat.FREE_TEXT).account("acct-1")
            .limitValue(Fixed.of(10)).actualValue(Fixed.NULL)
            .signalId("t-1").field("qty").detail("qty 11 exceeds maxOrderQty 10").intents("{\"leg\":0}\n{\"leg\":1}");
        assertEquals(
            "ParseResult requestTimeNs=" + T0_TEXT + " timestampNs=" + T0_TEXT + " outcome=REFUSE reason=MAX_ORDER_QTY" +
            " format=FREE_TEXT account=acct-1 limitValue=10 actualValue=null signalId=\"t-1\" field=\"qty\"" +
            " detail=\"qty 11 exceeds maxOrderQty 10\" intents=\"{\\\"leg\\\":0}\\n{\\\"leg\\\":1}\"",
            format(new Frame(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength())));
        assertEquals("ParseResult", FrameFormatter.messageName(io.sluice.sbe.ParseResultDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldFormatRiskUsageLimitsAsNameUsedOverLimit()
    {
        assertEquals(
            "RiskUsage account=acct-1 state=REDUCING timestampNs=" + T0_TEXT +
            " limits=[\"dailyLoss\":-250.125/1000, \"maxNotional\":null/50000, \"maxOpenPositions\":3/5]",
            format(TestFrames.riskUsage()));
    }

    @Test
    void shouldFormatRiskUsageWithNoLimitsAndEscapedNames()
    {
        assertEquals(
            "RiskUsage account=acct-1 state=REDUCING timestampNs=" + T0_TEXT + " limits=[]",
            format(TestFrames.riskUsage(new String[0], new long[0], new long[0])));
        final String line = format(TestFrames.riskUsage(
            new String[] { "a\"b", "" }, new long[] { Fixed.parse("0.00000001"), Fixed.NULL }, new long[] { 0, Fixed.NULL }));
        assertTrue(line.endsWith(" limits=[\"a\\\"b\":0/0.00000001, \"\":null/null]"), line);
    }

    @Test
    void shouldSayMalformedWhenRiskUsageLimitsRunPastTheFrameOrHaveAShortBlock()
    {
        final Frame frame = TestFrames.riskUsage();
        final String cut = formatter.format(frame.buffer, 0, frame.length - 1);
        assertTrue(cut.startsWith("RiskUsage MALFORMED length=" + (frame.length - 1) + " error=\""), cut);

        final int groupHeaderOffset = MessageHeaderEncoder.ENCODED_LENGTH + RiskUsageEncoder.BLOCK_LENGTH;
        frame.buffer.putShort(groupHeaderOffset, (short)(RiskUsageDecoder.LimitsDecoder.sbeBlockLength() - 1), ByteOrder.LITTLE_ENDIAN);
        final String shortBlock = format(frame);
        assertTrue(shortBlock.startsWith("RiskUsage MALFORMED length=" + frame.length + " "), shortBlock);
        assertTrue(shortBlock.contains("limits blockLength 15 < 16"), shortBlock);
    }

    @Test
    void shouldFormatRiskUsageGroupOfANewerVersionWithALongerEntryBlock()
    {
        final Frame current = TestFrames.riskUsage();
        final int groupHeaderOffset = MessageHeaderEncoder.ENCODED_LENGTH + RiskUsageEncoder.BLOCK_LENGTH;
        final int entryBlock = RiskUsageEncoder.LimitsEncoder.sbeBlockLength();
        final int extra = 8;
        final int count = 3;
        final UnsafeBuffer newer = new UnsafeBuffer(new byte[current.length + count * extra]);
        newer.putBytes(0, current.buffer, 0, groupHeaderOffset);
        new MessageHeaderEncoder().wrap(newer, 0).version(RiskUsageEncoder.SCHEMA_VERSION + 1);
        newer.putShort(groupHeaderOffset, (short)(entryBlock + extra), ByteOrder.LITTLE_ENDIAN);
        newer.putShort(groupHeaderOffset + 2, (short)count, ByteOrder.LITTLE_ENDIAN);
        int from = groupHeaderOffset + RiskUsageEncoder.LimitsEncoder.HEADER_SIZE;
        int to = from;
        for (int i = 0; i < count; i++)
        {
            newer.putBytes(to, current.buffer, from, entryBlock);
            newer.setMemory(to + entryBlock, extra, (byte)0x55);
            from += entryBlock;
            to += entryBlock + extra;
            final int nameLength = EMPTY_VAR_ASCII_LENGTH + (current.buffer.getShort(from, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
            newer.putBytes(to, current.buffer, from, nameLength);
            from += nameLength;
            to += nameLength;
        }
        assertEquals(newer.capacity(), to);
        assertEquals(format(current), formatter.format(newer, 0, newer.capacity()));
    }

    @Test
    void shouldFormatGatewayStatusEscapingNewline()
    {
        assertEquals(
            "GatewayStatus venue=binance-futures state=DEGRADED timestampNs=" + T0_TEXT + " detail=\"HTTP 429\\nretry after 2s\"",
            format(TestFrames.gatewayStatus()));
    }

    @Test
    void shouldFormatMarketData()
    {
        assertEquals(
            "MarketData venue=kite symbol=NIFTY24MAYFUT bid=22500.05 ask=null last=-0.00000001 timestampNs=" + T0_TEXT,
            format(TestFrames.marketData()));
    }

    @Test
    void shouldFormatTick()
    {
        assertEquals("Tick timestampNs=" + T0_TEXT, format(TestFrames.tick(T0)));
        assertEquals("Tick timestampNs=1969-12-31T23:59:59.999999999Z", format(TestFrames.tick(-1)));
    }

    @Test
    void shouldFormatOrderUpdate()
    {
        assertEquals(
            "OrderUpdate clientOrderId=0K3ZJ8QW1B2C3 venueOrderId= account=acct-1 venue=paper symbol=BTCUSDT side=BUY" +
            " ordType=MARKET ordStatus=PENDING_NEW quantity=2 price=null cumQty=0 leavesQty=2 avgPrice=0 timestampNs=" + T0_TEXT +
            " text=\"\"",
            format(TestFrames.orderUpdate()));
    }

    @Test
    void shouldFormatPositionUpdateWithNegativeDecimals()
    {
        assertEquals(
            "PositionUpdate account=acct-1 venue=mt5 symbol=XAUUSD quantity=-3.5 avgPrice=2350.1 realizedPnl=-12.75 timestampNs=" + T0_TEXT,
            format(TestFrames.positionUpdate()));
    }

    @Test
    void shouldFormatTradingStateUpdate()
    {
        assertEquals(
            "TradingStateUpdate scope=GLOBAL account= state=HALTED timestampNs=" + T0_TEXT +
            " venue= symbol= actor=\"ops@desk\" reason=\"kill \\\"all\\\"\"",
            format(TestFrames.tradingStateUpdate()));
        assertTrue(format(TestFrames.tradingStateUpdate(AdminScope.VENUE, "binance", ""))
            .contains(" scope=VENUE account= state=HALTED timestampNs=" + T0_TEXT + " venue=binance symbol= actor="));
    }

    @Test
    void shouldFormatEngineErrorNamingTheInputType()
    {
        assertEquals(
            "EngineError inputTemplateId=1(RawSignal) timestampNs=" + T0_TEXT + " detail=\"NullPointerException at Parser.parse\"",
            format(TestFrames.engineError()));
    }

    @Test
    void shouldFormatAtAnOffsetInsideALargerBuffer()
    {
        final Frame frame = TestFrames.cancelOrder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length + 100]);
        buffer.setMemory(0, buffer.capacity(), (byte)0x7A);
        buffer.putBytes(37, frame.buffer, 0, frame.length);
        assertEquals(format(frame), formatter.format(buffer, 37, frame.length));
    }

    @Test
    void shouldCutLongBodyTo512CharactersWithEllipsis()
    {
        final String line = format(TestFrames.rawSignal("\u00e9".repeat(600)));
        assertTrue(line.endsWith(" body=\"" + "\u00e9".repeat(FrameFormatter.MAX_BODY_CHARS) + "\u2026\"" + RAW_SIGNAL_V2_CHANNEL), line);

        final String exact = format(TestFrames.rawSignal("x".repeat(FrameFormatter.MAX_BODY_CHARS)));
        assertTrue(exact.endsWith(" body=\"" + "x".repeat(FrameFormatter.MAX_BODY_CHARS) + "\"" + RAW_SIGNAL_V2_CHANNEL), exact);
    }

    @Test
    void shouldRenderInvalidUtf8AndControlCharactersSafely()
    {
        final byte[] body = {
            'a', (byte)0xFF, (byte)0xC3, '(', (byte)0xC0, (byte)0xAF, (byte)0xED, (byte)0xA0, (byte)0x80,
            (byte)0xF0, (byte)0x9F, (byte)0x98, (byte)0x80, 0x01, 0x7F, (byte)0xE2, (byte)0x80, (byte)0xA8, '\r', (byte)0xE2, (byte)0x82 };
        final String line = format(TestFrames.rawSignal(body));
        assertTrue(line.endsWith(
            " body=\"a\\xFF\\xC3(\\xC0\\xAF\\xED\\xA0\\x80\uD83D\uDE00\\u0001\\u007F\\u2028\\r\\xE2\\x82\"" + RAW_SIGNAL_V2_CHANNEL), line);
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
    }

    @Test
    void shouldRenderNonAsciiBytesOfAsciiFieldsAsHex()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final byte[] signalId = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        final RawSignalEncoder encoder = new RawSignalEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .source(SignalSource.REST).format(SignalFormat.CANONICAL_JSON).ingressTimeNs(0).dryRun(BooleanType.TRUE)
            .putSignalId(signalId, 0, signalId.length).account("").idempotencyKey("").putBody(new byte[0], 0, 0)
            .putChannel(signalId, 0, signalId.length);
        final String line = formatter.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        assertTrue(line.endsWith(
            " dryRun=TRUE signalId=\"caf\\xC3\\xA9\" account=\"\" idempotencyKey=\"\" body=\"\" channel=\"caf\\xC3\\xA9\""), line);
    }

    @Test
    void shouldNameUnknownEnumValuesByNumber()
    {
        final Frame frame = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        final int sideOffset = MessageHeaderEncoder.ENCODED_LENGTH + NewOrderDecoder.sideEncodingOffset();
        frame.buffer.putByte(sideOffset, (byte)9);
        assertTrue(format(frame).contains(" side=UNKNOWN(9) ordType=LIMIT "), format(frame));
        frame.buffer.putByte(sideOffset, (byte)255);
        assertTrue(format(frame).contains(" side=null ordType=LIMIT "), format(frame));
    }

    @Test
    void shouldSayUnknownTemplateWithLengthInsteadOfThrowing()
    {
        final Frame frame = TestFrames.unknownTemplate(99, 10);
        assertEquals("UNKNOWN templateId=99 version=" + MessageHeaderEncoder.SCHEMA_VERSION + " length=18", format(frame));
        assertEquals("UNKNOWN templateId=0 version=" + MessageHeaderEncoder.SCHEMA_VERSION + " length=12", format(TestFrames.unknownTemplate(0, 4)));
        assertEquals("UNKNOWN templateId=63 version=" + MessageHeaderEncoder.SCHEMA_VERSION + " length=12", format(TestFrames.unknownTemplate(63, 4)));
        assertNull(FrameFormatter.messageName(99));
    }

    @Test
    void shouldSayUnknownSchemaWithLength()
    {
        final Frame frame = TestFrames.tick(T0);
        new MessageHeaderEncoder().wrap(frame.buffer, 0).schemaId(42);
        assertEquals("UNKNOWN schemaId=42 templateId=9 length=" + frame.length, format(frame));
    }

    @Test
    void shouldSayTruncatedWhenShorterThanHeader()
    {
        final Frame frame = TestFrames.tick(T0);
        assertEquals("TRUNCATED frame length=5", formatter.format(frame.buffer, 0, 5));
        assertEquals("TRUNCATED frame length=0", formatter.format(frame.buffer, 0, 0));
    }

    @Test
    void shouldSayMalformedWhenVarDataRunsPastTheFrame()
    {
        final Frame frame = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        final String line = formatter.format(frame.buffer, 0, frame.length - 2);
        assertTrue(line.startsWith("NewOrder MALFORMED length=" + (frame.length - 2) + " error=\""), line);

        final Frame tick = TestFrames.tick(T0);
        assertTrue(formatter.format(tick.buffer, 0, tick.length - 1).startsWith("Tick MALFORMED length=15 "));
    }

    @Test
    void shouldSayMalformedWhenBlockIsShorterThanTheSchemaBlock()
    {
        final Frame frame = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        new MessageHeaderEncoder().wrap(frame.buffer, 0).blockLength(NewOrderEncoder.BLOCK_LENGTH - 1);
        final String line = format(frame);
        assertTrue(line.startsWith("NewOrder MALFORMED length=" + frame.length), line);
        assertTrue(line.contains("blockLength 139 < 140 of version " + MessageHeaderEncoder.SCHEMA_VERSION), line);
    }

    @Test
    void shouldSayMalformedWhenBlockIsShorterThanTheBlockOfItsVersion()
    {
        final Frame newOrder = TestFrames.newOrder(Fixed.parse("1"), Fixed.NULL);
        final Frame newOrderV0 = TestFrames.reshaped(newOrder, NEW_ORDER_V0_BLOCK_LENGTH - 1, 0);
        final String v0Line = format(newOrderV0);
        assertTrue(v0Line.startsWith("NewOrder MALFORMED length=" + newOrderV0.length + " "), v0Line);
        assertTrue(v0Line.contains("blockLength 136 < 137 of version 0"), v0Line);

        final Frame report = TestFrames.executionReport("x");
        final Frame reportV0 = TestFrames.reshaped(report, EXECUTION_REPORT_V0_BLOCK_LENGTH - 1, 0);
        final String reportLine = format(reportV0);
        assertTrue(reportLine.startsWith("ExecutionReport MALFORMED length=" + reportV0.length + " "), reportLine);
        assertTrue(reportLine.contains("blockLength 166 < 167 of version 0"), reportLine);

        final String v1Line = format(TestFrames.reshaped(newOrder, NEW_ORDER_V0_BLOCK_LENGTH, 1));
        assertTrue(v1Line.startsWith("NewOrder MALFORMED "), v1Line);
        assertTrue(v1Line.contains("blockLength 137 < 140 of version 1"), v1Line);

        final String v2Line = format(TestFrames.reshaped(newOrder, NEW_ORDER_V0_BLOCK_LENGTH, 2));
        assertTrue(v2Line.contains("blockLength 137 < 140 of version 2"), v2Line);

        final Frame command = TestFrames.adminSetLimit("");
        final String commandV1Line = format(TestFrames.reshaped(command, ADMIN_COMMAND_V1_BLOCK_LENGTH - 1, 1));
        assertTrue(commandV1Line.startsWith("AdminCommand MALFORMED "), commandV1Line);
        assertTrue(commandV1Line.contains("blockLength 25 < 26 of version 1"), commandV1Line);
        final String commandV2Line = format(TestFrames.reshaped(command, ADMIN_COMMAND_V1_BLOCK_LENGTH, 2));
        assertTrue(commandV2Line.contains("blockLength 26 < 82 of version 2"), commandV2Line);

        final Frame state = TestFrames.tradingStateUpdate();
        final String stateV2Line = format(TestFrames.reshaped(state, TRADING_STATE_UPDATE_V1_BLOCK_LENGTH, 2));
        assertTrue(stateV2Line.startsWith("TradingStateUpdate MALFORMED "), stateV2Line);
        assertTrue(stateV2Line.contains("blockLength 26 < 74 of version 2"), stateV2Line);
    }

    @Test
    void shouldDecodeWithActingBlockLengthOfANewerVersion()
    {
        final Frame current = TestFrames.engineError();
        final int extra = 6;
        final int block = EngineErrorEncoder.BLOCK_LENGTH;
        final UnsafeBuffer newer = new UnsafeBuffer(new byte[current.length + extra]);
        new MessageHeaderEncoder().wrap(newer, 0)
            .blockLength(block + extra)
            .templateId(EngineErrorEncoder.TEMPLATE_ID)
            .schemaId(EngineErrorEncoder.SCHEMA_ID)
            .version(EngineErrorEncoder.SCHEMA_VERSION + 1);
        final int headerLength = MessageHeaderEncoder.ENCODED_LENGTH;
        newer.putBytes(headerLength, current.buffer, headerLength, block);
        newer.setMemory(headerLength + block, extra, (byte)0x55);
        newer.putBytes(headerLength + block + extra, current.buffer, headerLength + block, current.length - headerLength - block);

        assertEquals(format(current), formatter.format(newer, 0, newer.capacity()));
        assertEquals(1, new EngineErrorDecoder().wrap(newer, headerLength, block + extra, 1).inputTemplateId());
    }

    @Test
    void shouldNeverThrowOnRandomFrames()
    {
        final Random random = new Random(7101);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        for (int i = 0; i < 5_000; i++)
        {
            random.nextBytes(buffer.byteArray());
            final int length = random.nextInt(buffer.capacity() + 1);
            if (random.nextInt(4) != 0)
            {
                header.wrap(buffer, 0).schemaId(MessageHeaderEncoder.SCHEMA_ID).templateId(1 + random.nextInt(18));
                if (random.nextBoolean())
                {
                    header.blockLength(random.nextInt(200)).version(random.nextInt(4));
                }
            }
            final String line = formatter.format(buffer, 0, length);
            assertFalse(line.isEmpty());
            assertFalse(line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0, line);
        }
    }

    @Test
    void shouldMapNamesAndTemplateIds()
    {
        assertEquals(23, FrameFormatter.messageNames().size());
        assertEquals("OrderStatusRequest", FrameFormatter.messageNames().get(18));
        assertEquals("AccountConfig", FrameFormatter.messageNames().get(19));
        assertEquals("ParseResult", FrameFormatter.messageNames().get(20));
        assertEquals("EngineStarted", FrameFormatter.messageNames().get(21));
        assertEquals("AccountStatus", FrameFormatter.messageNames().get(22));
        assertEquals("AmendOrder", FrameFormatter.messageNames().get(15));
        assertEquals("Alert", FrameFormatter.messageNames().get(16));
        assertEquals("RiskUsage", FrameFormatter.messageNames().get(17));
        assertEquals(RiskUsageEncoder.TEMPLATE_ID, FrameFormatter.templateId("RiskUsage"));
        for (final String name : FrameFormatter.messageNames())
        {
            assertEquals(name, FrameFormatter.messageName(FrameFormatter.templateId(name)));
        }
        assertEquals(NewOrderEncoder.TEMPLATE_ID, FrameFormatter.templateId("NewOrder"));
        assertEquals(-1, FrameFormatter.templateId("Nope"));
    }
}
