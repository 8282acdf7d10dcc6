package io.sluice.journal.projection;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.sluice.protocol.Settings;

/**
 * Configuration of the PostgreSQL projection: where the database is, how big a transaction is, where to
 * start. Each option has a settings key and a default; {@link #conclude()} fills and validates them once.
 * With no JDBC URL the projection uses an embedded PostgreSQL under Sluice's home. The password is read from
 * the settings or the environment and never appears in {@link #toString()} or any message.
 */
public final class ProjectionContext
{
    /** JDBC URL of the database; empty for the embedded PostgreSQL. Environment: SLUICE_DB_URL. */
    public static final String DB_URL_PROP = "sluice.db.url";
    /** Database user. Environment: SLUICE_DB_USER. */
    public static final String DB_USER_PROP = "sluice.db.user";
    /** Database password. Environment: SLUICE_DB_PASSWORD. */
    public static final String DB_PASSWORD_PROP = "sluice.db.password";
    /** Schema holding the projection's tables (created by the migrations). */
    public static final String DB_SCHEMA_PROP = "sluice.db.schema";
    /** Connections in the pool used with a JDBC URL. */
    public static final String DB_POOL_SIZE_PROP = "sluice.db.pool.size";
    /** Data directory of the embedded PostgreSQL. */
    public static final String EMBEDDED_DIR_PROP = "sluice.db.embedded.dir";
    /** Port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one. */
    public static final String EMBEDDED_PORT_PROP = "sluice.db.embedded.port";
    /** Journal records per transaction. */
    public static final String BATCH_RECORDS_PROP = "sluice.replay.batch.records";
    /** Name of the projection's progress row, so several journals can project into one database. */
    public static final String NAME_PROP = "sluice.replay.name";

    static final String DEFAULT_SCHEMA = "sluice";
    static final int DEFAULT_POOL_SIZE = 2;
    static final int DEFAULT_BATCH_RECORDS = 50_000;
    static final String DEFAULT_NAME = "journal";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Settings settings;
    private UnaryOperator<String> environment = System::getenv;
    private Path journalDir;
    private String url;
    private String user;
    private String password;
    private String schema;
    private int poolSize;
    private Path embeddedDir;
    private int embeddedPort = -1;
    private int batchRecords;
    private String name;
    private long fromIndex = -1;
    private boolean concluded;

    /**
     * Settings to read every option not set explicitly (default: {@link Settings#load()}).
     *
     * @param settings the settings.
     * @return this.
     */
    public ProjectionContext settings(final Settings settings)
    {
        this.settings = settings;
        return this;
    }

    ProjectionContext environment(final UnaryOperator<String> environment)
    {
        this.environment = environment;
        return this;
    }

    /**
     * Journal to project (default: the settings' journal directory).
     *
     * @param dir journal directory.
     * @return this.
     */
    public ProjectionContext journalDir(final Path dir)
    {
        this.journalDir = dir;
        return this;
    }

    /**
     * JDBC URL of the database; null or empty for the embedded PostgreSQL.
     *
     * @param url the URL.
     * @return this.
     */
    public ProjectionContext url(final String url)
    {
        this.url = url;
        return this;
    }

    /**
     * Database user.
     *
     * @param user the user.
     * @return this.
     */
    public ProjectionContext user(final String user)
    {
        this.user = user;
        return this;
    }

    /**
     * Database password.
     *
     * @param password the password.
     * @return this.
     */
    public ProjectionContext password(final String password)
    {
        this.password = password;
        return this;
    }

    /**
     * Schema of the projection's tables.
     *
     * @param schema lower-case SQL identifier.
     * @return this.
     */
    public ProjectionContext schema(final String schema)
    {
        this.schema = schema;
        return this;
    }

    /**
     * Connections in the pool (JDBC URL only).
     *
     * @param poolSize at least 1.
     * @return this.
     */
    public ProjectionContext poolSize(final int poolSize)
    {
        this.poolSize = poolSize;
        return this;
    }

    /**
     * Data directory of the embedded PostgreSQL (default {@code <home>/postgres}).
     *
     * @param dir the directory.
     * @return this.
     */
    public ProjectionContext embeddedDir(final Path dir)
    {
        this.embeddedDir = dir;
        return this;
    }

    /**
     * Port of the embedded PostgreSQL; 0 for any free port.
     *
     * @param port the port.
     * @return this.
     */
    public ProjectionContext embeddedPort(final int port)
    {
        this.embeddedPort = port;
        return this;
    }

    /**
     * Journal records per transaction: larger is faster, smaller commits sooner.
     *
     * @param records at least 1.
     * @return this.
     */
    public ProjectionContext batchRecords(final int records)
    {
        this.batchRecords = records;
        return this;
    }

