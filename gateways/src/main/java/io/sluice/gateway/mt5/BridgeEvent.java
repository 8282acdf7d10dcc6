package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link BridgeConnection}'s I/O thread hands to the gateway's agent thread through the session's queue.
 *
 * @param kind          connected, a message, or disconnected.
 * @param generation    which connection attempt it came from; stale generations are ignored.
 * @param message       the parsed line (MESSAGE), or {"hello":…,"welcome":…} (CONNECTED); null otherwise.
 * @param reason        why the connection ended (DISCONNECTED); never contains the secret.
 * @param authenticationFailed true when the peer failed or refused the challenge/response.
 */
record BridgeEvent(Kind kind, long generation, JsonNode message, String reason, boolean authenticationFailed)
{
    /** Kinds of event. */
    enum Kind
    {
        /** Handshake done; the message holds the EA's hello and welcome. */
        CONNECTED,
        /** One JSON line from the EA. */
        MESSAGE,
        /** The connection could not be made, failed authentication, or ended. */
        DISCONNECTED
    }
}
