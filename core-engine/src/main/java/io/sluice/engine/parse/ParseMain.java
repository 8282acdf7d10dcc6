package io.sluice.engine.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice parse}: shows what Sluice would do with a message — the canonical intent(s) or the reason it
 * refuses — without trading. Users test alert templates and channel posts with it.
 * <p>
 * Exit status: 0 when the message would act, 1 when it is refused or not a signal, 2 for usage errors.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parse a signal as the engine would and print the canonical intent(s) or the refusal, one JSON line each.")
public final class ParseMain implements Callable<Integer>
{
    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "tradingview (JSON, PineConnector or text, as the TradingView webhook decides), openalgo, pineconnector, " +
            "hedge, text or canonical.")
    private String format;

    @Option(names = "--channel", paramLabel = "C", description = "Source whose settings apply (sluice.source.<C>.*).")
    private String channel;

    @Option(names = "--config", paramLabel = "F", description = "Properties file with the sources' settings.")
    private Path config;

    @Option(names = "--price", paramLabel = "SYMBOL=P", description = "Last price of a symbol for the completion rules.")
    private Map<String, String> prices = new HashMap<>();

    @Option(names = "--atr", paramLabel = "SYMBOL=A", description = "Recent range (ATR) of a symbol for the completion rules.")
    private Map<String, String> atrs = new HashMap<>();

    @Option(names = "--pip", paramLabel = "SYMBOL=P", description = "Pip size of a symbol for pips conversions.")
    private Map<String, String> pips = new HashMap<>();

    @Option(names = "--balance", paramLabel = "B", description = "Account balance for risk in percent of balance.")
    private String balance;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The message; '-' or nothing reads standard input.")
    private String text;

    private final InputStream in;
    private final PrintStream out;

    /**
     * A command reading standard input and printing to standard output.
     */
    public ParseMain()
    {
        this(System.in, System.out);
    }

    ParseMain(final InputStream in, final PrintStream out)
    {
        this.in = in;
        this.out = out;
    }

    /**
     * Parse and print.
     *
     * @return exit status.
     * @throws IOException when standard input cannot be read.
     */
    public Integer call() throws IOException
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.of(Map.of());
        final ParseContext ctx = ParseContexts.load(settings).forChannel(channel);
        final byte[] body = text == null || text.equals("-") ? readAll(in) : text.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(body);
        final SignalParsers parsers = new SignalParsers();
        final SignalFormat signalFormat = format(parsers, buffer, body.length);
        final ParsedSignal signal = new ParsedSignal();
        if (parsers.parse(signalFormat, buffer, 0, body.length, ctx, signal))
        {
            new SignalCompleter().complete(signal, ctx, facts());
        }
        out.println("{\"format\":\"" + signalFormat.name() + "\",\"channel\":\"" + ctx.name() + "\"}");
        for (final String line : ParsedSignalFormatter.lines(signal))
        {
            out.println(line);
        }
        out.flush();
        return signal.mayAct() ? 0 : 1;
    }

    private SignalFormat format(final SignalParsers parsers, final UnsafeBuffer buffer, final int length)
    {
        switch (format.toLowerCase(Locale.ROOT))
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
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--format must be tradingview, openalgo, pineconnector, hedge, text or canonical");
        }
    }

    private MarketFacts facts()
    {
        final Map<String, Long> last = fixedMap(prices, "--price");
        final Map<String, Long> atr = fixedMap(atrs, "--atr");
        final Map<String, Long> pip = fixedMap(pips, "--pip");
        final long accountBalance = balance == null ? Fixed.NULL : parseFixed(balance, "--balance");
        return new MarketFacts()
        {
            public long lastPrice(final AsciiSlot symbol)
            {
                return last.getOrDefault(symbol.toString(), Fixed.NULL);
            }

            public long atr(final AsciiSlot symbol)
            {
                return atr.getOrDefault(symbol.toString(), Fixed.NULL);
            }

            public long pipSize(final AsciiSlot symbol)
            {
                return pip.getOrDefault(symbol.toString(), Fixed.NULL);
            }

            public long contractSize(final AsciiSlot symbol)
            {
                return Fixed.NULL;
            }

            public long balance()
            {
                return accountBalance;
            }
        };
    }

    private Map<String, Long> fixedMap(final Map<String, String> values, final String option)
    {
        final Map<String, Long> map = new HashMap<>();
        values.forEach((symbol, value) -> map.put(symbol, parseFixed(value, option)));
        return map;
    }

    private long parseFixed(final String value, final String option)
    {
        try
        {
            return Fixed.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), option + " needs a decimal, was '" + value + "'");
        }
    }

    private static byte[] readAll(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    /**
     * Run the command.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    static int run(final String... args)
    {
        return new CommandLine(new ParseMain()).execute(args);
    }
}
