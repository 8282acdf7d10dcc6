package io.sluice.admin;

import io.aeron.Publication;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandEncoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.RawSignalEncoder;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes signals and operator commands with the SBE encoders and offers them on the engine's ingress
 * publication, retrying a bounded number of times on back pressure; failure is a return value.
 * <p>
 * Thread safety: the Aeron publication is thread safe, but the encoders and the scratch buffer are not.
 * The publish methods are synchronized rather than keeping encoders per thread: Netty serves requests on a
 * handful of event-loop threads, one encode plus offer of at most one body takes microseconds, and a single
 * buffer sized for the largest body is cheaper than one per thread that outlives the request.
 * <p>
 * Messages are encoded into that buffer and offered rather than claimed: a signal body (up to 16 KiB by
 * default) is larger than the MTU payload {@code tryClaim} is limited to, so Aeron fragments it; the engine's
 * ingress subscription must reassemble (FragmentAssembler).
 */
public final class IngressPublisher
{
    /** Outcome of a publish. */
    public enum Result
    {
        /** The message is in the ingress stream. */
        OK,
        /** No engine subscribes to the ingress stream. */
        NOT_CONNECTED,
        /** The engine did not make room within the retries. */
        BACK_PRESSURED,
        /** The publication is closed (shutting down). */
        CLOSED,
        /** The stream reached its maximum position and must be recreated. */
        MAX_POSITION_EXCEEDED
    }

    private static final int SESSION_ID_OFFSET = 8;
    private static final int STREAM_ID_OFFSET = 12;
    private static final int MAX_VAR_ASCII_LENGTH = 1024;
    private static final int MAX_VAR_UTF8_LENGTH = 8192;

    private final Publication publication;
    private volatile long lastPosition;
    private final int maxRetries;
    private final int maxBodyBytes;
    private final UnsafeBuffer buffer;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RawSignalEncoder rawSignalEncoder = new RawSignalEncoder();
    private final AdminCommandEncoder adminCommandEncoder = new AdminCommandEncoder();
    private final io.sluice.sbe.AccountConfigEncoder accountConfigEncoder = new io.sluice.sbe.AccountConfigEncoder();

    /**
     * A publisher for one ingress publication.
     *
     * @param publication  the ingress publication.
     * @param maxRetries   extra attempts on BACK_PRESSURED or ADMIN_ACTION.
     * @param maxBodyBytes largest signal body that will be published.
     */
    public IngressPublisher(final Publication publication, final int maxRetries, final int maxBodyBytes)
    {
        this.publication = publication;
        this.maxRetries = maxRetries;
        this.maxBodyBytes = maxBodyBytes;
        this.buffer = new UnsafeBuffer(new byte[Math.max(maxSignalLength(maxBodyBytes), maxAdminCommandLength())]);
    }

