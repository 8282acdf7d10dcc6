package io.sluice.admin.ingest;

/**
 * Canonical text of literal IP addresses, so allowlists and forwarded addresses compare equal however written.
 */
public final class Addresses
{
    private Addresses()
    {
    }

    /**
     * The canonical text of a literal IP address (never resolves a host name).
     *
     * @param address IPv4 or IPv6 literal.
     * @return canonical text.
     * @throws IllegalArgumentException when not a literal address.
     */
    public static String canonical(final String address)
    {
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:]+"))
        {
            throw new IllegalArgumentException("not an IP address");
        }
        return IngestSettings.normalise(address, "address");
    }
}
