package io.sluice.engine.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words the free-text parser knows, in English and Russian, with the misspellings channels commonly
 * make, and the instrument tables it recognises symbols by. Lookups are hash-map reads of lower-case words.
 */
final class TextLexicon
{
    /** Role of a keyword. */
    enum Word
    {
        BUY, SELL, LIMIT, STOP, MARKET, ENTRY, SL, TP, LEVERAGE, MARGIN_MODE, QTY, BREAKEVEN, BE, CLOSE, HALF,
        PARTIAL, ALL, CANCEL, MOVE, CHANGE, HIT, RESULT, PROFIT_UNIT, TO, AT, OPEN_TARGET, VENUE, FILLER
    }

    private static final Map<String, Word> WORDS = new HashMap<>(512);
    private static final Map<String, String> PHRASES = new HashMap<>(128);
    private static final java.util.Set<String> PHRASE_HEADS = new java.util.HashSet<>(64);
    private static final Map<String, String> VENUES = new HashMap<>(32);
    private static final Map<String, String> BUILT_IN_ALIASES = new HashMap<>(64);
    private static final Set<String> CURRENCIES = Set.of(
        "usd", "eur", "gbp", "jpy", "chf", "aud", "nzd", "cad", "xau", "xag", "sgd", "hkd", "nok", "sek", "dkk", "try",
        "zar", "mxn", "cnh", "pln", "inr", "huf", "czk", "xpt", "xpd");
    private static final Set<String> COINS = Set.of(
        "btc", "eth", "sol", "xrp", "bnb", "doge", "ada", "avax", "dot", "link", "matic", "pol", "ltc", "trx", "ton",
        "shib", "pepe", "arb", "op", "atom", "near", "apt", "sui", "ftm", "inj", "fil", "etc", "bch", "uni", "aave",
        "icp", "xlm", "hbar", "vet", "algo", "sand", "mana", "axs", "gala", "ape", "ldo", "rndr", "render", "wif",
        "bonk", "floki", "sei", "tia", "jup", "wld", "strk", "imx", "grt", "crv", "mkr", "snx", "rune", "kas", "ordi",
        "eos", "xmr", "zec", "dash", "neo", "egld", "flow", "chz", "enj", "1inch", "dydx", "gmx", "blur", "pyth");
    private static final String[] QUOTE_SUFFIXES = {"usdt", "usdc", "busd", "fdusd", "perp"};
    private static final Set<String> QUOTES = Set.of("usdt", "usdc", "busd", "fdusd", "usd", "btc", "eth", "eur", "inr");
    private static final Set<String> INDICES = Set.of(
        "us30", "nas100", "us100", "spx500", "us500", "ger40", "ger30", "de40", "uk100", "jp225", "usoil", "ukoil",
        "xtiusd", "xbrusd", "nifty", "banknifty", "finnifty", "sensex", "midcpnifty", "dxy", "hk50", "aus200", "fra40",
        "eu50", "ngas", "natgas", "btcusd", "ethusd");

