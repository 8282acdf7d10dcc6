package io.sluice.engine.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParseMainTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheCanonicalIntentOfAMessageAndExitZero() throws IOException
    {
        final Path config = dir.resolve("sluice.properties");
        Files.writeString(config, "sluice.sources=vip\nsluice.source.vip.defaultQty=0.1\n");

        final Result result = run("", "--format", "text", "--channel", "vip", "--config", config.toString(),
            "GOLD BUY 2050 SL 2045 TP 2060");

        assertEquals(0, result.exitCode());
        assertEquals(String.join("\n",
            "{\"format\":\"FREE_TEXT\",\"channel\":\"vip\"}",
            "{\"outcome\":\"NEW_TRADE\",\"legs\":1,\"confidence\":90}",
            "{\"leg\":0,\"action\":\"OPEN\",\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"qty\":\"0.1\",\"price\":\"2050\"," +
                "\"sl\":\"2045\",\"tp\":[\"2060\"],\"tif\":\"GTC\"}",
            "{\"completed\":\"QUANTITY\",\"leg\":0,\"rule\":\"DEFAULT_SIZE\",\"confidence\":90}"), result.output().strip());
    }

    @Test
    void shouldReadStandardInputAndExitOneOnARefusal()
    {
        final Result result = run("{\"ticker\":\"EURUSD\",\"action\":\"{{strategy.order.action}}\"}", "--format", "tradingview", "-");

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("\"format\":\"TRADINGVIEW_JSON\""), result.output());
        assertTrue(result.output().contains("\"outcome\":\"REFUSED\",\"reason\":\"INVALID_FIELD\",\"field\":\"side\""), result.output());
    }

    @Test
    void shouldUseCompletionFactsFromTheCommandLine()
    {
        final Result result = run("60123456789,sell,GBPJPY,sl=50,risk=1", "--format", "tradingview",
            "--price", "GBPJPY=190", "--pip", "GBPJPY=0.01");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("\"sl\":\"190.5\""), result.output());
    }

    @Test
    void shouldRejectAnUnknownFormatAsAUsageError()
    {
        assertEquals(2, run("", "--format", "xml", "x").exitCode());
    }

    private record Result(int exitCode, String output)
    {
    }

    private static Result run(final String stdin, final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final CommandLine commandLine = new CommandLine(new ParseMain(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out));
        commandLine.setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }
}
