package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Named figures of one benchmark run (latencies in ns, rates per second, bytes per operation) and notes,
 * written as one JSON file per run so the report can pair every Sluice figure with its baseline.
 */
public final class Results
{
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Double> metrics = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Record a figure.
     *
     * @param key   dotted name, e.g. {@code engine.backoff.p99}.
     * @param value the figure.
     * @return this.
     */
    public Results put(final String key, final double value)
    {
        metrics.put(key, value);
        return this;
    }

    /**
     * Add a note (a caveat or an outcome that is not a number).
     *
     * @param note text.
     * @return this.
     */
    public Results note(final String note)
    {
        notes.add(note);
        return this;
    }

    /**
     * A figure, or null when it was not measured.
     *
     * @param key dotted name.
     * @return the value or null.
     */
    public Double get(final String key)
    {
        return metrics.get(key);
    }

    /**
     * Add every figure and note of other results.
     *
     * @param other results.
     * @return this.
     */
    public Results putAll(final Results other)
    {
        metrics.putAll(other.metrics);
        notes.addAll(other.notes);
        return this;
    }

    public Map<String, Double> metrics()
    {
        return metrics;
    }

    public List<String> notes()
    {
        return notes;
    }

    /**
     * Write as JSON.
     *
     * @param file destination.
     */
    public void write(final Path file)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            MAPPER.writeValue(file.toFile(), Map.of("metrics", metrics, "notes", notes));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Read one JSON file written by {@link #write}.
     *
     * @param file source.
     * @return the results.
     */
    @SuppressWarnings("unchecked")
    public static Results read(final Path file)
    {
        try
        {
            final Map<String, Object> json = MAPPER.readValue(file.toFile(), Map.class);
            final Results results = new Results();
            ((Map<String, Number>)json.getOrDefault("metrics", Map.of()))
                .forEach((key, value) -> results.put(key, value.doubleValue()));
            ((List<String>)json.getOrDefault("notes", List.of())).forEach(results::note);
            return results;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Merge every {@code *.json} file of a directory, in name order.
     *
     * @param dir directory.
     * @return merged results (empty when the directory does not exist).
     */
    public static Results readAll(final Path dir)
    {
        final Results all = new Results();
        if (!Files.isDirectory(dir))
        {
            return all;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted()
                .forEach(file -> all.putAll(read(file)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return all;
    }
}
