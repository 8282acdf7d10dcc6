package io.sluice.gateway.india;

/**
 * A broker's answer to a place: its order id, and the status when the answer states one (Dhan's orderStatus).
 *
 * @param orderId the broker's order id.
 * @param status  the status stated in the answer, or null.
 * @param message a message in the answer, empty when none.
 */
public record PlaceAnswer(String orderId, BrokerStatus status, String message)
{
}
