package io.sluice.gateway;

/**
 * How a gateway's agent is run: on its own thread, or by the caller so a test can step it in lock step.
 */
public enum GatewayThreadingMode
{
    /** The agent runs on its own thread under an AgentRunner with the context's idle strategy. */
    DEDICATED,

    /** The caller drives the agent through an AgentInvoker; nothing runs until {@code invoke()} is called. */
    INVOKER
}
