package io.sluice.engine.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated inputs through every parser: no exception escapes and every input gets an outcome
 * (parsed with a kind, or refused with a reason and a detail), and a parse is deterministic.
 * <p>
 * Each try derives {@link #INPUTS_PER_TRY} inputs from one seed (random bytes, random tokens of the format's
 * alphabet, and mutations of the corpus messages: bit flips, cuts, splices, repeated and inserted bytes), so a
 * million inputs cost a few hundred thousand tries; every fourth input is parsed twice to check the outcome is
 * deterministic. Seeds come from a fixed master seed, so a run is reproducible; a failure names its seed.
 */
class ParserFuzzTest
{
    private static final int INPUTS_PER_TRY = 8;
    private static final int TRIES = 21_000;
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final List<byte[]> SEEDS = Corpus.cases().stream()
        .map(c -> c.message().getBytes(StandardCharsets.UTF_8)).toList();
    private static final String[] TOKENS = {
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u00", "null", "true", "-", "0", "1e5", ".", "65000.12345678",
        "\"symbol\"", "\"side\"", "\"qty\"", "\"price\"", "\"legs\"", "\"orders\"", "\"tp1\"", "\"strategy\"", "\"event\"",
        "\"buy\"", "\"SELL\"", "\"{{close}}\"", "60123456789", "buy", "sell", "closeall", "newsltplong", "risk=", "sl=",
        "tp=", "price=", "comment=\"", "secret=", "BUY", "SELL", "XAUUSD", "GOLD", "BTCUSDT", "#SOL", "SL", "TP1", "TP",
        "Entry", "zone", "–", "—", "/", "@", "|", "%", "x", "10x", "close", "half", "move", "breakeven", "cancel", "new",
        "hit", "ЛОНГ", "Вход", "СЛ", "ТП", "1️⃣", "🟢", "\n", " ", "\t", "\u0000", "\uFFFD", "∞", "+50", "pips"};

    private final SignalParsers parsers = new SignalParsers();
    private final ParsedSignal out = new ParsedSignal();
    private final ParsedSignal again = new ParsedSignal();
    private final ParseContext ctx = new ParseContext("fuzz").defaultQuantity(io.sluice.protocol.Fixed.of(1))
        .alias("GOLD", "XAUUSD").licenseId("60123456789");
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

    @Test
    void shouldAnswerEveryCanonicalInput()
    {
        feedAll(SignalFormat.CANONICAL_JSON);
    }

    @Test
    void shouldAnswerEveryTradingViewInput()
    {
        feedAll(SignalFormat.TRADINGVIEW_JSON);
    }

    @Test
    void shouldAnswerEveryOpenAlgoInput()
    {
        feedAll(SignalFormat.OPENALGO_JSON);
    }

    @Test
    void shouldAnswerEveryPineConnectorInput()
    {
        feedAll(SignalFormat.PINECONNECTOR);
    }

    @Test
    void shouldAnswerEveryHedgePairInput()
    {
        feedAll(SignalFormat.HEDGE_PAIR_JSON);
    }

    @Test
    void shouldAnswerEveryFreeTextInput()
    {
        feedAll(SignalFormat.FREE_TEXT);
    }

    @AfterAll
    static void shouldHaveFedAtLeastAMillionInputs()
    {
        final long inputs = INPUTS.get();
        assertTrue(inputs >= 1_000_000, "fed " + inputs + " inputs, fewer than a million");
    }

    private void feedAll(final SignalFormat format)
    {
        final Random master = new Random(format.ordinal() * 7919L + 17);
        for (int t = 0; t < TRIES; t++)
        {
            final long seed = master.nextLong();
            try
            {
                feed(format, seed);
            }
            catch (final RuntimeException | AssertionError ex)
            {
                throw new AssertionError(format + " failed for seed " + seed + ": " + ex, ex);
            }
        }
    }

    private void feed(final SignalFormat format, final long seed)
    {
        final Random random = new Random(seed);
        for (int i = 0; i < INPUTS_PER_TRY; i++)
        {
            final byte[] input = input(random);
            check(format, input, (i & 3) == 0);
            INPUTS.incrementAndGet();
        }
    }

    private void check(final SignalFormat format, final byte[] input, final boolean checkDeterminism)
    {
        buffer.wrap(input);
        final boolean parsed = parsers.parse(format, buffer, 0, input.length, ctx, out);
        if (parsed)
        {
            assertTrue(out.kind() != null && out.rejectReason() == null, "parsed without a kind");
            assertTrue(out.kind() != MessageKind.NOT_A_SIGNAL || out.legCount() == 0, "a non-signal with legs");
            for (int l = 0; l < out.legCount(); l++)
            {
                assertTrue(out.leg(l).action() != null, "leg without an action");
            }
        }
        else
        {
            assertTrue(out.rejectReason() != null && out.errorDetail() != null, "refused without a reason and detail");
        }
        if (!checkDeterminism)
        {
            return;
        }
        final String first = ParsedSignalFormatter.format(out);
        parsers.parse(format, buffer, 0, input.length, ctx, again);
        final String second = ParsedSignalFormatter.format(again);
        if (!first.equals(second))
        {
            throw new AssertionError("not deterministic for " + new String(input, StandardCharsets.UTF_8));
        }
    }

    private static byte[] input(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return randomBytes(random);
            case 1:
                return tokens(random);
            default:
                return mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
        }
    }

    private static byte[] randomBytes(final Random random)
    {
        final byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] tokens(final Random random)
    {
        final StringBuilder sb = new StringBuilder();
        final int n = random.nextInt(60);
        for (int i = 0; i < n; i++)
        {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]);
            if (random.nextInt(3) == 0)
            {
                sb.append(random.nextInt(100_000)).append(random.nextBoolean() ? "." + random.nextInt(1000) : "");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(final byte[] seed, final Random random)
    {
        byte[] bytes = seed.clone();
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++)
        {
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.nextInt(8));
                    break;
                case 1:
                    bytes = java.util.Arrays.copyOf(bytes, at);
                    break;
                case 2:
                {
                    final byte[] other = SEEDS.get(random.nextInt(SEEDS.size()));
                    final int from = other.length == 0 ? 0 : random.nextInt(other.length);
                    final byte[] spliced = new byte[at + other.length - from];
                    System.arraycopy(bytes, 0, spliced, 0, at);
                    System.arraycopy(other, from, spliced, at, other.length - from);
                    bytes = spliced;
                    break;
                }
                case 3:
                {
                    final byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                    final byte[] inserted = new byte[bytes.length + token.length];
                    System.arraycopy(bytes, 0, inserted, 0, at);
                    System.arraycopy(token, 0, inserted, at, token.length);
                    System.arraycopy(bytes, at, inserted, at + token.length, bytes.length - at);
                    bytes = inserted;
                    break;
                }
                case 4:
                    bytes[at] = (byte)random.nextInt(256);
                    break;
                default:
                {
                    final int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                    final byte[] repeated = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, repeated, 0, at + length);
                    System.arraycopy(bytes, at, repeated, at + length, bytes.length - at);
                    bytes = repeated;
                    break;
                }
            }
        }
        return bytes;
    }
}
