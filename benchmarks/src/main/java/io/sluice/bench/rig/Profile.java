package io.sluice.bench.rig;

import java.util.List;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.sluice.engine.EngineContext;
import org.agrona.concurrent.IdleStrategy;

/**
 * How every thread of a rig waits for work, named after the setting: {@code backoff} is the default of
 * every Sluice process (agents back off to parking, the ring's stages sleep), {@code blocking} parks the
 * ring's stages on a lock until work arrives (least CPU when idle), {@code yielding} yields the CPU,
 * {@code busy-spin} never lets go of it (production with dedicated cores only).
 *
 * @param name        profile name.
 * @param idle        {@code sluice.idle} of the engine, gateways and rig agents.
 * @param ringWait    {@code sluice.engine.waitStrategy} of the engine's ring.
 * @param spinSender  whether the load generator spins between messages.
 */
public record Profile(String name, String idle, String ringWait, boolean spinSender)
{
    /** Names accepted by {@link #of}. */
    public static final List<String> NAMES = List.of("backoff", "blocking", "yielding", "busy-spin");

    /**
     * The profile of a name.
     *
     * @param name backoff, yielding or busy-spin.
     * @return the profile.
     */
    public static Profile of(final String name)
    {
        switch (name)
        {
            case "backoff": return new Profile(name, "backoff", "sleeping", false);
            case "blocking": return new Profile(name, "backoff", "blocking", false);
            case "yielding": return new Profile(name, "yielding", "yielding", false);
            case "busy-spin": return new Profile(name, "busy-spin", "busy-spin", true);
            default: throw new IllegalArgumentException("profile must be one of " + NAMES + ", was " + name);
        }
    }

    /**
     * A new idle strategy for an agent.
     *
     * @return the engine's idle strategy of this profile.
     */
    public IdleStrategy newIdleStrategy()
    {
        return EngineContext.idleStrategy(idle);
    }

    /**
     * A new wait strategy for a Disruptor ring, as the engine maps {@code sluice.engine.waitStrategy}.
     *
     * @return the wait strategy.
     */
    public WaitStrategy newWaitStrategy()
    {
        switch (ringWait)
        {
            case "yielding": return new YieldingWaitStrategy();
            case "blocking": return new BlockingWaitStrategy();
            case "busy-spin": return new BusySpinWaitStrategy();
            default: return new SleepingWaitStrategy();
        }
    }
}
