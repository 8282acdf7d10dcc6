package io.sluice.gateway.india;

import io.sluice.gateway.india.instruments.Instrument;
import io.sluice.gateway.india.instruments.InstrumentCsv;
import io.sluice.gateway.india.instruments.InstrumentSnapshot;
import io.sluice.gateway.india.instruments.MasterFilter;
import io.sluice.protocol.Fixed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The daily instrument sync of one venue: download and stream-parse the broker's master (on an HTTP thread), wait
 * for the underlyings' previous closes (the broker's quote, else configuration), keep the configured expiries and strike
 * band, apply freeze quantities, then publish an InstrumentDefinition per instrument and write the snapshot CSV (on the
 * I/O thread). Also refreshes the underlyings' quotes for ATM resolution and publishes them as MarketData.
 */
final class InstrumentSync
{
    private final IndiaConfig config;
    private final RestBroker broker;
    private final RestClient rest;
    private final Reporter reporter;
    private final ExecutorService io;
    private final Supplier<AccountSession> readySession;
    private final Runnable onReady;
    private final Map<String, Quote> quotes = new HashMap<>();

    private volatile InstrumentSnapshot snapshot;
    private LocalDate syncDate;
    private boolean downloadInFlight;
    private List<Instrument> candidates;
    private MasterFilter filter;
    private long candidatesSinceNs;
    private long nextRetryNs = Long.MAX_VALUE;
    private String failure = "";
    private LocalDate quotesDate;
    private int quotesInFlight;
    private long nextQuoteNs;

    InstrumentSync(
        final IndiaConfig config,
        final RestBroker broker,
        final RestClient rest,
        final Reporter reporter,
        final ExecutorService io,
        final Supplier<AccountSession> readySession,
        final Runnable onReady)
    {
        this.config = config;
        this.broker = broker;
        this.rest = rest;
        this.reporter = reporter;
        this.io = io;
        this.readySession = readySession;
        this.onReady = onReady;
        this.snapshot = InstrumentSnapshot.empty(config.venue());
    }

    /**
     * Start a sync for the trading date of now; a snapshot CSV already written today is loaded first so a restart can
     * trade before the download completes.
     */
    void start(final long nowNs)
    {
        final LocalDate today = config.schedule().date(nowNs);
        if (snapshot.tradingDate() == null || !snapshot.tradingDate().equals(today))
        {
            loadTodaysCsv(today, nowNs);
        }
        if (downloadInFlight)
        {
            return;
        }
        syncDate = today;
        filter = config.filter(today);
        downloadInFlight = true;
        nextRetryNs = Long.MAX_VALUE;
        final AccountSession session = readySession.get();
        rest.submit(broker.instruments(session, filter), this::onMaster);
    }

    /**
     * Whether a snapshot for the current trading date is available.
     */
    boolean isReady(final long nowNs)
    {
        final LocalDate date = snapshot.tradingDate();
        return date != null && date.equals(config.schedule().date(nowNs));
    }

    /**
     * Why instruments are unavailable, empty when loading normally.
     */
    String failure()
    {
        return failure;
    }

    InstrumentSnapshot snapshot()
    {
        return snapshot;
    }

    /**
     * Reference price for ATM: the last price of a quote of today, else its previous close, else the snapshot's, else
     * configuration.
     */
    long referencePrice(final String underlying)
    {
        final Quote quote = quotes.get(underlying);
        if (quote != null && quote.last() != Fixed.NULL && quote.last() > 0)
        {
            return quote.last();
        }
        if (quote != null && quote.previousClose() != Fixed.NULL && quote.previousClose() > 0)
        {
            return quote.previousClose();
        }
        final Long close = snapshot.previousCloses().get(underlying);
        return close != null ? close : config.previousClose(underlying);
    }

    int doWork(final long nowNs)
    {
        int work = 0;
        if (nowNs - nextRetryNs >= 0)
        {
            start(nowNs);
            work++;
        }
        work += refreshQuotes(nowNs);
        if (candidates != null && closesSettled(nowNs))
        {
            build(nowNs);
            work++;
        }
        return work;
    }

    private void onMaster(final CallResult<List<Instrument>> result, final long nowNs)
    {
        downloadInFlight = false;
        if (!result.isOk())
        {
            failure = "instrument master download failed: " + result.text();
            nextRetryNs = nowNs + config.sessionRetryNs();
            return;
        }
        candidates = result.value();
        candidatesSinceNs = nowNs;
        if (candidates.isEmpty())
        {
            failure = "instrument master has no row for " + config.underlyings() + " on or after " + syncDate;
        }
    }

    // Every underlying has a close, or no session can fetch one in time: build anyway (all strikes kept for the rest).
    private boolean closesSettled(final long nowNs)
    {
        boolean missing = false;
        for (final String underlying : config.underlyings())
        {
            missing |= previousClose(underlying) == Fixed.NULL && config.indexKey(underlying) != null;
        }
        return !missing || nowNs - candidatesSinceNs >= config.readyTimeoutNs();
    }

