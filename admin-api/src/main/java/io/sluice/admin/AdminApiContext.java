package io.sluice.admin;

import java.nio.file.Path;

import io.sluice.admin.ingest.IngestSettings;
import io.sluice.protocol.Settings;
import io.sluice.protocol.Streams;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * Configuration of the admin API process: where to listen, where the media driver and the journal are,
 * and how much of the journal to keep in memory. Each option has its system-property name and default here.
 */
public final class AdminApiContext
{
    /** Address to bind the HTTP server to. */
    public static final String HOST_PROP = "sluice.http.host";
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** HTTP port; 0 picks an ephemeral port. */
    public static final String PORT_PROP = "sluice.http.port";
    public static final int PORT_DEFAULT = 8080;
    /** Largest request body accepted; larger bodies get 413. */
    public static final String MAX_BODY_BYTES_PROP = "sluice.http.maxBodyBytes";
    public static final int MAX_BODY_BYTES_DEFAULT = 16 * 1024;
    /** Netty event-loop threads serving requests. */
    public static final String IO_THREADS_PROP = "sluice.http.ioThreads";
    public static final int IO_THREADS_DEFAULT = 2;
    /** Signals and orders kept by the read model; the oldest are evicted beyond this. */
    public static final String READ_MODEL_CAPACITY_PROP = "sluice.admin.readModel.capacity";
    public static final int READ_MODEL_CAPACITY_DEFAULT = 100_000;
    /** Sleep of the journal tail when it has caught up. */
    public static final String JOURNAL_IDLE_MS_PROP = "sluice.admin.journal.idleMs";
    public static final long JOURNAL_IDLE_MS_DEFAULT = 1;
    /** Extra attempts when the ingress publication is back pressured, before answering 503. */
    public static final String PUBLISH_MAX_RETRIES_PROP = "sluice.admin.ingress.maxRetries";
    public static final int PUBLISH_MAX_RETRIES_DEFAULT = 10;

    /** Upper bound for the body size: the RawSignal body field holds at most 1 MiB. */
    static final int MAX_BODY_BYTES_LIMIT = 1024 * 1024;

    private boolean concluded;
    private String host;
    private int port;
    private int maxBodyBytes;
    private int ioThreads;
    private String aeronDir;
    private String ingressChannel;
    private int ingressStreamId;
    private Path journalDir;
    private int readModelCapacity;
    private int publishMaxRetries;
    private IdleStrategy journalIdleStrategy;
    private EpochNanoClock epochNanoClock;
    private IngestSettings ingest;
    private final Settings settings;
    private java.util.function.Function<String, String> environment = System::getenv;

    /**
     * A context from {@link Settings#load()}.
     */
    public AdminApiContext()
    {
        this(Settings.load());
    }

    /**
     * A context read from settings; setters may still override each value before {@link #conclude()}.
     *
     * @param settings configuration.
     */
    public AdminApiContext(final Settings settings)
    {
        this.settings = settings;
        host = settings.get(HOST_PROP, HOST_DEFAULT);
        port = settings.getInt(PORT_PROP, PORT_DEFAULT);
        maxBodyBytes = settings.getInt(MAX_BODY_BYTES_PROP, MAX_BODY_BYTES_DEFAULT);
        ioThreads = settings.getInt(IO_THREADS_PROP, IO_THREADS_DEFAULT);
        aeronDir = settings.aeronDir();
        ingressChannel = Streams.channel(settings, "ingress");
        ingressStreamId = Streams.streamId(settings, "ingress", Streams.INGRESS_STREAM_ID);
        journalDir = settings.journalDir();
        readModelCapacity = settings.getInt(READ_MODEL_CAPACITY_PROP, READ_MODEL_CAPACITY_DEFAULT);
        publishMaxRetries = settings.getInt(PUBLISH_MAX_RETRIES_PROP, PUBLISH_MAX_RETRIES_DEFAULT);
        final long idleMs = settings.getLong(JOURNAL_IDLE_MS_PROP, JOURNAL_IDLE_MS_DEFAULT);
        if (idleMs < 1)
        {
            throw new IllegalArgumentException(JOURNAL_IDLE_MS_PROP + " must be at least 1, was " + idleMs);
        }
        journalIdleStrategy = new SleepingMillisIdleStrategy(idleMs);
        ingest = IngestSettings.load(settings);
        redeliverNs = settings.getLong(REDELIVER_MS_PROP, 2_000) * 1_000_000L;
        if (redeliverNs <= 0)
        {
            throw new IllegalArgumentException(REDELIVER_MS_PROP + " must be positive");
        }
        // The engine journals a Tick every sluice.engine.tickMs: three missed ones and it is taken for dead.
        engineStallNs = settings.getLong(ENGINE_STALL_MS_PROP, 3 * settings.getLong("sluice.engine.tickMs", 1_000)) * 1_000_000L;
        if (engineStallNs <= 0)
        {
            throw new IllegalArgumentException(ENGINE_STALL_MS_PROP + " must be positive");
        }
    }

