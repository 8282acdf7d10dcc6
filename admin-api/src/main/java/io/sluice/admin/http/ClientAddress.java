package io.sluice.admin.http;

import java.util.Set;

/**
 * The address a request came from: the socket's peer, unless that peer is a trusted proxy, in which case the
 * right-most address of X-Forwarded-For that is not itself a trusted proxy. An untrusted peer cannot choose
 * its address by sending the header.
 */
final class ClientAddress
{
    private ClientAddress()
    {
    }

    /**
     * The client's address.
     *
     * @param request        the request.
     * @param trustedProxies canonical addresses of trusted proxies.
     * @return the address, or null when unknown.
     */
    static String of(final ApiRequest request, final Set<String> trustedProxies)
    {
        final String peer = request.remoteAddress();
        if (peer == null || !trustedProxies.contains(peer))
        {
            return peer;
        }
        final String forwarded = request.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank())
        {
            return peer;
        }
        final String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--)
        {
            final String hop = hops[i].trim();
            if (hop.isEmpty())
            {
                continue;
            }
            final String address;
            try
            {
                address = hop.matches("[0-9.]+|[0-9A-Fa-f:]+") ? io.sluice.admin.ingest.Addresses.canonical(hop) : null;
            }
            catch (final IllegalArgumentException ex)
            {
                return null;
            }
            if (address == null)
            {
                return null;
            }
            if (!trustedProxies.contains(address))
            {
                return address;
            }
        }
        return peer;
    }
}