    private long previousClose(final String underlying)
    {
        final Quote quote = syncDate != null && syncDate.equals(quotesDate) ? quotes.get(underlying) : null;
        if (quote != null && quote.previousClose() != Fixed.NULL && quote.previousClose() > 0)
        {
            return quote.previousClose();
        }
        return config.previousClose(underlying);
    }

    private void build(final long nowNs)
    {
        final Map<String, Long> closes = new HashMap<>();
        for (final String underlying : config.underlyings())
        {
            final long close = previousClose(underlying);
            if (close != Fixed.NULL)
            {
                closes.put(underlying, close);
            }
        }
        final List<Instrument> selected = new ArrayList<>();
        for (final Instrument instrument : filter.select(candidates, closes))
        {
            selected.add(instrument.freezeQty() == Fixed.NULL && instrument.kind() != Instrument.Kind.EQ ?
                instrument.withFreezeQty(config.freezeQty(instrument.underlying())) : instrument);
        }
        candidates = null;
        final InstrumentSnapshot built = new InstrumentSnapshot(config.venue(), syncDate, selected, closes);
        snapshot = built;
        failure = selected.isEmpty() ? "no instrument of " + config.underlyings() + " selected for " + syncDate : "";
        for (final Instrument instrument : selected)
        {
            reporter.instrument(instrument, syncDate, nowNs);
        }
        writeInBackground(built);
        onReady.run();
    }

    private int refreshQuotes(final long nowNs)
    {
        if (quotesInFlight > 0 || nowNs - nextQuoteNs < 0)
        {
            return 0;
        }
        final AccountSession session = readySession.get();
        if (session == null)
        {
            return 0;
        }
        nextQuoteNs = nowNs + config.quoteIntervalNs();
        final LocalDate today = config.schedule().date(nowNs);
        for (final String underlying : config.underlyings())
        {
            final String key = config.indexKey(underlying);
            if (key == null)
            {
                continue;
            }
            final BrokerCall<Quote> call;
            try
            {
                call = broker.quote(session, key);
            }
            catch (final RuntimeException ex)
            {
                failure = "cannot build the quote request of " + underlying + " (" + key + "): " + ex.getMessage();
                continue;
            }
            quotesInFlight++;
            session.throttle().submit(call, (result, now) ->
            {
                quotesInFlight--;
                if (result.isOk())
                {
                    quotes.put(underlying, result.value());
                    quotesDate = today;
                    if (result.value().last() != Fixed.NULL)
                    {
                        reporter.underlying(underlying, result.value().last(), now);
                    }
                }
            }, nowNs);
        }
        return 1;
    }

    /**
     * Ask for fresh quotes on the next duty cycle (a session just became ready).
     */
    void quoteSoon(final long nowNs)
    {
        nextQuoteNs = Math.min(nextQuoteNs, nowNs);
    }

    private void loadTodaysCsv(final LocalDate today, final long nowNs)
    {
        final Path file = config.dataDir().resolve(InstrumentCsv.fileName(config.venue(), today));
        if (!Files.isRegularFile(file))
        {
            return;
        }
        try
        {
            final InstrumentSnapshot loaded = InstrumentCsv.read(file);
            if (today.equals(loaded.tradingDate()) && !loaded.instruments().isEmpty())
            {
                snapshot = loaded;
                for (final Instrument instrument : loaded.instruments())
                {
                    reporter.instrument(instrument, today, nowNs);
                }
                onReady.run();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failure = "cannot read " + file + ": " + ex.getMessage();
        }
    }

    private void writeInBackground(final InstrumentSnapshot built)
    {
        final Path dir = config.dataDir();
        io.execute(() ->
        {
            try
            {
                InstrumentCsv.write(built, dir);
            }
            catch (final IOException ex)
            {
                // The snapshot stays usable in memory; the next sync writes again.
            }
        });
    }

    /**
     * Delete snapshot files of this venue older than the retention, on the I/O thread; touches nothing else.
     */
    void cleanup(final LocalDate today)
    {
        final Path dir = config.dataDir();
        final LocalDate oldestKept = today.minusDays(config.retainDays());
        final String venue = config.venue();
        io.execute(() ->
        {
            if (!Files.isDirectory(dir))
            {
                return;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
            {
                for (final Path file : files)
                {
                    final LocalDate date = InstrumentCsv.dateOf(venue, file.getFileName().toString());
                    if (date != null && date.isBefore(oldestKept))
                    {
                        Files.deleteIfExists(file);
                    }
                }
            }
            catch (final IOException ex)
            {
                // Housekeeping only; retried tomorrow.
            }
        });
    }
}
