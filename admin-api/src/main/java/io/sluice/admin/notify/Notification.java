package io.sluice.admin.notify;

/**
 * One thing to tell the operators.
 *
 * @param kind         what it is about.
 * @param reason       the refusal reason code for REFUSAL, else null.
 * @param text         one readable line.
 * @param journalIndex index of the journal record it comes from.
 */
public record Notification(NotificationKind kind, String reason, String text, long journalIndex)
{
}
