package io.sluice.gateway.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fake venue answers to one request, and the user-data events the request caused (pushed after the answer).
 */
final class FakeResponse
{
    final int status;
    final JsonNode body;
    final int code;
    final String msg;
    long retryAfterSeconds = -1;
    boolean countedOrder;
    final List<ObjectNode> userEvents = new ArrayList<>();
    boolean futuresEvents;

    private FakeResponse(final int status, final JsonNode body, final int code, final String msg)
    {
        this.status = status;
        this.body = body;
        this.code = code;
        this.msg = msg;
    }

    static FakeResponse ok(final JsonNode body)
    {
        return new FakeResponse(200, body, 0, "");
    }

    static FakeResponse error(final int status, final int code, final String msg)
    {
        final ObjectNode body = FakeBinance.JSON.createObjectNode().put("code", code).put("msg", msg);
        return new FakeResponse(status, body, code, msg);
    }

    boolean isOk()
    {
        return status >= 200 && status < 300;
    }
}
