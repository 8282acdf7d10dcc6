package io.sluice.gateway.paper;

import io.sluice.gateway.test.EmbeddedMediaDriver;
import io.sluice.gateway.test.GatewayHarness;
import io.sluice.gateway.test.MarketDataEvent;
import io.sluice.protocol.Fixed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperRandomWalkTest
{
    private static final int STEPS = 25;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "EURUSD", "XAUUSD", "INFY", "NIFTY");

    @TempDir
    static Path tempDir;

    private static EmbeddedMediaDriver driver;

    @BeforeAll
    static void launchDriver()
    {
        driver = EmbeddedMediaDriver.launch(tempDir);
    }

    @AfterAll
    static void closeDriver()
    {
        driver.close();
    }

    @Test
    void shouldWalkPricesIdenticallyForTheSameSeed()
    {
        final List<List<Long>> first = walk("7");
        final List<List<Long>> second = walk("7");

        assertEquals(first, second);
        assertNotEquals(first.get(0), first.get(STEPS), "prices must move");
    }

    @Test
    void shouldWalkDifferentlyForAnotherSeed()
    {
        assertNotEquals(walk("7"), walk("8"));
    }

    @Test
    void shouldMoveEachMidByAtMostWalkBpsPerStepAndPublishTheNewQuote()
    {
        try (GatewayHarness harness = launch("42"))
        {
            final PaperVenue venue = harness.venue(PaperVenue.class);
            harness.reports().drain();
            for (int step = 0; step < STEPS; step++)
            {
                final List<Long> before = mids(venue);
                harness.reports().clear();
                harness.clock().advance(1000, TimeUnit.MILLISECONDS);
                harness.reports().drain();
                for (int i = 0; i < SYMBOLS.size(); i++)
                {
                    final String symbol = SYMBOLS.get(i);
                    final long mid = venue.mid(symbol);
                    final long maxMove = Fixed.mulDiv(before.get(i), 5, 10_000);
                    assertTrue(Math.abs(mid - before.get(i)) <= maxMove,
                        symbol + " moved from " + Fixed.toString(before.get(i)) + " to " + Fixed.toString(mid));

                    final List<MarketDataEvent> quotes = harness.reports().marketData().stream()
                        .filter((md) -> md.symbol().equals(symbol)).collect(Collectors.toList());
                    assertTrue(!quotes.isEmpty(), "market data for " + symbol + " after a walk step");
                    final MarketDataEvent latest = quotes.get(quotes.size() - 1);
                    assertEquals(mid, latest.last());
                    assertEquals(venue.bid(symbol), latest.bid());
                    assertEquals(venue.ask(symbol), latest.ask());
                    assertEquals(mid - Fixed.mulDiv(mid, Fixed.of(2), 20_000 * Fixed.SCALE), latest.bid());
                }
            }
        }
    }

    @Test
    void shouldKeepPricesStillWhenWalkIsDisabled()
    {
        try (GatewayHarness harness = GatewayHarness.launch(driver, "paper", Map.of(PaperVenue.WALK_PROP, "false")))
        {
            final PaperVenue venue = harness.venue(PaperVenue.class);
            final List<Long> start = mids(venue);
            for (int step = 0; step < 5; step++)
            {
                harness.clock().advance(1000, TimeUnit.MILLISECONDS);
                harness.reports().drain();
            }
            assertEquals(start, mids(venue));
        }
    }

    @Test
    void shouldUseNoFloatingPointInThePaperVenue() throws IOException
    {
        final Path sources = Path.of("src", "main", "java", "io", "sluice", "gateway", "paper");
        assertTrue(Files.isDirectory(sources), "run from the gateways module: " + sources.toAbsolutePath());
        final Pattern floatingPoint = Pattern.compile("\\b(double|float|Double|Float|BigDecimal|Math\\.random)\\b|\\d\\.\\d*[dDfF]\\b");
        final List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources))
        {
            for (final Path file : files.filter((f) -> f.toString().endsWith(".java")).collect(Collectors.toList()))
            {
                final String code = stripComments(Files.readString(file));
                final Matcher matcher = floatingPoint.matcher(code);
                while (matcher.find())
                {
                    offences.add(file.getFileName() + ": " + matcher.group());
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    private static String stripComments(final String source)
    {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static List<List<Long>> walk(final String seed)
    {
        try (GatewayHarness harness = launch(seed))
        {
            final PaperVenue venue = harness.venue(PaperVenue.class);
            final List<List<Long>> path = new ArrayList<>();
            path.add(mids(venue));
            for (int step = 0; step < STEPS; step++)
            {
                harness.clock().advance(1000, TimeUnit.MILLISECONDS);
                harness.reports().drain();
                path.add(mids(venue));
            }
            return path;
        }
    }

    private static GatewayHarness launch(final String seed)
    {
        return GatewayHarness.launch(driver, "paper", Map.of(
            PaperVenue.WALK_PROP, "true",
            PaperVenue.SEED_PROP, seed,
            PaperVenue.WALK_INTERVAL_MS_PROP, "1000",
            PaperVenue.WALK_BPS_PROP, "5"));
    }

    private static List<Long> mids(final PaperVenue venue)
    {
        return SYMBOLS.stream().map(venue::mid).collect(Collectors.toList());
    }
}
