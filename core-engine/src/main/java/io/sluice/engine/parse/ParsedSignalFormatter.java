package io.sluice.engine.parse;

import java.util.ArrayList;
import java.util.List;

import io.sluice.protocol.Fixed;

/**
 * Renders a parse outcome as JSON lines for people and tools ({@code sluice parse}, the parse corpus): a first
 * line with the outcome, then one line per leg in routing order, then one per completion. Absent fields are
 * left out; the order of fields is fixed so the text can be compared. Allocates: never on the engine's hot path.
 */
public final class ParsedSignalFormatter
{
    private ParsedSignalFormatter()
    {
    }

    /**
     * The lines describing an outcome.
     *
     * @param signal a parsed or refused signal.
     * @return the lines.
     */
    public static List<String> lines(final ParsedSignal signal)
    {
        final List<String> lines = new ArrayList<>();
        if (signal.rejectReason() != null)
        {
            final StringBuilder sb = new StringBuilder("{\"outcome\":\"REFUSED\"");
            string(sb, "reason", signal.rejectReason().name());
            string(sb, "field", signal.errorField());
            string(sb, "detail", signal.errorDetail());
            lines.add(sb.append('}').toString());
            if (signal.kind() != null)
            {
                // Refused after parsing (by the source's allowed kinds or a completion rule): show what was read.
                for (int i = 0; i < signal.legCount(); i++)
                {
                    lines.add(leg(i, signal.leg(i)));
                }
            }
            return lines;
        }
        if (signal.kind() == MessageKind.NOT_A_SIGNAL)
        {
            final StringBuilder sb = new StringBuilder("{\"outcome\":\"NOT_A_SIGNAL\"");
            string(sb, "detail", signal.errorDetail());
            lines.add(sb.append('}').toString());
            return lines;
        }
        final StringBuilder head = new StringBuilder("{\"outcome\":\"").append(signal.kind().name()).append('"');
        head.append(",\"legs\":").append(signal.legCount());
        head.append(",\"confidence\":").append(signal.confidence());
        if (signal.refersToPrevious())
        {
            head.append(",\"refersToPrevious\":true");
        }
        slot(head, "id", signal.id());
        slot(head, "account", signal.account());
        slot(head, "strategy", signal.strategy());
        slot(head, "orderRef", signal.orderRef());
        slot(head, "timeRef", signal.timeRef());
        slot(head, "pair", signal.pairId());
        if (signal.pairEvent() != PairEvent.NONE)
        {
            string(head, "event", signal.pairEvent().name());
        }
        lines.add(head.append('}').toString());
        for (int i = 0; i < signal.legCount(); i++)
        {
            lines.add(leg(i, signal.leg(i)));
        }
        for (int i = 0; i < signal.completionCount(); i++)
        {
            lines.add("{\"completed\":\"" + signal.completionField(i).name() + "\",\"leg\":" + signal.completionLeg(i) +
                ",\"rule\":\"" + signal.completionRule(i).name() + "\",\"confidence\":" + signal.completionConfidence(i) + "}");
        }
        return lines;
    }

    /**
     * The lines joined with newlines.
     *
     * @param signal a parsed or refused signal.
     * @return the text.
     */
    public static String format(final ParsedSignal signal)
    {
        return String.join("\n", lines(signal));
    }

    private static String leg(final int index, final ParsedLeg leg)
    {
        final StringBuilder sb = new StringBuilder("{\"leg\":").append(index);
        string(sb, "action", leg.action().name());
        slot(sb, "symbol", leg.symbol());
        if (leg.side() != null)
        {
            string(sb, "side", leg.side().name());
        }
        if (leg.ordType() != null)
        {
            string(sb, "type", leg.ordType().name());
        }
        decimal(sb, "qty", leg.quantity());
        decimalWithUnit(sb, "price", leg.price(), leg.priceUnit());
        decimal(sb, "stopPrice", leg.stopPrice());
        if (leg.entryLow() != Fixed.NULL)
        {
            sb.append(",\"zone\":[\"").append(Fixed.toString(leg.entryLow())).append("\",\"")
                .append(Fixed.toString(leg.entryHigh())).append("\"]");
        }
        decimalWithUnit(sb, "sl", leg.stopLoss(), leg.stopLossUnit());
        if (leg.targetCount() > 0)
        {
            sb.append(",\"tp\":[");
            for (int t = 0; t < leg.targetCount(); t++)
            {
                sb.append(t > 0 ? "," : "").append('"').append(Fixed.toString(leg.target(t))).append('"');
            }
            sb.append(']');
            if (leg.takeProfitUnit() != ValueUnit.PRICE)
            {
                string(sb, "tpUnit", leg.takeProfitUnit().name());
            }
            boolean anyAllocation = false;
            for (int t = 0; t < leg.targetCount(); t++)
            {
                anyAllocation |= leg.targetAllocation(t) != Fixed.NULL;
            }
            if (anyAllocation)
            {
                sb.append(",\"tpAllocation\":[");
                for (int t = 0; t < leg.targetCount(); t++)
                {
                    final long allocation = leg.targetAllocation(t);
                    sb.append(t > 0 ? "," : "").append(allocation == Fixed.NULL ? "null" : "\"" + Fixed.toString(allocation) + "\"");
                }
                sb.append(']');
            }
        }
        if (leg.openTargets() > 0)
        {
            sb.append(",\"openTargets\":").append(leg.openTargets());
        }
        decimal(sb, "leverage", leg.leverage());
        if (leg.riskUnit() != null)
        {
            decimal(sb, "risk", leg.risk());
            string(sb, "riskUnit", leg.riskUnit().name());
        }
        decimal(sb, "positionSize", leg.positionSize());
        decimal(sb, "closePercent", leg.closePercent());
        if (leg.reduceOnly())
        {
            sb.append(",\"reduceOnly\":true");
        }
        if (leg.timeInForce() != null)
        {
            string(sb, "tif", leg.timeInForce().name());
        }
        if (leg.product() != null)
        {
            string(sb, "product", leg.product().name());
        }
        slot(sb, "venue", leg.venue());
        slot(sb, "exchange", leg.exchange());
        slot(sb, "expiry", leg.expiry());
        slot(sb, "strikeOffset", leg.strikeOffset());
        slot(sb, "optionType", leg.optionType());
        return sb.append('}').toString();
    }

    private static void decimalWithUnit(final StringBuilder sb, final String name, final long value, final ValueUnit unit)
    {
        decimal(sb, name, value);
        if (value != Fixed.NULL && unit != ValueUnit.PRICE)
        {
            string(sb, name + "Unit", unit.name());
        }
    }

    private static void decimal(final StringBuilder sb, final String name, final long value)
    {
        if (value != Fixed.NULL)
        {
            sb.append(",\"").append(name).append("\":\"").append(Fixed.toString(value)).append('"');
        }
    }

    private static void slot(final StringBuilder sb, final String name, final AsciiSlot slot)
    {
        if (!slot.isEmpty())
        {
            string(sb, name, slot.toString());
        }
    }

    private static void string(final StringBuilder sb, final String name, final String value)
    {
        if (value == null)
        {
            return;
        }
        sb.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
