package io.sluice.admin.readmodel;

/**
 * The last status a venue's gateway reported.
 *
 * @param venue        venue.
 * @param state        GatewayState name.
 * @param detail       gateway's text, or null.
 * @param updatedAtNs  gateway time of the status.
 * @param journalIndex index of the GatewayStatus record.
 */
public record GatewayView(String venue, String state, String detail, long updatedAtNs, long journalIndex)
{
}
