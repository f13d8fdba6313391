// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WritableObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A file open for writing: positional writes go to the page cache at once (so reads see them), sync is fsync. */
final class FileWritableObject implements WritableObject {

    private final FileVolume volume;
    private final String name;
    private final FileChannel channel;

    FileWritableObject(FileVolume volume, String name, FileChannel channel) {
        this.volume = volume;
        this.name = name;
        this.channel = channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(long position, ByteBuffer bytes) throws StoreException {
        try {
            long at = position;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (IOException e) {
            throw Failures.io("writing object failed", dir(), name, e);
        }
    }

    @Override
    public void sync() throws StoreException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw Failures.io("syncing object failed", dir(), name, e);
        }
    }

    @Override
    public void truncate(long length) throws StoreException {
        try {
            if (channel.size() > length) {
                volume.forgetReader(name);
                channel.truncate(length);
                channel.force(true);
            }
        } catch (IOException e) {
            throw Failures.io("truncating object failed", dir(), name, e);
        }
    }

    @Override
    public long length() throws StoreException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw Failures.io("reading object length failed", dir(), name, e);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            channel.close();
        } catch (IOException e) {
            throw Failures.io("closing object failed", dir(), name, e);
        }
    }

    private Path dir() {
        return volume.root();
    }
}
