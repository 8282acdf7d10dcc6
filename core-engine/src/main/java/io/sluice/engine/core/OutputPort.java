package io.sluice.engine.core;

import org.agrona.DirectBuffer;

/**
 * Where the core's outputs leave it: one complete SBE message per call, valid only during the call.
 */
@FunctionalInterface
public interface OutputPort
{
    void onOutput(DirectBuffer buffer, int offset, int length);
}
