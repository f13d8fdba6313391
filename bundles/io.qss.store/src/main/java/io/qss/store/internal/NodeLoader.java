// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.BlockStore;
import io.qss.store.internal.tree.Leaf;
import io.qss.store.internal.tree.Node;
import io.qss.store.internal.tree.NodeCodec;
import io.qss.store.internal.tree.NodeSource;
import java.nio.ByteBuffer;

/** Loads nodes through the block cache; a block that does not decode is corruption naming its place. */
final class NodeLoader implements NodeSource {

    private final BlockStore blocks;
    private final BlockCache cache;

    NodeLoader(BlockStore blocks, BlockCache cache) {
        this.blocks = blocks;
        this.cache = cache;
    }

    @Override
    public Node load(long address) throws StoreException {
        Node node = cache.get(address);
        if (node == null) {
            node = decode(address, blocks.read(address));
            cache.put(address, node);
        }
        return node;
    }

    /**
     * Like {@link #load} but does not cache leaves: a raw scan over months would otherwise push every summary node
     * used by plots out of the cache. Reads through the block store's read-ahead: a scan walks leaves in time order,
     * which is mostly the order they were written in.
     */
    Node loadForScan(long address) throws StoreException {
        Node node = cache.get(address);
        return node != null ? node : cacheCore(address, decode(address, blocks.readInScan(address)));
    }

    /**
     * Like {@link #load} but does not cache leaves, for a commit: the leaves it reads are those its points go into,
     * which it writes anew, so the new version never reads them again; cached, they were promoted by the collector
     * and evicted later, under a fleet of live streams several megabytes a second.
     */
    Node loadForRewrite(long address) throws StoreException {
        Node node = cache.get(address);
        return node != null ? node : cacheCore(address, decode(address, blocks.read(address)));
    }

    private Node cacheCore(long address, Node node) {
        if (!(node instanceof Leaf)) {
            cache.put(address, node);
        }
        return node;
    }

    private Node decode(long address, ByteBuffer buf) throws StoreException {
        ByteSource in;
        if (buf.hasArray() && buf.array().length >= buf.arrayOffset() + buf.limit() + 9) {
            in = new ByteSource(buf.array(), buf.arrayOffset() + buf.position(), buf.arrayOffset() + buf.limit());
        } else {
            byte[] copy = new byte[buf.remaining() + 16];
            buf.duplicate().get(copy, 0, buf.remaining());
            in = new ByteSource(copy, 0, buf.remaining());
        }
        try {
            return NodeCodec.decode(in);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new StoreException(
                    ErrorCode.CORRUPT_DATA,
                    "block undecodable [" + blocks.describe(address) + ", error=" + e.getMessage() + "]",
                    e);
        }
    }
}
