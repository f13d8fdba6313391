// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

import io.qss.store.api.StoreException;
import java.io.Closeable;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The bytes of one store: named objects (flat names of letters, digits, {@code .-_/}), each written at positions
 * through a {@link WritableObject} or replaced whole. Failures throw {@link StoreException} with {@code IO_ERROR}
 * (or {@code UNAVAILABLE} when the backend cannot be reached in time) and a message naming the object. No call
 * blocks forever: a backend bounds every operation with a timeout.
 *
 * <p>Thread-safe. Reads see every write that returned, synced or not, from this process.
 */
@ConsumerType
public interface StoreVolume extends Closeable {

    /** Where the bytes live, for messages and status, e.g. {@code dir=/var/qss/store} or {@code pool=qss, ns=store}. */
    String describe();

    /** Names of every object whose name starts with {@code prefix}, in ascending order. */
    List<String> list(String prefix) throws StoreException;

    /** Length of an object in bytes, or -1 when it does not exist. */
    long length(String name) throws StoreException;

    /**
     * Reads up to {@code length} bytes of an object from {@code position} into {@code into[offset..]}.
     *
     * @return bytes read; fewer than asked only at the object's end, -1 when the object does not exist
     */
    int read(String name, long position, byte[] into, int offset, int length) throws StoreException;

    /** The whole content of an object, or null when it does not exist. */
    byte[] readAll(String name) throws StoreException;

    /**
     * Opens an object for writing, creating it empty if absent (durably: after a crash it exists). Bytes at and past
     * {@code validEnd} are cut off first (a torn tail after a crash); pass {@link Long#MAX_VALUE} to keep them.
     * At most one {@link WritableObject} per object is open at a time, within the writer lease.
     */
    WritableObject openWritable(String name, long validEnd) throws StoreException;

    /** Replaces an object's content atomically and durably: after a crash it holds either the old or the new bytes. */
    void replace(String name, byte[] content) throws StoreException;

    /** Deletes an object, durably; an absent object is ignored. Readers still reading it may fail. */
    void delete(String name) throws StoreException;

    /**
     * Takes the writer lease: while it is held, no other process writes this volume.
     *
     * @param holder who asks, for the other side's error message (e.g. {@code host:pid})
     * @throws StoreException {@code UNAVAILABLE} naming the current holder when another process holds it
     */
    WriterLease acquireWriter(String holder) throws StoreException;

    /** Capacity and free space where the objects live; -1 for what the backend cannot tell. */
    VolumeSpace space() throws StoreException;

    /**
     * Largest object this volume can hold, in bytes; {@link Long#MAX_VALUE} when it sets no limit (files). The engine
     * keeps its log and block segments below it.
     */
    default long maxObjectBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Proves that a small synced write succeeds now (full disk, read-only mount, an unreachable or full cluster),
     * leaving nothing behind.
     */
    void probeWrite() throws StoreException;
}
