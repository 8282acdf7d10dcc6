package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalParsersTest
{
    private final SignalParsers parsers = new SignalParsers();
    private final ParsedSignal out = new ParsedSignal();

    @Test
    void shouldDetectTheFormatOfTradingViewBodies()
    {
        assertEquals(SignalFormat.TRADINGVIEW_JSON, format("  \n{\"ticker\":\"X\"}"));
        assertEquals(SignalFormat.PINECONNECTOR, format("60123456789,buy,EURUSD,risk=1"));
        assertEquals(SignalFormat.PINECONNECTOR, format(" 60123456789 , CLOSEALL , EURUSD"));
        assertEquals(SignalFormat.FREE_TEXT, format("60123456789 buy EURUSD"));
        assertEquals(SignalFormat.FREE_TEXT, format("2024,was,a,good,year"));
        assertEquals(SignalFormat.FREE_TEXT, format("XAUUSD BUY 2050"));
    }

    @Test
    void shouldRefuseKindsTheSourceMayNotSend()
    {
        final ParseContext ctx = new ParseContext("s").allowedKinds(MessageKind.NEW_TRADE.bit());

        assertFalse(parse(SignalFormat.PINECONNECTOR, "60123456789,closeall,EURUSD", ctx));
        assertEquals(RejectReason.NOT_A_SIGNAL, out.rejectReason());
        assertEquals("this source may not send management messages", out.errorDetail());
        assertFalse(out.mayAct());

        assertTrue(parse(SignalFormat.PINECONNECTOR, "60123456789,buy,EURUSD,risk=1", ctx));
        assertTrue(out.mayAct());
    }

    @Test
    void shouldAnswerNotASignalWithoutActing()
    {
        assertTrue(parse(SignalFormat.FREE_TEXT, "Good morning!", new ParseContext("s")));
        assertEquals(MessageKind.NOT_A_SIGNAL, out.kind());
        assertFalse(out.mayAct());
        assertEquals(0, out.legCount());
    }

    @Test
    void shouldRefuseAnUnknownFormat()
    {
        assertFalse(parse(null, "{}", new ParseContext("s")));
        assertEquals(RejectReason.UNPARSEABLE, out.rejectReason());
        assertEquals("unknown signal format", out.errorDetail());
    }

    @Test
    void shouldRefuseFreeTextLongerThanTheSourceAllows()
    {
        final ParseContext ctx = new ParseContext("s").maxTextBytes(64);

        assertFalse(parse(SignalFormat.FREE_TEXT, "XAUUSD BUY 2050 SL 2045 TP 2060 " + "x".repeat(64), ctx));
        assertEquals(RejectReason.UNPARSEABLE, out.rejectReason());
    }

    @Test
    void shouldRefuseMoreSignalsThanLegsInOneMessage()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < ParsedSignal.MAX_LEGS + 1; i++)
        {
            text.append("EURUSD BUY 1.08 SL 1.07 TP 1.09\nGBPUSD SELL 1.25 SL 1.26 TP 1.24\n");
        }
        assertFalse(parse(SignalFormat.FREE_TEXT, text.toString(), new ParseContext("s")));
        assertEquals("more than 16 signals in one message", out.errorDetail());
    }

    @Test
    void shouldReadAWholeTelegramPostOfNoiseWithinTheTokenBound()
    {
        final String text = "1 - 2 / 3 | ".repeat(700);
        assertTrue(text.length() > ParseContext.MAX_TEXT_BYTES_DEFAULT - 1000);

        assertTrue(parse(SignalFormat.FREE_TEXT, text.substring(0, ParseContext.MAX_TEXT_BYTES_DEFAULT), new ParseContext("s")));
        assertEquals(MessageKind.NOT_A_SIGNAL, out.kind());
    }

    @Test
    void shouldApplyPerSourceSettingsByChannel()
    {
        final ParseContexts contexts = ParseContexts.load(Settings.of(Map.of(
            "sluice.sources", "vip,default",
            "sluice.source.vip.aliases", "GOLD=XAUUSD.m, us30cash = US30",
            "sluice.source.vip.defaultQty", "0.25",
            "sluice.source.vip.allowedKinds", "new_trade, cancellation",
            "sluice.source.vip.pine.slUnit", "price",
            "sluice.source.vip.pine.riskUnit", "percent",
            "sluice.source.default.defaultQty", "1")));

        final byte[] channel = "vip".getBytes(StandardCharsets.US_ASCII);
        final ParseContext vip = contexts.forChannel(new UnsafeBuffer(channel), 0, channel.length);
        assertEquals("vip", vip.name());
        assertEquals(Fixed.parse("0.25"), vip.defaultQuantity());
        assertTrue(vip.allows(MessageKind.CANCELLATION));
        assertFalse(vip.allows(MessageKind.MANAGEMENT));
        assertEquals(ValueUnit.PRICE, vip.pineStopLossUnit());
        assertEquals(ValueUnit.PIPS, vip.pineTakeProfitUnit());
        assertEquals(RiskUnit.PERCENT_BALANCE, vip.pineRiskUnit());

        assertTrue(parse(SignalFormat.FREE_TEXT, "us30cash buy 39000 sl 38900 tp 39200", vip));
        assertEquals("US30", out.leg(0).symbol().toString());
        assertTrue(parse(SignalFormat.FREE_TEXT, "Gold sell 2050 sl 2060 tp 2040", vip));
        assertEquals("XAUUSD.m", out.leg(0).symbol().toString());

        assertSame(contexts.fallback(), contexts.forChannel("unknown-channel"));
        assertEquals(Fixed.of(1), contexts.forChannel(new UnsafeBuffer(new byte[0]), 0, 0).defaultQuantity());
    }

    @Test
    void shouldNameTheKeyOfAnInvalidSetting()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ParseContexts.load(Settings.of(Map.of(
            "sluice.sources", "vip",
            "sluice.source.vip.pine.tpUnit", "points"))));
        assertTrue(ex.getMessage().startsWith("sluice.source.vip.pine.tpUnit"), ex.getMessage());

        final IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class, () -> ParseContexts.load(Settings.of(Map.of(
            "sluice.sources", "vip",
            "sluice.source.vip.allowedKinds", "NEW_TRADE,NOT_A_SIGNAL"))));
        assertTrue(kinds.getMessage().startsWith("sluice.source.vip.allowedKinds"), kinds.getMessage());
    }

    private SignalFormat format(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parsers.tradingViewFormat(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private boolean parse(final SignalFormat format, final String body, final ParseContext ctx)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parsers.parse(format, new UnsafeBuffer(bytes), 0, bytes.length, ctx, out);
    }
}
