package io.sluice.admin.ops;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.admin.security.HttpReplies;
import io.sluice.admin.stream.EventJson;

/**
 * An answer of an operator endpoint: status, media type, bytes and extra headers.
 *
 * @param status      status.
 * @param contentType media type.
 * @param body        bytes.
 * @param headers     extra headers.
 */
record Reply(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers)
{
    static Reply json(final HttpResponseStatus status, final JsonNode body)
    {
        return new Reply(status, "application/json", EventJson.bytes(body), Map.of());
    }

    static Reply ok(final JsonNode body)
    {
        return json(HttpResponseStatus.OK, body);
    }

    static Reply error(final OpsException ex)
    {
        return json(ex.status(), HttpReplies.error(ex.code(), ex.getMessage(), ex.field()));
    }
}
