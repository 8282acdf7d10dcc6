package io.sluice.gateway;

import io.aeron.Aeron;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configuration of one gateway process: which venue it serves, its Aeron streams, heartbeat, idle strategy
 * and threading mode. Unset options are filled from {@link Settings} by {@link #conclude()}.
 * <p>
 * Settings read: {@code sluice.aeron.dir}, {@code sluice.stream.orders.<venue>.channel|id},
 * {@code sluice.stream.reports.channel|id}, {@code sluice.gateway.heartbeatMs} (default 1000),
 * {@code sluice.idle} ({@code backoff} (default, parks), {@code sleeping}, {@code yielding}, {@code busy-spin}),
 * {@code sluice.gateway.threading} ({@code dedicated} (default) or {@code invoker}) and
 * {@code sluice.gateway.publishRetries} (default 10).
 */
public final class GatewayContext
{
    /** Heartbeat interval setting in milliseconds. */
    public static final String HEARTBEAT_MS_PROP = "sluice.gateway.heartbeatMs";
    /** Default heartbeat interval in milliseconds. */
    public static final long HEARTBEAT_MS_DEFAULT = 1000;
    /** Idle strategy setting shared by every Sluice process. */
    public static final String IDLE_PROP = "sluice.idle";
    /** Default idle strategy: back off to parking, never a busy spin. */
    public static final String IDLE_DEFAULT = "backoff";
    /** Threading mode setting. */
    public static final String THREADING_PROP = "sluice.gateway.threading";
    /** Attempts a publish makes when the reports stream is back pressured. */
    public static final String PUBLISH_RETRIES_PROP = "sluice.gateway.publishRetries";
    /** Default publish attempts. */
    public static final int PUBLISH_RETRIES_DEFAULT = 10;

    private static final int UNSET_STREAM_ID = Integer.MIN_VALUE;

    private boolean concluded;
    private Settings settings;
    private String venueName;
    private String aeronDirectoryName;
    private Aeron aeron;
    private String ordersChannel;
    private int ordersStreamId = UNSET_STREAM_ID;
    private String reportsChannel;
    private int reportsStreamId = UNSET_STREAM_ID;
    private long heartbeatIntervalNs;
    private Supplier<IdleStrategy> idleStrategySupplier;
    private GatewayThreadingMode threadingMode;
    private EpochNanoClock epochNanoClock;
    private ErrorHandler errorHandler;
    private int publishRetries;

    /**
     * Fill defaults from the settings and validate; call once, {@link Gateway#launch} does it for you.
     *
     * @return this for a fluent API.
     * @throws IllegalArgumentException when an option is invalid or the venue is unknown.
     */
    public GatewayContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("GatewayContext already concluded; use one context per gateway");
        }
        concluded = true;

        if (settings == null)
        {
            settings = Settings.load();
        }
        if (venueName == null || venueName.isBlank())
        {
            throw new IllegalArgumentException("a gateway needs a venue; known venues: " + Venues.names());
        }
        if (!Venues.isKnown(venueName))
        {
            throw new IllegalArgumentException("unknown venue '" + venueName + "'; known venues: " + Venues.names());
        }
        if (aeronDirectoryName == null)
        {
            aeronDirectoryName = settings.aeronDir();
        }
        if (ordersChannel == null)
        {
            ordersChannel = Streams.channel(settings, "orders." + venueName);
        }
        if (ordersStreamId == UNSET_STREAM_ID)
        {
            ordersStreamId = Streams.ordersStreamId(settings, venueName);
        }
        if (reportsChannel == null)
        {
            reportsChannel = Streams.channel(settings, "reports");
        }
        if (reportsStreamId == UNSET_STREAM_ID)
        {
            reportsStreamId = Streams.streamId(settings, "reports", Streams.REPORTS_STREAM_ID);
        }
        if (heartbeatIntervalNs == 0)
        {
            heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(settings.getLong(HEARTBEAT_MS_PROP, HEARTBEAT_MS_DEFAULT));
        }
        if (heartbeatIntervalNs <= 0)
        {
            throw new IllegalArgumentException(HEARTBEAT_MS_PROP + " must be positive");
        }
        if (idleStrategySupplier == null)
        {
            idleStrategySupplier = idleStrategySupplier(settings.get(IDLE_PROP, IDLE_DEFAULT));
        }
        if (threadingMode == null)
        {
            threadingMode = threadingMode(settings.get(THREADING_PROP, "dedicated"));
        }
        if (epochNanoClock == null)
        {
            epochNanoClock = new SystemEpochNanoClock();
        }
        if (errorHandler == null)
        {
            errorHandler = (throwable) -> throwable.printStackTrace(System.err);
        }
        if (publishRetries == 0)
        {
            publishRetries = settings.getInt(PUBLISH_RETRIES_PROP, PUBLISH_RETRIES_DEFAULT);
        }
        if (publishRetries <= 0)
        {
            throw new IllegalArgumentException(PUBLISH_RETRIES_PROP + " must be positive");
        }
        return this;
    }

    /**
     * The idle strategy named by {@code sluice.idle}.
     *
     * @param name backoff, sleeping, yielding or busy-spin.
     * @return a supplier of fresh instances (each runner or retry loop needs its own).
     */
    public static Supplier<IdleStrategy> idleStrategySupplier(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "backoff":
                return () -> new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            case "sleeping":
                return () -> new SleepingMillisIdleStrategy(1);
            case "yielding":
                return YieldingIdleStrategy::new;
            case "busy-spin":
                return BusySpinIdleStrategy::new;
            default:
                throw new IllegalArgumentException(
                    IDLE_PROP + " must be one of backoff, sleeping, yielding, busy-spin; was '" + name + "'");
        }
    }

    private static GatewayThreadingMode threadingMode(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "dedicated":
                return GatewayThreadingMode.DEDICATED;
            case "invoker":
                return GatewayThreadingMode.INVOKER;
            default:
                throw new IllegalArgumentException(THREADING_PROP + " must be dedicated or invoker; was '" + name + "'");
        }
    }

    /**
     * Configuration the defaults are read from (default: {@link Settings#load()}).
     *
     * @param settings configuration.
     * @return this for a fluent API.
     */
    public GatewayContext settings(final Settings settings)
    {
        this.settings = settings;
        return this;
    }

    /**
     * Configuration the defaults are read from; venues read their own keys from it.
     *
     * @return the settings.
     */
    public Settings settings()
    {
        return settings;
    }

    /**
     * Venue this gateway serves, e.g. "paper".
     *
     * @param venueName venue name.
     * @return this for a fluent API.
     */
    public GatewayContext venueName(final String venueName)
    {
        this.venueName = venueName;
        return this;
    }

    /**
     * Venue this gateway serves.
     *
     * @return the venue name.
     */
    public String venueName()
    {
        return venueName;
    }

    /**
     * Directory of the running media driver (default {@link Settings#aeronDir()}).
     *
     * @param aeronDirectoryName directory.
     * @return this for a fluent API.
     */
    public GatewayContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * Directory of the running media driver.
     *
     * @return the directory.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * An Aeron client to share; when set the gateway uses it and does not close it.
     *
     * @param aeron connected client, or null for the gateway to connect its own.
     * @return this for a fluent API.
     */
    public GatewayContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    /**
     * The shared Aeron client, if one was given.
     *
     * @return the client or null.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Channel of the {@code orders.<venue>} stream.
     *
     * @param ordersChannel channel URI.
     * @return this for a fluent API.
     */
    public GatewayContext ordersChannel(final String ordersChannel)
    {
        this.ordersChannel = ordersChannel;
        return this;
    }

    /**
     * Channel of the {@code orders.<venue>} stream.
     *
     * @return channel URI.
     */
    public String ordersChannel()
    {
        return ordersChannel;
    }

    /**
     * Stream id of the {@code orders.<venue>} stream.
     *
     * @param ordersStreamId stream id.
     * @return this for a fluent API.
     */
    public GatewayContext ordersStreamId(final int ordersStreamId)
    {
        this.ordersStreamId = ordersStreamId;
        return this;
    }

    /**
     * Stream id of the {@code orders.<venue>} stream.
     *
     * @return stream id.
     */
    public int ordersStreamId()
    {
        return ordersStreamId;
    }

    /**
     * Channel of the {@code reports} stream.
     *
     * @param reportsChannel channel URI.
     * @return this for a fluent API.
     */
    public GatewayContext reportsChannel(final String reportsChannel)
    {
        this.reportsChannel = reportsChannel;
        return this;
    }

    /**
     * Channel of the {@code reports} stream.
     *
     * @return channel URI.
     */
    public String reportsChannel()
    {
        return reportsChannel;
    }

    /**
     * Stream id of the {@code reports} stream.
     *
     * @param reportsStreamId stream id.
     * @return this for a fluent API.
     */
    public GatewayContext reportsStreamId(final int reportsStreamId)
    {
        this.reportsStreamId = reportsStreamId;
        return this;
    }

    /**
     * Stream id of the {@code reports} stream.
     *
     * @return stream id.
     */
    public int reportsStreamId()
    {
        return reportsStreamId;
    }

    /**
     * Interval between GatewayStatus UP heartbeats.
     *
     * @param heartbeatIntervalNs interval in nanoseconds.
     * @return this for a fluent API.
     */
    public GatewayContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    /**
     * Interval between GatewayStatus UP heartbeats.
     *
     * @return interval in nanoseconds.
     */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * Source of idle strategies for the agent runner and the publisher's retry loop.
     *
     * @param idleStrategySupplier supplier of fresh instances.
     * @return this for a fluent API.
     */
    public GatewayContext idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
    {
        this.idleStrategySupplier = idleStrategySupplier;
        return this;
    }

    /**
     * Source of idle strategies for the agent runner and the publisher's retry loop.
     *
     * @return supplier of fresh instances.
     */
    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /**
     * Whether the agent gets its own thread or is invoked by the caller.
     *
     * @param threadingMode the mode.
     * @return this for a fluent API.
     */
    public GatewayContext threadingMode(final GatewayThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    /**
     * Whether the agent gets its own thread or is invoked by the caller.
     *
     * @return the mode.
     */
    public GatewayThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * Clock stamping reports and driving heartbeats and venue timers (read once per duty cycle).
     *
     * @param epochNanoClock epoch nanosecond clock.
     * @return this for a fluent API.
     */
    public GatewayContext epochNanoClock(final EpochNanoClock epochNanoClock)
    {
        this.epochNanoClock = epochNanoClock;
        return this;
    }

    /**
     * Clock stamping reports and driving heartbeats and venue timers.
     *
     * @return the clock.
     */
    public EpochNanoClock epochNanoClock()
    {
        return epochNanoClock;
    }

    /**
     * Handler for errors raised on the gateway's duty cycle (they are also counted by the gateway).
     *
     * @param errorHandler the handler.
     * @return this for a fluent API.
     */
    public GatewayContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * Handler for errors raised on the gateway's duty cycle.
     *
     * @return the handler.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Attempts one publish makes while the reports stream is back pressured.
     *
     * @param publishRetries attempts, positive.
     * @return this for a fluent API.
     */
    public GatewayContext publishRetries(final int publishRetries)
    {
        this.publishRetries = publishRetries;
        return this;
    }

    /**
     * Attempts one publish makes while the reports stream is back pressured.
     *
     * @return attempts.
     */
    public int publishRetries()
    {
        return publishRetries;
    }

    /**
     * One line saying what this gateway serves, for logs and the launcher.
     *
     * @return description of venue and streams.
     */
    public String describe()
    {
        return "gateway venue=" + venueName +
            " orders=" + ordersChannel + ":" + ordersStreamId +
            " reports=" + reportsChannel + ":" + reportsStreamId +
            " aeron.dir=" + aeronDirectoryName;
    }
}
