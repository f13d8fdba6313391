// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * The operating system's exclusive lock on the volume's {@code LOCK} file. The system drops it when the process
 * dies, even by kill -9, and never takes it away from a live one, so {@link #check} has nothing to verify. The file
 * holds the holder's name, for the message a second opener gets; its content means nothing else.
 */
final class FileLease implements WriterLease {

    private static final int PROBE_BYTES = 4096;

    private final Path file;
    private final String holder;
    private final FileChannel channel;
    private final FileLock lock;
    private final long holderBytes;

    FileLease(Path file, String holder, FileChannel channel, FileLock lock, long holderBytes) {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
        this.holderBytes = holderBytes;
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public void check() {
        // the operating system never revokes a file lock from a live process
    }

    /**
     * A synced page written into the lock file past the holder's name and cut off again: proves the file system takes
     * a synced write without leaving a file behind that a backup could trip over.
     */
    void probeWrite() throws IOException {
        channel.write(ByteBuffer.allocate(PROBE_BYTES), holderBytes);
        channel.force(false);
        channel.truncate(holderBytes);
    }

    boolean isValid() {
        return lock.isValid();
    }

    @Override
    public void close() throws StoreException {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw Failures.io("releasing store lock failed", file.getParent(), e);
        }
    }
}
