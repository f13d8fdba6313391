// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import java.nio.ByteBuffer;

/**
 * Stores immutable blocks (encoded tree nodes) under 64-bit addresses it assigns. A block, once written, is never
 * changed. Implementations frame every block with a checksum and verify it on read.
 *
 * <p>Thread-safe: writes and reads may come from many threads at once.
 */
public interface BlockStore extends AutoCloseable {

    /**
     * Appends a block (its remaining bytes) and returns its address, never 0. The block need not be durable until
     * {@link #sync()} returns.
     */
    long write(ByteBuffer block) throws StoreException;

    /**
     * Returns exactly the bytes written at {@code address}.
     *
     * @throws StoreException {@link io.qss.store.api.ErrorCode#CORRUPT_DATA} naming the block (e.g. file and offset) when
     *     its checksum does not match
     */
    ByteBuffer read(long address) throws StoreException;

    /**
     * Like {@link #read}, for a raw scan, which visits blocks mostly in the order they were written: a store may
     * read ahead and keep what it read for the next blocks.
     */
    default ByteBuffer readInScan(long address) throws StoreException {
        return read(address);
    }

    /** Makes every block written so far durable. */
    void sync() throws StoreException;

    /** Bytes occupied by all blocks, framing included. */
    long bytesUsed();

    /** Where the block lives, for error messages, e.g. {@code object=blocks/blocks-000001.seg, offset=4096}. */
    String describe(long address);

    @Override
    void close() throws StoreException;
}