    /** Setting: milliseconds the journal may stand still before the engine is taken for dead (no re-publication). */
    public static final String ENGINE_STALL_MS_PROP = "sluice.admin.engineStallMs";
    private long engineStallNs;

    /**
     * How long the journal may stand still before the engine is taken for dead: accepted signals are not
     * published again meanwhile.
     *
     * @return nanoseconds.
     */
    public long engineStallNs()
    {
        return engineStallNs;
    }

    /** Setting: milliseconds after which an accepted signal the journal does not show yet is published again. */
    public static final String REDELIVER_MS_PROP = "sluice.admin.redeliverMs";
    private long redeliverNs;

    /**
     * How long an accepted signal may stay out of the journal before it is published again.
     *
     * @return nanoseconds.
     */
    public long redeliverNs()
    {
        return redeliverNs;
    }

    /**
     * Fill defaults and validate; called by {@link AdminApi#launch(AdminApiContext)}, safe to call twice.
     *
     * @return this.
     */
    public AdminApiContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(host != null && !host.isBlank(), HOST_PROP + " must not be empty");
        require(port >= 0 && port <= 65535, PORT_PROP + " must be 0..65535, was " + port);
        require(maxBodyBytes >= 1 && maxBodyBytes <= MAX_BODY_BYTES_LIMIT,
            MAX_BODY_BYTES_PROP + " must be 1.." + MAX_BODY_BYTES_LIMIT + ", was " + maxBodyBytes);
        require(ioThreads >= 1, IO_THREADS_PROP + " must be at least 1, was " + ioThreads);
        require(aeronDir != null && !aeronDir.isBlank(), "the Aeron directory must be set");
        require(ingressChannel != null && !ingressChannel.isBlank(), "the ingress channel must be set");
        require(journalDir != null, "the journal directory must be set");
        require(readModelCapacity >= 1, READ_MODEL_CAPACITY_PROP + " must be at least 1, was " + readModelCapacity);
        require(publishMaxRetries >= 0, PUBLISH_MAX_RETRIES_PROP + " must not be negative, was " + publishMaxRetries);
        require(ingest != null, "the signal sources' settings must be set");
        if (journalIdleStrategy == null)
        {
            journalIdleStrategy = new SleepingMillisIdleStrategy(JOURNAL_IDLE_MS_DEFAULT);
        }
        if (epochNanoClock == null)
        {
            epochNanoClock = new SystemEpochNanoClock();
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
    }

    /**
     * Address the HTTP server binds to.
     *
     * @return the value.
     */
    public String host()
    {
        return host;
    }

    /**
     * Address the HTTP server binds to.
     *
     * @param host the value.
     * @return this.
     */
    public AdminApiContext host(final String host)
    {
        checkNotConcluded();
        this.host = host;
        return this;
    }

    /**
     * HTTP port; 0 picks an ephemeral one (see {@link AdminApi#port()}).
     *
     * @return the value.
     */
    public int port()
    {
        return port;
    }

    /**
     * HTTP port; 0 picks an ephemeral one (see {@link AdminApi#port()}).
     *
     * @param port the value.
     * @return this.
     */
    public AdminApiContext port(final int port)
    {
        checkNotConcluded();
        this.port = port;
        return this;
    }

