package io.sluice.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.sluice.engine.core.CoreConfig;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Configuration of the engine process. Every option has a {@code sluice.*} name and a default here;
 * {@link #conclude()} validates once.
 * <pre>
 * sluice.engine.ringSize=1024            ring slots (power of two)
 * sluice.engine.waitStrategy=sleeping    ring stages waiting: sleeping | yielding | busy-spin | blocking
 * sluice.idle=backoff                    ingress agent idle: backoff | sleeping | yielding | busy-spin
 * sluice.engine.tickMs=1000              Tick frames for timers
 * sluice.journal.sync=none               none (process-crash safe) | batch (synchronous msync at the end of each ring batch)
 * sluice.snapshot.every=100000           snapshot the core every N events (and at clean shutdown); 0 = off
 * sluice.snapshot.keep=3                 snapshot files kept
 * sluice.snapshot.dir=&lt;journal&gt;/snapshots  where snapshots are written
 * </pre>
 */
public final class EngineContext
{
    /** A venue's order stream. */
    public record VenueStream(String venue, String channel, int streamId)
    {
    }

    private Settings settings;
    private String aeronDirectoryName;
    private Path journalDir;
    private String ingressChannel;
    private int ingressStreamId;
    private String reportsChannel;
    private int reportsStreamId;
    private List<VenueStream> venueStreams;
    private CoreConfig coreConfig;
    private int ringSize;
    private String waitStrategyName;
    private String idleStrategyName;
    private long tickIntervalNs;
    private boolean syncOnBatch;
    private long snapshotEvery;
    private int snapshotKeep;
    private Path snapshotDir;

    /**
     * Read every option from settings.
     *
     * @param settings configuration.
     * @return this.
     */
    public EngineContext settings(final Settings settings)
    {
        this.settings = settings;
        return this;
    }

    public EngineContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public EngineContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /**
     * Fill defaults from the settings and validate.
     *
     * @return this.
     */
    public EngineContext conclude()
    {
        if (settings == null)
        {
            settings = Settings.load();
        }
        if (aeronDirectoryName == null)
        {
            aeronDirectoryName = settings.aeronDir();
        }
        if (journalDir == null)
        {
            journalDir = settings.journalDir();
        }
        ingressChannel = Streams.channel(settings, "ingress");
        ingressStreamId = Streams.streamId(settings, "ingress", Streams.INGRESS_STREAM_ID);
        reportsChannel = Streams.channel(settings, "reports");
        reportsStreamId = Streams.streamId(settings, "reports", Streams.REPORTS_STREAM_ID);
        coreConfig = CoreConfig.from(settings);
        venueStreams = new ArrayList<>();
        for (final String venue : coreConfig.venues())
        {
            venueStreams.add(new VenueStream(
                venue, Streams.channel(settings, "orders." + venue), Streams.ordersStreamId(settings, venue)));
        }
        ringSize = settings.getInt("sluice.engine.ringSize", 1024);
        if (ringSize < 16 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("sluice.engine.ringSize must be a power of two >= 16, was " + ringSize);
        }
        waitStrategyName = settings.get("sluice.engine.waitStrategy", "sleeping");
        waitStrategy();
        idleStrategyName = settings.get("sluice.idle", "backoff");
        idleStrategy();
        tickIntervalNs = settings.getLong("sluice.engine.tickMs", 1000) * 1_000_000L;
        if (tickIntervalNs <= 0)
        {
            throw new IllegalArgumentException("sluice.engine.tickMs must be positive");
        }
        final String sync = settings.get("sluice.journal.sync", "none");
        if (!sync.equals("none") && !sync.equals("batch"))
        {
            throw new IllegalArgumentException("sluice.journal.sync must be none or batch, was " + sync);
        }
        syncOnBatch = sync.equals("batch");
        snapshotEvery = settings.getLong("sluice.snapshot.every", 100_000);
        if (snapshotEvery < 0)
        {
            throw new IllegalArgumentException("sluice.snapshot.every must be 0 (off) or a number of events, was " + snapshotEvery);
        }
        snapshotKeep = settings.getInt("sluice.snapshot.keep", 3);
        if (snapshotKeep < 1)
        {
            throw new IllegalArgumentException("sluice.snapshot.keep must be at least 1, was " + snapshotKeep);
        }
        snapshotDir = Path.of(settings.get("sluice.snapshot.dir", journalDir.resolve("snapshots").toString()));
        return this;
    }

    WaitStrategy waitStrategy()
    {
        switch (waitStrategyName)
        {
            case "sleeping": return new SleepingWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "busy-spin": return new BusySpinWaitStrategy();
            case "blocking": return new BlockingWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "sluice.engine.waitStrategy must be sleeping, yielding, busy-spin or blocking, was " + waitStrategyName);
        }
    }

    IdleStrategy idleStrategy()
    {
        return idleStrategy(idleStrategyName);
    }

    /**
     * The idle strategy of a name used by every Sluice agent.
     *
     * @param name backoff | sleeping | yielding | busy-spin.
     * @return a new idle strategy.
     */
    public static IdleStrategy idleStrategy(final String name)
    {
        switch (name)
        {
            case "backoff": return new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
            case "sleeping": return new SleepingMillisIdleStrategy(1);
            case "yielding": return new YieldingIdleStrategy();
            case "busy-spin": return new BusySpinIdleStrategy();
            default:
                throw new IllegalArgumentException("sluice.idle must be backoff, sleeping, yielding or busy-spin, was " + name);
        }
    }

    public Settings settings()
    {
        return settings;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public String reportsChannel()
    {
        return reportsChannel;
    }

    public int reportsStreamId()
    {
        return reportsStreamId;
    }

    public List<VenueStream> venueStreams()
    {
        return venueStreams;
    }

    public CoreConfig coreConfig()
    {
        return coreConfig;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public long tickIntervalNs()
    {
        return tickIntervalNs;
    }

    public boolean syncOnBatch()
    {
        return syncOnBatch;
    }

    /** Events between snapshots; 0 when snapshots are off. */
    public long snapshotEvery()
    {
        return snapshotEvery;
    }

    public int snapshotKeep()
    {
        return snapshotKeep;
    }

    public Path snapshotDir()
    {
        return snapshotDir;
    }
}
