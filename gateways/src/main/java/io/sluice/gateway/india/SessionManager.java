package io.sluice.gateway.india;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session life of every account of a venue: log in (or adopt a supplied token, or wait for the operator),
 * reconcile order book and positions before accepting orders, poll the order book while orders are open, refresh funds,
 * and handle expiry: a refresh or an unattended re-login where the broker allows one, otherwise EXPIRED (the gateway
 * reports DEGRADED with the reason and the login hint) until the operator supplies a new token, which is picked up by
 * re-reading the secrets every {@code sessionRetryMs}. A failed login is never retried with the same secrets.
 */
final class SessionManager
{
    private static final int MAX_RENEWALS_WITHOUT_READY = 2;

    private final IndiaConfig config;
    private final RestBroker broker;
    private final Reporter reporter;
    private final Map<String, AccountSession> sessions = new LinkedHashMap<>();
    private final Map<AccountSession, Integer> renewals = new java.util.IdentityHashMap<>();
    private OrderFlow orders;
    private Runnable onAnyReady = () -> {};
    private java.util.function.BooleanSupplier instrumentsReady = () -> true;

    SessionManager(final IndiaConfig config, final RestBroker broker, final RestClient rest, final Reporter reporter)
    {
        this.config = config;
        this.broker = broker;
        this.reporter = reporter;
        for (final String account : config.accounts())
        {
            sessions.put(account, new AccountSession(account, new Throttle(rest, config.newLimiters(account))));
        }
    }

    void wire(final OrderFlow orders, final Runnable onAnyReady, final java.util.function.BooleanSupplier instrumentsReady)
    {
        this.orders = orders;
        this.onAnyReady = onAnyReady;
        this.instrumentsReady = instrumentsReady;
    }

    AccountSession get(final String account)
    {
        return sessions.get(account);
    }

    Collection<AccountSession> all()
    {
        return sessions.values();
    }

    /**
     * An account with a session usable for quotes and downloads (ready, or reconciling with tokens).
     */
    AccountSession anyWithSession()
    {
        for (final AccountSession session : sessions.values())
        {
            if (session.state == AccountSession.State.READY)
            {
                return session;
            }
        }
        for (final AccountSession session : sessions.values())
        {
            if (session.state == AccountSession.State.RECONCILING && session.accessToken() != null)
            {
                return session;
            }
        }
        return null;
    }

    /**
     * Start (or restart, for the morning job) every account's session.
     */
    void startAll(final long nowNs, final boolean morning)
    {
        for (final AccountSession session : sessions.values())
        {
            if (session.state == AccountSession.State.LOGGING_IN)
            {
                continue;
            }
            renewals.remove(session);
            if (morning && session.tokens != null && !broker.renewsUnattended())
            {
                // A token broker's session may have survived the night: the reconciliation tells.
                startReconcile(session, nowNs);
            }
            else
            {
                login(session, nowNs);
            }
        }
    }

    int doWork(final long nowNs)
    {
        int work = 0;
        for (final AccountSession session : sessions.values())
        {
            work += session.throttle().drain(nowNs);
            switch (session.state)
            {
                case EXPIRED:
                    if (nowNs - session.nextSessionCheckNs >= 0)
                    {
                        session.nextSessionCheckNs = nowNs + config.sessionRetryNs();
                        retryLogin(session, nowNs);
                        work++;
                    }
                    break;
                case RECONCILING:
                    if (session.awaitingInstruments &&
                        (instrumentsReady.getAsBoolean() || nowNs - session.reconcileStartedNs >= config.readyTimeoutNs()))
                    {
                        session.awaitingInstruments = false;
                        fetchForReconcile(session, nowNs);
                        work++;
                    }
                    else if (session.reconcileFailed && session.reconcileCallsPending == 0 && nowNs - session.nextSessionCheckNs >= 0)
                    {
                        startReconcile(session, nowNs);
                        work++;
                    }
                    break;
                case READY:
                    work += poll(session, nowNs) + refreshFunds(session, nowNs);
                    break;
                default:
                    break;
            }
        }
        return work;
    }

    /**
     * Poll the order book on the next duty cycle (after a place, cancel or amend).
     */
    void pollSoon(final AccountSession session, final long nowNs)
    {
        session.nextPollNs = Math.min(session.nextPollNs, nowNs);
    }

