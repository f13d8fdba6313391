// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;

/**
 * The part of librados' C API (librados.h, Ceph 16) that the backend uses, bound with JNA. Functions return 0 or a
 * count on success and a negative errno on failure. {@code size_t} and {@code uint64_t} are Java {@code long}: the
 * backend supports 64-bit Linux only, where both are 8 bytes.
 *
 * <p>librados is thread-safe; a cluster handle and its I/O contexts may be shared between threads, except that an
 * I/O context's namespace must not change while it is in use (the backend sets it once).
 */
interface Librados extends Library {

    /** Loaded once: JNA finds {@code librados.so.2} on the library path (no development package needed). */
    static Librados load() {
        return Native.load("rados", Librados.class);
    }

    /** cls_lock flag: renew a lock this client holds, or take it if nobody does. */
    byte LOCK_FLAG_MAY_RENEW = 0x1;

    /** cls_lock flag: renew a lock this client holds; fail with -ENOENT when it holds it no longer. */
    byte LOCK_FLAG_MUST_RENEW = 0x2;

    int rados_create2(PointerByReference cluster, String clusterName, String userName, long flags);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_set(Pointer cluster, String option, String value);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    int rados_cluster_stat(Pointer cluster, ClusterStat result);

    int rados_ioctx_create(Pointer cluster, String poolName, PointerByReference ioctx);

    void rados_ioctx_destroy(Pointer ioctx);

    void rados_ioctx_set_namespace(Pointer ioctx, String namespace);

    int rados_write(Pointer ioctx, String oid, ByteBuffer buf, long len, long off);

    int rados_write_full(Pointer ioctx, String oid, ByteBuffer buf, long len);

    int rados_read(Pointer ioctx, String oid, ByteBuffer buf, long len, long off);

    int rados_stat(Pointer ioctx, String oid, LongByReference size, LongByReference mtime);

    int rados_remove(Pointer ioctx, String oid);

    int rados_trunc(Pointer ioctx, String oid, long size);

    int rados_aio_create_completion(Pointer cbArg, Pointer cbComplete, Pointer cbSafe, PointerByReference completion);

    int rados_aio_write(Pointer ioctx, String oid, Pointer completion, Pointer buf, long len, long off);

    int rados_aio_wait_for_complete(Pointer completion);

    int rados_aio_get_return_value(Pointer completion);

    void rados_aio_release(Pointer completion);

    int rados_nobjects_list_open(Pointer ioctx, PointerByReference context);

    int rados_nobjects_list_next(
            Pointer context, PointerByReference entry, PointerByReference key, PointerByReference namespace);

    void rados_nobjects_list_close(Pointer context);

    int rados_lock_exclusive(
            Pointer ioctx, String oid, String name, String cookie, String description, TimeVal duration, byte flags);

    int rados_unlock(Pointer ioctx, String oid, String name, String cookie);

    long rados_list_lockers(
            Pointer ioctx,
            String oid,
            String name,
            int[] exclusive,
            byte[] tag,
            LongByReference tagLength,
            byte[] clients,
            LongByReference clientsLength,
            byte[] cookies,
            LongByReference cookiesLength,
            byte[] addresses,
            LongByReference addressesLength);

    /** {@code struct timeval}: a lock's duration. */
    @Structure.FieldOrder({"seconds", "microseconds"})
    final class TimeVal extends Structure {
        public long seconds;
        public long microseconds;

        TimeVal(long seconds) {
            this.seconds = seconds;
        }
    }

    /** {@code struct rados_cluster_stat_t}: capacity in KiB. */
    @Structure.FieldOrder({"kb", "kbUsed", "kbAvailable", "objects"})
    final class ClusterStat extends Structure {
        public long kb;
        public long kbUsed;
        public long kbAvailable;
        public long objects;
    }
}
