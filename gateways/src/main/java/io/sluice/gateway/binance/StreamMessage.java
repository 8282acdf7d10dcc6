package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pushed user-data event (spot {@code executionReport}, futures {@code ORDER_TRADE_UPDATE} / {@code ACCOUNT_UPDATE}
 * / {@code listenKeyExpired}), handed from a listener thread to the agent.
 *
 * @param kind   connection it came from.
 * @param connId generation of that connection.
 * @param event  the event object (the {@code event} of a WebSocket API subscription message).
 */
record StreamMessage(WsConnection.Kind kind, int connId, JsonNode event)
{
}
