// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.RawFrame;

/** What a {@link FrameServer} serves: it answers clients' frames and sends frames when its clock says so. */
public interface FrameHandler {

    /** A client connected. */
    void connected(Connection connection);

    /** A whole frame with a correct CRC arrived from {@code connection}. */
    void received(Connection connection, RawFrame frame);

    /** {@code connection} closed. */
    void disconnected(Connection connection);

    /**
     * Sends what is due at {@code nowNanos} (epoch nanoseconds) and returns the epoch nanoseconds at which it wants
     * to be called next.
     */
    long tick(long nowNanos);
}