    /**
     * Largest RawSignal this publisher can produce, to compare with the publication's maximum message length.
     *
     * @param maxBodyBytes largest body.
     * @return bytes.
     */
    public static int maxSignalLength(final int maxBodyBytes)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + RawSignalEncoder.BLOCK_LENGTH +
            4 * (RawSignalEncoder.signalIdHeaderLength() + MAX_VAR_ASCII_LENGTH) +
            RawSignalEncoder.bodyHeaderLength() + maxBodyBytes;
    }

    private static int maxAdminCommandLength()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + AdminCommandEncoder.BLOCK_LENGTH +
            AdminCommandEncoder.actorHeaderLength() + MAX_VAR_ASCII_LENGTH +
            AdminCommandEncoder.reasonHeaderLength() + MAX_VAR_UTF8_LENGTH +
            AdminCommandEncoder.targetHeaderLength() + MAX_VAR_ASCII_LENGTH;
    }

    /**
     * Whether an engine subscribes to the ingress stream.
     *
     * @return true when connected.
     */
    /**
     * Stream position just after the last message published (by any thread): read right after a publish under
     * the caller's own lock it is at or after that message's end.
     *
     * @return the position, 0 before the first.
     */
    public long lastPosition()
    {
        return lastPosition;
    }

    /**
     * The highest position a live subscriber of this stream (this publication's session) has read to, from the media
     * driver's counters: subscriber positions (type {@code DRIVER_SUBSCRIBER_POSITION_TYPE_ID}; key: registration id
     * at 0, session id at 8, stream id at 12, as {@code io.aeron.driver.status.StreamCounter} lays it out), each
     * owned by an Aeron client whose heartbeat counter (type {@code DRIVER_HEARTBEAT_TYPE_ID}; key: client id at 0;
     * value: epoch ms of its last keepalive, every 500 ms) is fresh. A killed engine's subscription stays listed until
     * the driver's client liveness timeout (10 s); its position is not what its successor reads.
     *
     * @param counters the driver's counters.
     * @param nowMs    epoch milliseconds now.
     * @param staleMs  a client whose last keepalive is older than this is taken for dead.
     * @return the position, or {@link Long#MAX_VALUE} when no live subscriber's counter is visible.
     */
    public long consumed(final org.agrona.concurrent.status.CountersReader counters, final long nowMs, final long staleMs)
    {
        final int sessionId = publication.sessionId();
        final int streamId = publication.streamId();
        final org.agrona.collections.LongHashSet liveClients = new org.agrona.collections.LongHashSet();
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == io.aeron.AeronCounters.DRIVER_HEARTBEAT_TYPE_ID && nowMs - counters.getCounterValue(counterId) <= staleMs)
            {
                liveClients.add(key.getLong(0));
            }
        });
        final long[] highest = { Long.MIN_VALUE };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == io.aeron.AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID &&
                key.getInt(SESSION_ID_OFFSET) == sessionId && key.getInt(STREAM_ID_OFFSET) == streamId &&
                liveClients.contains(counters.getCounterOwnerId(counterId)))
            {
                highest[0] = Math.max(highest[0], counters.getCounterValue(counterId));
            }
        });
        return highest[0] == Long.MIN_VALUE ? Long.MAX_VALUE : highest[0];
    }

    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * Publish one RawSignal.
     *
     * @param source         where the signal came from.
     * @param format         body format.
     * @param ingressTimeNs  wall clock at receipt, epoch ns.
     * @param signalId       id of the signal (ASCII, at most 1024 characters).
     * @param account        account named by the signal (ASCII).
     * @param idempotencyKey client-given key, or empty.
     * @param body           the exact bytes received.
     * @return the outcome.
     */
    public Result publishSignal(
        final SignalSource source,
        final SignalFormat format,
        final long ingressTimeNs,
        final String signalId,
        final String account,
        final String idempotencyKey,
        final byte[] body)
    {
        return publishSignal(source, format, ingressTimeNs, signalId, account, idempotencyKey, body, "");
    }

    /**
     * Publish one RawSignal naming the source (channel) it came through.
     *
     * @param source         where the signal came from.
     * @param format         body format.
     * @param ingressTimeNs  wall clock at receipt, epoch ns.
     * @param signalId       id of the signal (ASCII, at most 1024 characters).
     * @param account        account named by the signal (ASCII).
     * @param idempotencyKey dedup key, or empty.
     * @param body           the bytes to parse (secrets already blanked).
     * @param channel        configured source name, e.g. a Telegram channel or TradingView source (ASCII), or empty.
     * @return the outcome.
     */
    public Result publishSignal(
        final SignalSource source,
        final SignalFormat format,
        final long ingressTimeNs,
        final String signalId,
        final String account,
        final String idempotencyKey,
        final byte[] body,
        final String channel)
    {
        return publishSignal(source, format, ingressTimeNs, signalId, account, idempotencyKey, body, channel, false);
    }

    /**
     * Publish one RawSignal, or a dry run of one: the engine judges a dry run like a real signal, changes nothing
     * and answers with a ParseResult echoing {@code ingressTimeNs}.
     *
     * @param source         where the signal came from.
     * @param format         body format.
     * @param ingressTimeNs  wall clock at receipt, epoch ns; a dry run's correlation key.
     * @param signalId       id of the signal (ASCII, at most 1024 characters).
     * @param account        account named by the signal (ASCII).
     * @param idempotencyKey dedup key, or empty.
     * @param body           the bytes to parse (secrets already blanked).
     * @param channel        configured source name, or empty.
     * @param dryRun         true to ask what the engine would do, trading nothing.
     * @return the outcome.
     */
    public synchronized Result publishSignal(
        final SignalSource source,
        final SignalFormat format,
        final long ingressTimeNs,
        final String signalId,
        final String account,
        final String idempotencyKey,
        final byte[] body,
        final String channel,
        final boolean dryRun)
    {
        checkAscii("channel", channel);
        checkAscii("signalId", signalId);
        checkAscii("account", account);
        checkAscii("idempotencyKey", idempotencyKey);
        if (body.length > maxBodyBytes)
        {
            throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + maxBodyBytes);
        }
        rawSignalEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .source(source)
            .format(format)
            .ingressTimeNs(ingressTimeNs).dryRun(dryRun ? io.sluice.sbe.BooleanType.TRUE : io.sluice.sbe.BooleanType.FALSE)
            .signalId(signalId)
            .account(account)
            .idempotencyKey(idempotencyKey)
            .putBody(body, 0, body.length).channel(channel);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + rawSignalEncoder.encodedLength());
    }

    /**
     * Publish one AdminCommand.
     *
     * @param action       kill, resume or flatten.
     * @param scope        global or one account.
     * @param account      the account for ACCOUNT scope, empty for GLOBAL (at most 16 ASCII characters).
     * @param issuedTimeNs wall clock at receipt, epoch ns.
     * @param actor        who issued it (ASCII).
     * @param reason       free text, UTF-8 of at most 8192 bytes.
     * @return the outcome.
     */
    public Result publishAdminCommand(
        final AdminAction action,
        final AdminScope scope,
        final String account,
        final long issuedTimeNs,
        final String actor,
        final String reason)
    {
        return publishAdminCommand(action, scope, account, "", "", io.sluice.protocol.Fixed.NULL, "", issuedTimeNs, actor, reason);
    }

    /**
     * Publish one AdminCommand with a target (the approval id of APPROVE/REJECT, the pair of CLEAR_PAIR_FLAG).
     *
     * @param action       the action.
     * @param scope        global or one account.
     * @param account      the account for ACCOUNT scope, empty for GLOBAL.
     * @param issuedTimeNs wall clock at receipt, epoch ns.
     * @param actor        who issued it (ASCII).
     * @param reason       free text, UTF-8 of at most 8192 bytes.
     * @param target       what the action applies to (ASCII), or empty.
     * @return the outcome.
     */
    public synchronized Result publishAdminCommand(
        final AdminAction action,
        final AdminScope scope,
        final String account,
        final long issuedTimeNs,
        final String actor,
        final String reason,
        final String target)
    {
        return publishAdminCommand(action, scope, account, "", "", io.sluice.protocol.Fixed.NULL, target, issuedTimeNs, actor, reason);
    }

    /**
     * Publish one AdminCommand with every v2 field.
     *
     * @param action       the action.
     * @param scope        GLOBAL, ACCOUNT, VENUE or INSTRUMENT.
     * @param account      account for ACCOUNT scope (or of a SET_LIMIT), else empty.
     * @param venue        venue for VENUE scope, else empty.
     * @param symbol       symbol for INSTRUMENT scope (or of a SET_LIMIT override), else empty.
     * @param value        SET_LIMIT's new limit (fixed point), else Fixed.NULL.
     * @param target       SET_LIMIT's limit name, APPROVE/REJECT's approval id, CLEAR_PAIR_FLAG's pair id, else empty.
     * @param issuedTimeNs wall clock at receipt, epoch ns.
     * @param actor        who issued it: the authenticated user (ASCII).
     * @param reason       free text, UTF-8 of at most 8192 bytes.
     * @return the outcome.
     */
    public synchronized Result publishAdminCommand(
        final AdminAction action,
        final AdminScope scope,
        final String account,
        final String venue,
        final String symbol,
        final long value,
        final String target,
        final long issuedTimeNs,
        final String actor,
        final String reason)
    {
        checkAscii("venue", venue);
        checkAscii("symbol", symbol);
        checkAscii("target", target);
        checkAscii("account", account);
        checkAscii("actor", actor);
        final byte[] reasonBytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_VAR_UTF8_LENGTH)
        {
            throw new IllegalArgumentException("reason exceeds " + MAX_VAR_UTF8_LENGTH + " bytes");
        }
        adminCommandEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .action(action)
            .scope(scope)
            .account(account)
            .issuedTimeNs(issuedTimeNs)
            .venue(venue)
            .symbol(symbol)
            .value(value)
            .actor(actor)
            .putReason(reasonBytes, 0, reasonBytes.length)
            .target(target);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + adminCommandEncoder.encodedLength());
    }

    /**
     * Publish one AccountConfig: an operator creates, updates, disables or enables an account.
     *
     * @param operation     CREATE, UPDATE, DISABLE or ENABLE.
     * @param account       account name (ASCII, at most 16).
     * @param venue         default venue, or empty to keep it.
     * @param currency      currency, or empty to keep it.
     * @param limits        limit key to fixed-point value (Fixed.NULL disables it), in order.
     * @param credentialRef the credential's name in the vault (never the secret), or empty.
     * @param issuedTimeNs  wall clock at receipt, epoch ns.
     * @param actor         who issued it (ASCII).
     * @param reason        free text, UTF-8 of at most 8192 bytes.
     * @return the outcome.
     */
    public synchronized Result publishAccountConfig(
        final io.sluice.sbe.AccountOperation operation,
        final String account,
        final String venue,
        final String currency,
        final java.util.Map<String, Long> limits,
        final String credentialRef,
        final long issuedTimeNs,
        final String actor,
        final String reason)
    {
        checkAscii("account", account);
        checkAscii("venue", venue);
        checkAscii("currency", currency);
        checkAscii("credentialRef", credentialRef);
        checkAscii("actor", actor);
        limits.keySet().forEach(name -> checkAscii("limit", name));
        final byte[] reasonBytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_VAR_UTF8_LENGTH)
        {
            throw new IllegalArgumentException("reason exceeds " + MAX_VAR_UTF8_LENGTH + " bytes");
        }
        final io.sluice.sbe.AccountConfigEncoder encoder = accountConfigEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .operation(operation)
            .account(account)
            .venue(venue)
            .currency(currency)
            .issuedTimeNs(issuedTimeNs);
        final io.sluice.sbe.AccountConfigEncoder.LimitsEncoder group = encoder.limitsCount(limits.size());
        limits.forEach((name, value) -> group.next().value(value).name(name));
        encoder.actor(actor).credentialRef(credentialRef).putReason(reasonBytes, 0, reasonBytes.length);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private Result offer(final int length)
    {
        int attempts = 0;
        while (true)
        {
            final long position = publication.offer(buffer, 0, length);
            if (position > 0)
            {
                lastPosition = position;
                return Result.OK;
            }
            if (position == Publication.NOT_CONNECTED)
            {
                return Result.NOT_CONNECTED;
            }
            if (position == Publication.CLOSED)
            {
                return Result.CLOSED;
            }
            if (position == Publication.MAX_POSITION_EXCEEDED)
            {
                return Result.MAX_POSITION_EXCEEDED;
            }
            if (++attempts > maxRetries)
            {
                return Result.BACK_PRESSURED;
            }
            Thread.yield();
        }
    }

    private static void checkAscii(final String name, final String value)
    {
        if (value.length() > MAX_VAR_ASCII_LENGTH)
        {
            throw new IllegalArgumentException(name + " exceeds " + MAX_VAR_ASCII_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                throw new IllegalArgumentException(name + " must be printable ASCII");
            }
        }
    }
}
