package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.sluice.protocol.Fixed;
import org.agrona.DirectBuffer;

/**
 * Per-source parse settings: symbol aliases, default size, which message kinds may act, PineConnector units
 * and license, and the completion rules' inputs. Built once from configuration (see {@link ParseContexts}),
 * read without allocation on the parse stage.
 */
public final class ParseContext
{
    /** Longest message the free-text parser reads; longer ones are refused (Telegram posts are at most 4096 characters). */
    public static final int MAX_TEXT_BYTES_DEFAULT = 8192;
    private static final int MAX_ALIASES = 256;

    private final String name;
    private byte[][] aliasKeys = new byte[0][];
    private byte[][] aliasValues = new byte[0][];
    private long defaultQuantity = Fixed.NULL;
    private byte[] quoteSuffix = "USDT".getBytes(StandardCharsets.US_ASCII);
    private int allowedKinds = MessageKind.ALL_ACTING;
    private byte[] licenseId;
    private ValueUnit pineStopLossUnit = ValueUnit.PIPS;
    private ValueUnit pineTakeProfitUnit = ValueUnit.PIPS;
    private ValueUnit pinePriceUnit = ValueUnit.PRICE;
    private RiskUnit pineRiskUnit = RiskUnit.LOTS;
    private long riskPerTrade = Fixed.NULL;
    private long stopLossAtrMultiple = Fixed.NULL;
    private long takeProfitAtrMultiple = Fixed.NULL;
    private int maxTextBytes = MAX_TEXT_BYTES_DEFAULT;

    /**
     * Settings of one source with defaults: no aliases, no default size, every acting kind allowed,
     * PineConnector sl/tp in pips and risk in lots, no completion of stops.
     *
     * @param name the source (channel) name.
     */
    public ParseContext(final String name)
    {
        this.name = name;
    }

    /** @return the source name. */
    public String name()
    {
        return name;
    }

    /**
     * Add a symbol alias (case-insensitive), e.g. GOLD → XAUUSD.
     *
     * @param from   what messages say.
     * @param symbol the canonical symbol.
     * @return this.
     */
    public ParseContext alias(final String from, final String symbol)
    {
        if (aliasKeys.length >= MAX_ALIASES)
        {
            throw new IllegalArgumentException("at most " + MAX_ALIASES + " aliases per source");
        }
        final String key = from.trim().toUpperCase(Locale.ROOT);
        final String value = symbol.trim();
        if (key.isEmpty() || value.isEmpty() || value.length() > ParsedLeg.SYMBOL_CAPACITY || !isAscii(key) || !isAscii(value))
        {
            throw new IllegalArgumentException("alias must map ASCII text to a symbol of 1 to 32 characters: " + from + "=" + symbol);
        }
        final byte[][] keys = java.util.Arrays.copyOf(aliasKeys, aliasKeys.length + 1);
        final byte[][] values = java.util.Arrays.copyOf(aliasValues, aliasValues.length + 1);
        keys[keys.length - 1] = key.getBytes(StandardCharsets.US_ASCII);
        values[values.length - 1] = value.getBytes(StandardCharsets.US_ASCII);
        aliasKeys = keys;
        aliasValues = values;
        return this;
    }

    /**
     * Resolve an alias case-insensitively into a slot.
     *
     * @param buffer holding the word.
     * @param offset first byte.
     * @param length word length.
     * @param out    receives the canonical symbol.
     * @return true when the word is an alias.
     */
    public boolean resolveAlias(final DirectBuffer buffer, final int offset, final int length, final AsciiSlot out)
    {
        for (int a = 0; a < aliasKeys.length; a++)
        {
            final byte[] key = aliasKeys[a];
            if (key.length != length)
            {
                continue;
            }
            boolean equal = true;
            for (int i = 0; i < length; i++)
            {
                if (AsciiSlot.upper(buffer.getByte(offset + i)) != key[i])
                {
                    equal = false;
                    break;
                }
            }
            if (equal)
            {
                return out.set(aliasValues[a]);
            }
        }
        return false;
    }

    /**
     * Resolve a symbol held in a slot through the aliases, in place.
     *
     * @param symbol the symbol; replaced when it is an alias.
     * @return true when it was an alias.
     */
    public boolean resolveAliasInPlace(final AsciiSlot symbol)
    {
        for (int a = 0; a < aliasKeys.length; a++)
        {
            final byte[] key = aliasKeys[a];
            if (key.length != symbol.length())
            {
                continue;
            }
            boolean equal = true;
            for (int i = 0; i < key.length; i++)
            {
                if (AsciiSlot.upper(symbol.byteAt(i)) != key[i])
                {
                    equal = false;
                    break;
                }
            }
            if (equal)
            {
                return symbol.set(aliasValues[a]);
            }
        }
        return false;
    }

    /** @return number of aliases. */
    public int aliasCount()
    {
        return aliasKeys.length;
    }

    /** @return quantity used when a message gives none, or Fixed.NULL. */
    public long defaultQuantity()
    {
        return defaultQuantity;
    }