    /**
     * Name of this projection's progress.
     *
     * @param name the name.
     * @return this.
     */
    public ProjectionContext name(final String name)
    {
        this.name = name;
        return this;
    }

    /**
     * Project records from this index on (records already projected are never projected again); -1 to
     * continue from the committed progress.
     *
     * @param index journal index.
     * @return this.
     */
    public ProjectionContext fromIndex(final long index)
    {
        this.fromIndex = index;
        return this;
    }

    /**
     * Fill defaults from the settings and environment and validate; idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException when an option is invalid.
     */
    public ProjectionContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (settings == null)
        {
            settings = Settings.load();
        }
        if (journalDir == null)
        {
            journalDir = settings.journalDir();
        }
        if (url == null)
        {
            url = setting(DB_URL_PROP, "SLUICE_DB_URL");
        }
        if (user == null)
        {
            user = setting(DB_USER_PROP, "SLUICE_DB_USER");
        }
        if (password == null)
        {
            password = setting(DB_PASSWORD_PROP, "SLUICE_DB_PASSWORD");
        }
        if (schema == null)
        {
            schema = settings.get(DB_SCHEMA_PROP, DEFAULT_SCHEMA);
        }
        if (!IDENTIFIER.matcher(schema).matches())
        {
            throw new IllegalArgumentException(DB_SCHEMA_PROP + " must be a lower-case SQL identifier, was '" + schema + "'");
        }
        if (poolSize == 0)
        {
            poolSize = settings.getInt(DB_POOL_SIZE_PROP, DEFAULT_POOL_SIZE);
        }
        if (poolSize < 1)
        {
            throw new IllegalArgumentException(DB_POOL_SIZE_PROP + " must be at least 1, was " + poolSize);
        }
        if (embeddedDir == null)
        {
            embeddedDir = Path.of(settings.get(EMBEDDED_DIR_PROP, settings.home().resolve("postgres").toString()));
        }
        if (embeddedPort < 0)
        {
            embeddedPort = settings.getInt(EMBEDDED_PORT_PROP, 0);
        }
        if (embeddedPort < 0 || embeddedPort > 65_535)
        {
            throw new IllegalArgumentException(EMBEDDED_PORT_PROP + " must be a port number, was " + embeddedPort);
        }
        if (batchRecords == 0)
        {
            batchRecords = settings.getInt(BATCH_RECORDS_PROP, DEFAULT_BATCH_RECORDS);
        }
        if (batchRecords < 1)
        {
            throw new IllegalArgumentException(BATCH_RECORDS_PROP + " must be at least 1, was " + batchRecords);
        }
        if (name == null)
        {
            name = settings.get(NAME_PROP, DEFAULT_NAME);
        }
        concluded = true;
        return this;
    }

    private String setting(final String key, final String environmentName)
    {
        final String value = settings.get(key, null);
        if (value != null)
        {
            return value;
        }
        final String fromEnvironment = environment.apply(environmentName);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
    }

    public Path journalDir()
    {
        return journalDir;
    }

    /** JDBC URL, or null for the embedded PostgreSQL. */
    public String url()
    {
        return url == null || url.isBlank() ? null : url;
    }

    public String user()
    {
        return user;
    }

    String password()
    {
        return password;
    }

    public String schema()
    {
        return schema;
    }

    public int poolSize()
    {
        return poolSize;
    }

    public Path embeddedDir()
    {
        return embeddedDir;
    }

    public int embeddedPort()
    {
        return embeddedPort;
    }

    public int batchRecords()
    {
        return batchRecords;
    }

    public String name()
    {
        return name;
    }

    public long fromIndex()
    {
        return fromIndex;
    }

    /**
     * A JDBC URL without its query string, where drivers accept credentials; safe to print.
     *
     * @param url JDBC URL.
     * @return the URL up to '?' (and without any user:password@).
     */
    public static String redact(final String url)
    {
        if (url == null)
        {
            return null;
        }
        final int query = url.indexOf('?');
        String text = query < 0 ? url : url.substring(0, query) + "?…";
        final int at = text.indexOf('@');
        final int scheme = text.indexOf("//");
        if (at > 0 && scheme >= 0 && at > scheme)
        {
            text = text.substring(0, scheme + 2) + "…@" + text.substring(at + 1);
        }
        return text;
    }

    public String toString()
    {
        return "ProjectionContext{journalDir=" + journalDir + ", database=" + (url() == null ? "embedded " + embeddedDir : redact(url)) +
            ", user=" + user + ", schema=" + schema + ", batchRecords=" + batchRecords + ", name=" + name + ", fromIndex=" +
            fromIndex + '}';
    }
}
