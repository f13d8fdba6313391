// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

/**
 * What a {@link BaseLink} reports, in order, on the network loop's thread: implementations must only record or hand
 * off, never block.
 */
public interface LinkListener {

    /** The TCP connection is established, or the UDP port bound. */
    void up();

    /** Bytes arrived: a piece of the TCP stream, or one whole UDP datagram. The array is the listener's to keep. */
    void received(byte[] bytes);

    /** The connection was lost or could not be made for {@code reason}; the link tries again in {@code retryMillis}. */
    void down(String reason, long retryMillis);
}
