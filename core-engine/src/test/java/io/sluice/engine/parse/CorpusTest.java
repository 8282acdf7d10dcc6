package io.sluice.engine.parse;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of the corpus gives exactly the canonical result written next to it, through the real
 * parsers, the sources' settings and the completion rules.
 */
class CorpusTest
{
    private static final ParseContexts SOURCES = Corpus.sources();

    static Stream<Corpus.Case> cases()
    {
        return Corpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldParseEveryCorpusMessageToItsExpectedResult(final Corpus.Case c)
    {
        assertTrue(!c.expected().isEmpty(), "case has no expectation");
        final List<String> actual = Corpus.run(c, SOURCES);
        assertEquals(String.join("\n", c.expected()), String.join("\n", actual), c.message());
    }

    @Test
    void shouldHoldAtLeastEightyMessagesAcrossEveryFormat()
    {
        final List<Corpus.Case> cases = Corpus.cases();
        assertTrue(cases.size() >= 80, "corpus holds " + cases.size() + " messages");
        for (final String format : List.of("canonical", "tradingview", "pineconnector", "openalgo", "hedge", "text"))
        {
            assertTrue(cases.stream().anyMatch(c -> c.format().equals(format)), "no corpus message in format " + format);
        }
        for (final String outcome : List.of("NEW_TRADE", "MANAGEMENT", "MODIFICATION", "CANCELLATION", "NOT_A_SIGNAL", "REFUSED"))
        {
            assertTrue(cases.stream().anyMatch(c -> c.expected().get(0).contains("\"outcome\":\"" + outcome + "\"")),
                "no corpus message with outcome " + outcome);
        }
        assertTrue(cases.stream().anyMatch(c -> c.expected().get(0).contains("\"legs\":2") && c.format().equals("text")),
            "no multi-signal message");
        assertTrue(cases.stream().anyMatch(c -> c.message().chars().anyMatch(ch -> Character.UnicodeBlock.of(ch) ==
            Character.UnicodeBlock.CYRILLIC)), "no Russian message");
    }
}
