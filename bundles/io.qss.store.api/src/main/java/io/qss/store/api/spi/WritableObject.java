// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

import io.qss.store.api.StoreException;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One object open for writing. Writes may be asynchronous (a backend may keep many in flight) but are visible to
 * {@link StoreVolume#read} as soon as {@link #write} returns; they are durable once {@link #sync} returns.
 *
 * <p>Thread-safe: writes to disjoint ranges may come from several threads; a sync covers every write that returned
 * before it was called, from any thread.
 */
@ConsumerType
public interface WritableObject extends AutoCloseable {

    /** The object's name in its volume. */
    String name();

    /** Writes the remaining bytes of {@code bytes} at {@code position} (at most the current length: no holes). */
    void write(long position, ByteBuffer bytes) throws StoreException;

    /** Makes every write that returned before this call durable. */
    void sync() throws StoreException;

    /** Cuts the object to {@code length} bytes, durably (frees space; works on a full disk). */
    void truncate(long length) throws StoreException;

    /** Current length in bytes, writes in flight included. */
    long length() throws StoreException;

    /** Waits for writes in flight (without syncing them) and releases the object. */
    @Override
    void close() throws StoreException;
}
