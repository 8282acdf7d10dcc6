package io.sluice.gateway.india;

import java.util.Map;

/**
 * What a broker mapping knows about its broker before any configuration: production addresses, published rate limits
 * and the quote keys of the common index underlyings. Every value can be overridden in settings.
 *
 * @param baseUrl        REST base address.
 * @param instrumentsUrl instrument master address.
 * @param rateLimits     limiter group to windows, e.g. "orders" to "10/1s,400/60s,5000/1d".
 * @param endpointGroups endpoint to limiter group.
 * @param indexKeys      underlying to the broker's quote key of its index (e.g. NIFTY to "NSE:NIFTY 50").
 * @param pollIntervalMs default order-book polling interval while orders are open.
 */
public record BrokerDefaults(
    String baseUrl,
    String instrumentsUrl,
    Map<String, String> rateLimits,
    Map<Endpoint, String> endpointGroups,
    Map<String, String> indexKeys,
    long pollIntervalMs)
{
}
