package io.sluice.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.sluice.protocol.Ascii;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * The engine's publication to each venue's {@code orders.<venue>} stream, found by the venue bytes of
 * an output without allocating (venues are few: a linear scan).
 */
final class VenuePublications implements AutoCloseable
{
    private final byte[][] names;
    private final ExclusivePublication[] publications;

    VenuePublications(final Aeron aeron, final List<EngineContext.VenueStream> streams)
    {
        names = new byte[streams.size()][];
        publications = new ExclusivePublication[streams.size()];
        for (int i = 0; i < streams.size(); i++)
        {
            final EngineContext.VenueStream stream = streams.get(i);
            names[i] = stream.venue().getBytes(StandardCharsets.US_ASCII);
            publications[i] = aeron.addExclusivePublication(stream.channel(), stream.streamId());
        }
    }

    ExclusivePublication lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (Ascii.equals(buffer, offset, length, names[i]))
            {
                return publications[i];
            }
        }
        return null;
    }

    boolean isConnected(final String venue)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (new String(names[i], StandardCharsets.US_ASCII).equals(venue))
            {
                return publications[i].isConnected();
            }
        }
        return false;
    }

    /** At start, give gateways a bounded moment to connect before recovered orders are offered. */
    void awaitConnected(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        for (final ExclusivePublication publication : publications)
        {
            while (!publication.isConnected() && System.nanoTime() < deadline)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }

    public void close()
    {
        CloseHelper.closeAll(publications);
    }
}