    static
    {
        words(Word.BUY, "buy", "buys", "buying", "byu", "buyy", "buuy", "long", "longs", "bull", "лонг", "лонги",
            "покупка", "купить", "покупаем", "покупай", "покупку", "бай");
        words(Word.SELL, "sell", "sells", "selling", "sel", "seel", "selll", "short", "shorts", "shrt", "bear", "шорт",
            "шорты", "продажа", "продать", "продаем", "продаём", "продавай", "продажу", "селл");
        words(Word.LIMIT, "limit", "лимит", "лимитка", "лимитный");
        words(Word.STOP, "stop");
        words(Word.MARKET, "market", "now", "cmp", "instant", "immediately", "рынок", "рынку", "рыночный", "сейчас");
        words(Word.ENTRY, "entry", "entries", "enrty", "entery", "entri", "entty", "enter", "ep", "range", "zone", "price",
            "вход", "входа", "входим", "вхождение", "цена", "зона", "диапазон", "точка", "entryzone", "entry_zone");
        words(Word.SL, "sl", "stoploss", "stoplose", "stoplos", "stopp", "stp", "s/l", "стоп", "стоплосс", "стоп-лосс",
            "сл", "лосс", "invalidation");
        words(Word.TP, "tp", "tps", "target", "targets", "targt", "traget", "tagret", "targer", "tgt", "tgts", "takeprofit",
            "take-profit", "тп", "тейк", "тейки", "тейкпрофит", "тейк-профит", "цель", "цели", "таргет", "таргеты");
        words(Word.LEVERAGE, "leverage", "levarage", "leverge", "leveradge", "lev", "lvg", "плечо", "плечом", "плеча");
        words(Word.MARGIN_MODE, "cross", "isolated", "isolate", "кросс", "изолированная", "изолированный");
        words(Word.QTY, "lot", "lots", "lotsize", "volume", "vol", "size", "qty", "quantity", "лот", "лота", "лотов",
            "объем", "объём");
        words(Word.BREAKEVEN, "breakeven", "break-even", "breakven", "brakeeven", "безубыток", "безубыток.", "безубытке",
            "бу", "б/у");
        words(Word.BE, "be");
        words(Word.CLOSE, "close", "closed", "closing", "exit", "exited", "book", "закрыть", "закрываем", "закрываю",
            "закрыли", "фиксируем", "фиксация", "фиксирую", "выходим", "выход");
        words(Word.HALF, "half", "половину", "половина", "половины");
        words(Word.PARTIAL, "partial", "partially", "partials", "part", "some", "частично", "часть", "частичная", "частичное");
        words(Word.ALL, "all", "everything", "все", "всё", "всю");
        words(Word.CANCEL, "cancel", "cancelled", "canceled", "cancle", "cancell", "cancled", "delete", "deleted", "void",
            "voided", "ignore", "invalid", "invalidated", "отмена", "отменить", "отменен", "отменён", "отменяем", "отменяю",
            "отменяется", "неактуально", "неактуален");
        words(Word.MOVE, "move", "moved", "moving", "shift", "trail", "перенести", "переносим", "переводим", "перевести",
            "двигаем", "передвигаем", "переставляем", "ставим");
        words(Word.CHANGE, "change", "changed", "update", "updated", "modify", "modified", "adjust", "adjusted", "edit",
            "edited", "new", "изменить", "изменение", "изменения", "новый", "новая", "новые", "обновление", "меняем");
        words(Word.HIT, "hit", "hitted", "reached", "achieved", "done", "smashed", "touched", "filled", "достигнут",
            "достигнута", "взят", "взята", "взяли", "отработал", "отработала");
        words(Word.RESULT, "result", "results", "report", "summary", "congrats", "congratulations", "profit", "profits",
            "gain", "gains", "roi", "running", "weekly", "monthly", "recap", "итог", "итоги", "результат", "результаты",
            "поздравляю", "профит", "прибыль");
        words(Word.PROFIT_UNIT, "pips", "pip", "points", "pts", "пунктов", "пипсов", "пунктов.");
        words(Word.TO, "to", "на", "в");
        words(Word.AT, "at");
        words(Word.OPEN_TARGET, "open", "null", "tbd", "open-ended", "открыто", "открытая");
        words(Word.FILLER, "signal", "signals", "trade", "trading", "setup", "сигнал", "сигналы", "the", "and", "and/or",
            "with", "from", "of", "pair", "coin", "futures", "spot", "order", "orders", "or", "position", "positions", "our",
            "please", "pls", "i", "we", "my", "your", "is", "are", "for", "it", "this", "on", "after", "if", "by", "a");

        phrase("stop loss", "sl");
        phrase("stop lose", "sl");
        phrase("stop los", "sl");
        phrase("take profit", "tp");
        phrase("take proft", "tp");
        phrase("take prfit", "tp");
        phrase("тейк профит", "tp");
        phrase("стоп лосс", "sl");
        phrase("entry zone", "entry");
        phrase("entry price", "entry");
        phrase("entry point", "entry");
        phrase("buy zone", "buy entry");
        phrase("sell zone", "sell entry");
        phrase("buy range", "buy entry");
        phrase("sell range", "sell entry");
        phrase("open price", "entry");
        phrase("точка входа", "entry");
        phrase("зона входа", "entry");
        phrase("break even", "breakeven");
        phrase("по рынку", "market");
        phrase("market price", "market");
        phrase("market execution", "market");
        phrase("right now", "market");
        phrase("не актуально", "cancel");
        phrase("no longer valid", "cancel");
        phrase("take partial", "close partial");
        phrase("s l", "sl");
        phrase("t p", "tp");
        phrase("б у", "breakeven");

        venue("binance", "binance");
        venue("bybit", "bybit");
        venue("okx", "okx");
        venue("kucoin", "kucoin");
        venue("bitget", "bitget");
        venue("mexc", "mexc");
        venue("mt5", "mt5");
        venue("mt4", "mt5");
        venue("metatrader", "mt5");
        venue("zerodha", "kite");
        venue("kite", "kite");
        venue("angelone", "angelone");
        venue("upstox", "upstox");
        venue("dhan", "dhan");
        venue("paper", "paper");

        BUILT_IN_ALIASES.put("gold", "XAUUSD");
        BUILT_IN_ALIASES.put("xau", "XAUUSD");
        BUILT_IN_ALIASES.put("золото", "XAUUSD");
        BUILT_IN_ALIASES.put("silver", "XAGUSD");
        BUILT_IN_ALIASES.put("xag", "XAGUSD");
        BUILT_IN_ALIASES.put("серебро", "XAGUSD");
        BUILT_IN_ALIASES.put("nasdaq", "NAS100");
        BUILT_IN_ALIASES.put("dow", "US30");
        BUILT_IN_ALIASES.put("dowjones", "US30");
        BUILT_IN_ALIASES.put("биткоин", "BTC");
        BUILT_IN_ALIASES.put("bitcoin", "BTC");
        BUILT_IN_ALIASES.put("ethereum", "ETH");
        BUILT_IN_ALIASES.put("эфир", "ETH");
    }

