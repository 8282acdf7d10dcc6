package io.sluice.journal.investigate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.journal.EngineOrders;
import io.sluice.journal.FrameFields;
import io.sluice.journal.FrameFormatter;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalHandler;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.journal.RejectGates;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminCommandDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.EngineErrorDecoder;
import io.sluice.sbe.ExecutionReportDecoder;
import io.sluice.sbe.GatewayStatusDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.RiskRejectDecoder;
import io.sluice.sbe.TradingStateUpdateDecoder;

/**
 * Explains decisions from the journal alone: for a signal, an order, a record index or a moment, prints the
 * input, how each stage of the pipeline judged it (parse, lookup, dedup with its verdict, risk with the gate, limit
 * and value), the order(s) routed, every venue report for them and the order and position updates that followed —
 * one line each, with journal index and event time.
 * <p>
 * Each trace line is {@code <index> <event time> <stage> <text>}; stage verdict lines carry the index of the record
 * that decided them. Every attempt with the same signal id is traced, so a duplicate is shown next to the first one.
 */
public final class Investigator
{
    private static final int POLL_BATCH = 1024;
    private static final int TAG_WIDTH = 8;
    private static final String[] STAGES = { RejectGates.PARSE, RejectGates.LOOKUP, RejectGates.DEDUP, RejectGates.RISK };

    private final Journal journal;
    private final FrameFields fields = new FrameFields();
    private final FrameFormatter formatter = new FrameFormatter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final RiskRejectDecoder riskReject = new RiskRejectDecoder();
    private final TradingStateUpdateDecoder tradingStateUpdate = new TradingStateUpdateDecoder();
    private final EngineErrorDecoder engineError = new EngineErrorDecoder();
    private final StringBuilder line = new StringBuilder(512);

