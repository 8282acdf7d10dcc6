package io.sluice.admin.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counters and gauges with labels, written in the Prometheus text exposition format (version 0.0.4). Each family
 * is declared once with its help and type; label values are escaped. Small on purpose: the admin API needs a few
 * dozen series, not a client library.
 */
public final class MetricsRegistry
{
    private record Family(String help, String type, Map<String, AtomicLong> series)
    {
    }

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();
    private final Map<String, Consumer<MetricsRegistry>> collectors = new ConcurrentHashMap<>();

    /**
     * Declare a counter family.
     *
     * @param name metric name, e.g. sluice_signals_total.
     * @param help one line of help.
     */
    public void counter(final String name, final String help)
    {
        families.putIfAbsent(name, new Family(help, "counter", new ConcurrentSkipListMap<>()));
    }

    /**
     * Declare a gauge family.
     *
     * @param name metric name.
     * @param help one line of help.
     */
    public void gauge(final String name, final String help)
    {
        families.putIfAbsent(name, new Family(help, "gauge", new ConcurrentSkipListMap<>()));
    }

    /**
     * Declare a histogram family: its series are {@code _bucket{le=…}} (cumulative), {@code _sum} and {@code _count},
     * set with {@link #setSample}; buckets are written in increasing order of {@code le}.
     *
     * @param name metric name, e.g. sluice_engine_latency_nanoseconds.
     * @param help one line of help.
     */
    public void histogram(final String name, final String help)
    {
        families.putIfAbsent(name, new Family(help, "histogram", new ConcurrentSkipListMap<>(MetricsRegistry::compareSeries)));
    }

    /**
     * Set one sample of a histogram.
     *
     * @param name   declared histogram family.
     * @param suffix "_bucket", "_sum" or "_count".
     * @param value  value.
     * @param labels alternating label names and values (le for buckets).
     */
    public void setSample(final String name, final String suffix, final long value, final String... labels)
    {
        family(name).series().computeIfAbsent(suffix + labelText(labels), k -> new AtomicLong()).set(value);
    }

    /**
     * A histogram sample, for tests and status views.
     *
     * @return the value, 0 when absent.
     */
    public long sampleValue(final String name, final String suffix, final String... labels)
    {
        final AtomicLong value = family(name).series().get(suffix + labelText(labels));
        return value == null ? 0 : value.get();
    }

    /** Run every collector now (a scrape does this first). */
    public void collect()
    {
        new TreeMap<>(collectors).values().forEach(collector -> collector.accept(this));
    }

    // Histogram series: buckets by the numeric value of le (+Inf last), then _count and _sum.
    private static int compareSeries(final String a, final String b)
    {
        final int ia = a.indexOf("le=\"");
        final int ib = b.indexOf("le=\"");
        if (ia >= 0 && ib >= 0 && a.regionMatches(0, b, 0, Math.max(ia, ib)) && ia == ib)
        {
            final int c = Double.compare(le(a, ia + 4), le(b, ib + 4));
            if (c != 0)
            {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static double le(final String series, final int from)
    {
        final String value = series.substring(from, series.indexOf('"', from));
        return value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
    }

    /**
     * Add to a counter.
     *
     * @param name   declared family.
     * @param delta  amount.
     * @param labels alternating label names and values.
     */
    public void add(final String name, final long delta, final String... labels)
    {
        series(name, labels).addAndGet(delta);
    }

    /**
     * Set a gauge.
     *
     * @param name   declared family.
     * @param value  value.
     * @param labels alternating label names and values.
     */
    public void set(final String name, final long value, final String... labels)
    {
        series(name, labels).set(value);
    }

    /**
     * Drop every series of a family (before a collector sets the current ones).
     *
     * @param name declared family.
     */
    public void clear(final String name)
    {
        family(name).series().clear();
    }

    /**
     * A value, for tests and health checks.
     *
     * @param name   family.
     * @param labels alternating label names and values.
     * @return the value, 0 when absent.
     */
    public long value(final String name, final String... labels)
    {
        final AtomicLong value = family(name).series().get(labelText(labels));
        return value == null ? 0 : value.get();
    }

    /**
     * Register something that refreshes gauges right before each scrape.
     *
     * @param name      collector name.
     * @param collector sets the gauges it owns.
     */
    public void collector(final String name, final Consumer<MetricsRegistry> collector)
    {
        collectors.put(name, collector);
    }

    /**
     * The exposition text.
     *
     * @return every family with its HELP and TYPE lines.
     */
    public String scrape()
    {
        collect();
        final StringBuilder out = new StringBuilder(4096);
        families.forEach((name, family) ->
        {
            out.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.series().forEach((labels, value) -> out.append(name).append(labels).append(' ').append(value.get()).append('\n'));
        });
        return out.toString();
    }

    private AtomicLong series(final String name, final String[] labels)
    {
        return family(name).series().computeIfAbsent(labelText(labels), k -> new AtomicLong());
    }

    private Family family(final String name)
    {
        final Family family = families.get(name);
        if (family == null)
        {
            throw new IllegalArgumentException("undeclared metric " + name);
        }
        return family;
    }

    static String labelText(final String[] labels)
    {
        if (labels.length == 0)
        {
            return "";
        }
        if (labels.length % 2 != 0)
        {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < labels.length; i += 2)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(labels[i]).append("=\"");
            final String value = labels[i + 1] == null ? "" : labels[i + 1];
            for (int j = 0; j < value.length(); j++)
            {
                final char c = value.charAt(j);
                if (c == '\\' || c == '"')
                {
                    sb.append('\\').append(c);
                }
                else if (c == '\n')
                {
                    sb.append("\\n");
                }
                else
                {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }
}
