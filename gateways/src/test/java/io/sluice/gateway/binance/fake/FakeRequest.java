package io.sluice.gateway.binance.fake;

import java.util.Map;

/**
 * One request to the fake venue after transport decoding: the operation, its parameters as text, and what is needed
 * to check its signature the way its transport requires.
 *
 * @param op         operation name shared by REST and the WebSocket API, e.g. "order.place".
 * @param futures    whether it is a USD-M futures endpoint.
 * @param security   NONE, USER_STREAM (API key only) or SIGNED.
 * @param weight     request weight.
 * @param params     decoded parameters.
 * @param apiKey     API key from the header (REST) or parameters / session (WebSocket API), or null.
 * @param payload    text the signature covers (REST: query+body; WebSocket: sorted parameters).
 * @param sessionKey API key the WebSocket session logged on with, or null.
 */
record FakeRequest(
    String op,
    boolean futures,
    Security security,
    int weight,
    Map<String, String> params,
    String apiKey,
    String payload,
    String sessionKey)
{
    /** Binance endpoint security types. */
    enum Security
    {
        NONE,
        USER_STREAM,
        SIGNED
    }
}
