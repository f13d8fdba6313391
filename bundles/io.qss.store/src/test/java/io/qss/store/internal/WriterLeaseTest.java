// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.file.FileVolumes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine holds the volume's writer lease while open and checks it before every commit is made durable. */
class WriterLeaseTest {

    private static final UUID STREAM = UUID.fromString("5b1f7a3e-0c44-4d2a-9e61-7d0c3f2b8a15");

    @TempDir
    Path dir;

    @Test
    void givenStoreOpen_whenOpenedAgain_thenRefusedNamingTheHolder() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains(":"), e.getMessage());
            assertTrue(store.describe().startsWith("dir="), store.describe());
        }
        TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()).close();
    }

    @Test
    void givenLeaseLost_whenCommitting_thenCommitRefusedAndNotVisibleAfterReopen() throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        StoreOptions options = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(new FencedVolume(FileVolumes.open(dir), lost), options);
        store.create(STREAM, "lease", Map.of(), Map.of());
        store.insert(STREAM, new long[] {1, 2}, new double[] {1, 2}, 0, 2, MergePolicy.NEVER);
        long committed = store.flush(STREAM).major();
        store.insert(STREAM, new long[] {3}, new double[] {3}, 0, 1, MergePolicy.NEVER);
        lost.set(true);
        StoreException refused = assertThrows(StoreException.class, () -> store.flush(STREAM));
        assertEquals(ErrorCode.UNAVAILABLE, refused.code(), refused.getMessage());
        assertEquals(committed, store.version(STREAM).major(), "no version published without the lease");
        store.abandon();
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertEquals(committed, reopened.version(STREAM).major());
            assertEquals(
                    3,
                    reopened.count(STREAM, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST),
                    "the acknowledged insert stays in the log");
        }
    }

    /** A volume whose lease the test can take away, as a shared backend's lease expires. */
    private record FencedVolume(StoreVolume inner, AtomicBoolean lost) implements StoreVolume {

        @Override
        public WriterLease acquireWriter(String holder) throws StoreException {
            WriterLease lease = inner.acquireWriter(holder);
            return new WriterLease() {
                @Override
                public String holder() {
                    return lease.holder();
                }

                @Override
                public void check() throws StoreException {
                    if (lost.get()) {
                        throw new StoreException(ErrorCode.UNAVAILABLE, "writer lease lost [holder=" + holder + "]");
                    }
                }

                @Override
                public void close() throws StoreException {
                    lease.close();
                }
            };
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public List<String> list(String prefix) throws StoreException {
            return inner.list(prefix);
        }

        @Override
        public long length(String name) throws StoreException {
            return inner.length(name);
        }

        @Override
        public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
            return inner.read(name, position, into, offset, length);
        }

        @Override
        public byte[] readAll(String name) throws StoreException {
            return inner.readAll(name);
        }

        @Override
        public WritableObject openWritable(String name, long validEnd) throws StoreException {
            return inner.openWritable(name, validEnd);
        }

        @Override
        public void replace(String name, byte[] content) throws StoreException {
            inner.replace(name, content);
        }

        @Override
        public void delete(String name) throws StoreException {
            inner.delete(name);
        }

        @Override
        public VolumeSpace space() throws StoreException {
            return inner.space();
        }

        @Override
        public void probeWrite() throws StoreException {
            inner.probeWrite();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
