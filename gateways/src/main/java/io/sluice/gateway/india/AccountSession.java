package io.sluice.gateway.india;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One broker account as the gateway sees it: its session state and tokens, its rate-limited request queue, the
 * orders waiting for it to become ready, and its last positions and funds. Mutated only on the agent thread.
 */
public final class AccountSession
{
    /** Where the account's session stands. */
    public enum State
    {
        /** Not yet started. */
        NEW,
        /** A login, token exchange or refresh is in flight. */
        LOGGING_IN,
        /** Logged in; order book and positions are being reconciled before new orders are accepted. */
        RECONCILING,
        /** Trading. */
        READY,
        /** No valid session: expired, revoked, or a login the operator must do; orders are refused. */
        EXPIRED
    }

    private final String account;
    private final Throttle throttle;
    private final ArrayDeque<QueuedOrder> queued = new ArrayDeque<>();
    private final Set<String> spent = new HashSet<>();

    State state = State.NEW;
    String reason = "";
    SessionTokens tokens;
    String failedFingerprint;
    boolean refreshTried;
    long nextSessionCheckNs;
    long reconcileStartedNs;
    int reconcileCallsPending;
    boolean reconcileFailed;
    boolean awaitingInstruments;
    int reconcileGeneration;
    long nextPollNs;
    boolean pollInFlight;
    long nextFundsNs;
    boolean fundsInFlight;
    List<BrokerPosition> positions = List.of();
    Funds funds;

    /**
     * A session holder.
     *
     * @param account  account name.
     * @param throttle the account's rate-limited request queue.
     */
    public AccountSession(final String account, final Throttle throttle)
    {
        this.account = account;
        this.throttle = throttle;
    }

    /**
     * Account name.
     *
     * @return the name.
     */
    public String account()
    {
        return account;
    }

    /**
     * Current state.
     *
     * @return the state.
     */
    public State state()
    {
        return state;
    }

    /**
     * Why the account is not ready (empty when ready); never secrets.
     *
     * @return the reason.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * The access token, or null without a session.
     *
     * @return the token.
     */
    public String accessToken()
    {
        return tokens == null ? null : tokens.accessToken();
    }

    /**
     * The refresh token, or null.
     *
     * @return the token.
     */
    public String refreshToken()
    {
        return tokens == null ? null : tokens.refreshToken();
    }

    /**
     * The broker user id from the login, or null.
     *
     * @return the id.
     */
    public String userId()
    {
        return tokens == null ? null : tokens.userId();
    }

    /**
     * The account's rate-limited request queue.
     *
     * @return the throttle.
     */
    public Throttle throttle()
    {
        return throttle;
    }

    /**
     * Positions from the last reconciliation or refresh.
     *
     * @return the positions.
     */
    public List<BrokerPosition> positions()
    {
        return positions;
    }

    /**
     * Funds from the last refresh, or null.
     *
     * @return the funds.
     */
    public Funds funds()
    {
        return funds;
    }

    /**
     * Whether a one-time credential (a request token, an auth code, an access token that expired) was already used.
     *
     * @param credential the credential's value.
     * @return true when used.
     */
    public boolean isSpent(final String credential)
    {
        return spent.contains(Checksums.sha256Hex(credential));
    }

    /**
     * Remember that a credential was used (only its hash is kept).
     *
     * @param credential the credential's value.
     */
    public void spend(final String credential)
    {
        spent.add(Checksums.sha256Hex(credential));
    }

    ArrayDeque<QueuedOrder> queued()
    {
        return queued;
    }
}
