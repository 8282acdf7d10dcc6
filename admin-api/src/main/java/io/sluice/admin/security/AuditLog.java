package io.sluice.admin.security;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin API's append-only audit log: one JSON line per admin action with actor, time, action, target,
 * before and after values and outcome, forced to disk before the answer is sent. Commands to the engine are in
 * addition journaled by the engine as AdminCommand records carrying the same actor; actions the engine never sees
 * (users, credentials) are recorded only here. Secrets are never written.
 */
public final class AuditLog implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TAIL_BYTES = 1024 * 1024;

    /**
     * One action.
     *
     * @param timeNs  wall clock, epoch ns.
     * @param actor   authenticated user ("anonymous" when auth is off).
     * @param action  e.g. "POST /api/v1/kill".
     * @param target  what it acted on, e.g. "account:main".
     * @param before  value before, or null.
     * @param after   value asked for, or null.
     * @param status  HTTP status of the answer.
     * @param remote  client address.
     */
    public record Entry(long timeNs, String actor, String action, String target, String before, String after, int status, String remote)
    {
    }

    private final Path file;
    private final FileChannel channel;

    /**
     * Open (create) the log for appending.
     *
     * @param file the log file.
     */
    public AuditLog(final Path file)
    {
        this.file = file;
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open audit log " + file, ex);
        }
    }

    /**
     * Append one entry and force it to disk.
     *
     * @param entry the action.
     */
    public synchronized void append(final Entry entry)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("time", Instant.ofEpochSecond(0, entry.timeNs()).toString());
        node.put("actor", entry.actor());
        node.put("action", entry.action());
        node.put("target", entry.target());
        node.put("before", entry.before());
        node.put("after", entry.after());
        node.put("status", entry.status());
        node.put("remote", entry.remote());
        try
        {
            final byte[] line = (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            final ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to audit log " + file, ex);
        }
    }

    /**
     * The newest entries, newest first.
     *
     * @param limit maximum returned.
     * @return entries as JSON objects.
     */
    public synchronized List<JsonNode> recent(final int limit)
    {
        final List<JsonNode> result = new ArrayList<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final long length = raf.length();
            final long start = Math.max(0, length - TAIL_BYTES);
            final byte[] bytes = new byte[(int)(length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            final String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= (start > 0 ? 1 : 0) && result.size() < limit; i--)
            {
                if (!lines[i].isBlank())
                {
                    result.add(MAPPER.readTree(lines[i]));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read audit log " + file, ex);
        }
        return result;
    }

    public synchronized void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}
