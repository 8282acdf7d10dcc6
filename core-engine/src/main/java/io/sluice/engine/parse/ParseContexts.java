package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import org.agrona.DirectBuffer;

/**
 * The parse settings of every configured source, looked up by the RawSignal's channel without allocating.
 * <p>
 * Settings keys ({@code <name>} is a source listed in {@code sluice.sources}; the same keys configure the
 * admin API's side of the source):
 * <pre>
 *   sluice.sources                              comma-separated source names
 *   sluice.source.&lt;name&gt;.aliases              GOLD=XAUUSD,SILVER=XAGUSD (case-insensitive words → symbols)
 *   sluice.source.&lt;name&gt;.defaultQty           quantity when a message gives none
 *   sluice.source.&lt;name&gt;.quoteSuffix          quote appended to base-only coins (default USDT)
 *   sluice.source.&lt;name&gt;.allowedKinds         NEW_TRADE,MANAGEMENT,MODIFICATION,CANCELLATION (default all)
 *   sluice.source.&lt;name&gt;.riskPerTrade         money risked per trade: sizes orders from the stop-loss distance
 *   sluice.source.&lt;name&gt;.slAtrMultiple        complete a missing stop-loss at entry ∓ ATR × this
 *   sluice.source.&lt;name&gt;.tpAtrMultiple        complete a missing take-profit at entry ± ATR × this
 *   sluice.source.&lt;name&gt;.maxTextBytes         longest free-text message read (default 8192)
 *   sluice.source.&lt;name&gt;.pine.licenseId       PineConnector license id alerts must carry
 *   sluice.source.&lt;name&gt;.pine.slUnit          pips | price | percent (default pips)
 *   sluice.source.&lt;name&gt;.pine.tpUnit          pips | price | percent (default pips)
 *   sluice.source.&lt;name&gt;.pine.priceUnit       pips | price | percent (default price)
 *   sluice.source.&lt;name&gt;.pine.riskUnit        lots | money | percent (default lots)
 * </pre>
 * A channel no source is named for gets the settings of the source named {@code default} if configured, else
 * the built-in defaults.
 */
public final class ParseContexts
{
    /** Settings key listing the sources. */
    public static final String SOURCES_PROP = "sluice.sources";
    /** Prefix of every source's keys. */
    public static final String SOURCE_PREFIX = "sluice.source.";

    private final byte[][] names;
    private final ParseContext[] contexts;
    private final ParseContext fallback;

    private ParseContexts(final List<ParseContext> list, final ParseContext fallback)
    {
        names = new byte[list.size()][];
        contexts = new ParseContext[list.size()];
        for (int i = 0; i < list.size(); i++)
        {
            names[i] = list.get(i).name().getBytes(StandardCharsets.US_ASCII);
            contexts[i] = list.get(i);
        }
        this.fallback = fallback;
    }

    /**
     * Contexts for given sources (tests, embedding).
     *
     * @param fallback used for unknown channels.
     * @param sources  the sources.
     * @return the lookup.
     */
    public static ParseContexts of(final ParseContext fallback, final ParseContext... sources)
    {
        return new ParseContexts(List.of(sources), fallback);
    }

    /**
     * Read every source's parse settings.
     *
     * @param settings configuration.
     * @return the lookup.
     * @throws IllegalArgumentException naming the key of an invalid value.
     */
    public static ParseContexts load(final Settings settings)
    {
        final List<ParseContext> list = new ArrayList<>();
        ParseContext fallback = new ParseContext("default");
        for (final String name : settings.getList(SOURCES_PROP, ""))
        {
            final ParseContext ctx = context(settings, name);
            list.add(ctx);
            if (name.equals("default"))
            {
                fallback = ctx;
            }
        }
        return new ParseContexts(list, fallback);
    }

