package io.sluice.gateway.mt5;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TradeRetcodeTest
{
    // The retcodes reference/venues.md lists, with the outcome the issue asks for.
    @Test
    void shouldMapEveryDocumentedRetcodeToItsOutcome()
    {
        final Map<Integer, String> names = Map.ofEntries(
            Map.entry(10004, "REQUOTE"), Map.entry(10006, "REJECT"), Map.entry(10007, "CANCEL"), Map.entry(10008, "PLACED"),
            Map.entry(10009, "DONE"), Map.entry(10010, "DONE_PARTIAL"), Map.entry(10011, "ERROR"), Map.entry(10012, "TIMEOUT"),
            Map.entry(10013, "INVALID"), Map.entry(10014, "INVALID_VOLUME"), Map.entry(10015, "INVALID_PRICE"),
            Map.entry(10016, "INVALID_STOPS"), Map.entry(10017, "TRADE_DISABLED"), Map.entry(10018, "MARKET_CLOSED"),
            Map.entry(10019, "NO_MONEY"), Map.entry(10020, "PRICE_CHANGED"), Map.entry(10021, "PRICE_OFF"),
            Map.entry(10024, "TOO_MANY_REQUESTS"), Map.entry(10027, "CLIENT_DISABLES_AT"), Map.entry(10030, "INVALID_FILL"),
            Map.entry(10031, "CONNECTION"));
        names.forEach((code, name) -> assertEquals(name, TradeRetcode.nameOf(code)));

        for (final int code : new int[]{10008, 10009, 10010})
        {
            assertEquals(TradeRetcode.Outcome.ACCEPTED, TradeRetcode.outcomeOf(code), names.get(code));
        }
        for (final int code : new int[]{10004, 10020, 10021})
        {
            assertEquals(TradeRetcode.Outcome.PRICE_MOVED, TradeRetcode.outcomeOf(code), names.get(code));
        }
        for (final int code : new int[]{10012, 10031})
        {
            assertEquals(TradeRetcode.Outcome.UNKNOWN, TradeRetcode.outcomeOf(code), names.get(code));
        }
        for (final int code : new int[]{10006, 10007, 10011, 10013, 10014, 10015, 10016, 10017, 10018, 10019, 10024, 10027, 10030})
        {
            assertEquals(TradeRetcode.Outcome.REJECTED, TradeRetcode.outcomeOf(code), names.get(code));
        }
    }

    @Test
    void shouldRejectAndNameAnUndocumentedRetcode()
    {
        assertEquals(TradeRetcode.Outcome.REJECTED, TradeRetcode.outcomeOf(10099));
        assertEquals("RETCODE_10099", TradeRetcode.nameOf(10099));
        assertEquals("RETCODE_0", TradeRetcode.nameOf(0));
        assertEquals(TradeRetcode.Outcome.REJECTED, TradeRetcode.outcomeOf(10037));
    }
}
