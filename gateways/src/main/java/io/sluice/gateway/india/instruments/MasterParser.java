package io.sluice.gateway.india.instruments;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads one broker's instrument master (CSV or JSON, as the broker publishes it) as a stream, keeping only the rows a
 * {@link MasterFilter} accepts, so a master of hundreds of megabytes never has to fit in memory.
 */
@FunctionalInterface
public interface MasterParser
{
    /**
     * Parse a master.
     *
     * @param in     the master's bytes (already decompressed).
     * @param filter decides which rows are candidates.
     * @return the candidate instruments, in file order.
     * @throws IOException when the stream fails or is not the expected format.
     */
    List<Instrument> parse(InputStream in, MasterFilter filter) throws IOException;
}
