package io.sluice.gateway;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.sluice.sbe.AccountUpdateEncoder;
import io.sluice.sbe.ExecutionReportEncoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusEncoder;
import io.sluice.sbe.InstrumentDefinitionEncoder;
import io.sluice.sbe.MarketDataEncoder;
import io.sluice.sbe.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes a gateway's ExecutionReport, MarketData and GatewayStatus messages onto the reports publication.
 * <p>
 * Messages that fit one frame are encoded in place with {@code tryClaim}; larger ones are encoded into a reused
 * buffer and offered. Back pressure and admin actions are retried a bounded number of times with the idle
 * strategy; a publish that still fails, or finds the stream not connected or closed, returns false and is
 * counted. Nothing allocates per message. Single threaded: use it only from the gateway's agent.
 */
public final class ReportPublisher
{
    private static final int MAX_DETAIL_LENGTH = 1024;

    private final Publication publication;
    private final AsciiField venue;
    private final IdleStrategy retryIdleStrategy;
    private final int maxAttempts;
    private final BufferClaim bufferClaim = new BufferClaim();
    private final ExpandableArrayBuffer scratchBuffer = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer detailBuffer = new UnsafeBuffer(new byte[MAX_DETAIL_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExecutionReportEncoder executionReportEncoder = new ExecutionReportEncoder();
    private final MarketDataEncoder marketDataEncoder = new MarketDataEncoder();
    private final GatewayStatusEncoder gatewayStatusEncoder = new GatewayStatusEncoder();
    private final InstrumentDefinitionEncoder instrumentEncoder = new InstrumentDefinitionEncoder();
    private final AccountUpdateEncoder accountUpdateEncoder = new AccountUpdateEncoder();

    private MutableDirectBuffer targetBuffer;
    private int targetOffset;
    private boolean claimed;

    private long publishedCount;
    private long notConnectedCount;
    private long backPressureFailureCount;

    /**
     * Publisher for one venue's reports.
     *
     * @param publication       the reports publication.
     * @param venueName         venue named in MarketData and GatewayStatus.
     * @param retryIdleStrategy idles between attempts under back pressure (its own instance).
     * @param maxAttempts       attempts per message before giving up, positive.
     */
    public ReportPublisher(
        final Publication publication, final String venueName, final IdleStrategy retryIdleStrategy, final int maxAttempts)
    {
        this.publication = publication;
        this.venue = new AsciiField(GatewayStatusEncoder.venueLength()).set(venueName);
        this.retryIdleStrategy = retryIdleStrategy;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Publish an ExecutionReport.
     *
     * @param execution      the report's content.
     * @param transactTimeNs epoch nanoseconds of the event at the gateway.
     * @return true when published; false when not connected, closed or back pressured beyond the retries.
     */
    public boolean executionReport(final Execution execution, final long transactTimeNs)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportEncoder.BLOCK_LENGTH +
            ExecutionReportEncoder.textHeaderLength() + execution.textLength();
        if (!claim(length))
        {
            return false;
        }
        try
        {
            encodeExecutionReport(execution, transactTimeNs);
        }
        catch (final RuntimeException ex)
        {
            abort();
            throw ex;
        }
        return commit(length);
    }

    private void encodeExecutionReport(final Execution execution, final long transactTimeNs)
    {
        final ExecutionReportEncoder encoder = executionReportEncoder.wrapAndApplyHeader(targetBuffer, targetOffset, headerEncoder);
        final OrderIdentity order = execution.order();
        final int offset = encoder.offset();
        order.clientOrderId().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.clientOrderIdEncodingOffset(), ExecutionReportEncoder.clientOrderIdLength());
        order.venueOrderId().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.venueOrderIdEncodingOffset(), ExecutionReportEncoder.venueOrderIdLength());
        order.account().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.accountEncodingOffset(), ExecutionReportEncoder.accountLength());
        order.venue().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.venueEncodingOffset(), ExecutionReportEncoder.venueLength());
        order.symbol().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.symbolEncodingOffset(), ExecutionReportEncoder.symbolLength());
        encoder
            .execType(execution.execType())
            .ordStatus(execution.ordStatus())
            .side(order.side())
            .lastQty(execution.lastQty())
            .lastPrice(execution.lastPrice())
            .cumQty(execution.cumQty())
            .leavesQty(execution.leavesQty())
            .avgPrice(execution.avgPrice())
            .transactTimeNs(transactTimeNs);
        execution.tradeId().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.tradeIdEncodingOffset(), ExecutionReportEncoder.tradeIdLength());
        encoder.commission(execution.commission());
        execution.commissionAsset().putFixed(
            targetBuffer, offset + ExecutionReportEncoder.commissionAssetEncodingOffset(), ExecutionReportEncoder.commissionAssetLength());
        encoder.putText(execution.textBuffer(), 0, execution.textLength());
    }

    /**
     * Publish MarketData for one instrument of this venue.
     *
     * @param symbol      instrument symbol.
     * @param bid         best bid, fixed point, or {@link io.sluice.protocol.Fixed#NULL}.
     * @param ask         best ask, fixed point, or {@link io.sluice.protocol.Fixed#NULL}.
     * @param last        last trade or reference price, fixed point, or {@link io.sluice.protocol.Fixed#NULL}.
     * @param timestampNs epoch nanoseconds the prices are as of.
     * @return true when published.
     */
    public boolean marketData(final AsciiField symbol, final long bid, final long ask, final long last, final long timestampNs)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + MarketDataEncoder.BLOCK_LENGTH;
        if (!claim(length))
        {
            return false;
        }
        try
        {
            encodeMarketData(symbol, bid, ask, last, timestampNs);
        }
        catch (final RuntimeException ex)
        {
            abort();
            throw ex;
        }
        return commit(length);
    }

    private void encodeMarketData(final AsciiField symbol, final long bid, final long ask, final long last, final long timestampNs)
    {
        final MarketDataEncoder encoder = marketDataEncoder.wrapAndApplyHeader(targetBuffer, targetOffset, headerEncoder);
        final int offset = encoder.offset();
        venue.putFixed(targetBuffer, offset + MarketDataEncoder.venueEncodingOffset(), MarketDataEncoder.venueLength());
        symbol.putFixed(targetBuffer, offset + MarketDataEncoder.symbolEncodingOffset(), MarketDataEncoder.symbolLength());
        encoder
            .bid(bid)
            .ask(ask)
            .last(last)
            .timestampNs(timestampNs);
    }

    /**
     * Publish this gateway's GatewayStatus.
     *
     * @param state       gateway state.
     * @param timestampNs epoch nanoseconds of the status.
     * @param detail      short ASCII text, e.g. why the gateway is degraded; never secrets.
     * @return true when published.
     */
    public boolean gatewayStatus(final GatewayState state, final long timestampNs, final CharSequence detail)
    {
        final int detailLength = Math.min(detail.length(), MAX_DETAIL_LENGTH);
        detailBuffer.putStringWithoutLengthAscii(0, detail, 0, detailLength);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + GatewayStatusEncoder.BLOCK_LENGTH +
            GatewayStatusEncoder.detailHeaderLength() + detailLength;
        if (!claim(length))
        {
            return false;
        }
        try
        {
            encodeGatewayStatus(state, timestampNs, detailLength);
        }
        catch (final RuntimeException ex)
        {
            abort();
            throw ex;
        }
        return commit(length);
    }

    private void encodeGatewayStatus(final GatewayState state, final long timestampNs, final int detailLength)
    {
        final GatewayStatusEncoder encoder = gatewayStatusEncoder.wrapAndApplyHeader(targetBuffer, targetOffset, headerEncoder);
        venue.putFixed(targetBuffer, encoder.offset() + GatewayStatusEncoder.venueEncodingOffset(), GatewayStatusEncoder.venueLength());
        encoder
            .state(state)
            .timestampNs(timestampNs)
            .putDetail(detailBuffer, 0, detailLength);
    }

    /**
     * Publish a venue's trading rules for one instrument, so the engine refuses what the venue would.
     *
     * @param instrument  the rules; absent values are {@link io.sluice.protocol.Fixed#NULL}.
     * @param timestampNs epoch nanoseconds the rules are as of.
     * @return true when published.
     */
    public boolean instrumentDefinition(final InstrumentRules instrument, final long timestampNs)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + InstrumentDefinitionEncoder.BLOCK_LENGTH;
        if (!claim(length))
        {
            return false;
        }
        final InstrumentDefinitionEncoder encoder = instrumentEncoder.wrapAndApplyHeader(targetBuffer, targetOffset, headerEncoder);
        final int offset = encoder.offset();
        venue.putFixed(targetBuffer, offset + InstrumentDefinitionEncoder.venueEncodingOffset(), InstrumentDefinitionEncoder.venueLength());
        instrument.symbol().putFixed(
            targetBuffer, offset + InstrumentDefinitionEncoder.symbolEncodingOffset(), InstrumentDefinitionEncoder.symbolLength());
        instrument.venueSymbol().putFixed(
            targetBuffer, offset + InstrumentDefinitionEncoder.venueSymbolEncodingOffset(), InstrumentDefinitionEncoder.venueSymbolLength());
        instrument.venueToken().putFixed(
            targetBuffer, offset + InstrumentDefinitionEncoder.venueTokenEncodingOffset(), InstrumentDefinitionEncoder.venueTokenLength());
        encoder
            .tickSize(instrument.tickSize())
            .lotSize(instrument.lotSize())
            .minQty(instrument.minQty())
            .maxQty(instrument.maxQty())
            .minNotional(instrument.minNotional())
            .freezeQty(instrument.freezeQty())
            .contractSize(instrument.contractSize())
            .timestampNs(timestampNs)
            .instrumentKind(instrument.kind())
            .expiryDate(instrument.expiryDate())
            .strike(instrument.strike())
            .syncDate(instrument.syncDate());
        instrument.underlying().putFixed(
            targetBuffer, offset + InstrumentDefinitionEncoder.underlyingEncodingOffset(), InstrumentDefinitionEncoder.underlyingLength());
        instrument.exchangeSegment().putFixed(targetBuffer, offset + InstrumentDefinitionEncoder.exchangeSegmentEncodingOffset(),
            InstrumentDefinitionEncoder.exchangeSegmentLength());
        return commit(length);
    }

    /**
     * Publish the cash and margin of one account at this venue.
     *
     * @param account         account name.
     * @param currency        currency of the amounts, e.g. "USDT" or "INR".
     * @param balance         cash balance, or {@link io.sluice.protocol.Fixed#NULL}.
     * @param equity          balance plus open P&amp;L, or NULL.
     * @param marginAvailable free margin / buying power, or NULL.
     * @param marginUsed      margin in use, or NULL.
     * @param timestampNs     epoch nanoseconds the amounts are as of.
     * @return true when published.
     */
    public boolean accountUpdate(
        final AsciiField account,
        final AsciiField currency,
        final long balance,
        final long equity,
        final long marginAvailable,
        final long marginUsed,
        final long timestampNs)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + AccountUpdateEncoder.BLOCK_LENGTH;
        if (!claim(length))
        {
            return false;
        }
        final AccountUpdateEncoder encoder = accountUpdateEncoder.wrapAndApplyHeader(targetBuffer, targetOffset, headerEncoder);
        final int offset = encoder.offset();
        account.putFixed(targetBuffer, offset + AccountUpdateEncoder.accountEncodingOffset(), AccountUpdateEncoder.accountLength());
        venue.putFixed(targetBuffer, offset + AccountUpdateEncoder.venueEncodingOffset(), AccountUpdateEncoder.venueLength());
        currency.putFixed(targetBuffer, offset + AccountUpdateEncoder.currencyEncodingOffset(), AccountUpdateEncoder.currencyLength());
        encoder
            .balance(balance)
            .equity(equity)
            .marginAvailable(marginAvailable)
            .marginUsed(marginUsed)
            .timestampNs(timestampNs);
        return commit(length);
    }

    /**
     * Whether the reports stream has at least one subscriber.
     *
     * @return true when connected.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * Messages published so far.
     *
     * @return count.
     */
    public long publishedCount()
    {
        return publishedCount;
    }

    /**
     * Messages dropped because the stream had no subscriber or was closed.
     *
     * @return count.
     */
    public long notConnectedCount()
    {
        return notConnectedCount;
    }

    /**
     * Messages dropped because back pressure outlasted the retries.
     *
     * @return count.
     */
    public long backPressureFailureCount()
    {
        return backPressureFailureCount;
    }

    // Points targetBuffer/targetOffset at a claimed frame, or at the scratch buffer when the message is too big to claim.
    private boolean claim(final int length)
    {
        if (length > publication.maxPayloadLength())
        {
            claimed = false;
            targetBuffer = scratchBuffer;
            targetOffset = 0;
            return true;
        }

        retryIdleStrategy.reset();
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            final long result = publication.tryClaim(length, bufferClaim);
            if (result > 0)
            {
                claimed = true;
                targetBuffer = bufferClaim.buffer();
                targetOffset = bufferClaim.offset();
                return true;
            }
            if (isFatal(result))
            {
                notConnectedCount++;
                return false;
            }
            retryIdleStrategy.idle();
        }
        backPressureFailureCount++;
        return false;
    }

    // A claimed frame must be committed or aborted, or the stream stalls for every subscriber.
    private void abort()
    {
        if (claimed)
        {
            bufferClaim.abort();
            claimed = false;
        }
    }

    private boolean commit(final int length)
    {
        if (claimed)
        {
            bufferClaim.commit();
            publishedCount++;
            return true;
        }

        retryIdleStrategy.reset();
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            final long result = publication.offer(scratchBuffer, 0, length);
            if (result > 0)
            {
                publishedCount++;
                return true;
            }
            if (isFatal(result))
            {
                notConnectedCount++;
                return false;
            }
            retryIdleStrategy.idle();
        }
        backPressureFailureCount++;
        return false;
    }

    // NOT_CONNECTED, CLOSED and MAX_POSITION_EXCEEDED will not clear by retrying now; BACK_PRESSURED and ADMIN_ACTION may.
    private static boolean isFatal(final long result)
    {
        return result == Publication.NOT_CONNECTED || result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED;
    }
}
