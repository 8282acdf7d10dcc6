package io.sluice.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class JournalTest
{
    private static final long DEADLINE_NS = 10_000_000_000L;

    @TempDir
    Path dir;

    /** A record as read back, copied out of the reader's buffer. */
    record Rec(long index, int kind, long sequence, long timestampNs, byte[] bytes)
    {
    }

    private static final class Collector implements JournalHandler
    {
        final List<Rec> records = new ArrayList<>();

        public void onRecord(
            final long index, final int kind, final long sequence, final long timestampNs,
            final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes, 0, length);
            records.add(new Rec(index, kind, sequence, timestampNs, bytes));
        }
    }

    private static List<Rec> readAll(final JournalReader reader)
    {
        final Collector collector = new Collector();
        while (reader.poll(collector, 7) > 0)
        {
            // Small batches exercise resuming between polls.
        }
        return collector.records;
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void assertRecord(final Rec expected, final Rec actual)
    {
        assertEquals(expected.index(), actual.index());
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.sequence(), actual.sequence());
        assertEquals(expected.timestampNs(), actual.timestampNs());
        assertArrayEquals(expected.bytes(), actual.bytes(), "bytes of record at index " + expected.index());
    }

    private static List<Rec> appendRandom(final JournalAppender appender, final Random random, final int count)
    {
        final int[] sizes = { 0, 1, 8, 100, 4095, 4096, 4097, 10_000, 65_536, 200_000 };
        final List<Rec> written = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int length = i < sizes.length ? sizes[i] : random.nextInt(i % 10 == 0 ? 20_000 : 600);
            final byte[] bytes = randomBytes(random, length);
            final int kind = random.nextBoolean() ? JournalRecord.KIND_INPUT : JournalRecord.KIND_OUTPUT;
            final long sequence = i == 1 ? Long.MAX_VALUE : i == 2 ? -1 : random.nextLong();
            final long timestampNs = i == 3 ? Long.MIN_VALUE : random.nextLong();
            final long index = appender.append(kind, sequence, timestampNs, new UnsafeBuffer(bytes), 0, length);
            written.add(new Rec(index, kind, sequence, timestampNs, bytes));
        }
        return written;
    }

    @Test
    void shouldRoundTripRecordsOfVariedSizesExactly()
    {
        final Random random = new Random(1);
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender(); JournalReader reader = journal.reader())
        {
            final List<Rec> written = appendRandom(appender, random, 300);
            final List<Rec> read = readAll(reader);

            assertEquals(written.size(), read.size());
            for (int i = 0; i < written.size(); i++)
            {
                assertRecord(written.get(i), read.get(i));
                if (i > 0)
                {
                    assertTrue(read.get(i).index() > read.get(i - 1).index(), "indexes increase");
                }
            }
        }
    }

    @Test
    void shouldGrowTheReaderBufferAfterSmallRecords()
    {
        final Random random = new Random(2);
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender(); JournalReader reader = journal.reader())
        {
            final Collector collector = new Collector();
            final byte[] small = randomBytes(random, 10);
            appender.append(JournalRecord.KIND_INPUT, 1, 1, new UnsafeBuffer(small), 0, small.length);
            assertEquals(1, reader.poll(collector, 10));

            final byte[] large = randomBytes(random, 50_000);
            appender.append(JournalRecord.KIND_OUTPUT, 2, 2, new UnsafeBuffer(large), 0, large.length);
            final byte[] afterLarge = randomBytes(random, 3);
            appender.append(JournalRecord.KIND_OUTPUT, 3, 3, new UnsafeBuffer(afterLarge), 0, afterLarge.length);
            assertEquals(2, reader.poll(collector, 10));

            assertArrayEquals(small, collector.records.get(0).bytes());
            assertArrayEquals(large, collector.records.get(1).bytes());
            assertArrayEquals(afterLarge, collector.records.get(2).bytes());
        }
    }

    @Test
    void shouldResumeReadingFromAGivenIndex()
    {
        final Random random = new Random(3);
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            final List<Rec> written = appendRandom(appender, random, 20);

            try (JournalReader reader = journal.reader())
            {
                assertTrue(reader.moveToIndex(written.get(12).index()));
                assertEquals(written.get(12).index(), reader.index());
                final List<Rec> read = readAll(reader);
                assertEquals(8, read.size());
                for (int i = 0; i < read.size(); i++)
                {
                    assertRecord(written.get(12 + i), read.get(i));
                }
            }

            try (JournalReader reader = journal.reader())
            {
                final Collector collector = new Collector();
                assertEquals(5, reader.poll(collector, 5));
                assertEquals(written.get(5).index(), reader.index());
                assertEquals(3, reader.poll(collector, 3));
                assertRecord(written.get(7), collector.records.get(7));

                reader.toStart();
                assertEquals(1, reader.poll(collector, 1));
                assertRecord(written.get(0), collector.records.get(8));
            }

            try (JournalReader reader = journal.reader())
            {
                assertFalse(reader.moveToIndex(written.get(19).index() + 1000));
            }
        }
    }

    @Test
    void shouldSeeRecordsAppendedAfterReachingTheEnd()
    {
        final Random random = new Random(4);
        try (Journal writer = Journal.open(dir);
            JournalAppender appender = writer.appender();
            Journal readOnly = Journal.openReadOnly(dir);
            JournalReader follower = readOnly.reader();
            JournalReader tailFromEnd = writer.reader())
        {
            final List<Rec> first = appendRandom(appender, random, 5);
            assertEquals(5, readAll(follower).size());
            assertEquals(0, follower.poll(new Collector(), 10));
            tailFromEnd.toEnd();

            final List<Rec> later = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final byte[] bytes = randomBytes(random, 5_000 * i + 1);
                final long index = appender.append(JournalRecord.KIND_OUTPUT, 100 + i, 200 + i, new UnsafeBuffer(bytes), 0, bytes.length);
                later.add(new Rec(index, JournalRecord.KIND_OUTPUT, 100 + i, 200 + i, bytes));
            }

            final List<Rec> followed = pollUntil(follower, later.size());
            final List<Rec> fromEnd = pollUntil(tailFromEnd, later.size());
            for (int i = 0; i < later.size(); i++)
            {
                assertRecord(later.get(i), followed.get(i));
                assertRecord(later.get(i), fromEnd.get(i));
            }
            assertTrue(later.get(0).index() > first.get(4).index());
        }
    }

    private static List<Rec> pollUntil(final JournalReader reader, final int count)
    {
        final Collector collector = new Collector();
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (collector.records.size() < count)
        {
            if (reader.poll(collector, 10) == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("reader saw " + collector.records.size() + " of " + count + " appended records before the deadline");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }
        return collector.records;
    }

    @Test
    void shouldKeepRecordsAcrossCloseAndReopen()
    {
        final Random random = new Random(5);
        final List<Rec> written;
        final long lastIndex;
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            written = appendRandom(appender, random, 50);
            lastIndex = journal.lastIndex();
        }

        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            assertEquals(lastIndex, journal.lastIndex());
            final List<Rec> read = readAll(reader);
            assertEquals(written.size(), read.size());
            for (int i = 0; i < written.size(); i++)
            {
                assertRecord(written.get(i), read.get(i));
            }
        }

        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender(); JournalReader reader = journal.reader())
        {
            final byte[] bytes = randomBytes(random, 64);
            final long index = appender.append(JournalRecord.KIND_INPUT, 51, 52, new UnsafeBuffer(bytes), 0, bytes.length);
            assertTrue(index > lastIndex);
            assertEquals(index, journal.lastIndex());
            final List<Rec> read = readAll(reader);
            assertEquals(written.size() + 1, read.size());
            assertRecord(new Rec(index, JournalRecord.KIND_INPUT, 51, 52, bytes), read.get(written.size()));
        }
    }

    @Test
    void shouldReportLastIndex()
    {
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender())
        {
            assertEquals(-1, journal.lastIndex());
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
            final long first = appender.append(JournalRecord.KIND_INPUT, 1, 1, buffer, 0, 16);
            assertEquals(first, journal.lastIndex());
            assertEquals(first, appender.lastIndexAppended());
            final long second = appender.append(JournalRecord.KIND_OUTPUT, 1, 1, buffer, 0, 8);
            assertEquals(first + 1, second);
            assertEquals(second, journal.lastIndex());
        }
    }

    @Test
    void shouldAppendFromDirectAndOffsetBuffersCorrectly()
    {
        final Random random = new Random(6);
        try (Journal journal = Journal.open(dir); JournalAppender appender = journal.appender(); JournalReader reader = journal.reader())
        {
            final List<byte[]> expected = new ArrayList<>();
            final int[] sizes = { 0, 17, 4096, 4097, 9_000, 30_000, 100 };

            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(40_000));
            for (final int size : sizes)
            {
                final byte[] bytes = randomBytes(random, size);
                direct.setMemory(0, direct.capacity(), (byte)0xEE);
                direct.putBytes(13, bytes);
                appender.append(JournalRecord.KIND_INPUT, size, size, direct, 13, size);
                expected.add(bytes);
            }

            final ExpandableDirectByteBuffer expandable = new ExpandableDirectByteBuffer(64);
            final byte[] viaExpandable = randomBytes(random, 5_000);
            expandable.putBytes(3, viaExpandable);
            appender.append(JournalRecord.KIND_OUTPUT, 1, 1, expandable, 3, viaExpandable.length);
            expected.add(viaExpandable);

            final byte[] array = randomBytes(random, 6_000);
            appender.append(JournalRecord.KIND_OUTPUT, 2, 2, new UnsafeBuffer(array, 100, 5_000), 7, 4_000);
            expected.add(java.util.Arrays.copyOfRange(array, 107, 4_107));

            final ByteBuffer slice = ByteBuffer.wrap(array, 9, 500).slice();
            appender.append(JournalRecord.KIND_OUTPUT, 3, 3, new UnsafeBuffer(slice), 5, 50);
            expected.add(java.util.Arrays.copyOfRange(array, 14, 64));

            final List<Rec> read = readAll(reader);
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < expected.size(); i++)
            {
                assertArrayEquals(expected.get(i), read.get(i).bytes(), "record " + i);
            }
        }
    }

    @Test
    void shouldRefuseToOpenAMissingJournalReadOnly()
    {
        final Path missing = dir.resolve("missing");
        assertFalse(Journal.exists(missing));
        assertFalse(Journal.exists(dir));
        assertThrows(IllegalArgumentException.class, () -> Journal.openReadOnly(missing));

        try (Journal journal = Journal.open(dir.resolve("made")))
        {
            assertTrue(Journal.exists(journal.dir()));
        }
    }
}