    /**
     * Largest request body accepted.
     *
     * @return the value.
     */
    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    /**
     * Largest request body accepted.
     *
     * @param maxBodyBytes the value.
     * @return this.
     */
    public AdminApiContext maxBodyBytes(final int maxBodyBytes)
    {
        checkNotConcluded();
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /**
     * Netty event-loop threads serving requests.
     *
     * @return the value.
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * Netty event-loop threads serving requests.
     *
     * @param ioThreads the value.
     * @return this.
     */
    public AdminApiContext ioThreads(final int ioThreads)
    {
        checkNotConcluded();
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * Aeron directory of the running media driver.
     *
     * @return the value.
     */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * Aeron directory of the running media driver.
     *
     * @param aeronDir the value.
     * @return this.
     */
    public AdminApiContext aeronDir(final String aeronDir)
    {
        checkNotConcluded();
        this.aeronDir = aeronDir;
        return this;
    }

    /**
     * Channel of the engine's ingress stream.
     *
     * @return the value.
     */
    public String ingressChannel()
    {
        return ingressChannel;
    }

    /**
     * Channel of the engine's ingress stream.
     *
     * @param ingressChannel the value.
     * @return this.
     */
    public AdminApiContext ingressChannel(final String ingressChannel)
    {
        checkNotConcluded();
        this.ingressChannel = ingressChannel;
        return this;
    }

    /**
     * Stream id of the engine's ingress stream.
     *
     * @return the value.
     */
    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    /**
     * Stream id of the engine's ingress stream.
     *
     * @param ingressStreamId the value.
     * @return this.
     */
    public AdminApiContext ingressStreamId(final int ingressStreamId)
    {
        checkNotConcluded();
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    /**
     * Directory of the journal the engine writes.
     *
     * @return the value.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * Directory of the journal the engine writes.
     *
     * @param journalDir the value.
     * @return this.
     */
    public AdminApiContext journalDir(final Path journalDir)
    {
        checkNotConcluded();
        this.journalDir = journalDir;
        return this;
    }

    /**
     * Signals and orders kept in memory, each.
     *
     * @return the value.
     */
    public int readModelCapacity()
    {
        return readModelCapacity;
    }

    /**
     * Signals and orders kept in memory, each.
     *
     * @param readModelCapacity the value.
     * @return this.
     */
    public AdminApiContext readModelCapacity(final int readModelCapacity)
    {
        checkNotConcluded();
        this.readModelCapacity = readModelCapacity;
        return this;
    }

    /**
     * Extra offer attempts on back pressure before answering 503.
     *
     * @return the value.
     */
    public int publishMaxRetries()
    {
        return publishMaxRetries;
    }

    /**
     * Extra offer attempts on back pressure before answering 503.
     *
     * @param publishMaxRetries the value.
     * @return this.
     */
    public AdminApiContext publishMaxRetries(final int publishMaxRetries)
    {
        checkNotConcluded();
        this.publishMaxRetries = publishMaxRetries;
        return this;
    }

    /**
     * Idle strategy of the journal tail when it has caught up.
     *
     * @return the value.
     */
    public IdleStrategy journalIdleStrategy()
    {
        return journalIdleStrategy;
    }

    /**
     * Idle strategy of the journal tail when it has caught up.
     *
     * @param journalIdleStrategy the value.
     * @return this.
     */
    public AdminApiContext journalIdleStrategy(final IdleStrategy journalIdleStrategy)
    {
        checkNotConcluded();
        this.journalIdleStrategy = journalIdleStrategy;
        return this;
    }

    /**
     * Wall clock stamping ingress and command times.
     *
     * @return the value.
     */
    public EpochNanoClock epochNanoClock()
    {
        return epochNanoClock;
    }

    /**
     * Wall clock used to stamp ingress and command times (tests may pin it).
     *
     * @param epochNanoClock clock in epoch nanoseconds.
     * @return this.
     */
    public AdminApiContext epochNanoClock(final EpochNanoClock epochNanoClock)
    {
        checkNotConcluded();
        this.epochNanoClock = epochNanoClock;
        return this;
    }

    /**
     * The signal sources (TradingView, Telegram, OpenAlgo) and Telegram settings.
     *
     * @return the value.
     */
    public IngestSettings ingest()
    {
        return ingest;
    }

    /**
     * The signal sources (TradingView, Telegram, OpenAlgo) and Telegram settings.
     *
     * @param ingest the value.
     * @return this.
     */
    public AdminApiContext ingest(final IngestSettings ingest)
    {
        checkNotConcluded();
        this.ingest = ingest;
        return this;
    }

    /**
     * The settings this context was read from; the security, notification and metrics parts read theirs from here.
     *
     * @return the settings.
     */
    public Settings settings()
    {
        return settings;
    }

    /**
     * Where secrets (bootstrap password, signing and credentials keys, notification tokens) are looked up.
     *
     * @return the lookup, System::getenv by default.
     */
    public java.util.function.Function<String, String> environment()
    {
        return environment;
    }

    /**
     * Where secrets are looked up (tests pass a map's get).
     *
     * @param environment the lookup.
     * @return this.
     */
    public AdminApiContext environment(final java.util.function.Function<String, String> environment)
    {
        checkNotConcluded();
        this.environment = environment;
        return this;
    }

    public String toString()
    {
        return "AdminApiContext{host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes +
            ", ioThreads=" + ioThreads + ", aeronDir=" + aeronDir + ", ingress=" + ingressChannel + "/" + ingressStreamId +
            ", journalDir=" + journalDir + ", readModelCapacity=" + readModelCapacity + "}";
    }
}
