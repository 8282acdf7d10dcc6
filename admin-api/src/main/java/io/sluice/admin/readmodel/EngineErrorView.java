package io.sluice.admin.readmodel;

/**
 * An input the engine could not process.
 *
 * @param inputTemplateId SBE template id of the input.
 * @param timestampNs     engine event time.
 * @param detail          the engine's text.
 * @param journalIndex    index of the EngineError record.
 */
public record EngineErrorView(int inputTemplateId, long timestampNs, String detail, long journalIndex)
{
}
