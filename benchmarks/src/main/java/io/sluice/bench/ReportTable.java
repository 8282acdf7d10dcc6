package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one markdown table of a run: each Sluice figure next to its same-run baseline and their ratio. The
 * ratio is how many times the baseline's cost Sluice pays — Sluice/baseline for times, baseline/Sluice for
 * throughputs — so a ratio of 3 or less meets the "within 3x of its baseline" target either way.
 */
public final class ReportTable
{
    /** How a row's figures read and compare. */
    enum Kind
    {
        /** JMH ns/op with the GC profiler's B/op beside it; ratio on time. */
        MICRO,
        /** A latency in ns; ratio Sluice/baseline. */
        LATENCY,
        /** A rate per second; ratio baseline/Sluice. */
        RATE,
        /** Bytes; no ratio. */
        BYTES,
        /** CPU cores; ratio Sluice/baseline. */
        CORES
    }

    /** One row: a label and the keys of its two figures (baseline may be null). */
    record Row(String label, String sluiceKey, String baselineKey, Kind kind)
    {
    }

    private final List<Row> rows = new ArrayList<>();

    /** The rows of a full report, in reading order. */
    public static ReportTable standard()
    {
        final ReportTable table = new ReportTable();
        table.micro("SBE encode RawSignal", "SbeCodecBenchmark.encodeRawSignal", null);
        table.micro("SBE decode RawSignal", "SbeCodecBenchmark.decodeRawSignal", null);
        table.micro("SBE encode NewOrder", "SbeCodecBenchmark.encodeNewOrder", null);
        table.micro("SBE decode NewOrder", "SbeCodecBenchmark.decodeNewOrder", null);
        table.micro("parse canonical JSON signal (vs Jackson streaming)", "SignalParserBenchmark.canonicalJson",
            "SignalParserBenchmark.jacksonStreamingBaseline");
        table.micro("parse TradingView JSON alert (10 fields)", "SignalParserBenchmark.tradingViewJson", null);
        table.micro("parse OpenAlgo JSON order", "SignalParserBenchmark.openAlgoJson", null);
        table.micro("parse PineConnector line", "SignalParserBenchmark.pineConnector", null);
        table.micro("parse hedge-pair JSON (2 legs)", "SignalParserBenchmark.hedgePairJson", null);
        table.micro("parse free text (Telegram style)", "SignalParserBenchmark.freeText", null);
        table.micro("dedup lookup, new key, window full (vs bare Agrona map put+remove)", "DedupWindowBenchmark.newKey",
            "DedupWindowBenchmark.hashMapPutRemoveBaseline");
        table.micro("dedup lookup, repeated key", "DedupWindowBenchmark.repeatedKey", null);
        table.micro("risk gate chain, every gate on and passing", "PreTradeRiskBenchmark.allGatesPass", null);
        table.micro("risk gate chain, refused at fat finger (writes reason)", "PreTradeRiskBenchmark.refusedAtFatFinger", null);
        table.micro("Fixed.multiply price × qty, 128-bit path (vs a product within 64 bits)", "FixedBenchmark.priceTimesQuantity",
            "FixedBenchmark.smallProduct");
        table.micro("core: signal frame → NewOrder encoded, mean (vs SBE decode+encode only)",
            "EngineCoreBenchmark.signalToNewOrder", "EngineCoreBenchmark.decodeEncodeBaseline");
        table.row("core: one signal p50 (HdrHistogram, incl. ~30 ns timer)", "core.p50", null, Kind.LATENCY);
        table.row("core: one signal p99", "core.p99", null, Kind.LATENCY);
        table.row("core: one signal mean (HdrHistogram)", "core.mean", null, Kind.LATENCY);
        table.row("core: bytes allocated per signal (+ its fill), thread counter", "core.allocPerSignal", null, Kind.BYTES);
        table.micro("journal append of a RawSignal (vs raw Chronicle append)", "JournalAppendBenchmark.journalAppend",
            "JournalAppendBenchmark.rawChronicleAppendBaseline");

        table.loadRows("rig 1 engine e2e, backoff", "engine.backoff", "pingpong.backoff", true);
        table.row("rig 1 engine e2e, backoff p50 (vs Aeron→empty 3-stage Disruptor→Aeron)", "engine.backoff.p50", "floor.backoff.p50", Kind.LATENCY);
        table.row("rig 1 engine e2e, backoff p99 (vs Aeron→empty 3-stage Disruptor→Aeron)", "engine.backoff.p99", "floor.backoff.p99", Kind.LATENCY);
        table.row("rig 1 load generator lag p99 (rig jitter, included above)", "engine.backoff.senderLag.p99",
            "pingpong.backoff.senderLag.p99", Kind.LATENCY);
        table.row("rig 1 CPU used by the whole rig JVM, backoff (vs ping-pong)", "engine.backoff.cpuCores", "pingpong.backoff.cpuCores", Kind.CORES);
        table.row("rig 1 CPU used, backoff (vs the empty-ring floor)", "engine.backoff.cpuCores", "floor.backoff.cpuCores", Kind.CORES);
        for (final String profile : List.of("blocking", "yielding", "busy-spin"))
        {
            final String against = " (vs the empty-ring floor, same strategies)";
            table.row("rig 1 engine e2e, " + profile + " p50" + against, "engine." + profile + ".p50", "floor." + profile + ".p50", Kind.LATENCY);
            table.row("rig 1 engine e2e, " + profile + " p99", "engine." + profile + ".p99", "floor." + profile + ".p99", Kind.LATENCY);
            table.row("rig 1 engine e2e, " + profile + " p99.9", "engine." + profile + ".p999", "floor." + profile + ".p999", Kind.LATENCY);
            table.row("rig 1 engine e2e, " + profile + " achieved/offered", "engine." + profile + ".achieved",
                "floor." + profile + ".achieved", Kind.RATE);
            table.row("rig 1 CPU used, " + profile, "engine." + profile + ".cpuCores", "floor." + profile + ".cpuCores", Kind.CORES);
        }

        table.loadRows("rig 2 HTTP → order at paper gateway, backoff", "http.backoff", "echo", true);
        table.row("rig 2 HTTP 202 response p99 (vs Netty echo response p99)", "http.backoff.response.p99", "echo.p99", Kind.LATENCY);

        table.row("rig 3 sustained signals/s, backlog flat (vs Aeron→empty Disruptor→Aeron)", "sustained.engine.held",
            "sustained.floor.held", Kind.RATE);
        return table;
    }

