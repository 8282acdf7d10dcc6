package io.sluice.gateway.binance;

/**
 * A WebSocket connection opened or closed, handed from its listener thread to the agent.
 *
 * @param kind   which connection.
 * @param connId generation of the connection; events of replaced connections are ignored.
 * @param open   true when opened, false when closed or failed.
 * @param reason short reason for a close (exception class or close code), never containing credentials.
 */
record ConnectionEvent(WsConnection.Kind kind, int connId, boolean open, String reason)
{
}