    /**
     * A call of this account failed below the broker (connection refused or dropped, timeout, 5xx): once the broker
     * answers again, the account reconciles its order book and positions before it takes new orders (they wait).
     */
    void onConnectionFailure(final AccountSession session, final String text, final long nowNs)
    {
        if (session.state != AccountSession.State.READY)
        {
            return;
        }
        session.state = AccountSession.State.RECONCILING;
        session.reason = "connection failure: " + text + "; reconciling";
        session.reconcileFailed = true;
        session.reconcileCallsPending = 0;
        session.nextSessionCheckNs = nowNs + config.reconcileRetryNs();
    }

    /**
     * A call of this account answered that its session is invalid; a call made with an earlier token (queued or in
     * flight across a renewal) says nothing about the current session and is ignored.
     */
    void onSessionExpired(final AccountSession session, final String text, final long nowNs, final String tokenUsed)
    {
        if (session.state == AccountSession.State.EXPIRED || session.state == AccountSession.State.LOGGING_IN ||
            (tokenUsed != null && !tokenUsed.equals(session.accessToken())))
        {
            return;
        }
        if (session.accessToken() != null)
        {
            session.spend(session.accessToken());
        }
        final int count = renewals.merge(session, 1, Integer::sum);
        if (count > MAX_RENEWALS_WITHOUT_READY)
        {
            expire(session, "session expired again right after renewal: " + text, nowNs);
            return;
        }
        final BrokerCall<SessionTokens> refresh = session.refreshToken() == null || session.refreshTried ? null : broker.refresh(session);
        if (refresh != null)
        {
            session.refreshTried = true;
            session.state = AccountSession.State.LOGGING_IN;
            session.reason = "refreshing expired session";
            session.throttle().submit(refresh, (result, now) ->
            {
                if (result.isOk())
                {
                    onLoggedIn(session, result.value(), now);
                }
                else
                {
                    session.state = AccountSession.State.NEW;
                    login(session, now);
                }
            }, nowNs);
            return;
        }
        session.state = AccountSession.State.NEW;
        session.tokens = null;
        session.reason = "session expired: " + text;
        login(session, nowNs);
    }

    private void retryLogin(final AccountSession session, final long nowNs)
    {
        if (broker.renewsUnattended())
        {
            final String fingerprint = fingerprint(session);
            if (fingerprint == null || fingerprint.equals(session.failedFingerprint))
            {
                return;
            }
        }
        login(session, nowNs);
    }

    private void login(final AccountSession session, final long nowNs)
    {
        final LoginStep step;
        try
        {
            step = broker.login(session, nowNs);
        }
        catch (final RuntimeException ex)
        {
            session.failedFingerprint = fingerprint(session);
            expire(session, "login impossible: " + ex.getMessage(), nowNs);
            return;
        }
        if (step.tokens() != null)
        {
            onLoggedIn(session, step.tokens(), nowNs);
        }
        else if (step.call() != null)
        {
            final String fingerprint = fingerprint(session);
            session.state = AccountSession.State.LOGGING_IN;
            session.reason = "logging in";
            session.throttle().submit(step.call(), (result, now) ->
            {
                if (result.isOk())
                {
                    onLoggedIn(session, result.value(), now);
                }
                else if (result.failure() == FailureKind.REJECTED || result.failure() == FailureKind.SESSION_EXPIRED)
                {
                    session.failedFingerprint = fingerprint;
                    expire(session, "login refused: " + result.text() + "; not retried until the credentials change", now);
                }
                else
                {
                    session.failedFingerprint = null;
                    expire(session, "login failed: " + result.text() + "; retrying", now);
                }
            }, nowNs);
        }
        else
        {
            expire(session, "login required: " + step.manual(), nowNs);
        }
    }

    private void onLoggedIn(final AccountSession session, final SessionTokens tokens, final long nowNs)
    {
        session.tokens = tokens;
        session.refreshTried = false;
        session.failedFingerprint = null;
        startReconcile(session, nowNs);
    }

    private void expire(final AccountSession session, final String reason, final long nowNs)
    {
        session.state = AccountSession.State.EXPIRED;
        session.reason = reason;
        session.nextSessionCheckNs = nowNs + config.sessionRetryNs();
        orders.onSessionLost(session, reason, nowNs);
    }

    /**
     * Fetch order book and positions (and funds, best effort); report differences; only then mark the account ready.
     * The fetch waits for the day's instruments (up to the ready timeout) so orders of a previous run are reported with
     * their canonical symbols.
     */
    void startReconcile(final AccountSession session, final long nowNs)
    {
        session.state = AccountSession.State.RECONCILING;
        session.reconcileFailed = false;
        session.reconcileStartedNs = nowNs;
        if (!instrumentsReady.getAsBoolean())
        {
            session.reason = "waiting for instruments before reconciling";
            session.awaitingInstruments = true;
            return;
        }
        fetchForReconcile(session, nowNs);
    }

