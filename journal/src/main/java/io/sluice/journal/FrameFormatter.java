package io.sluice.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateDecoder;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecType;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayState;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.InstrumentDefinitionDecoder;
import io.sluice.sbe.InstrumentKind;
import io.sluice.sbe.MarketDataDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionSide;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.Product;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.RiskUsageDecoder;
import io.sluice.sbe.Severity;
import io.sluice.sbe.Side;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;
import io.sluice.sbe.TickDecoder;
import io.sluice.sbe.TimeInForce;
import io.sluice.sbe.TradingState;
import io.sluice.sbe.TradingStateUpdateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Renders one SBE frame (header and body) as one readable line for dumps and investigations: the message
 * name, then {@code field=value} pairs in schema order. Never throws on bad input: unknown schemas,
 * unknown templates and malformed frames render as a line that says so. A frame of an older schema version
 * renders without the fields added after it and is checked against its own version's block length.
 * <p>
 * Off the hot path (it builds Strings); one instance per thread, since the decoders are reused.
 */
public final class FrameFormatter
{
    /** Longest RawSignal body rendered, in characters; longer bodies are cut and end with "…". */
    public static final int MAX_BODY_CHARS = 512;

    private static final char ELLIPSIS = '\u2026';
    private static final DateTimeFormatter ISO_NANOS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static final int MAX_TEMPLATE_ID = Math.max(
        Math.max(Math.max(RiskUsageDecoder.TEMPLATE_ID, io.sluice.sbe.ParseResultDecoder.TEMPLATE_ID),
            Math.max(io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID, io.sluice.sbe.EngineStartedDecoder.TEMPLATE_ID)),
        Math.max(io.sluice.sbe.AccountConfigDecoder.TEMPLATE_ID, io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID));
    private static final String[] NAMES = new String[MAX_TEMPLATE_ID + 1];
    // Block length of each template by schema version (index = version, the last entry for every later one).
    private static final int[][] BLOCK_LENGTHS = new int[MAX_TEMPLATE_ID + 1][];

