package io.sluice.gateway.india;

import io.sluice.gateway.ReportPublisher;
import io.sluice.gateway.Venue;
import io.sluice.gateway.india.angel.AngelApi;
import io.sluice.gateway.india.dhan.DhanApi;
import io.sluice.gateway.india.instruments.InstrumentSnapshot;
import io.sluice.gateway.india.kite.KiteApi;
import io.sluice.gateway.india.upstox.UpstoxApi;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;

import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The venue adapter shared by the Indian REST brokers (Zerodha Kite, Angel One, Upstox, Dhan): one instance per
 * gateway process, serving every configured account of one broker through that broker's {@link RestBroker} mapping.
 * <p>
 * Duty cycle (agent thread only; HTTP answers arrive through the {@link RestClient}'s queue):
 * <ol>
 * <li>run the handlers of completed HTTP calls;</li>
 * <li>apply order updates the broker pushed (Kite postbacks);</li>
 * <li>sessions: rate-limited sends, login retries, reconciliation, order-book polling, funds;</li>
 * <li>orders: lookups of places with unknown outcome, orders that waited too long for their account;</li>
 * <li>instruments: master download retries, quotes, snapshot build; option last prices;</li>
 * <li>daily jobs in the market's zone: the morning job (master refresh, logins, reconciliation) and cleanup;</li>
 * <li>publish GatewayStatus when the state or its reason changed (the heartbeat repeats it).</li>
 * </ol>
 * State: UP when every account is ready and instruments are loaded; RECONCILING while logging in, reconciling or
 * loading instruments (orders wait); DEGRADED with the reasons while an account has no session (its orders are refused
 * with {@code SESSION_EXPIRED}; the engine still routes to a DEGRADED gateway, so the other accounts keep trading) or
 * instruments are unavailable. Option last prices: {@link OptionQuotes}.
 * <p>
 * Settings: {@link IndiaConfig} and each broker's class ({@link KiteApi}, {@link AngelApi}, {@link UpstoxApi},
 * {@link DhanApi}).
 */
public final class IndiaVenue implements Venue
{
    private final IndiaConfig config;
    private final RestBroker broker;
    private final RestClient rest;
    private final Reporter reporter = new Reporter();
    private final SessionManager sessions;
    private final InstrumentSync instruments;
    private final OrderFlow orders;
    private final OptionQuotes optionQuotes;
    private final ExecutorService io;
    private final Queue<PushedUpdate> pushed = new ConcurrentLinkedQueue<>();
    // The duty cycle's time, for callbacks that are wired before the first cycle.
    private final long[] clock = new long[1];

    private boolean started;
    private long nextMorningJobNs;
    private LocalDate currentDate;
    private LocalDate lastCleanupDate;
    private GatewayState publishedState;
    private String publishedDetail = "";

    /**
     * Create the venue a name designates.
     *
     * @param venue    kite, angel, upstox or dhan.
     * @param settings configuration.
     * @return the venue.
     * @throws IllegalArgumentException for an unknown name or an invalid setting.
     */
    public static IndiaVenue create(final String venue, final Settings settings)
    {
        return create(venue, settings, System::getenv);
    }

    /**
     * Create the venue a name designates, with an explicit environment for secrets (tests).
     *
     * @param venue       kite, angel, upstox or dhan.
     * @param settings    configuration.
     * @param environment environment lookup.
     * @return the venue.
     */
    public static IndiaVenue create(final String venue, final Settings settings, final UnaryOperator<String> environment)
    {
        switch (venue)
        {
            case KiteApi.VENUE:
            {
                final IndiaConfig config = new IndiaConfig(venue, settings, KiteApi.DEFAULTS, environment);
                return new IndiaVenue(config, new KiteApi(config));
            }
            case AngelApi.VENUE:
            {
                final IndiaConfig config = new IndiaConfig(venue, settings, AngelApi.DEFAULTS, environment);
                return new IndiaVenue(config, new AngelApi(config));
            }
            case UpstoxApi.VENUE:
            {
                final IndiaConfig config = new IndiaConfig(venue, settings, UpstoxApi.DEFAULTS, environment);
                return new IndiaVenue(config, new UpstoxApi(config));
            }
            case DhanApi.VENUE:
            {
                final IndiaConfig config = new IndiaConfig(venue, settings, DhanApi.DEFAULTS, environment);
                return new IndiaVenue(config, new DhanApi(config));
            }
            default:
                throw new IllegalArgumentException("not an Indian broker venue: '" + venue + "'");
        }
    }