    private void fetchForReconcile(final AccountSession session, final long nowNs)
    {
        session.reason = "reconciling order book and positions";
        session.reconcileFailed = false;
        session.reconcileCallsPending = 2;
        final int generation = ++session.reconcileGeneration;
        final long submittedNs = nowNs;
        final String token = session.accessToken();
        session.throttle().submit(broker.orderBook(session), (result, now) ->
        {
            if (result.isOk())
            {
                orders.onOrderBook(session, result.value(), true, submittedNs, now);
            }
            onReconcileStep(session, result, now, token, generation);
        }, nowNs);
        session.throttle().submit(broker.positions(session), (result, now) ->
        {
            if (result.isOk() && generation == session.reconcileGeneration)
            {
                session.positions = List.copyOf(result.value());
            }
            onReconcileStep(session, result, now, token, generation);
        }, nowNs);
        session.nextFundsNs = nowNs;
    }

    private void onReconcileStep(
        final AccountSession session, final CallResult<?> result, final long nowNs, final String token, final int generation)
    {
        if (generation != session.reconcileGeneration)
        {
            // An earlier reconciliation, overtaken by a renewal or the morning job.
            return;
        }
        session.reconcileCallsPending--;
        if (session.state != AccountSession.State.RECONCILING)
        {
            return;
        }
        if (!result.isOk())
        {
            if (result.failure() == FailureKind.SESSION_EXPIRED)
            {
                session.reconcileCallsPending = 0;
                onSessionExpired(session, result.text(), nowNs, token);
                return;
            }
            session.reconcileFailed = true;
            session.reason = "reconciliation failed: " + result.text() + "; retrying";
        }
        if (session.reconcileCallsPending > 0)
        {
            return;
        }
        if (session.reconcileFailed)
        {
            session.nextSessionCheckNs = nowNs + config.reconcileRetryNs();
            return;
        }
        session.state = AccountSession.State.READY;
        session.reason = "";
        session.nextPollNs = nowNs + config.pollIntervalNs();
        renewals.remove(session);
        onAnyReady.run();
        orders.onSessionReady(session, nowNs);
    }

    private int poll(final AccountSession session, final long nowNs)
    {
        if (session.pollInFlight || nowNs - session.nextPollNs < 0 || !orders.hasWorkingOrders(session))
        {
            return 0;
        }
        session.pollInFlight = true;
        session.nextPollNs = nowNs + config.pollIntervalNs();
        final long submittedNs = nowNs;
        final String token = session.accessToken();
        session.throttle().submit(broker.orderBook(session), (result, now) ->
        {
            session.pollInFlight = false;
            if (result.isOk())
            {
                orders.onOrderBook(session, result.value(), false, submittedNs, now);
            }
            else if (result.failure() == FailureKind.SESSION_EXPIRED)
            {
                onSessionExpired(session, result.text(), now, token);
            }
            else if (isConnectionFailure(result))
            {
                onConnectionFailure(session, result.text(), now);
            }
        }, nowNs);
        return 1;
    }

    static boolean isConnectionFailure(final CallResult<?> result)
    {
        return result.failure() == FailureKind.UNKNOWN || result.failure() == FailureKind.NOT_SENT;
    }

    private int refreshFunds(final AccountSession session, final long nowNs)
    {
        if (session.fundsInFlight || nowNs - session.nextFundsNs < 0)
        {
            return 0;
        }
        session.fundsInFlight = true;
        session.nextFundsNs = nowNs + config.fundsIntervalNs();
        final String token = session.accessToken();
        session.throttle().submit(broker.funds(session), (result, now) ->
        {
            session.fundsInFlight = false;
            if (result.isOk())
            {
                session.funds = result.value();
                reporter.funds(session.account(), result.value(), now);
            }
            else if (result.failure() == FailureKind.SESSION_EXPIRED)
            {
                onSessionExpired(session, result.text(), now, token);
            }
            else if (isConnectionFailure(result))
            {
                onConnectionFailure(session, result.text(), now);
            }
        }, nowNs);
        return 1;
    }

    private String fingerprint(final AccountSession session)
    {
        try
        {
            return config.secrets().fingerprint(session.account(), broker.sessionSecrets());
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }
}
