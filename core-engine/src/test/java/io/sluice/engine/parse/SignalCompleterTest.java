package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalCompleterTest
{
    private final SignalParsers parsers = new SignalParsers();
    private final SignalCompleter completer = new SignalCompleter();
    private final ParsedSignal signal = new ParsedSignal();

    @Test
    void shouldPlacePendingEntriesInPipsOnTheRightSideOfTheMarket()
    {
        final ParseContext ctx = new ParseContext("p").pineUnits(ValueUnit.PIPS, ValueUnit.PIPS, ValueUnit.PIPS, RiskUnit.LOTS);
        final MarketFacts facts = Corpus.facts("EURUSD last=1.0850 pip=0.0001");

        assertTrue(parseAndComplete("60123456789,buylimit,EURUSD,price=20,sl=30,tp=60,risk=1", ctx, facts));
        assertEquals(Fixed.parse("1.083"), signal.leg(0).price(), "a buy limit waits below the market");
        assertEquals(Fixed.parse("1.08"), signal.leg(0).stopLoss(), "the stop is measured from the entry");
        assertEquals(Fixed.parse("1.089"), signal.leg(0).takeProfit());

        assertTrue(parseAndComplete("60123456789,buystop,EURUSD,price=20,risk=1", ctx, facts));
        assertEquals(OrdType.STOP, signal.leg(0).ordType());
        assertEquals(Fixed.parse("1.087"), signal.leg(0).stopPrice(), "a buy stop waits above the market");

        assertTrue(parseAndComplete("60123456789,selllimit,EURUSD,price=20,risk=1", ctx, facts));
        assertEquals(Fixed.parse("1.087"), signal.leg(0).price(), "a sell limit waits above the market");
    }

    @Test
    void shouldRefuseDistancesWithoutAReferencePrice()
    {
        final ParseContext ctx = new ParseContext("p");

        assertFalse(parseAndComplete("60123456789,buy,EURUSD,sl=30,risk=1", ctx, MarketFacts.NONE));
        assertEquals(RejectReason.NO_REFERENCE_PRICE, signal.rejectReason());
        assertEquals("sl", signal.errorField());
    }

    @Test
    void shouldScaleRiskSizingByContractSize()
    {
        final ParseContext ctx = new ParseContext("r").riskPerTrade(Fixed.of(200));
        final MarketFacts facts = Corpus.facts("XAUUSD contract=100");

        assertTrue(parseAndComplete(SignalFormat.FREE_TEXT, "XAUUSD BUY 2050 SL 2040 TP 2080", ctx, facts));
        assertEquals(Fixed.parse("0.2"), signal.leg(0).quantity(), "200 at risk over 10 points of 100 oz");
        assertEquals(CompletionRule.RISK_PER_TRADE, signal.completionRule(0));
        assertEquals(85, signal.confidence());
    }

    @Test
    void shouldLeaveGivenValuesAlone()
    {
        final ParseContext ctx = new ParseContext("r").riskPerTrade(Fixed.of(200)).atrMultiples(Fixed.of(2), Fixed.of(3));
        final MarketFacts facts = Corpus.facts("BTCUSDT last=65000 atr=500");

        assertTrue(parseAndComplete(SignalFormat.CANONICAL_JSON,
            "{\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.1\",\"sl\":\"64000\",\"tp\":\"67000\"}", ctx, facts));
        assertEquals(Fixed.parse("0.1"), signal.leg(0).quantity());
        assertEquals(Fixed.of(64000), signal.leg(0).stopLoss());
        assertEquals(0, signal.completionCount());
        assertEquals(ParsedSignal.FULL_CONFIDENCE, signal.confidence());
    }

    @Test
    void shouldNotCompleteNonTradingMessages()
    {
        assertTrue(parseAndComplete(SignalFormat.FREE_TEXT, "Close half now", new ParseContext("x"), MarketFacts.NONE));
        assertEquals(MessageKind.MANAGEMENT, signal.kind());
        assertEquals(0, signal.completionCount());
    }

    private boolean parseAndComplete(final String body, final ParseContext ctx, final MarketFacts facts)
    {
        return parseAndComplete(SignalFormat.PINECONNECTOR, body, ctx, facts);
    }

    private boolean parseAndComplete(final SignalFormat format, final String body, final ParseContext ctx, final MarketFacts facts)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parsers.parse(format, new UnsafeBuffer(bytes), 0, bytes.length, ctx, signal) && completer.complete(signal, ctx, facts);
    }
}
