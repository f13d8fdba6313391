// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.util.List;

/**
 * A real volume (the file backend's) that can be switched off: while down every call fails as {@code UNAVAILABLE},
 * as a cluster that does not answer. Thread-safe.
 */
final class SwitchableVolume implements StoreVolume {

    private final StoreVolume real;
    volatile boolean isDown;

    SwitchableVolume(StoreVolume real) {
        this.real = real;
    }

    /** A backend named {@code name} whose every open returns this volume. */
    StoreBackend backend(String name) {
        return new StoreBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StoreVolume open(String location) throws StoreException {
                check("opening");
                return SwitchableVolume.this;
            }
        };
    }

    private void check(String what) throws StoreException {
        if (isDown) {
            throw new StoreException(ErrorCode.UNAVAILABLE, what + " failed [volume=test, error=cluster down]");
        }
    }

    @Override
    public String describe() {
        return "test:" + real.describe();
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        check("listing");
        return real.list(prefix);
    }

    @Override
    public long length(String name) throws StoreException {
        check("length");
        return real.length(name);
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        check("reading");
        return real.read(name, position, into, offset, length);
    }

    @Override
    public byte[] readAll(String name) throws StoreException {
        check("reading");
        return real.readAll(name);
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        check("opening for writing");
        return real.openWritable(name, validEnd);
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        check("replacing " + name);
        real.replace(name, content);
    }

    @Override
    public void delete(String name) throws StoreException {
        check("deleting " + name);
        real.delete(name);
    }

    @Override
    public WriterLease acquireWriter(String holder) throws StoreException {
        check("taking the lease");
        return real.acquireWriter(holder);
    }

    @Override
    public VolumeSpace space() throws StoreException {
        check("space");
        return real.space();
    }

    @Override
    public void probeWrite() throws StoreException {
        check("probe write");
        real.probeWrite();
    }

    @Override
    public void close() {
        // shared by the nodes of a test: the test closes the real volume
    }
}
