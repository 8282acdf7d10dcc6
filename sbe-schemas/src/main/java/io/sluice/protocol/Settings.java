package io.sluice.protocol;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration shared by every process: a properties file (optional) overlaid by {@code sluice.*}
 * system properties. Each process reads the keys it owns into its own Context and validates them
 * there; sensible defaults mean no file is needed.
 */
public final class Settings
{
    /** System property (or environment SLUICE_CONFIG) naming the configuration file. */
    public static final String CONFIG_FILE_PROP = "sluice.config";
    /** Sluice's home directory: journal, Aeron directory and data live under it unless configured. */
    public static final String HOME_PROP = "sluice.home";

    private final Map<String, String> values;

    private Settings(final Map<String, String> values)
    {
        this.values = values;
    }

    /**
     * Load the file named by {@code -Dsluice.config} / {@code SLUICE_CONFIG} (if any), then overlay
     * system properties starting with {@code sluice.}.
     *
     * @return the settings.
     */
    public static Settings load()
    {
        String file = System.getProperty(CONFIG_FILE_PROP);
        if (file == null || file.isBlank())
        {
            file = System.getenv("SLUICE_CONFIG");
        }
        return load(file == null || file.isBlank() ? null : Path.of(file));
    }

    /**
     * Load a given file (may be null) overlaid by {@code sluice.*} system properties.
     *
     * @param file properties file, or null.
     * @return the settings.
     */
    public static Settings load(final Path file)
    {
        final Map<String, String> map = new TreeMap<>();
        if (file != null)
        {
            final Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + ex.getMessage(), ex);
            }
            properties.forEach((k, v) -> map.put(k.toString().trim(), v.toString().trim()));
        }
        System.getProperties().forEach((k, v) ->
        {
            final String key = k.toString();
            if (key.startsWith("sluice."))
            {
                map.put(key, v.toString().trim());
            }
        });
        return new Settings(map);
    }

    /**
     * Settings from a map (tests and embedding).
     *
     * @param values key/value pairs.
     * @return the settings.
     */
    public static Settings of(final Map<String, String> values)
    {
        return new Settings(new TreeMap<>(values));
    }

    /**
     * A copy with some keys replaced.
     *
     * @param overrides keys to set.
     * @return new settings.
     */
    public Settings with(final Map<String, String> overrides)
    {
        final Map<String, String> map = new TreeMap<>(values);
        map.putAll(overrides);
        return new Settings(map);
    }

    /**
     * Every key set, in sorted order (e.g. to fingerprint the configuration a snapshot was taken under).
     *
     * @return the keys.
     */
    public java.util.SortedSet<String> keys()
    {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(values.keySet()));
    }

    public String get(final String key, final String defaultValue)
    {
        final String value = values.get(key);
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    public int getInt(final String key, final int defaultValue)
    {
        final String value = values.get(key);
        try
        {
            return value == null || value.isEmpty() ? defaultValue : Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    public long getLong(final String key, final long defaultValue)
    {
        final String value = values.get(key);
        try
        {
            return value == null || value.isEmpty() ? defaultValue : Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    public boolean getBoolean(final String key, final boolean defaultValue)
    {
        final String value = values.get(key);
        if (value == null || value.isEmpty())
        {
            return defaultValue;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false"))
        {
            throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * A fixed-point decimal setting (limits, prices).
     *
     * @param key          setting name.
     * @param defaultValue fixed-point default, may be {@link Fixed#NULL}.
     * @return fixed-point value.
     */
    public long getFixed(final String key, final long defaultValue)
    {
        final String value = values.get(key);
        if (value == null || value.isEmpty())
        {
            return defaultValue;
        }
        try
        {
            return Fixed.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(key + " must be a decimal with at most 8 places, was '" + value + "'");
        }
    }

    /**
     * A comma-separated list.
     *
     * @param key          setting name.
     * @param defaultValue used when absent.
     * @return trimmed, non-empty items.
     */
    public List<String> getList(final String key, final String defaultValue)
    {
        final List<String> list = new ArrayList<>();
        for (final String item : get(key, defaultValue).split(","))
        {
            if (!item.isBlank())
            {
                list.add(item.trim());
            }
        }
        return list;
    }

    /**
     * Sluice's home directory ({@code sluice.home}, default {@code ~/.sluice}).
     *
     * @return the path.
     */
    public Path home()
    {
        return Path.of(get(HOME_PROP, Path.of(System.getProperty("user.home"), ".sluice").toString()));
    }

    /**
     * The journal directory ({@code sluice.journal.dir}, default {@code <home>/journal}).
     *
     * @return the path.
     */
    public Path journalDir()
    {
        return Path.of(get("sluice.journal.dir", home().resolve("journal").toString()));
    }

    /**
     * The Aeron directory ({@code sluice.aeron.dir}); default in shared memory ({@code /dev/shm/sluice-<user>})
     * where the OS has it, else {@code <home>/aeron}.
     *
     * @return the path.
     */
    public String aeronDir()
    {
        final Path shm = Path.of("/dev/shm");
        final String fallback = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm.resolve("sluice-" + System.getProperty("user.name", "default")).toString() :
            home().resolve("aeron").toString();
        return get("sluice.aeron.dir", fallback);
    }
}
