package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymbolRulesTest
{
    private static final String SPOT_SYMBOL = "{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\",\"filters\":[" +
        "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"0.01000000\"}," +
        "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"}," +
        "{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.00000000\",\"maxQty\":\"100.00000000\",\"stepSize\":\"0.00000000\"}," +
        "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\"," +
        "\"applyMaxToMarket\":false,\"avgPriceMins\":5}]}";

    @Test
    void shouldFormatPricesAndQuantitiesWithTheFiltersDecimalsExactly()
    {
        assertEquals(2, Decimals.scaleOf(Fixed.parse("0.01")));
        assertEquals(5, Decimals.scaleOf(Fixed.parse("0.00001")));
        assertEquals(0, Decimals.scaleOf(Fixed.parse("1")));
        assertEquals(0, Decimals.scaleOf(Fixed.parse("10")));
        assertEquals(8, Decimals.scaleOf(Fixed.parse("0.00000001")));
        assertEquals("52000.00", Decimals.format(Fixed.parse("52000"), 2));
        assertEquals("0.01000", Decimals.format(Fixed.parse("0.01"), 5));
        assertEquals("-1.50", Decimals.format(Fixed.parse("-1.5"), 2));
        assertEquals("92233720368.54775807", Decimals.format(Long.MAX_VALUE, 8));
        assertThrows(IllegalArgumentException.class, () -> Decimals.format(Fixed.parse("0.015"), 2), "never rounded");
        assertEquals(Fixed.parse("23416.1"), Decimals.parse("23416.10000000"));
        assertEquals(Fixed.parse("0.00000001"), Decimals.parse("0.0000000100"));
        assertThrows(IllegalArgumentException.class, () -> Decimals.parse("0.000000001"));
        assertEquals(Fixed.parse("49999.8"), Decimals.average(Fixed.parse("499.998"), Fixed.parse("0.01")));
    }

    @Test
    void shouldCheckOrdersAsBinanceFiltersDo() throws Exception
    {
        final SymbolRules rules = SymbolRules.fromJson(new ObjectMapper().readTree(SPOT_SYMBOL));
        assertNull(rules.check(OrdType.LIMIT, Fixed.parse("50000.01"), Fixed.NULL, Fixed.parse("0.00123"), Fixed.NULL));
        assertEquals("Filter failure: PRICE_FILTER",
            rules.check(OrdType.LIMIT, Fixed.parse("50000.015"), Fixed.NULL, Fixed.parse("0.001"), Fixed.NULL));
        assertEquals("Filter failure: PRICE_FILTER",
            rules.check(OrdType.STOP_LIMIT, Fixed.parse("50000"), Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.NULL));
        assertEquals("Filter failure: LOT_SIZE",
            rules.check(OrdType.LIMIT, Fixed.parse("50000"), Fixed.NULL, Fixed.parse("0.000015"), Fixed.NULL));
        assertEquals("Filter failure: LOT_SIZE",
            rules.check(OrdType.LIMIT, Fixed.parse("1"), Fixed.NULL, Fixed.parse("9000.00001"), Fixed.NULL));
        assertEquals("Filter failure: MARKET_LOT_SIZE",
            rules.check(OrdType.MARKET, Fixed.NULL, Fixed.NULL, Fixed.parse("101"), Fixed.NULL));
        assertEquals("Filter failure: NOTIONAL",
            rules.check(OrdType.LIMIT, Fixed.parse("100"), Fixed.NULL, Fixed.parse("0.04"), Fixed.NULL));
        assertNull(rules.check(OrdType.MARKET, Fixed.NULL, Fixed.NULL, Fixed.parse("0.0001"), Fixed.NULL),
            "no reference price: the market notional is left to the venue");
        assertEquals("Filter failure: NOTIONAL",
            rules.check(OrdType.MARKET, Fixed.NULL, Fixed.NULL, Fixed.parse("0.00001"), Fixed.parse("50000")));
        assertEquals("50000.01", rules.formatPrice(Fixed.parse("50000.01")));
        assertEquals("0.00123", rules.formatQuantity(Fixed.parse("0.00123")));
    }

    @Test
    void shouldReadTheFuturesMinNotionalForm() throws Exception
    {
        final SymbolRules rules = SymbolRules.fromJson(new ObjectMapper().readTree("{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\"," +
            "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"556.80\",\"maxPrice\":\"4529764\",\"tickSize\":\"0.10\"}," +
            "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"1000\",\"stepSize\":\"0.001\"}," +
            "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"100\"}]}"));
        assertEquals(Fixed.parse("100"), rules.minNotional());
        assertEquals("Filter failure: PRICE_FILTER",
            rules.check(OrdType.LIMIT, Fixed.parse("60000.05"), Fixed.NULL, Fixed.parse("0.01"), Fixed.NULL));
        assertNull(rules.check(OrdType.LIMIT, Fixed.parse("60000.1"), Fixed.NULL, Fixed.parse("0.01"), Fixed.NULL));
        assertEquals("60000.1", rules.formatPrice(Fixed.parse("60000.1")));
        assertEquals("60000.0", rules.formatPrice(Fixed.parse("60000")));
    }
}
