// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The device side of the transfer protocol: one long-lived connection, one file in flight, each file acknowledged
 * by its echoed sendid. Connects lazily and reconnects after failures. Not thread-safe: one sender per device.
 * Close it to release the socket.
 */
@ProviderType
public interface UpmuSender extends AutoCloseable {

    /**
     * One attempt: connects if needed, sends the message and waits for the reply. Blocking.
     *
     * @return true when acknowledged, false when the receiver answered anything else (connection kept)
     * @throws IOException when connecting, writing or reading the reply fails (connection dropped)
     */
    boolean sendOnce(String path, byte[] data) throws IOException;

    /**
     * Sends until acknowledged or {@code maxAttempts} are used, with doubling backoff and reconnects between
     * attempts. Never throws on network failure: the outcome says.
     *
     * @throws InterruptedException when interrupted while backing off
     */
    SendOutcome send(String path, byte[] data) throws InterruptedException;

    /**
     * Sends every {@code .dat} file under the given roots in sorted path order, as a device does: a directory's
     * files are sent with their path relative to it, a file given directly with its bare name. Files that are not
     * acknowledged are reported and the transfer goes on with the next file.
     *
     * @throws IOException          when a directory cannot be listed or a file read
     * @throws InterruptedException when interrupted while backing off
     */
    TransferReport sendAll(List<Path> roots, TransferListener listener) throws IOException, InterruptedException;

    /** The sendid of the last message sent; 0 before the first. */
    long lastSendId();

    /** Closes the connection, if any. */
    @Override
    void close();
}
