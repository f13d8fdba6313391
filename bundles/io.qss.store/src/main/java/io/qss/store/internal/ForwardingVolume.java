// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A volume that hands every call to another one: the base of volumes that watch or change a few calls and pass the
 * rest through. Its objects open for writing pass through the same way ({@link ForwardingObject}).
 */
abstract class ForwardingVolume implements StoreVolume {

    private final StoreVolume volume;

    ForwardingVolume(StoreVolume volume) {
        this.volume = volume;
    }

    @Override
    public String describe() {
        return volume.describe();
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        return volume.list(prefix);
    }

    @Override
    public long length(String name) throws StoreException {
        return volume.length(name);
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        return volume.read(name, position, into, offset, length);
    }

    @Override
    public byte[] readAll(String name) throws StoreException {
        return volume.readAll(name);
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        return volume.openWritable(name, validEnd);
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        volume.replace(name, content);
    }

    @Override
    public void delete(String name) throws StoreException {
        volume.delete(name);
    }

    @Override
    public WriterLease acquireWriter(String holder) throws StoreException {
        return volume.acquireWriter(holder);
    }

    @Override
    public VolumeSpace space() throws StoreException {
        return volume.space();
    }

    @Override
    public long maxObjectBytes() {
        return volume.maxObjectBytes();
    }

    @Override
    public void probeWrite() throws StoreException {
        volume.probeWrite();
    }

    @Override
    public void close() throws IOException {
        volume.close();
    }

    /** An object open for writing that hands every call to another one. */
    abstract static class ForwardingObject implements WritableObject {

        private final WritableObject object;

        ForwardingObject(WritableObject object) {
            this.object = object;
        }

        @Override
        public String name() {
            return object.name();
        }

        @Override
        public void write(long position, ByteBuffer bytes) throws StoreException {
            object.write(position, bytes);
        }

        @Override
        public void sync() throws StoreException {
            object.sync();
        }

        @Override
        public void truncate(long length) throws StoreException {
            object.truncate(length);
        }

        @Override
        public long length() throws StoreException {
            return object.length();
        }

        @Override
        public void close() throws StoreException {
            object.close();
        }
    }
}
