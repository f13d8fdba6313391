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
        return load(address, true);
    }

    /**
     * Like {@link #load} but does not cache leaves: a raw scan over months would otherwise push every summary node
     * used by plots out of the cache. Reads through the block store's read-ahead: a scan walks leaves in time order,
     * which is mostly the order they were written in.
     */
    Node loadForScan(long address) throws StoreException {
        return load(address, false);
    }

    private Node load(long address, boolean cacheLeaves) throws StoreException {
        Node node = cache.get(address);
        if (node != null) {
            return node;
        }
        node = decode(address, cacheLeaves ? blocks.read(address) : blocks.readInScan(address));
        if (cacheLeaves || !(node instanceof Leaf)) {
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
