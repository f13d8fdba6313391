// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.SegmentBlockStore;
import io.qss.store.internal.io.WriteAheadLog;
import io.qss.store.internal.tree.Core;
import io.qss.store.internal.tree.Leaf;
import io.qss.store.internal.tree.Node;
import io.qss.store.internal.tree.NodeCodec;
import io.qss.store.internal.tree.TreeGeometry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit reads the leaves its points go into only to write them anew: it leaves them out of the block cache (a live
 * fleet's commits otherwise filled it with leaves no version reads again), while the core nodes it reads stay cached,
 * and a query still caches the leaves it reads.
 */
class CommitCacheTest {

    @TempDir
    Path dir;

    private StoreVolume volume;
    private SegmentBlockStore blocks;
    private MetaLog meta;
    private WriteAheadLog wal;
    private BlockCache cache;
    private NodeLoader loader;
    private CommitEngine commits;
    private StreamState stream;

    @BeforeEach
    void open() throws Exception {
        StoreOptions options = StoreOptions.defaults();
        volume = FileVolumes.open(dir);
        blocks = new SegmentBlockStore(volume, options.blockSegmentBytes());
        cache = new BlockCache(options.cacheBytes());
        loader = new NodeLoader(blocks, cache);
        StreamCatalog catalog = new StreamCatalog();
        meta = MetaLog.open(volume, () -> {}, options.metaCheckpointBytes(), catalog::replay, catalog::prune);
        catalog.attach(meta);
        commits = new CommitEngine(options, blocks, cache, loader, meta, 0, Clock.systemUTC());
        wal = WriteAheadLog.open(volume, options.walSegmentBytes(), rec -> {});
        commits.attach(wal, () -> {});
        UUID uuid = UUID.randomUUID();
        catalog.create(uuid, "c", Map.of(), Map.of());
        stream = catalog.get(uuid);
    }

    @AfterEach
    void close() throws Exception {
        wal.close();
        meta.close();
        blocks.close();
        volume.close();
    }

    @Test
    void givenCommittedLeaf_whenTheNextCommitAppendsToIt_thenThatLeafIsNotCachedButItsCoresAre() throws Exception {
        commits.insert(stream, times(0, 100), new double[100], MergePolicy.NEVER);
        commits.tryCommitAll(List.of(stream));
        long firstRoot = stream.head.committed.rootAddress();
        List<Long> leaves = new ArrayList<>();
        List<Long> cores = new ArrayList<>();
        walk(firstRoot, leaves, cores);
        assertFalse(leaves.isEmpty(), "the first version has a leaf");
        assertNull(cache.get(leaves.get(0)), "a commit caches the cores it writes, not the leaves");

        commits.insert(stream, times(100, 50), new double[50], MergePolicy.NEVER);
        commits.tryCommitAll(List.of(stream));

        assertEquals(150, stream.head.committed.count());
        for (long leaf : leaves) {
            assertNull(cache.get(leaf), "leaf rewritten by the second commit [address=" + leaf + "]");
        }
        for (long core : cores) {
            assertNotNull(cache.get(core), "core of the first version [address=" + core + "]");
        }
        assertTrue(loader.load(leaves.get(0)) instanceof Leaf);
        assertNotNull(cache.get(leaves.get(0)), "a query's read caches the leaf");
    }

    /** Collects the addresses of a stored tree's nodes, decoding its blocks without the cache. */
    private void walk(long address, List<Long> leaves, List<Long> cores) throws StoreException {
        ByteBuffer block = blocks.read(address);
        byte[] bytes = new byte[block.remaining() + 16];
        block.duplicate().get(bytes, 0, block.remaining());
        Node node = NodeCodec.decode(new ByteSource(bytes, 0, block.remaining()));
        if (node instanceof Core core) {
            cores.add(address);
            for (int i = 0; i < TreeGeometry.FANOUT; i++) {
                if (core.hasChild(i)) {
                    walk(core.slotAddress(i), leaves, cores);
                }
            }
        } else {
            leaves.add(address);
        }
    }

    private static long[] times(int from, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = (from + i) * 1_000L;
        }
        return t;
    }
}
