package io.sluice.gateway.india;

import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.InstrumentSnapshot;
import io.sluice.protocol.Fixed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Last prices of the options that matter, so the engine has a reference price for option MARKET orders: one request
 * to the broker's LTP endpoint every {@code optionQuoteIntervalMs} (the brokers allow about one quote request per
 * second), each answer published as MarketData. What matters, in this order, up to the broker's batch size: options
 * with open orders or positions, the configured {@code optionQuoteSymbols}, then the calls and puts of the nearest
 * expiry within {@code optionQuoteStrikes} strikes of each underlying's ATM (where signals such as
 * {@code NIFTY:CUR:OTM2:PE} land). Polls run in market hours (and around the clock when orders outside them go as AMO);
 * an unchanged price is published again only every {@link #REPUBLISH_NS}, often enough for the engine's quote-age gate.
 */
final class OptionQuotes
{
    private final IndiaConfig config;
    private final RestBroker broker;
    private final Reporter reporter;
    private final Supplier<AccountSession> readySession;
    private final Supplier<InstrumentSnapshot> snapshot;
    private final ToLongFunction<String> referencePrice;
    private final Consumer<Set<String>> tradedSymbols;

    /** An unchanged last price is published again after this long (the engine's default maxQuoteAgeMs is 60 s). */
    static final long REPUBLISH_NS = 15_000_000_000L;

    private final Map<String, long[]> published = new java.util.HashMap<>();
    private boolean inFlight;
    private long nextPollNs;

    OptionQuotes(
        final IndiaConfig config,
        final RestBroker broker,
        final Reporter reporter,
        final Supplier<AccountSession> readySession,
        final Supplier<InstrumentSnapshot> snapshot,
        final ToLongFunction<String> referencePrice,
        final Consumer<Set<String>> tradedSymbols)
    {
        this.config = config;
        this.broker = broker;
        this.reporter = reporter;
        this.readySession = readySession;
        this.snapshot = snapshot;
        this.referencePrice = referencePrice;
        this.tradedSymbols = tradedSymbols;
    }

    int doWork(final long nowNs)
    {
        if (inFlight || nowNs - nextPollNs < 0)
        {
            return 0;
        }
        final AccountSession session = readySession.get();
        final InstrumentSnapshot instruments = snapshot.get();
        final boolean trading = config.amoOutsideMarketHours() || config.schedule().inside(nowNs, config.marketHours());
        if (!trading || session == null || instruments.tradingDate() == null)
        {
            return 0;
        }
        nextPollNs = nowNs + config.optionQuoteIntervalNs();
        final List<Instrument> watched = watched(instruments);
        if (watched.isEmpty())
        {
            return 0;
        }
        final BrokerCall<Map<String, Long>> call;
        try
        {
            call = broker.lastPrices(session, watched);
        }
        catch (final RuntimeException ex)
        {
            return 0;
        }
        inFlight = true;
        session.throttle().submit(call, (result, now) ->
        {
            inFlight = false;
            if (result.isOk())
            {
                result.value().forEach((symbol, last) -> publish(symbol, last, now));
            }
        }, nowNs);
        return 1;
    }

    private void publish(final String symbol, final long last, final long nowNs)
    {
        final long[] previous = published.computeIfAbsent(symbol, (s) -> new long[] {Fixed.NULL, 0});
        if (previous[0] != last || nowNs - previous[1] >= REPUBLISH_NS)
        {
            previous[0] = last;
            previous[1] = nowNs;
            reporter.underlying(symbol, last, nowNs);
        }
    }

    /**
     * The instruments to poll now, most important first, at most one request's worth.
     */
    List<Instrument> watched(final InstrumentSnapshot instruments)
    {
        final Set<String> symbols = new LinkedHashSet<>();
        tradedSymbols.accept(symbols);
        symbols.addAll(config.optionQuoteSymbols());
        final Map<String, Instrument> selected = new LinkedHashMap<>();
        for (final String symbol : symbols)
        {
            final Instrument instrument = instruments.bySymbol(symbol);
            if (instrument != null && instrument.kind() != Instrument.Kind.EQ)
            {
                selected.put(symbol, instrument);
            }
        }
        final int strikes = config.optionQuoteStrikes();
        for (final String underlying : config.underlyings())
        {
            final long reference = referencePrice.applyAsLong(underlying);
            final List<LocalDate> expiries = instruments.optionExpiries(underlying);
            if (strikes == 0 || reference == Fixed.NULL || reference <= 0 || expiries.isEmpty())
            {
                continue;
            }
            final LocalDate expiry = expiries.get(0);
            final List<Long> listed = instruments.strikes(underlying, expiry);
            final int atm = nearest(listed, reference);
            for (int distance = 0; distance <= strikes; distance++)
            {
                for (final int index : new int[] {atm - distance, atm + distance})
                {
                    if (index < 0 || index >= listed.size() || (distance == 0 && index != atm))
                    {
                        continue;
                    }
                    for (final Instrument.Kind kind : new Instrument.Kind[] {Instrument.Kind.CE, Instrument.Kind.PE})
                    {
                        final Instrument option = instruments.find(underlying, kind, expiry, listed.get(index));
                        if (option != null)
                        {
                            selected.putIfAbsent(option.symbol(), option);
                        }
                    }
                }
            }
        }
        final List<Instrument> batch = new ArrayList<>(selected.values());
        return batch.size() > broker.lastPriceBatch() ? batch.subList(0, broker.lastPriceBatch()) : batch;
    }

    private static int nearest(final List<Long> strikes, final long price)
    {
        int best = 0;
        for (int i = 1; i < strikes.size(); i++)
        {
            if (Math.abs(strikes.get(i) - price) < Math.abs(strikes.get(best) - price))
            {
                best = i;
            }
        }
        return best;
    }
}
