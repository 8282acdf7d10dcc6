package io.sluice.gateway.test;

import io.sluice.sbe.GatewayState;

/**
 * A GatewayStatus message as a test sees it.
 *
 * @param venue       venue.
 * @param state       gateway state.
 * @param timestampNs gateway time.
 * @param detail      detail text.
 */
public record GatewayStatusEvent(String venue, GatewayState state, long timestampNs, String detail)
{
}