    /**
     * An investigator of an open journal.
     *
     * @param journal the journal (read-only is enough).
     */
    public Investigator(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * Trace every input carrying a signal id (the original and any duplicates).
     *
     * @param signalId the signal id.
     * @param out      receives the trace.
     * @return inputs traced; 0 when the journal has no such signal.
     * @throws IOException when out fails.
     */
    public int signal(final String signalId, final Appendable out) throws IOException
    {
        return signal(signalId, null, out);
    }

    /**
     * Trace every input of one account carrying a signal id (the duplicate filter is per account).
     *
     * @param signalId the signal id.
     * @param account  the account, or null for every account.
     * @param out      receives the trace.
     * @return inputs traced; 0 when the journal has no such signal.
     * @throws IOException when out fails.
     */
    public int signal(final String signalId, final String account, final Appendable out) throws IOException
    {
        final String title = "signal \"" + signalId + "\"" + (account == null ? "" : " of account " + account);
        return trace(title, sequencesOfSignal(signalId, account), new LinkedHashSet<>(), out);
    }

    /**
     * Trace the decision that created an order, and the order's life.
     *
     * @param clientOrderId the order's client order id.
     * @param out           receives the trace.
     * @return inputs traced (the order's records count as one when its decision is not in the journal); 0 when the
     * journal has nothing about the order.
     * @throws IOException when out fails.
     */
    public int order(final String clientOrderId, final Appendable out) throws IOException
    {
        return order("order " + clientOrderId, clientOrderId, out);
    }

    /**
     * Trace the decision a record belongs to: for a signal its decision, for a venue report or an order or
     * position update the order's decision and life, for anything else its input and outputs.
     *
     * @param index journal index.
     * @param out   receives the trace.
     * @return inputs traced; 0 when there is no record at the index.
     * @throws IOException when out fails.
     */
    public int index(final long index, final Appendable out) throws IOException
    {
        final TraceRecord record = read(index);
        if (record == null)
        {
            out.append("# index ").append(Long.toString(index)).append(": no record at this index\n");
            return 0;
        }
        return traceFrom("index " + index, record, out);
    }

    /**
     * Trace the first signal or operator command at or after a moment (or, without one, the first input).
     *
     * @param epochNs event time, epoch nanoseconds.
     * @param out     receives the trace.
     * @return inputs traced; 0 when nothing was journaled from that moment on.
     * @throws IOException when out fails.
     */
    public int time(final long epochNs, final Appendable out) throws IOException
    {
        final TraceRecord[] found = new TraceRecord[2];
        scan((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            if (found[0] != null || kind != JournalRecord.KIND_INPUT || timestampNs < epochNs)
            {
                return;
            }
            fields.wrap(buffer, offset, length);
            final int templateId = fields.templateId();
            final TraceRecord record = TraceRecord.copy(index, kind, sequence, timestampNs, buffer, offset, length, fields);
            if (templateId == RawSignalDecoder.TEMPLATE_ID || templateId == AdminCommandDecoder.TEMPLATE_ID)
            {
                found[0] = record;
            }
            else if (found[1] == null)
            {
                found[1] = record;
            }
        });
        final TraceRecord record = found[0] != null ? found[0] : found[1];
        final String title = "time " + FrameFormatter.formatTime(epochNs);
        if (record == null)
        {
            out.append("# ").append(title).append(": no input at or after this time\n");
            return 0;
        }
        return traceFrom(title, record, out);
    }

    private int traceFrom(final String title, final TraceRecord record, final Appendable out) throws IOException
    {
        if (record.clientOrderId != null && record.templateId != RiskRejectDecoder.TEMPLATE_ID)
        {
            return order(title, record.clientOrderId, out);
        }
        if (record.templateId == RawSignalDecoder.TEMPLATE_ID && record.signalId != null)
        {
            return trace(title, sequencesOfSignal(record.signalId, record.account), new LinkedHashSet<>(), out);
        }
        if (record.isOutput())
        {
            final TraceRecord input = findInput(record.sequence);
            if (input != null && input.templateId == ExecutionReportDecoder.TEMPLATE_ID && input.clientOrderId != null)
            {
                return order(title, input.clientOrderId, out);
            }
        }
        final String[] signal = record.signalId != null ? new String[] { record.signalId, record.account } : signalOf(record.sequence);
        return expand(title, record.sequence, signal[0], signal[1], new LinkedHashSet<>(), out);
    }

    private int order(final String title, final String clientOrderId, final Appendable out) throws IOException
    {
        final long[] sequence = { Long.MIN_VALUE };
        final String[] signal = { null, null };
        scan((index, kind, seq, timestampNs, buffer, offset, length) ->
        {
            if (sequence[0] == Long.MIN_VALUE && kind == JournalRecord.KIND_OUTPUT && fields.wrap(buffer, offset, length) &&
                fields.templateId() == NewOrderDecoder.TEMPLATE_ID && clientOrderId.equals(fields.clientOrderId()))
            {
                sequence[0] = seq;
                signal[0] = fields.signalId();
                signal[1] = fields.account();
            }
        });
        final Set<String> orders = new LinkedHashSet<>();
        orders.add(clientOrderId);
        if (sequence[0] == Long.MIN_VALUE)
        {
            return trace(title, new LinkedHashSet<>(), orders, out);
        }
        return expand(title, sequence[0], signal[0], signal[1], orders, out);
    }

    // Trace an input with every other input of the same signal id and account (the original and its duplicates).
    private int expand(
        final String title, final long sequence, final String signalId, final String account, final Set<String> orders,
        final Appendable out) throws IOException
    {
        final Set<Long> roots;
        if (signalId != null && !EngineOrders.isEngineMade(signalId))
        {
            roots = sequencesOfSignal(signalId, account);
            roots.add(sequence);
        }
        else
        {
            roots = new LinkedHashSet<>();
            roots.add(sequence);
        }
        return trace(title, roots, orders, out);
    }

    // Collect every record of the root inputs, of the orders they created (or that were asked for) and of the
    // venue reports for those orders, in journal order, grouped by the root input they belong to.
    private int trace(final String title, final Set<Long> roots, final Set<String> orders, final Appendable out) throws IOException
    {
        final Map<Long, List<TraceRecord>> blocks = new LinkedHashMap<>();
        for (final Long root : roots)
        {
            blocks.put(root, new ArrayList<>());
        }
        final Map<String, Long> orderBlocks = new HashMap<>();
        for (final String order : orders)
        {
            orderBlocks.put(order, Long.MIN_VALUE);
        }
        final Map<Long, Long> reportBlocks = new HashMap<>();
        scan((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            final boolean root = roots.contains(sequence);
            final boolean report = !root && kind == JournalRecord.KIND_OUTPUT && reportBlocks.containsKey(sequence);
            fields.wrap(buffer, offset, length);
            final String clientOrderId = fields.clientOrderId();
            final Long orderBlock = clientOrderId == null ? null : orderBlocks.get(clientOrderId);
            final Long block;
            if (root)
            {
                block = sequence;
                if (fields.templateId() == NewOrderDecoder.TEMPLATE_ID && kind == JournalRecord.KIND_OUTPUT)
                {
                    orderBlocks.put(clientOrderId, sequence);
                }
            }
            else if (report)
            {
                block = reportBlocks.get(sequence);
            }
            else if (orderBlock != null && kind == JournalRecord.KIND_INPUT)
            {
                block = orderBlock;
                reportBlocks.put(sequence, orderBlock);
            }
            else if (orderBlock != null)
            {
                block = orderBlock;
            }
            else
            {
                return;
            }
            blocks.computeIfAbsent(block, key -> new ArrayList<>())
                .add(TraceRecord.copy(index, kind, sequence, timestampNs, buffer, offset, length, fields));
        });
        blocks.values().removeIf(List::isEmpty);

        if (blocks.isEmpty())
        {
            out.append("# ").append(title).append(": nothing in the journal\n");
            return 0;
        }
        final int inputs = (int)blocks.keySet().stream().filter(key -> key != Long.MIN_VALUE).count();
        out.append("# ").append(title).append(": ").append(Integer.toString(inputs)).append(inputs == 1 ? " input\n" : " inputs\n");
        // The duplicate filter is per account: the first input of each account that got past it.
        final Map<String, TraceRecord> firstSeen = new HashMap<>();
        for (final Map.Entry<Long, List<TraceRecord>> entry : blocks.entrySet())
        {
            final String account = entry.getKey() == Long.MIN_VALUE ? null : passedDedup(entry.getKey(), entry.getValue());
            if (account != null)
            {
                firstSeen.putIfAbsent(account, firstOf(entry.getKey(), entry.getValue()));
            }
        }
        int number = 0;
        for (final Map.Entry<Long, List<TraceRecord>> entry : blocks.entrySet())
        {
            out.append('\n');
            if (entry.getKey() == Long.MIN_VALUE)
            {
                out.append("# records of the order(s) without their decision in the journal\n");
                for (final TraceRecord record : entry.getValue())
                {
                    recordLine(record, out);
                }
                continue;
            }
            number++;
            renderBlock(entry.getKey(), entry.getValue(), number, inputs, firstSeen, out);
        }
        return blocks.size();
    }

    private void renderBlock(
        final long sequence, final List<TraceRecord> records, final int number, final int inputs, final Map<String, TraceRecord> firstSeen,
        final Appendable out) throws IOException
    {
        TraceRecord input = null;
        for (final TraceRecord record : records)
        {
            if (record.isInput() && record.sequence == sequence)
            {
                input = record;
                break;
            }
        }
        out.append("# input ").append(Integer.toString(number)).append(" of ").append(Integer.toString(inputs))
            .append(": sequence ").append(Long.toString(sequence)).append('\n');
        if (input != null)
        {
            recordLine(input, out);
        }
        else
        {
            line.setLength(0);
            line.append("- - ");
            tag("input");
            line.append("not in the journal (sequence ").append(sequence).append(")\n");
            out.append(line);
        }
        final List<TraceRecord> outputs = new ArrayList<>();
        for (final TraceRecord record : records)
        {
            if (record.isOutput() && record.sequence == sequence)
            {
                outputs.add(record);
            }
        }
        final int inputTemplate = input == null ? -1 : input.templateId;
        if (inputTemplate == RawSignalDecoder.TEMPLATE_ID || (inputTemplate < 0 && isSignalOutcome(outputs)))
        {
            signalVerdict(outputs, input, firstSeen, out);
        }
        else if (inputTemplate == AdminCommandDecoder.TEMPLATE_ID)
        {
            adminVerdict(outputs, out);
        }
        for (final TraceRecord record : records)
        {
            if (record != input)
            {
                recordLine(record, out);
            }
        }
    }

    private void signalVerdict(
        final List<TraceRecord> outputs, final TraceRecord input, final Map<String, TraceRecord> firstSeen, final Appendable out)
        throws IOException
    {
        final TraceRecord reject = first(outputs, RiskRejectDecoder.TEMPLATE_ID);
        final TraceRecord order = first(outputs, NewOrderDecoder.TEMPLATE_ID);
        final TraceRecord error = first(outputs, EngineErrorDecoder.TEMPLATE_ID);
        if (order != null && reject == null)
        {
            wrap(newOrder, order);
            final String intent = newOrder.side() + " " + Fixed.toString(newOrder.quantity()) + " " + newOrder.symbol() + " " +
                newOrder.ordType() + (newOrder.price() == Fixed.NULL ? "" : " price=" + Fixed.toString(newOrder.price())) +
                (newOrder.stopPrice() == Fixed.NULL ? "" : " stopPrice=" + Fixed.toString(newOrder.stopPrice())) +
                " account=" + newOrder.account() + " venue=" + newOrder.venue();
            verdict(order, RejectGates.PARSE, "ok: " + intent, out);
            verdict(order, RejectGates.LOOKUP, "ok", out);
            verdict(order, RejectGates.DEDUP, "first seen", out);
            verdict(order, RejectGates.RISK, "passed", out);
            return;
        }
        if (reject != null)
        {
            wrap(riskReject, reject);
            final RejectReason reason = rejectReason(riskReject.reasonRaw());
            final long limitValue = riskReject.limitValue();
            final long actualValue = riskReject.actualValue();
            final String account = riskReject.account();
            final String symbol = riskReject.symbol();
            riskReject.signalId();
            final String field = riskReject.field();
            final String detail = riskReject.detail();
            final String gate = RejectGates.gate(reason);
            final StringBuilder refused = new StringBuilder(RejectGates.DEDUP.equals(gate) ? "" : "REJECTED ")
                .append(reason == null ? "UNKNOWN(" + riskReject.reasonRaw() + ")" : reason.name());
            if (!field.isEmpty())
            {
                refused.append(" field=").append(field);
            }
            if (limitValue != Fixed.NULL)
            {
                refused.append(" limit=").append(Fixed.toString(limitValue));
            }
            if (actualValue != Fixed.NULL)
            {
                refused.append(" value=").append(Fixed.toString(actualValue));
            }
            refused.append(" detail=\"").append(detail).append('"');
            final TraceRecord original = firstSeen.get(account);
            if (RejectGates.DEDUP.equals(gate) && original != null)
            {
                refused.append("; first seen at index ").append(original.index).append(" (sequence ").append(original.sequence).append(')');
            }
            if (RejectGates.ENGINE.equals(gate))
            {
                verdict(reject, RejectGates.ENGINE, refused.toString(), out);
                return;
            }
            for (final String stage : STAGES)
            {
                final int compare = Integer.compare(RejectGates.order(stage), RejectGates.order(gate));
                if (compare < 0)
                {
                    verdict(reject, stage, passed(stage, account, symbol), out);
                }
                else if (compare == 0)
                {
                    verdict(reject, stage, refused.toString(), out);
                }
                else
                {
                    verdict(reject, stage, "not reached", out);
                }
            }
            return;
        }
        if (error != null)
        {
            wrap(engineError, error);
            verdict(error, RejectGates.ENGINE, "ERROR detail=\"" + engineError.detail() + '"', out);
            return;
        }
        final TraceRecord at = input != null ? input : outputs.isEmpty() ? null : outputs.get(0);
        if (at != null)
        {
            verdict(at, "outcome", "none journaled for this input (the engine stopped before journaling its outputs)", out);
        }
    }

    private void adminVerdict(final List<TraceRecord> outputs, final Appendable out) throws IOException
    {
        final TraceRecord update = first(outputs, TradingStateUpdateDecoder.TEMPLATE_ID);
        final TraceRecord error = first(outputs, EngineErrorDecoder.TEMPLATE_ID);
        if (update != null)
        {
            wrap(tradingStateUpdate, update);
            final String account = tradingStateUpdate.account();
            verdict(update, "outcome", "APPLIED " + tradingStateUpdate.scope() + (account.isEmpty() ? "" : " " + account) + " now " +
                tradingStateUpdate.state() + " by \"" + tradingStateUpdate.actor() + "\": \"" + tradingStateUpdate.reason() + '"', out);
        }
        else if (error != null)
        {
            wrap(engineError, error);
            verdict(error, "outcome", "ERROR detail=\"" + engineError.detail() + '"', out);
        }
    }

    private static String passed(final String stage, final String account, final String symbol)
    {
        switch (stage)
        {
            case RejectGates.PARSE:
                return "ok" + (account.isEmpty() && symbol.isEmpty() ? "" : ": account=" + account + " symbol=" + symbol);
            case RejectGates.DEDUP:
                return "first seen";
            case RejectGates.RISK:
                return "passed";
            default:
                return "ok";
        }
    }

    // The account of an input that got past the duplicate filter (ordered, or refused by a later gate), else null.
    private String passedDedup(final long sequence, final List<TraceRecord> records)
    {
        for (final TraceRecord record : records)
        {
            if (record.isOutput() && record.sequence == sequence)
            {
                if (record.templateId == NewOrderDecoder.TEMPLATE_ID)
                {
                    wrap(newOrder, record);
                    return newOrder.account();
                }
                if (record.templateId == RiskRejectDecoder.TEMPLATE_ID)
                {
                    wrap(riskReject, record);
                    final boolean passed =
                        RejectGates.order(RejectGates.gate(rejectReason(riskReject.reasonRaw()))) > RejectGates.order(RejectGates.DEDUP);
                    return passed ? riskReject.account() : null;
                }
            }
        }
        return null;
    }

    private static TraceRecord firstOf(final long sequence, final List<TraceRecord> records)
    {
        for (final TraceRecord record : records)
        {
            if (record.sequence == sequence)
            {
                return record;
            }
        }
        return records.get(0);
    }

    private static boolean isSignalOutcome(final List<TraceRecord> outputs)
    {
        for (final TraceRecord record : outputs)
        {
            if (record.templateId == RiskRejectDecoder.TEMPLATE_ID ||
                (record.templateId == NewOrderDecoder.TEMPLATE_ID &&
                !EngineOrders.isEngineMade(record.signalId)))
            {
                return true;
            }
        }
        return false;
    }

    private static TraceRecord first(final List<TraceRecord> records, final int templateId)
    {
        for (final TraceRecord record : records)
        {
            if (record.templateId == templateId)
            {
                return record;
            }
        }
        return null;
    }

    private void verdict(final TraceRecord at, final String stage, final String text, final Appendable out) throws IOException
    {
        line.setLength(0);
        line.append(at.index).append(' ').append(FrameFormatter.formatTime(at.timestampNs)).append(' ');
        tag(stage);
        line.append(text).append('\n');
        out.append(line);
    }

    private void recordLine(final TraceRecord record, final Appendable out) throws IOException
    {
        line.setLength(0);
        line.append(record.index).append(' ').append(FrameFormatter.formatTime(record.timestampNs)).append(' ');
        tag(tagOf(record));
        line.append(JournalRecord.kindName(record.kind)).append(" seq=").append(record.sequence).append(' ');
        formatter.format(record.frame, 0, record.frame.capacity(), line).append('\n');
        out.append(line);
    }

    private void tag(final String tag)
    {
        line.append(tag);
        for (int i = tag.length(); i < TAG_WIDTH; i++)
        {
            line.append(' ');
        }
        line.append(' ');
    }

    private static String tagOf(final TraceRecord record)
    {
        switch (record.templateId)
        {
            case RawSignalDecoder.TEMPLATE_ID:
            case AdminCommandDecoder.TEMPLATE_ID:
                return "input";
            case ExecutionReportDecoder.TEMPLATE_ID:
                return "venue";
            case NewOrderDecoder.TEMPLATE_ID:
                return "route";
            case CancelOrderDecoder.TEMPLATE_ID:
                return "cancel";
            case RiskRejectDecoder.TEMPLATE_ID:
                return "reject";
            case OrderUpdateDecoder.TEMPLATE_ID:
                return "order";
            case PositionUpdateDecoder.TEMPLATE_ID:
                return "position";
            case TradingStateUpdateDecoder.TEMPLATE_ID:
                return "state";
            case EngineErrorDecoder.TEMPLATE_ID:
                return "error";
            case GatewayStatusDecoder.TEMPLATE_ID:
                return "gateway";
            default:
                return record.isInput() ? "input" : "output";
        }
    }

    // Inputs carrying a signal id, of one account when given (a frame without an account field matches any).
    private Set<Long> sequencesOfSignal(final String signalId, final String account)
    {
        final Set<Long> sequences = new LinkedHashSet<>();
        scan((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            if (fields.wrap(buffer, offset, length) && signalId.equals(fields.signalId()) &&
                (account == null || fields.account() == null || account.equals(fields.account())))
            {
                sequences.add(sequence);
            }
        });
        return sequences;
    }

    // The signal id and account of an input, from the first of its records that carries a signal id.
    private String[] signalOf(final long sequence)
    {
        final String[] signal = { null, null };
        scan((index, kind, seq, timestampNs, buffer, offset, length) ->
        {
            if (signal[0] == null && seq == sequence && fields.wrap(buffer, offset, length) && fields.signalId() != null)
            {
                signal[0] = fields.signalId();
                signal[1] = fields.account();
            }
        });
        return signal;
    }

    private TraceRecord findInput(final long sequence)
    {
        final TraceRecord[] input = { null };
        scan((index, kind, seq, timestampNs, buffer, offset, length) ->
        {
            if (input[0] == null && seq == sequence && kind == JournalRecord.KIND_INPUT)
            {
                fields.wrap(buffer, offset, length);
                input[0] = TraceRecord.copy(index, kind, seq, timestampNs, buffer, offset, length, fields);
            }
        });
        return input[0];
    }

    private TraceRecord read(final long index)
    {
        final TraceRecord[] record = { null };
        try (JournalReader reader = journal.reader())
        {
            if (!reader.moveToIndex(index))
            {
                return null;
            }
            reader.poll((idx, kind, sequence, timestampNs, buffer, offset, length) ->
            {
                if (idx == index)
                {
                    fields.wrap(buffer, offset, length);
                    record[0] = TraceRecord.copy(idx, kind, sequence, timestampNs, buffer, offset, length, fields);
                }
            }, 1);
        }
        return record[0];
    }

    private void scan(final JournalHandler handler)
    {
        try (JournalReader reader = journal.reader())
        {
            reader.toStart();
            while (reader.poll(handler, POLL_BATCH) > 0)
            {
                // Read to the current end of the journal.
            }
        }
    }

    private void wrap(final NewOrderDecoder decoder, final TraceRecord record)
    {
        header.wrap(record.frame, 0);
        decoder.wrap(record.frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private void wrap(final RiskRejectDecoder decoder, final TraceRecord record)
    {
        header.wrap(record.frame, 0);
        decoder.wrap(record.frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private void wrap(final TradingStateUpdateDecoder decoder, final TraceRecord record)
    {
        header.wrap(record.frame, 0);
        decoder.wrap(record.frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private void wrap(final EngineErrorDecoder decoder, final TraceRecord record)
    {
        header.wrap(record.frame, 0);
        decoder.wrap(record.frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private static RejectReason rejectReason(final int raw)
    {
        try
        {
            final RejectReason reason = RejectReason.get(raw);
            return reason == RejectReason.NULL_VAL ? null : reason;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }
}
