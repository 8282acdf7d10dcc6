package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdType;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.Side;
import io.sluice.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Trading signals written by people (Telegram channels, operators): one-line and multi-line signals, entry
 * zones, several targets with optional allocation, stop-loss, leverage, venue hints, several signals in one
 * message, emoji and decoration, en/em dashes and slashes, common misspellings, English and Russian keywords,
 * per-channel symbol aliases.
 * <p>
 * Every message is classified: a new trade (one leg per signal), management of the open position (close all,
 * part or one side; stop-loss to breakeven), modification of the previous signal (new entry, stop-loss or
 * targets), cancellation, or not a signal (results, chatter). Precedence, so that nothing turns into a new
 * order by accident: cancellation words win; then an explicit change ("new SL 2040", "move SL to 2055");
 * then complete new signals (symbol and direction, and prices or no management/result words); then
 * management; then result reports; a direction without a recognisable symbol is refused UNKNOWN_SYMBOL.
 * <p>
 * Bounded in time: messages longer than {@link ParseContext#maxTextBytes()} (8 KiB by default) are refused
 * before any work; the rest are decoded once, cut into at most {@link #MAX_TOKENS} tokens in one pass, and
 * each token is looked at a constant number of times with hash-table keyword lookups, so the work is linear
 * in the message length (microseconds for a Telegram post). It allocates (strings for the words), which is why
 * it runs only for FREE_TEXT signals.
 */
public final class FreeTextParser implements SignalParser
{
    /** Most tokens read from one message; the rest is ignored. */
    public static final int MAX_TOKENS = 4096;

    private static final int T_SKIP = 0;
    private static final int T_WORD = 1;
    private static final int T_NUMBER = 2;
    private static final int T_SEP = 3;
    private static final int T_NEWLINE = 4;

    private static final int N_PERCENT = 1;
    private static final int N_X = 1 << 1;
    private static final int N_SIGNED = 1 << 2;
    private static final int N_HASHTAG = 1 << 3;
    private static final int N_INTEGER = 1 << 4;

    private static final int FIELD_NONE = 0;
    private static final int FIELD_ENTRY = 1;
    private static final int FIELD_ENTRY_IMPLICIT = 2;
    private static final int FIELD_SL = 3;
    private static final int FIELD_TP = 4;
    private static final int FIELD_LEVERAGE = 5;
    private static final int FIELD_QTY = 6;
    private static final int FIELD_CLOSE = 7;

    private static final long HALF_PERCENT = Fixed.of(50);
    private static final long HUNDRED_PERCENT = Fixed.of(100);

    private final int[] types = new int[MAX_TOKENS];
    private final String[] texts = new String[MAX_TOKENS];
    private final String[] raws = new String[MAX_TOKENS];
    private final long[] values = new long[MAX_TOKENS];
    private final int[] flags = new int[MAX_TOKENS];
    private final char[] seps = new char[MAX_TOKENS];
    private int count;

    private final Draft[] drafts = new Draft[ParsedSignal.MAX_LEGS];
    private int draftCount;
    private boolean overflow;
    private Draft cur;
    private String messageVenue;
    private long messageLeverage;

    private boolean cancel;
    private boolean close;
    private boolean half;
    private boolean partial;
    private long closePercent;
    private Side closeSide;
    private boolean breakeven;
    private boolean hit;
    private boolean result;
    private boolean changeSl;
    private boolean changeTp;
    private boolean changeEntry;

    private final AsciiSlot aliasScratch = new AsciiSlot(ParsedLeg.SYMBOL_CAPACITY);
    private final org.agrona.concurrent.UnsafeBuffer aliasWord = new org.agrona.concurrent.UnsafeBuffer(new byte[64]);
    private String quote;
    private ParseContext ctx;

    /**
     * A parser with its token and draft tables pre-sized.
     */
    public FreeTextParser()
    {
        for (int i = 0; i < drafts.length; i++)
        {
            drafts[i] = new Draft();
        }
    }

    public boolean parse(final DirectBuffer body, final int offset, final int length, final ParseContext ctx, final ParsedSignal out)
    {
        out.reset();
        this.ctx = ctx;
        this.quote = new String(ctx.quoteSuffix(), StandardCharsets.US_ASCII);
        if (length > ctx.maxTextBytes())
        {
            return out.fail(RejectReason.UNPARSEABLE, null, "message longer than this source's maxTextBytes");
        }
        final byte[] bytes = new byte[length];
        body.getBytes(offset, bytes);
        final String text = new String(bytes, StandardCharsets.UTF_8);
        lex(text);
        mergePhrases();
        walk();
        return classify(out);
    }

    // ---------------------------------------------------------------- lexing

    private void lex(final String s)
    {
        count = 0;
        final int n = s.length();
        int i = 0;
        while (i < n && count < MAX_TOKENS - 1)
        {
            final int cp = s.codePointAt(i);
            final int width = Character.charCount(cp);
            if (cp == '\n')
            {
                if (count > 0 && types[count - 1] != T_NEWLINE)
                {
                    add(T_NEWLINE, null, null, 0, 0, '\n');
                }
                i += width;
                continue;
            }
            if (Character.isWhitespace(cp) || cp == 0xA0 || cp == 0x2007 || cp == 0x202F)
            {
                i += width;
                continue;
            }
            if (cp >= '0' && cp <= '9')
            {
                final int keycapEnd = keycap(s, i + 1);
                if (keycapEnd > 0)
                {
                    i = keycapEnd;
                    continue;
                }
                i = number(s, i);
                continue;
            }
            if (cp == '.' && i + 1 < n && isDigit(s.charAt(i + 1)) && (i == 0 || !isDigit(s.charAt(i - 1))))
            {
                i = number(s, i);
                continue;
            }
            if (Character.isLetter(cp))
            {
                i = word(s, i);
                continue;
            }
            final char sep = separator(cp);
            if (sep != 0)
            {
                add(T_SEP, null, null, 0, 0, sep);
            }
            i += width;
        }
    }

    // Returns the index after a keycap emoji (digit, optional VS16, U+20E3), or 0 when not one.
    private static int keycap(final String s, final int from)
    {
        int j = from;
        if (j < s.length() && s.charAt(j) == 0xFE0F)
        {
            j++;
        }
        if (j < s.length() && s.charAt(j) == 0x20E3)
        {
            return j + 1;
        }
        return 0;
    }

    private int number(final String s, final int from)
    {
        final int n = s.length();
        final StringBuilder digits = new StringBuilder(24);
        int i = from;
        boolean fraction = false;
        int fractionDigits = 0;
        while (i < n)
        {
            final char c = s.charAt(i);
            if (isDigit(c))
            {
                if (fraction)
                {
                    if (++fractionDigits > Fixed.DECIMALS)
                    {
                        i++;
                        continue;
                    }
                }
                if (digits.length() < 30)
                {
                    digits.append(c);
                }
                i++;
            }
            else if (c == '.' && !fraction && i + 1 < n && isDigit(s.charAt(i + 1)))
            {
                fraction = true;
                digits.append('.');
                i++;
            }
            else if (c == ',' && !fraction && i + 3 < n + 1 && thousands(s, i + 1))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        if (digits.length() > 0 && digits.charAt(0) == '.')
        {
            digits.insert(0, '0');
        }
        // A number glued to letters is a word ("1000pepeusdt", "1inch"), unless the letters say leverage ("15x").
        if (i < n && Character.isLetter(s.charAt(i)))
        {
            final char c = s.charAt(i);
            final boolean x = (c == 'x' || c == 'X' || c == 'х' || c == 'Х') && (i + 1 >= n || !Character.isLetterOrDigit(s.charAt(i + 1)));
            if (!x)
            {
                return word(s, from);
            }
        }
        int numberFlags = fraction ? 0 : N_INTEGER;
        final int before = from - 1;
        if (before >= 0 && s.charAt(before) == '+')
        {
            numberFlags |= N_SIGNED;
        }
        else if (before >= 0 && isMinus(s.charAt(before)) && (before == 0 || Character.isWhitespace(s.charAt(before - 1))) &&
            (count < 2 || types[count - 2] != T_NUMBER))
        {
            // "-50 pips" is a signed amount; "2050 - 2052" and "2050-2052" are ranges.
            numberFlags |= N_SIGNED;
        }
        if (i < n && (s.charAt(i) == '%' || s.charAt(i) == '％'))
        {
            numberFlags |= N_PERCENT;
            i++;
        }
        else if (i < n)
        {
            final char c = s.charAt(i);
            if (c == 'x' || c == 'X' || c == 'х' || c == 'Х')
            {
                numberFlags |= N_X;
                i++;
            }
        }
        final long value = parseDecimal(digits);
        if (value != Fixed.PARSE_ERROR)
        {
            add(T_NUMBER, null, null, value, numberFlags, (char)0);
        }
        return i;
    }

    private static boolean thousands(final String s, final int from)
    {
        // ",050" (exactly three digits, then not a digit) after a digit is a thousands separator.
        if (from + 3 > s.length())
        {
            return false;
        }
        for (int k = 0; k < 3; k++)
        {
            if (!isDigit(s.charAt(from + k)))
            {
                return false;
            }
        }
        return from + 3 == s.length() || !isDigit(s.charAt(from + 3));
    }

    private static long parseDecimal(final CharSequence digits)
    {
        final int length = digits.length();
        if (length == 0 || length > 30)
        {
            return Fixed.PARSE_ERROR;
        }
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)digits.charAt(i));
        }
        return Fixed.parse(buffer, 0, length);
    }

    private int word(final String s, final int from)
    {
        final int n = s.length();
        int i = from;
        while (i < n)
        {
            final int cp = s.codePointAt(i);
            if (!Character.isLetterOrDigit(cp))
            {
                break;
            }
            i += Character.charCount(cp);
        }
        final String raw = s.substring(from, i);
        final String lower = raw.toLowerCase(java.util.Locale.ROOT);
        int wordFlags = 0;
        if (from > 0 && (s.charAt(from - 1) == '#' || s.charAt(from - 1) == '$'))
        {
            wordFlags |= N_HASHTAG;
        }
        // "x10" is leverage.
        if (lower.length() >= 2 && (lower.charAt(0) == 'x' || lower.charAt(0) == 'х') && allDigits(lower, 1))
        {
            final long value = parseDecimal(lower.substring(1));
            if (value != Fixed.PARSE_ERROR)
            {
                add(T_NUMBER, null, null, value, N_X | N_INTEGER, (char)0);
                return i;
            }
        }
        add(T_WORD, lower, raw, 0, wordFlags, (char)0);
        return i;
    }

    private static boolean allDigits(final String text, final int from)
    {
        for (int i = from; i < text.length(); i++)
        {
            if (!isDigit(text.charAt(i)))
            {
                return false;
            }
        }
        return from < text.length();
    }

    private static char separator(final int cp)
    {
        switch (cp)
        {
            case ':':
            case '：':
                return ':';
            case '-':
            case '–':
            case '—':
            case '−':
            case '‒':
            case '‐':
            case '‑':
            case '~':
            case '→':
            case '➡':
                return '-';
            case '/':
            case '\\':
                return '/';
            case '@':
            case '＠':
                return '@';
            case '|':
            case '｜':
            case ';':
                return '|';
            case ',':
                return ',';
            case ')':
                return ')';
            case '=':
                return '=';
            default:
                return 0;
        }
    }

    private static boolean isMinus(final char c)
    {
        return c == '-' || c == '–' || c == '—' || c == '−';
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private void add(final int type, final String text, final String raw, final long value, final int tokenFlags, final char sep)
    {
        types[count] = type;
        texts[count] = text;
        raws[count] = raw;
        values[count] = value;
        flags[count] = tokenFlags;
        seps[count] = sep;
        count++;
    }

    // ---------------------------------------------------------------- phrases

    private void mergePhrases()
    {
        for (int k = 0; k < count; k++)
        {
            if (types[k] != T_WORD)
            {
                continue;
            }
            int second = k + 1;
            if (second < count && types[second] == T_SEP && (seps[second] == '-' || seps[second] == '/'))
            {
                second++;
            }
            if (second >= count || types[second] != T_WORD)
            {
                continue;
            }
            int third = second + 1;
            if (third < count && types[third] == T_SEP && seps[third] == '-')
            {
                third++;
            }
            if (!TextLexicon.startsPhrase(texts[k]))
            {
                if (second == k + 2 && joinsPair(texts[k], texts[second]))
                {
                    texts[k] = texts[k] + texts[second];
                    raws[k] = raws[k] + raws[second];
                    types[k + 1] = T_SKIP;
                    types[second] = T_SKIP;
                }
                continue;
            }
            if (third < count && types[third] == T_WORD)
            {
                final String replacement = TextLexicon.phrase(texts[k] + " " + texts[second] + " " + texts[third]);
                if (replacement != null)
                {
                    replace(k, third, replacement);
                    continue;
                }
            }
            final String replacement = TextLexicon.phrase(texts[k] + " " + texts[second]);
            if (replacement != null)
            {
                replace(k, second, replacement);
                continue;
            }
            if (second == k + 2 && joinsPair(texts[k], texts[second]))
            {
                texts[k] = texts[k] + texts[second];
                raws[k] = raws[k] + raws[second];
                types[k + 1] = T_SKIP;
                types[second] = T_SKIP;
            }
        }
    }

    // "EUR/USD", "BTC/USDT", "btc-usdt": a base and a quote around a slash or dash form one symbol.
    private static boolean joinsPair(final String base, final String quote)
    {
        if (TextLexicon.isCurrency(base) && TextLexicon.isCurrency(quote))
        {
            return true;
        }
        return TextLexicon.isQuote(quote) && base.length() >= 2 && base.length() <= 12 && TextLexicon.asciiAlnum(base) &&
            TextLexicon.word(base) == null;
    }

    private void replace(final int first, final int last, final String replacement)
    {
        final int space = replacement.indexOf(' ');
        for (int j = first + 1; j <= last; j++)
        {
            types[j] = T_SKIP;
        }
        if (space < 0)
        {
            texts[first] = replacement;
        }
        else
        {
            texts[first] = replacement.substring(0, space);
            texts[last] = replacement.substring(space + 1);
            types[last] = T_WORD;
            raws[last] = texts[last];
        }
    }

    // ---------------------------------------------------------------- walking

    private void walk()
    {
        draftCount = 0;
        overflow = false;
        cur = null;
        messageVenue = null;
        messageLeverage = Fixed.NULL;
        cancel = false;
        close = false;
        half = false;
        partial = false;
        closePercent = Fixed.NULL;
        closeSide = null;
        breakeven = false;
        hit = false;
        result = false;
        changeSl = false;
        changeTp = false;
        changeEntry = false;

        int field = FIELD_NONE;
        boolean zonePending = false;
        TextLexicon.Word lastWord = null;
        int lastWordToken = -100;
        int previousToken = -100;
        int lastChange = -100;
        int lastMove = -100;
        int lastSlKeyword = -100;

        for (int k = 0; k < count; k++)
        {
            final int type = types[k];
            if (type == T_SKIP)
            {
                continue;
            }
            final int before = previousToken;
            previousToken = k;
            if (type == T_NEWLINE)
            {
                final boolean list = field == FIELD_TP || field == FIELD_ENTRY ||
                    (field == FIELD_SL && cur != null && cur.stopLoss == Fixed.NULL);
                if (list && nextLineStartsWithNumber(k))
                {
                    continue;
                }
                field = FIELD_NONE;
                zonePending = false;
                lastWord = null;
                continue;
            }
            if (type == T_SEP)
            {
                final char sep = seps[k];
                if (sep == '@')
                {
                    field = FIELD_ENTRY_IMPLICIT;
                    ensureDraft();
                }
                else if ((sep == '-' || sep == '/') && (field == FIELD_ENTRY || field == FIELD_ENTRY_IMPLICIT) &&
                    cur != null && cur.entryCount > 0)
                {
                    zonePending = true;
                }
                else if (sep == '|')
                {
                    field = FIELD_NONE;
                }
                continue;
            }
            if (type == T_NUMBER)
            {
                field = number(k, field, zonePending);
                zonePending = false;
                continue;
            }

            final String word = texts[k];
            final TextLexicon.Word role = roleOf(word);
            if (role == null || role == TextLexicon.Word.FILLER)
            {
                if (role == null && symbol(k))
                {
                    // "change entry for BTCUSDT to 64500": the symbol sits between the keyword and its value.
                    field = field == FIELD_ENTRY_IMPLICIT || (field == FIELD_ENTRY && changeEntry) ? field : FIELD_NONE;
                }
                continue;
            }
            switch (role)
            {
                case BUY:
                case SELL:
                {
                    final Side side = role == TextLexicon.Word.BUY ? Side.BUY : Side.SELL;
                    if (lastWord == TextLexicon.Word.CLOSE || lastWord == TextLexicon.Word.ALL ||
                        lastWord == TextLexicon.Word.HALF || lastWord == TextLexicon.Word.PARTIAL)
                    {
                        closeSide = side;
                        break;
                    }
                    if (cur != null && cur.side != null && cur.side != side && cur.hasPrices())
                    {
                        // The other direction after a priced signal: a second signal, on the same symbol unless named.
                        final Draft previous = cur;
                        newDraft();
                        if (cur != previous && cur != null)
                        {
                            cur.symbol = previous.symbol;
                            cur.symbolRule = previous.symbolRule;
                            cur.symbolToken = previous.symbolToken;
                        }
                    }
                    else if (cur == null)
                    {
                        newDraft();
                    }
                    if (cur.side == null)
                    {
                        cur.side = side;
                        cur.sideToken = k;
                    }
                    else if (cur.side != side)
                    {
                        cur.sideConflict = true;
                    }
                    field = FIELD_ENTRY_IMPLICIT;
                    break;
                }
                case LIMIT:
                    if (lastWord == TextLexicon.Word.BUY || lastWord == TextLexicon.Word.SELL)
                    {
                        cur.explicitType = OrdType.LIMIT;
                    }
                    break;
                case STOP:
                    if (lastWord == TextLexicon.Word.BUY || lastWord == TextLexicon.Word.SELL)
                    {
                        cur.explicitType = OrdType.STOP;
                    }
                    else
                    {
                        field = slKeyword(k, lastChange, lastMove);
                        lastSlKeyword = k;
                    }
                    break;
                case MARKET:
                    ensureDraft();
                    cur.market = true;
                    field = FIELD_ENTRY_IMPLICIT;
                    break;
                case ENTRY:
                    if (k - lastSlKeyword <= 3 && (k - lastMove <= 5 || lastWord == TextLexicon.Word.TO))
                    {
                        // "move SL to entry", "SL to entry": breakeven, not a new entry.
                        breakeven = true;
                        field = FIELD_NONE;
                        break;
                    }
                    ensureDraft();
                    field = FIELD_ENTRY;
                    if (k - lastChange <= 3 || k - lastMove <= 3)
                    {
                        changeEntry = true;
                    }
                    break;
                case SL:
                    field = slKeyword(k, lastChange, lastMove);
                    lastSlKeyword = k;
                    break;
                case TP:
                    if (before == lastWordToken && (lastWord == TextLexicon.Word.ENTRY || lastWord == TextLexicon.Word.SL ||
                        lastWord == TextLexicon.Word.STOP || lastWord == TextLexicon.Word.TP))
                    {
                        // "Entry Targets:", "Stop Targets:", "Take-Profit Targets:" name the list before them.
                        break;
                    }
                    ensureDraft();
                    field = FIELD_TP;
                    if (k - lastChange <= 3 || k - lastMove <= 3)
                    {
                        changeTp = true;
                    }
                    break;
                case LEVERAGE:
                    field = FIELD_LEVERAGE;
                    break;
                case QTY:
                    field = FIELD_QTY;
                    break;
                case BREAKEVEN:
                    breakeven = true;
                    break;
                case BE:
                    if (lastWord == TextLexicon.Word.TO || lastWord == TextLexicon.Word.SL || lastWord == TextLexicon.Word.AT ||
                        lastWord == TextLexicon.Word.MOVE)
                    {
                        breakeven = true;
                    }
                    break;
                case CLOSE:
                    close = true;
                    field = FIELD_CLOSE;
                    break;
                case HALF:
                    half = true;
                    break;
                case PARTIAL:
                    partial = true;
                    break;
                case CANCEL:
                    cancel = true;
                    break;
                case MOVE:
                    lastMove = k;
                    if (k - lastSlKeyword <= 2)
                    {
                        changeSl = true;
                    }
                    break;
                case CHANGE:
                    lastChange = k;
                    break;
                case HIT:
                    hit = true;
                    break;
                case RESULT:
                case PROFIT_UNIT:
                    result = true;
                    break;
                case TO:
                    if ((field == FIELD_ENTRY || field == FIELD_ENTRY_IMPLICIT) && cur != null && cur.entryCount > 0)
                    {
                        zonePending = true;
                    }
                    break;
                case AT:
                    if (cur != null && cur.entryCount == 0)
                    {
                        field = FIELD_ENTRY_IMPLICIT;
                    }
                    break;
                case OPEN_TARGET:
                    if (field == FIELD_TP && cur != null)
                    {
                        cur.openTargets++;
                    }
                    break;
                case VENUE:
                    if (cur != null)
                    {
                        cur.venue = TextLexicon.venue(word);
                    }
                    else
                    {
                        messageVenue = TextLexicon.venue(word);
                    }
                    break;
                default:
                    break;
            }
            if (role != TextLexicon.Word.MARGIN_MODE)
            {
                lastWord = role;
                lastWordToken = k;
            }
        }
    }

    // A keyword's role; numbered targets ("tp1", "target2", "t3", "тп1") are take-profit keywords.
    private static TextLexicon.Word roleOf(final String word)
    {
        final TextLexicon.Word role = TextLexicon.word(word);
        if (role != null)
        {
            return role;
        }
        int end = word.length();
        while (end > 0 && isDigit(word.charAt(end - 1)))
        {
            end--;
        }
        if (end == word.length() || end == 0 || word.length() - end > 2)
        {
            return null;
        }
        final String stem = word.substring(0, end);
        if (stem.equals("t") || TextLexicon.word(stem) == TextLexicon.Word.TP)
        {
            return TextLexicon.Word.TP;
        }
        return null;
    }

    private int slKeyword(final int k, final int lastChange, final int lastMove)
    {
        ensureDraft();
        if (k - lastChange <= 3 || k - lastMove <= 3)
        {
            changeSl = true;
        }
        return FIELD_SL;
    }

    private boolean nextLineStartsWithNumber(final int newline)
    {
        for (int j = newline + 1; j < count; j++)
        {
            if (types[j] == T_SKIP || (types[j] == T_SEP && seps[j] != '|'))
            {
                continue;
            }
            return types[j] == T_NUMBER && (flags[j] & N_X) == 0 ||
                (types[j] == T_WORD && TextLexicon.word(texts[j]) == TextLexicon.Word.OPEN_TARGET);
        }
        return false;
    }

    private int number(final int k, final int field, final boolean zonePending)
    {
        final long value = values[k];
        final int f = flags[k];
        // "1)" or "Target 1:" — an index, not a price.
        if (k + 1 < count && types[k + 1] == T_SEP && (f & N_INTEGER) != 0 && (f & N_PERCENT) == 0 &&
            (seps[k + 1] == ')' || (seps[k + 1] == ':' && (field == FIELD_TP || field == FIELD_NONE || field == FIELD_ENTRY))))
        {
            return field;
        }
        if ((f & N_X) != 0)
        {
            if (cur != null)
            {
                cur.leverage = value;
            }
            else
            {
                messageLeverage = value;
            }
            return field == FIELD_LEVERAGE ? FIELD_NONE : field;
        }
        if ((f & N_SIGNED) != 0)
        {
            result = result || (field != FIELD_CLOSE && (f & N_PERCENT) == 0);
            return field;
        }
        switch (field)
        {
            case FIELD_ENTRY:
            case FIELD_ENTRY_IMPLICIT:
                if ((f & N_PERCENT) != 0 || cur == null)
                {
                    return field;
                }
                if (cur.entryCount == 0)
                {
                    cur.entryLow = value;
                    cur.entryHigh = value;
                    cur.entryCount = 1;
                    return field;
                }
                if (zonePending || field == FIELD_ENTRY)
                {
                    cur.entryLow = Math.min(cur.entryLow, value);
                    cur.entryHigh = Math.max(cur.entryHigh, value);
                    cur.entryCount++;
                    return field;
                }
                return FIELD_NONE;
            case FIELD_SL:
                if ((f & N_PERCENT) == 0 && cur != null && cur.stopLoss == Fixed.NULL)
                {
                    cur.stopLoss = value;
                }
                return field;
            case FIELD_TP:
                if (cur == null)
                {
                    return field;
                }
                if ((f & N_PERCENT) != 0)
                {
                    if (cur.targetCount > 0 && cur.allocations[cur.targetCount - 1] == Fixed.NULL)
                    {
                        cur.allocations[cur.targetCount - 1] = value;
                    }
                    return field;
                }
                if (cur.targetCount < ParsedLeg.MAX_TARGETS)
                {
                    cur.targets[cur.targetCount] = value;
                    cur.allocations[cur.targetCount] = Fixed.NULL;
                    cur.targetCount++;
                }
                return field;
            case FIELD_LEVERAGE:
                if (cur != null)
                {
                    cur.leverage = value;
                }
                else
                {
                    messageLeverage = value;
                }
                return FIELD_NONE;
            case FIELD_QTY:
                if (cur != null && (f & N_PERCENT) == 0)
                {
                    cur.quantity = value;
                }
                return FIELD_NONE;
            case FIELD_CLOSE:
                if ((f & N_PERCENT) != 0)
                {
                    closePercent = value;
                }
                return field;
            default:
                if ((f & N_PERCENT) != 0 && (close || partial))
                {
                    closePercent = value;
                }
                return field;
        }
    }

    // Recognise a symbol; starts a new signal when the current one already has a different symbol.
    private boolean symbol(final int k)
    {
        final String word = texts[k];
        String symbol = null;
        CompletionRule rule = null;
        if (ctx.aliasCount() > 0 && alias(raws[k]))
        {
            symbol = aliasScratch.toString();
        }
        else if (TextLexicon.builtInAlias(word) != null)
        {
            symbol = TextLexicon.builtInAlias(word);
            if (TextLexicon.isCoin(symbol.toLowerCase(java.util.Locale.ROOT)))
            {
                symbol = symbol + quote;
                rule = CompletionRule.QUOTE_SUFFIX;
            }
        }
        else if (TextLexicon.isForexPair(word) || TextLexicon.isIndex(word) || TextLexicon.isIndianDerivative(word))
        {
            symbol = TextLexicon.upper(word);
        }
        else if (TextLexicon.isCryptoPair(word))
        {
            symbol = TextLexicon.upper(word);
            if (symbol.endsWith("PERP"))
            {
                symbol = symbol.substring(0, symbol.length() - 4) + quote;
            }
        }
        else if (TextLexicon.isCoin(word) && ((flags[k] & N_HASHTAG) != 0 || isUpper(raws[k]) || word.equals("btc") || word.equals("eth")))
        {
            symbol = TextLexicon.upper(word) + quote;
            rule = CompletionRule.QUOTE_SUFFIX;
        }
        if (symbol == null || symbol.isEmpty() || symbol.length() > ParsedLeg.SYMBOL_CAPACITY)
        {
            return false;
        }
        if (cur != null && cur.symbol == null)
        {
            cur.symbol = symbol;
            cur.symbolRule = rule;
            cur.symbolToken = k;
            return true;
        }
        if (cur != null && symbol.equals(cur.symbol))
        {
            return true;
        }
        if (cur == null || cur.side != null || cur.hasPrices())
        {
            newDraft();
        }
        // Otherwise the current draft only named a symbol (a header or a mention): the new name replaces it.
        if (cur != null)
        {
            cur.symbol = symbol;
            cur.symbolRule = rule;
            cur.symbolToken = k;
        }
        return true;
    }

    private boolean alias(final String raw)
    {
        final int length = raw.length();
        if (length > aliasWord.capacity())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = raw.charAt(i);
            if (c > 0x7E)
            {
                return false;
            }
            aliasWord.putByte(i, (byte)c);
        }
        return ctx.resolveAlias(aliasWord, 0, length, aliasScratch);
    }

    private static boolean isUpper(final String raw)
    {
        for (int i = 0; i < raw.length(); i++)
        {
            final char c = raw.charAt(i);
            if (Character.isLetter(c) && !Character.isUpperCase(c))
            {
                return false;
            }
        }
        return true;
    }

    private void ensureDraft()
    {
        if (cur == null)
        {
            newDraft();
        }
    }

    private void newDraft()
    {
        if (draftCount >= drafts.length)
        {
            overflow = true;
            return;
        }
        cur = drafts[draftCount++];
        cur.reset();
    }

    // ---------------------------------------------------------------- classification

    private boolean classify(final ParsedSignal out)
    {
        if (overflow)
        {
            return out.fail(RejectReason.UNPARSEABLE, null, "more than 16 signals in one message");
        }
        guessSymbols();
        markAdjacency();
        final Draft named = firstNamed();

        if (cancel)
        {
            out.kind = MessageKind.CANCELLATION;
            for (int i = 0; i < draftCount; i++)
            {
                final Draft d = drafts[i];
                if (d.symbol != null)
                {
                    final ParsedLeg leg = out.addLeg();
                    leg.action = LegAction.CANCEL;
                    leg.side = d.side;
                    setSymbol(leg, d, out, out.legCount() - 1);
                }
            }
            if (out.legCount() == 0)
            {
                out.addLeg().action = LegAction.CANCEL;
                out.refersToPrevious = true;
            }
            return true;
        }

        if (changeEntry || (changeSl && !breakeven) || changeTp)
        {
            return modification(named, out);
        }

        boolean anyComplete = false;
        for (int i = 0; i < draftCount; i++)
        {
            if (drafts[i].isNewTrade(hit, result, close || breakeven))
            {
                anyComplete = true;
                break;
            }
        }
        if (anyComplete)
        {
            return newTrades(out);
        }

        if (close || breakeven || (partial && closePercent != Fixed.NULL))
        {
            return management(named, out);
        }
        if (hit || result)
        {
            return out.notASignal("a result or report, not a trade instruction");
        }
        for (int i = 0; i < draftCount; i++)
        {
            if (drafts[i].side != null && drafts[i].symbol == null)
            {
                return out.fail(RejectReason.UNKNOWN_SYMBOL, "symbol", "a direction without a recognisable symbol");
            }
            if (drafts[i].sideConflict)
            {
                return out.fail(RejectReason.INVALID_FIELD, "side", "both buy and sell for one symbol");
            }
        }
        return out.notASignal("no trade instruction found");
    }

    private Draft firstNamed()
    {
        for (int i = 0; i < draftCount; i++)
        {
            if (drafts[i].symbol != null)
            {
                return drafts[i];
            }
        }
        return null;
    }

    private void guessSymbols()
    {
        for (int i = 0; i < draftCount; i++)
        {
            final Draft d = drafts[i];
            if (d.symbol != null || d.side == null || d.sideToken < 0)
            {
                continue;
            }
            for (int distance = 1; distance <= 2 && d.symbol == null; distance++)
            {
                guessAt(d, d.sideToken - distance);
                if (d.symbol == null)
                {
                    guessAt(d, d.sideToken + distance);
                }
            }
        }
    }

    // A signal with no prices trades only when its symbol and direction stand next to each other ("BTCUSDT LONG"),
    // so that chatter mentioning a symbol and a direction far apart does not.
    private void markAdjacency()
    {
        for (int i = 0; i < draftCount; i++)
        {
            final Draft d = drafts[i];
            if (d.symbolToken < 0 || d.sideToken < 0)
            {
                continue;
            }
            final int from = Math.min(d.symbolToken, d.sideToken);
            final int to = Math.max(d.symbolToken, d.sideToken);
            int between = 0;
            for (int k = from + 1; k < to; k++)
            {
                if (types[k] == T_WORD || types[k] == T_NUMBER || types[k] == T_NEWLINE)
                {
                    between++;
                }
            }
            d.adjacent = between == 0;
        }
    }

    private void guessAt(final Draft d, final int k)
    {
        if (k < 0 || k >= count || types[k] != T_WORD)
        {
            return;
        }
        final String raw = raws[k];
        if (raw == null || raw.length() < 2 || raw.length() > 10 || TextLexicon.word(texts[k]) != null)
        {
            return;
        }
        for (int i = 0; i < raw.length(); i++)
        {
            final char c = raw.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || (i == 0 && !(c >= 'A' && c <= 'Z')))
            {
                return;
            }
        }
        d.symbol = raw;
        d.symbolRule = CompletionRule.SYMBOL_GUESS;
        d.symbolToken = k;
    }

    private boolean newTrades(final ParsedSignal out)
    {
        out.kind = MessageKind.NEW_TRADE;
        for (int i = 0; i < draftCount; i++)
        {
            final Draft d = drafts[i];
            if (!d.isNewTrade(hit, result, close || breakeven))
            {
                if (d.side != null && d.symbol == null)
                {
                    return out.fail(RejectReason.UNKNOWN_SYMBOL, "symbol", "a direction without a recognisable symbol");
                }
                continue;
            }
            if (d.sideConflict)
            {
                return out.fail(RejectReason.INVALID_FIELD, "side", "both buy and sell for one symbol");
            }
            final ParsedLeg leg = out.addLeg();
            final int index = out.legCount() - 1;
            leg.action = LegAction.OPEN;
            leg.side = d.side;
            leg.timeInForce = TimeInForce.GTC;
            setSymbol(leg, d, out, index);
            entry(leg, d, out, index);
            leg.stopLoss = d.stopLoss;
            long allocated = 0;
            for (int t = 0; t < d.targetCount; t++)
            {
                leg.addTarget(d.targets[t], d.allocations[t]);
                if (d.allocations[t] != Fixed.NULL)
                {
                    allocated += d.allocations[t];
                }
            }
            if (allocated > HUNDRED_PERCENT)
            {
                return out.fail(RejectReason.INVALID_FIELD, "tp", "target allocations add up to more than 100%");
            }
            leg.openTargets = d.openTargets;
            leg.leverage = d.leverage != Fixed.NULL ? d.leverage : messageLeverage;
            setVenue(leg, d);
            if (d.quantity != Fixed.NULL)
            {
                leg.quantity = d.quantity;
            }
            else if (ctx.defaultQuantity() != Fixed.NULL)
            {
                leg.quantity = ctx.defaultQuantity();
                out.complete(index, CompletedField.QUANTITY, CompletionRule.DEFAULT_SIZE, CompletionRule.DEFAULT_SIZE.defaultConfidence());
            }
            if (!LegChecks.stopsOnTheRightSide(leg, out))
            {
                return false;
            }
        }
        return true;
    }

    private void entry(final ParsedLeg leg, final Draft d, final ParsedSignal out, final int index)
    {
        if (d.entryCount > 0)
        {
            leg.entryLow = d.entryLow;
            leg.entryHigh = d.entryHigh;
        }
        if (d.market || d.entryCount == 0)
        {
            leg.ordType = OrdType.MARKET;
            if (!d.market)
            {
                out.complete(index, CompletedField.ENTRY, CompletionRule.MARKET_ENTRY, CompletionRule.MARKET_ENTRY.defaultConfidence());
            }
            if (d.entryLow == d.entryHigh)
            {
                leg.entryLow = Fixed.NULL;
                leg.entryHigh = Fixed.NULL;
            }
            return;
        }
        if (d.entryLow != d.entryHigh)
        {
            leg.ordType = OrdType.LIMIT;
            leg.price = d.entryLow + (d.entryHigh - d.entryLow) / 2;
            out.complete(index, CompletedField.ENTRY, CompletionRule.ZONE_MIDPOINT, CompletionRule.ZONE_MIDPOINT.defaultConfidence());
            return;
        }
        leg.entryLow = Fixed.NULL;
        leg.entryHigh = Fixed.NULL;
        if (d.explicitType == OrdType.STOP)
        {
            leg.ordType = OrdType.STOP;
            leg.stopPrice = d.entryLow;
        }
        else
        {
            leg.ordType = OrdType.LIMIT;
            leg.price = d.entryLow;
        }
    }

    private boolean modification(final Draft named, final ParsedSignal out)
    {
        out.kind = MessageKind.MODIFICATION;
        Draft source = null;
        for (int i = 0; i < draftCount && source == null; i++)
        {
            final Draft d = drafts[i];
            if ((changeEntry && d.entryCount > 0) || (changeSl && d.stopLoss != Fixed.NULL) || (changeTp && d.targetCount > 0))
            {
                source = d;
            }
        }
        if (source == null)
        {
            final String field = changeSl ? "sl" : changeTp ? "tp" : "entry";
            return out.fail(RejectReason.INVALID_FIELD, field, "a change without a new value");
        }
        final Draft symbolOf = source.symbol != null ? source : named;
        if (changeEntry && source.entryCount > 0)
        {
            final ParsedLeg leg = modificationLeg(LegAction.NEW_ENTRY, symbolOf, source, out);
            leg.price = source.entryLow + (source.entryHigh - source.entryLow) / 2;
            if (source.entryLow != source.entryHigh)
            {
                leg.entryLow = source.entryLow;
                leg.entryHigh = source.entryHigh;
            }
        }
        if (changeSl && source.stopLoss != Fixed.NULL)
        {
            modificationLeg(LegAction.NEW_SL, symbolOf, source, out).stopLoss = source.stopLoss;
        }
        if (changeTp && source.targetCount > 0)
        {
            final ParsedLeg leg = modificationLeg(LegAction.NEW_TP, symbolOf, source, out);
            for (int t = 0; t < source.targetCount; t++)
            {
                leg.addTarget(source.targets[t], source.allocations[t]);
            }
        }
        return true;
    }

    private ParsedLeg modificationLeg(final LegAction action, final Draft symbolOf, final Draft source, final ParsedSignal out)
    {
        final ParsedLeg leg = out.addLeg();
        leg.action = action;
        leg.side = source.side;
        if (symbolOf != null)
        {
            setSymbol(leg, symbolOf, out, out.legCount() - 1);
        }
        else
        {
            out.refersToPrevious = true;
        }
        return leg;
    }

    private boolean management(final Draft named, final ParsedSignal out)
    {
        out.kind = MessageKind.MANAGEMENT;
        if (close || (partial && closePercent != Fixed.NULL))
        {
            final ParsedLeg leg = out.addLeg();
            leg.reduceOnly = true;
            leg.ordType = OrdType.MARKET;
            if (half || partial || closePercent != Fixed.NULL)
            {
                leg.action = LegAction.CLOSE_PART;
                leg.closePercent = half ? HALF_PERCENT : closePercent != Fixed.NULL ? closePercent : HALF_PERCENT;
                if (leg.closePercent <= 0 || leg.closePercent > HUNDRED_PERCENT)
                {
                    return out.fail(RejectReason.INVALID_FIELD, "closePercent", "a partial close is 1 to 100 percent");
                }
                if (leg.closePercent == HUNDRED_PERCENT)
                {
                    leg.action = LegAction.CLOSE_ALL;
                    leg.closePercent = Fixed.NULL;
                }
            }
            else
            {
                leg.action = closeSide == Side.BUY ? LegAction.CLOSE_LONG : closeSide == Side.SELL ? LegAction.CLOSE_SHORT :
                    LegAction.CLOSE_ALL;
            }
            managementSymbol(leg, named, out);
        }
        if (breakeven)
        {
            final ParsedLeg leg = out.addLeg();
            leg.action = LegAction.MOVE_SL_TO_BREAKEVEN;
            managementSymbol(leg, named, out);
        }
        return true;
    }

    private void managementSymbol(final ParsedLeg leg, final Draft named, final ParsedSignal out)
    {
        if (named != null)
        {
            setSymbol(leg, named, out, out.legCount() - 1);
        }
        else
        {
            out.refersToPrevious = true;
        }
    }

    private void setSymbol(final ParsedLeg leg, final Draft d, final ParsedSignal out, final int index)
    {
        leg.symbol().set(d.symbol);
        if (d.symbolRule != null)
        {
            out.complete(index, CompletedField.SYMBOL, d.symbolRule, d.symbolRule.defaultConfidence());
        }
    }

    private void setVenue(final ParsedLeg leg, final Draft d)
    {
        final String venue = d.venue != null ? d.venue : messageVenue;
        if (venue != null)
        {
            leg.venue().set(venue);
        }
    }

    /** One signal being read from the message. */
    private static final class Draft
    {
        String symbol;
        CompletionRule symbolRule;
        int symbolToken;
        Side side;
        int sideToken;
        boolean sideConflict;
        OrdType explicitType;
        boolean market;
        int entryCount;
        long entryLow;
        long entryHigh;
        long stopLoss;
        final long[] targets = new long[ParsedLeg.MAX_TARGETS];
        final long[] allocations = new long[ParsedLeg.MAX_TARGETS];
        int targetCount;
        int openTargets;
        long leverage;
        long quantity;
        String venue;
        boolean adjacent;

        void reset()
        {
            symbol = null;
            symbolRule = null;
            symbolToken = -1;
            side = null;
            sideToken = -1;
            sideConflict = false;
            explicitType = null;
            market = false;
            entryCount = 0;
            entryLow = Fixed.NULL;
            entryHigh = Fixed.NULL;
            stopLoss = Fixed.NULL;
            targetCount = 0;
            openTargets = 0;
            leverage = Fixed.NULL;
            quantity = Fixed.NULL;
            venue = null;
            adjacent = false;
        }

        boolean hasPrices()
        {
            return stopLoss != Fixed.NULL || targetCount > 0 || entryCount > 0;
        }

        boolean complete()
        {
            return symbol != null && side != null;
        }

        // A signal that opens a position: named, directed, and either priced (entry, stop or target with a stop
        // or target) or free of any word that says it is about an existing position or a result.
        boolean isNewTrade(final boolean hit, final boolean result, final boolean managementWords)
        {
            if (!complete() || hit)
            {
                return false;
            }
            final boolean protectedPrices = stopLoss != Fixed.NULL || targetCount > 0;
            if (protectedPrices)
            {
                return true;
            }
            return !result && !managementWords && (market || adjacent);
        }
    }
}
