package io.sluice.admin.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the endpoints need of an HTTP request, independent of Netty.
 *
 * @param method        method name, e.g. "GET".
 * @param path          decoded path segments joined by '/', e.g. "/api/v1/orders".
 * @param segments      decoded path segments.
 * @param query         query parameters.
 * @param contentType   Content-Type header, or null.
 * @param body          body bytes exactly as received.
 * @param headers       request headers by lower-case name (first value).
 * @param remoteAddress IP address of the connection's peer, or null when unknown.
 * @param actor         the authenticated user, or null when authentication is off.
 */
public record ApiRequest(
    String method,
    String path,
    List<String> segments,
    Map<String, List<String>> query,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    String remoteAddress,
    String actor)
{
    /**
     * A request without headers or peer address (tests, tools).
     */
    public ApiRequest(
        final String method,
        final String path,
        final List<String> segments,
        final Map<String, List<String>> query,
        final String contentType,
        final byte[] body)
    {
        this(method, path, segments, query, contentType, body, Map.of(), null, null);
    }

    /**
     * A header's first value.
     *
     * @param name header name, any case.
     * @return the value, or null when absent.
     */
    public String header(final String name)
    {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * First value of a query parameter.
     *
     * @param name parameter name.
     * @return the value, or null when absent.
     */
    public String queryParam(final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
