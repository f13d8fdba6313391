// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.StoreException;
import io.qss.store.internal.codec.ByteSink;

/**
 * Writes the unwritten nodes of a tree bottom-up, children before parents, so that a parent block only ever names
 * blocks already written. Returns the root's address. Not thread-safe; one per commit.
 */
public final class TreePersister {

    /** Stores one encoded node and returns its address; also the place to cache the node. */
    @FunctionalInterface
    public interface BlockSink {
        long write(Node node, ByteSink encoded) throws StoreException;
    }

    private final BlockSink sink;
    private final ByteSink buffer = new ByteSink(16 * 1024);
    private long bytesWritten;

    public TreePersister(BlockSink sink) {
        this.sink = sink;
    }

    public long persistRoot(Core root) throws StoreException {
        return write(storedCopy(root));
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    private long persist(Node node) throws StoreException {
        return node instanceof Core core ? write(storedCopy(core)) : write(node);
    }

    private Core storedCopy(Core core) throws StoreException {
        if (!core.hasPendingChildren()) {
            return core;
        }
        Core.Editor editor = core.edit();
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            Node child = core.pendingChild(i);
            if (child != null) {
                editor.setStored(i, persist(child), child);
            }
        }
        return editor.build();
    }

    private long write(Node node) throws StoreException {
        buffer.clear();
        NodeCodec.encode(node, buffer);
        bytesWritten += buffer.size();
        return sink.write(node, buffer);
    }
}