    static
    {
        // The block of an older version ends where the first field added after it begins.
        register(RawSignalDecoder.TEMPLATE_ID, "RawSignal",
            RawSignalDecoder.dryRunEncodingOffset(), RawSignalDecoder.dryRunEncodingOffset(), RawSignalDecoder.BLOCK_LENGTH);
        register(NewOrderDecoder.TEMPLATE_ID, "NewOrder", NewOrderDecoder.reduceOnlyEncodingOffset(), NewOrderDecoder.BLOCK_LENGTH);
        register(CancelOrderDecoder.TEMPLATE_ID, "CancelOrder", CancelOrderDecoder.BLOCK_LENGTH);
        register(ExecutionReportDecoder.TEMPLATE_ID, "ExecutionReport",
            ExecutionReportDecoder.tradeIdEncodingOffset(), ExecutionReportDecoder.BLOCK_LENGTH);
        register(RiskRejectDecoder.TEMPLATE_ID, "RiskReject", RiskRejectDecoder.BLOCK_LENGTH);
        register(AdminCommandDecoder.TEMPLATE_ID, "AdminCommand",
            AdminCommandDecoder.venueEncodingOffset(), AdminCommandDecoder.venueEncodingOffset(), AdminCommandDecoder.BLOCK_LENGTH);
        register(GatewayStatusDecoder.TEMPLATE_ID, "GatewayStatus", GatewayStatusDecoder.BLOCK_LENGTH);
        register(MarketDataDecoder.TEMPLATE_ID, "MarketData", MarketDataDecoder.BLOCK_LENGTH);
        register(TickDecoder.TEMPLATE_ID, "Tick", TickDecoder.BLOCK_LENGTH);
        register(OrderUpdateDecoder.TEMPLATE_ID, "OrderUpdate", OrderUpdateDecoder.BLOCK_LENGTH);
        register(PositionUpdateDecoder.TEMPLATE_ID, "PositionUpdate", PositionUpdateDecoder.BLOCK_LENGTH);
        register(TradingStateUpdateDecoder.TEMPLATE_ID, "TradingStateUpdate",
            TradingStateUpdateDecoder.venueEncodingOffset(), TradingStateUpdateDecoder.venueEncodingOffset(),
            TradingStateUpdateDecoder.BLOCK_LENGTH);
        register(EngineErrorDecoder.TEMPLATE_ID, "EngineError", EngineErrorDecoder.BLOCK_LENGTH);
        register(InstrumentDefinitionDecoder.TEMPLATE_ID, "InstrumentDefinition", InstrumentDefinitionDecoder.underlyingEncodingOffset(),
            InstrumentDefinitionDecoder.underlyingEncodingOffset(), InstrumentDefinitionDecoder.underlyingEncodingOffset(),
            InstrumentDefinitionDecoder.BLOCK_LENGTH);
        register(AccountUpdateDecoder.TEMPLATE_ID, "AccountUpdate", AccountUpdateDecoder.BLOCK_LENGTH);
        register(AmendOrderDecoder.TEMPLATE_ID, "AmendOrder", AmendOrderDecoder.BLOCK_LENGTH);
        register(AlertDecoder.TEMPLATE_ID, "Alert", AlertDecoder.BLOCK_LENGTH);
        register(RiskUsageDecoder.TEMPLATE_ID, "RiskUsage", RiskUsageDecoder.BLOCK_LENGTH);
        register(io.sluice.sbe.ParseResultDecoder.TEMPLATE_ID, "ParseResult", io.sluice.sbe.ParseResultDecoder.BLOCK_LENGTH);
        register(io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID, "OrderStatusRequest", io.sluice.sbe.OrderStatusRequestDecoder.BLOCK_LENGTH);
        register(io.sluice.sbe.EngineStartedDecoder.TEMPLATE_ID, "EngineStarted", io.sluice.sbe.EngineStartedDecoder.BLOCK_LENGTH);
        register(io.sluice.sbe.AccountConfigDecoder.TEMPLATE_ID, "AccountConfig", io.sluice.sbe.AccountConfigDecoder.BLOCK_LENGTH);
        register(io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID, "AccountStatus", io.sluice.sbe.AccountStatusDecoder.BLOCK_LENGTH);
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RawSignalDecoder rawSignal = new RawSignalDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final GatewayStatusDecoder gatewayStatus = new GatewayStatusDecoder();
    private final MarketDataDecoder marketData = new MarketDataDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final OrderUpdateDecoder orderUpdate = new OrderUpdateDecoder();
    private final PositionUpdateDecoder positionUpdate = new PositionUpdateDecoder();
    private final TradingStateUpdateDecoder tradingStateUpdate = new TradingStateUpdateDecoder();
    private final EngineErrorDecoder engineError = new EngineErrorDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final AccountUpdateDecoder accountUpdate = new AccountUpdateDecoder();
    private final AmendOrderDecoder amendOrder = new AmendOrderDecoder();
    private final AlertDecoder alert = new AlertDecoder();
    private final RiskUsageDecoder riskUsage = new RiskUsageDecoder();
    private final io.sluice.sbe.ParseResultDecoder parseResult = new io.sluice.sbe.ParseResultDecoder();
    private final io.sluice.sbe.OrderStatusRequestDecoder orderStatusRequest = new io.sluice.sbe.OrderStatusRequestDecoder();
    private final io.sluice.sbe.EngineStartedDecoder engineStarted = new io.sluice.sbe.EngineStartedDecoder();
    private final io.sluice.sbe.AccountConfigDecoder accountConfig = new io.sluice.sbe.AccountConfigDecoder();
    private final io.sluice.sbe.AccountStatusDecoder accountStatus = new io.sluice.sbe.AccountStatusDecoder();

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer varData = new UnsafeBuffer(new byte[0]);
    private final byte[] chars = new byte[32];
    private final ExpandableArrayBuffer decimal = new ExpandableArrayBuffer(32);

    private static void register(final int templateId, final String name, final int... blockLengthByVersion)
    {
        NAMES[templateId] = name;
        BLOCK_LENGTHS[templateId] = blockLengthByVersion;
    }

    private static int blockLength(final int templateId, final int version)
    {
        final int[] byVersion = BLOCK_LENGTHS[templateId];
        return byVersion[Math.min(version, byVersion.length - 1)];
    }

    /**
     * Name of the message with a template id of this schema.
     *
     * @param templateId SBE template id.
     * @return the message name, or null when the schema has no such message.
     */
    public static String messageName(final int templateId)
    {
        return templateId >= 0 && templateId < NAMES.length ? NAMES[templateId] : null;
    }

    /**
     * Template id of a message name (exact, as in the schema).
     *
     * @param name message name, e.g. "NewOrder".
     * @return the template id, or -1 when the schema has no such message.
     */
    public static int templateId(final String name)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i] != null && NAMES[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Names of all messages in the schema, ordered by template id.
     *
     * @return the names.
     */
    public static List<String> messageNames()
    {
        final List<String> names = new ArrayList<>();
        for (final String name : NAMES)
        {
            if (name != null)
            {
                names.add(name);
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Epoch nanoseconds as ISO-8601 UTC with all nine fraction digits, e.g. {@code 2024-05-01T09:15:00.000000001Z}.
     *
     * @param epochNs nanoseconds since the Unix epoch.
     * @return the text.
     */
    public static String formatTime(final long epochNs)
    {
        return ISO_NANOS.format(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)));
    }

    /**
     * Template id of a frame of this schema, read from its header.
     *
     * @param buffer holding the frame.
     * @param offset of the header.
     * @param length of the frame.
     * @return the template id, or -1 when the frame is too short or of another schema.
     */
    public int templateIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || offset < 0 || (long)offset + length > buffer.capacity())
        {
            return -1;
        }
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID ? header.templateId() : -1;
    }

