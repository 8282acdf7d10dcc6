package io.sluice.gateway.paper;

/**
 * SplitMix64: a tiny, fully specified generator, so a seed gives the same random walk on every JVM and release
 * (java.util.Random and SplittableRandom make no such promise across versions).
 */
final class PaperRandom
{
    private long state;

    PaperRandom(final long seed)
    {
        state = seed;
    }

    long nextLong()
    {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A value in [-bound, +bound].
     *
     * @param bound non-negative bound.
     * @return the value.
     */
    long nextSigned(final long bound)
    {
        return Long.remainderUnsigned(nextLong(), 2 * bound + 1) - bound;
    }
}
