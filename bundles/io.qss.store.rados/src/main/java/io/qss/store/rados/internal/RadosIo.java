// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.qss.store.api.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Object operations in one namespace of one pool (a librados I/O context), each failure a {@link StoreException}
 * naming object, pool, namespace and errno. Thread-safe (the namespace is set once, before sharing).
 */
public final class RadosIo implements AutoCloseable {

    private final Librados rados;
    private final Pointer ioctx;
    private final String pool;
    private final String namespace;

    RadosIo(Librados rados, Pointer ioctx, String pool, String namespace) {
        this.rados = rados;
        this.ioctx = ioctx;
        this.pool = pool;
        this.namespace = namespace;
    }

    /** {@code pool=p, ns=n}, for messages. */
    public String where() {
        return "pool=" + pool + ", ns=" + namespace;
    }

    String where(String object) {
        return "object=" + object + ", " + where();
    }

    /** Size in bytes, or -1 when the object does not exist. */
    long length(String object) throws StoreException {
        LongByReference size = new LongByReference();
        int rc = rados.rados_stat(ioctx, object, size, new LongByReference());
        if (rc == -RadosErrors.ENOENT) {
            return -1;
        }
        check(rc, "reading an object's size failed", object);
        return size.getValue();
    }

    /** Reads up to {@code length} bytes from {@code position}; returns the count, -1 when the object does not exist. */
    int read(String object, long position, byte[] into, int offset, int length) throws StoreException {
        int rc = rados.rados_read(ioctx, object, ByteBuffer.wrap(into, offset, length), length, position);
        if (rc == -RadosErrors.ENOENT) {
            return -1;
        }
        check(rc, "reading an object failed", object);
        return rc;
    }

    /** Writes the remaining bytes of {@code bytes} at {@code position} and waits for the OSD's commit. */
    void write(String object, long position, ByteBuffer bytes) throws StoreException {
        check(rados.rados_write(ioctx, object, bytes, bytes.remaining(), position), "writing an object failed", object);
    }

    /** Replaces the object's content atomically (creating it), waiting for the OSD's commit. */
    void writeFull(String object, byte[] content) throws StoreException {
        int rc = rados.rados_write_full(ioctx, object, ByteBuffer.wrap(content), content.length);
        check(rc, "replacing an object failed", object);
    }

    /**
     * Starts an asynchronous write of the remaining bytes of {@code bytes} at {@code position}; the bytes are copied
     * into native memory that the returned write keeps until it completes.
     */
    PendingWrite writeAsync(String object, long position, ByteBuffer bytes) throws StoreException {
        int length = bytes.remaining();
        Memory buffer = new Memory(Math.max(1, length));
        buffer.getByteBuffer(0, length).put(bytes.duplicate());
        PointerByReference completion = new PointerByReference();
        check(rados.rados_aio_create_completion(null, null, null, completion), "starting a write failed", object);
        int rc = rados.rados_aio_write(ioctx, object, completion.getValue(), buffer, length, position);
        if (rc < 0) {
            rados.rados_aio_release(completion.getValue());
            throw RadosErrors.failure("starting a write failed", where(object) + ", offset=" + position, rc);
        }
        return new PendingWrite(rados, completion.getValue(), buffer, position, length);
    }

    /** Cuts (or extends with zeros) the object to {@code length} bytes. */
    void truncate(String object, long length) throws StoreException {
        check(rados.rados_trunc(ioctx, object, length), "truncating an object failed", object);
    }

    /** Removes the object; returns false when it did not exist. */
    boolean remove(String object) throws StoreException {
        int rc = rados.rados_remove(ioctx, object);
        if (rc == -RadosErrors.ENOENT) {
            return false;
        }
        check(rc, "removing an object failed", object);
        return true;
    }

    /** Names of every object in the namespace, unordered. */
    List<String> listAll() throws StoreException {
        PointerByReference context = new PointerByReference();
        check(rados.rados_nobjects_list_open(ioctx, context), "listing objects failed", "*");
        try {
            List<String> names = new ArrayList<>();
            PointerByReference entry = new PointerByReference();
            while (true) {
                int rc = rados.rados_nobjects_list_next(context.getValue(), entry, null, null);
                if (rc == -RadosErrors.ENOENT) {
                    return names;
                }
                check(rc, "listing objects failed", "*");
                names.add(entry.getValue().getString(0, StandardCharsets.UTF_8.name()));
            }
        } finally {
            rados.rados_nobjects_list_close(context.getValue());
        }
    }

    /** Takes or renews an exclusive cls_lock for {@code seconds}; returns librados' result (0, -EBUSY, -ENOENT...). */
    int lockExclusive(String object, String lock, String cookie, String description, int seconds, byte flags) {
        return rados.rados_lock_exclusive(
                ioctx, object, lock, cookie, description, new Librados.TimeVal(seconds), flags);
    }

    /** Releases a lock held with {@code cookie}; a lock that expired or was broken is not an error. */
    void unlock(String object, String lock, String cookie) throws StoreException {
        int rc = rados.rados_unlock(ioctx, object, lock, cookie);
        if (rc != -RadosErrors.ENOENT) {
            check(rc, "releasing a lock failed", object);
        }
    }

    /** Cookies of the current holders of a lock (expired holders may still be listed). */
    List<String> lockCookies(String object, String lock) throws StoreException {
        int size = 1024;
        while (true) {
            LongByReference tagLength = new LongByReference(size);
            LongByReference clientsLength = new LongByReference(size);
            LongByReference cookiesLength = new LongByReference(size);
            LongByReference addressesLength = new LongByReference(size);
            byte[] cookies = new byte[size];
            long rc = rados.rados_list_lockers(
                    ioctx,
                    object,
                    lock,
                    new int[1],
                    new byte[size],
                    tagLength,
                    new byte[size],
                    clientsLength,
                    cookies,
                    cookiesLength,
                    new byte[size],
                    addressesLength);
            if (rc == -RadosErrors.ERANGE) {
                size *= 4;
            } else if (rc == -RadosErrors.ENOENT) {
                return List.of();
            } else {
                check(rc, "listing a lock's holders failed", object);
                return splitNulTerminated(cookies, (int) rc);
            }
        }
    }

    private static List<String> splitNulTerminated(byte[] strings, int count) {
        List<String> result = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i < strings.length && result.size() < count; i++) {
            if (strings[i] == 0) {
                result.add(new String(strings, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return result;
    }

    private void check(long rc, String what, String object) throws StoreException {
        if (rc < 0) {
            throw RadosErrors.failure(what, where(object), rc);
        }
    }

    @Override
    public void close() {
        rados.rados_ioctx_destroy(ioctx);
    }
}
