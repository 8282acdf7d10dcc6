package io.sluice.gateway.test;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling waits with a deadline: run a step (e.g. invoke a gateway, poll a subscription) until a condition holds,
 * or fail with a message saying what was awaited and what was seen.
 */
public final class Await
{
    /** How long a wait may take before it fails. */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;

    private Await()
    {
    }

    /**
     * Step until the condition holds.
     *
     * @param what      description for the failure message.
     * @param step      work to do before each check.
     * @param condition the awaited condition.
     * @param seen      what was observed, for the failure message.
     * @throws AssertionError when the deadline passes.
     */
    public static void until(
        final String what, final Runnable step, final BooleanSupplier condition, final Supplier<Object> seen)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEFAULT_TIMEOUT_MS);
        while (true)
        {
            step.run();
            if (condition.getAsBoolean())
            {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + DEFAULT_TIMEOUT_MS + " ms waiting for " + what +
                    "; seen: " + seen.get());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Step until the condition holds.
     *
     * @param what      description for the failure message.
     * @param step      work to do before each check.
     * @param condition the awaited condition.
     * @throws AssertionError when the deadline passes.
     */
    public static void until(final String what, final Runnable step, final BooleanSupplier condition)
    {
        until(what, step, condition, () -> "nothing");
    }
}
