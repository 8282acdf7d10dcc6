package io.sluice.engine.parse;

/**
 * What the completion rules need to know about an instrument and the account, supplied by the engine from its
 * market data, reference data and account updates. Every method returns {@link io.sluice.protocol.Fixed#NULL}
 * when unknown, and must not allocate.
 */
public interface MarketFacts
{
    /** Facts that know nothing. */
    MarketFacts NONE = new MarketFacts()
    {
        public long lastPrice(final AsciiSlot symbol)
        {
            return io.sluice.protocol.Fixed.NULL;
        }

        public long atr(final AsciiSlot symbol)
        {
            return io.sluice.protocol.Fixed.NULL;
        }

        public long pipSize(final AsciiSlot symbol)
        {
            return io.sluice.protocol.Fixed.NULL;
        }

        public long contractSize(final AsciiSlot symbol)
        {
            return io.sluice.protocol.Fixed.NULL;
        }

        public long balance()
        {
            return io.sluice.protocol.Fixed.NULL;
        }
    };

    /**
     * Last (or mid) price of the instrument.
     *
     * @param symbol canonical symbol.
     * @return fixed point, or Fixed.NULL.
     */
    long lastPrice(AsciiSlot symbol);

    /**
     * Recent range of the instrument (average true range over the engine's configured window).
     *
     * @param symbol canonical symbol.
     * @return fixed point, or Fixed.NULL.
     */
    long atr(AsciiSlot symbol);

    /**
     * Size of one pip (e.g. 0.0001 for EURUSD, 0.1 for XAUUSD at most brokers).
     *
     * @param symbol canonical symbol.
     * @return fixed point, or Fixed.NULL.
     */
    long pipSize(AsciiSlot symbol);

    /**
     * Money one unit of quantity gains per one unit of price (1 for spot and linear contracts, 100 for a gold lot).
     *
     * @param symbol canonical symbol.
     * @return fixed point, or Fixed.NULL for 1.
     */
    long contractSize(AsciiSlot symbol);

    /**
     * The account's balance, for risk in percent of balance.
     *
     * @return fixed point, or Fixed.NULL.
     */
    long balance();
}