    /**
     * Quantity used when a message gives none (recorded as a completion).
     *
     * @param quantity fixed point, or Fixed.NULL for none.
     * @return this.
     */
    public ParseContext defaultQuantity(final long quantity)
    {
        if (quantity != Fixed.NULL && quantity <= 0)
        {
            throw new IllegalArgumentException("default quantity must be greater than zero");
        }
        this.defaultQuantity = quantity;
        return this;
    }

    /** @return quote currency appended to base-only coins ("BTC" → "BTCUSDT"). */
    public byte[] quoteSuffix()
    {
        return quoteSuffix;
    }

    /**
     * Quote currency appended to base-only coins.
     *
     * @param suffix e.g. "USDT".
     * @return this.
     */
    public ParseContext quoteSuffix(final String suffix)
    {
        final String value = suffix.trim().toUpperCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > 8 || !isAscii(value))
        {
            throw new IllegalArgumentException("quote suffix must be 1 to 8 ASCII characters");
        }
        this.quoteSuffix = value.getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /** @return mask of {@link MessageKind#bit()} values that may act. */
    public int allowedKinds()
    {
        return allowedKinds;
    }

    /**
     * Which kinds may act; a message of another kind is refused as NOT_A_SIGNAL.
     *
     * @param mask OR of {@link MessageKind#bit()} values.
     * @return this.
     */
    public ParseContext allowedKinds(final int mask)
    {
        this.allowedKinds = mask;
        return this;
    }

    /**
     * Whether a kind may act.
     *
     * @param kind the kind.
     * @return true when allowed.
     */
    public boolean allows(final MessageKind kind)
    {
        return (allowedKinds & kind.bit()) != 0;
    }

    /** @return PineConnector license id every alert must carry, or null to accept any. */
    public byte[] licenseId()
    {
        return licenseId;
    }

    /**
     * PineConnector license id every alert must carry.
     *
     * @param licenseId digits, or null to accept any.
     * @return this.
     */
    public ParseContext licenseId(final String licenseId)
    {
        this.licenseId = licenseId == null || licenseId.isBlank() ? null : licenseId.trim().getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /** @return unit of PineConnector {@code sl=}. */
    public ValueUnit pineStopLossUnit()
    {
        return pineStopLossUnit;
    }

    /** @return unit of PineConnector {@code tp=}. */
    public ValueUnit pineTakeProfitUnit()
    {
        return pineTakeProfitUnit;
    }

    /** @return unit of PineConnector {@code price=}. */
    public ValueUnit pinePriceUnit()
    {
        return pinePriceUnit;
    }

    /** @return unit of PineConnector {@code risk=}. */
    public RiskUnit pineRiskUnit()
    {
        return pineRiskUnit;
    }

    /**
     * Units of PineConnector values, as set in the account's EA.
     *
     * @param stopLoss   unit of sl=.
     * @param takeProfit unit of tp=.
     * @param price      unit of price=.
     * @param risk       unit of risk=.
     * @return this.
     */
    public ParseContext pineUnits(final ValueUnit stopLoss, final ValueUnit takeProfit, final ValueUnit price, final RiskUnit risk)
    {
        this.pineStopLossUnit = stopLoss;
        this.pineTakeProfitUnit = takeProfit;
        this.pinePriceUnit = price;
        this.pineRiskUnit = risk;
        return this;
    }

    /** @return money the account risks per trade (sizes orders that have a stop-loss but no quantity), or Fixed.NULL. */
    public long riskPerTrade()
    {
        return riskPerTrade;
    }

    /**
     * Money the account risks per trade.
     *
     * @param money fixed point, or Fixed.NULL.
     * @return this.
     */
    public ParseContext riskPerTrade(final long money)
    {
        this.riskPerTrade = money;
        return this;
    }

    /** @return multiple of the ATR between entry and a completed stop-loss, or Fixed.NULL for no completion. */
    public long stopLossAtrMultiple()
    {
        return stopLossAtrMultiple;
    }

    /** @return multiple of the ATR between entry and a completed take-profit, or Fixed.NULL for no completion. */
    public long takeProfitAtrMultiple()
    {
        return takeProfitAtrMultiple;
    }

    /**
     * Multiples of the instrument's recent range (ATR) used to complete a missing stop-loss and take-profit.
     *
     * @param stopLoss   multiple, or Fixed.NULL.
     * @param takeProfit multiple, or Fixed.NULL.
     * @return this.
     */
    public ParseContext atrMultiples(final long stopLoss, final long takeProfit)
    {
        this.stopLossAtrMultiple = stopLoss;
        this.takeProfitAtrMultiple = takeProfit;
        return this;
    }

    /** @return longest free-text message read. */
    public int maxTextBytes()
    {
        return maxTextBytes;
    }

    /**
     * Longest free-text message read; the parse time is linear in it.
     *
     * @param bytes 1..65536.
     * @return this.
     */
    public ParseContext maxTextBytes(final int bytes)
    {
        if (bytes < 1 || bytes > 65536)
        {
            throw new IllegalArgumentException("maxTextBytes must be 1..65536");
        }
        this.maxTextBytes = bytes;
        return this;
    }

    private static boolean isAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c <= 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    public String toString()
    {
        return "ParseContext{" + name + ", aliases=" + aliasKeys.length + "}";
    }
}