    /**
     * Read one source's parse settings.
     *
     * @param settings configuration.
     * @param name     source name.
     * @return its context.
     */
    public static ParseContext context(final Settings settings, final String name)
    {
        final String prefix = SOURCE_PREFIX + name + ".";
        final ParseContext ctx = new ParseContext(name);
        for (final String alias : settings.getList(prefix + "aliases", ""))
        {
            final int equals = alias.indexOf('=');
            if (equals <= 0 || equals == alias.length() - 1)
            {
                throw new IllegalArgumentException(prefix + "aliases must be WORD=SYMBOL pairs, was '" + alias + "'");
            }
            ctx.alias(alias.substring(0, equals), alias.substring(equals + 1));
        }
        ctx.defaultQuantity(settings.getFixed(prefix + "defaultQty", Fixed.NULL));
        final String suffix = settings.get(prefix + "quoteSuffix", null);
        if (suffix != null)
        {
            ctx.quoteSuffix(suffix);
        }
        final List<String> kinds = settings.getList(prefix + "allowedKinds", "");
        if (!kinds.isEmpty())
        {
            int mask = 0;
            for (final String kind : kinds)
            {
                try
                {
                    final MessageKind k = MessageKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
                    if (k == MessageKind.NOT_A_SIGNAL)
                    {
                        throw new IllegalArgumentException(kind);
                    }
                    mask |= k.bit();
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(
                        prefix + "allowedKinds lists NEW_TRADE, MANAGEMENT, MODIFICATION, CANCELLATION; was '" + kind + "'");
                }
            }
            ctx.allowedKinds(mask);
        }
        ctx.riskPerTrade(settings.getFixed(prefix + "riskPerTrade", Fixed.NULL));
        ctx.atrMultiples(settings.getFixed(prefix + "slAtrMultiple", Fixed.NULL), settings.getFixed(prefix + "tpAtrMultiple", Fixed.NULL));
        ctx.maxTextBytes(settings.getInt(prefix + "maxTextBytes", ParseContext.MAX_TEXT_BYTES_DEFAULT));
        ctx.licenseId(settings.get(prefix + "pine.licenseId", null));
        ctx.pineUnits(
            valueUnit(settings, prefix + "pine.slUnit", ValueUnit.PIPS),
            valueUnit(settings, prefix + "pine.tpUnit", ValueUnit.PIPS),
            valueUnit(settings, prefix + "pine.priceUnit", ValueUnit.PRICE),
            riskUnit(settings, prefix + "pine.riskUnit"));
        return ctx;
    }

    private static ValueUnit valueUnit(final Settings settings, final String key, final ValueUnit defaultValue)
    {
        final String value = settings.get(key, null);
        if (value == null)
        {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "pips":
                return ValueUnit.PIPS;
            case "price":
                return ValueUnit.PRICE;
            case "percent":
                return ValueUnit.PERCENT;
            default:
                throw new IllegalArgumentException(key + " must be pips, price or percent, was '" + value + "'");
        }
    }

    private static RiskUnit riskUnit(final Settings settings, final String key)
    {
        final String value = settings.get(key, "lots");
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "lots":
                return RiskUnit.LOTS;
            case "money":
                return RiskUnit.MONEY;
            case "percent":
                return RiskUnit.PERCENT_BALANCE;
            default:
                throw new IllegalArgumentException(key + " must be lots, money or percent, was '" + value + "'");
        }
    }

    /**
     * The settings of the source a channel names (the RawSignal's channel field), without allocating.
     *
     * @param channel buffer holding the channel.
     * @param offset  first byte.
     * @param length  channel length (0 for none).
     * @return its context, or the fallback.
     */
    public ParseContext forChannel(final DirectBuffer channel, final int offset, final int length)
    {
        for (int i = 0; i < names.length; i++)
        {
            final byte[] name = names[i];
            if (name.length != length)
            {
                continue;
            }
            boolean equal = true;
            for (int j = 0; j < length; j++)
            {
                if (channel.getByte(offset + j) != name[j])
                {
                    equal = false;
                    break;
                }
            }
            if (equal)
            {
                return contexts[i];
            }
        }
        return fallback;
    }

    /**
     * The settings of a source by name.
     *
     * @param channel source name, or null.
     * @return its context, or the fallback.
     */
    public ParseContext forChannel(final String channel)
    {
        if (channel != null)
        {
            for (final ParseContext ctx : contexts)
            {
                if (ctx.name().equals(channel))
                {
                    return ctx;
                }
            }
        }
        return fallback;
    }

    /** @return the context of unknown channels. */
    public ParseContext fallback()
    {
        return fallback;
    }
}