    private void micro(final String label, final String sluice, final String baseline)
    {
        rows.add(new Row(label, "micro." + sluice, baseline == null ? null : "micro." + baseline, Kind.MICRO));
    }

    private void row(final String label, final String sluice, final String baseline, final Kind kind)
    {
        rows.add(new Row(label, sluice, baseline, kind));
    }

    private void loadRows(final String label, final String sluice, final String baseline, final boolean full)
    {
        final String against = " (vs " + baselineName(baseline) + ")";
        row(label + " p50" + against, sluice + ".p50", baseline + ".p50", Kind.LATENCY);
        if (full)
        {
            row(label + " p90", sluice + ".p90", baseline + ".p90", Kind.LATENCY);
        }
        row(label + " p99", sluice + ".p99", baseline + ".p99", Kind.LATENCY);
        row(label + " p99.9", sluice + ".p999", baseline + ".p999", Kind.LATENCY);
        row(label + " max", sluice + ".max", baseline + ".max", Kind.LATENCY);
        row(label + " achieved/offered", sluice + ".achieved", baseline + ".achieved", Kind.RATE);
    }

    private static String baselineName(final String baseline)
    {
        if (baseline.startsWith("pingpong"))
        {
            return "raw Aeron IPC ping-pong";
        }
        if (baseline.startsWith("echo"))
        {
            return "raw Netty HTTP echo";
        }
        return baseline;
    }

    /**
     * Render the table.
     *
     * @param results merged figures of the run.
     * @return markdown.
     */
    public String render(final Results results)
    {
        final StringBuilder out = new StringBuilder();
        out.append("| metric | Sluice | baseline | ratio |\n");
        out.append("|---|---:|---:|---:|\n");
        for (final Row row : rows)
        {
            final Double sluice = results.get(row.sluiceKey + (row.kind == Kind.MICRO ? ".ns" : ""));
            final Double baseline = row.baselineKey == null ? null :
                results.get(row.baselineKey + (row.kind == Kind.MICRO ? ".ns" : ""));
            if (sluice == null && baseline == null)
            {
                continue;
            }
            String label = row.label;
            if (row.kind == Kind.RATE && row.sluiceKey.endsWith(".achieved"))
            {
                final Double offered = results.get(row.sluiceKey.replace(".achieved", ".offered"));
                label = offered == null ? label : label + " @ " + rate(offered);
            }
            out.append("| ").append(label)
                .append(" | ").append(cell(results, row, row.sluiceKey, sluice))
                .append(" | ").append(row.baselineKey == null ? "—" : cell(results, row, row.baselineKey, baseline))
                .append(" | ").append(ratio(row.kind, sluice, baseline))
                .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(final Results results, final Row row, final String key, final Double value)
    {
        if (value == null)
        {
            return "n/a";
        }
        switch (row.kind)
        {
            case MICRO:
                final Double alloc = results.get(key + ".alloc");
                return nanos(value) + (alloc == null ? "" : String.format(Locale.ROOT, ", %.2f B/op", alloc));
            case LATENCY:
                return nanos(value);
            case RATE:
                return rate(value) + (key.startsWith("sustained") && Double.valueOf(0).equals(
                    results.get(key.replace(".held", ".confirmed"))) ? " (probe only)" : "");
            case BYTES:
                return String.format(Locale.ROOT, "%.3f B", value);
            case CORES:
                return String.format(Locale.ROOT, "%.2f cores", value);
            default:
                return String.valueOf(value);
        }
    }

    static String ratio(final Kind kind, final Double sluice, final Double baseline)
    {
        if (sluice == null || baseline == null || kind == Kind.BYTES || sluice <= 0 || baseline <= 0)
        {
            return "—";
        }
        final double ratio = kind == Kind.RATE ? baseline / sluice : sluice / baseline;
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String nanos(final double ns)
    {
        if (ns < 1_000)
        {
            return String.format(Locale.ROOT, "%.1f ns", ns);
        }
        if (ns < 1_000_000)
        {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }

    static String rate(final double perSecond)
    {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }
}
