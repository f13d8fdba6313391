// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.BlockStore;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.SegmentBlockStore;
import io.qss.store.internal.io.WriteAheadLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that is writing its tree (here: held inside its block sync) does not hold up inserts into the same
 * stream: they are buffered and acknowledged meanwhile, and stay buffered, on top of the new version, afterwards.
 */
class CommitWhileInsertingTest {

    @TempDir
    Path dir;

    private final CountDownLatch syncEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSync = new CountDownLatch(1);
    private volatile boolean holdSync;
    private StoreVolume volume;
    private SegmentBlockStore files;
    private MetaLog meta;
    private WriteAheadLog wal;
    private CommitEngine commits;
    private StreamState stream;

    @BeforeEach
    void open() throws Exception {
        StoreOptions options = StoreOptions.defaults();
        volume = FileVolumes.open(dir);
        files = new SegmentBlockStore(volume, options.blockSegmentBytes());
        BlockStore held = new HeldSyncBlocks();
        BlockCache cache = new BlockCache(options.cacheBytes());
        StreamCatalog catalog = new StreamCatalog();
        meta = MetaLog.open(volume, () -> {}, options.metaCheckpointBytes(), catalog::replay, catalog::prune);
        catalog.attach(meta);
        commits = new CommitEngine(options, held, cache, new NodeLoader(held, cache), meta, 0, Clock.systemUTC());
        wal = WriteAheadLog.open(volume, options.walSegmentBytes(), rec -> {});
        commits.attach(wal, () -> {});
        UUID uuid = UUID.randomUUID();
        catalog.create(uuid, "c", Map.of(), Map.of());
        stream = catalog.get(uuid);
    }

    @AfterEach
    void close() throws Exception {
        releaseSync.countDown();
        wal.close();
        meta.close();
        files.close();
        volume.close();
    }

    @Test
    void givenCommitInsideItsBlockSync_whenInserting_thenInsertReturnsAndStaysBufferedAfterTheCommit()
            throws Exception {
        commits.insert(stream, times(0, 100), new double[100], MergePolicy.NEVER);
        holdSync = true;
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
            try {
                commits.tryCommitAll(List.of(stream));
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(syncEntered.await(30, TimeUnit.SECONDS), "commit never reached its block sync");

        CompletableFuture<Version> insert = CompletableFuture.supplyAsync(() -> {
            try {
                return commits.insert(stream, times(100, 50), new double[50], MergePolicy.NEVER);
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
        Version during = insert.get(30, TimeUnit.SECONDS);
        assertEquals(new Version(Version.FIRST, 150), during, "the insert is acknowledged on top of the old version");

        releaseSync.countDown();
        commit.get(30, TimeUnit.SECONDS);
        assertEquals(new Version(Version.FIRST + 1, 50), CommitEngine.version(stream));
        assertEquals(100, stream.head.committed.count(), "the commit holds what was buffered when it began");
        assertEquals(1, stream.head.pending.size());
        assertEquals(100 * 1_000L, stream.head.pending.get(0).times()[0]);
    }

    private static long[] times(int from, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = (from + i) * 1_000L;
        }
        return t;
    }

    /** The real block store, with a sync that can be held until the test lets it go. */
    private final class HeldSyncBlocks implements BlockStore {
        @Override
        public long write(ByteBuffer block) throws StoreException {
            return files.write(block);
        }

        @Override
        public ByteBuffer read(long address) throws StoreException {
            return files.read(address);
        }

        @Override
        public void sync() throws StoreException {
            if (holdSync) {
                syncEntered.countDown();
                try {
                    releaseSync.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            files.sync();
        }

        @Override
        public long bytesUsed() {
            return files.bytesUsed();
        }

        @Override
        public String describe(long address) {
            return files.describe(address);
        }

        @Override
        public void close() {}
    }
}
