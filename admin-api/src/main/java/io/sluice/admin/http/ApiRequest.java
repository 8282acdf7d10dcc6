package io.sluice.admin.http;

import java.util.List;
import java.util.Map;

/**
 * What the endpoints need of an HTTP request, independent of Netty.
 *
 * @param method      method name, e.g. "GET".
 * @param path        decoded path segments joined by '/', e.g. "/api/v1/orders".
 * @param segments    decoded path segments.
 * @param query       query parameters.
 * @param contentType Content-Type header, or null.
 * @param body        body bytes exactly as received.
 * @param actor       the authenticated user, or null when authentication is off.
 */
public record ApiRequest(
    String method, String path, List<String> segments, Map<String, List<String>> query, String contentType, byte[] body,
    String actor)
{
    /**
     * A request without an authenticated user.
     *
     * @param method      method name.
     * @param path        path.
     * @param segments    decoded path segments.
     * @param query       query parameters.
     * @param contentType Content-Type header, or null.
     * @param body        body bytes.
     */
    public ApiRequest(
        final String method, final String path, final List<String> segments, final Map<String, List<String>> query,
        final String contentType, final byte[] body)
    {
        this(method, path, segments, query, contentType, body, null);
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
