package io.sluice.admin.http;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A JSON answer: status, body and any extra headers.
 *
 * @param status  HTTP status.
 * @param body    JSON body.
 * @param headers extra headers, e.g. Retry-After.
 */
public record ApiResponse(HttpResponseStatus status, JsonNode body, Map<String, String> headers)
{
    static ApiResponse ok(final JsonNode body)
    {
        return new ApiResponse(HttpResponseStatus.OK, body, Map.of());
    }

    static ApiResponse accepted(final JsonNode body)
    {
        return new ApiResponse(HttpResponseStatus.ACCEPTED, body, Map.of());
    }

    /**
     * The error answer for an exception.
     *
     * @param ex the error.
     * @return the response.
     */
    static ApiResponse error(final ApiException ex)
    {
        final Map<String, String> headers;
        if (ex.allow() != null)
        {
            headers = Map.of("Allow", ex.allow());
        }
        else if (ex.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE))
        {
            headers = Map.of("Retry-After", "1");
        }
        else
        {
            headers = Map.of();
        }
        return new ApiResponse(ex.status(), Json.error(ex.code(), ex.getMessage(), ex.field()), headers);
    }
}