    private TextLexicon()
    {
    }

    private static void words(final Word word, final String... texts)
    {
        for (final String text : texts)
        {
            WORDS.put(text, word);
        }
    }

    private static void phrase(final String words, final String replacement)
    {
        PHRASES.put(words, replacement);
        PHRASE_HEADS.add(words.substring(0, words.indexOf(' ')));
    }

    private static void venue(final String word, final String venue)
    {
        VENUES.put(word, venue);
        WORDS.put(word, Word.VENUE);
    }

    /** @return the role of a lower-case word, or null. */
    static Word word(final String lower)
    {
        return WORDS.get(lower);
    }

    /** @return what a two- or three-word phrase ("stop loss") stands for, or null. */
    static String phrase(final String lowerWords)
    {
        return PHRASES.get(lowerWords);
    }

    /** @return true when some phrase starts with this lower-case word. */
    static boolean startsPhrase(final String lower)
    {
        return PHRASE_HEADS.contains(lower);
    }

    /** @return the venue a venue word names. */
    static String venue(final String lower)
    {
        return VENUES.get(lower);
    }

    /** @return the symbol of a built-in alias (gold → XAUUSD), or null. */
    static String builtInAlias(final String lower)
    {
        return BUILT_IN_ALIASES.get(lower);
    }

    static boolean isCurrency(final String lower)
    {
        return CURRENCIES.contains(lower);
    }

    static boolean isCoin(final String lower)
    {
        return COINS.contains(lower);
    }

    static boolean isQuote(final String lower)
    {
        return QUOTES.contains(lower);
    }

    static boolean isIndex(final String lower)
    {
        return INDICES.contains(lower);
    }

    /** @return true for a pair like "ftmusdt", "1000pepeusdt", "btcusdc", "ethperp". */
    static boolean isCryptoPair(final String lower)
    {
        for (final String suffix : QUOTE_SUFFIXES)
        {
            if (lower.length() > suffix.length() + 1 && lower.endsWith(suffix) && asciiAlnum(lower))
            {
                return true;
            }
        }
        return false;
    }

    /** @return true for a forex or metal pair like "eurusd", "xauusd". */
    static boolean isForexPair(final String lower)
    {
        return lower.length() == 6 && isCurrency(lower.substring(0, 3)) && isCurrency(lower.substring(3));
    }

    /** @return true for Indian derivatives: "nifty28mar2420800ce", "banknifty24apr24fut". */
    static boolean isIndianDerivative(final String lower)
    {
        if (lower.length() < 9 || !asciiAlnum(lower) || !Character.isLetter(lower.charAt(0)))
        {
            return false;
        }
        final boolean suffix = lower.endsWith("ce") || lower.endsWith("pe") || lower.endsWith("fut");
        int digits = 0;
        for (int i = 0; i < lower.length(); i++)
        {
            digits += Character.isDigit(lower.charAt(i)) ? 1 : 0;
        }
        return suffix && digits >= 4;
    }

    static boolean asciiAlnum(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return !text.isEmpty();
    }

    static String upper(final String text)
    {
        return text.toUpperCase(Locale.ROOT);
    }
}
