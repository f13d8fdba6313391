// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StoreVolume} backend must do, as a test a backend's test class extends (this module's test-jar):
 * {@code class FileVolumeTest extends StoreVolumeContract}. The subclass opens volumes; each test gets a fresh
 * location, and every volume opened is closed after it.
 */
public abstract class StoreVolumeContract {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Random random = new Random(42);
    private String location;

    /**
     * Opens (creating if absent) the volume at {@code location}. Two calls with the same location must act like two
     * processes: separate handles that compete for the writer lease.
     */
    protected abstract StoreVolume openVolume(String location) throws Exception;

    /** A location no test used before, in the form the backend takes; override if the default does not fit. */
    protected String newLocation() {
        return "contract-" + UUID.randomUUID();
    }

    @BeforeEach
    void newStore() {
        location = newLocation();
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** Opens the test's volume again (another handle, as another process would). */
    protected final StoreVolume volume() throws Exception {
        return track(openVolume(location));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private byte[] bytes(int count) {
        byte[] content = new byte[count];
        random.nextBytes(content);
        return content;
    }

    @Test
    void givenNamesWithPrefixesAndSlashes_whenListed_thenSortedAndFilteredByPrefix() throws Exception {
        StoreVolume volume = volume();
        for (String name : List.of("b", "a/c", "ab", "a.b", "a/b", "wal/0000000001", "wal/0000000000")) {
            volume.replace(name, new byte[] {1});
        }
        assertEquals(List.of("a.b", "a/b", "a/c", "ab", "b", "wal/0000000000", "wal/0000000001"), volume.list(""));
        assertEquals(List.of("a/b", "a/c"), volume.list("a/"));
        assertEquals(List.of("a.b", "a/b", "a/c", "ab"), volume.list("a"));
        assertEquals(List.of(), volume.list("x"));
    }

    @Test
    void givenWritesNotSynced_whenRead_thenSeen() throws Exception {
        StoreVolume volume = volume();
        byte[] content = bytes(3 * 65536 + 17);
        try (WritableObject object = volume.openWritable("seg/1", Long.MAX_VALUE)) {
            for (int at = 0; at < content.length; at += 65536) {
                object.write(at, ByteBuffer.wrap(content, at, Math.min(65536, content.length - at)));
            }
            assertEquals(content.length, object.length());
            assertEquals(content.length, volume.length("seg/1"));
            assertArrayEquals(content, volume.readAll("seg/1"));
            byte[] middle = new byte[1000];
            assertEquals(1000, volume.read("seg/1", 65000, middle, 0, 1000));
            assertArrayEquals(Arrays.copyOfRange(content, 65000, 66000), middle);
        }
    }

    @Test
    void givenSyncedWrites_whenVolumeReopened_thenBytesThere() throws Exception {
        byte[] content = bytes(100_000);
        try (StoreVolume volume = openVolume(location);
                WritableObject log = volume.openWritable("log", Long.MAX_VALUE)) {
            log.write(0, ByteBuffer.wrap(content, 0, 40_000));
            log.write(40_000, ByteBuffer.wrap(content, 40_000, 60_000));
            log.sync();
        }
        StoreVolume reopened = volume();
        assertEquals(content.length, reopened.length("log"));
        assertArrayEquals(content, reopened.readAll("log"));
    }

    @Test
    void givenTornTail_whenOpenedWritableAtValidEnd_thenTailCut() throws Exception {
        StoreVolume volume = volume();
        byte[] content = bytes(100);
        try (WritableObject log = volume.openWritable("log", Long.MAX_VALUE)) {
            log.write(0, ByteBuffer.wrap(content));
            log.sync();
        }
        try (WritableObject kept = volume.openWritable("log", Long.MAX_VALUE)) {
            assertEquals(100, kept.length());
        }
        try (WritableObject cut = volume.openWritable("log", 60)) {
            assertEquals(60, cut.length());
            cut.write(60, ByteBuffer.wrap(new byte[] {7}));
            cut.sync();
        }
        byte[] expected = Arrays.copyOf(content, 61);
        expected[60] = 7;
        assertArrayEquals(expected, volume().readAll("log"));
    }

    @Test
    void givenAbsentObject_whenOpenedWritable_thenCreatedEmpty() throws Exception {
        StoreVolume volume = volume();
        try (WritableObject object = volume.openWritable("new", 0)) {
            assertEquals(0, object.length());
        }
        assertEquals(0, volume().length("new"));
        assertArrayEquals(new byte[0], volume.readAll("new"));
    }

    @Test
    void givenObject_whenReplaced_thenWholeNewContent() throws Exception {
        StoreVolume volume = volume();
        volume.replace("meta", bytes(5000));
        byte[] shorter = bytes(10);
        volume.replace("meta", shorter);
        assertArrayEquals(shorter, volume.readAll("meta"));
        assertArrayEquals(shorter, volume().readAll("meta"));
        assertEquals(10, volume.length("meta"));
    }

    @Test
    void givenAbsentObject_whenDeleted_thenFineAndStillAbsent() throws Exception {
        StoreVolume volume = volume();
        volume.delete("never-there");
        volume.replace("there", new byte[] {1, 2});
        volume.delete("there");
        assertEquals(-1, volume.length("there"));
        assertNull(volume.readAll("there"));
        assertEquals(List.of(), volume.list(""));
    }

    @Test
    void givenAbsentObject_whenLengthAndReadAsked_thenMinusOneAndNull() throws Exception {
        StoreVolume volume = volume();
        assertEquals(-1, volume.length("absent"));
        assertEquals(-1, volume.read("absent", 0, new byte[10], 0, 10));
        assertNull(volume.readAll("absent"));
    }

    @Test
    void givenObject_whenReadPastEnd_thenShortOrZero() throws Exception {
        StoreVolume volume = volume();
        byte[] content = bytes(100);
        volume.replace("small", content);
        byte[] into = new byte[50];
        assertEquals(20, volume.read("small", 80, into, 10, 40));
        assertArrayEquals(Arrays.copyOfRange(content, 80, 100), Arrays.copyOfRange(into, 10, 30));
        assertEquals(0, volume.read("small", 100, into, 0, 10));
        assertEquals(0, volume.read("small", 5000, into, 0, 10));
    }

    @Test
    void givenWritable_whenTruncated_thenShorterDurably() throws Exception {
        StoreVolume volume = volume();
        byte[] content = bytes(1000);
        try (WritableObject object = volume.openWritable("seg", Long.MAX_VALUE)) {
            object.write(0, ByteBuffer.wrap(content));
            object.truncate(300);
            assertEquals(300, object.length());
        }
        assertArrayEquals(Arrays.copyOf(content, 300), volume().readAll("seg"));
    }

    @Test
    void givenDisjointRanges_whenWrittenConcurrently_thenAllThere() throws Exception {
        StoreVolume volume = volume();
        int threads = 4;
        int perThread = 16;
        int block = 16384;
        byte[] content = bytes(threads * perThread * block);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (WritableObject object = volume.openWritable("seg", Long.MAX_VALUE)) {
            object.write(0, ByteBuffer.wrap(new byte[content.length]));
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    // interleaved blocks: thread t writes blocks t, t + threads, ...
                    for (int b = first; b < threads * perThread; b += threads) {
                        object.write((long) b * block, ByteBuffer.wrap(content, b * block, block));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            object.sync();
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(content, volume().readAll("seg"));
    }

    @Test
    void givenLeaseHeld_whenAnotherAsks_thenRefusedNamingHolder() throws Exception {
        StoreVolume first = volume();
        StoreVolume second = volume();
        WriterLease lease = track(first.acquireWriter("host-a:101"));
        assertEquals("host-a:101", lease.holder());
        lease.check();
        StoreException refused = assertThrows(StoreException.class, () -> second.acquireWriter("host-b:202"));
        assertEquals(ErrorCode.UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("host-a:101"), refused.getMessage());
    }

    @Test
    void givenLeaseReleased_whenAnotherAsks_thenItHoldsIt() throws Exception {
        StoreVolume first = volume();
        StoreVolume second = volume();
        WriterLease lease = first.acquireWriter("host-a:101");
        lease.close();
        WriterLease taken = track(second.acquireWriter("host-b:202"));
        taken.check();
        assertEquals(
                ErrorCode.UNAVAILABLE,
                assertThrows(StoreException.class, lease::check).code());
    }

    @Test
    void givenVolume_whenProbedAndSpaceAsked_thenNothingLeftBehind() throws Exception {
        StoreVolume volume = volume();
        volume.probeWrite();
        assertEquals(List.of(), volume.list(""));
        VolumeSpace space = volume.space();
        assertTrue(space.totalBytes() == -1 || space.totalBytes() >= space.freeBytes(), space.toString());
        assertTrue(!volume.describe().isEmpty());
    }
}
