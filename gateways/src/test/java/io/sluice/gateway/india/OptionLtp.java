package io.sluice.gateway.india;

import io.sluice.gateway.india.fake.FakeBroker;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.protocol.Fixed;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every Indian gateway test checks of option quotes: once the master is synced, the options around ATM are polled
 * at the broker's LTP endpoint and each answer is published as MarketData, so the engine can price option MARKET orders.
 */
final class OptionLtp
{
    static final String CALL = "NIFTY04JAN2421750CE";
    static final String PUT = "NIFTY04JAN2421750PE";

    private OptionLtp()
    {
    }

    /**
     * Answer 102.35 for the ATM call and 1.5 for every other instrument, then check what the gateway published.
     *
     * @param reports  the gateway's reports.
     * @param broker   the fake broker.
     * @param bySymbol true when the broker's LTP key is {@code SEGMENT:TRADINGSYMBOL} (Kite), else the token.
     */
    static void assertAtmOptionsQuoted(final IndiaReports reports, final FakeBroker broker, final boolean bySymbol)
    {
        final InstrumentDefinitionEvent call = reports.await(InstrumentDefinitionEvent.class, (i) -> i.symbol().equals(CALL), CALL);
        broker.instrumentLast("1.5");
        broker.instrumentLast(bySymbol ? call.segment() + ":" + call.venueSymbol() : call.venueToken(), "102.35");

        reports.await(MarketDataEvent.class, (m) -> m.symbol().equals(CALL) && m.last() == Fixed.parse("102.35"),
            CALL + " priced by the LTP endpoint");
        final MarketDataEvent put = reports.await(MarketDataEvent.class, (m) -> m.symbol().equals(PUT), PUT + " priced");
        assertEquals(Fixed.parse("1.5"), put.last());
        reports.await(MarketDataEvent.class, (m) -> m.symbol().equals("NIFTY04JAN2421900PE"), "three strikes above ATM");
        reports.await(MarketDataEvent.class, (m) -> m.symbol().equals("NIFTY04JAN2421600CE"), "three strikes below ATM");
        assertTrue(reports.ofType(MarketDataEvent.class).stream().noneMatch((m) ->
            m.symbol().equals("NIFTY04JAN2421950CE") || m.symbol().equals("NIFTY04JAN2421550PE") || m.symbol().startsWith("NIFTY11JAN24")),
            "only the nearest expiry within three strikes of ATM: the poll stays one request");
        assertTrue(broker.ltpRequests() >= 1);
        assertEquals(List.of(), broker.violations());
    }
}