    /**
     * Render a frame as one line.
     *
     * @param buffer holding the frame.
     * @param offset of the message header.
     * @param length of the frame.
     * @return the line, without a line terminator.
     */
    public String format(final DirectBuffer buffer, final int offset, final int length)
    {
        return format(buffer, offset, length, new StringBuilder(256)).toString();
    }

    /**
     * Render a frame as one line appended to a builder.
     *
     * @param buffer holding the frame.
     * @param offset of the message header.
     * @param length of the frame.
     * @param out    receives the line, without a line terminator.
     * @return out.
     */
    public StringBuilder format(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            return out.append("INVALID frame offset=").append(offset).append(" length=").append(length);
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return out.append("TRUNCATED frame length=").append(length);
        }

        // Decode from a view of exactly this frame, so a corrupt length fails a bounds check instead of
        // reading whatever follows the frame in the buffer.
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        final int schemaId = header.schemaId();
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return out.append("UNKNOWN schemaId=").append(schemaId)
                .append(" templateId=").append(templateId).append(" length=").append(length);
        }
        final String name = messageName(templateId);
        if (name == null)
        {
            return out.append("UNKNOWN templateId=").append(templateId)
                .append(" version=").append(version).append(" length=").append(length);
        }

        final int start = out.length();
        try
        {
            final int versionBlockLength = blockLength(templateId, version);
            if (blockLength < versionBlockLength)
            {
                throw new IllegalStateException(
                    "blockLength " + blockLength + " < " + versionBlockLength + " of version " + version);
            }
            out.append(name);
            formatBody(templateId, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, version, out);
        }
        catch (final RuntimeException ex)
        {
            out.setLength(start);
            out.append(name).append(" MALFORMED length=").append(length).append(" error=");
            final String message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            final byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            quoted(out, new UnsafeBuffer(bytes), 0, bytes.length, false, -1);
        }
        return out;
    }

    private void formatBody(final int templateId, final int offset, final int blockLength, final int version, final StringBuilder out)
    {
        switch (templateId)
        {
            case RawSignalDecoder.TEMPLATE_ID:
                formatRawSignal(rawSignal.wrap(frame, offset, blockLength, version), out);
                break;
            case NewOrderDecoder.TEMPLATE_ID:
                formatNewOrder(newOrder.wrap(frame, offset, blockLength, version), out);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                formatCancelOrder(cancelOrder.wrap(frame, offset, blockLength, version), out);
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                formatExecutionReport(executionReport.wrap(frame, offset, blockLength, version), out);
                break;
            case RiskRejectDecoder.TEMPLATE_ID:
                formatRiskReject(riskReject.wrap(frame, offset, blockLength, version), out);
                break;
            case AdminCommandDecoder.TEMPLATE_ID:
                formatAdminCommand(adminCommand.wrap(frame, offset, blockLength, version), out);
                break;
            case GatewayStatusDecoder.TEMPLATE_ID:
                formatGatewayStatus(gatewayStatus.wrap(frame, offset, blockLength, version), out);
                break;
            case MarketDataDecoder.TEMPLATE_ID:
                formatMarketData(marketData.wrap(frame, offset, blockLength, version), out);
                break;
            case TickDecoder.TEMPLATE_ID:
                time(out, "timestampNs", tick.wrap(frame, offset, blockLength, version).timestampNs());
                break;
            case OrderUpdateDecoder.TEMPLATE_ID:
                formatOrderUpdate(orderUpdate.wrap(frame, offset, blockLength, version), out);
                break;
            case PositionUpdateDecoder.TEMPLATE_ID:
                formatPositionUpdate(positionUpdate.wrap(frame, offset, blockLength, version), out);
                break;
            case TradingStateUpdateDecoder.TEMPLATE_ID:
                formatTradingStateUpdate(tradingStateUpdate.wrap(frame, offset, blockLength, version), out);
                break;
            case EngineErrorDecoder.TEMPLATE_ID:
                formatEngineError(engineError.wrap(frame, offset, blockLength, version), out);
                break;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                formatInstrumentDefinition(instrumentDefinition.wrap(frame, offset, blockLength, version), out);
                break;
            case AccountUpdateDecoder.TEMPLATE_ID:
                formatAccountUpdate(accountUpdate.wrap(frame, offset, blockLength, version), out);
                break;
            case AmendOrderDecoder.TEMPLATE_ID:
                formatAmendOrder(amendOrder.wrap(frame, offset, blockLength, version), out);
                break;
            case AlertDecoder.TEMPLATE_ID:
                formatAlert(alert.wrap(frame, offset, blockLength, version), out);
                break;
            case RiskUsageDecoder.TEMPLATE_ID:
                formatRiskUsage(riskUsage.wrap(frame, offset, blockLength, version), out);
                break;
            case io.sluice.sbe.ParseResultDecoder.TEMPLATE_ID:
                formatParseResult(parseResult.wrap(frame, offset, blockLength, version), out);
                break;
            case io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID:
                formatOrderStatusRequest(orderStatusRequest.wrap(frame, offset, blockLength, version), out);
                break;
            case io.sluice.sbe.EngineStartedDecoder.TEMPLATE_ID:
                engineStarted.wrap(frame, offset, blockLength, version);
                time(out, "timestampNs", engineStarted.timestampNs());
                out.append(" inputsReplayed=").append(engineStarted.inputsReplayed());
                break;
            case io.sluice.sbe.AccountConfigDecoder.TEMPLATE_ID:
                formatAccountConfig(accountConfig.wrap(frame, offset, blockLength, version), out);
                break;
            case io.sluice.sbe.AccountStatusDecoder.TEMPLATE_ID:
                formatAccountStatus(accountStatus.wrap(frame, offset, blockLength, version), out);
                break;
            default:
                throw new IllegalStateException("no formatter for templateId " + templateId);
        }
    }

    private void formatRawSignal(final RawSignalDecoder d, final StringBuilder out)
    {
        enumValue(out, "source", d.sourceRaw(), raw -> SignalSource.get((short)raw));
        enumValue(out, "format", d.formatRaw(), raw -> SignalFormat.get((short)raw));
        time(out, "ingressTimeNs", d.ingressTimeNs());
        if (d.actingVersion() >= RawSignalDecoder.dryRunSinceVersion())
        {
            enumValue(out, "dryRun", d.dryRunRaw(), raw -> BooleanType.get((short)raw));
        }
        d.wrapSignalId(varData);
        varText(out, "signalId", true, -1);
        d.wrapAccount(varData);
        varText(out, "account", true, -1);
        d.wrapIdempotencyKey(varData);
        varText(out, "idempotencyKey", true, -1);
        d.wrapBody(varData);
        varText(out, "body", false, MAX_BODY_CHARS);
        if (d.actingVersion() >= RawSignalDecoder.channelSinceVersion())
        {
            d.wrapChannel(varData);
            varText(out, "channel", true, -1);
        }
    }

    private void formatNewOrder(final NewOrderDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        enumValue(out, "side", d.sideRaw(), raw -> Side.get((short)raw));
        enumValue(out, "ordType", d.ordTypeRaw(), raw -> OrdType.get((short)raw));
        enumValue(out, "timeInForce", d.timeInForceRaw(), raw -> TimeInForce.get((short)raw));
        fixed(out, "quantity", d.quantity());
        fixed(out, "price", d.price());
        fixed(out, "stopPrice", d.stopPrice());
        fixed(out, "takeProfit", d.takeProfit());
        fixed(out, "stopLoss", d.stopLoss());
        time(out, "timestampNs", d.timestampNs());
        out.append(" leg=").append(d.leg());
        out.append(" attempt=").append(d.attempt());
        // Fields added after the frame's version are not in it: omit them rather than render their null values.
        if (d.actingVersion() >= NewOrderDecoder.reduceOnlySinceVersion())
        {
            enumValue(out, "reduceOnly", d.reduceOnlyRaw(), raw -> BooleanType.get((short)raw));
        }
        if (d.actingVersion() >= NewOrderDecoder.positionSideSinceVersion())
        {
            enumValue(out, "positionSide", d.positionSideRaw(), raw -> PositionSide.get((short)raw));
        }
        if (d.actingVersion() >= NewOrderDecoder.productSinceVersion())
        {
            enumValue(out, "product", d.productRaw(), raw -> Product.get((short)raw));
        }
        d.wrapSignalId(varData);
        varText(out, "signalId", true, -1);
    }

    private void formatOrderStatusRequest(final io.sluice.sbe.OrderStatusRequestDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "venueOrderId", d.getVenueOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        enumValue(out, "side", d.sideRaw(), raw -> Side.get((short)raw));
        fixed(out, "quantity", d.quantity());
        enumValue(out, "ordStatus", d.ordStatusRaw(), raw -> OrdStatus.get((short)raw));
        out.append(" attempt=").append(d.attempt());
        out.append(" round=").append(d.round());
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatCancelOrder(final CancelOrderDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatExecutionReport(final ExecutionReportDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "venueOrderId", d.getVenueOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        enumValue(out, "execType", d.execTypeRaw(), raw -> ExecType.get((short)raw));
        enumValue(out, "ordStatus", d.ordStatusRaw(), raw -> OrdStatus.get((short)raw));
        enumValue(out, "side", d.sideRaw(), raw -> Side.get((short)raw));
        fixed(out, "lastQty", d.lastQty());
        fixed(out, "lastPrice", d.lastPrice());
        fixed(out, "cumQty", d.cumQty());
        fixed(out, "leavesQty", d.leavesQty());
        fixed(out, "avgPrice", d.avgPrice());
        time(out, "transactTimeNs", d.transactTimeNs());
        if (d.actingVersion() >= ExecutionReportDecoder.tradeIdSinceVersion())
        {
            fixedChars(out, "tradeId", d.getTradeId(chars, 0));
        }
        if (d.actingVersion() >= ExecutionReportDecoder.commissionSinceVersion())
        {
            fixed(out, "commission", d.commission());
        }
        if (d.actingVersion() >= ExecutionReportDecoder.commissionAssetSinceVersion())
        {
            fixedChars(out, "commissionAsset", d.getCommissionAsset(chars, 0));
        }
        d.wrapText(varData);
        varText(out, "text", false, -1);
    }

    private void formatRiskReject(final RiskRejectDecoder d, final StringBuilder out)
    {
        enumValue(out, "reason", d.reasonRaw(), RejectReason::get);
        fixed(out, "limitValue", d.limitValue());
        fixed(out, "actualValue", d.actualValue());
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        time(out, "timestampNs", d.timestampNs());
        d.wrapSignalId(varData);
        varText(out, "signalId", true, -1);
        d.wrapField(varData);
        varText(out, "field", true, -1);
        d.wrapDetail(varData);
        varText(out, "detail", false, -1);
    }

    private void formatAdminCommand(final AdminCommandDecoder d, final StringBuilder out)
    {
        enumValue(out, "action", d.actionRaw(), raw -> AdminAction.get((short)raw));
        enumValue(out, "scope", d.scopeRaw(), raw -> AdminScope.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        time(out, "issuedTimeNs", d.issuedTimeNs());
        if (d.actingVersion() >= AdminCommandDecoder.venueSinceVersion())
        {
            fixedChars(out, "venue", d.getVenue(chars, 0));
            fixedChars(out, "symbol", d.getSymbol(chars, 0));
            fixed(out, "value", d.value());
        }
        d.wrapActor(varData);
        varText(out, "actor", true, -1);
        d.wrapReason(varData);
        varText(out, "reason", false, -1);
        if (d.actingVersion() >= AdminCommandDecoder.targetSinceVersion())
        {
            d.wrapTarget(varData);
            varText(out, "target", true, -1);
        }
    }

    private void formatGatewayStatus(final GatewayStatusDecoder d, final StringBuilder out)
    {
        fixedChars(out, "venue", d.getVenue(chars, 0));
        enumValue(out, "state", d.stateRaw(), raw -> GatewayState.get((short)raw));
        time(out, "timestampNs", d.timestampNs());
        d.wrapDetail(varData);
        varText(out, "detail", false, -1);
    }

    private void formatMarketData(final MarketDataDecoder d, final StringBuilder out)
    {
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        fixed(out, "bid", d.bid());
        fixed(out, "ask", d.ask());
        fixed(out, "last", d.last());
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatOrderUpdate(final OrderUpdateDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "venueOrderId", d.getVenueOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        enumValue(out, "side", d.sideRaw(), raw -> Side.get((short)raw));
        enumValue(out, "ordType", d.ordTypeRaw(), raw -> OrdType.get((short)raw));
        enumValue(out, "ordStatus", d.ordStatusRaw(), raw -> OrdStatus.get((short)raw));
        fixed(out, "quantity", d.quantity());
        fixed(out, "price", d.price());
        fixed(out, "cumQty", d.cumQty());
        fixed(out, "leavesQty", d.leavesQty());
        fixed(out, "avgPrice", d.avgPrice());
        time(out, "timestampNs", d.timestampNs());
        d.wrapText(varData);
        varText(out, "text", false, -1);
    }

    private void formatPositionUpdate(final PositionUpdateDecoder d, final StringBuilder out)
    {
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        fixed(out, "quantity", d.quantity());
        fixed(out, "avgPrice", d.avgPrice());
        fixed(out, "realizedPnl", d.realizedPnl());
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatTradingStateUpdate(final TradingStateUpdateDecoder d, final StringBuilder out)
    {
        enumValue(out, "scope", d.scopeRaw(), raw -> AdminScope.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        enumValue(out, "state", d.stateRaw(), raw -> TradingState.get((short)raw));
        time(out, "timestampNs", d.timestampNs());
        if (d.actingVersion() >= TradingStateUpdateDecoder.venueSinceVersion())
        {
            fixedChars(out, "venue", d.getVenue(chars, 0));
            fixedChars(out, "symbol", d.getSymbol(chars, 0));
        }
        d.wrapActor(varData);
        varText(out, "actor", true, -1);
        d.wrapReason(varData);
        varText(out, "reason", false, -1);
    }

    private void formatEngineError(final EngineErrorDecoder d, final StringBuilder out)
    {
        final int inputTemplateId = d.inputTemplateId();
        out.append(" inputTemplateId=").append(inputTemplateId);
        final String inputName = messageName(inputTemplateId);
        if (inputName != null)
        {
            out.append('(').append(inputName).append(')');
        }
        time(out, "timestampNs", d.timestampNs());
        d.wrapDetail(varData);
        varText(out, "detail", false, -1);
    }

    private void formatInstrumentDefinition(final InstrumentDefinitionDecoder d, final StringBuilder out)
    {
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        fixedChars(out, "venueSymbol", d.getVenueSymbol(chars, 0));
        fixedChars(out, "venueToken", d.getVenueToken(chars, 0));
        fixed(out, "tickSize", d.tickSize());
        fixed(out, "lotSize", d.lotSize());
        fixed(out, "minQty", d.minQty());
        fixed(out, "maxQty", d.maxQty());
        fixed(out, "minNotional", d.minNotional());
        fixed(out, "freezeQty", d.freezeQty());
        fixed(out, "contractSize", d.contractSize());
        time(out, "timestampNs", d.timestampNs());
        if (d.actingVersion() >= InstrumentDefinitionDecoder.underlyingSinceVersion())
        {
            fixedChars(out, "underlying", d.getUnderlying(chars, 0));
            enumValue(out, "instrumentKind", d.instrumentKindRaw(), raw -> InstrumentKind.get((short)raw));
            isoDate(out, "expiryDate", d.expiryDate(), InstrumentDefinitionDecoder.expiryDateNullValue());
            fixed(out, "strike", d.strike());
            fixedChars(out, "exchangeSegment", d.getExchangeSegment(chars, 0));
            isoDate(out, "syncDate", d.syncDate(), InstrumentDefinitionDecoder.syncDateNullValue());
        }
    }

    private static void isoDate(final StringBuilder out, final String name, final long yyyymmdd, final long nullValue)
    {
        out.append(' ').append(name).append('=');
        if (yyyymmdd == nullValue)
        {
            out.append("null");
            return;
        }
        out.append(yyyymmdd / 10_000).append('-');
        final long month = yyyymmdd / 100 % 100;
        final long day = yyyymmdd % 100;
        out.append(month < 10 ? "0" : "").append(month).append('-').append(day < 10 ? "0" : "").append(day);
    }

    private void formatAccountUpdate(final AccountUpdateDecoder d, final StringBuilder out)
    {
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "currency", d.getCurrency(chars, 0));
        fixed(out, "balance", d.balance());
        fixed(out, "equity", d.equity());
        fixed(out, "marginAvailable", d.marginAvailable());
        fixed(out, "marginUsed", d.marginUsed());
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatAmendOrder(final AmendOrderDecoder d, final StringBuilder out)
    {
        fixedChars(out, "clientOrderId", d.getClientOrderId(chars, 0));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        fixed(out, "quantity", d.quantity());
        fixed(out, "price", d.price());
        fixed(out, "stopPrice", d.stopPrice());
        fixed(out, "takeProfit", d.takeProfit());
        fixed(out, "stopLoss", d.stopLoss());
        time(out, "timestampNs", d.timestampNs());
    }

    private void formatAlert(final AlertDecoder d, final StringBuilder out)
    {
        enumValue(out, "alertType", d.alertTypeRaw(), raw -> AlertType.get((short)raw));
        enumValue(out, "severity", d.severityRaw(), raw -> Severity.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "symbol", d.getSymbol(chars, 0));
        time(out, "timestampNs", d.timestampNs());
        d.wrapText(varData);
        varText(out, "text", false, -1);
    }

    private void formatAccountConfig(final io.sluice.sbe.AccountConfigDecoder d, final StringBuilder out)
    {
        enumValue(out, "operation", d.operationRaw(), raw -> io.sluice.sbe.AccountOperation.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "currency", d.getCurrency(chars, 0));
        time(out, "issuedTimeNs", d.issuedTimeNs());
        final io.sluice.sbe.AccountConfigDecoder.LimitsDecoder limits = d.limits();
        requireGroupBlock("limits", limits.actingBlockLength(), io.sluice.sbe.AccountConfigDecoder.LimitsDecoder.sbeBlockLength());
        out.append(" limits=[");
        boolean first = true;
        while (limits.hasNext())
        {
            limits.next();
            final long value = limits.value();
            limits.wrapName(varData);
            namedEntry(out, first);
            first = false;
            fixedValue(out, value);
        }
        out.append(']');
        d.wrapActor(varData);
        varText(out, "actor", true, -1);
        d.wrapCredentialRef(varData);
        varText(out, "credentialRef", true, -1);
        d.wrapReason(varData);
        varText(out, "reason", false, -1);
    }

    private static void requireGroupBlock(final String group, final int acting, final int expected)
    {
        if (acting < expected)
        {
            throw new IllegalStateException(group + " blockLength " + acting + " < " + expected);
        }
    }

    // One group entry's name, from varData, as "name": with a separator before all but the first.
    private void namedEntry(final StringBuilder out, final boolean first)
    {
        if (!first)
        {
            out.append(", ");
        }
        quoted(out, varData, 0, varData.capacity(), true, -1);
        out.append(':');
    }

    private void formatAccountStatus(final io.sluice.sbe.AccountStatusDecoder d, final StringBuilder out)
    {
        enumValue(out, "operation", d.operationRaw(), raw -> io.sluice.sbe.AccountOperation.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixedChars(out, "venue", d.getVenue(chars, 0));
        fixedChars(out, "currency", d.getCurrency(chars, 0));
        enumValue(out, "enabled", d.enabledRaw(), raw -> BooleanType.get((short)raw));
        fixed(out, "maxOrderQty", d.maxOrderQty());
        fixed(out, "maxNotional", d.maxNotional());
        time(out, "timestampNs", d.timestampNs());
        d.wrapActor(varData);
        varText(out, "actor", true, -1);
        d.wrapCredentialRef(varData);
        varText(out, "credentialRef", true, -1);
    }

    private void formatRiskUsage(final RiskUsageDecoder d, final StringBuilder out)
    {
        fixedChars(out, "account", d.getAccount(chars, 0));
        enumValue(out, "state", d.stateRaw(), raw -> TradingState.get((short)raw));
        time(out, "timestampNs", d.timestampNs());
        final RiskUsageDecoder.LimitsDecoder limits = d.limits();
        requireGroupBlock("limits", limits.actingBlockLength(), RiskUsageDecoder.LimitsDecoder.sbeBlockLength());
        // One entry per limit as "name":used/limit; each entry's name is var data after its block.
        out.append(" limits=[");
        boolean first = true;
        while (limits.hasNext())
        {
            limits.next();
            final long limitValue = limits.limitValue();
            final long usedValue = limits.usedValue();
            limits.wrapName(varData);
            namedEntry(out, first);
            first = false;
            fixedValue(out, usedValue);
            out.append('/');
            fixedValue(out, limitValue);
        }
        out.append(']');
    }

    private void formatParseResult(final io.sluice.sbe.ParseResultDecoder d, final StringBuilder out)
    {
        time(out, "requestTimeNs", d.requestTimeNs());
        time(out, "timestampNs", d.timestampNs());
        enumValue(out, "outcome", d.outcomeRaw(), raw -> io.sluice.sbe.ParseOutcome.get((short)raw));
        enumValue(out, "reason", d.reasonRaw(), raw -> RejectReason.get(raw));
        enumValue(out, "format", d.formatRaw(), raw -> SignalFormat.get((short)raw));
        fixedChars(out, "account", d.getAccount(chars, 0));
        fixed(out, "limitValue", d.limitValue());
        fixed(out, "actualValue", d.actualValue());
        d.wrapSignalId(varData);
        varText(out, "signalId", true, -1);
        d.wrapField(varData);
        varText(out, "field", true, -1);
        d.wrapDetail(varData);
        varText(out, "detail", false, -1);
        d.wrapIntents(varData);
        varText(out, "intents", false, -1);
    }

    private void fixedChars(final StringBuilder out, final String name, final int fieldLength)
    {
        out.append(' ').append(name).append('=');
        int length = 0;
        while (length < fieldLength && chars[length] != 0)
        {
            length++;
        }
        varData.wrap(chars, 0, length);
        text(out, varData, 0, length, true, -1);
    }

    private void fixed(final StringBuilder out, final String name, final long value)
    {
        out.append(' ').append(name).append('=');
        fixedValue(out, value);
    }

    private void fixedValue(final StringBuilder out, final long value)
    {
        final int length = Fixed.putAscii(value, decimal, 0);
        for (int i = 0; i < length; i++)
        {
            out.append((char)decimal.getByte(i));
        }
    }

    private static void time(final StringBuilder out, final String name, final long epochNs)
    {
        out.append(' ').append(name).append('=').append(formatTime(epochNs));
    }

    private static void enumValue(final StringBuilder out, final String name, final int raw, final IntFunction<Enum<?>> lookup)
    {
        out.append(' ').append(name).append('=');
        try
        {
            final Enum<?> value = lookup.apply(raw);
            out.append("NULL_VAL".equals(value.name()) ? "null" : value.name());
        }
        catch (final IllegalArgumentException ex)
        {
            out.append("UNKNOWN(").append(raw).append(')');
        }
    }

    private void varText(final StringBuilder out, final String name, final boolean ascii, final int maxChars)
    {
        out.append(' ').append(name).append('=');
        quoted(out, varData, 0, varData.capacity(), ascii, maxChars);
    }

    private static void quoted(
        final StringBuilder out, final DirectBuffer buffer, final int offset, final int length, final boolean ascii, final int maxChars)
    {
        out.append('"');
        text(out, buffer, offset, length, ascii, maxChars);
        out.append('"');
    }

    /**
     * Append bytes as text: UTF-8 (or ASCII) decoded, escaping quotes, backslashes and anything that could
     * break the line or the terminal; each byte that is not part of a valid sequence is written as \xNN.
     */
    static void text(
        final StringBuilder out, final DirectBuffer buffer, final int offset, final int length, final boolean ascii, final int maxChars)
    {
        final int end = offset + length;
        int i = offset;
        int count = 0;
        while (i < end)
        {
            if (maxChars >= 0 && count == maxChars)
            {
                out.append(ELLIPSIS);
                return;
            }
            count++;
            final int b = buffer.getByte(i) & 0xFF;
            if (b < 0x80)
            {
                codePoint(out, b);
                i++;
                continue;
            }
            final int sequenceLength = ascii ? 0 : utf8SequenceLength(b);
            final int codePoint = sequenceLength == 0 ? -1 : utf8CodePoint(buffer, i, end, b, sequenceLength);
            if (codePoint < 0)
            {
                out.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0xF]);
                i++;
            }
            else
            {
                codePoint(out, codePoint);
                i += sequenceLength;
            }
        }
    }

    private static int utf8SequenceLength(final int lead)
    {
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF)
        {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4)
        {
            return 4;
        }
        return 0;
    }

    private static int utf8CodePoint(final DirectBuffer buffer, final int index, final int end, final int lead, final int sequenceLength)
    {
        if (index + sequenceLength > end)
        {
            return -1;
        }
        int codePoint = lead & (0xFF >>> (sequenceLength + 1));
        for (int k = 1; k < sequenceLength; k++)
        {
            final int b = buffer.getByte(index + k) & 0xFF;
            if ((b & 0xC0) != 0x80)
            {
                return -1;
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        final int min = sequenceLength == 2 ? 0x80 : sequenceLength == 3 ? 0x800 : 0x10000;
        if (codePoint < min || codePoint > Character.MAX_CODE_POINT ||
            (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE))
        {
            return -1;
        }
        return codePoint;
    }

    private static void codePoint(final StringBuilder out, final int codePoint)
    {
        switch (codePoint)
        {
            case '"':
                out.append("\\\"");
                return;
            case '\\':
                out.append("\\\\");
                return;
            case '\n':
                out.append("\\n");
                return;
            case '\r':
                out.append("\\r");
                return;
            case '\t':
                out.append("\\t");
                return;
            default:
                break;
        }
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F) || codePoint == 0x2028 || codePoint == 0x2029)
        {
            out.append("\\u").append(HEX[(codePoint >>> 12) & 0xF]).append(HEX[(codePoint >>> 8) & 0xF])
                .append(HEX[(codePoint >>> 4) & 0xF]).append(HEX[codePoint & 0xF]);
        }
        else
        {
            out.appendCodePoint(codePoint);
        }
    }
}
