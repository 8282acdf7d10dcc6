package io.sluice.gateway.mt5;

import io.sluice.gateway.OrderIdentity;
import io.sluice.gateway.ReportPublisher;
import io.sluice.gateway.Venue;
import io.sluice.protocol.Settings;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * MetaTrader 5 accounts through the SluiceBridge Expert Advisor ({@code gateway --venue mt5}): one TCP connection per
 * account to the EA in that account's terminal, speaking the protocol of {@code gateways/mt5/PROTOCOL.md}.
 * <p>
 * Quantities are lots (MT5 volume); prices are the terminal's. Orders carry their client order id in
 * {@code comment} and the account's {@code magic}; fills are reported per deal ticket (the trade id), SL/TP of a
 * NewOrder go on the position it opens, a reduce-only NewOrder closes opposite positions by ticket (quantity 0:
 * all of them), and an AmendOrder changes a pending order or the SL/TP of the positions an order opened. The
 * account's instruments (InstrumentDefinition), balance (AccountUpdate) and quotes (MarketData) are published
 * from the terminal. The GatewayStatus is RECONCILING while any terminal is being reconciled, UP when all are
 * ready, DEGRADED when some are down or lack a configured symbol, DOWN when none is connected.
 * <p>
 * Settings (every {@code account.<A>.} key may also be set once for all accounts without {@code account.<A>.}):
 * <table>
 * <caption>MT5 gateway settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code sluice.mt5.accounts}</td><td>(required)</td><td>Sluice account names, one terminal each</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.host}</td><td>127.0.0.1</td>
 *     <td>EA address; loopback or private only (the bridge is authenticated, not encrypted)</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.port}</td><td>18812</td><td>EA port</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.secretFile}</td><td></td>
 *     <td>file holding the shared secret, readable by its owner only (chmod 600)</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.secretEnv}</td><td>SLUICE_MT5_SECRET_<A></td>
 *     <td>environment variable holding the secret, used when no secretFile is set; the secret is never logged</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.login}</td><td>0 (any)</td><td>refuse a terminal logged into another login</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.magic}</td><td>7101</td><td>magic number of this account's orders</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.symbols}</td><td>(required)</td>
 *     <td>SYMBOL or SYMBOL:TERMINAL_SYMBOL list, e.g. {@code XAUUSD:XAUUSD.m,EURUSD}</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.deviation}</td><td>10</td><td>{@code deviation} of market orders, points</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.collarPoints}</td><td>50</td>
 *     <td>after REQUOTE/PRICE_CHANGED/PRICE_OFF, retry once if the new price is at most this many points worse</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.filling}</td><td>AUTO</td>
 *     <td>{@code type_filling} of market orders: AUTO (first allowed of FOK, IOC, RETURN), FOK, IOC, RETURN;
 *     per symbol with {@code .filling.<SYMBOL>}; IOC/FOK orders always use that mode</td></tr>
 * <tr><td>{@code sluice.mt5.account.<A>.netHedges}</td><td>false</td>
 *     <td>hedging accounts: collapse opposite positions with TRADE_ACTION_CLOSE_BY after each fill</td></tr>
 * <tr><td>{@code sluice.mt5.connectTimeoutMs}</td><td>3000</td><td>TCP connect and handshake timeout</td></tr>
 * <tr><td>{@code sluice.mt5.requestTimeoutMs}</td><td>10000</td>
 *     <td>an order_send without answer makes the order UNKNOWN and triggers reconciliation</td></tr>
 * <tr><td>{@code sluice.mt5.pingIntervalMs}</td><td>2000</td><td>ping after this long without a message</td></tr>
 * <tr><td>{@code sluice.mt5.pingTimeoutMs}</td><td>5000</td><td>a ping unanswered this long drops the connection</td></tr>
 * <tr><td>{@code sluice.mt5.reconnectMinMs}</td><td>500</td><td>first reconnect delay, doubled per failure</td></tr>
 * <tr><td>{@code sluice.mt5.reconnectMaxMs}</td><td>30000</td><td>largest reconnect delay</td></tr>
 * <tr><td>{@code sluice.mt5.holdTimeoutMs}</td><td>5000</td>
 *     <td>orders arriving while a terminal is not ready wait this long, then are rejected</td></tr>
 * <tr><td>{@code sluice.mt5.historyLookbackMs}</td><td>86400000</td><td>history reconciliation window</td></tr>
 * </table>
 * <p>
 * Threading: the callbacks run on the gateway's agent thread; each connection's socket I/O runs on its own
 * threads and reaches the agent only through a queue drained in {@link #doWork}.
 */
public final class Mt5Venue implements Venue
{
    private final String name;
    private final Mt5Config config;
    private final SecureRandom random = new SecureRandom();
    private final List<Mt5Session> sessions = new ArrayList<>();
    private final OrderIdentity incoming = new OrderIdentity();

    private Mt5Reporter reporter;
    private ReportPublisher publisher;
    private GatewayState publishedState;
    private String publishedDetail;

    /**
     * A venue configured from settings, reading secrets from the process environment or secrets files.
     *
     * @param name     venue name used in reports, normally "mt5".
     * @param settings configuration (keys in the class javadoc).
     * @throws IllegalArgumentException when a setting is invalid or a secret is missing.
     */
    public Mt5Venue(final String name, final Settings settings)
    {
        this(name, settings, System::getenv);
    }

    /**
     * A venue with an explicit environment lookup for secrets.
     *
     * @param name        venue name.
     * @param settings    configuration.
     * @param environment environment variables by name.
     */
    public Mt5Venue(final String name, final Settings settings, final Function<String, String> environment)
    {
        this.name = name;
        this.config = Mt5Config.from(settings, environment);
    }

    /**
     * Venue name.
     *
     * @return the name given at construction.
     */
    public String name()
    {
        return name;
    }

    /**
     * Connect to every account's terminal.
     *
     * @param publisher where reports go.
     * @param nowNs     gateway time.
     */
    public void onStart(final ReportPublisher publisher, final long nowNs)
    {
        this.publisher = publisher;
        reporter = new Mt5Reporter(publisher);
        for (final Mt5Config.Account account : config.accounts)
        {
            final Mt5Session session = new Mt5Session(config, account, name, reporter, random, this::publishStatusIfChanged);
            sessions.add(session);
            session.start(nowNs);
        }
        publishStatusIfChanged(nowNs);
    }

    /**
     * Route a NewOrder to its account's terminal.
     *
     * @param order decoder over the NewOrder.
     * @param nowNs gateway time.
     */
    public void onNewOrder(final NewOrderDecoder order, final long nowNs)
    {
        final Mt5Order copy = Mt5Order.from(order);
        final Mt5Session session = session(copy.identity);
        if (session == null)
        {
            reporter.rejected(copy.identity, "unknown MT5 account '" + copy.identity.account() + "'; accounts: " + accountNames(), nowNs);
            return;
        }
        session.onNewOrder(copy, nowNs);
    }

    /**
     * Route a CancelOrder to its account's terminal.
     *
     * @param cancel decoder over the CancelOrder.
     * @param nowNs  gateway time.
     */
    public void onCancelOrder(final CancelOrderDecoder cancel, final long nowNs)
    {
        final OrderIdentity copy = new OrderIdentity().set(cancel);
        final Mt5Session session = session(copy);
        if (session == null)
        {
            reporter.cancelRejected(copy, OrdStatus.REJECTED, 0, 0, "unknown MT5 account '" + copy.account() + "'", nowNs);
            return;
        }
        session.onCancel(copy, nowNs);
    }

    /**
     * Reconciliation: route the engine's question about an order to its account's terminal (see
     * {@link Mt5Session#onStatusRequest}); an unknown account never had the order.
     *
     * @param query the engine's question.
     * @param nowNs gateway time.
     */
    public void onOrderStatusRequest(final io.sluice.gateway.OrderStatusQuery query, final long nowNs)
    {
        final Mt5Session session = session(query.order());
        if (session == null)
        {
            reporter.statusNotFound(query, nowNs);
            return;
        }
        session.onStatusRequest(query.copy(), nowNs);
    }

    /**
     * Route an AmendOrder (pending order change, or SL/TP of a position) to its account's terminal.
     *
     * @param amend decoder over the AmendOrder.
     * @param nowNs gateway time.
     */
    public void onAmendOrder(final AmendOrderDecoder amend, final long nowNs)
    {
        final Mt5Amend copy = new Mt5Amend(amend);
        final Mt5Session session = session(copy.identity);
        if (session == null)
        {
            reporter.cancelRejected(copy.identity, OrdStatus.REJECTED, 0, 0, "unknown MT5 account '" + copy.identity.account() + "'", nowNs);
            return;
        }
        session.onAmend(copy, nowNs);
    }

    /**
     * Let every session work; each session's state changes publish the gateway status as they happen.
     *
     * @param nowNs gateway time.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        int work = 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            work += sessions.get(i).doWork(nowNs);
        }
        return work;
    }

    /**
     * Close every connection.
     */
    public void onClose()
    {
        for (final Mt5Session session : sessions)
        {
            session.close();
        }
    }

    /**
     * Accounts served, in configuration order.
     *
     * @return names.
     */
    public List<String> accountNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Mt5Config.Account account : config.accounts)
        {
            names.add(account.name);
        }
        return names;
    }

    /**
     * The session of an account (diagnostics and tests; agent thread only).
     *
     * @param account account name.
     * @return the session, or null before start or for an unknown account.
     */
    Mt5Session session(final String account)
    {
        for (final Mt5Session session : sessions)
        {
            if (session.accountName().equals(account))
            {
                return session;
            }
        }
        return null;
    }

    List<Mt5Session> sessions()
    {
        return Collections.unmodifiableList(sessions);
    }

    private Mt5Session session(final OrderIdentity identity)
    {
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Mt5Session session = sessions.get(i);
            if (session.book().template.account().contentEquals(identity.account()))
            {
                return session;
            }
        }
        return null;
    }

    private void publishStatusIfChanged(final long nowNs)
    {
        int up = 0;
        int down = 0;
        int degraded = 0;
        final StringBuilder detail = new StringBuilder();
        for (final Mt5Session session : sessions)
        {
            final GatewayState state = session.gatewayState();
            up += state == GatewayState.UP ? 1 : 0;
            down += state == GatewayState.DOWN ? 1 : 0;
            degraded += state == GatewayState.DEGRADED ? 1 : 0;
            detail.append(detail.length() == 0 ? "" : "; ").append(session.detail());
        }
        final GatewayState state;
        if (up == sessions.size())
        {
            state = GatewayState.UP;
        }
        else if (down == sessions.size())
        {
            state = GatewayState.DOWN;
        }
        else if (down > 0 || degraded > 0)
        {
            state = GatewayState.DEGRADED;
        }
        else
        {
            state = GatewayState.RECONCILING;
        }
        final String text = detail.toString();
        if (sessions.size() < config.accounts.size())
        {
            return;
        }
        if (state != publishedState || !text.equals(publishedDetail))
        {
            publishedState = state;
            publishedDetail = text;
            publisher.gatewayStatus(state, nowNs, text);
        }
    }
}
