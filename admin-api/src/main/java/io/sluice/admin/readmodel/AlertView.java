package io.sluice.admin.readmodel;

/**
 * An Alert the engine journaled: something an operator should know.
 *
 * @param alertType    AlertType name, e.g. CIRCUIT_BREAKER.
 * @param severity     Severity name.
 * @param account      account, or null.
 * @param venue        venue, or null.
 * @param symbol       symbol, or null.
 * @param text         readable text, or null.
 * @param timestampNs  engine event time.
 * @param journalIndex index of the Alert record.
 */
public record AlertView(
    String alertType, String severity, String account, String venue, String symbol, String text, long timestampNs, long journalIndex)
{
}