    /**
     * A venue over a broker mapping.
     *
     * @param config the venue's configuration.
     * @param broker the broker mapping.
     */
    public IndiaVenue(final IndiaConfig config, final RestBroker broker)
    {
        this.config = config;
        this.broker = broker;
        this.rest = new RestClient(config.orderTimeoutMs(), config.queryTimeoutMs(), config.downloadTimeoutMs());
        this.io = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "sluice-" + config.venue() + "-io");
            thread.setDaemon(true);
            return thread;
        });
        this.sessions = new SessionManager(config, broker, rest, reporter);
        final OrderFlow[] flow = new OrderFlow[1];
        this.instruments = new InstrumentSync(config, broker, rest, reporter, io, sessions::anyWithSession,
            () -> flow[0].onInstrumentsReady(clock[0]));
        this.orders = new OrderFlow(config, broker, reporter, sessions, instruments);
        flow[0] = orders;
        sessions.wire(orders, () -> instruments.quoteSoon(clock[0]), () -> instruments.isReady(clock[0]));
        this.optionQuotes = new OptionQuotes(config, broker, reporter, sessions::anyWithSession, instruments::snapshot,
            instruments::referencePrice, this::tradedSymbols);
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return config.venue();
    }

    /**
     * Start postbacks, the instrument sync and every account's login.
     *
     * @param publisher where reports go.
     * @param nowNs     epoch nanoseconds.
     */
    public void onStart(final ReportPublisher publisher, final long nowNs)
    {
        clock[0] = nowNs;
        reporter.attach(publisher);
        broker.start((account, order) -> pushed.add(new PushedUpdate(account, order)));
        currentDate = config.schedule().date(nowNs);
        instruments.start(nowNs);
        sessions.startAll(nowNs, false);
        nextMorningJobNs = config.schedule().nextAfter(nowNs, config.morningJob());
        started = true;
        publishStateChange(nowNs);
    }

    /**
     * {@inheritDoc}
     */
    public void onNewOrder(final NewOrderDecoder order, final long nowNs)
    {
        clock[0] = nowNs;
        orders.onNewOrder(order, nowNs);
    }

    /**
     * {@inheritDoc}
     */
    public void onCancelOrder(final CancelOrderDecoder cancel, final long nowNs)
    {
        clock[0] = nowNs;
        orders.onCancelOrder(cancel, nowNs);
    }

    /**
     * Reconciliation: answered after a fresh order book of the account, matched by tag (the client order id).
     *
     * @param query the engine's question.
     * @param nowNs epoch nanoseconds.
     */
    public void onOrderStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        clock[0] = nowNs;
        orders.onOrderStatusRequest(query, nowNs);
    }

    /**
     * Modify quantity, price or trigger of a working, unsliced order; the outcome is an ORDER_STATUS report whose
     * text starts {@code AMENDED} or {@code AMEND_REJECTED}.
     *
     * @param amend decoder over the AmendOrder.
     * @param nowNs epoch nanoseconds.
     */
    public void onAmendOrder(final AmendOrderDecoder amend, final long nowNs)
    {
        clock[0] = nowNs;
        orders.onAmendOrder(amend, nowNs);
    }

    /**
     * {@inheritDoc}
     */
    public int doWork(final long nowNs)
    {
        clock[0] = nowNs;
        if (!started)
        {
            return 0;
        }
        return rest.drain(nowNs) +
            drainPushed(nowNs) +
            sessions.doWork(nowNs) +
            orders.doWork(nowNs) +
            instruments.doWork(nowNs) +
            optionQuotes.doWork(nowNs) +
            dailyJobs(nowNs) +
            publishStateChange(nowNs);
    }

    /**
     * Stop postbacks, cancel HTTP calls in flight and stop the I/O thread.
     */
    public void onClose()
    {
        try
        {
            broker.close();
        }
        finally
        {
            rest.close();
            io.shutdownNow();
        }
    }

    /**
     * {@inheritDoc}
     */
    public GatewayState state()
    {
        final StringBuilder detail = new StringBuilder();
        return computeState(clock[0], detail);
    }

    /**
     * {@inheritDoc}
     */
    public CharSequence stateDetail()
    {
        final StringBuilder detail = new StringBuilder();
        computeState(clock[0], detail);
        return detail;
    }

    /**
     * The latest instrument snapshot (safe from any thread): the plain Java API for components that persist or show
     * the day's instrument tokens.
     *
     * @return the snapshot, empty before the first sync.
     */
    public InstrumentSnapshot instrumentSnapshot()
    {
        return instruments.snapshot();
    }

    /**
     * Session state of an account; read on the agent thread (or the invoking thread in INVOKER mode).
     *
     * @param account account name.
     * @return the state, or null for an unknown account.
     */
    public AccountSession.State accountState(final String account)
    {
        final AccountSession session = sessions.get(account);
        return session == null ? null : session.state();
    }

    /**
     * Positions of an account from the last reconciliation; read on the agent thread.
     *
     * @param account account name.
     * @return the positions, empty when unknown.
     */
    public List<BrokerPosition> positions(final String account)
    {
        final AccountSession session = sessions.get(account);
        return session == null ? List.of() : session.positions();
    }

    /**
     * Orders not yet finished; read on the agent thread.
     *
     * @return count.
     */
    public int openOrderCount()
    {
        return orders.openOrderCount();
    }

    /**
     * The broker mapping.
     *
     * @return the mapping.
     */
    public RestBroker broker()
    {
        return broker;
    }

    // Symbols with open orders or broker positions: their prices matter most.
    private void tradedSymbols(final java.util.Set<String> into)
    {
        orders.openSymbols(into);
        final InstrumentSnapshot snapshot = instruments.snapshot();
        for (final AccountSession session : sessions.all())
        {
            for (final BrokerPosition position : session.positions())
            {
                final io.sluice.gateway.india.instruments.Instrument instrument = position.netQty() == 0 ? null :
                    snapshot.byVenueSymbol(position.venueSymbol());
                if (instrument != null)
                {
                    into.add(instrument.symbol());
                }
            }
        }
    }

    private int drainPushed(final long nowNs)
    {
        int work = 0;
        PushedUpdate update;
        while ((update = pushed.poll()) != null)
        {
            orders.onPushedUpdate(update.account, update.order, nowNs);
            work++;
        }
        return work;
    }

    private int dailyJobs(final long nowNs)
    {
        int work = 0;
        final LocalDate today = config.schedule().date(nowNs);
        if (!today.equals(currentDate))
        {
            currentDate = today;
            orders.onNewTradingDay();
            instruments.start(nowNs);
            work++;
        }
        if (nowNs - nextMorningJobNs >= 0)
        {
            nextMorningJobNs = config.schedule().nextAfter(nowNs, config.morningJob());
            instruments.start(nowNs);
            instruments.quoteSoon(nowNs);
            sessions.startAll(nowNs, true);
            work++;
        }
        if (!today.equals(lastCleanupDate) && config.schedule().inside(nowNs, config.cleanupWindow()))
        {
            lastCleanupDate = today;
            instruments.cleanup(today);
            work++;
        }
        return work;
    }

    private int publishStateChange(final long nowNs)
    {
        final StringBuilder detail = new StringBuilder();
        final GatewayState state = computeState(nowNs, detail);
        final String text = detail.toString();
        if (state == publishedState && text.equals(publishedDetail))
        {
            return 0;
        }
        publishedState = state;
        publishedDetail = text;
        reporter.status(state, text, nowNs);
        return 1;
    }

    private GatewayState computeState(final long nowNs, final StringBuilder detail)
    {
        boolean expired = false;
        boolean pending = false;
        for (final AccountSession session : sessions.all())
        {
            if (session.state() == AccountSession.State.EXPIRED)
            {
                expired = true;
                separate(detail).append(config.venue()).append(' ').append(session.account()).append(": ").append(session.reason());
            }
            else if (session.state() != AccountSession.State.READY)
            {
                pending = true;
            }
        }
        final boolean instrumentsReady = instruments.isReady(nowNs);
        if (!instrumentsReady && !instruments.failure().isEmpty())
        {
            expired = true;
            separate(detail).append("instruments unavailable: ").append(instruments.failure());
        }
        if (expired)
        {
            return GatewayState.DEGRADED;
        }
        if (pending || !instrumentsReady)
        {
            for (final AccountSession session : sessions.all())
            {
                if (session.state() != AccountSession.State.READY)
                {
                    separate(detail).append(session.account()).append(' ').append(session.state());
                    if (!session.reason().isEmpty())
                    {
                        detail.append(": ").append(session.reason());
                    }
                }
            }
            if (!instrumentsReady)
            {
                separate(detail).append("loading instruments");
            }
            return GatewayState.RECONCILING;
        }
        return GatewayState.UP;
    }

    private static StringBuilder separate(final StringBuilder detail)
    {
        return detail.length() == 0 ? detail : detail.append("; ");
    }

    private record PushedUpdate(String account, BrokerOrder order)
    {
    }
}
