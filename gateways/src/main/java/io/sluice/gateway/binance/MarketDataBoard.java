package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.AsciiField;
import io.sluice.gateway.ReportPublisher;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.MarketDataEncoder;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Latest best bid/ask and last trade per symbol, written by the market-stream reader thread and published as
 * MarketData by the agent: updates between two duty cycles are conflated, so a burst of ticks becomes one message
 * per symbol and the reader never waits for the agent.
 */
final class MarketDataBoard
{
    private final Map<String, Slot> slots = new HashMap<>();
    private final Slot[] ordered;

    MarketDataBoard(final List<String> symbols)
    {
        ordered = new Slot[symbols.size()];
        for (int i = 0; i < ordered.length; i++)
        {
            ordered[i] = new Slot(symbols.get(i));
            slots.put(symbols.get(i).toUpperCase(Locale.ROOT), ordered[i]);
        }
    }

    /**
     * Apply one stream message (combined-stream wrapper or bare): bookTicker (b/a) or trade/aggTrade (p).
     * Called on the reader thread.
     *
     * @param node parsed message.
     */
    void onMessage(final JsonNode node)
    {
        final JsonNode data = node.has("data") ? node.get("data") : node;
        final Slot slot = slots.get(data.path("s").asText("").toUpperCase(Locale.ROOT));
        if (slot == null)
        {
            return;
        }
        try
        {
            final String event = data.path("e").asText("");
            if ("trade".equals(event) || "aggTrade".equals(event))
            {
                slot.update(Fixed.NULL, Fixed.NULL, Decimals.parse(data.path("p").asText()));
            }
            else if (data.has("b") && data.has("a"))
            {
                slot.update(Decimals.parse(data.path("b").asText()), Decimals.parse(data.path("a").asText()), Fixed.NULL);
            }
        }
        catch (final IllegalArgumentException ignore)
        {
            // A malformed price from the stream is skipped; the next tick replaces it.
        }
    }

    /**
     * A reference price to value a MARKET order: the last trade, else the mid, else none.
     *
     * @param symbol venue symbol.
     * @return fixed point or {@link Fixed#NULL}.
     */
    long reference(final String symbol)
    {
        final Slot slot = slots.get(symbol);
        if (slot == null)
        {
            return Fixed.NULL;
        }
        final long[] quote = slot.quote.get();
        if (quote[2] != Fixed.NULL)
        {
            return quote[2];
        }
        return quote[0] != Fixed.NULL && quote[1] != Fixed.NULL ? (quote[0] + quote[1]) / 2 : Fixed.NULL;
    }

    /**
     * Publish MarketData for every symbol that changed since the last call. Agent thread.
     *
     * @param publisher reports publisher.
     * @param nowNs     time stamped on the messages.
     * @return messages published.
     */
    int publishChanged(final ReportPublisher publisher, final long nowNs)
    {
        int published = 0;
        for (final Slot slot : ordered)
        {
            if (slot.dirty.get() && slot.dirty.compareAndSet(true, false))
            {
                final long[] quote = slot.quote.get();
                publisher.marketData(slot.symbol, quote[0], quote[1], quote[2], nowNs);
                published++;
            }
        }
        return published;
    }

    private static final class Slot
    {
        private final AsciiField symbol = new AsciiField(MarketDataEncoder.symbolLength());
        private final AtomicReference<long[]> quote = new AtomicReference<>(new long[]{Fixed.NULL, Fixed.NULL, Fixed.NULL});
        private final AtomicBoolean dirty = new AtomicBoolean();

        private Slot(final String name)
        {
            symbol.set(name);
        }

        private void update(final long bid, final long ask, final long last)
        {
            long[] current;
            long[] next;
            do
            {
                current = quote.get();
                next = new long[]{
                    bid == Fixed.NULL ? current[0] : bid,
                    ask == Fixed.NULL ? current[1] : ask,
                    last == Fixed.NULL ? current[2] : last};
            }
            while (!quote.compareAndSet(current, next));
            dirty.set(true);
        }
    }
}
