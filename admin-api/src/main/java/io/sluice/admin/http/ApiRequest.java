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
 */
public record ApiRequest(
    String method, String path, List<String> segments, Map<String, List<String>> query, String contentType, byte[] body)
{
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
