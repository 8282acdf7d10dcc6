package io.sluice.admin;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalIdsTest
{
    @Test
    void shouldGenerateDistinctWellFormedIds()
    {
        final SignalIds ids = new SignalIds(-3);
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++)
        {
            final String id = ids.next();
            assertTrue(id.matches("s-[0-9a-f]{16}"), id);
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void shouldDifferBetweenGenerators()
    {
        assertTrue(!new SignalIds().next().equals(new SignalIds().next()));
    }
}
