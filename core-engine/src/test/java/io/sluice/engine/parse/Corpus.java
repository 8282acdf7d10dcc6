package io.sluice.engine.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The parse corpus: realistic messages of every format with the canonical result expected for each, kept as
 * data files under {@code src/test/resources/corpus} and run through the real parsers and completion rules.
 * <p>
 * A file holds cases separated by {@code ### name} lines; each case has {@code format:}, optional
 * {@code channel:} and {@code facts:} lines, then {@code --- message} and {@code --- expect} sections. The
 * expected lines are those {@link ParsedSignalFormatter} prints (and {@code sluice parse} shows).
 */
final class Corpus
{
    /** One message and what Sluice must make of it. */
    record Case(String file, String name, String format, String channel, String facts, String message, List<String> expected)
    {
        public String toString()
        {
            return file + ": " + name;
        }
    }

    private Corpus()
    {
    }

    static ParseContexts sources()
    {
        return ParseContexts.load(Settings.load(resource("sources.properties")));
    }

    static List<Case> cases()
    {
        final Path dir = resource("sources.properties").getParent();
        final List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(p -> p.toString().endsWith(".corpus")).sorted().toList())
            {
                cases.addAll(read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return cases;
    }

    static List<Case> read(final String file, final String text)
    {
        final List<Case> cases = new ArrayList<>();
        final String[] blocks = text.split("(?m)^### ");
        for (int b = 1; b < blocks.length; b++)
        {
            final String block = blocks[b];
            final String name = block.substring(0, block.indexOf('\n')).trim();
            final int message = block.indexOf("\n--- message\n");
            final int expect = block.indexOf("\n--- expect\n");
            if (message < 0 || expect < message)
            {
                throw new IllegalArgumentException(file + ": case '" + name + "' needs --- message then --- expect");
            }
            String format = null;
            String channel = null;
            String facts = null;
            for (final String line : block.substring(block.indexOf('\n') + 1, message).split("\n"))
            {
                if (line.startsWith("format:"))
                {
                    format = line.substring(7).trim();
                }
                else if (line.startsWith("channel:"))
                {
                    channel = line.substring(8).trim();
                }
                else if (line.startsWith("facts:"))
                {
                    facts = line.substring(6).trim();
                }
            }
            if (format == null)
            {
                throw new IllegalArgumentException(file + ": case '" + name + "' has no format");
            }
            final String body = block.substring(message + "\n--- message\n".length(), expect);
            final List<String> expected = new ArrayList<>();
            for (final String line : block.substring(expect + "\n--- expect\n".length()).split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("#"))
                {
                    expected.add(line.trim());
                }
            }
            cases.add(new Case(file, name, format, channel, facts, body, expected));
        }
        return cases;
    }

    /**
     * Run one case through the real parsers and completion rules.
     *
     * @return the formatter's lines.
     */
    static List<String> run(final Case c, final ParseContexts sources)
    {
        final byte[] bytes = c.message().getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final SignalParsers parsers = new SignalParsers();
        final SignalFormat format = format(c.format(), parsers, buffer, bytes.length);
        final ParseContext ctx = sources.forChannel(c.channel());
        final ParsedSignal signal = new ParsedSignal();
        if (parsers.parse(format, buffer, 0, bytes.length, ctx, signal))
        {
            new SignalCompleter().complete(signal, ctx, facts(c.facts()));
        }
        return ParsedSignalFormatter.lines(signal);
    }

    static SignalFormat format(final String name, final SignalParsers parsers, final UnsafeBuffer buffer, final int length)
    {
        switch (name)
        {
            case "tradingview":
                return parsers.tradingViewFormat(buffer, 0, length);
            case "openalgo":
                return SignalFormat.OPENALGO_JSON;
            case "pineconnector":
                return SignalFormat.PINECONNECTOR;
            case "hedge":
                return SignalFormat.HEDGE_PAIR_JSON;
            case "text":
                return SignalFormat.FREE_TEXT;
            case "canonical":
                return SignalFormat.CANONICAL_JSON;
            default:
                throw new IllegalArgumentException("unknown format " + name);
        }
    }

    /** Facts written as {@code SYMBOL last=P atr=A pip=P contract=C; balance=B}. */
    static MarketFacts facts(final String text)
    {
        if (text == null)
        {
            return MarketFacts.NONE;
        }
        final Map<String, Map<String, Long>> bySymbol = new HashMap<>();
        long balance = Fixed.NULL;
        for (final String part : text.split(";"))
        {
            final String[] words = part.trim().split("\\s+");
            if (words[0].startsWith("balance="))
            {
                balance = Fixed.parse(words[0].substring(8));
                continue;
            }
            final Map<String, Long> values = bySymbol.computeIfAbsent(words[0], k -> new HashMap<>());
            for (int i = 1; i < words.length; i++)
            {
                final String[] kv = words[i].split("=");
                values.put(kv[0], Fixed.parse(kv[1]));
            }
        }
        final long accountBalance = balance;
        return new MarketFacts()
        {
            private long get(final AsciiSlot symbol, final String key)
            {
                final Map<String, Long> values = bySymbol.get(symbol.toString());
                return values == null ? Fixed.NULL : values.getOrDefault(key, Fixed.NULL);
            }

            public long lastPrice(final AsciiSlot symbol)
            {
                return get(symbol, "last");
            }

            public long atr(final AsciiSlot symbol)
            {
                return get(symbol, "atr");
            }

            public long pipSize(final AsciiSlot symbol)
            {
                return get(symbol, "pip");
            }

            public long contractSize(final AsciiSlot symbol)
            {
                return get(symbol, "contract");
            }

            public long balance()
            {
                return accountBalance;
            }
        };
    }

    static Path resource(final String name)
    {
        final URL url = Corpus.class.getResource("/corpus/" + name);
        if (url == null)
        {
            throw new IllegalStateException("missing test resource corpus/" + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

}
